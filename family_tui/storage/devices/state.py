"""The family's state folded from every device's log, kept as TinyDB files only this device reads.

``<data>/.family-tui-local/state/``::

    family.json              the program, notes, wins, skip days and settings (TinyDB tables)
    practice/2026-11.json    one month's check-ins (TinyDB table ``practice``)
    ops/family.json          per record, the operations that made it (what a merge needs)
    ops/2026-11.json         the same for one month's check-ins
    logs.json                how much of each log is folded in, and the damage found in them

The TinyDB files are what the app reads (written by ``storage/logged.py`` from what
this module folds); they are derived, never synced, and can always be made again from
the logs. Folding five years of logs at every start would
take seconds, so the state is kept and brought up to date **incrementally**: for each
log file it remembers the bytes folded in and the hash of the last 4 KB of them. A
log that grew is read from there on; one that shrank, or whose remembered last bytes
changed, is not the file that was folded (a sync tool replaced it, or a restore of
the whole folder): everything is folded again from the start.

Each record is folded from its own operations with :func:`..domain.sync.fold.fold`,
so the state is exactly the fold of all the logs whatever order the operations
arrived in (a month-old write from the other home that arrives today still merges
field by field). A record's operations are kept beside it (``ops/``) for that.

Damage is looked for where it can hide: a state made under another device id (the
folder was copied or moved, with its local folder) is folded again from the start; the
first catch-up after loading checks the last folded bytes of every log even when its
size is unchanged; and a damaged line found in lines read again folds everything again,
since the state files may hold what that line held before it was damaged.

Nothing here is durable on its own: :meth:`FoldedState.flush` writes the changed files
and *then* ``logs.json``. A crash in between leaves files ahead of ``logs.json``; the
operations read again fold to the same records (an operation counts once by its stamp).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from family_tui.domain.sync.hlc import Stamp
from family_tui.domain.sync.ops import LineError, Op, decode_line, op_of_document
from family_tui.domain.sync.records import (
    PRACTICE,
    SETTINGS,
    document_of,
    ordered,
    settings_of,
)

from ..atomic import atomic_write_bytes, ensure_private_dir
from ..collection import collection_paused
from .device import local_dir
from .oplog import Damage, Listing, line_damage, list_logs, tail_damage
from .ops_file import ops_file_bytes

if TYPE_CHECKING:  # folding is imported when a record is first folded: seldom while the app starts
    from family_tui.domain.sync.fold import Conflict, Folded, RecordFold

STATE_DIR = "state"
LOGS = "logs.json"
MAIN = "family.json"
FORMAT = "family-tui/state@1"

RecordKey = tuple[str, str]
"""(table, record id)."""


@dataclass
class Changes:
    """What a catch-up or a write changed in the folded state: what the state files must take in.

    ``records``: each record whose folded fields changed, with its fields now (None: gone).
    ``rebuilt``: everything was folded again from the start; the state files are to be
    written anew from :meth:`FoldedState.table` and :meth:`FoldedState.month`.
    """

    records: dict[RecordKey, dict[str, Any] | None] = field(default_factory=dict)
    rebuilt: bool = False

    def __bool__(self) -> bool:
        return self.rebuilt or bool(self.records)

    def update(self, other: Changes) -> None:
        self.records.update(other.records)
        self.rebuilt |= other.rebuilt


def state_dir(data_dir: Path) -> Path:
    return local_dir(data_dir) / STATE_DIR


_PLAIN_PRACTICE_ID = re.compile(r'\["(\d{4}-\d{2})[^"\\\x00-\x1f]*"(?:,"[^"\\\x00-\x1f]*")*\]')
"""A check-in's id as :func:`..domain.sync.records.practice_id` writes it: a JSON list of strings
without escapes, the first a day; group 1 its month."""


def month_of(key: RecordKey) -> str | None:
    """The month file a record lives in: a check-in's month; None for the main file."""
    table, rid = key
    if table != PRACTICE:
        return None
    plain = _PLAIN_PRACTICE_ID.fullmatch(rid)
    if plain is not None:  # what json.loads would find, without it: every check-in of years, at a first opening
        return plain[1]
    try:
        day = json.loads(rid)[0]
    except (ValueError, IndexError, TypeError):
        return "unknown"
    return day[:7] if isinstance(day, str) and len(day) >= 7 else "unknown"


