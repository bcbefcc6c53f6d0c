"""``family.json``: the program, notes, wins, skip days and settings, in one TinyDB file.

Opening checks the data version (and upgrades an older file, a copy of the old files
kept first). Records are read once per version of the file and held validated; every
change is one atomic write under the data-folder lock, merged with what another copy
changed meanwhile (see :mod:`.merge`). The caller holds the store's thread lock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from tinydb import Query

from ..domain.models import Caregiver, Child, Goal, Note, Routine, Settings, SkipDay, Strategy, Therapist, Win
from ..domain.notes_glance import NotesGlance, glance_of
from ..domain.records import Record
from . import backups, merge, migrations
from .checks import RecordChecks
from .checksums import Checksums
from .errors import CorruptDataError, NewerSchemaError
from .lock import DataFolderLock
from .notes_glance import quick_glance
from .tinydb_file import TinyDBFile

MAIN_FILE = "family.json"
META = "_meta"

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


class MainFile:
    """The main file's records, held validated for the version of the file on disk."""

    def __init__(
        self,
        data_dir: Path,
        lock: DataFolderLock,
        checksums: Checksums,
        checks: RecordChecks,
        newest_backup: Callable[[], Path | None],
    ) -> None:
        self.data_dir = data_dir
        self.path = data_dir / MAIN_FILE
        self.lock = lock
        self.checks = checks
        self.newest_backup = newest_backup
        self.file = TinyDBFile(self.path, newest_backup, lock.wrote, checksums)
        self.storage = self.file.storage
        self._table_cache: dict[str, tuple[int, list[Any]]] = {}
        self._settings_cache: tuple[int, Settings] | None = None
        self._recent_cache: dict[str, tuple[tuple[int, date], str, list[Any], dict[str, Any]]] = {}
        """Per table, what :meth:`records_since` found for (the file's generation, the day) by which
        field, and the table's documents, which :meth:`verify` checks: the table is not held whole."""
        self._glance_cache: tuple[tuple[int, int], NotesGlance, dict[str, Any] | None] | None = None
        """What :meth:`notes_glance` gave for (the file's generation, the page), and the notes' documents
        while they are not held checked (which :meth:`verify` then checks)."""
        self.writer: Callable[[list[tuple[str, str, dict[str, Any] | None]]], None] | None = None
        """Where changes go instead of this file: the device log (the file then takes them in by :meth:`replace`)."""
        self.reorderer: Callable[[str, list[str]], None] | None = None

    def suspect(self) -> None:
        """Another copy wrote: read the file again even if its signature looks the same."""
        self.storage.suspect()

    # -- opening and versions ----------------------------------------------------

    def open(self, version_wanted: int, now: datetime) -> bool:
        """Check (and create or upgrade) the main file; False when the folder is new."""
        with self.lock.held():
            if not self.path.exists():
                leftovers = backups.data_files(self.data_dir) or backups.list_backups(self.data_dir)
                if leftovers:
                    raise CorruptDataError(
                        self.path,
                        "the main file is missing but other family-tui data is here",
                        self.newest_backup(),
                    )
                self.file.table(META).insert({"schema_version": version_wanted, "created_at": now.isoformat()})
                return False
            self.file.sync()
            version = self.schema_version()
            if version is None:
                raise CorruptDataError(self.path, "it has no data version", self.newest_backup())
            if version > version_wanted:
                raise NewerSchemaError(self.path, version, version_wanted)
            if version < version_wanted:
                self._migrate(version, version_wanted)
            return True

    def schema_version(self) -> int | None:
        meta = self.file.table(META).all()
        version = meta[0].get("schema_version") if meta else None
        return version if isinstance(version, int) else None

    def _migrate(self, found: int, wanted: int) -> None:
        migrations.backup_before_migrating(self.data_dir, found)
        tables = dict(self.storage.read() or {})
        tables = migrations.apply(tables, found, wanted)
        tables[META] = {"1": {**(tables.get(META, {}).get("1", {})), "schema_version": wanted}}
        self.storage.write(tables)
        self.file.sync()
        self.file.changed()

    # -- reading -----------------------------------------------------------------

    def records(self, table: str, model: type[R]) -> list[R]:
        self.file.sync()
        return self._held(table, model)

    def program_tables(self) -> dict[str, list[Any]]:
        """The six tables of the program, the file looked at once for all of them.

        Today asks for the program on every binding check (over a hundred while it
        starts): a look at the file (a ``stat``) per table made that six times the work.
        """
        self.file.sync()
        return {name: self._held(name, model) for name, model in PROGRAM_TABLES}

    def _held(self, table: str, model: type[R]) -> list[R]:
        """The table's records as held for this version of the file (read and checked if not yet)."""
        cached = self._table_cache.get(table)
        if cached and cached[0] == self.file.generation:
            return list(cached[1])
        # Straight from the parsed file: TinyDB's Documents would copy every record first.
        glance = self._glance_cache
        if table == "notes" and glance is not None and glance[2] is not None and glance[0][0] == self.file.generation:
            docs = glance[2]  # kept by notes_glance: the file itself may have been let go
        else:
            docs = (self.storage.read() or {}).get(table, {})
        records = self._checked(table, model, docs)
        self._table_cache[table] = (self.file.generation, records)
        self._recent_cache.pop(table, None)
        self.release_when_cached()
        return list(records)

    def records_since(self, table: str, model: type[R], field: str, since: date) -> list[R]:
        """The records whose ``field`` (a date and time) falls on or after ``since``.

        Today's header counts this week's wins: checking every win of five years (a
        thousand) to count a handful was a tenth of what Today's own start cost. Unless the
        table is held already, a document whose field starts with a date before ``since``
        is passed over unchecked: valid, it falls before ``since``; damaged, it would not be
        shown anyway. Every other one is checked as :meth:`records` checks it (a damaged one
        reported, not shown), so the answer is the one the whole table gives. The whole
        table is read, and each record checked, by :meth:`verify` (or by :meth:`records`).
        """
        self.file.sync()
        generation = self.file.generation
        cached = self._table_cache.get(table)
        if cached and cached[0] == generation:
            return [r for r in cached[1] if getattr(r, field).date() >= since]
        recent = self._recent_cache.get(table)
        if recent is not None and recent[0] == (generation, since):
            return list(recent[2])
        self._recent_cache.pop(table, None)
        since_text = since.isoformat()
        ids: set[str] = set()
        chosen: dict[str, Any] = {}
        raw = (self.storage.read() or {}).get(table, {})
        for doc_id, doc in raw.items():
            record_id = doc.get("id")
            if type(record_id) is not str or record_id in ids:
                # No id, or one id twice: which record shows is the whole table's to say.
                return [r for r in self._held(table, model) if getattr(r, field).date() >= since]
            ids.add(record_id)
            value = doc.get(field)
            if type(value) is not str or value[:10] >= since_text:
                chosen[doc_id] = doc
        records = [r for r in self._checked(table, model, chosen) if getattr(r, field).date() >= since]
        self._recent_cache[table] = ((generation, since), field, records, raw)
        self.release_when_cached()  # the table's own documents are kept for verify, not the whole file
        return list(records)

    def notes_glance(self, page: int) -> NotesGlance:
        """The notes' counts, pinned focus and newest page: what Today shows first (see :mod:`.notes_glance`).

        While starting quickly, only the notes the glance holds are decoded; :meth:`verify`
        checks the rest. Otherwise (or once the notes are held) it is the glance every note gives.
        """
        self.file.sync()
        generation = self.file.generation
        cached = self._glance_cache
        if cached is not None and cached[0] == (generation, page):
            return cached[1]
        held = self._table_cache.get("notes")
        glance, raw = None, None
        if self.checks.decoding and not (held and held[0] == generation):
            raw = (self.storage.read() or {}).get("notes", {})
            glance = quick_glance(raw, page, lambda docs: self._checked("notes", Note, docs))
        if glance is None:
            glance, raw = glance_of(self._held("notes", Note), page), None
        self._glance_cache = ((generation, page), glance, raw)
        self.release_when_cached()
        return glance

    def _checked(self, table: str, model: type[R], raw: dict[str, Any]) -> list[R]:
        """The documents as records, in order: a refused one reported and left out, as is a second one with an id."""
        records: list[R] = []
        validate = self.checks.maker(model)
        shared: dict[str, str] = {}  # one string for each repeated value: who wrote it, about whom
        shown: dict[Any, Any] = {}  # record id -> the record shown with it
        for doc_id, doc in raw.items():
            for name in SHARED_FIELDS.get(table, ()):
                value = doc.get(name)
                if type(value) is str:
                    doc[name] = shared.setdefault(value, value)
            try:
                record = validate(doc)
            except ValueError as error:  # pydantic's ValidationError (not imported until needed)
                self.checks.report(
                    f"{self.path.name} {table} record {doc.get('id', doc_id)!s}", error, table=table, doc=doc
                )
                continue
            first = shown.setdefault(record.id, record)  # type: ignore[attr-defined]
            if first is not record:
                self.checks.note(_duplicate(self.path.name, table, first, doc))
                continue
            records.append(record)
        return records

    def release_when_cached(self) -> None:
        """Once every table is held validated, the parsed main file is not needed in memory.

        (Notes and wins make it the largest file; a write parses it again, once.)
        """
        generation = self.file.generation
        if (
            self._settings_cache is not None
            and self._settings_cache[0] == generation
            and all(
                self._table_cache.get(t, (None,))[0] == generation
                or self._recent_cache.get(t, ((None,),))[0][0] == generation
                or (t == "notes" and self._glance_cache is not None and self._glance_cache[0][0] == generation)
                for t in CACHED_TABLES
            )
        ):
            self.storage.release()

    def settings(self) -> Settings:
        self.file.sync()
        cached = self._settings_cache
        if cached is not None and cached[0] == self.file.generation:
            return cached[1]
        docs = self.file.table("settings").all()
        settings = Settings.model_construct()  # the defaults, valid by definition
        if docs:
            try:
                settings = self.checks.maker(Settings)(dict(docs[0]))
            except ValueError as error:
                self.checks.report(f"{self.path.name} settings", error)
        self._settings_cache = (self.file.generation, settings)
        self.release_when_cached()
        return settings

    def verify(self) -> bool:
        """Validate the records held decoded; True when any was not shown right (those are read again)."""
        self.file.sync()
        changed = False
        differs = self.checks.differs
        settings = self._settings_cache
        if settings is not None and settings[0] == self.file.generation and differs(Settings, [settings[1]]):
            self._settings_cache = None
            self.settings()  # validated again (the defaults, if pydantic refuses the stored ones)
            changed = True
        for table, (generation, records) in list(self._table_cache.items()):
            # Record by record, keeping the decoded ones when all agree: thousands of notes
            # are not held twice, nor the main file parsed again.
            if generation == self.file.generation and differs(MODEL_OF[table], records):
                del self._table_cache[table]
                self.records(table, MODEL_OF[table])  # validated, refused ones reported
                changed = True
        for table, ((generation, since), field, found, raw) in list(self._recent_cache.items()):
            # Read only in part while starting: every record is checked now, a damaged one reported,
            # from the table's documents kept for this (the file may have been let go meanwhile).
            del self._recent_cache[table]
            if generation == self.file.generation:
                records = self._checked(table, MODEL_OF[table], raw)
                self._table_cache[table] = (generation, records)
                changed |= [r for r in records if getattr(r, field).date() >= since] != found
        if self._glance_cache is not None:
            # The notes the glance did not decode, checked now; the glance they give must be the one shown.
            (generation, page), glance, docs = self._glance_cache
            self._glance_cache = None
            if docs is not None and generation == self.file.generation:
                held = self._table_cache.get("notes")
                if not (held and held[0] == generation):
                    self._table_cache["notes"] = (generation, self._checked("notes", Note, docs))
                changed |= glance_of(self._table_cache["notes"][1], page) != glance
        return changed

    # -- writing -----------------------------------------------------------------

    def write(self, changes: Iterable[tuple[str, str, dict[str, Any] | None]]) -> None:
        """Apply (table, id, document-or-None) changes in one atomic write, each table rewritten once."""
        if self.writer is not None:
            self.writer(list(changes))
            return
        by_table: dict[str, list[tuple[str, dict[str, Any] | None]]] = {}
        for table_name, record_id, document in changes:
            by_table.setdefault(table_name, []).append((record_id, document))
        with self.lock.held():
            self.file.sync()
            with self.storage.batch():
                for table_name, table_changes in by_table.items():
                    self.file.upsert_or_remove(table_name, table_changes)
            self.file.changed()

    def update_many(self, changes: Iterable[tuple[Any, Any]], first: Any = None) -> list[Any]:
        """See :meth:`FamilyStore.update_many`."""
        changes = list(changes)
        with self.lock.held():
            self.file.sync()
            writes: list[tuple[str, str, dict[str, Any] | None]] = []
            written: list[Any] = []
            new_settings: Settings | None = None
            for before, after in changes:
                model = type(after if after is not None else before)
                old = before.model_dump(mode="json") if before is not None else None
                new = after.model_dump(mode="json") if after is not None else None
                disk: dict[str, Any] | None
                if model is Settings:
                    docs = self.file.table("settings").all()
                    disk = dict(docs[0]) if docs else Settings.model_construct().model_dump(mode="json")
                else:
                    found = self.file.table(TABLE_OF[model]).get(_ID == (after or before).id)
                    disk = dict(found) if found is not None else None
                current = _current(model, disk)
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
                self.write(writes)
            if new_settings is not None:
                self.save_settings(new_settings)
            return written

    def reorder(self, model: type[Record], ids: Iterable[str]) -> None:
        """See :meth:`FamilyStore.reorder`."""
        if self.reorderer is not None:
            self.reorderer(TABLE_OF[model], list(ids))
            return
        rank: dict[str | None, int] = {record_id: index for index, record_id in enumerate(ids)}
        with self.lock.held():
            self.file.sync()
            table = self.file.table(TABLE_OF[model])
            documents = [dict(doc) for doc in table.all()]
            documents.sort(key=lambda doc: rank.get(doc.get("id"), len(rank)))
            with self.storage.batch():
                table.truncate()
                table.insert_multiple(documents)
            self.file.changed()

    def save_settings(self, settings: Settings) -> None:
        if self.writer is not None:
            self.writer([("settings", "", settings.model_dump(mode="json"))])
            return
        with self.lock.held():
            self.file.sync()
            with self.storage.batch():
                table = self.file.table("settings")
                table.truncate()
                table.insert(settings.model_dump(mode="json"))
            self.file.changed()

    def replace(self, tables: dict[str, list[dict[str, Any]]], settings: dict[str, Any] | None) -> None:
        """Write these tables whole (and the settings, unless None) in one atomic write: the folded state taken in.

        Tables (and settings) that already hold exactly these documents are left alone;
        when all do, the file is not written at all.
        """
        with self.lock.held():
            self.file.sync()
            tables = {
                name: docs for name, docs in tables.items() if [dict(d) for d in self.file.table(name).all()] != docs
            }
            if settings is not None and [dict(d) for d in self.file.table("settings").all()] == [settings]:
                settings = None
            if not tables and settings is None:
                return
            with self.storage.batch():
                for name, documents in sorted(tables.items()):
                    table = self.file.table(name)
                    table.truncate()
                    table.insert_multiple(documents)
                if settings is not None:
                    table = self.file.table("settings")
                    table.truncate()
                    table.insert(settings)
            self.file.changed()

    def update_settings(self, **changes: Any) -> Settings:
        """Change some settings, keeping what another copy changed meanwhile."""
        with self.lock.held():
            settings = self.settings().model_copy(update=changes)
            settings = Settings.model_validate(settings.model_dump())
            self.save_settings(settings)
            return settings


def _label(record: Any) -> str:
    """A few words a parent recognises a record by."""
    for name in ("name", "title", "text", "reason"):
        value = getattr(record, name, None) if not isinstance(record, dict) else record.get(name)
        if isinstance(value, str) and value.strip():
            value = " ".join(value.split())
            return f'"{value[:40]}…"' if len(value) > 40 else f'"{value}"'
    return "no name"


def _duplicate(file_name: str, table: str, first: Any, doc: dict[str, Any]) -> str:
    """The problem of a second record with an id already shown: only the first counts."""
    return (
        f"{file_name} {table} record {first.id}: two records have this id ({_label(first)} and {_label(doc)}); "
        f"the first ({_label(first)}) is shown, the other kept on disk, not shown. Give the other an id of "
        f"its own in {file_name} with the app closed, or restore a backup from before (family-tui restore --list)."
    )


def _current(model: type[Any], document: dict[str, Any] | None) -> Any:
    """The record as a screen would load it from ``document``; None when gone or not valid."""
    try:
        return model.model_validate(document) if document is not None else None
    except ValueError:
        return None
