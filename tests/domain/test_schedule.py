"""The day's checklist counts, a program's start date and the time an entry says it was done."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from family_tui.domain.models import Child, Discipline, Goal, PracticeStatus, Program, SkipDay, SkipReason, Strategy
from family_tui.domain.program_file import (
    ProgramFileError,
    load_program_file,
    plan_import,
    program_to_toml,
)
from family_tui.domain.schedule import build_checklist, done_when, program_starts_after

from .builders import MON23, THU26, WED25, entry, program

SHARED_PROGRAM = Path(__file__).resolve().parents[3] / "shared" / "examples" / "home-program.toml"


def three_children():
    """Leo and Mia from the builders, and Noa practising at breakfast."""
    family = program(
        extra_goals=[Goal(id="noa-more", child="noa", discipline=Discipline.SLP, title="Ask for more")],
        extra_strategies=[Strategy(id="sign", goal="noa-more", title="Sign more", routines=["breakfast"])],
    )
    family.children.append(Child(id="noa", name="Noa"))
    return family


# Wednesday 25: breakfast Leo snake + Noa sign; school run Leo s-cards + Mia pencil; bath Leo snake.
DONE = [
    entry(WED25, "snake", "breakfast", minutes=3),
    entry(WED25, "sign", "breakfast", child="noa", minutes=2),
    entry(WED25, "s-cards", "school-run", minutes=4),
    entry(WED25, "pencil", "school-run", child="mia", minutes=5),
]


def test_a_skipped_childs_items_to_do_count_in_no_total_but_their_practice_does():
    leo_sick = SkipDay(date=WED25, child="leo", reason=SkipReason.SICK)
    day = build_checklist(three_children(), WED25, DONE, [leo_sick])
    # Leo practised at breakfast and on the school run before falling ill; his bath is off.
    assert (day.done_count, day.planned_count, day.minutes_practised()) == (4, 4, 14)
    counts = {b.routine.id: (b.marked_count, b.planned_count) for b in day.blocks}
    assert counts == {"breakfast": (2, 2), "school-run": (2, 2), "bath": (0, 0)}
    assert [i.skip_words for i in day.items if i.skipped] == ["Leo: sick day"] * 3
    assert day.skip_words(three_children()) == ["Leo's day skipped: sick day"]

    mia_holiday = SkipDay(date=WED25, child="mia", reason=SkipReason.HOLIDAY)
    not_leo = [e for e in DONE if e.child != "leo"]
    day = build_checklist(three_children(), WED25, not_leo, [leo_sick, mia_holiday])
    assert (day.done_count, day.planned_count, day.minutes_practised()) == (2, 2, 7)  # Noa, and Mia's pencil
    assert day.skip_words(three_children()) == ["Leo's day skipped: sick day", "Mia's day skipped: holiday"]


def test_tried_is_counted_apart_from_done():
    tried = [e.model_copy(update={"status": PracticeStatus.TRIED}) if e.child == "noa" else e for e in DONE]
    day = build_checklist(three_children(), WED25, tried)
    assert (day.done_count, day.tried_count, day.planned_count, day.minutes_practised()) == (3, 1, 5, 14)
    assert {b.routine.id: b.marked_count for b in day.blocks}["breakfast"] == 2


def test_without_skips_everything_counts_and_the_whole_family_skip_says_only_why():
    day = build_checklist(three_children(), WED25, DONE)
    assert (day.done_count, day.planned_count, day.minutes_practised()) == (4, 5, 14)
    family = SkipDay(date=WED25, reason=SkipReason.HOLIDAY)
    day = build_checklist(three_children(), WED25, [], [family])
    assert (day.done_count, day.planned_count, day.minutes_practised()) == (0, 0, 0)
    day = build_checklist(three_children(), WED25, DONE, [family])
    assert (day.done_count, day.planned_count, day.minutes_practised()) == (4, 4, 14)  # what happened, happened
    assert day.skip_words(three_children()) == ["holiday"]
    assert day.items[0].skip_words == "Whole family: holiday"


def test_the_program_start_is_named_only_before_every_goal_has_started():
    family = program()
    for goal in family.goals:
        goal.created = THU26
    assert program_starts_after(family, WED25) == THU26
    assert program_starts_after(family, THU26) is None
    assert build_checklist(family, WED25).items == []
    family.goals[0].created = None  # a goal with no start is there on every day
    assert program_starts_after(family, WED25) is None


def test_done_at_the_first_check_or_the_day_it_was_recorded():
    same_day = entry(WED25, "snake", "breakfast")
    edited = same_day.model_copy(update={"updated_at": datetime(2026, 11, 25, 18, 24)})
    assert done_when(edited) == "Done at 08:00"
    late = same_day.model_copy(update={"created_at": datetime(2026, 11, 26, 9, 5)})
    assert done_when(late) == "Done, recorded on Thu 26 Nov"
    tried = same_day.model_copy(update={"status": PracticeStatus.TRIED})
    assert done_when(tried) == "Tried at 08:00"
    # 01:30 with the family day starting at 03:00 still belongs to the day before.
    after_midnight = same_day.model_copy(update={"created_at": datetime(2026, 11, 26, 1, 30)})
    assert done_when(after_midnight, time(3, 0)) == "Done at 01:30"


# -- the start date in a program file ---------------------------------------------------

FILE = """\
format = "family-tui/program@1"
{top}
[[children]]
id = "leo"
name = "Leo"

