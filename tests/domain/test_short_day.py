"""Issue 26.2: a short day takes each child's practice in the therapist's order while it fits 5 minutes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time

from family_tui.domain.models import PracticeEntry, Program
from family_tui.domain.schedule import build_checklist
from family_tui.domain.short_day import offer_short_day, short_day_items
from tests.factories import small_family

THURSDAY = date(2026, 11, 26)


def program(**priorities: int) -> Program:
    records = small_family()
    program = Program(
        children=[r for r in records if type(r).__name__ == "Child"],
        routines=[r for r in records if type(r).__name__ == "Routine"],
        goals=[r for r in records if type(r).__name__ == "Goal"],
        strategies=[replace(r, priority=priorities.get(r.id)) for r in records if type(r).__name__ == "Strategy"],
    )
    return program


def test_the_highest_priority_items_that_fit_five_minutes_a_child():
    # Leo: bath-s (3 min, priority 1) fits; buttons (4, priority 2) does not fit the 2 left; snack-s (3) neither.
    # Maya: straw at breakfast and at play (2 + 2) both fit.
    checklist = build_checklist(program(**{"bath-s": 1, "buttons": 2}), THURSDAY)
    chosen = short_day_items(checklist)
    assert chosen == {("leo", "bath-s", "bath"), ("maya", "straw", "breakfast"), ("maya", "straw", "play")}


def test_without_priorities_the_day_s_order_decides_and_a_too_long_first_item_is_still_offered():
    checklist = build_checklist(program(), THURSDAY)
    assert {key for key in short_day_items(checklist) if key[0] == "leo"} == {("leo", "snack-s", "breakfast")}
    checklist = build_checklist(program(buttons=1), THURSDAY)
    assert {key for key in short_day_items(checklist, minutes=3) if key[0] == "leo"} == {("leo", "buttons", "dressing")}


def test_minutes_already_practised_count_towards_the_five():
    now = datetime(2026, 11, 26, 7, 30)
    done = PracticeEntry(
        date=THURSDAY, child="leo", strategy="snack-s", routine="breakfast", minutes=4, created_at=now, updated_at=now
    )
    checklist = build_checklist(program(**{"bath-s": 1}), THURSDAY, [done])
    # 4 done, 1 left: only the first in order (buttons would fit 5 on its own, not the 1 left)
    assert {key for key in short_day_items(checklist) if key[0] == "leo"} == {("leo", "bath-s", "bath")}
    assert {key for key in short_day_items(checklist, minutes=4) if key[0] == "leo"} == set()  # done already


def test_the_short_day_is_offered_after_the_family_s_hour_when_most_is_open():
    checklist = build_checklist(program(), THURSDAY)
    assert not offer_short_day(checklist, time(18, 0), None)  # not set: never
    assert not offer_short_day(checklist, time(16, 59), time(17, 0))
    assert offer_short_day(checklist, time(17, 0), time(17, 0))
