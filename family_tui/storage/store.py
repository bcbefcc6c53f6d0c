"""The family's data folder: the one way the app and the CLI read and write.

Layout of a data folder::

    family.json              program, notes, wins, skip days, settings (TinyDB)
    practice/2026-11.json    practice entries of one month (TinyDB)
    practice/2026-11.journal check-ins not yet folded into the month file (see months.py)
    backups/<device id>/2026-11-26/  this computer's daily copies, newest seven kept
    .stignore                lists the local folder, so Syncthing never carries it
    .family-tui-local/       this computer's own files, never synced (see local.py):
      lock                   held across every read-modify-write; checksums after it
      cache/progress/        month summaries for the progress views (derived, see summary.py)
      kiosk-lockout.json     wrong PINs (see lockout.py)

Every method that changes something returns only once the change is on disk.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from ..clock import Clock, SystemClock
from ..domain.models import Note, PracticeEntry, Program, Settings, SkipDay, Win
from ..domain.notes_glance import NOTES_PAGE, NotesGlance
from ..domain.records import Record
from . import backups, data_format, local, maintenance
from .atomic import ensure_private_dir
from .checks import RecordChecks
from .checksums import Checksums
from .conflict_copies import conflict_problems
from .devices.state import state_dir
from .durable import file_signature
from .errors import CorruptDataError, DataFolderShapeError, FolderNotWritableError, NewerSchemaError, StorageError
from .lock import DataFolderLock
from .logged import LoggedWrites
from .main_file import MAIN_FILE as MAIN_FILE  # the CLI looks for this file
from .main_file import TABLE_OF, MainFile
from .practice import PRACTICE_DIR, PracticeMonths
from .tinydb_file import _upsert_or_remove_by_id as _upsert_or_remove_by_id  # importable here, as tests use it

if TYPE_CHECKING:
    from ..domain.history import PracticeHistory
    from .progress_cache import ProgressCache

P = ParamSpec("P")
R = TypeVar("R")

SCHEMA_VERSION = 3
"""3: the data in each device's log (``devices/``), folded into ``.family-tui-local/state/``;
2: a goal has a status (active, met, paused) where version 1 had ``active`` true or false."""


def _serialised(fn: Callable[Concatenate[FamilyStore, P], R]) -> Callable[Concatenate[FamilyStore, P], R]:
    """Run the method under the store's thread lock: workers and the UI share one store."""

    @functools.wraps(fn)
    def wrapper(self: FamilyStore, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._mutex:
            try:
                return fn(self, *args, **kwargs)
            except CorruptDataError as error:
                if not self._writes.is_state_file(error.path):
                    raise
                self._rebuild_state()  # this computer's copy, made from the logs: made again
                return fn(self, *args, **kwargs)

    return wrapper


class FamilyStore:
    """The family's data, read and written safely by any number of processes.

    A thin front over its parts: :class:`.main_file.MainFile` (``family.json``),
    :class:`.practice.PracticeMonths` (a month file and journal per month, folded in the
    background), :class:`.progress_cache.ProgressCache` (the Progress history) and
    :mod:`.maintenance` (backups and daily upkeep). Every public method runs under one
    thread lock, so the parts never see two callers at once.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        clock: Clock | None = None,
        create: bool = True,
        maintain: bool = True,
        quick_start: bool = False,
    ) -> None:
        """Open (or create) the data folder.

        ``maintain``: fold the journals and make the daily backup now. The app passes
        False and calls :meth:`daily_maintenance` in the background once Today is shown.

        ``quick_start``: read records without pydantic (:func:`..domain.records.decode`)
        until :meth:`verify` is called. The app does, so that Today is drawn without
        waiting for pydantic to load, and verifies in the background straight after.
        """
        self.data_dir = Path(data_dir)
        self.clock = clock or SystemClock()
        self._mutex = threading.RLock()
        self._checks = RecordChecks(decoding=quick_start)
        self._verified_changes = 0
        """How often :meth:`verify` found decoded records that pydantic would not show as they were."""
        if not self.data_dir.exists():
            if not create:
                raise FileNotFoundError(f"No family-tui data in {self.data_dir}")
        practice = self.data_dir / PRACTICE_DIR
        if self.data_dir.exists() and not self.data_dir.is_dir():
            raise DataFolderShapeError(self.data_dir, "it is a file, not a folder")
        if practice.exists() and not practice.is_dir():
            raise DataFolderShapeError(
                practice, "it is a file, but family-tui keeps each month's practice in a folder of that name"
            )
        try:
            ensure_private_dir(self.data_dir)
            local.prepare(self.data_dir)
        except OSError as error:
            raise FolderNotWritableError(self.data_dir, error) from error
        self.maintenance_problem: str | None = None
        """Why today's backup (or folding the journals) failed, or damage it found: worth a warning, not a stop."""
        self.damage_found: str | None = None
        """Files the daily backup found damaged (and which backup to restore), as a message."""
        self.lock = DataFolderLock(local.lock_path(self.data_dir), on_others_wrote=self._others_wrote)
        self.checksums = Checksums(self.data_dir, self.lock)
        """What family-tui wrote, to tell damage from a file it saved (see checksums.py)."""
        self.state_dir = state_dir(self.data_dir)
        """The folded state: the TinyDB files the app reads, made from every device's log."""
        try:
            months_state = self.state_dir / PRACTICE_DIR
            if months_state.is_symlink() or (months_state.exists() and not months_state.is_dir()):
                months_state.unlink()  # this computer's copy, made again from the logs below
            ensure_private_dir(months_state)
        except OSError as error:
            raise FolderNotWritableError(self.data_dir, error) from error
        self.main_path = self.state_dir / MAIN_FILE
        self._main = MainFile(self.state_dir, self.lock, self.checksums, self._checks, self.newest_backup)
        self._practice = PracticeMonths(
            self.state_dir,
            self.lock,
            self.checksums,
            self._checks,
            self.newest_backup,
            fold=self.fold,
            written=lambda key, month, batch: self._history.month_written(key, month, batch),
            may_hold=lambda key, files, child, strategy: self._history.may_hold(key, files, child, strategy),
            cache_root=self.data_dir,
        )
        self._progress: ProgressCache | None = None
        self._progress_made = threading.Lock()
        self._writes = LoggedWrites(
            self.data_dir, self.clock, self.lock, self._main, self._practice, version=SCHEMA_VERSION
        )
        self._checks.source = self._writes.written_where
        with self.lock.held():
            data_format.open_folder(self.data_dir, self._writes, self.newest_backup)
            try:
                existed = self._main.open(SCHEMA_VERSION, self.clock.now())
                if existed:
                    self._writes.catch_up()
                    self._writes.fill_missing_months()
                else:  # a new state: everything the logs hold
                    self._writes.take_in_saved(self._writes.ledger.state.rebuild())
            except CorruptDataError as error:
                if not self._writes.is_state_file(error.path):
                    raise
                self._writes.rebuild_state()
                existed = True
            self._writes.flush_saved()
        if existed and maintain:
            self.try_daily_maintenance()

    @property
    def problems(self) -> list[str]:
        """Records that failed validation, and conflict copies a sync tool left: shown, never read.

        (The records that failed are kept on disk untouched.)
        """
        return self._checks.problems + self._writes.problems() + conflict_problems(self.data_dir)

    @property
    def notices(self) -> list[str]:
        """What to tell that is not damage: a field written on two computers while apart (both values),
        changes saved but not yet shown for want of room."""
        with self._mutex:
            return self._writes.notices()

    @property
    def _history(self) -> ProgressCache:
        """The Progress history's summaries, made when first needed (Progress, a month file written, the
        details form): its modules (the summaries and the history) are not part of start-up."""
        with self._progress_made:  # the first may be wanted on a fold's thread and the app's at once
            if self._progress is None:
                from .progress_cache import ProgressCache

                self._progress = ProgressCache(self.data_dir, self.lock, self._checks, self._practice)
            return self._progress

    def newest_backup(self) -> Path | None:
        return backups.newest_backup(self.data_dir)

    def _others_wrote(self) -> None:
        """Another copy wrote since we last looked: trust nothing cached by file signature."""
        with self._mutex:
            self._main.suspect()
            self._practice.suspect()
            if self._progress is not None:
                self._progress.forget()

    def schema_version(self) -> int | None:
        return self._main.schema_version()

    # -- change detection --------------------------------------------------------

    def change_token(self, day: date | None = None) -> tuple[object, ...]:
        """Cheap fingerprint of the files a day's view depends on; polled for other copies' changes."""
        day = day or self.clock.now().date()
        self._take_in_other_devices()
        self.lock.check_for_others()
        return (
            self.lock.writes_seen,
            self._verified_changes,
            file_signature(self.main_path),
            file_signature(self._practice.month_path(day)),
            file_signature(self._practice.journal_path(day)),
        )

    def history_token(self) -> tuple[object, ...]:
        """Changes whenever any practice file (or the main file) changes: for caches of the history."""
        self._take_in_other_devices()
        files = self._practice.files()
        self.lock.check_for_others()
        return (
            self.lock.writes_seen,
            self._verified_changes,
            file_signature(self.main_path),
            tuple(
                (f.name, f.inode(), s.st_size, s.st_mtime_ns)
                for key in sorted(files)
                for f in files[key]
                for s in (f.stat(),)
            ),
        )

    def _rebuild_state(self) -> None:
        self._writes.rebuild_state()
        if self._progress is not None:
            self._progress.forget()

    def _take_in_other_devices(self) -> None:
        """Another device's log grew (a sync tool brought it): fold it into the state files now."""
        if self._writes.logs_grew() or self._writes.behind:
            with self._mutex:
                self._writes.catch_up()

    @_serialised
    def verify(self) -> bool:
        """Validate with pydantic every record decoded without it; True when any was not shown right.

        A record that fails is dropped from view and reported in :attr:`problems`, as it
        would have been had it been validated when read; the change token moves, so the
        screens read the day again.
        """
        if not self._checks.decoding:
            return False
        self._checks.decoding = False
        changed = self._main.verify()
        changed |= self._practice.verify(self.practice_on)
        if changed:
            self._verified_changes += 1
        self._main.release_when_cached()
        return changed

    # -- records in the main file --------------------------------------------------

    @_serialised
    def save(self, record: Record) -> None:
        """Create or replace one record of the program, notes, wins or skip days."""
        self._main.write([(TABLE_OF[type(record)], record.id, record.model_dump(mode="json"))])  # type: ignore[attr-defined]

    @_serialised
    def save_many(self, records: Iterable[Record]) -> None:
        """Create or replace several records at once: all of them land, or none."""
        self._main.write(
            (TABLE_OF[type(r)], r.id, r.model_dump(mode="json"))  # type: ignore[attr-defined]
            for r in records
        )

    @_serialised
    def update(self, before: Any, after: Any) -> Any:
        """Change one record from ``before`` (as the screen loaded it) to ``after``; returns what was written.

        ``before`` None adds, ``after`` None deletes; Settings work the same way. See
        :meth:`update_many`.
        """
        return self.update_many([(before, after)])[0]

    @_serialised
    def update_many(self, changes: Iterable[tuple[Any, Any]], first: Any = None) -> list[Any]:
        """Every change a screen makes to records it loaded: all of them land, or none.

        Under the lock each record is compared with what is on disk now: fields another
        copy changed meanwhile are kept, only the fields changed here are written
        (:func:`.merge.merge`). When both changed the same field, or the record went,
        :class:`.merge.ChangedElsewhere` is raised, nothing is written, and its
        ``current`` is the record as it is now. ``first`` runs under the same lock once
        every change is known to fit, before anything is written (the editor removes a
        deleted record's practice there). Returns the records written (None for deletes).
        """
        with self.lock.held():
            self._writes.catch_up()  # compared with what every device wrote
            return self._main.update_many(changes, first)

    @_serialised
    def delete(self, model: type[Record], record_id: str) -> None:
        self._main.write([(TABLE_OF[model], record_id, None)])

    @_serialised
    def apply_changes(self, saves: Iterable[Record], deletes: Iterable[tuple[type[Record], str]] = ()) -> None:
        """Saves and deletes in one atomic write (used by import and the editor)."""
        changes: list[tuple[str, str, dict[str, Any] | None]] = [
            (TABLE_OF[type(r)], r.id, r.model_dump(mode="json"))  # type: ignore[attr-defined]
            for r in saves
        ]
        changes += [(TABLE_OF[m], rid, None) for m, rid in deletes]
        if changes:
            self._main.write(changes)

    @_serialised
    def reorder(self, model: type[Record], ids: Iterable[str]) -> None:
        """Put a table's records in the order of ``ids`` (children are listed in table order).

        Records not named keep their relative order after the named ones, so a record
        another copy added meanwhile is not lost.
        """
        self._main.reorder(model, ids)

    @_serialised
    def program(self) -> Program:
        # Made from records already checked: validating the program again would only repeat that.
        return Program.model_construct(**self._main.program_tables())

    @_serialised
    def notes(self) -> list[Note]:
        return self._main.records("notes", Note)

    @_serialised
    def notes_glance(self, page: int = NOTES_PAGE) -> NotesGlance:
        """The open questions' count, the pinned focus and the newest notes: Today's first look, without every note."""
        return self._main.notes_glance(page)

    @_serialised
    def also_written(self, table: str) -> dict[str, dict[str, list[Any]]]:
        """Fields of ``table``'s records changed on two computers while apart: per record and field, the values not shown."""
        return self._writes.also_written(table)

    @_serialised
    def wins(self) -> list[Win]:
        return self._main.records("wins", Win)

    @_serialised
    def wins_since(self, day: date) -> list[Win]:
        """Wins whose date and time fall on or after ``day``: Today counts this week's without reading every win."""
        return self._main.records_since("wins", Win, "when", day)

    @_serialised
    def skip_days(self) -> list[SkipDay]:
        return self._main.records("skip_days", SkipDay)

    @_serialised
    def settings(self) -> Settings:
        return self._main.settings()

    @_serialised
    def save_settings(self, settings: Settings) -> None:
        self._main.save_settings(settings)

    @_serialised
    def update_settings(self, /, **changes: Any) -> Settings:
        """Change some settings, keeping what another copy changed meanwhile."""
        with self.lock.held():
            self._writes.catch_up()
            return self._main.update_settings(**changes)

    # -- practice entries, one file a month --------------------------------------

    def practice_months(self) -> list[str]:
        """Months that have practice (a month file or a journal), oldest first."""
        return self._practice.months()

    @_serialised
    def practice_on(self, day: date) -> list[PracticeEntry]:
        return self._practice.on(day)

    @_serialised
    def practice_between(self, first: date, last: date) -> list[PracticeEntry]:
        """Entries from ``first`` to ``last`` inclusive, oldest first."""
        return self._practice.between(first, last)

    @_serialised
    def all_practice(self) -> list[PracticeEntry]:
        """Every entry, oldest first: for exports. Progress reads :meth:`practice_history`."""
        return self._practice.all()

    @_serialised
    def last_practice(self, child: str, strategy: str, on_or_before: date) -> PracticeEntry | None:
        """The latest entry for a child's strategy: the form's defaults come from it."""
        return self._practice.last(child, strategy, on_or_before)

    @_serialised
    def record_practice(self, entry: PracticeEntry) -> PracticeEntry:
        """Store an entry, replacing any entry for the same item on the same day.

        Durable on return: one line appended to the month's journal and fsynced.
        """
        return self._practice.record(entry)

    @_serialised
    def record_many(self, entries: Iterable[PracticeEntry]) -> None:
        """Bulk insert for generated histories and imports: one write per month."""
        self._practice.record_many(entries)

    @_serialised
    def remove_practice(self, day: date, child: str, strategy: str, routine: str) -> None:
        self._practice.remove(day, child, strategy, routine)

    @_serialised
    def remove_practice_of(
        self,
        *,
        children: Iterable[str] = (),
        strategies: Iterable[str] = (),
        routines: Iterable[str] = (),
    ) -> int:
        """Remove every entry for any of these children, strategies or routines; one write a month.

        Used when the editor deletes something together with its history. Returns how
        many entries went.
        """
        child_ids, strategy_ids, routine_ids = set(children), set(strategies), set(routines)
        if not (child_ids or strategy_ids or routine_ids):
            return 0
        return self._practice.remove_of(child_ids, strategy_ids, routine_ids)

    # -- folding journals ----------------------------------------------------------

    @_serialised
    def fold(self, key: str) -> bool:
        """Fold a month's journal into its month file; True when anything was written."""
        return self._practice.fold(key)

    @_serialised
    def fold_journals(self) -> int:
        """Fold every month's journal that holds anything; returns how many were folded."""
        with self.lock.held():
            folded = self._practice.fold_journals(self.fold)
            self._writes.flush()
            return folded

    def wait_for_folds(self, timeout: float | None = None) -> None:
        """Wait for a background fold in progress (tests, and before quitting)."""
        self._practice.folds.wait(timeout)

    # -- progress: the history in outline, with recent detail ----------------------

    @_serialised
    def history_summarised(self) -> bool:
        """True when :meth:`practice_history` will read summaries, not month files, so it is quick."""
        return self._history.summarised()

    @_serialised
    def practice_history(
        self, detail_from: date | None = None, children: Iterable[str] | None = None
    ) -> PracticeHistory:
        """Every month in outline, with each entry's detail from ``detail_from`` (None: all).

        ``children``: detail only for these children (the progress screen shows one).
        """
        return self._history.history(detail_from, children)

    # -- backups and upkeep --------------------------------------------------------

    @_serialised
    def daily_maintenance(self) -> Path | None:
        """Fold the journals, and make today's backup if there is none yet.

        The app runs this in a background thread once Today is on screen; the command
        line runs it when it opens the data folder.
        """
        today = self.clock.now().date()
        made, self.damage_found = maintenance.run_daily(
            self.data_dir, today, self.lock, self.checksums, self.fold_journals, self.state_dir
        )
        if self.damage_found is not None:
            # The backup copies this computer's state files, and one is damaged: it only ever held
            # what the logs hold, so it is made again, and so is today's backup of it.
            with self.lock.held():
                self._rebuild_state()
                backup = backups.backup_root(self.data_dir) / today.isoformat()
                if backups.backup_state(backup) == backups.DAMAGED:
                    shutil.rmtree(backup, ignore_errors=True)
            made, self.damage_found = maintenance.run_daily(
                self.data_dir, today, self.lock, self.checksums, self.fold_journals, self.state_dir
            )
        return made

    def try_daily_maintenance(self) -> Path | None:
        """:meth:`daily_maintenance`, keeping a failure (a full disk) as :attr:`maintenance_problem`.

        The family's data is whole either way; a missing backup must not stop them
        reading it or checking practice off.
        """
        try:
            made = self.daily_maintenance()
        except (CorruptDataError, NewerSchemaError):
            raise  # unreadable data stops everything, with its own advice
        except (StorageError, OSError) as error:
            self.damage_found = None
            self.maintenance_problem = maintenance.problem_of(self.data_dir, error)
            return None
        self.maintenance_problem = self.damage_found
        return made

    def list_backups(self) -> list[Path]:
        return backups.list_backups(self.data_dir)
