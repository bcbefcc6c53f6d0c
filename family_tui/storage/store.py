"""The family's data folder: the one way the app and the CLI read and write.

Layout of a data folder::

    family.json           program, notes, wins, skip days, settings (TinyDB)
    practice/2026-11.json practice entries of one month (TinyDB)
    backups/2026-11-26/   daily copies, newest seven kept
    .lock                 held across every read-modify-write

Every method that changes something returns only once the change is on disk.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from tinydb import Query, TinyDB
from tinydb.table import Table

from ..clock import Clock, SystemClock
from ..models import (
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
from . import backups, migrations
from .atomic import ensure_private_dir
from .durable import DurableJSONStorage, file_signature
from .errors import CorruptDataError, NewerSchemaError
from .lock import DataFolderLock

SCHEMA_VERSION = 1
MAIN_FILE = "family.json"
PRACTICE_DIR = "practice"
LOCK_FILE = ".lock"
META = "_meta"

R = TypeVar("R", bound=BaseModel)

TABLE_OF: dict[type[BaseModel], str] = {
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
PROGRAM_TABLES: tuple[tuple[str, type[BaseModel]], ...] = (
    ("children", Child),
    ("caregivers", Caregiver),
    ("therapists", Therapist),
    ("routines", Routine),
    ("goals", Goal),
    ("strategies", Strategy),
)

_ID = Query().id


def _serialised(fn):
    """Run the method under the store's thread lock: workers and the UI share one store."""

    @functools.wraps(fn)
    def wrapper(self: "FamilyStore", *args, **kwargs):
        with self._mutex:
            return fn(self, *args, **kwargs)

    return wrapper


