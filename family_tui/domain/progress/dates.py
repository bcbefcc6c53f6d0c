"""Calendar helpers the progress views share: days in a range, ISO weeks, Mondays."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def days_between(first: date, last: date) -> Iterator[date]:
    """Every day from ``first`` to ``last`` inclusive (none when ``first > last``)."""
    day = first
    while day <= last:
        yield day
        day += ONE_DAY


def iso_week_label(day: date) -> str:
    """``2026-W48``: the label therapists and the ``--week`` option use."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def monday_of(day: date) -> date:
    """The Monday that starts ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())
