"""Issue 26.3: a strategy practised N times a week shows on its routines' days until done N times that week."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from family_tui.domain.models import PracticeEntry, Program, Weekday
from family_tui.domain.planned_minutes import minutes_lines, planned_minutes
from family_tui.domain.schedule import build_checklist
from tests.factories import small_family

MONDAY = date(2026, 11, 23)


def program(times: int | None = 3) -> Program:
    """Maya's straw at breakfast and play time (every day), 3 times a week."""
    records = small_family()
    kinds = {"Child": "children", "Routine": "routines", "Goal": "goals", "Strategy": "strategies"}
    fields: dict[str, list] = {name: [] for name in kinds.values()}
    for record in records:
        kind = kinds.get(type(record).__name__)
        if kind == "strategies" and record.id == "straw":
            record = replace(record, times_per_week=times)
        if kind:
            fields[kind].append(record)
    return Program(**fields)


def straw(day: date, routine: str = "breakfast") -> PracticeEntry:
    stamp = datetime.combine(day, datetime.min.time())
    return PracticeEntry(
        date=day, child="maya", strategy="straw", routine=routine, minutes=2, created_at=stamp, updated_at=stamp
    )


def maya_straw(checklist):
    return [item for item in checklist.items if item.strategy.id == "straw"]


def test_it_shows_until_done_n_times_that_week_then_says_so():
    entries = [straw(MONDAY), straw(MONDAY + timedelta(days=1)), straw(MONDAY + timedelta(days=2), "play")]
    wednesday = build_checklist(program(), MONDAY + timedelta(days=2), entries)
    done, still = sorted(maya_straw(wednesday), key=lambda item: item.entry is None)
    assert done.entry is not None and done.week_words == "3 of 3 this week ✓"
    assert still.done_for_week and not still.counts  # not open, not counted, never missed
    thursday = build_checklist(program(), MONDAY + timedelta(days=3), entries)
    assert [item.week_words for item in maya_straw(thursday)] == ["3 of 3 this week ✓"] * 2
    assert all(not item.counts for item in maya_straw(thursday))
    assert thursday.planned_count == 3  # Leo's three only


def test_before_the_n_it_is_open_on_each_routine_s_day_and_a_new_week_starts_again():
    entries = [straw(MONDAY)]
    tuesday = build_checklist(program(), MONDAY + timedelta(days=1), entries)
    assert [item.week_words for item in maya_straw(tuesday)] == ["1 of 3 this week"] * 2
    assert all(item.counts for item in maya_straw(tuesday))
    full = [straw(MONDAY + timedelta(days=n)) for n in range(3)]
    next_monday = build_checklist(program(), MONDAY + timedelta(days=7), full)
    assert [item.week_words for item in maya_straw(next_monday)] == ["0 of 3 this week"] * 2
    assert all(item.counts for item in maya_straw(next_monday))


def test_planned_minutes_count_n_a_week_not_every_day():
    every_time = planned_minutes(program(None), "maya")
    assert every_time[Weekday.MON] == 4  # 2 min at breakfast and at play time
    three = planned_minutes(program(3), "maya")
    # 3 times 2 minutes a week over 14 places: 6/7 of a minute a day, rounded
    assert set(three.values()) == {1}
    assert "Maya: Straw drinking, 3 times a week." in minutes_lines(program(3))
    assert "Maya: Straw drinking, once a week." in minutes_lines(program(1))