class _File:
    """One TinyDB file with its durable storage."""

    def __init__(self, path: Path, newest_backup) -> None:
        self.db = TinyDB(path, newest_backup, storage=DurableJSONStorage)
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

    def __init__(self, data_dir: Path, *, clock: Clock | None = None, create: bool = True) -> None:
        self.data_dir = Path(data_dir)
        self.clock = clock or SystemClock()
        self.problems: list[str] = []
        """Records that failed validation: shown to the user, kept on disk untouched."""
        self._mutex = threading.RLock()
        self._months: dict[str, _File] = {}
        self._month_cache: dict[str, tuple[int, list[PracticeEntry]]] = {}
        self._table_cache: dict[str, tuple[int, list[Any]]] = {}
        if not self.data_dir.exists():
            if not create:
                raise FileNotFoundError(f"No family-tui data in {self.data_dir}")
        ensure_private_dir(self.data_dir)
        ensure_private_dir(self.data_dir / PRACTICE_DIR)
        self.lock = DataFolderLock(self.data_dir / LOCK_FILE)
        self.main_path = self.data_dir / MAIN_FILE
        self._main = _File(self.main_path, self.newest_backup)
        self._open()

    # -- opening, versions, backups ----------------------------------------------

    def newest_backup(self) -> Path | None:
        return backups.newest_backup(self.data_dir)

    def _open(self) -> None:
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
                return
            self._main.sync()
            version = self.schema_version()
            if version is None:
                raise CorruptDataError(self.main_path, "it has no data version", self.newest_backup())
            if version > SCHEMA_VERSION:
                raise NewerSchemaError(self.main_path, version, SCHEMA_VERSION)
            if version < SCHEMA_VERSION:
                self._migrate(version)
            backups.ensure_daily_backup(self.data_dir, self.clock.now().date())

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
        return (file_signature(self.main_path), file_signature(self._month_path(day)))

    # -- generic records in the main file ----------------------------------------

    def _records(self, table: str, model: type[R]) -> list[R]:
        self._main.sync()
        cached = self._table_cache.get(table)
        if cached and cached[0] == self._main.generation:
            return list(cached[1])
        records: list[R] = []
        for doc in self._main.table(table).all():
            try:
                records.append(model.model_validate(dict(doc)))
            except ValidationError as error:
                self._report(f"{self.main_path.name} {table} record {doc.get('id', doc.doc_id)!s}", error)
        self._table_cache[table] = (self._main.generation, records)
        return list(records)

    def _report(self, where: str, error: ValidationError) -> None:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "record"
        message = f"{where}: {field} {first['msg']} (kept on disk, not shown)"
        if message not in self.problems:
            self.problems.append(message)

    def _write_main(self, changes: Iterable[tuple[str, str, dict[str, Any] | None]]) -> None:
        """Apply (table, id, document-or-None) changes in one atomic write."""
        with self.lock.held():
            self._main.sync()
            with self._main.storage.batch():
                for table_name, record_id, document in changes:
                    table = self._main.table(table_name)
                    if document is None:
                        table.remove(_ID == record_id)
                    else:
                        table.upsert(document, _ID == record_id)
            self._main.changed()

    @_serialised
    def save(self, record: BaseModel) -> None:
        """Create or replace one record of the program, notes, wins or skip days."""
        self._write_main([(TABLE_OF[type(record)], record.id, record.model_dump(mode="json"))])  # type: ignore[attr-defined]

    @_serialised
    def save_many(self, records: Iterable[BaseModel]) -> None:
        """Create or replace several records at once: all of them land, or none."""
        self._write_main(
            (TABLE_OF[type(r)], r.id, r.model_dump(mode="json")) for r in records  # type: ignore[attr-defined]
        )

    @_serialised
    def delete(self, model: type[BaseModel], record_id: str) -> None:
        self._write_main([(TABLE_OF[model], record_id, None)])

    @_serialised
    def apply_changes(self, saves: Iterable[BaseModel], deletes: Iterable[tuple[type[BaseModel], str]] = ()) -> None:
        """Saves and deletes in one atomic write (used by import and the editor)."""
        changes: list[tuple[str, str, dict[str, Any] | None]] = [
            (TABLE_OF[type(r)], r.id, r.model_dump(mode="json")) for r in saves  # type: ignore[attr-defined]
        ]
        changes += [(TABLE_OF[m], rid, None) for m, rid in deletes]
        if changes:
            self._write_main(changes)

    @_serialised
    def reorder(self, model: type[BaseModel], ids: Iterable[str]) -> None:
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
        return Program(**{name: self._records(name, model) for name, model in PROGRAM_TABLES})

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
        docs = self._main.table("settings").all()
        if not docs:
            return Settings()
        try:
            return Settings.model_validate(dict(docs[0]))
        except ValidationError as error:
            self._report(f"{self.main_path.name} settings", error)
            return Settings()

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

    def _month(self, key: str) -> _File:
        month = self._months.get(key)
        if month is None:
            month = _File(self.data_dir / PRACTICE_DIR / f"{key}.json", self.newest_backup)
            self._months[key] = month
        return month

    @staticmethod
    def _key(day: date) -> str:
        return f"{day.year:04d}-{day.month:02d}"

    def practice_months(self) -> list[str]:
        """Months that have a practice file, oldest first."""
        folder = self.data_dir / PRACTICE_DIR
        return sorted(p.stem for p in folder.glob("*.json") if not p.name.startswith("."))

    def _month_entries(self, key: str) -> list[PracticeEntry]:
        month = self._month(key)
        month.sync()
        cached = self._month_cache.get(key)
        if cached and cached[0] == month.generation:
            return cached[1]
        entries: list[PracticeEntry] = []
        for doc in month.table("practice").all():
            try:
                entries.append(PracticeEntry.model_validate(dict(doc)))
            except ValidationError as error:
                self._report(f"practice/{key}.json entry {doc.get('id', doc.doc_id)!s}", error)
        self._month_cache[key] = (month.generation, entries)
        return entries

    @_serialised
    def practice_on(self, day: date) -> list[PracticeEntry]:
        return [e for e in self._month_entries(self._key(day)) if e.date == day]

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
        entries: list[PracticeEntry] = []
        for key in self.practice_months():
            entries.extend(self._month_entries(key))
        entries.sort(key=lambda e: (e.date, e.created_at))
        return entries

    @_serialised
    def last_practice(self, child: str, strategy: str, on_or_before: date) -> PracticeEntry | None:
        """The latest entry for a child's strategy: the form's defaults come from it."""
        high = self._key(on_or_before)
        for key in reversed(self.practice_months()):
            if key > high:
                continue
            found = [
                e
                for e in self._month_entries(key)
                if e.child == child and e.strategy == strategy and e.date <= on_or_before
            ]
            if found:
                return max(found, key=lambda e: (e.date, e.updated_at))
        return None

    @_serialised
    def record_practice(self, entry: PracticeEntry) -> PracticeEntry:
        """Store an entry, replacing any entry for the same item on the same day."""
        month = self._month(self._key(entry.date))
        with self.lock.held():
            month.sync()
            table = month.table("practice")
            with month.storage.batch():
                table.remove(_same_item(entry.date, entry.child, entry.strategy, entry.routine))
                table.insert(entry.model_dump(mode="json"))
            month.changed()
        return entry

    @_serialised
    def record_many(self, entries: Iterable[PracticeEntry]) -> None:
        """Bulk insert for generated histories: one write per month."""
        by_month: dict[str, list[PracticeEntry]] = {}
        for entry in entries:
            by_month.setdefault(self._key(entry.date), []).append(entry)
        with self.lock.held():
            for key, items in by_month.items():
                month = self._month(key)
                month.sync()
                with month.storage.batch():
                    month.table("practice").insert_multiple(e.model_dump(mode="json") for e in items)
                month.changed()

    @_serialised
    def remove_practice(self, day: date, child: str, strategy: str, routine: str) -> None:
        month = self._month(self._key(day))
        with self.lock.held():
            month.sync()
            month.table("practice").remove(_same_item(day, child, strategy, routine))
            month.changed()

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

        removed = 0
        with self.lock.held():
            for key in self.practice_months():
                month = self._month(key)
                month.sync()
                table = month.table("practice")
                doc_ids = [doc.doc_id for doc in table.all() if doomed(doc)]
                if doc_ids:
                    with month.storage.batch():
                        table.remove(doc_ids=doc_ids)
                    month.changed()
                    removed += len(doc_ids)
        return removed

    # -- backups -----------------------------------------------------------------

    @_serialised
    def daily_backup(self) -> Path | None:
        """Make today's backup if there is none yet (the app calls it when the day rolls over)."""
        with self.lock.held():
            return backups.ensure_daily_backup(self.data_dir, self.clock.now().date())

    def list_backups(self) -> list[Path]:
        return backups.list_backups(self.data_dir)


def _same_item(day: date, child: str, strategy: str, routine: str):
    q = Query()
    return (q.date == day.isoformat()) & (q.child == child) & (q.strategy == strategy) & (q.routine == routine)


def iter_ids(records: Iterable[Any]) -> Iterator[str]:
    for record in records:
        yield record.id
