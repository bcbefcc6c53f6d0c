"""``[goals.mastery]`` in a home-program file: read, checked with messages naming the goal, exported again."""

from __future__ import annotations

from family_tui.domain.models import Assistance, Mastery
from family_tui.storage import FamilyStore

PROGRAM = """\
format = "family-tui/program@1"

[[children]]
id = "leo"
name = "Leo"

[[routines]]
id = "breakfast"
name = "Breakfast"
time = "07:15"

[[goals]]
id = "leo-s"
child = "leo"
discipline = "SLP"
title = "Say /s/ at the start of words"

  [goals.mastery]
{mastery}

  [[goals.strategies]]
  title = "S-words at breakfast"
  routines = ["breakfast"]
"""


def test_mastery_is_read_with_a_level_by_name_or_label(cli, program_file, data_dir, clock):
    for level in ('"verbal"', '"Verbal cue"'):
        path = program_file(PROGRAM.format(mastery=f"  percent = 80\n  days = 3\n  level = {level}"))
        assert cli("import", path).code == 0
        goal = FamilyStore(data_dir, clock=clock).program().goal("leo-s")
        assert goal.mastery == Mastery(percent=80, days=3, level=Assistance.VERBAL)


def test_mistakes_name_the_goal_and_say_what_to_write(cli, program_file):
    path = program_file(PROGRAM.format(mastery='  percent = 180\n  days = "three"\n  level = "verbl"\n  when = 1'))
    result = cli("import", path)
    assert result.code == 1
    goal = 'goals[0].mastery.{} (goal "Say /s/ at the start of words")'
    assert f"{goal.format('percent')}: 180 should be a whole number from 1 to 100" in result.err
    assert "such as percent = 80" in result.err
    assert f'{goal.format("days")}: "three" should be a whole number of practised days' in result.err
    assert f'{goal.format("level")}: "verbl" is not a level of help; use one of "independent", "verbal"' in result.err
    assert 'unknown key "when"; the keys allowed here are: percent, days, level' in result.err


def test_a_missing_percent_is_named(cli, program_file):
    result = cli("import", program_file(PROGRAM.format(mastery="  days = 3")))
    assert result.code == 1
    assert 'goals[0].mastery (goal "Say /s/ at the start of words"): "percent" is missing' in result.err


def test_export_writes_mastery_and_importing_it_again_changes_nothing(cli, program_file, tmp_path):
    assert (
        cli("import", program_file(PROGRAM.format(mastery='  percent = 80\n  days = 3\n  level = "independent"'))).code
        == 0
    )
    exported = cli("export-program").out
    assert '  [goals.mastery]\n  percent = 80\n  days = 3\n  level = "independent"\n' in exported
    again = program_file(exported, name="again.toml")
    result = cli("import", again)
    assert result.code == 0 and result.out.startswith("Nothing to change")


def test_a_goal_without_mastery_stays_without(cli, program_file, data_dir, clock):
    text = PROGRAM.replace("  [goals.mastery]\n{mastery}\n", "")
    assert cli("import", program_file(text)).code == 0
    assert FamilyStore(data_dir, clock=clock).program().goal("leo-s").mastery is None
    assert "mastery" not in cli("export-program").out
