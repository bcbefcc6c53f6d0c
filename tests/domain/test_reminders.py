"""Which routine's time has just come: once, with what is left to practise, across midnight and DST."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from family_tui.clock import FixedClock
from family_tui.domain.models import Routine, SkipDay, Strategy
from family_tui.domain.reminders import routines_starting

from .builders import THU26, WED25, entry, program

NEW_YORK = ZoneInfo("America/New_York")


def names(starts) -> list[str]:
    return [start.routine.name for start in starts]


def at(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute, second))


def test_a_routine_starts_once_when_its_time_is_passed():
    family = program()
    assert routines_starting(family, at(WED25, 7, 29, 59), at(WED25, 7, 29, 59)) == []
    assert routines_starting(family, at(WED25, 7, 29), at(WED25, 7, 29, 59)) == []
    [start] = routines_starting(family, at(WED25, 7, 29, 59), at(WED25, 7, 30, 0))
    assert start.routine.id == "breakfast" and start.day == WED25 and start.at == at(WED25, 7, 30)
    # Asked again a second later: the window no longer holds 07:30.
    assert routines_starting(family, at(WED25, 7, 30), at(WED25, 7, 30, 1)) == []


def test_the_notice_names_the_items_per_child_and_the_cue_words():
    family = program(
        extra_strategies=[
            Strategy(
                id="lips", goal="mia-grasp", title="Lips on the straw", cue="Kiss the straw", routines=["breakfast"]
            )
        ]
    )
    family.strategies[0] = family.strategies[0].model_copy(update={"cue": "Let the snake out: sss"})
    [start] = routines_starting(family, at(WED25, 7, 0), at(WED25, 7, 31))
    assert start.title == "Breakfast, 07:30"
    assert start.message.splitlines() == [
        "Leo: Snake sound",
        "  say: Let the snake out: sss",
        "Mia: Lips on the straw",
        "  say: Kiss the straw",
    ]


def test_only_the_latest_routine_of_a_long_window_and_not_one_long_over():
    family = program()
    # 07:00 to 08:20 on a weekday: breakfast (07:30) is over once the school run (08:15) starts.
    assert names(routines_starting(family, at(WED25, 7, 0), at(WED25, 8, 20))) == ["School run"]
    # The laptop slept from 06:00 to 18:00: the school run's time was hours ago.
    assert routines_starting(family, at(WED25, 6, 0), at(WED25, 18, 0)) == []
    # The clock was set back: nothing.
    assert routines_starting(family, at(WED25, 8, 0), at(WED25, 7, 0)) == []


def test_marked_items_skipped_children_and_empty_routines_say_nothing():
    family = program()
    window = (at(WED25, 8, 0), at(WED25, 8, 15))
    [start] = routines_starting(family, *window)
    assert [item.child.id for item in start.items] == ["leo", "mia"]
    # Leo's item already marked: only Mia's is left.
    [start] = routines_starting(family, *window, entries=[entry(WED25, "s-cards", "school-run")])
    assert [item.child.id for item in start.items] == ["mia"]
    # Mia's day skipped too: nothing left to practise, no notice.
    marked_and_skipped = {
        "entries": [entry(WED25, "s-cards", "school-run")],
        "skip_days": [SkipDay(date=WED25, child="mia")],
    }
    assert routines_starting(family, *window, **marked_and_skipped) == []
    assert routines_starting(family, *window, skip_days=[SkipDay(date=WED25)]) == []
    # A routine that holds no practice, and one not on that weekday.
    family.routines.append(Routine(id="walk", name="Walk", time=time(9, 0)))
    assert routines_starting(family, at(WED25, 8, 59), at(WED25, 9, 0)) == []
    assert routines_starting(family, at(date(2026, 11, 28), 8, 0), at(date(2026, 11, 28), 8, 30)) == []


def test_a_goal_not_started_yet_has_no_items():
    family = program()  # Leo's stairs goal starts on Thursday 26
    [wednesday] = routines_starting(family, at(WED25, 18, 59), at(WED25, 19, 0))
    [thursday] = routines_starting(family, at(THU26, 18, 59), at(THU26, 19, 0))
    assert [i.strategy.id for i in wednesday.items] == ["snake"]
    assert [i.strategy.id for i in thursday.items] == ["snake", "step"]


def test_across_midnight_a_late_routine_belongs_to_the_day_before_the_day_start():
    family = program(extra_strategies=[Strategy(id="night", goal="leo-s", title="Night words", routines=["late"])])
    family.routines.append(Routine(id="late", name="Late story", time=time(0, 30)))
    window = (at(WED25, 23, 50), at(THU26, 0, 40))
    [start] = routines_starting(family, *window, day_start=time(3, 0))
    assert start.day == WED25 and start.at == at(THU26, 0, 30)
    # With the day starting at midnight, 00:30 is Thursday's own.
    [start] = routines_starting(family, *window)
    assert start.day == THU26 and start.at == at(THU26, 0, 30)
    # Marked on Wednesday's family day: nothing left.
    marked = [entry(WED25, "night", "late")]
    assert routines_starting(family, *window, day_start=time(3, 0), entries=marked) == []


def test_on_the_day_the_clocks_change_the_0715_routine_comes_once_at_0715():
    family = program(extra_strategies=[Strategy(id="night", goal="leo-s", title="Night words", routines=["late"])])
    family.routines[0] = family.routines[0].model_copy(update={"time": time(7, 15)})
    # 01:30 is on the wall twice when the clocks go back: still one notice.
    family.routines.append(Routine(id="late", name="Late story", time=time(1, 30)))
    for day in (date(2026, 3, 8), date(2026, 11, 1)):  # spring forward, fall back (New York)
        clock = FixedClock(at(day, 0, 30), NEW_YORK)
        seen = []
        while clock.now() < at(day, 9, 0):
            since = clock.local_now()
            clock.advance(minutes=1)
            seen += [
                (start.routine.id, start.at.strftime("%H:%M"))
                for start in routines_starting(family, since, clock.local_now())
            ]
        assert seen == [("late", "01:30"), ("breakfast", "07:15")], day
    # One window across the change, checked from before 02:00 to after 07:15.
    fall = FixedClock(at(date(2026, 11, 1), 1, 50), NEW_YORK)
    since = fall.local_now()
    fall.advance(hours=6, minutes=30)  # 01:50 EDT + 6:30 is 07:20 EST
    assert fall.now() == at(date(2026, 11, 1), 7, 20)
    assert names(routines_starting(family, since, fall.local_now())) == ["Breakfast"]