KEEP_RUNNING = 16
"""Records one write or catch-up may touch for their folds to be kept (see :class:`RecordFold`)."""
KEPT_RUNNING = 256
"""Records whose folds are kept at most: the ones written last."""


RECENT_NS = 100_000_000
"""A folder changed this recently when listed may change again within the same tick of the file
system's clock (a few milliseconds), its time unchanged: such a listing is not trusted for
:meth:`FoldedState._growing`. (On a file system with coarser times, what a quick look misses
is only taken in at the next full look.)"""


def _watched(listing: Listing) -> tuple[dict[Path, int], list[Path]] | None:
    """What :meth:`FoldedState._growing` compares with, from a full listing (None: a folder changed just now)."""
    if not listing.changed or max(listing.changed.values()) > time.time_ns() - RECENT_NS:
        return None
    latest: dict[Path, Path] = {}
    for path in listing.logs:  # sorted: the last of a folder is its latest month
        latest[path.parent] = path
    return dict(listing.changed), sorted(latest.values())


def _all_newer(latest: Stamp | None, ops: list[Op]) -> bool:
    """Whether ``ops`` come after ``latest`` and after one another, each with its own stamp."""
    stamps = sorted(op.stamp for op in ops)
    return (latest is None or stamps[0] > latest) and all(a < b for a, b in zip(stamps, stamps[1:]))


TAIL = 4096
"""Bytes before a log's mark whose hash tells the file folded from another one of that size."""


def _tail_hash(path: Path, size: int) -> str:
    """The hash of the last :data:`TAIL` bytes of ``path`` before ``size`` (the file's folded part)."""
    if size == 0:
        return ""
    with open(path, "rb") as handle:
        handle.seek(max(0, size - TAIL))
        data = handle.read(min(size, TAIL))
    return hashlib.sha256(data).hexdigest()[:16] if len(data) == min(size, TAIL) else "short"


