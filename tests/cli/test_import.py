"""``family-tui import``: the therapist's file goes in whole, or not at all, and says why."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from family_tui.domain.models import Discipline, GoalStatus, Program
from family_tui.domain.program_file import (
    ProgramFileError,
    load_program_file,
    plan_import,
)
from family_tui.storage import FamilyStore
from family_tui.usecases.program_import import import_program
from tests.storage.storage_helpers import state

from .conftest import FIXTURE_PROGRAM, SHARED_PROGRAM, run_console_script

NOTHING_TO_CHANGE = "Nothing to change: the program is already up to date."


def main_file(data_dir: Path) -> bytes:
    return (state(data_dir) / "family.json").read_bytes()


# -- the example file ---------------------------------------------------------------------


def test_the_example_imports_as_it_stands(cli, data_dir: Path):
    result = cli("import", FIXTURE_PROGRAM)

    assert result.code == 0, result.err
    # One change a line, grouped by kind, under a line that sums it up (not one line of 900 characters).
    lines = result.out.splitlines()
    assert lines[:6] == [
        "Added 18 records.",
        "Added:",
        "  child Leo",
        "  caregiver Mom",
        "  caregiver Dad",
        "  caregiver Grandpa Joe",
    ]
    assert "  routine Bath time" in lines
    assert "  strategy Step-over-step on the way to the bath" in lines
    assert len(lines) == 2 + 18 + 2 and max(len(line) for line in lines) < 80
    # Then the minutes a day the program plans for each child, against the usual aim.
    assert lines[-2:] == ["Planned practice a day:", "  Leo: 12 min on weekdays, 8 at weekends; aim 5-10 a child."]
    program = FamilyStore(data_dir).program()
    assert [c.id for c in program.children] == ["leo"]
    assert [c.id for c in program.caregivers] == ["mom", "dad", "grandpa-joe"]  # made from names
    assert [t.id for t in program.therapists] == ["ms-rivera", "mr-chen", "dr-okafor"]
    assert [r.id for r in program.routines] == ["breakfast", "dressing", "bath", "bedtime-book"]
    assert len(program.routines[0].days) == 7 and len(program.routines[1].days) == 5
    assert [g.id for g in program.goals] == ["leo-s-start", "leo-buttons", "leo-stairs"]
    strategies = {s.id: s for s in program.strategies}
    assert set(strategies) == {"snack-s-words", "bath-s-toys", "button-bottom-up", "stairs-to-bath"}
    assert strategies["snack-s-words"].goal == "leo-s-start"
    assert strategies["snack-s-words"].uses_trials is True  # speech: tries are counted
    assert strategies["button-bottom-up"].uses_trials is False
    assert strategies["snack-s-words"].how.startswith('Offer a choice of two foods that start with /s/ ("soup')


def test_the_fixture_is_a_verbatim_copy_of_the_shared_example():
    if not SHARED_PROGRAM.exists():
        pytest.skip("the shared example is not next to this checkout")
    assert FIXTURE_PROGRAM.read_bytes() == SHARED_PROGRAM.read_bytes()


def test_the_shared_example_imports_as_it_stands(cli, data_dir: Path):
    if not SHARED_PROGRAM.exists():
        pytest.skip("the shared example is not next to this checkout")
    result = cli("import", SHARED_PROGRAM)
    assert result.code == 0, result.err
    assert "  child Leo" in result.out.splitlines()
    assert len(FamilyStore(data_dir).program().strategies) == 4


def test_new_goals_start_today_and_practice_history_keys_stay_stable(data_dir: Path):
    store = FamilyStore(data_dir)
    plan = import_program(store, FIXTURE_PROGRAM, today=date(2026, 11, 26))
    assert {g.created for g in store.program().goals} == {date(2026, 11, 26)}
    assert len(plan.saves) == 1 + 3 + 3 + 4 + 3 + 4


def test_importing_the_same_file_again_changes_nothing(cli, data_dir: Path):
    assert cli("import", FIXTURE_PROGRAM).code == 0
    before = main_file(data_dir)
    modified = (state(data_dir) / "family.json").stat().st_mtime_ns

    result = cli("import", FIXTURE_PROGRAM)

    assert result.code == 0
    assert result.out.splitlines()[0] == NOTHING_TO_CHANGE
    assert main_file(data_dir) == before
    assert (state(data_dir) / "family.json").stat().st_mtime_ns == modified  # not even rewritten


def test_dry_run_says_what_would_change_and_writes_nothing(cli, data_dir: Path):
    FamilyStore(data_dir)  # an empty family
    before = main_file(data_dir)

    result = cli("import", "--dry-run", FIXTURE_PROGRAM)

    assert result.code == 0
    assert result.out.startswith("Would add 18 records.\nWould add:\n  child Leo\n  caregiver Mom\n")
    assert "nothing was changed" in result.out
    assert main_file(data_dir) == before
    assert FamilyStore(data_dir).program() == Program()


def test_a_changed_file_updates_only_what_changed_and_keeps_the_familys_choices(
    cli, data_dir: Path, program_file, example_text: str
):
    assert cli("import", FIXTURE_PROGRAM).code == 0
    store = FamilyStore(data_dir)
    program = store.program()
    bedtime = program.routine("bedtime-book").model_copy(update={"archived": True, "order": 4})
    snack = program.strategy("snack-s-words").model_copy(update={"uses_trials": False})
    goal = program.goal("leo-buttons").model_copy(update={"created": date(2026, 1, 5), "status": GoalStatus.PAUSED})
    store.save_many([bedtime, snack, goal])
    edited = program_file(
        example_text.replace('cue = "Pinch, push, pull"', 'cue = "Pinch, push, pull through"').replace(
            'name = "Bath time"', 'name = "Bath"'
        )
    )

    dry = cli("import", "--dry-run", edited)
    assert dry.out.splitlines()[:4] == [
        "Would update 2 records.",
        "Would update:",
        "  routine Bath (name)",
        "  strategy Buttons from the bottom up (cue)",
    ]

    result = cli("import", edited)

    assert result.code == 0
    assert result.out.splitlines()[:4] == [
        "Updated 2 records.",
        "Updated:",
        "  routine Bath (name)",
        "  strategy Buttons from the bottom up (cue)",
    ]
    after = FamilyStore(data_dir).program()
    assert after.strategy("button-bottom-up").cue == "Pinch, push, pull through"
    assert after.routine("bath").name == "Bath"
    assert after.routine("bedtime-book").archived is True and after.routine("bedtime-book").order == 4
    assert after.strategy("snack-s-words").uses_trials is False
    assert after.goal("leo-buttons").created == date(2026, 1, 5)
    assert after.goal("leo-buttons").status is GoalStatus.PAUSED


def test_import_never_deletes_and_says_what_it_left(cli, data_dir: Path, program_file, example_text: str):
    assert cli("import", FIXTURE_PROGRAM).code == 0
    smaller = example_text.replace('[[caregivers]]\nname = "Grandpa Joe"\n', "").replace(
        'title = "Buttons from the bottom up"', 'title = "Buttons, bottom up"'
    )
    result = cli("import", program_file(smaller))
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[lines.index("Not in the file, left as they are:") + 1] == "  caregiver Grandpa Joe"
    assert FamilyStore(data_dir).program().caregiver("grandpa-joe") is not None


def test_the_whole_change_is_one_write(data_dir: Path, monkeypatch):
    store = FamilyStore(data_dir)
    calls = []
    original = store.apply_changes
    monkeypatch.setattr(store, "apply_changes", lambda saves, deletes=(): calls.append(1) or original(saves, deletes))
    monkeypatch.setattr(store, "save_many", lambda *a: pytest.fail("import must use apply_changes once"))
    monkeypatch.setattr(store, "save", lambda *a: pytest.fail("import must use apply_changes once"))
    import_program(store, FIXTURE_PROGRAM)
    import_program(store, FIXTURE_PROGRAM)
    import_program(store, FIXTURE_PROGRAM, dry_run=True)
    assert calls == [1]


def test_plan_import_keeps_fields_the_file_does_not_carry():
    incoming = load_program_file(FIXTURE_PROGRAM)
    first = plan_import(Program(), incoming, date(2026, 3, 1))
    current = Program(
        **{
            name: [r for r in first.saves if type(r).__name__.lower() == kind]
            for name, kind in [
                ("children", "child"),
                ("caregivers", "caregiver"),
                ("therapists", "therapist"),
                ("routines", "routine"),
                ("goals", "goal"),
                ("strategies", "strategy"),
            ]
        }
    )
    assert plan_import(current, incoming, date(2026, 4, 1)).saves == []
    assert plan_import(current, incoming, date(2026, 4, 1)).lines(dry_run=True)[0] == NOTHING_TO_CHANGE
    assert current.goal("leo-stairs").created == date(2026, 3, 1)
    assert current.therapists[0].discipline is Discipline.SLP


# -- errors ------------------------------------------------------------------------------

BROKEN = [
    pytest.param(
        lambda t: t.replace('id = "leo"\nname = "Leo"', 'id = "leo"\nname = "Leo'),
        [
            "home.toml: line 12, column 12: this is not valid TOML (Illegal character '\\n'); "
            "a text in quotes is not closed before the end of the line"
        ],
        id="toml-syntax",
    ),
    pytest.param(
        lambda t: t.replace('color = "cyan"', 'colour = "cyan"'),
        [
            'home.toml: children[0]: unknown key "colour" (did you mean "color"?); the keys allowed here are: id, name, color'
        ],
        id="unknown-key",
    ),
    pytest.param(
        lambda t: t.replace("minutes = 4", 'minutes = "four"'),
        ["home.toml: goals[1].strategies[0].minutes: should be a whole number, such as 3"],
        id="wrong-type",
    ),
    pytest.param(
        lambda t: t.replace("minutes = 4", "minutes = 4\n  priority = 0"),
        [
            "home.toml: goals[1].strategies[0].priority: 0 should be a whole number from 1 (first) to 99, such as priority = 1"
        ],
        id="bad-priority",
    ),
    pytest.param(
        lambda t: t.replace("minutes = 4", 'minutes = 4\n  times_per_week = "three"'),
        [
            'home.toml: goals[1].strategies[0].times_per_week: "three" should be a whole number from 1 to 7, '
            "such as times_per_week = 3"
        ],
        id="bad-times-per-week",
    ),
    pytest.param(
        lambda t: t.replace('time = "07:45"', 'time = "07:75"'),
        ['home.toml: routines[1].time: "07:75" is not a time of day; write hours and minutes on a 24-hour clock'],
        id="bad-time",
    ),
    pytest.param(
        lambda t: t.replace('days = ["mon", "tue"', 'days = ["mun", "tue"'),
        ['home.toml: routines[1].days: "mun" is not a day of the week; use mon, tue, wed, thu, fri, sat, sun'],
        id="bad-weekday",
    ),
    pytest.param(
        lambda t: t.replace('discipline = "OT"        ', 'discipline = "ST"        ', 1).replace(
            'discipline = "OT"\nchildren', 'discipline = "ST"\nchildren'
        ),
        ['home.toml: therapists[1].discipline: "ST" is not a discipline; use OT, PT or SLP'],
        id="unknown-discipline",
    ),
    pytest.param(
        lambda t: t.replace('format = "family-tui/program@1"\n', ""),
        ['home.toml: the format line is missing; the file should start with: format = "family-tui/program@1"'],
        id="missing-format",
    ),
    pytest.param(
        lambda t: t.replace('format = "family-tui/program@1"', 'format = "family-tui/library@1"'),
        ['home.toml: format is "family-tui/library@1", but this version of family-tui reads "family-tui/program@1"'],
        id="wrong-format",
    ),
    pytest.param(
        lambda t: t.replace('id = "bath-s-toys"', 'id = "snack-s-words"'),
        [
            'home.toml: goals[0].strategies[1]: id "snack-s-words" is already used by goals[0].strategies[0]; '
            "give one of them a different id"
        ],
        id="duplicate-id",
    ),
    pytest.param(
        lambda t: t.replace('name = "Dad"', 'name = "Mom"'),
        ['home.toml: caregivers[1]: id "mom" (made from its name) is already used by caregivers[0]'],
        id="duplicate-made-id",
    ),
    pytest.param(
        lambda t: t.replace('child = "leo"\ndiscipline = "PT"', 'child = "lea"\ndiscipline = "PT"'),
        ['home.toml: goals[2]: child "lea" is not defined; known children: leo'],
        id="unknown-child",
    ),
    pytest.param(
        lambda t: t.replace('routines = ["dressing"]', 'routines = ["dresing"]'),
        [
            'home.toml: goals[1].strategies[0]: routine "dresing" is not defined; '
            "known routines: breakfast, dressing, bath, bedtime-book"
        ],
        id="unknown-routine",
    ),
    pytest.param(
        lambda t: t.replace('cue = "Pinch, push, pull"', 'cue = "Pinch,\\u0007 push, pull"'),
        ["home.toml: goals[1].strategies[0].cue: contains a control character (U+0007)"],
        id="control-character",
    ),
    pytest.param(
        lambda t: t.replace('title = "Button his own shirt"', 'title = ""'),
        ["home.toml: goals[1].title: must not be empty"],
        id="empty-title",
    ),
    pytest.param(
        lambda t: t.replace('name = "Bath time"\ntime = "18:30"', 'name = "Bath time"'),
        ['home.toml: routines[2]: "time" is missing'],
        id="missing-field",
    ),
]


@pytest.mark.parametrize(("break_it", "messages"), BROKEN)
def test_a_broken_file_is_refused_with_a_message_and_changes_nothing(
    cli, data_dir: Path, program_file, example_text: str, break_it, messages
):
    assert cli("import", FIXTURE_PROGRAM).code == 0
    before = main_file(data_dir)
    broken = break_it(example_text)
    assert broken != example_text, "the test's edit did not apply"

    result = cli("import", program_file(broken))

    assert result.code == 1
    assert result.out == ""
    for message in messages:
        assert f"family-tui: {message}" in result.err or f"\n{message}" in result.err, result.err
    assert main_file(data_dir) == before


def test_the_documented_unknown_routine_message(program_file):
    path = program_file(
        'format = "family-tui/program@1"\n'
        '[[children]]\nname = "Leo"\n'
        '[[routines]]\nname = "Breakfast"\ntime = "07:15"\n'
        '[[routines]]\nid = "dressing"\nname = "Getting dressed"\ntime = "07:45"\n'
        '[[routines]]\nname = "Bath"\ntime = "18:30"\n'
        '[[goals]]\nchild = "leo"\ndiscipline = "PT"\ntitle = "Stairs"\n'
        '[[goals]]\nchild = "leo"\ndiscipline = "SLP"\ntitle = "Say /s/"\n'
        '  [[goals.strategies]]\n  title = "S-words"\n  routines = ["brekfast"]\n'
    )
    with pytest.raises(ProgramFileError) as caught:
        load_program_file(path)
    assert str(caught.value) == (
        'home.toml: goals[1].strategies[0]: routine "brekfast" is not defined; '
        "known routines: breakfast, dressing, bath"
    )
    assert caught.value.errors == [
        'goals[1].strategies[0]: routine "brekfast" is not defined; known routines: breakfast, dressing, bath'
    ]


def test_every_problem_is_reported_at_once_in_file_order(cli, data_dir: Path, program_file, example_text: str):
    broken = (
        example_text.replace('time = "07:45"', 'time = "07:75"')
        .replace('routines = ["dressing"]', 'routines = ["dresing"]')
        .replace('color = "cyan"', 'colour = "cyan"')
        .replace('format = "family-tui/program@1"', 'format = "family-tui/program@9"')
    )
    result = cli("import", program_file(broken))
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert lines[0].startswith('family-tui: home.toml: format is "family-tui/program@9"')
    assert [line.split(":")[0] for line in lines[1:]] == ["home.toml"] * 3
    assert lines[1].startswith("home.toml: children[0]: unknown key")
    assert lines[2].startswith("home.toml: routines[1].time:")
    assert lines[3].startswith('home.toml: goals[1].strategies[0]: routine "dresing" is not defined')
    assert not (state(data_dir) / "family.json").exists() or FamilyStore(data_dir).program() == Program()


def test_a_missing_file_is_named(cli, tmp_path: Path):
    result = cli("import", tmp_path / "nowhere.toml")
    assert result.code == 1
    assert "family-tui: nowhere.toml: there is no such file" in result.err


def test_a_file_that_is_not_utf8_is_refused(cli, program_file, tmp_path: Path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('format = "family-tui/program@1"\n[[children]]\nname = "Zoë"\n'.encode("latin-1"))
    result = cli("import", path)
    assert result.code == 1
    assert "latin1.toml: line 3: the file is not UTF-8 text" in result.err


def test_ids_may_be_given_or_made_and_bad_ids_are_explained(program_file):
    path = program_file(
        'format = "family-tui/program@1"\n'
        '[[children]]\nid = "Leo Smith"\nname = "Leo"\n'
        '[[children]]\nname = "Zoë Ann"\n'
    )
    with pytest.raises(ProgramFileError) as caught:
        load_program_file(path)
    assert caught.value.errors == [
        'children[0].id: "Leo Smith" is not a usable id; use lower-case letters, digits, "-" or "_" '
        '(at most 80, starting with a letter or digit), such as "leo-smith"'
    ]
    fixed = program_file(path.read_text().replace('id = "Leo Smith"', 'id = "leo"'))
    assert [c.id for c in load_program_file(fixed).children] == ["leo", "zoe-ann"]


# -- the real command --------------------------------------------------------------------


def test_the_console_script_imports_and_refuses(tmp_path: Path, example_text: str):
    data = tmp_path / "data"
    first = run_console_script("--data-dir", data, "import", FIXTURE_PROGRAM, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Added 18 records.\nAdded:\n  child Leo\n")

    again = run_console_script("--data-dir", data, "import", FIXTURE_PROGRAM, cwd=tmp_path)
    assert again.returncode == 0
    assert again.stdout.splitlines()[0] == NOTHING_TO_CHANGE

    bad = tmp_path / "home.toml"
    bad.write_text(example_text.replace('time = "18:30"', 'time = "25:00"'), encoding="utf-8")
    before = (data / "family.json").read_bytes()
    refused = run_console_script("--data-dir", data, "import", bad, cwd=tmp_path)
    assert refused.returncode == 1
    assert 'family-tui: home.toml: routines[2].time: "25:00" is not a time of day' in refused.stderr
    assert (data / "family.json").read_bytes() == before


# -- a dry run writes nothing anywhere ------------------------------------------------------


def folder_contents(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under ``folder``: path -> bytes (None for a folder)."""
    return {
        str(path.relative_to(folder)): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
    }


