"""The Progress history: every month in outline, with recent detail, from the summaries.

Which summary stands for a month (see :mod:`.summary` for the files): the one kept in
memory, the cached one on disk, or one made from the month file, each used only while
it names the month file on disk now. A month with check-ins still in its journal is
its month file's summary with them replayed on top. The caller holds the store's
thread lock.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.history import MonthPractice, PracticeFact, PracticeHistory
from ..domain.models import PracticeEntry
from . import summary
from .checks import RecordChecks
from .durable import Signature, file_signature
from .lock import DataFolderLock
from .months import Month
from .practice import PracticeMonths

ReadOutlines = Callable[[], summary.ListedOutlines]
"""The outlines file's contents, read when a month first looks in it: once Progress has been built
every month's outline is kept in memory, and the file is not needed until a month changes
(reading it for every history, as the editor's delete dialog counts a child's entries from one,
parsed 60 months of JSON for nothing)."""


class ProgressCache:
    """Month summaries kept in outline, and the history the progress views read."""

    def __init__(self, data_dir: Path, lock: DataFolderLock, checks: RecordChecks, practice: PracticeMonths) -> None:
        self.data_dir = data_dir
        self.lock = lock
        self.checks = checks
        self.practice = practice
        self._outlines: dict[str, tuple[Signature, summary.MonthSummary]] = {}
        self._outlines_file: tuple[Signature, summary.ListedOutlines] | None = None

    def forget(self) -> None:
        """Another copy wrote: trust nothing kept by file signature."""
        self._outlines.clear()
        self._outlines_file = None

    def month_written(self, key: str, month: Month, batch: summary.NewOutlines | None = None) -> None:
        """The month file was just written (the lock is held): refresh its summary too.

        With ``batch``, the outline is collected there for one write of the outlines
        file at the end (bulk inserts write many months).
        """
        result = summary.summarise(key, self.practice.each_valid(key, month.doc_items()), [])
        result.problems = [p for p in self.checks.problems if p.startswith(f"practice/{key}.json ")]
        source = file_signature(month.path)
        summary.save(self.data_dir, result, source)
        self._outlines[key] = (source, summary.MonthSummary(key, result.outline, result.problems))
        if batch is not None:
            batch[key] = (source, result)
        else:
            summary.save_outlines(self.data_dir, {key: (source, result)})

    def may_hold(self, key: str, files: list[os.DirEntry[str]], child: str, strategy: str) -> bool:
        """False only when the month's summary says it has no entry for the pair."""
        found = self._summary(key, files, detail=False)
        return found is None or (child, strategy) in found.outline.pairs

    def _summary(
        self,
        key: str,
        files: list[os.DirEntry[str]],
        *,
        detail: bool,
        outlines: ReadOutlines | None = None,
        rebuilt: summary.NewOutlines | None = None,
    ) -> summary.MonthSummary | None:
        """A month's summary from memory or the cache, or made from its files.

        ``outlines``: the outlines file's contents, read when first called; ``rebuilt``
        collects the outlines made here, for one write of the outlines file.
        """
        month_file = next((f for f in files if f.name.endswith(".json")), None)
        journal_file = next((f for f in files if f.name.endswith(".journal")), None)
        if journal_file is not None and journal_file.stat().st_size:
            # Operations not yet folded: the month file's summary, with them replayed on top.
            month = self.practice.month(key)
            month.sync()
            base = None
            if month.file_signature is not None:
                base = self._file_summary(key, month.file_signature, detail=True, outlines=None, rebuilt=None)
            return summary.replay(base, key, month.journal_ops, lambda doc: self._valid_entry(key, doc))
        if month_file is None:
            return None
        st = month_file.stat()
        source = (st.st_ino, st.st_size, st.st_mtime_ns)
        return self._file_summary(key, source, detail=detail, outlines=outlines, rebuilt=rebuilt)

    def _valid_entry(self, key: str, doc: dict[str, Any]) -> PracticeEntry | None:
        found = self.practice.validated(key, [(doc.get("id", "?"), doc)])
        return found[0] if found else None

    def _file_summary(
        self,
        key: str,
        source: tuple[int, int, int],
        *,
        detail: bool,
        outlines: ReadOutlines | None,
        rebuilt: summary.NewOutlines | None,
    ) -> summary.MonthSummary | None:
        """The summary of the month file with this signature: kept, cached on disk, or made."""
        kept = self._outlines.get(key)
        if kept is not None and kept[0] == source and (not detail or kept[1].rows is not None):
            return kept[1]
        found = None
        if not detail and outlines is not None:
            listed = outlines().get(key)
            if listed is not None and listed[0] == list(source):
                found = listed[1]
        if found is None:
            found = summary.load(self.data_dir, key, source, detail=detail)
            if (
                found is not None
                and rebuilt is not None
                and (outlines() if outlines is not None else {}).get(key, (None,))[0] != list(source)
            ):
                rebuilt[key] = (source, found)
        if found is None:
            found = self._summarise_file(key)
            if found is None:
                return None
            if rebuilt is not None:
                rebuilt[key] = (source, found)
        problems = self.checks.problems
        for problem in found.problems:
            if problem not in problems:
                problems.append(problem)
        # Keep outlines only: the detail of old months is not worth its memory.
        self._outlines[key] = (source, summary.MonthSummary(key, found.outline, found.problems))
        return found

    def _summarise_file(self, key: str) -> summary.MonthSummary | None:
        """Read a month file (not one of the months kept in memory) and cache its summary."""
        month = self.practice.new_month(key)
        with self.lock.held():
            month.sync()
            source = file_signature(month.path)
            result = summary.summarise(key, self.practice.each_valid(key, month.doc_items()), [])
            result.problems = [p for p in self.checks.problems if p.startswith(f"practice/{key}.json ")]
            if not month.pending:
                summary.save(self.data_dir, result, source)
        return result

    def _load_outlines(self) -> summary.ListedOutlines:
        """The outlines file, parsed once per version of it."""
        sig = file_signature(self.data_dir / summary.CACHE_DIR / summary.OUTLINES)
        if self._outlines_file is None or self._outlines_file[0] != sig:
            self._outlines_file = (sig, summary.load_outlines(self.data_dir))
        return self._outlines_file[1]

    def summarised(self) -> bool:
        """True when :meth:`history` will read summaries, not month files (at most two of those)."""
        outlines = self._load_outlines()
        to_read = 0
        for key, files in self.practice.files().items():
            journal_file = next((f for f in files if f.name.endswith(".journal")), None)
            if journal_file is not None and journal_file.stat().st_size:
                month = self.practice.kept(key)
                to_read += month is None or not month.loaded
                continue
            month_file = next((f for f in files if f.name.endswith(".json")), None)
            if month_file is None:
                continue
            st = month_file.stat()
            source = (st.st_ino, st.st_size, st.st_mtime_ns)
            kept = self._outlines.get(key)
            listed = outlines.get(key)
            if not ((kept is not None and kept[0] == source) or (listed is not None and listed[0] == list(source))):
                to_read += 1
        return to_read <= 2

    def history(self, detail_from: date | None = None, children: Iterable[str] | None = None) -> PracticeHistory:
        """Every month in outline, with each entry's detail from ``detail_from`` (None: all).

        ``children``: detail only for these children (the progress screen shows one).
        """
        only = frozenset(children) if children is not None else None
        months: list[MonthPractice] = []
        facts: list[PracticeFact] = []
        files = self.practice.files()
        outlines = functools.cache(self._load_outlines)
        rebuilt: summary.NewOutlines = {}
        for key in sorted(files):
            year, month = int(key[:4]), int(key[5:7])
            want_detail = detail_from is None or (year, month) >= (detail_from.year, detail_from.month)
            found = self._summary(key, files[key], detail=want_detail, outlines=outlines, rebuilt=rebuilt)
            if found is None:
                continue
            months.append(found.outline)
            if want_detail:
                facts.extend(found.facts(detail_from, only))
        if rebuilt:
            with self.lock.held():
                summary.save_outlines(self.data_dir, rebuilt)
        self._outlines_file = None  # what was needed of it is in the outlines now kept
        return PracticeHistory(months, facts, detail_from)
