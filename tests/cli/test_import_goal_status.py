"""Import and the partnership: met and paused goals, session days, and the minutes a day planned.

The clock of these tests says Thursday 26 November 2026.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from family_tui.cli import handlers
from family_tui.domain.models import GoalStatus, Weekday
from family_tui.domain.program_file import ProgramFileError, load_program_file, program_to_toml
from family_tui.storage import FamilyStore
from tests.storage.storage_helpers import state

from .conftest import FIXTURE_PROGRAM

STAIRS = '[[goals]]\nid = "leo-stairs"'
TODAY = date(2026, 11, 26)


def without_stairs(example_text: str) -> str:
    """The example with the stairs goal (the file's last entry) left out, as a therapist's new program might."""
    return example_text[: example_text.index(STAIRS)]


def goal(data_dir: Path, goal_id: str):
    return FamilyStore(data_dir).program().goal(goal_id)


def test_the_file_sets_status_met_day_and_session_days_and_export_writes_them_back(program_file, example_text):
    text = example_text.replace(
        'title = "Button his own shirt"\n', 'title = "Button his own shirt"\nstatus = "met"\nmet = 2026-11-20\n'
    ).replace('title = "Climb stairs step-over-step"\n', 'title = "Climb stairs step-over-step"\nstatus = "paused"\n')
    text = text.replace('name = "Ms. Rivera"\n', 'name = "Ms. Rivera"\nsessions = ["tue", "Friday"]\n')
    program = load_program_file(program_file(text))

    assert program.goal("leo-buttons").status is GoalStatus.MET
    assert program.goal("leo-buttons").met_on == date(2026, 11, 20)
    assert program.goal("leo-stairs").status is GoalStatus.PAUSED
    assert program.therapists[0].sessions == [Weekday.TUE, Weekday.FRI]
    written = program_to_toml(program)
    assert 'status = "met"\nmet = 2026-11-20\n' in written
    assert 'status = "paused"\n' in written
    assert 'sessions = ["tue", "fri"]\n' in written
    assert load_program_file(program_file(written, "again.toml")) == program  # round trip


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ('status = "done"', 'goals[1].status: "done" is not a goal status; use "active", "met" or "paused"'),
        ("met = 2026-11-20", 'goals[1]: "met" is the day the goal was met; add status = "met" as well'),
        ('status = "met"\nmet = "soon"', "goals[1].met: should be a date, year-month-day, such as 2026-11-30"),
    ],
)
def test_a_wrong_status_is_explained(program_file, example_text, entry, message):
    text = example_text.replace('title = "Button his own shirt"\n', f'title = "Button his own shirt"\n{entry}\n')
    with pytest.raises(ProgramFileError) as raised:
        load_program_file(program_file(text))
    assert any(line.startswith(message) for line in raised.value.errors), raised.value.errors


def test_a_wrong_session_day_is_explained(program_file, example_text):
    text = example_text.replace('name = "Ms. Rivera"\n', 'name = "Ms. Rivera"\nsessions = ["tuesdy"]\n')
    with pytest.raises(ProgramFileError, match=r'therapists\[0\].sessions: "tuesdy" is not a day of the week'):
        load_program_file(program_file(text))


def test_met_without_a_day_is_met_on_the_day_of_the_import(cli, data_dir, program_file, example_text):
    text = example_text.replace('title = "Button his own shirt"\n', 'title = "Button his own shirt"\nstatus = "met"\n')
    assert cli("import", program_file(text)).code == 0
    assert goal(data_dir, "leo-buttons").status_text == "met on Thu 26 Nov"


def test_a_file_without_a_status_keeps_the_familys_and_status_active_brings_a_goal_back(
    cli, data_dir, program_file, example_text
):
    assert cli("import", FIXTURE_PROGRAM).code == 0
    store = FamilyStore(data_dir)
    buttons = store.program().goal("leo-buttons")
    store.save(buttons.model_copy(update={"status": GoalStatus.MET, "met_on": date(2026, 11, 20)}))

    assert cli("import", FIXTURE_PROGRAM).out.splitlines()[0] == "Nothing to change: the program is already up to date."
    assert goal(data_dir, "leo-buttons").status_text == "met on Fri 20 Nov"

    active = example_text.replace(
        'title = "Button his own shirt"\n', 'title = "Button his own shirt"\nstatus = "active"\n'
    )
    result = cli("import", program_file(active))
    assert "  goal Button his own shirt (status, met_on)" in result.out.splitlines()
    assert goal(data_dir, "leo-buttons").active


def test_dry_run_lists_the_goals_left_out_and_the_minutes_a_day(cli, data_dir, program_file, example_text):
    assert cli("import", FIXTURE_PROGRAM).code == 0
    before = (state(data_dir) / "family.json").read_bytes()

    result = cli("import", "--dry-run", program_file(without_stairs(example_text)))

    assert result.code == 0
    assert result.out.splitlines() == [
        "Nothing to change: the program is already up to date.",
        "Planned practice a day:",
        "  Leo: 12 min on weekdays, 8 at weekends; aim 5-10 a child.",
        'The file leaves out 1 goal still on Today: "Climb stairs step-over-step". Importing asks whether it is '
        "met or paused (or use --missing met, paused or keep).",
    ]
    marked = cli("import", "--dry-run", "--missing", "met", program_file(without_stairs(example_text)))
    assert marked.out.splitlines() == [
        "Would mark 1 record.",
        "Not in the file, marked as you chose (their history stays):",
        "  goal Climb stairs step-over-step: met on Thu 26 Nov",
        "Planned practice a day:",
        "  Leo: 10 min on weekdays, 6 at weekends; aim 5-10 a child.",
        "This was a dry run: nothing was changed. Run it again without --dry-run to import.",
    ]
    assert (state(data_dir) / "family.json").read_bytes() == before


def test_without_a_terminal_or_a_flag_a_goal_left_out_stays_as_it_was(cli, data_dir, program_file, example_text):
    assert cli("import", FIXTURE_PROGRAM).code == 0

    result = cli("import", program_file(without_stairs(example_text)))

    assert result.code == 0
    assert result.out.splitlines()[-1] == (
        'The file leaves out 1 goal still on Today: "Climb stairs step-over-step". It stays as before; to mark it, '
        "import again with --missing met or --missing paused, or use the program editor."
    )
    assert goal(data_dir, "leo-stairs").active
    assert FamilyStore(data_dir).program().strategy("stairs-to-bath") is not None


@pytest.mark.parametrize(("flag", "words"), [("met", "met on Thu 26 Nov"), ("paused", "paused"), ("keep", "")])
def test_the_missing_flag_marks_the_goals_left_out(cli, data_dir, program_file, example_text, flag, words):
    assert cli("import", FIXTURE_PROGRAM).code == 0

    result = cli("import", "--missing", flag, program_file(without_stairs(example_text)))

    assert result.code == 0
    assert goal(data_dir, "leo-stairs").status_text == words
    assert FamilyStore(data_dir).program().strategy("stairs-to-bath") is not None  # nothing deleted
    assert "leaves out" not in result.out  # the flag answered the question


def test_on_a_terminal_import_asks_about_each_goal_left_out(
    cli, data_dir, program_file, example_text, monkeypatch, capsys
):
    assert cli("import", FIXTURE_PROGRAM).code == 0
    smaller = without_stairs(example_text)
    smaller = smaller[: smaller.index('[[goals]]\nid = "leo-buttons"')]  # buttons left out too
    answers = iter(["what?", "p", "m"])
    asked: list[str] = []
    monkeypatch.setattr(handlers, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or next(answers))

    result = cli("import", program_file(smaller))

    assert result.code == 0
    assert asked == [
        'Goal "Button his own shirt": met, paused or keep it? [m/p/k] (capital letter: the same for all the rest) ',
    ] * 2 + [
        'Goal "Climb stairs step-over-step": met, paused or keep it? [m/p/k] (capital letter: the same for all the rest) ',
    ]
    lines = result.out.splitlines()
    assert lines[:2] == [
        "The file leaves out 2 goals that are still on Today.",
        "Their practice history stays whatever you choose.",
    ]
    assert "Please type m (met), p (paused) or k (keep it on Today)." in lines
    assert "  goal Button his own shirt: paused" in lines
    assert "  goal Climb stairs step-over-step: met on Thu 26 Nov" in lines
    assert goal(data_dir, "leo-buttons").status is GoalStatus.PAUSED
    assert goal(data_dir, "leo-stairs").status is GoalStatus.MET


def test_a_capital_answer_is_the_same_for_all_the_rest(cli, data_dir, program_file, example_text, monkeypatch):
    assert cli("import", FIXTURE_PROGRAM).code == 0
    smaller = without_stairs(example_text)
    smaller = smaller[: smaller.index('[[goals]]\nid = "leo-buttons"')]
    answers = iter(["P"])
    monkeypatch.setattr(handlers, "stdin_is_terminal", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))

    assert cli("import", program_file(smaller)).code == 0
    assert goal(data_dir, "leo-buttons").status_text == goal(data_dir, "leo-stairs").status_text == "paused"


def test_a_day_well_over_the_aim_gets_a_gentle_line(cli, program_file, example_text):
    heavy = example_text.replace("  minutes = 4\n", "  minutes = 12\n")  # buttons at dressing, Mon-Fri
    result = cli("import", "--dry-run", program_file(heavy))
    assert result.out.splitlines()[-3:-1] == [
        "  Leo: 20 min on weekdays, 8 at weekends; aim 5-10 a child.",
        "  Leo's weekdays hold 20 min; ask the therapist which to put first.",
    ]
