"""Practice history in a compact form, for the progress views.

Five years of a family's practice is about 55,000 entries. Holding each as a validated
:class:`~family_tui.domain.models.PracticeEntry` costs a lot of memory and time, and most
questions about old months need much less than an entry: *was this strategy practised
on that day*, and *in which settings*. So the store hands progress a
:class:`PracticeHistory`:

* for every month, per (child, strategy), the days practised as a bit mask, the
  settings as a bit mask and the number of entries (:class:`MonthPractice`);
* full detail (:class:`PracticeFact`: what :mod:`family_tui.domain.progress` reads of an
  entry) only for the recent days the calendar, the charts and the weekly views show.

No pydantic and no Textual here; the store builds these from month files and caches
them on disk (see :mod:`family_tui.storage.summary`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple, Protocol

from .models import Assistance, PracticeStatus, Setting

SETTINGS: tuple[Setting, ...] = tuple(Setting)
SETTING_BIT = {s: 1 << i for i, s in enumerate(SETTINGS)}


class Practice(Protocol):
    """What progress reads of a practice: a stored PracticeEntry, or a history's PracticeFact."""

    @property
    def date(self) -> dt.date: ...  # ``date`` is a field here
    @property
    def child(self) -> str: ...
    @property
    def strategy(self) -> str: ...
    @property
    def routine(self) -> str: ...
    @property
    def status(self) -> PracticeStatus: ...
    @property
    def assistance(self) -> Assistance | None: ...
    @property
    def setting(self) -> Setting: ...
    @property
    def minutes(self) -> int: ...
    @property
    def trials_correct(self) -> int | None: ...
    @property
    def trials_total(self) -> int | None: ...
    @property
    def seconds(self) -> int | None: ...
    @property
    def seconds_left(self) -> int | None: ...
    @property
    def seconds_right(self) -> int | None: ...
    @property
    def steps_alone(self) -> list[int] | None: ...
    @property
    def steps_total(self) -> int | None: ...
    @property
    def counted(self) -> int | None: ...


class PracticeFact(NamedTuple):
    """What progress reads of a practice entry; attribute-compatible with PracticeEntry."""

    date: date
    child: str
    strategy: str
    routine: str
    status: PracticeStatus
    assistance: Assistance | None
    setting: Setting
    minutes: int
    trials_correct: int | None
    trials_total: int | None
    seconds: int | None = None
    seconds_left: int | None = None
    seconds_right: int | None = None
    steps_alone: list[int] | None = None
    steps_total: int | None = None
    counted: int | None = None


@dataclass
class MonthPractice:
    """One month's practice per (child, strategy): days as bits (bit 0 is the 1st)."""

    year: int
    month: int
    pairs: dict[tuple[str, str], tuple[int, int, int]] = field(default_factory=dict)
    """(child, strategy) -> (days mask, settings mask, entries)."""

    def add(self, child: str, strategy: str, day: int, setting: Setting) -> None:
        days, settings, count = self.pairs.get((child, strategy), (0, 0, 0))
        self.pairs[(child, strategy)] = (days | 1 << (day - 1), settings | SETTING_BIT[setting], count + 1)


def settings_in(mask: int) -> set[Setting]:
    return {s for s in SETTINGS if mask & SETTING_BIT[s]}


@dataclass
class PracticeHistory:
    """Every month in outline, and entry detail from ``detail_from`` on."""

    months: list[MonthPractice]
    facts: list[PracticeFact]
    detail_from: date | None = None
    """The first day with full detail; None: every day."""


def months_of(entries: Iterable[Practice]) -> list[MonthPractice]:
    """The outline of any entries (PracticeEntry or PracticeFact), oldest month first."""
    months: dict[tuple[int, int], MonthPractice] = {}
    for entry in entries:
        day = entry.date
        month = months.get((day.year, day.month))
        if month is None:
            month = months[(day.year, day.month)] = MonthPractice(day.year, day.month)
        month.add(entry.child, entry.strategy, day.day, entry.setting)
    return [months[k] for k in sorted(months)]