def test_dry_run_on_a_new_folder_creates_nothing(cli, data_dir: Path):
    result = cli("import", "--dry-run", FIXTURE_PROGRAM)
    assert result.code == 0, result.err
    assert result.out.startswith("Would add 18 records.\nWould add:\n  child Leo\n  caregiver Mom\n")
    assert "This was a dry run: nothing was changed." in result.out
    assert not data_dir.exists()


def test_dry_run_on_a_new_folder_inside_a_new_parent_creates_neither(cli, tmp_path: Path, capsys, clock):
    from family_tui.cli import main

    target = tmp_path / "new-parent" / "family"
    assert main(["--data-dir", str(target), "import", "--dry-run", str(FIXTURE_PROGRAM)], clock=clock) == 0
    assert "  child Leo" in capsys.readouterr().out.splitlines()
    assert not (tmp_path / "new-parent").exists()


def test_dry_run_leaves_an_existing_folder_byte_for_byte_as_it_was(
    cli, data_dir: Path, clock, program_file, example_text: str
):
    assert cli("import", FIXTURE_PROGRAM).code == 0
    clock.advance(days=1)  # a new day: opening the folder as usual would make that day's backup
    before = folder_contents(data_dir)
    assert "family.json" in before and ".family-tui-local/lock" in before

    edited = program_file(example_text.replace('name = "Bath time"', 'name = "Bath"'))
    result = cli("import", "--dry-run", edited)

    assert result.code == 0, result.err
    assert result.out.splitlines()[:3] == ["Would update 1 record.", "Would update:", "  routine Bath (name)"]
    assert folder_contents(data_dir) == before


