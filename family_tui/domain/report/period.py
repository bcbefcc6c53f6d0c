"""The days a report covers: what ``--week``, ``--from`` and ``--to`` ask for, and how a date reads.

A mistake in what a person typed gets a message that says how to write it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..day_names import DAYS as DAYS
from ..day_names import MONTHS as MONTHS
from ..day_names import format_day as format_day
from ..progress import PracticeSummary

# -- the range --------------------------------------------------------------------

_WEEK_RE = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


def parse_iso_week(text: str) -> tuple[date, date]:
    """``2026-W48`` -> (Monday, Sunday) of that ISO week."""
    match = _WEEK_RE.match(text)
    if not match:
        raise ValueError(f'Could not read the week "{text}": write it as year, W and week number, like 2026-W48.')
    year, week = int(match.group(1)), int(match.group(2))
    weeks_in_year = date(year, 12, 28).isocalendar()[1]
    if not 1 <= week <= weeks_in_year:
        raise ValueError(
            f"There is no week {week} in {year}: its weeks run from {year}-W01 to {year}-W{weeks_in_year:02d}."
        )
    monday = date.fromisocalendar(year, week, 1)
    return monday, monday + timedelta(days=6)


def parse_day(text: str) -> date:
    """``2026-11-26`` -> a date, with a message that says how to write it."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f'Could not read the date "{text}": write it as YYYY-MM-DD, like 2026-11-26.') from None


def default_range(today: date) -> tuple[date, date]:
    """The last seven days, ending today (the family's day, see ``clock.family_day``)."""
    return today - timedelta(days=6), today


def report_range(
    today: date, *, week: str | None = None, first: str | None = None, last: str | None = None
) -> tuple[date, date]:
    """The range the ``report`` command asks for: an ISO week, from/to days, or the default.

    Only ``first``: from then until today. Only ``last``: the seven days ending then.
    """
    if week and (first or last):
        raise ValueError("Give either a week or first and last days, not both.")
    if week:
        return parse_iso_week(week)
    if not first and not last:
        return default_range(today)
    end = parse_day(last) if last else today
    start = parse_day(first) if first else end - timedelta(days=6)
    if start > end:
        raise ValueError(f"The first day ({start.isoformat()}) is after the last day ({end.isoformat()}).")
    return start, end


# -- how dates read ---------------------------------------------------------------------


def format_range(first: date, last: date) -> str:
    """``23–29 November 2026``, ``30 November – 6 December 2026``."""
    if first == last:
        return f"{first.day} {MONTHS[first.month - 1]} {first.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {MONTHS[last.month - 1]} {last.year}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]} – {last.day} {MONTHS[last.month - 1]} {last.year}"
    return f"{first.day} {MONTHS[first.month - 1]} {first.year} – {last.day} {MONTHS[last.month - 1]} {last.year}"


def minutes_text(minutes: int) -> str:
    """``1 minute``, ``12 minutes``."""
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def days_line(summary: PracticeSummary) -> str:
    """``practised 5 of 6 planned days, 42 minutes``: the summary's phrase and its minutes."""
    text = summary.phrase
    if summary.minutes:
        text += f", {minutes_text(summary.minutes)}"
    return text
