"""The iCalendar file (RFC 5545) that Google, Apple, Outlook, Cozi and Skylight import.

Each routine is a VEVENT at the routine's wall time in the family's zone
(``DTSTART;TZID=Europe/London:20261207T183000``, the zone's rules in a VTIMEZONE),
repeating on its days, with a reminder (VALARM) when it starts. The same routine keeps
its UID in every export, and a later export has a higher SEQUENCE, so importing the new
file after the therapist changes the program updates the events instead of adding more.

Without a known zone the times are "floating": each phone shows them at its own local
time, which is still the routine's time for a family in one place.

No Textual here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo

from .events import RoutineEvent
from .ical_text import content_line, ics_document, text_line
from .vtimezone import vtimezone_lines

PRODID = "-//family-tui//Home practice calendar//EN"
CALENDAR_NAME = "Home practice"
_BYDAY = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}
_SEQUENCE_FROM = datetime(2026, 1, 1, tzinfo=UTC)


def sequence_of(stamp: datetime) -> int:
    """Minutes since 2026 at the export: each export's events outrank the ones before it."""
    return max(0, int((stamp.astimezone(UTC) - _SEQUENCE_FROM).total_seconds() // 60))


def _utc(stamp: datetime) -> str:
    return f"{stamp.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def recurrence(event: RoutineEvent) -> str:
    """``FREQ=DAILY`` for every day, else ``FREQ=WEEKLY;BYDAY=MO,WE,FR``."""
    if event.every_day:
        return "FREQ=DAILY"
    return "FREQ=WEEKLY;BYDAY=" + ",".join(_BYDAY[d.value] for d in event.days)


def _exdates(event: RoutineEvent, at: dict[str, str]) -> list[str]:
    """The skipped days, each at the routine's time: RFC 5545 matches an EXDATE to an occurrence exactly."""
    if not event.skipped:
        return []
    days = ",".join(f"{datetime.combine(day, event.routine.time):%Y%m%dT%H%M%S}" for day in event.skipped)
    return [content_line("EXDATE", days, **at)]


def _vevent(event: RoutineEvent, tzid: str | None, stamp: datetime) -> list[str]:
    start = datetime.combine(event.first_day, event.routine.time)
    end = start + event.duration  # DTEND rather than DURATION: every client reads it
    at = {"tzid": tzid} if tzid is not None else {}
    return [
        "BEGIN:VEVENT",
        content_line("UID", event.uid),
        content_line("DTSTAMP", _utc(stamp)),
        content_line("LAST-MODIFIED", _utc(stamp)),
        content_line("SEQUENCE", str(sequence_of(stamp))),
        content_line("DTSTART", f"{start:%Y%m%dT%H%M%S}", **at),
        content_line("DTEND", f"{end:%Y%m%dT%H%M%S}", **at),
        content_line("RRULE", recurrence(event)),
        *_exdates(event, at),
        text_line("SUMMARY", event.summary),
        text_line("DESCRIPTION", event.description),
        content_line("TRANSP", "TRANSPARENT"),
        "BEGIN:VALARM",
        content_line("ACTION", "DISPLAY"),
        text_line("DESCRIPTION", event.summary),
        content_line("TRIGGER", "PT0M", related="START"),
        "END:VALARM",
        "END:VEVENT",
    ]


def calendar_text(
    events: Sequence[RoutineEvent],
    stamp: datetime,
    *,
    zone: tzinfo | None = None,
    tzid: str | None = None,
    name: str = CALENDAR_NAME,
) -> str:
    """The whole file, CRLF line endings. ``stamp``: when it is made (aware, or taken as UTC).

    ``zone`` and ``tzid`` together put the events in that zone; without them the times float.
    """
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    lines = [
        "BEGIN:VCALENDAR",
        content_line("VERSION", "2.0"),
        content_line("PRODID", PRODID),
        content_line("CALSCALE", "GREGORIAN"),
        content_line("METHOD", "PUBLISH"),
        text_line("NAME", name),
        text_line("X-WR-CALNAME", name),
    ]
    if zone is None or tzid is None:
        tzid = None
    else:
        first = min((event.first_day for event in events), default=stamp.date())
        lines += vtimezone_lines(zone, tzid, first)
    for event in events:
        lines += _vevent(event, tzid, stamp)
    lines.append("END:VCALENDAR")
    return ics_document(lines)
