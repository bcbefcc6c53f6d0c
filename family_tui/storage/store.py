"""The family's data folder: the one way the app and the CLI read and write.

Layout of a data folder::

    family.json              program, notes, wins, skip days, settings (TinyDB)
    practice/2026-11.json    practice entries of one month (TinyDB)
    practice/2026-11.journal check-ins not yet folded into the month file (see months.py)
    backups/2026-11-26/      daily copies, newest seven kept
    .cache/progress/         month summaries for the progress views (derived, see summary.py)
    .lock                    held across every read-modify-write

Every method that changes something returns only once the change is on disk.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from tinydb import Query, TinyDB
from tinydb.table import Table

from ..clock import Clock, SystemClock
from ..domain.history import PracticeHistory
from ..domain.models import (
    Caregiver,
    Child,
    Goal,
    Note,
    PracticeEntry,
    Program,
    Routine,
    Settings,
    SkipDay,
    Strategy,
    Therapist,
    Win,
)
from ..domain.records import DecodeError, Record, decode
from . import backups, merge, migrations, summary
from .atomic import ensure_private_dir, remove_stale_temporaries
from .checksums import Checksums
from .durable import DurableJSONStorage, file_signature
from .errors import CorruptDataError, DataFolderShapeError, FolderNotWritableError, NewerSchemaError, StorageError
from .lock import DataFolderLock
from .months import FOLD_AFTER, Month

SCHEMA_VERSION = 1
MAIN_FILE = "family.json"
PRACTICE_DIR = "practice"
LOCK_FILE = ".lock"
META = "_meta"
MONTHS_KEPT = 3
"""Months whose entries stay in memory (today's and the last ones looked at)."""

R = TypeVar("R", bound=Record)

TABLE_OF: dict[type[Record], str] = {
    Child: "children",
    Caregiver: "caregivers",
    Therapist: "therapists",
    Routine: "routines",
    Goal: "goals",
    Strategy: "strategies",
    Note: "notes",
    Win: "wins",
    SkipDay: "skip_days",
}
PROGRAM_TABLES: tuple[tuple[str, type[Record]], ...] = (
    ("children", Child),
    ("caregivers", Caregiver),
    ("therapists", Therapist),
    ("routines", Routine),
    ("goals", Goal),
    ("strategies", Strategy),
)

CACHED_TABLES = (*(name for name, _ in PROGRAM_TABLES), "notes", "wins", "skip_days")
MODEL_OF: dict[str, type[Record]] = {table: model for model, table in TABLE_OF.items()}
_ID = Query().id

SHARED_FIELDS = {"notes": ("kind", "child", "author"), "wins": ("child", "goal", "setting", "who")}


def _serialised(fn):
    """Run the method under the store's thread lock: workers and the UI share one store."""

    @functools.wraps(fn)
    def wrapper(self: FamilyStore, *args, **kwargs):
        with self._mutex:
            return fn(self, *args, **kwargs)

    return wrapper


def _upsert_or_remove_by_id(
    changes: list[tuple[str, dict[str, Any] | None]], documents: dict[int, dict[str, Any]]
) -> None:
    """What TinyDB's ``upsert`` and ``remove`` with ``Query().id == record_id`` do, change by
    change, on a table's documents (TinyDB document id -> document) found by id once."""
    where: dict[Any, list[int]] = {}
    for doc_id, document in documents.items():
        where.setdefault(document.get("id"), []).append(doc_id)
    next_id = max(documents, default=0) + 1
    for record_id, document in changes:
        found = where.get(record_id)
        if document is None:
            for doc_id in where.pop(record_id, ()):
                del documents[doc_id]
        elif found:
            for doc_id in found:
                documents[doc_id].update(document)
        else:
            documents[next_id] = dict(document)
            where[record_id] = [next_id]
            next_id += 1


class _File:
    """One TinyDB file with its durable storage."""

    def __init__(self, path: Path, newest_backup, after_write, checksums: Checksums | None = None) -> None:
        self.db = TinyDB(path, newest_backup, after_write, checksums, storage=DurableJSONStorage)
        self.storage: DurableJSONStorage = self.db.storage  # type: ignore[assignment]
        self.generation = 0

    def sync(self) -> None:
        """Pick up another process's changes, resetting TinyDB's cached state."""
        if self.storage.changed_on_disk():
            self.storage.forget()
            self.storage.read()
            self.generation += 1
            for table in self.db._tables.values():
                table._next_id = None
                table.clear_cache()

    def table(self, name: str) -> Table:
        return self.db.table(name, cache_size=0)

    def changed(self) -> None:
        self.generation += 1


class FamilyStore:
    """The family's data, read and written safely by any number of processes."""

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

        ``quick_start``: read records without pydantic (:func:`..records.decode`) until
        :meth:`verify` is called. The app does, so that Today is drawn without waiting for
        pydantic, and verifies in the background straight after.
        """
        self.data_dir = Path(data_dir)
        self.clock = clock or SystemClock()
        self.problems: list[str] = []
        """Records that failed validation: shown to the user, kept on disk untouched."""
        self._mutex = threading.RLock()
        self._months: dict[str, Month] = {}
        self._entry_cache: dict[str, tuple[int, list[PracticeEntry]]] = {}
        self._day_cache: dict[date, tuple[tuple[str, int], list[PracticeEntry]]] = {}
        self._outlines: dict[str, tuple[Any, summary.MonthSummary]] = {}
        self._outlines_file: tuple[Any, dict] | None = None
        self._table_cache: dict[str, tuple[int, list[Any]]] = {}
        self._settings_cache: tuple[int, Settings] | None = None
        self._fold_guard = threading.Lock()
        self._fold_due: set[str] = set()
        self._folder: threading.Thread | None = None
        self._decoding = quick_start
        self._verified_changes = 0
        """How often :meth:`verify` found decoded records that pydantic would not show as they were."""
        if not self.data_dir.exists():
            if not create:
                raise FileNotFoundError(f"No family-tui data in {self.data_dir}")
        practice = self.data_dir / PRACTICE_DIR
        if self.data_dir.exists() and not self.data_dir.is_dir():
            raise DataFolderShapeError(self.data_dir, "it is a file, not a folder")
        if practice.exists() and not practice.is_dir():
            raise DataFolderShapeError(practice, "it is a file, but family-tui keeps each month's practice in a folder of that name")
        try:
            ensure_private_dir(self.data_dir)
            ensure_private_dir(practice)
        except OSError as error:
            raise FolderNotWritableError(self.data_dir, error) from error
        self.maintenance_problem: str | None = None
        """Why today's backup (or folding the journals) failed, or damage it found: worth a warning, not a stop."""
        self.damage_found: str | None = None
        """Files the daily backup found damaged (and which backup to restore), as a message."""
        self.lock = DataFolderLock(self.data_dir / LOCK_FILE, on_others_wrote=self._others_wrote)
        self.checksums = Checksums(self.data_dir, self.lock)
        """What family-tui wrote, to tell damage from a file it saved (see checksums.py)."""
        self.main_path = self.data_dir / MAIN_FILE
        self._main = _File(self.main_path, self.newest_backup, self.lock.wrote, self.checksums)
        if self._open() and maintain:
            self.try_daily_maintenance()

    # -- opening, versions, backups ----------------------------------------------

    def newest_backup(self) -> Path | None:
        return backups.newest_backup(self.data_dir)

    def _others_wrote(self) -> None:
        """Another copy wrote since we last looked: trust nothing cached by file signature."""
        with self._mutex:
            self._main.storage.suspect()
            for month in self._months.values():
                month.suspect()
            self._outlines.clear()
            self._outlines_file = None

    def _open(self) -> bool:
        """Check (and create or upgrade) the main file; False when the folder is new."""
        with self.lock.held():
            if not self.main_path.exists():
                leftovers = backups.data_files(self.data_dir) or backups.list_backups(self.data_dir)
                if leftovers:
                    raise CorruptDataError(
                        self.main_path, "the main file is missing but other family-tui data is here",
                        self.newest_backup(),
                    )
                self._main.table(META).insert(
                    {"schema_version": SCHEMA_VERSION, "created_at": self.clock.now().isoformat()}
                )
                return False
            self._main.sync()
            version = self.schema_version()
            if version is None:
                raise CorruptDataError(self.main_path, "it has no data version", self.newest_backup())
            if version > SCHEMA_VERSION:
                raise NewerSchemaError(self.main_path, version, SCHEMA_VERSION)
            if version < SCHEMA_VERSION:
                self._migrate(version)
            return True

    def schema_version(self) -> int | None:
        meta = self._main.table(META).all()
        if not meta or not isinstance(meta[0].get("schema_version"), int):
            return None
        return meta[0]["schema_version"]

    def _migrate(self, found: int) -> None:
        migrations.backup_before_migrating(self.data_dir, found)
        tables = dict(self._main.storage.read() or {})
        tables = migrations.apply(tables, found, SCHEMA_VERSION)
        tables[META] = {"1": {**(tables.get(META, {}).get("1", {})), "schema_version": SCHEMA_VERSION}}
        self._main.storage.write(tables)
        self._main.sync()
        self._main.changed()

    # -- change detection --------------------------------------------------------

    def change_token(self, day: date | None = None) -> tuple:
        """Cheap fingerprint of the files a day's view depends on; polled for other copies' changes."""
        day = day or self.clock.now().date()
        self.lock.check_for_others()
        return (
            self.lock.writes_seen,
            self._verified_changes,
            file_signature(self.main_path),
            file_signature(self._month_path(day)),
            file_signature(self._journal_path(day)),
        )

    # -- generic records in the main file ----------------------------------------

    def _records(self, table: str, model: type[R]) -> list[R]:
        self._main.sync()
        cached = self._table_cache.get(table)
        if cached and cached[0] == self._main.generation:
            return list(cached[1])
        records: list[R] = []
        # Straight from the parsed file: TinyDB's Documents would copy every record first.
        raw = (self._main.storage.read() or {}).get(table, {})
        validate = self._maker(model)
        shared: dict[str, str] = {}  # one string for each repeated value: who wrote it, about whom
        for doc_id, doc in raw.items():
            for name in SHARED_FIELDS.get(table, ()):
                value = doc.get(name)
                if type(value) is str:
                    doc[name] = shared.setdefault(value, value)
            try:
                records.append(validate(doc))
            except ValueError as error:  # pydantic's ValidationError (not imported until needed)
                self._report(f"{self.main_path.name} {table} record {doc.get('id', doc_id)!s}", error)
        self._table_cache[table] = (self._main.generation, records)
        self._release_main_when_cached()
        return list(records)

    def _release_main_when_cached(self) -> None:
        """Once every table is held validated, the parsed main file is not needed in memory.

        (Notes and wins make it the largest file; a write parses it again, once.)
        """
        generation = self._main.generation
        if (
            self._settings_cache is not None
            and self._settings_cache[0] == generation
            and all(self._table_cache.get(t, (None,))[0] == generation for t in CACHED_TABLES)
        ):
            self._main.storage.release()

    def _maker(self, model: type[R]):
        """How to turn a stored document into a record: validated, or decoded while starting quickly."""
        if not self._decoding:
            return model.model_validate

        def quick(doc: dict[str, Any]) -> R:
            try:
                return decode(model, doc)
            except DecodeError:
                return model.model_validate(doc)  # not what this app writes: pydantic says why

        return quick

    @_serialised
    def verify(self) -> bool:
        """Validate with pydantic every record decoded without it; True when any was not shown right.

        A record that fails is dropped from view and reported in :attr:`problems`, as it
        would have been had it been validated when read; the change token moves, so the
        screens read the day again.
        """
        if not self._decoding:
            return False
        self._decoding = False
        self._main.sync()
        changed = False
        settings = self._settings_cache
        if settings is not None and settings[0] == self._main.generation and self._differs(Settings, [settings[1]]):
            self._settings_cache = None
            self.settings()  # validated again (the defaults, if pydantic refuses the stored ones)
            changed = True
        for table, (generation, records) in list(self._table_cache.items()):
            # Record by record, keeping the decoded ones when all agree: thousands of notes
            # are not held twice, nor the main file parsed again.
            if generation == self._main.generation and self._differs(MODEL_OF[table], records):
                del self._table_cache[table]
                self._records(table, MODEL_OF[table])  # validated, refused ones reported
                changed = True
        days, months = dict(self._day_cache), dict(self._entry_cache)
        self._day_cache.clear()
        self._entry_cache.clear()
        for day, (_, entries) in days.items():
            changed |= entries != self.practice_on(day)
        for key, (_, entries) in months.items():
            changed |= entries != self._month_entries(key)
        if changed:
            self._verified_changes += 1
        self._release_main_when_cached()
        return changed

    @staticmethod
    def _differs(model: type[Record], records: list[Any]) -> bool:
        """Whether pydantic would show ``records`` other than as they are, one record at a time.

        The decoded values are validated, not the file read again: the decoder only lets
        through values of exactly the types pydantic makes, so what pydantic says of them
        is what it says of the stored record, without the file parsed a second time.
        """
        validate = model.model_validate
        for record in records:
            try:
                if validate(dict(record.__dict__)) != record:
                    return True
            except ValueError:  # pydantic's ValidationError: refused
                return True
        return False

    def _report(self, where: str, error: ValueError) -> None:
        first = error.errors()[0]  # type: ignore[attr-defined]
        field = ".".join(str(p) for p in first["loc"]) or "record"
        message = f"{where}: {field} {first['msg']} (kept on disk, not shown)"
        if message not in self.problems:
            self.problems.append(message)

    def _write_main(self, changes: Iterable[tuple[str, str, dict[str, Any] | None]]) -> None:
        """Apply (table, id, document-or-None) changes in one atomic write.

        Each table is rewritten once with its documents found through one dictionary by
        id, not searched once per change: importing thousands of records stays linear.
        """
        by_table: dict[str, list[tuple[str, dict[str, Any] | None]]] = {}
        for table_name, record_id, document in changes:
            by_table.setdefault(table_name, []).append((record_id, document))
        with self.lock.held():
            self._main.sync()
            with self._main.storage.batch():
                for table_name, table_changes in by_table.items():
                    table = self._main.table(table_name)
                    table._update_table(functools.partial(_upsert_or_remove_by_id, table_changes))
                    table._next_id = None  # TinyDB works the next document id out again
            self._main.changed()

    @_serialised
    def save(self, record: Record) -> None:
        """Create or replace one record of the program, notes, wins or skip days."""
        self._write_main([(TABLE_OF[type(record)], record.id, record.model_dump(mode="json"))])  # type: ignore[attr-defined]

    @_serialised
    def save_many(self, records: Iterable[Record]) -> None:
        """Create or replace several records at once: all of them land, or none."""
        self._write_main(
            (TABLE_OF[type(r)], r.id, r.model_dump(mode="json")) for r in records  # type: ignore[attr-defined]
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
        changes = list(changes)
        with self.lock.held():
            self._main.sync()
            writes: list[tuple[str, str, dict[str, Any] | None]] = []
            written: list[Any] = []
            new_settings: Settings | None = None
            for before, after in changes:
                model = type(after if after is not None else before)
                old = before.model_dump(mode="json") if before is not None else None
                new = after.model_dump(mode="json") if after is not None else None
                if model is Settings:
                    docs = self._main.table("settings").all()
                    disk = dict(docs[0]) if docs else Settings.model_construct().model_dump(mode="json")
                else:
                    found = self._main.table(TABLE_OF[model]).get(_ID == (after or before).id)
                    disk = dict(found) if found is not None else None
                current = self._current(model, disk)
                if current is not None:
                    disk = current.model_dump(mode="json")  # as the screens would have loaded it
                try:
                    document = merge.merge(old, new, disk)
                    record = model.model_validate(document) if document is not None else None
                except merge.ChangedElsewhere as clash:
                    clash.current = current
                    raise
                except ValueError as error:  # pydantic: the two changes together are not a valid record
                    raise merge.ChangedElsewhere(
                        f"Not saved: {merge.describe(new or old)} was changed on another screen or computer "
                        "meanwhile, and the two changes do not fit together. Here it is as it is now.",
                        current,
                    ) from error
                written.append(record)
                if model is Settings:
                    new_settings = record
                else:
                    writes.append((TABLE_OF[model], (after or before).id, record and record.model_dump(mode="json")))
            if first is not None:
                first()
            if writes:
                self._write_main(writes)
            if new_settings is not None:
                self.save_settings(new_settings)
            return written

    def _current(self, model: type[Any], document: dict[str, Any] | None) -> Any:
        try:
            return model.model_validate(document) if document is not None else None
        except ValueError:
            return None

    @_serialised
    def delete(self, model: type[Record], record_id: str) -> None:
        self._write_main([(TABLE_OF[model], record_id, None)])

    @_serialised
    def apply_changes(self, saves: Iterable[Record], deletes: Iterable[tuple[type[Record], str]] = ()) -> None:
        """Saves and deletes in one atomic write (used by import and the editor)."""
        changes: list[tuple[str, str, dict[str, Any] | None]] = [
            (TABLE_OF[type(r)], r.id, r.model_dump(mode="json")) for r in saves  # type: ignore[attr-defined]
        ]
        changes += [(TABLE_OF[m], rid, None) for m, rid in deletes]
        if changes:
            self._write_main(changes)

    @_serialised
    def reorder(self, model: type[Record], ids: Iterable[str]) -> None:
        """Put a table's records in the order of ``ids`` (children are listed in table order).

        Records not named keep their relative order after the named ones, so a record
        another copy added meanwhile is not lost.
        """
        rank = {record_id: index for index, record_id in enumerate(ids)}
        with self.lock.held():
            self._main.sync()
            table = self._main.table(TABLE_OF[model])
            documents = [dict(doc) for doc in table.all()]
            documents.sort(key=lambda doc: rank.get(doc.get("id"), len(rank)))
            with self._main.storage.batch():
                table.truncate()
                table.insert_multiple(documents)
            self._main.changed()

    # -- the program -------------------------------------------------------------

    @_serialised
    def program(self) -> Program:
        # Made from records already checked: validating the program again would only repeat that.
        return Program.model_construct(**{name: self._records(name, model) for name, model in PROGRAM_TABLES})

    @_serialised
    def notes(self) -> list[Note]:
        return self._records("notes", Note)

    @_serialised
    def wins(self) -> list[Win]:
        return self._records("wins", Win)

    @_serialised
    def skip_days(self) -> list[SkipDay]:
        return self._records("skip_days", SkipDay)

    @_serialised
    def settings(self) -> Settings:
        self._main.sync()
        cached = self._settings_cache
        if cached is not None and cached[0] == self._main.generation:
            return cached[1]
        docs = self._main.table("settings").all()
        settings = Settings.model_construct()  # the defaults, valid by definition
        if docs:
            try:
                settings = self._maker(Settings)(dict(docs[0]))
            except ValueError as error:
                self._report(f"{self.main_path.name} settings", error)
        self._settings_cache = (self._main.generation, settings)
        self._release_main_when_cached()
        return settings

    @_serialised
    def save_settings(self, settings: Settings) -> None:
        with self.lock.held():
            self._main.sync()
            with self._main.storage.batch():
                table = self._main.table("settings")
                table.truncate()
                table.insert(settings.model_dump(mode="json"))
            self._main.changed()

    @_serialised
    def update_settings(self, **changes: Any) -> Settings:
        """Change some settings, keeping what another copy changed meanwhile."""
        with self.lock.held():
            settings = self.settings().model_copy(update=changes)
            settings = Settings.model_validate(settings.model_dump())
            self.save_settings(settings)
            return settings

    # -- practice entries, one file a month --------------------------------------

    def _month_path(self, day: date) -> Path:
        return self.data_dir / PRACTICE_DIR / f"{day.year:04d}-{day.month:02d}.json"

    def _journal_path(self, day: date) -> Path:
        return self.data_dir / PRACTICE_DIR / f"{day.year:04d}-{day.month:02d}.journal"

    def _month(self, key: str) -> Month:
        """The month's files, kept in memory for the few months used most recently."""
        month = self._months.pop(key, None)
        if month is None:
            month = Month(self.data_dir / PRACTICE_DIR, key, self.lock, self.newest_backup, self.checksums)
        self._months[key] = month  # most recently used last
        while len(self._months) > MONTHS_KEPT:
            old_key = next(iter(self._months))
            self._months.pop(old_key).forget()
            self._entry_cache.pop(old_key, None)
        return month

    @staticmethod
    def _key(day: date) -> str:
        return f"{day.year:04d}-{day.month:02d}"

    def practice_months(self) -> list[str]:
        """Months that have practice (a month file or a journal), oldest first."""
        return sorted(self._practice_files())

    def _practice_files(self) -> dict[str, list[os.DirEntry]]:
        months: dict[str, list[os.DirEntry]] = {}
        try:
            with os.scandir(self.data_dir / PRACTICE_DIR) as found:
                for item in found:
                    name = item.name
                    if name.startswith("."):
                        continue
                    stem, dot, suffix = name.rpartition(".")
                    if dot and suffix in ("json", "journal"):
                        months.setdefault(stem, []).append(item)
        except FileNotFoundError:
            pass
        return months

    def _validated(self, key: str, docs: Iterable[tuple[str, dict[str, Any]]]) -> list[PracticeEntry]:
        return list(self._each_valid(key, docs, quick=True))

    def _each_valid(
        self, key: str, docs: Iterable[tuple[str, dict[str, Any]]], *, quick: bool = False
    ) -> Iterator[PracticeEntry]:
        """The valid entries one at a time (a summary needs each only for a moment); the rest reported.

        ``quick``: decoded while starting quickly (held in memory, checked by :meth:`verify`).
        Summaries are written to disk, so what goes into them is always validated.
        """
        validate = self._maker(PracticeEntry) if quick else PracticeEntry.model_validate
        for doc_id, doc in docs:
            try:
                yield validate(doc)
            except ValueError as error:
                self._report(f"practice/{key}.json entry {doc.get('id', doc_id)!s}", error)

    def _month_entries(self, key: str) -> list[PracticeEntry]:
        """Every valid entry of a month (cached while the month is one of the few kept)."""
        month = self._month(key)
        month.sync()
        cached = self._entry_cache.get(key)
        if cached and cached[0] == month.generation:
            return cached[1]
        entries = self._validated(key, month.doc_items())
        self._entry_cache[key] = (month.generation, entries)
        return entries

    @_serialised
    def practice_on(self, day: date) -> list[PracticeEntry]:
        key = self._key(day)
        month = self._month(key)
        month.sync()
        cached = self._day_cache.get(day)
        if cached and cached[0] == (key, month.generation):
            return list(cached[1])
        iso = day.isoformat()
        entries = self._validated(key, ((i, d) for i, d in month.doc_items() if d.get("date") == iso))
        entries = [e for e in entries if e.date == day]
        if len(self._day_cache) > 8:
            self._day_cache.clear()
        self._day_cache[day] = ((key, month.generation), entries)
        return list(entries)

    @_serialised
    def practice_between(self, first: date, last: date) -> list[PracticeEntry]:
        """Entries from ``first`` to ``last`` inclusive, oldest first."""
        low, high = self._key(first), self._key(last)
        entries: list[PracticeEntry] = []
        for key in self.practice_months():
            if low <= key <= high:
                entries.extend(e for e in self._month_entries(key) if first <= e.date <= last)
        entries.sort(key=lambda e: (e.date, e.created_at))
        return entries

    @_serialised
    def all_practice(self) -> list[PracticeEntry]:
        """Every entry, oldest first: for exports. Progress reads :meth:`practice_history`."""
        entries: list[PracticeEntry] = []
        for key in self.practice_months():
            entries.extend(self._month_entries(key))
        entries.sort(key=lambda e: (e.date, e.created_at))
        return entries

    @_serialised
    def last_practice(self, child: str, strategy: str, on_or_before: date) -> PracticeEntry | None:
        """The latest entry for a child's strategy: the form's defaults come from it."""
        high = self._key(on_or_before)
        found = self._last_in(high, child, strategy, on_or_before)
        if found is not None:
            return found
        files = self._practice_files()
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
        month = self._month(key)
        month.sync()
        # Newest day first; on one day the entry last changed. Only those are validated.
        by_day: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for doc_id, doc in month.latest_of(child, strategy, on_or_before.isoformat()):
            if by_day and doc["date"] not in by_day:
                entries = [e for e in self._validated(key, next(iter(by_day.values()))) if e.date <= on_or_before]
                if entries:
                    return max(entries, key=lambda e: (e.date, e.updated_at))
                by_day.clear()
            by_day.setdefault(doc["date"], []).append((doc_id, doc))
        for same_day in by_day.values():
            entries = [e for e in self._validated(key, same_day) if e.date <= on_or_before]
            if entries:
                return max(entries, key=lambda e: (e.date, e.updated_at))
        return None

    def _may_hold(self, key: str, files: list[os.DirEntry], child: str, strategy: str) -> bool:
        """False only when the month's summary says it has no entry for the pair."""
        summary = self._summary(key, files, detail=False)
        return summary is None or (child, strategy) in summary.outline.pairs

    @_serialised
    def record_practice(self, entry: PracticeEntry) -> PracticeEntry:
        """Store an entry, replacing any entry for the same item on the same day.

        Durable on return: one line appended to the month's journal and fsynced.
        """
        key = self._key(entry.date)
        doc = entry.model_dump(mode="json")
        month = self._month(key)
        with self.lock.held():
            month.sync()
            month.put(doc)
            fold_due = month.pending >= FOLD_AFTER
        if fold_due:
            self._fold_later(key)
        return entry

    @_serialised
    def record_many(self, entries: Iterable[PracticeEntry]) -> None:
        """Bulk insert for generated histories and imports: one write per month."""
        by_month: dict[str, list[dict[str, Any]]] = {}
        for entry in entries:
            by_month.setdefault(self._key(entry.date), []).append(entry.model_dump(mode="json"))
        outlines: dict = {}
        with self.lock.held():
            for key, docs in by_month.items():
                month = self._month(key)
                month.sync()

                def insert(table: dict[str, dict[str, Any]], docs=docs) -> None:
                    next_id = max((int(i) for i in table), default=0) + 1
                    for offset, doc in enumerate(docs):
                        table[str(next_id + offset)] = doc

                month.rewrite(insert)
                self._month_written(key, month, outlines)
            summary.save_outlines(self.data_dir, outlines)

    @_serialised
    def remove_practice(self, day: date, child: str, strategy: str, routine: str) -> None:
        key = self._key(day)
        month = self._month(key)
        with self.lock.held():
            month.sync()
            month.delete((day.isoformat(), child, strategy, routine))
            fold_due = month.pending >= FOLD_AFTER
        if fold_due:
            self._fold_later(key)

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

        def doomed(doc: dict) -> bool:
            return (
                doc.get("child") in child_ids
                or doc.get("strategy") in strategy_ids
                or doc.get("routine") in routine_ids
            )

        def remove(table: dict[str, dict[str, Any]]) -> None:
            for doc_id in [i for i, doc in table.items() if doomed(doc)]:
                del table[doc_id]

        removed = 0
        outlines: dict = {}
        with self.lock.held():
            for key in self.practice_months():
                month = self._month(key)
                month.sync()
                count = sum(1 for doc in month.docs() if doomed(doc))
                if count:
                    month.rewrite(remove)
                    self._month_written(key, month, outlines)
                    removed += count
            if outlines:
                summary.save_outlines(self.data_dir, outlines)
        return removed

    # -- folding journals ----------------------------------------------------------

    @_serialised
    def fold(self, key: str) -> bool:
        """Fold a month's journal into its month file; True when anything was written."""
        month = self._month(key)
        with self.lock.held():
            month.sync()
            if not month.fold():
                return False
            self._month_written(key, month)
            return True

    @_serialised
    def fold_journals(self) -> int:
        """Fold every month's journal that holds anything; returns how many were folded."""
        folded = 0
        with self.lock.held():
            for key, files in self._practice_files().items():
                if any(f.name.endswith(".journal") and f.stat().st_size for f in files):
                    folded += self.fold(key)
        return folded

    def _fold_later(self, key: str) -> None:
        """Fold a month in a background thread: the key press that filled the journal is done."""
        with self._fold_guard:
            self._fold_due.add(key)
            if self._folder is not None:
                return
            self._folder = threading.Thread(target=self._fold_worker, name="family-tui-fold")
            self._folder.start()

    def _fold_worker(self) -> None:
        while True:
            with self._fold_guard:
                if not self._fold_due:
                    self._folder = None
                    return
                key = self._fold_due.pop()
            try:
                self.fold(key)
            except (StorageError, OSError):
                pass  # the journal still holds every entry; the next check-in tries again

    def wait_for_folds(self, timeout: float | None = None) -> None:
        """Wait for a background fold in progress (tests, and before quitting)."""
        folder = self._folder
        if folder is not None:
            folder.join(timeout)

    def _month_written(self, key: str, month: Month, batch: dict | None = None) -> None:
        """The month file was just written (the lock is held): refresh its summary too.

        With ``batch``, the outline is collected there for one write of the outlines
        file at the end (bulk inserts write many months).
        """
        result = summary.summarise(key, self._each_valid(key, month.doc_items()), [])
        result.problems = [p for p in self.problems if p.startswith(f"practice/{key}.json ")]
        source = file_signature(month.path)
        summary.save(self.data_dir, result, source)
        self._outlines[key] = (source, summary.MonthSummary(key, result.outline, result.problems))
        if batch is not None:
            batch[key] = (source, result)
        else:
            summary.save_outlines(self.data_dir, {key: (source, result)})

    # -- progress: the history in outline, with recent detail ----------------------

    def _summary(
        self,
        key: str,
        files: list[os.DirEntry],
        *,
        detail: bool,
        outlines: dict | None = None,
        rebuilt: dict | None = None,
    ) -> summary.MonthSummary | None:
        """A month's summary from memory or the cache, or made from its files.

        ``outlines``: the outlines file's contents, when already read; ``rebuilt``
        collects the outlines made here, for one write of the outlines file.
        """
        month_file = next((f for f in files if f.name.endswith(".json")), None)
        journal_file = next((f for f in files if f.name.endswith(".journal")), None)
        if journal_file is not None and journal_file.stat().st_size:
            # Operations not yet folded: the month file's summary, with them replayed on top.
            month = self._month(key)
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
        found = self._validated(key, [(doc.get("id", "?"), doc)])
        return found[0] if found else None

    def _file_summary(
        self, key: str, source: tuple, *, detail: bool, outlines: dict | None, rebuilt: dict | None
    ) -> summary.MonthSummary | None:
        """The summary of the month file with this signature: kept, cached on disk, or made."""
        kept = self._outlines.get(key)
        if kept is not None and kept[0] == source and (not detail or kept[1].rows is not None):
            return kept[1]
        found = None
        if not detail and outlines is not None:
            listed = outlines.get(key)
            if listed is not None and listed[0] == list(source):
                found = listed[1]
        if found is None:
            found = summary.load(self.data_dir, key, source, detail=detail)
            if found is not None and rebuilt is not None and (outlines or {}).get(key, (None,))[0] != list(source):
                rebuilt[key] = (source, found)
        if found is None:
            found = self._summarise_file(key)
            if found is None:
                return None
            if rebuilt is not None:
                rebuilt[key] = (source, found)
        for problem in found.problems:
            if problem not in self.problems:
                self.problems.append(problem)
        # Keep outlines only: the detail of old months is not worth its memory.
        self._outlines[key] = (source, summary.MonthSummary(key, found.outline, found.problems))
        return found

    def _summarise_file(self, key: str) -> summary.MonthSummary | None:
        """Read a month file (not one of the months kept in memory) and cache its summary."""
        month = Month(self.data_dir / PRACTICE_DIR, key, self.lock, self.newest_backup, self.checksums)
        with self.lock.held():
            month.sync()
            source = file_signature(month.path)
            result = summary.summarise(key, self._each_valid(key, month.doc_items()), [])
            result.problems = [p for p in self.problems if p.startswith(f"practice/{key}.json ")]
            if not month.pending:
                summary.save(self.data_dir, result, source)
        return result

    def _load_outlines(self) -> dict:
        """The outlines file, parsed once per version of it."""
        sig = file_signature(self.data_dir / summary.CACHE_DIR / summary.OUTLINES)
        if self._outlines_file is None or self._outlines_file[0] != sig:
            self._outlines_file = (sig, summary.load_outlines(self.data_dir))
        return self._outlines_file[1]

    @_serialised
    def history_summarised(self) -> bool:
        """True when :meth:`practice_history` will read summaries, not month files (milliseconds, not a second)."""
        outlines = self._load_outlines()
        to_read = 0
        for key, files in self._practice_files().items():
            journal_file = next((f for f in files if f.name.endswith(".journal")), None)
            if journal_file is not None and journal_file.stat().st_size:
                month = self._months.get(key)
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

    @_serialised
    def practice_history(
        self, detail_from: date | None = None, children: Iterable[str] | None = None
    ) -> PracticeHistory:
        """Every month in outline, with each entry's detail from ``detail_from`` (None: all).

        ``children``: detail only for these children (the progress screen shows one).
        """
        only = frozenset(children) if children is not None else None
        months = []
        facts = []
        files = self._practice_files()
        outlines = self._load_outlines()
        rebuilt: dict = {}
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

    def history_token(self) -> tuple:
        """Changes whenever any practice file (or the main file) changes: for caches of the history."""
        files = self._practice_files()
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

    # -- backups and upkeep --------------------------------------------------------

    @_serialised
    def daily_maintenance(self) -> Path | None:
        """Fold the journals, and make today's backup if there is none yet.

        The app runs this in a background thread once Today is on screen; the command
        line runs it when it opens the data folder.
        """
        with self.lock.held():
            remove_stale_temporaries(
                [self.data_dir, self.data_dir / PRACTICE_DIR, self.data_dir / summary.CACHE_DIR,
                 backups.backup_root(self.data_dir)]
            )
            self.fold_journals()
            today = self.clock.now().date()
            made = backups.ensure_daily_backup(self.data_dir, today, lock=self.lock, checksums=self.checksums)
            self.damage_found = self._damage_report(backups.backup_root(self.data_dir) / today.isoformat())
            return made

    def _damage_report(self, backup: Path) -> str | None:
        """What today's backup found damaged and is still so, with the backup to restore; None when all is well."""
        still = []
        for relative, found in sorted(backups.damage_in(backup).items()):
            sig = found.get("sig")
            if sig is not None and backups.signature_of(self.data_dir / relative) == sig:
                still.append(f"{self.data_dir / relative} is damaged: {found.get('reason', 'it cannot be read')}")
        if not still:
            return None
        good = self.newest_backup()
        if good is not None and backups.backup_state(good) == backups.GOOD:
            advice = (
                f"The last backup known to be good is {good.name}; to bring it back run: "
                f"family-tui --data-dir {self.data_dir} restore {good.name} "
                "(the files it replaces are kept as another backup first)."
            )
        else:
            advice = "No backup is known to be good; keep a copy of the data folder and ask for help."
        return f"{'. '.join(still)}. Nothing has been overwritten. {advice}"

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
            cause = getattr(error, "error", error)
            reason = cause.strerror if isinstance(cause, OSError) and cause.strerror else str(error)
            self.maintenance_problem = (
                f"Today's backup of {self.data_dir} could not be made ({reason}). "
                "Nothing was lost; family-tui tries again the next time it starts."
            )
            return None
        self.maintenance_problem = self.damage_found
        return made

    def list_backups(self) -> list[Path]:
        return backups.list_backups(self.data_dir)


def _same_item(day: date, child: str, strategy: str, routine: str):
    q = Query()
    return (q.date == day.isoformat()) & (q.child == child) & (q.strategy == strategy) & (q.routine == routine)


def iter_ids(records: Iterable[Any]) -> Iterator[str]:
    for record in records:
        yield record.id