[[routines]]
id = "breakfast"
name = "Breakfast"
time = "07:30"

[[goals]]
id = "leo-s"
child = "leo"
discipline = "SLP"
title = "Say /s/"
{goal}
  [[goals.strategies]]
  title = "Snake sound"
  routines = ["breakfast"]

[[goals]]
id = "leo-stairs"
child = "leo"
discipline = "PT"
title = "Stairs"
"""


def write(tmp_path: Path, top: str = "", goal: str = "") -> Path:
    path = tmp_path / "program.toml"
    path.write_text(FILE.format(top=top, goal=goal), encoding="utf-8")
    return path


def test_a_files_start_sets_when_its_goals_start(tmp_path: Path):
    incoming = load_program_file(write(tmp_path, top="start = 2026-11-23", goal='start = "2026-11-25"'))
    assert [g.created for g in incoming.goals] == [WED25, MON23]
    # An explicit start earlier than the import day is kept: those days can be filled in.
    plan = plan_import(Program(), incoming, THU26)
    assert [g.created for g in plan.saves if isinstance(g, Goal)] == [WED25, MON23]


def test_without_a_start_new_goals_start_on_the_import_day_and_old_ones_keep_theirs(tmp_path: Path):
    incoming = load_program_file(write(tmp_path))
    assert [g.created for g in incoming.goals] == [None, None]
    plan = plan_import(Program(), incoming, THU26)
    new_goals = [g for g in plan.saves if isinstance(g, Goal)]
    assert [g.created for g in new_goals] == [THU26, THU26]

    current = plan_import(Program(), incoming, MON23).saves
    family = Program(
        children=[r for r in current if isinstance(r, Child)],
        goals=[r for r in current if isinstance(r, Goal)],
        strategies=[r for r in current if isinstance(r, Strategy)],
    )
    assert not any(isinstance(r, Goal) for r in plan_import(family, incoming, THU26).saves)
    moved = plan_import(family, load_program_file(write(tmp_path, top="start = 2026-11-16")), THU26)
    assert {g.created for g in moved.saves if isinstance(g, Goal)} == {date(2026, 11, 16)}


def test_export_writes_the_start_back(tmp_path: Path):
    same = load_program_file(write(tmp_path, top="start = 2026-11-23"))
    text = program_to_toml(same)
    assert "\nstart = 2026-11-23\n" in text
    (tmp_path / "copy.toml").write_text(text, encoding="utf-8")
    assert load_program_file(tmp_path / "copy.toml") == same

    mixed = load_program_file(write(tmp_path, top="start = 2026-11-23", goal="start = 2026-11-25"))
    text = program_to_toml(mixed)
    assert "\nstart = 2026-11-23\n" in text and "\nstart = 2026-11-25\n" in text
    (tmp_path / "copy.toml").write_text(text, encoding="utf-8")
    assert load_program_file(tmp_path / "copy.toml") == mixed


def test_a_start_that_is_not_a_date_is_reported(tmp_path: Path):
    with pytest.raises(ProgramFileError) as raised:
        load_program_file(write(tmp_path, top='start = "next monday"'))
    assert any("start" in e and "such as 2026-11-30" in e for e in raised.value.errors)


@pytest.mark.skipif(not SHARED_PROGRAM.exists(), reason="the shared example is beside the repository")
def test_the_shared_example_without_start_still_reads():
    assert all(g.created is None for g in load_program_file(SHARED_PROGRAM).goals)


def morning_and_evening() -> Program:
    """Breakfast 07:15, dressing 07:45 and bath at 19:00: a long gap in the afternoon."""
    from family_tui.domain.models import Routine

    return Program(
        routines=[
            Routine(id="breakfast", name="Breakfast", time=time(7, 15)),
            Routine(id="dressing", name="Dressing", time=time(7, 45)),
            Routine(id="bath", name="Bath", time=time(19, 0)),
        ]
    )


@pytest.mark.parametrize(
    ("clock_time", "pointed_at"),
    [
        (time(6, 30), (0, "next")),  # before the day's first routine
        (time(7, 15), (0, "now")),
        (time(7, 44), (0, "now")),  # until the next routine's time
        (time(7, 50), (1, "now")),
        (time(9, 44), (1, "now")),  # at most two hours
        (time(9, 45), (2, "next")),
        (time(18, 26), (2, "next")),  # not "Dressing ◀ now" ten hours on
        (time(19, 0), (2, "now")),
        (time(20, 59), (2, "now")),
        (time(21, 0), None),  # the last one's two hours are over: nothing
        (time(21, 30), None),
    ],
)
def test_a_routine_is_now_for_at_most_two_hours_and_else_the_next_is_next(clock_time, pointed_at):
    day = build_checklist(morning_and_evening(), WED25)
    assert day.now_or_next(clock_time) == pointed_at
    assert day.due_block_index(clock_time) == (pointed_at[0] if pointed_at else None)
