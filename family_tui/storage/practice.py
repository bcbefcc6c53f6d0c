"""The practice entries: one month file with its journal per month (see :mod:`.months`).

The few months used most recently stay in memory, with their valid entries. A check-in
is one line in the month's journal; once the journal is long enough, the month is folded
in a background thread. The caller holds the store's thread lock.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.models import PracticeEntry
from .backups import MONTH_STEM
from .checks import RecordChecks
from .checksums import Checksums
from .journal import Key
from .lock import DataFolderLock
from .months import FOLD_AFTER, BackgroundFolds, Month

if TYPE_CHECKING:
    from . import summary

PRACTICE_DIR = "practice"
ISO_DATE_LENGTH = len("2026-12-07")
MONTHS_KEPT = 3
"""Months whose entries stay in memory (today's and the last ones looked at)."""


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


class PracticeMonths:
    """Every month's practice, read and written one month file (and journal) at a time."""

    def __init__(
        self,
        data_dir: Path,
        lock: DataFolderLock,
        checksums: Checksums,
        checks: RecordChecks,
        newest_backup: Callable[[], Path | None],
        *,
        fold: Callable[[str], Any],
        written: Callable[[str, Month, summary.NewOutlines | None], None],
        may_hold: Callable[[str, list[os.DirEntry[str]], str, str], bool],
        cache_root: Path | None = None,
    ) -> None:
        """``fold``: fold one month safely from another thread (the store's :meth:`fold`);
        ``written``: a month file was just written (``batch`` collects outlines for one
        write of the outlines file); ``may_hold``: False only when the month's summary says it
        has no entry for the child's strategy."""
        self.data_dir = data_dir
        self.cache_root = cache_root or data_dir
        """The data folder whose local folder holds the Progress caches."""
        self.folder = data_dir / PRACTICE_DIR
        self.writer: Callable[[list[tuple[dict[str, Any] | None, dict[str, Any] | None]]], None] | None = None
        """Where changes go instead of these files: the device log (the files then take them in)."""
        self.lock = lock
        self.checksums = checksums
        self.checks = checks
        self.newest_backup = newest_backup
        self._written = written
        self._may_hold = may_hold
        self.folds = BackgroundFolds(fold)
        self._months: dict[str, Month] = {}
        self._entry_cache: dict[str, tuple[int, list[PracticeEntry]]] = {}
        self._decoded: dict[str, dict[int, tuple[dict[str, Any], PracticeEntry]]] = {}
        """Per month, each document's entry by the document's identity: documents are never changed in place."""
        self._day_cache: dict[date, tuple[tuple[str, int], list[PracticeEntry]]] = {}
        self._part_cache: dict[tuple[str, str, str], tuple[int, list[PracticeEntry]]] = {}
        """Per month and span of days (ISO dates), the valid entries of that span alone: Today's week."""

    def suspect(self) -> None:
        """Another copy wrote: read every month again even if its signatures look the same."""
        for month in self._months.values():
            month.suspect()

    def forget_months(self) -> None:
        """The month files were made anew: nothing read before holds."""
        self._months.clear()
        self._entry_cache.clear()
        self._decoded.clear()
        self._day_cache.clear()
        self._part_cache.clear()

    # -- the files ---------------------------------------------------------------

    def month_path(self, day: date) -> Path:
        return self.folder / f"{day.year:04d}-{day.month:02d}.json"

    def journal_path(self, day: date) -> Path:
        return self.folder / f"{day.year:04d}-{day.month:02d}.journal"

    def new_month(self, key: str) -> Month:
        """A month's files, not kept in memory."""
        return Month(
            self.folder,
            key,
            self.lock,
            self.newest_backup,
            self.checksums,
            self.checks.note,
            durable=self.writer is None,
        )

    def month(self, key: str) -> Month:
        """The month's files, kept in memory for the few months used most recently."""
        month = self._months.pop(key, None)
        if month is None:
            month = self.new_month(key)
        self._months[key] = month  # most recently used last
        while len(self._months) > MONTHS_KEPT:
            old_key = next(iter(self._months))
            self._months.pop(old_key).forget()
            self._entry_cache.pop(old_key, None)
            self._decoded.pop(old_key, None)
            for part in [part for part in self._part_cache if part[0] == old_key]:
                del self._part_cache[part]
        return month

    def kept(self, key: str) -> Month | None:
        """The month if it is one of those in memory."""
        return self._months.get(key)

    def months(self) -> list[str]:
        """Months that have practice (a month file or a journal), oldest first."""
        return sorted(self.files())

    def files(self) -> dict[str, list[os.DirEntry[str]]]:
        """Each month's files (its month file, its journal, or both)."""
        months: dict[str, list[os.DirEntry[str]]] = {}
        try:
            with os.scandir(self.folder) as found:
                for item in found:
                    name = item.name
                    stem, dot, suffix = name.rpartition(".")
                    if dot and suffix in ("json", "journal") and MONTH_STEM.fullmatch(stem):
                        months.setdefault(stem, []).append(item)
        except FileNotFoundError:
            pass
        return months

    # -- reading -----------------------------------------------------------------

    def validated(self, key: str, docs: Iterable[tuple[str, dict[str, Any]]]) -> list[PracticeEntry]:
        return list(self.each_valid(key, docs, quick=True))

    def each_valid(
        self, key: str, docs: Iterable[tuple[str, dict[str, Any]]], *, quick: bool = False
    ) -> Iterator[PracticeEntry]:
        """The valid entries one at a time (a summary needs each only for a moment); the rest reported.

        ``quick``: decoded while starting quickly (held in memory, checked by ``verify``).
        Summaries are written to disk, so what goes into them is always validated.
        """
        validate = self.checks.maker(PracticeEntry) if quick else PracticeEntry.model_validate
        for doc_id, doc in docs:
            entry = self._valid(key, validate, doc_id, doc)
            if entry is not None:
                yield entry

    def _valid(
        self, key: str, validate: Callable[[dict[str, Any]], PracticeEntry], doc_id: str, doc: dict[str, Any]
    ) -> PracticeEntry | None:
        try:
            return validate(doc)
        except ValueError as error:
            self.checks.report(f"practice/{key}.json entry {doc.get('id', doc_id)!s}", error, table="practice", doc=doc)
            return None

    def month_entries(self, key: str) -> list[PracticeEntry]:
        """Every valid entry of a month (cached while the month is one of the few kept).

        After a check-in only one entry of the month is new: the others are the same
        documents as before, and their entries are kept (by document) instead of being
        decoded again, which took a millisecond or two of every check-in on a full month.
        """
        month = self.month(key)
        month.sync()
        cached = self._entry_cache.get(key)
        if cached and cached[0] == month.generation:
            return cached[1]
        known = self._decoded.get(key, {})
        decoded: dict[int, tuple[dict[str, Any], PracticeEntry]] = {}
        validate = self.checks.maker(PracticeEntry)
        entries: list[PracticeEntry] = []
        for doc_id, doc in month.doc_items():
            held = known.get(id(doc))
            entry = held[1] if held is not None and held[0] is doc else self._valid(key, validate, doc_id, doc)
            if entry is not None:
                decoded[id(doc)] = (doc, entry)
                entries.append(entry)
        self._entry_cache[key] = (month.generation, entries)
        self._decoded[key] = decoded
        return entries

    def part_entries(self, key: str, first: str, last: str) -> list[PracticeEntry]:
        """The valid entries of a month dated ``first`` to ``last`` (ISO dates), the month's others left unread.

        Today shows a week: decoding every entry of the month to keep a week's took up
        to a month's worth of decoding (900 entries at its end) of every start and every
        check-in. A document dated outside the span is passed over unchecked: valid, it
        falls outside; damaged, it would not be shown anyway. Any other document (in the
        span, or with no readable date) is checked as :meth:`month_entries` checks it,
        so the answer is the one the whole month gives. Only while starting quickly:
        :meth:`verify` then reads the whole month, reporting damage anywhere in it; once
        verified, the whole month is read (and checked), as before.
        """
        if not self.checks.decoding:
            return self.month_entries(key)
        month = self.month(key)
        month.sync()
        cached = self._entry_cache.get(key)
        if cached and cached[0] == month.generation:
            return [e for e in cached[1] if first <= e.date.isoformat() <= last]
        part = (key, first, last)
        held = self._part_cache.get(part)
        if held and held[0] == month.generation:
            return held[1]
        known = self._decoded.get(key, {})
        decoded: dict[int, tuple[dict[str, Any], PracticeEntry]] = {}
        validate = self.checks.maker(PracticeEntry)
        entries: list[PracticeEntry] = []
        for doc_id, doc in month.doc_items():
            day = doc.get("date")
            if type(day) is str and len(day) == ISO_DATE_LENGTH and not first <= day <= last:
                continue
            kept = known.get(id(doc))
            entry = kept[1] if kept is not None and kept[0] is doc else self._valid(key, validate, doc_id, doc)
            if entry is not None:
                decoded[id(doc)] = (doc, entry)
                entries.append(entry)
        if len(self._part_cache) > 8:
            self._part_cache.clear()
        self._part_cache[part] = (month.generation, entries)
        self._decoded[key] = decoded
        return entries

    def on(self, day: date) -> list[PracticeEntry]:
        key = month_key(day)
        month = self.month(key)
        month.sync()
        cached = self._day_cache.get(day)
        if cached and cached[0] == (key, month.generation):
            return list(cached[1])
        iso = day.isoformat()
        entries = self.validated(key, ((i, d) for i, d in month.doc_items() if d.get("date") == iso))
        entries = [e for e in entries if e.date == day]
        if len(self._day_cache) > 8:
            self._day_cache.clear()
        self._day_cache[day] = ((key, month.generation), entries)
        return list(entries)

    def between(self, first: date, last: date) -> list[PracticeEntry]:
        low, high = month_key(first), month_key(last)
        entries: list[PracticeEntry] = []
        first_iso, last_iso = first.isoformat(), last.isoformat()
        for key in self.months():
            if low <= key <= high:
                entries.extend(e for e in self.part_entries(key, first_iso, last_iso) if first <= e.date <= last)
        entries.sort(key=lambda e: (e.date, e.created_at))
        return entries

    def all(self) -> list[PracticeEntry]:
        entries: list[PracticeEntry] = []
        for key in self.months():
            entries.extend(self.month_entries(key))
        entries.sort(key=lambda e: (e.date, e.created_at))
        return entries

    def last(self, child: str, strategy: str, on_or_before: date) -> PracticeEntry | None:
        high = month_key(on_or_before)
        found = self._last_in(high, child, strategy, on_or_before)
        if found is not None:
            return found
        files = self.files()
        for key in sorted(files, reverse=True):
            if key >= high:
                continue
            if not self._may_hold(key, files[key], child, strategy):
                continue
            found = self._last_in(key, child, strategy, on_or_before)
            if found is not None:
                return found
        return None

    def _last_in(self, key: str, child: str, strategy: str, on_or_before: date) -> PracticeEntry | None:
        month = self.month(key)
        month.sync()
        # Newest day first; on one day the entry last changed. Only those are validated.
        by_day: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for doc_id, doc in month.latest_of(child, strategy, on_or_before.isoformat()):
            if by_day and doc["date"] not in by_day:
                entries = [e for e in self.validated(key, next(iter(by_day.values()))) if e.date <= on_or_before]
                if entries:
                    return max(entries, key=lambda e: (e.date, e.updated_at))
                by_day.clear()
            by_day.setdefault(doc["date"], []).append((doc_id, doc))
        for same_day in by_day.values():
            entries = [e for e in self.validated(key, same_day) if e.date <= on_or_before]
            if entries:
                return max(entries, key=lambda e: (e.date, e.updated_at))
        return None

    def verify(self, on: Callable[[date], list[PracticeEntry]]) -> bool:
        """Read the entries held decoded again (``on``: the store's ``practice_on``); True when any differ."""
        changed = False
        days, months, parts = dict(self._day_cache), dict(self._entry_cache), dict(self._part_cache)
        self._day_cache.clear()
        self._entry_cache.clear()
        self._decoded.clear()
        self._part_cache.clear()
        for day, (_, entries) in days.items():
            changed |= entries != on(day)
        for key, (_, entries) in months.items():
            changed |= entries != self.month_entries(key)
        for (key, first, last), (_, entries) in parts.items():
            whole = self.month_entries(key)  # damage anywhere in the month reported, as reading all of it did
            changed |= entries != [e for e in whole if first <= e.date.isoformat() <= last]
        return changed

    # -- writing -----------------------------------------------------------------

    def record(self, entry: PracticeEntry) -> PracticeEntry:
        key = month_key(entry.date)
        doc = entry.model_dump(mode="json")
        if self.writer is not None:
            self.writer([(None, doc)])
            return entry
        month = self.month(key)
        with self.lock.held():
            month.sync()
            month.put(doc)
            fold_due = month.pending >= FOLD_AFTER
        if fold_due:
            self.folds.request(key)
        return entry

    def record_many(self, entries: Iterable[PracticeEntry]) -> None:
        by_month: dict[str, list[dict[str, Any]]] = {}
        for entry in entries:
            by_month.setdefault(month_key(entry.date), []).append(entry.model_dump(mode="json"))
        if self.writer is not None:
            self.writer([(None, doc) for docs in by_month.values() for doc in docs])
            return
        outlines: summary.NewOutlines = {}
        with self.lock.held():
            for key, docs in by_month.items():
                month = self.month(key)
                month.sync()

                def insert(table: dict[str, dict[str, Any]], docs: list[dict[str, Any]] = docs) -> None:
                    next_id = max((int(i) for i in table), default=0) + 1
                    for offset, doc in enumerate(docs):
                        table[str(next_id + offset)] = doc

                month.rewrite(insert)
                self._written(key, month, outlines)
            from . import summary  # not part of start-up (see the module's imports)

            summary.save_outlines(self.cache_root, outlines)

    def remove(self, day: date, child: str, strategy: str, routine: str) -> None:
        key = month_key(day)
        month = self.month(key)
        if self.writer is not None:
            with self.lock.held():
                month.sync()
                wanted = (day.isoformat(), child, strategy, routine)
                found = month.shown(wanted)
                if found:
                    self.writer([(found[-1], None)])
            return
        with self.lock.held():
            month.sync()
            month.delete((day.isoformat(), child, strategy, routine))
            fold_due = month.pending >= FOLD_AFTER
        if fold_due:
            self.folds.request(key)

    def remove_of(self, child_ids: set[str], strategy_ids: set[str], routine_ids: set[str]) -> int:
        def doomed(doc: dict[str, Any]) -> bool:
            return (
                doc.get("child") in child_ids
                or doc.get("strategy") in strategy_ids
                or doc.get("routine") in routine_ids
            )

        def remove(table: dict[str, dict[str, Any]]) -> None:
            for doc_id in [i for i, doc in table.items() if doomed(doc)]:
                del table[doc_id]

        removed = 0
        outlines: summary.NewOutlines = {}
        if self.writer is not None:
            with self.lock.held():
                gone: list[dict[str, Any]] = []
                for key in self.months():
                    month = self.month(key)
                    month.sync()
                    gone.extend(doc for doc in month.docs() if doomed(doc))
                if gone:
                    self.writer([(doc, None) for doc in gone])
            return len(gone)
        with self.lock.held():
            for key in self.months():
                month = self.month(key)
                month.sync()
                count = sum(1 for doc in month.docs() if doomed(doc))
                if count:
                    month.rewrite(remove)
                    self._written(key, month, outlines)
                    removed += count
            if outlines:
                from . import summary  # not part of start-up (see the module's imports)

                summary.save_outlines(self.cache_root, outlines)
        return removed

    # -- taking in the folded state ------------------------------------------------------

    def take_in(
        self, key: str, changes: list[tuple[Key, dict[str, Any] | None]], outlines: summary.NewOutlines
    ) -> None:
        """Put a month's changed entries into its files (the lock is held): a journal line each, or,
        for many, the month file written anew with ``docs``."""
        month = self.month(key)
        month.sync()
        for item, doc in changes:
            if doc is None:
                month.delete(item)
            elif doc not in month.shown(item):
                month.put(doc)
        if month.pending >= FOLD_AFTER:
            self.folds.request(key)

    def replace_month(self, key: str, docs: list[dict[str, Any]], outlines: summary.NewOutlines) -> None:
        """Write a month file holding exactly ``docs`` (the lock is held); none: the month's files go."""
        month = self.month(key)
        month.sync()

        def replace(table: dict[str, dict[str, Any]]) -> None:
            table.clear()
            table.update({str(n): doc for n, doc in enumerate(docs, start=1)})

        month.rewrite(replace)
        self._written(key, month, outlines)

    # -- folding journals ----------------------------------------------------------

    def fold(self, key: str) -> bool:
        month = self.month(key)
        with self.lock.held():
            month.sync()
            if not month.fold():
                return False
            self._written(key, month, None)
            return True

    def fold_journals(self, fold: Callable[[str], bool]) -> int:
        """Fold (with ``fold``) every month's journal that holds anything; how many were folded."""
        folded = 0
        with self.lock.held():
            for key, files in self.files().items():
                if any(f.name.endswith(".journal") and f.stat().st_size for f in files):
                    folded += fold(key)
        return folded
