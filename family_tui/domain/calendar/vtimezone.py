"""The family's time zone as a VTIMEZONE, made from the zone rules Python already has.

An event at 18:30 "in Europe/London" must stay at 18:30 when the clocks change, on every
phone. Google and Apple know zones by name; Outlook and older clients read the rules
from the file itself. So the file carries both: the name as TZID, and the rules as
STANDARD and DAYLIGHT observances.

The observances are found by asking ``zone`` its offset day by day over the years an
export can matter for, then narrowing each change to the second. When every change
falls on the same weekday of the same month each year (the last Sunday of March), the
observance is one yearly RRULE, which holds for the years after as well; otherwise (a
zone whose rules move about) each change is written out for those years.
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from .ical_text import content_line

YEARS_AFTER = 10
"""Years after the first event whose changes are checked, and written out when no rule fits."""

_DAY = timedelta(days=1)
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Observance:
    """One change of the clocks: ``onset`` is the wall time it happens, read before the change."""

    onset: datetime
    offset_from: timedelta
    offset_to: timedelta
    name: str
    daylight: bool

    @property
    def kind(self) -> tuple[timedelta, timedelta, str, bool]:
        return (self.offset_from, self.offset_to, self.name, self.daylight)


def _state(zone: tzinfo, instant: datetime) -> tuple[timedelta, timedelta, str]:
    local = instant.astimezone(zone)
    return (local.utcoffset() or timedelta(0), local.dst() or timedelta(0), local.tzname() or "")


def transitions(zone: tzinfo, first_year: int, last_year: int) -> list[Observance]:
    """Every change of offset, DST or name in ``zone`` from ``first_year`` to ``last_year``."""
    found: list[Observance] = []
    instant = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    state = _state(zone, instant)
    while instant < end:
        following = instant + _DAY
        after = _state(zone, following)
        if after != state:
            low, high = instant, following  # the change is after ``low``, at or before ``high``
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if _state(zone, middle) == state:
                    low = middle
                else:
                    high = middle
            change = high.replace(microsecond=0)
            onset = (change + state[0]).replace(tzinfo=None)
            found.append(Observance(onset, state[0], after[0], after[2], after[1] != timedelta(0)))
            state = after
        instant = following
    return found


def _yearly_rule(onsets: list[datetime]) -> str | None:
    """``FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU`` when every onset fits it, one a year; else None."""
    first = onsets[0]
    years = [o.year for o in onsets]
    if years != list(range(years[0], years[0] + len(years))):
        return None
    if any((o.month, o.time(), o.weekday()) != (first.month, first.time(), first.weekday()) for o in onsets):
        return None
    for nth in ((first.day - 1) // 7 + 1, -1):
        if nth == 5:
            continue
        if all(_nth_of(o) == nth or (nth == -1 and _is_last(o)) for o in onsets):
            return f"FREQ=YEARLY;BYMONTH={first.month};BYDAY={nth}{_BYDAY[first.weekday()]}"
    return None


def _nth_of(day: datetime) -> int:
    return (day.day - 1) // 7 + 1


def _is_last(day: datetime) -> bool:
    return day.day + 7 > _calendar.monthrange(day.year, day.month)[1]


def _offset(delta: timedelta) -> str:
    """``+0100``, ``-0330``; seconds too when a zone has them (``+002030``)."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


def _component(observance: Observance, rule: str | None = None) -> list[str]:
    kind = "DAYLIGHT" if observance.daylight else "STANDARD"
    lines = [f"BEGIN:{kind}", content_line("DTSTART", f"{observance.onset:%Y%m%dT%H%M%S}")]
    if rule is not None:
        lines.append(content_line("RRULE", rule))
    lines += [
        content_line("TZOFFSETFROM", _offset(observance.offset_from)),
        content_line("TZOFFSETTO", _offset(observance.offset_to)),
    ]
    if observance.name:
        lines.append(content_line("TZNAME", observance.name))
    return [*lines, f"END:{kind}"]


def vtimezone_lines(zone: tzinfo, tzid: str, first: date) -> list[str]:
    """The VTIMEZONE for events from ``first`` on, its TZID ``tzid``."""
    changes = transitions(zone, first.year - 1, first.year + YEARS_AFTER)
    lines = ["BEGIN:VTIMEZONE", content_line("TZID", tzid)]
    if not changes:
        offset, dst, name = _state(zone, datetime(first.year, 1, 1, tzinfo=UTC))
        steady = Observance(datetime(1970, 1, 1), offset, offset, name, dst != timedelta(0))
        return [*lines, *_component(steady), "END:VTIMEZONE"]
    kinds: dict[tuple[timedelta, timedelta, str, bool], list[Observance]] = {}
    for change in changes:
        kinds.setdefault(change.kind, []).append(change)
    rules = {kind: _yearly_rule([o.onset for o in group]) for kind, group in kinds.items()}
    if len(kinds) == 2 and all(rule is not None for rule in rules.values()):
        for kind, group in kinds.items():
            lines += _component(group[0], rules[kind])
    else:
        start = datetime(first.year - 1, 1, 1)
        offset, dst, name = _state(zone, start.replace(tzinfo=UTC))
        lines += _component(Observance(start, offset, offset, name, dst != timedelta(0)))  # before the first change
        for change in changes:
            lines += _component(change)
    return [*lines, "END:VTIMEZONE"]
