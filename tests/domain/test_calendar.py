"""The phone calendar: what a calendar library reads back from the file, across a change of the clocks.

The file is read by ``icalendar`` and its repeats expanded by ``recurring_ical_events``,
as a phone's calendar would: the routine's wall time must hold when the clocks change,
each routine must be one event whose UID survives a change of the program, and the
text rules of RFC 5545 (CRLF, 75-octet lines, escaping) must hold for any name.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from family_tui.domain.calendar import calendar_text, routine_events
from family_tui.domain.calendar.ical_text import escape_text, fold
from family_tui.domain.calendar.vtimezone import vtimezone_lines
from family_tui.domain.models import (
    Caregiver,
    Goal,
    GoalStatus,
    Program,
    Routine,
    SkipDay,
    SkipReason,
    Strategy,
    Weekday,
)
from tests.factories import small_family

LONDON = ZoneInfo("Europe/London")
TODAY = date(2027, 3, 15)  # two weeks before the clocks go forward in Europe
STAMP = datetime(2027, 3, 15, 9, 0, tzinfo=UTC)


def family(*extra) -> Program:
    records = [*small_family(), *extra]
    kinds = {
        "children": "Child",
        "caregivers": "Caregiver",
        "therapists": "Therapist",
        "routines": "Routine",
        "goals": "Goal",
        "strategies": "Strategy",
    }
    return Program(**{key: [r for r in records if type(r).__name__ == name] for key, name in kinds.items()})


def ics(program: Program, *, zone=LONDON, tzid: str | None = "Europe/London", stamp=STAMP, **filters) -> str:
    return calendar_text(routine_events(program, TODAY, **filters), stamp, zone=zone, tzid=tzid)


def parsed(text: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(text)


def events_by_summary(text: str) -> dict[str, icalendar.Event]:
    return {str(e["SUMMARY"]): e for e in parsed(text).walk("VEVENT")}


def occurrences(text: str, first: date, last: date) -> list[icalendar.Event]:
    return list(recurring_ical_events.of(parsed(text)).between(first, last))


def test_one_event_per_routine_that_holds_practice_named_with_its_children():
    empty = Routine(id="lunch", name="Lunch", time=time(12, 0))
    events = events_by_summary(ics(family(empty)))
    assert sorted(events) == [
        "Bath time: practice (Leo)",
        "Breakfast: practice (Leo, Maya)",
        "Getting dressed: practice (Leo)",
        "Play time: practice (Maya)",
    ]  # Lunch holds nothing: no event


def test_the_event_is_at_the_routines_time_in_the_familys_zone_on_its_days():
    text = ics(family())
    assert "DTSTART;TZID=Europe/London:20270315T074500\r\n" in text  # Monday 15 March: dressing is on
    dressing = events_by_summary(text)["Getting dressed: practice (Leo)"]
    start = dressing["DTSTART"].dt
    assert (start.date(), start.time(), start.utcoffset()) == (TODAY, time(7, 45), timedelta(0))
    assert dressing["RRULE"]["FREQ"] == ["WEEKLY"]
    assert dressing["RRULE"]["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    assert events_by_summary(text)["Bath time: practice (Leo)"]["RRULE"]["FREQ"] == ["DAILY"]
    weekend = [o for o in occurrences(text, date(2027, 3, 20), date(2027, 3, 22)) if "dressed" in o["SUMMARY"]]
    assert weekend == []  # Saturday and Sunday: no dressing reminder


def test_the_first_event_is_on_the_routines_first_day_from_the_export():
    saturday = date(2027, 3, 20)
    text = calendar_text(routine_events(family(), saturday), STAMP, zone=LONDON, tzid="Europe/London")
    dressing = events_by_summary(text)["Getting dressed: practice (Leo)"]
    assert dressing["DTSTART"].dt.date() == date(2027, 3, 22)  # the Monday after: DTSTART is a real occurrence


@pytest.mark.parametrize("tzid", ["Europe/London", "Family's zone"])
def test_the_routines_time_holds_across_the_change_of_the_clocks(tzid):
    """Breakfast at 07:15 before and after 28 March 2027, when London moves from GMT to BST.

    With a TZID no library knows by name, only the file's VTIMEZONE says when the clocks
    change: the instants must still be those of London.
    """
    text = ics(family(), tzid=tzid)
    found = [o for o in occurrences(text, date(2027, 3, 21), date(2027, 4, 4)) if "Breakfast" in o["SUMMARY"]]
    assert len(found) == 14
    for occurrence in found:
        start = occurrence["DTSTART"].dt
        assert start.time() == time(7, 15)
        expected = datetime.combine(start.date(), time(7, 15), tzinfo=LONDON)
        assert start.astimezone(UTC) == expected.astimezone(UTC)
    offsets = {o["DTSTART"].dt.date(): o["DTSTART"].dt.utcoffset() for o in found}
    assert offsets[date(2027, 3, 27)] == timedelta(0) and offsets[date(2027, 3, 28)] == timedelta(hours=1)


@pytest.mark.parametrize(
    ("zone", "first", "last"),
    [
        ("America/New_York", date(2027, 10, 25), date(2027, 11, 15)),  # clocks back on 7 November
        ("Australia/Sydney", date(2027, 3, 28), date(2027, 4, 12)),  # clocks back on 4 April
        ("Africa/Casablanca", date(2028, 1, 10), date(2028, 2, 10)),  # no yearly rule: changes written out
    ],
)
def test_the_zones_own_rules_hold_where_no_library_knows_its_name(zone, first, last):
    # A TZID of its own for each zone: icalendar keeps the zones it has read by their TZID.
    text = ics(family(), zone=ZoneInfo(zone), tzid=f"Home in {zone.split('/')[1]}")
    found = [o for o in occurrences(text, first, last) if "Bath" in o["SUMMARY"]]
    assert len(found) == (last - first).days
    for occurrence in found:
        start = occurrence["DTSTART"].dt
        expected = datetime.combine(start.date(), time(18, 30), tzinfo=ZoneInfo(zone))
        assert start.time() == time(18, 30)
        assert start.astimezone(UTC) == expected.astimezone(UTC), start
    assert len({o["DTSTART"].dt.utcoffset() for o in found}) == 2  # the window holds a change


def test_without_a_known_zone_the_times_float():
    text = ics(family(), zone=None, tzid=None)
    assert "VTIMEZONE" not in text and "TZID" not in text
    assert events_by_summary(text)["Bath time: practice (Leo)"]["DTSTART"].dt == datetime(2027, 3, 15, 18, 30)


def test_the_description_lists_each_childs_items_with_cue_and_minutes_and_an_alarm_rings_at_the_start():
    breakfast = events_by_summary(ics(family()))["Breakfast: practice (Leo, Maya)"]
    assert str(breakfast["DESCRIPTION"]).splitlines() == [
        "Leo: S-words at breakfast, 5 tries, 3 min, say: Teeth together, let the snake out: sss",
        "Maya: Straw drinking, 1 cup, 2 min, say: Lips tight like a fish, show: Fish card",
    ]
    (alarm,) = breakfast.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY" and alarm["TRIGGER"].dt == timedelta(0)
    assert breakfast["DTEND"].dt - breakfast["DTSTART"].dt == timedelta(minutes=5)  # 3 + 2 min


def test_met_paused_and_archived_practice_is_left_out():
    program = family()
    for goal in program.goals:
        if goal.id == "maya-straw":
            goal.status = GoalStatus.PAUSED
        if goal.id == "leo-buttons":
            goal.status = GoalStatus.MET
    program.strategies = [s for s in program.strategies if s.id != "bath-s"] + [
        Strategy(id="old-bath", goal="leo-s", title="Old bath game", routines=["bath"], archived=True)
    ]
    assert sorted(events_by_summary(ics(program))) == ["Breakfast: practice (Leo)"]


def test_uids_stay_when_the_program_changes_so_a_new_export_replaces_the_events():
    before = events_by_summary(ics(family()))["Bath time: practice (Leo)"]
    program = family()
    bath = program.routine("bath")
    assert bath is not None
    bath.name, bath.time = "Bath and bed", time(19, 0)
    after = events_by_summary(ics(program, stamp=STAMP + timedelta(days=3)))["Bath and bed: practice (Leo)"]
    assert after["UID"] == before["UID"] == "bath@family-tui"
    assert after["SEQUENCE"] > before["SEQUENCE"]  # clients that look at it take the newer one
    assert after["DTSTART"].dt.time() == time(19, 0)


def test_one_childs_calendar_has_only_their_practice_and_its_own_uids():
    events = events_by_summary(ics(family(), child_ids=["maya"]))
    assert sorted(events) == ["Breakfast: practice (Maya)", "Play time: practice (Maya)"]
    assert "Leo" not in str(events["Breakfast: practice (Maya)"]["DESCRIPTION"])
    assert events["Play time: practice (Maya)"]["UID"] == "play.maya@family-tui"


def test_a_caregivers_calendar_keeps_only_their_days():
    sitter = Caregiver(id="sitter", name="Sam the sitter", days=[Weekday.TUE, Weekday.SAT])
    events = events_by_summary(ics(family(sitter), caregiver=sitter))
    assert events["Getting dressed: practice (Leo)"]["RRULE"]["BYDAY"] == ["TU"]
    assert events["Bath time: practice (Leo)"]["RRULE"]["BYDAY"] == ["TU", "SA"]
    assert events["Bath time: practice (Leo)"]["UID"] == "bath.sitter@family-tui"
    days = {
        o["DTSTART"].dt.strftime("%a")
        for o in occurrences(ics(family(sitter), caregiver=sitter), TODAY, date(2027, 3, 29))
    }
    assert days == {"Tue", "Sat"}


def test_a_caregiver_on_no_day_of_a_routine_gets_no_event_for_it():
    weekend = Caregiver(id="gran", name="Gran", days=[Weekday.SAT, Weekday.SUN])
    assert "Getting dressed: practice (Leo)" not in events_by_summary(ics(family(weekend), caregiver=weekend))


def test_names_with_commas_semicolons_backslashes_and_line_breaks_come_back_as_typed():
    goal = Goal(id="odd", child="leo", discipline="OT", title="Odd")
    odd = Strategy(
        id="odd-s",
        goal="odd",
        title="Zoë's “snake”; slow, then fast \\ twice",
        how="",
        cue="Ready; set, go!",
        minutes=2,
        routines=["bath"],
    )
    text = ics(family(goal, odd))
    description = str(events_by_summary(text)["Bath time: practice (Leo)"]["DESCRIPTION"])
    assert "Leo: Zoë's “snake”; slow, then fast \\ twice, 2 min, say: Ready; set, go!" in description.splitlines()


def test_every_line_ends_in_crlf_and_holds_at_most_75_octets():
    long_title = "Très long exercice 🦩 " * 3
    goal = Goal(id="long", child="maya", discipline="PT", title="Long")
    text = ics(family(goal, Strategy(id="long-s", goal="long", title=long_title.strip(), routines=["play"])))
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert str(events_by_summary(text)["Play time: practice (Maya)"]["DESCRIPTION"]).endswith(
        long_title.strip() + ", 3 min"
    )


def test_folding_never_cuts_a_character_and_unfolds_to_the_line():
    line = "DESCRIPTION:" + "é🦩a" * 40
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert folded.replace("\r\n ", "") == line


def test_text_escaping():
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_londons_vtimezone_is_two_yearly_rules_starting_at_the_wall_time_of_each_change():
    """RFC 5545 gives each change as the wall time before it: 01:00 GMT in March, 02:00 BST in October."""
    lines = vtimezone_lines(LONDON, "Europe/London", date(2027, 3, 15))
    assert lines == [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/London",
        "BEGIN:DAYLIGHT",
        "DTSTART:20260329T010000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "TZOFFSETFROM:+0000",
        "TZOFFSETTO:+0100",
        "TZNAME:BST",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "DTSTART:20261025T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0000",
        "TZNAME:GMT",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]


def test_a_zone_without_changes_is_one_standard_observance():
    lines = vtimezone_lines(ZoneInfo("Asia/Kolkata"), "Asia/Kolkata", date(2027, 3, 15))
    assert "TZOFFSETFROM:+0530" in lines and "TZOFFSETTO:+0530" in lines
    assert lines.count("BEGIN:STANDARD") == 1 and "BEGIN:DAYLIGHT" not in lines


def test_an_event_lasts_its_items_minutes_at_least_five_and_may_end_after_midnight():
    late = Routine(id="late", name="Late snack", time=time(23, 58))
    goal = Goal(id="g", child="maya", discipline="PT", title="Hop")
    hop = Strategy(id="hop", goal="g", title="Hop to bed", minutes=12, routines=["late"])
    events = events_by_summary(ics(family(late, goal, hop)))
    assert events["Bath time: practice (Leo)"]["DTEND"].dt.time() == time(18, 35)  # 3 min: made 5
    end = events["Late snack: practice (Maya)"]["DTEND"].dt
    assert (end.date(), end.time()) == (TODAY + timedelta(days=1), time(0, 10))


def test_a_day_already_skipped_for_every_child_of_a_routine_has_no_reminder():
    skips = [
        SkipDay(date=date(2027, 3, 17), reason=SkipReason.HOLIDAY),  # the whole family
        SkipDay(date=date(2027, 3, 18), child="leo", reason=SkipReason.SICK),
        SkipDay(date=date(2027, 3, 1), reason=SkipReason.HOLIDAY),  # before the export: nothing to say
    ]
    text = calendar_text(routine_events(family(), TODAY, skip_days=skips), STAMP, zone=LONDON, tzid="Europe/London")
    assert "EXDATE;TZID=Europe/London:20270317T183000,20270318T183000\r\n" in text
    found = {(o["SUMMARY"], o["DTSTART"].dt.day) for o in occurrences(text, date(2027, 3, 16), date(2027, 3, 20))}
    assert ("Bath time: practice (Leo)", 17) not in found and ("Bath time: practice (Leo)", 18) not in found
    assert ("Bath time: practice (Leo)", 19) in found
    assert ("Breakfast: practice (Leo, Maya)", 18) in found  # Maya still practises at breakfast
    assert ("Breakfast: practice (Leo, Maya)", 17) not in found


def test_the_computers_zone_is_named_by_where_etc_localtime_points(tmp_path, monkeypatch):
    """Read from /etc/localtime, a zone has no name of its own; Google and Apple need one for TZID."""
    from pathlib import Path

    from family_tui import clock

    paris = Path("/usr/share/zoneinfo/Europe/Paris")
    if not paris.exists():
        pytest.skip("no system zone files here")
    link = tmp_path / "localtime"
    link.symlink_to(paris)
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(clock, "_LOCALTIME", link)
    monkeypatch.setattr(clock, "_TIMEZONE_FILE", tmp_path / "no-timezone-file")
    zone = clock.local_zone()
    assert zone is not None and getattr(zone, "key", None) is None
    assert clock.zone_name(zone) == "Europe/Paris"
    assert clock.zone_name(ZoneInfo("America/Chicago")) == "America/Chicago"
    assert clock.zone_name(None) is None
