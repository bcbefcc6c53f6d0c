"""The store's writes as operations in this device's log, and every device's operations taken into the state files.

The state files (``.family-tui-local/state/family.json`` and ``practice/``, today's
TinyDB format) are what :class:`.main_file.MainFile` and
:class:`.practice.PracticeMonths` read; only this module writes them, from the folded
state (:mod:`.devices.state`). A write goes: the change to the :class:`.devices.ledger.Ledger`
(appended and fsynced: the acknowledgement), then what changed into the state files
(a month's journal line without fsync, or a table rewritten). The state files are
made durable before the folded state says it holds them (:meth:`LoggedWrites.flush`),
so a crash in between only means reading some log lines again.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..clock import Clock
from ..domain.sync.ops import Op
from ..domain.sync.records import PRACTICE, RECORD_TABLES, SETTINGS, record_id, write_ops
from .atomic import ensure_private_dir
from .collection import collection_paused
from .devices.ledger import Ledger
from .devices.oplog import device_log_dir, list_logs, log_name, misplaced
from .devices.state import Changes, state_dir
from .errors import CorruptDataError, StorageError
from .journal import Key
from .lock import DataFolderLock
from .main_file import MainFile
from .practice import PRACTICE_DIR, PracticeMonths

if TYPE_CHECKING:
    from ..domain.sync.fold import Conflict
    from . import summary

MANY = 200
"""Changes to one month beyond which its month file is written anew instead of journal lines."""

Document = dict[str, Any]


class LoggedWrites:
    """Routes the state files' writes to the device log, and takes the folded state into them."""

    def __init__(
        self,
        data_dir: Path,
        clock: Clock,
        lock: DataFolderLock,
        main: MainFile,
        practice: PracticeMonths,
        ledger: Ledger | None = None,
        *,
        version: int = 3,
    ) -> None:
        self.data_dir = data_dir
        self.clock = clock
        self.version = version
        self.lock = lock
        self.ledger = ledger or Ledger(data_dir, clock)
        self.main = main
        self.practice = practice
        self._touched: set[str] = set()
        """Months whose state journal got lines since the last flush (not fsynced yet)."""
        self._pending = Changes()
        """What the state files could not take in yet (a full disk): retried at the next write or catch-up."""
        self.behind: str | None = None
        """Why the state files are behind the logs, while they are: the changes are saved, the screen catches up."""
        main.writer = self.write_main
        main.reorderer = self.reorder
        practice.writer = self.write_practice

    # -- writes ----------------------------------------------------------------------

    def write_main(self, changes: list[tuple[str, str, Document | None]]) -> None:
        """(table, id, document or None) changes to the main tables and settings, in one log line."""
        with self.lock.held():
            found = self.ledger.catch_up(quick=True)
            state = self.ledger.state
            stamp = self.ledger.clock.at_once()
            ops: list[Op] = []
            for table, rid, doc in changes:
                if table == SETTINGS:
                    ops += write_ops(stamp, SETTINGS, [(state.settings(), doc)], state.base_for)
                else:
                    before = state.record(table, rid)
                    if doc is None and before is None:
                        continue
                    ops += write_ops(stamp, table, [(before, doc)], state.base_for)
            found.update(self.ledger.write(ops))
            self.take_in_saved(found)
            self.flush_saved()  # a main-file write rewrites a whole file anyway; its folded state with it

    def write_practice(self, changes: list[tuple[Document | None, Document | None]]) -> None:
        """Check-ins put or taken back, in one log line (a batch for several)."""
        with self.lock.held():
            found = self.ledger.catch_up(quick=True)
            state = self.ledger.state
            ops = write_ops(self.ledger.clock.now, PRACTICE, changes, state.base_for)
            found.update(self.ledger.write(ops))
            self.take_in_saved(found)

    def reorder(self, table: str, ids: list[str]) -> None:
        with self.lock.held():
            found = self.ledger.reorder(table, ids)
            self.take_in_saved(found)

    def write_ops(self, ops: list[Op]) -> None:
        """Operations made elsewhere (a conversion, a restore): appended as one batch, taken in."""
        with self.lock.held():
            found = self.ledger.catch_up(quick=True)
            found.update(self.ledger.write(ops))
            self.take_in_saved(found)

    # -- other devices' writes --------------------------------------------------------

    def catch_up(self) -> bool:
        """Take in what any log gained (the lock is taken); True when the state files changed."""
        with self.lock.held():
            found = self.ledger.catch_up()
            return self.take_in_saved(found)

    def logs_grew(self) -> bool:
        """Without the lock: has any log (or conflict copy of one) changed since it was folded in?"""
        marks = self.ledger.state.marks
        try:
            listing = list_logs(self.data_dir)  # each folder listed once
            files = listing.logs + listing.copies
        except OSError:
            return False
        if len(files) != len(marks):
            return True
        for path in files:
            mark = marks.get(path.relative_to(self.data_dir).as_posix())
            try:
                if mark is None or path.stat().st_size != mark[0]:
                    return True
            except OSError:
                continue
        return False

    # -- the state files -------------------------------------------------------------------

    def take_in_saved(self, changes: Changes) -> bool:
        """Take in changes already durable in the logs; a failure here loses nothing, so it is not raised.

        Raising would tell the family "not saved, try again" about a change that is saved,
        and trying again would make it twice. The changes wait (with anything that waited
        before) and are taken in at the next write or catch-up; :attr:`behind` says why.
        True when the state files changed.
        """
        self._pending.update(changes)
        if not self._pending:
            return False
        try:
            self.take_in(self._pending)
        except CorruptDataError as error:
            if not self.is_state_file(error.path):
                raise
            self.rebuild_state()  # the logs hold everything the damaged file held
            return True
        except (StorageError, OSError) as error:
            self.behind = str(error)
            return False
        self._pending = Changes()
        self.behind = None
        return True

    def is_state_file(self, path: Path | str) -> bool:
        return Path(path).is_relative_to(state_dir(self.data_dir))

    def rebuild_state(self) -> None:
        """A state file is damaged or missing: it only ever held what the logs hold, so make them all again.

        Nothing is reported: the family's data is the logs, and they are whole (a
        damaged log line is a problem of its own). Folding every log again takes a
        few seconds on years of history; it happens only after damage.
        """
        with self.lock.held():
            root = state_dir(self.data_dir)
            forget_state(self.data_dir)
            ensure_private_dir(root / PRACTICE_DIR)
            self.main.suspect()
            self.practice.forget_months()
            self.main.open(self.version, self.clock.now())
            self._pending = Changes()
            self._touched.clear()
            self.take_in_saved(self.ledger.state.rebuild())
            self.flush_saved()

    def fill_missing_months(self) -> None:
        """Make again a month whose state files are gone (deleted by hand, a clean-up), from the folded state.

        The main state file being there says nothing of the months beside it, and a
        month without files reads as a month without practice: without this, a deleted
        month file would hide that month's check-ins without a word. (The lock is held.)
        """
        held = set(self.practice.months())
        outlines: summary.NewOutlines = {}
        for key in self.ledger.state.part_names():
            if key not in held and (docs := self.ledger.state.month(key)):
                self.practice.replace_month(key, docs, outlines)
        if outlines:
            from . import summary  # not part of start-up: only a month written anew has an outline

            summary.save_outlines(self.practice.cache_root, outlines)

    def flush_saved(self) -> None:
        """Flush, best effort: the folded state not kept only means reading some log lines again."""
        if self._pending:
            return
        try:
            self.flush()
        except (StorageError, OSError):
            pass

    def take_in(self, changes: Changes) -> None:
        """Put what changed in the folded state into the state files (the lock is held)."""
        if not changes:
            return
        state = self.ledger.state
        outlines: summary.NewOutlines = {}
        if changes.rebuilt:
            with collection_paused():  # every month of years made again, beside all the operations folded
                self.main.replace(state.tables(RECORD_TABLES), state.settings() or None)
                months = set(state.months()) | set(self.practice.months())
                for key in sorted(months):
                    self.practice.replace_month(key, state.month(key), outlines)
        else:
            tables = {table for table, _ in changes.records if table != PRACTICE}
            if tables:
                self.main.replace(
                    state.tables(t for t in tables if t != SETTINGS),
                    state.settings() if SETTINGS in tables else None,
                )
            by_month: dict[str, list[tuple[Key, Document | None]]] = {}
            for (table, rid), fields in changes.records.items():
                if table != PRACTICE:
                    continue
                item = _key_of(rid)
                if item is None:
                    continue
                by_month.setdefault(item[0][:7], []).append((item, state.document(fields)))
            for month, items in sorted(by_month.items()):
                if len(items) > MANY:
                    self.practice.replace_month(month, state.month(month), outlines)
                else:
                    self.practice.take_in(month, items, outlines)
                    self._touched.add(month)
        if outlines:
            from . import summary  # not part of start-up: only a month written anew has an outline

            summary.save_outlines(self.practice.cache_root, outlines)

    def flush(self) -> None:
        """Make the state journals durable, then let the folded state say it holds them (the lock is held)."""
        for key in sorted(self._touched):
            path = self.practice.folder / f"{key}.journal"
            try:
                fd = os.open(path, os.O_RDONLY)
            except FileNotFoundError:
                continue
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        self._touched.clear()
        self.ledger.flush()

    def also_written(self, table: str) -> dict[str, dict[str, list[Any]]]:
        """Per record of ``table``, per field written on two computers apart: the values not shown."""
        found: dict[str, dict[str, list[Any]]] = {}
        for conflict in self.ledger.state.main_conflicts():
            if conflict.table == table:
                found.setdefault(conflict.id, {})[conflict.field] = [alt.value for alt in conflict.others]
        return found

    def written_where(self, table: str, doc: Document, field: str) -> str | None:
        """Which computer wrote ``field`` of a stored record, and where: its log and line (None: not found).

        A record the app refuses came in an operation: naming its line tells the family
        which computer wrote it, where the state file it was read from would name a copy.
        """
        try:
            rid = record_id(table, doc)
            ops = [op for op in self.ledger.state.ops_of(table, rid) if op.kind == "set" and field in op.fields]
        except (ValueError, StorageError, OSError):
            return None
        if not ops:
            return None
        op = max(ops, key=lambda o: o.stamp)
        path = device_log_dir(self.data_dir, op.device) / log_name(op)
        mark = f'"hlc":"{op.stamp.text()}"'.encode("ascii")
        try:
            with open(path, "rb") as handle:
                for number, line in enumerate(handle, start=1):
                    if mark in line:
                        return f"by computer {op.device} in {path}, line {number}"
        except OSError:
            pass
        return f"by computer {op.device} in {path}"

    def conflicts(self) -> list[str]:
        state = self.ledger.state
        found = []
        for conflict in state.conflicts():
            record = state.record(conflict.table, conflict.id) if conflict.table != PRACTICE else None
            found.append(describe_conflict(conflict, record))
        return sorted(found)

    def notices(self) -> list[str]:
        """What to tell the family that is not damage: changes waiting for room, fields written in two homes."""
        behind = (
            [
                "Your last changes are saved, but this computer's copy of the family's data could not be "
                f"brought up to date ({self.behind}). Make room on the disk; they show once it can be."
            ]
            if self.behind
            else []
        )
        return behind + self.conflicts()

    def problems(self) -> list[str]:
        return misplaced(self.data_dir) + [
            f"{damage}. The rest of that log is read; the change in that line is not shown."
            for damage in self.ledger.state.damaged
        ]