# -- a strategy on no routine never shows on Today: say so --------------------------------------

NO_ROUTINE = """format = "family-tui/program@1"

[[children]]
name = "Zoë"

[[routines]]
name = "Breakfast"
time = "07:30"

[[goals]]
child = "zoe"
discipline = "OT"
title = "Waits for a turn"

  [[goals.strategies]]
  title = "Offer choices, wait 5 seconds"

  [[goals.strategies]]
  title = "Turn-taking game"
  routines = ["breakfast"]
"""


@pytest.mark.parametrize("dry_run", [True, False])
def test_a_strategy_on_no_routine_is_imported_with_a_warning(cli, data_dir: Path, program_file, dry_run):
    args = ["import", *(["--dry-run"] if dry_run else []), program_file(NO_ROUTINE)]
    result = cli(*args)
    assert result.code == 0, result.err
    assert result.err == (
        'family-tui: warning: the strategy "Offer choices, wait 5 seconds" is not on any routine, '
        'so it will not show on Today. Give it routines = ["breakfast"] in the file and import again, '
        "or choose its routines in the program editor.\n"
    )
    assert "Turn-taking" not in result.err
    assert ("Would add" if dry_run else "Added") in result.out


def test_a_strategy_whose_only_routine_the_family_archived_is_warned_about(cli, data_dir: Path, program_file):
    assert (
        cli(
            "import",
            program_file(
                NO_ROUTINE.replace(
                    '  title = "Offer choices, wait 5 seconds"\n',
                    '  title = "Offer choices, wait 5 seconds"\n  routines = ["breakfast"]\n',
                )
            ),
        ).code
        == 0
    )
    store = FamilyStore(data_dir)
    store.save(store.program().routine("breakfast").model_copy(update={"archived": True}))
    text = NO_ROUTINE.replace('[[routines]]\nname = "Breakfast"\ntime = "07:30"\n', "").replace(
        '  routines = ["breakfast"]\n', ""
    )
    result = cli("import", program_file(text))
    assert result.code == 0, result.err
    assert 'the strategy "Turn-taking game" is not on any routine' in result.err
    assert "Add a routine to the file, name it in the strategy's routines and import again" in result.err


def test_data_dir_may_follow_the_command(data_dir, program_file, example_text, capsys, clock):
    """A parent types the folder where it reads naturally: after the command and its file."""
    from family_tui.cli import main

    code = main(["import", str(program_file(example_text)), "--data-dir", str(data_dir)], clock=clock)
    assert code == 0, capsys.readouterr().err
    assert (state(data_dir) / "family.json").exists()
    assert main(["export-program", "--data-dir", str(data_dir)], clock=clock) == 0
    assert 'name = "Leo"' in capsys.readouterr().out
