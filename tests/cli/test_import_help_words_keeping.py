"""``help_levels``, ``maintenance`` and cue words in a home-program file (issue 26, points 5-7).

Read, checked with messages by place, exported so that the export imports back unchanged;
different cue words in one goal are a warning that names both, never a refusal.
"""

from __future__ import annotations

import pytest

from family_tui.domain.models import Assistance, Maintenance
from family_tui.storage import FamilyStore

PROGRAM = """\
format = "family-tui/program@1"

[[children]]
id = "zoe"
name = "Zoë"

[[therapists]]
id = "rivera"
name = "Ms. Rivera"
discipline = "SLP"
children = ["zoe"]
{therapist}

[[routines]]
id = "breakfast"
name = "Breakfast"
time = "07:15"

[[routines]]
id = "bath"
name = "Bath time"
time = "19:00"

[[goals]]
id = "zoe-r"
child = "zoe"
discipline = "SLP"
title = "Say /r/ at the start of words"
{goal}

  [[goals.strategies]]
  title = "Tiger words at breakfast"
  cue = "{cue}"
  routines = ["breakfast"]

  [[goals.strategies]]
  title = "Tiger toys in the bath"
  cue = "Tiger growl"
  routines = ["bath"]
"""


def text(therapist: str = "", goal: str = "", cue: str = "Tiger growl") -> str:
    return PROGRAM.format(therapist=therapist, goal=goal, cue=cue)


def test_help_levels_and_maintenance_are_read_and_an_export_imports_back_unchanged(cli, program_file, data_dir, clock):
    path = program_file(
        text('help_levels = ["independent", "Visual or gesture cue", "verbal", "model"]', 'maintenance = "weekly"')
    )
    assert cli("import", path).code == 0
    program = FamilyStore(data_dir, clock=clock).program()
    assert program.therapists[0].help_levels == [
        Assistance.INDEPENDENT,
        Assistance.VISUAL,
        Assistance.VERBAL,
        Assistance.MODEL,
    ]
    assert program.goal("zoe-r").maintenance is Maintenance.WEEKLY
    exported = cli("export-program").out
    assert 'help_levels = ["independent", "visual", "verbal", "model"]\n' in exported
    assert 'maintenance = "weekly"\n' in exported
    result = cli("import", program_file(exported, name="again.toml"))
    assert result.code == 0 and result.out.startswith("Nothing to change"), result.out


def test_left_out_they_stay_out_of_the_export(cli, program_file):
    assert cli("import", program_file(text())).code == 0
    exported = cli("export-program").out
    assert "help_levels" not in exported and "maintenance" not in exported


@pytest.mark.parametrize(
    ("therapist", "goal", "message"),
    [
        (
            'help_levels = ["independent", "nudge"]',
            "",
            'home.toml: therapists[0].help_levels: "nudge" is not a level of help; use one of',
        ),
        (
            'help_levels = ["verbal", "Verbal cue"]',
            "",
            'home.toml: therapists[0].help_levels: "Verbal cue" is named twice',
        ),
        (
            "help_levels = []",
            "",
            "home.toml: therapists[0].help_levels: should be a list of the levels of help she uses",
        ),
        (
            "",
            'maintenance = "daily"',
            'home.toml: goals[0].maintenance: "daily" is not how often to check a met goal; use "weekly"',
        ),
    ],
)
def test_mistakes_are_named_by_place(cli, program_file, data_dir, therapist, goal, message):
    result = cli("import", program_file(text(therapist, goal)))
    assert result.code == 1
    assert message in result.err, result.err
    assert not (data_dir / "family.json").exists()


WARNING = (
    'family-tui: warning: the goal "Say /r/ at the start of words" has different cue words: '
    '"Tiger growl: rrr, tongue back" (Tiger words at breakfast) and "Tiger growl" (Tiger toys in the bath). '
    "Everyone saying the same words helps the child learn the cue: give the strategies one cue in the file "
    "and import again, or change it in the program editor.\n"
)


@pytest.mark.parametrize("dry_run", [True, False])
def test_different_cue_words_are_a_warning_naming_both_and_the_import_goes_ahead(
    cli, program_file, data_dir, clock, dry_run
):
    result = cli("import", *(["--dry-run"] if dry_run else []), program_file(text(cue="Tiger growl: rrr, tongue back")))
    assert result.code == 0, result.err
    assert result.err == WARNING
    if not dry_run:
        assert len(FamilyStore(data_dir, clock=clock).program().strategies) == 2


def test_the_same_cue_in_other_case_and_punctuation_is_no_warning(cli, program_file):
    result = cli("import", program_file(text(cue="tiger growl!")))
    assert result.code == 0 and result.err == ""