class FoldedState:
    """The folded state of one data folder, in memory and (after :meth:`flush`) in the local folder."""

    def __init__(self, data_dir: Path, device: str | None = None) -> None:
        self.data_dir = data_dir
        self.root = state_dir(data_dir)
        self.device = device
        """The device folding (None: not checked). A state made by another id is folded again: see :meth:`_load_marks`."""
        self._distrusted = False
        """The state on disk was made somewhere else (a copied folder): the first catch-up folds everything again."""
        self._tails_checked = False
        """Whether a catch-up has checked the last bytes folded of every log since the state was loaded."""
        self._rebuilding = False
        self._marks: dict[str, list[Any]] = {}
        """Per log file (relative path): [bytes folded in, hash of the last 4 KB of them]."""
        self.damaged: list[Damage] = []
        self.latest: Stamp | None = None
        self._parts: dict[str | None, dict[RecordKey, list[Op]]] = {}
        """Operations per record, by part (None: the main file; a month key: that month)."""
        self._records: dict[str | None, dict[RecordKey, dict[str, Any]]] = {}
        """Folded fields per live record, by part."""
        self._folded: dict[RecordKey, Folded] = {}
        """Each record's fold (its heads and conflicts)."""
        self._conflicted: set[RecordKey] | None = set()
        """The records with a field written on two devices apart, kept in ``logs.json`` so that
        finding none (nearly always) reads no part. None: not known (a state from before it was kept)."""
        self._watch: tuple[dict[Path, int], list[Path]] | None = None
        """From the last full look at the logs: each folder's time, and each device's latest log (see :meth:`_growing`)."""
        self._running: dict[RecordKey, RecordFold] = {}
        """The fold of records written again since loaded (a check-in marked and un-marked), kept so
        that a newer operation is folded in alone instead of folding all the record's operations again."""
        self._dirty: set[str | None] = set()
        self._load_marks()

    # -- reading the state files ---------------------------------------------------

    def _load_marks(self) -> None:
        try:
            held = json.loads((self.root / LOGS).read_bytes())
        except (OSError, ValueError):
            held = None
        if not isinstance(held, dict) or held.get("format") != FORMAT:
            return
        if self.device is not None and held.get("device") != self.device:
            # Folded by another device id: this folder was copied or moved (see device.py), and
            # with it a state that says which bytes were read, not what the bytes here hold
            # (a byte flipped in the copy would never be read). Everything is read again.
            self._distrusted = True
            return
        self._marks = {k: v for k, v in held.get("logs", {}).items() if isinstance(v, list) and len(v) == 2}
        self.damaged = [Damage(self.data_dir / p, n, r) for p, n, r in held.get("damaged", [])]
        latest = held.get("latest")
        self.latest = Stamp.parse(latest) if isinstance(latest, str) else None
        conflicted = held.get("conflicted")
        self._conflicted = (
            {(t, i) for t, i in conflicted if isinstance(t, str) and isinstance(i, str)}
            if isinstance(conflicted, list) and all(isinstance(k, list) and len(k) == 2 for k in conflicted)
            else None
        )

    def _ops_path(self, part: str | None) -> Path:
        return self.root / "ops" / (MAIN if part is None else f"{part}.json")

    def _part(self, part: str | None) -> dict[RecordKey, list[Op]]:
        """A part's operations per record, read from its ``ops`` file when first needed."""
        held = self._parts.get(part)
        if held is not None:
            return held
        held = {}
        try:
            raw = json.loads(self._ops_path(part).read_bytes())
        except (OSError, ValueError):
            raw = {}
        for docs in raw.values() if isinstance(raw, dict) else ():
            try:
                ops = [op_of_document(doc) for doc in docs]
            except LineError:
                self._marks = {}  # the local state is damaged: fold everything again
                continue
            if ops:
                held[(ops[0].table, ops[0].id)] = ops
        self._parts[part] = held
        records: dict[RecordKey, dict[str, Any]] = {}
        for key, ops in held.items():
            self._refold(key, ops, records)
        self._records[part] = records
        return held

    def _refold(self, key: RecordKey, ops: list[Op], records: dict[RecordKey, dict[str, Any]]) -> bool:
        """Fold one record again from its operations; True when its fields changed."""
        from family_tui.domain.sync.fold import fold

        return self._take_fold(key, fold(ops), records)

    def _take_fold(self, key: RecordKey, folded: Folded, records: dict[RecordKey, dict[str, Any]]) -> bool:
        """Keep one record's fold (of all its operations); True when its fields changed."""
        self._folded[key] = folded
        if self._conflicted is not None:
            if folded.conflicts:
                if key not in self._conflicted:
                    self._conflicted.add(key)
                    self._dirty.add(month_of(key))  # so that logs.json keeps it
            else:
                self._conflicted.discard(key)
        fields = folded.tables.get(key[0], {}).get(key[1])
        before = records.get(key)
        if fields is None:
            records.pop(key, None)
        else:
            records[key] = fields
        return fields != before

    # -- bringing the state up to date -----------------------------------------------

    def catch_up(self, *, quick: bool = False) -> Changes:
        """Fold in what the logs hold that the state does not yet; what changed (false when nothing did).

        ``quick`` (before this device writes): look only at the logs that can have grown
        since the last full look (see :meth:`_growing`), when no folder of logs changed since.
        What it passes over is folded in by the next full look (the store's poll): a write
        made meanwhile is merged with it as one made a moment before it arrived.
        """
        if self._distrusted:
            self._distrusted = False
            return self.rebuild()
        files = self._growing() if quick and self._tails_checked else None
        listing = None
        if files is None:
            listing = list_logs(self.data_dir)
            files = listing.logs + listing.copies
        new: list[Op] = []
        marks: dict[str, list[Any]] = {}
        damaged = [d for d in self.damaged]
        for path in files:
            name = path.relative_to(self.data_dir).as_posix()
            mark = self._marks.get(name, [0, ""])
            try:
                size = path.stat().st_size
                if size == mark[0]:
                    if not self._tails_checked and not self._same_tail(path, mark):
                        return self.rebuild()  # changed since it was folded, its size kept: damage to find
                    marks[name] = mark
                    continue
                if size < mark[0] or not self._same_tail(path, mark):
                    return self.rebuild()
                with open(path, "rb") as handle:
                    handle.seek(mark[0])
                    data = handle.read()
            except OSError as error:
                unreadable = Damage(path, 0, f"it cannot be read ({error.strerror or error})")
                if unreadable not in damaged:  # named once, however often it is tried
                    damaged.append(unreadable)
                marks[name] = mark
                continue
            end = data.rfind(b"\n") + 1  # a torn last line was never acknowledged: not yet
            before: list[int] = []  # the lines before the mark, counted only to name damage (a long log)

            def first_line(path: Path = path, offset: int = mark[0], before: list[int] = before) -> int:
                if not before:
                    before.append(1 + self._lines_before(path, offset))
                return before[0]

            for index, line in enumerate(data[:end].split(b"\n")[:-1]):
                if not line.strip():
                    continue
                try:
                    new.extend(decode_line(line))
                except LineError as error:
                    damaged.append(Damage(path, first_line() + index, line_damage(line, error)))
            reason = tail_damage(data[end:])
            if reason is not None:  # not a write cut short: damage, named like a damaged line
                damaged.append(Damage(path, first_line() + data[:end].count(b"\n"), reason))
                end = len(data)
            consumed = mark[0] + end
            marks[name] = [consumed, _tail_hash(path, consumed) if end else mark[1]]
        if listing is None:
            marks = {**self._marks, **marks}  # the logs not looked at are as they were
        elif set(self._marks) - set(marks):
            return self.rebuild()  # a log went away: what it held must leave the state too
        if len(damaged) > len(self.damaged) and not self._rebuilding:
            # The state files may already hold what a damaged line held (they are written
            # before the state says which lines it read): made again from what the logs hold.
            return self.rebuild()
        self._tails_checked = True
        if listing is not None:
            self._watch = _watched(listing)
        if marks != self._marks:
            self._dirty.add("")  # logs.json
        self._marks = marks
        self.damaged = damaged
        # Every record read is told, changed or not: the state files may be ahead of the folded
        # state kept on disk (taken in, then a crash, or another process on this computer,
        # before a flush), and lines read again that end where the state on disk was (a
        # check-in set, then deleted by a restore) must still take the record out of them.
        # Taking in a record the state files hold as it is writes nothing.
        return self.apply(new, every_record=True)

    def _growing(self) -> list[Path] | None:
        """The logs that can have grown since the last full look; None when that cannot be told.

        Only a log's own device appends to it, always to its latest month's log; anything
        else a sync tool brings (a new log, a new device, a conflict copy, a log replaced
        by a newer version) is a file made or renamed into a folder, which changes the
        folder's time. So while no folder changed, only each device's latest log is looked at.
        """
        if self._watch is None:
            return None
        folders, latest = self._watch
        try:
            for folder, changed in folders.items():
                if os.stat(folder).st_mtime_ns != changed:
                    return None
        except OSError:
            return None
        return latest

    def appended(self, path: Path, before: int) -> None:
        """This device just appended to ``path`` (``before`` bytes long until then) and folds the ops itself.

        When the state held the whole file before, it now holds the new lines too: the
        next catch-up does not read them back. Otherwise (a torn tail was cut first, or
        the file had lines not folded yet) the next catch-up reads them as usual.
        """
        name = path.relative_to(self.data_dir).as_posix()
        mark = self._marks.get(name, [0, ""])
        if mark[0] != before:
            return
        try:
            with open(path, "rb") as handle:  # one read: the new lines, and the last 4 KB for the hash
                start = min(before, max(0, os.fstat(handle.fileno()).st_size - TAIL))
                handle.seek(start)
                data = handle.read()
        except OSError:
            return
        if data.endswith(b"\n") and len(data) > before - start:
            size = start + len(data)
            self._marks[name] = [size, hashlib.sha256(data[-TAIL:]).hexdigest()[:16]]
            self._dirty.add("")

    def _same_tail(self, path: Path, mark: list[Any]) -> bool:
        size, tail = mark
        return bool(size == 0 or _tail_hash(path, int(size)) == tail)

    def _lines_before(self, path: Path, offset: int) -> int:
        if offset == 0:
            return 0
        with open(path, "rb") as handle:
            return handle.read(offset).count(b"\n")

    def rebuild(self) -> Changes:
        """Fold every log from the start (the state on disk is not used)."""
        self._marks = {}
        self._watch = None
        self._parts = {None: {}}
        self._records = {None: {}}
        self._folded = {}
        self._running = {}
        self._conflicted = set()
        self.damaged = []
        self.latest = None
        self._dirty = {None, ""}
        self._distrusted = False
        for part in self._existing_parts():
            self._parts[part], self._records[part] = {}, {}
            self._dirty.add(part)
        self._rebuilding = True
        try:
            with collection_paused():  # every operation of years of logs, read and folded: all kept
                self.catch_up()
        finally:
            self._rebuilding = False
        return Changes(rebuilt=True)

    def _existing_parts(self) -> list[str]:
        folder = self.root / "ops"
        try:
            return [p.stem for p in folder.iterdir() if p.name != MAIN and p.suffix == ".json"]
        except OSError:
            return []

    def apply(self, ops: Iterable[Op], *, every_record: bool = False) -> Changes:
        """Fold operations into the state (this device's own writes, or read from a log); what changed.

        ``every_record``: tell every record the operations touched, changed or not (see :meth:`catch_up`).
        """
        changes = Changes()
        by_record: dict[RecordKey, list[Op]] = {}
        for op in ops:
            by_record.setdefault((op.table, op.id), []).append(op)
            if self.latest is None or op.stamp > self.latest:
                self.latest = op.stamp
        keep = len(by_record) <= KEEP_RUNNING  # a few records written (a check-in), not an import or a restore
        for key, added in by_record.items():
            part = month_of(key)
            held = self._part(part)
            ops_now = held.get(key, [])
            running = self._running.get(key)
            if running is not None and running.count == len(ops_now) and _all_newer(running.latest, added):
                for op in sorted(added, key=lambda op: op.stamp):
                    running.add(op)
                held[key] = ops_now + added
                changed = self._take_fold(key, running.folded(), self._records[part])
            else:
                known = {op.stamp for op in ops_now}
                fresh = [op for op in added if op.stamp not in known]
                if not fresh:
                    continue
                held[key] = ops_now + fresh
                if ops_now and keep:  # written again: its fold is kept for the next write
                    self._running.pop(key, None)
                    if len(self._running) >= KEPT_RUNNING:
                        del self._running[next(iter(self._running))]
                    from family_tui.domain.sync.fold import RecordFold

                    running = self._running[key] = RecordFold(held[key])
                    changed = self._take_fold(key, running.folded(), self._records[part])
                else:
                    self._running.pop(key, None)
                    changed = self._refold(key, held[key], self._records[part])
            if changed or every_record:
                changes.records[key] = self._records[part].get(key)
            self._dirty.add(part)
        return changes

    # -- what the store reads ------------------------------------------------------------

    def table(self, table: str) -> list[dict[str, Any]]:
        """A table's records in table order (main tables)."""
        return self.tables([table])[table]

    def tables(self, names: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """These tables' records, each in table order: the main part read once for them all."""
        self._part(None)
        held = self._parts[None]
        records: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in names}
        for (table, rid), fields in self._records[None].items():
            if table in records:
                records[table][rid] = fields
        found = {}
        for table, fields_of in records.items():
            first = {rid: _first_stamp(held[(table, rid)]) for rid in fields_of}
            found[table] = [document_of(fields_of[rid]) for rid in ordered(fields_of, first)]
        return found

    @property
    def marks(self) -> dict[str, list[Any]]:
        """Per log file (relative path): [bytes folded in, hash of their last 4 KB]."""
        return self._marks

    def record(self, table: str, rid: str) -> dict[str, Any] | None:
        """One record as folded (None: none, or deleted)."""
        part = month_of((table, rid))
        self._part(part)
        fields = self._records[part].get((table, rid))
        return document_of(fields) if fields is not None else None

    @staticmethod
    def document(fields: dict[str, Any] | None) -> dict[str, Any] | None:
        return document_of(fields) if fields is not None else None

    def settings(self) -> dict[str, Any]:
        self._part(None)
        return settings_of({key[1]: fields for key, fields in self._records[None].items() if key[0] == SETTINGS})

    def month(self, key: str) -> list[dict[str, Any]]:
        """A month's check-ins, by day."""
        self._part(key)
        return [document_of(fields) for _, fields in sorted(self._records[key].items())]

    def ops_of(self, table: str, rid: str) -> list[Op]:
        """The operations that made one record (set and delete), in no particular order."""
        key = (table, rid)
        return list(self._part(month_of(key)).get(key, []))

    def part_names(self) -> list[str]:
        """The months the state holds operations of, without reading them."""
        return sorted(set(self._existing_parts()) | {k for k in self._parts if k is not None})

    def months(self) -> list[str]:
        found = set(self._existing_parts()) | {k for k in self._parts if k is not None}
        return sorted(k for k in found if self._part(k))

    def _conflicted_keys(self) -> set[RecordKey]:
        if self._conflicted is None:  # not kept yet: read the main part (and every month already read)
            self._part(None)
            self._conflicted = {key for key, folded in self._folded.items() if folded.conflicts}
            self._dirty.add(None)  # kept at the next flush: later openings read nothing to know
        return self._conflicted

    def conflicts(self) -> Iterator[Conflict]:
        """Fields written on two devices apart, each with the value not shown; nothing is read when there are none."""
        for key in sorted(self._conflicted_keys()):
            self._part(month_of(key))
            folded = self._folded.get(key)
            if folded is not None:
                yield from folded.conflicts

    def main_conflicts(self) -> Iterator[Conflict]:
        """The conflicts of the main file's records only (notes, program, wins...)."""
        for conflict in self.conflicts():
            if month_of((conflict.table, conflict.id)) is None:
                yield conflict

    def base_for(self, table: str, rid: str, names: Iterable[str]) -> dict[str, tuple[Stamp, ...]]:
        """The ``base`` of a write to these fields of a record, as the state shows them."""
        self._part(month_of((table, rid)))
        folded = self._folded.get((table, rid))
        if folded is None:
            return {name: () for name in names}
        return folded.base_for(table, rid, names)

    # -- writing the state files -------------------------------------------------------------

    def flush(self) -> None:
        """Write what changed: the parts first, then how much of each log they hold."""
        if not self._dirty:
            return
        ensure_private_dir(self.root / "ops")
        for part in sorted((p for p in self._dirty if p), key=str) + ([None] if None in self._dirty else []):
            self._write_part(part)
        payload = {
            "format": FORMAT,
            "device": self.device,
            "logs": self._marks,
            "latest": self.latest.text() if self.latest else None,
            "damaged": [[d.path.relative_to(self.data_dir).as_posix(), d.line, d.reason] for d in self.damaged],
            "conflicted": sorted([t, i] for t, i in self._conflicted) if self._conflicted is not None else None,
        }
        atomic_write_bytes(self.root / LOGS, json.dumps(payload, sort_keys=True).encode("ascii"))
        self._dirty.clear()

    def _write_part(self, part: str | None) -> None:
        held = self._part(part)
        atomic_write_bytes(self._ops_path(part), ops_file_bytes(held))


def _first_stamp(ops: list[Op]) -> Stamp:
    return ops[0].stamp if len(ops) == 1 else min(op.stamp for op in ops)