def forget_state(data_dir: Path) -> None:
    """Remove the state files (they are made again from the logs)."""
    folder = state_dir(data_dir)
    for name in ("family.json", PRACTICE_DIR, "ops", "logs.json"):
        path = folder / name
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


WHAT = {
    "children": "the child",
    "caregivers": "the caregiver",
    "therapists": "the therapist",
    "routines": "the routine",
    "goals": "the goal",
    "strategies": "the strategy",
    "notes": "the note",
    "wins": "the win",
    "skip_days": "the skipped day",
    "settings": "the setting",
    "practice": "the check-in",
}


def describe_conflict(conflict: Conflict, record: Document | None) -> str:
    """What a family reads about a field two computers wrote while apart: both values, the shown one first."""
    what = WHAT.get(conflict.table, conflict.table)
    name = ""
    if record:
        label = record.get("title") or record.get("name") or record.get("text") or record.get("date") or ""
        name = f' "{_short(str(label))}"' if label and conflict.field not in ("title", "name", "text") else ""
    others = "; ".join(f'"{_short(_shown(alt.value))}"' for alt in conflict.others)
    return (
        f"{what.capitalize()}{name}: its {conflict.field.replace('_', ' ')} was changed on two computers while "
        f'they were apart. Shown: "{_short(_shown(conflict.value))}"; also written on another computer: '
        f"{others}. Edit it once to keep the one you want."
    )


def _shown(value: Any) -> str:
    return "(empty)" if value in (None, "") else str(value)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _key_of(rid: str) -> Key | None:
    try:
        parts = json.loads(rid)
    except ValueError:
        return None
    if isinstance(parts, list) and len(parts) == 4 and all(isinstance(p, str) for p in parts):
        return (parts[0], parts[1], parts[2], parts[3])
    return None


def practice_record_id(doc: Document) -> str:
    return record_id(PRACTICE, doc)
