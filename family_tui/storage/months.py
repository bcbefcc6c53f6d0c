"""One month of practice entries: the month file plus its write-ahead journal.

``practice/2026-11.json`` is a TinyDB file (table ``practice``) and the home of the
month's entries. ``practice/2026-11.journal`` holds the check-ins made since the month
file was last written (see :mod:`.journal`). The month as the app sees it is the month
file with the journal replayed on top.

A check-in appends one line to the journal (fast, durable). Writing the month file
again with the journal's operations in it and then emptying the journal is a *fold*;
it happens once the journal holds :data:`FOLD_AFTER` operations, when the daily
maintenance runs, and whenever the month file is rewritten anyway (bulk inserts,
deleting a strategy's history).

Every write happens under the data-folder lock, after :meth:`Month.sync`. Reading the
month file and the journal from disk also takes the lock, so a reader never pairs a
month file with a journal from a different moment; a reader whose copy is current
only looks at the two files' signatures.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from . import journal
from .atomic import atomic_write_bytes
from .checksums import Checksums
from .durable import Signature, dump_tables, file_signature, parse_tables, read_data_file
from .errors import CorruptDataError, StorageError, WriteFailedError
from .journal import Key, entry_key
from .lock import DataFolderLock

TABLE = "practice"
FOLD_AFTER = 64
"""Journal operations after which the month is folded (off the key press)."""


SHARED_FIELDS = ("date", "child", "strategy", "routine", "status", "assistance", "setting", "caregiver")


def _share_strings(docs: Iterable[dict[str, Any]]) -> None:
    """One string object for each repeated value (JSON gives every occurrence its own)."""
    seen: dict[str, str] = {}
    for doc in docs:
        for name in SHARED_FIELDS:
            value = doc.get(name)
            if type(value) is str:
                doc[name] = seen.setdefault(value, value)


class Month:
    """A month's entries as raw stored documents, kept in step with the files on disk."""

    def __init__(
        self,
        folder: Path,
        key: str,
        lock: DataFolderLock,
        newest_backup: Callable[[], Path | None] = lambda: None,
        checksums: Checksums | None = None,
        on_problem: Callable[[str], None] = lambda message: None,
        *,
        durable: bool = True,
    ) -> None:
        """``on_problem``: told of damage found in the month file that is worth the user's
        attention but not a stop (two entries for one item). ``durable`` False: the journal
        is state folded from the device logs, which hold the acknowledged lines; its appends
        are neither fsynced nor acknowledged."""
        self.durable = durable
        self.key = key
        self._on_problem = on_problem
        self._checksums = checksums
        self.path = folder / f"{key}.json"
        self.journal_path = folder / f"{key}.journal"
        self._lock = lock
        self._newest_backup = newest_backup
        self._tables: dict[str, dict[str, Any]] = {}
        self._docs: dict[str, dict[str, Any]] = {}
        self._by_key: dict[Key, list[str]] | None = None
        self._by_pair: dict[tuple[str, str], set[Key]] = {}
        self._next_id = 1
        self._hidden: set[str] = set()
        """Doc ids of entries not shown: a second entry for an item that has one (see :meth:`_hide_duplicates`)."""
        self._month_sig: Signature = None
        self._journal_sig: Signature = None
        self._consumed = 0
        """Bytes of the journal read so far (complete lines only)."""
        self.pending = 0
        """Operations in the journal not yet folded into the month file."""
        self.journal_ops: list[journal.Op] = []
        """Those operations, in order (what the month file does not hold yet)."""
        self.loaded = False
        self.generation = 0
        """Grows whenever the entries change; caches of this month compare it."""
        self._suspect = False

    # -- reading ---------------------------------------------------------------

    def changed_on_disk(self) -> bool:
        return (
            self._suspect
            or not self.loaded
            or file_signature(self.path) != self._month_sig
            or file_signature(self.journal_path) != self._journal_sig
        )

    def suspect(self) -> None:
        """Another copy wrote: read both files again even if their signatures look the same."""
        self._suspect = True

    def signature(self) -> tuple[Signature, Signature]:
        return (file_signature(self.path), file_signature(self.journal_path))

    @property
    def file_signature(self) -> Signature:
        """The month file the entries in memory started from (before the journal)."""
        return self._month_sig

    def sync(self) -> bool:
        """Bring the entries up to date with the disk; True when they changed."""
        if not self.changed_on_disk():
            return False
        with self._lock.held():
            month_sig = file_signature(self.path)
            if self._suspect or not self.loaded or month_sig != self._month_sig:
                self._load(month_sig)
            else:
                self._catch_up()
        self.generation += 1
        return True

    def _corrupt(self, path: Path, reason: str) -> CorruptDataError:
        return CorruptDataError(path, reason, self._newest_backup())

    def _load(self, month_sig: Signature) -> None:
        """Read the month file and the whole journal (the lock is held)."""
        self.loaded = False
        self._suspect = False
        if month_sig is None:
            tables: dict[str, dict[str, Any]] = {}
        else:
            corrupt = functools.partial(self._corrupt, self.path)
            raw = read_data_file(self.path, corrupt)
            if file_signature(self.path) != month_sig:  # replaced while being read: not under the lock
                month_sig = None
            elif self._checksums is not None:
                reason = self._checksums.check(self.path, raw, month_sig)
                if reason is not None:
                    raise corrupt(reason)
            tables = parse_tables(raw, corrupt)
        self._tables = tables
        self._docs = tables.setdefault(TABLE, {})
        _share_strings(self._docs.values())
        self._by_key, self._by_pair = None, {}
        self._next_id = max((int(i) for i in self._docs), default=0) + 1
        self._hide_duplicates()
        self._month_sig = month_sig
        self._journal_sig = None
        self._consumed = 0
        self.pending = 0
        self.journal_ops = []
        self._catch_up()
        self.loaded = True

    def _catch_up(self) -> None:
        """Replay what was appended to the journal since it was last read (the lock is held)."""
        sig = file_signature(self.journal_path)
        if sig is None:
            if self._consumed:
                # The journal went away (a restore): start again from the month file.
                self._load(file_signature(self.path))
                return
            self._journal_sig = None
            return
        if self._journal_sig is not None and (sig[0] != self._journal_sig[0] or sig[1] < self._consumed):
            self._load(file_signature(self.path))
            return
        raw, sig = journal.read_from(self.journal_path, self._consumed)
        # Found a moment ago under the lock: only a hand removing it could race, which is not handled.
        assert sig is not None, f"{self.journal_path} went away while being read"
        try:
            ops, used = journal.parse(raw, self._consumed)
        except journal.JournalError as error:
            self.loaded = False
            raise self._corrupt(self.journal_path, str(error)) from None
        acknowledged = self._lock.acknowledged(self.key, sig[0], self._month_inode()) if self.durable else 0
        if self._consumed + used < acknowledged:
            self.loaded = False
            raise self._corrupt(
                self.journal_path,
                f"it was cut at byte {self._consumed + used}, though {acknowledged} bytes of check-ins "
                "were saved to it (not by a crash while saving: the last check-ins in it are lost)",
            )
        for op in ops:
            self._apply(op.kind, op.key, op.doc)
        self.journal_ops.extend(ops)
        self._consumed += used
        self.pending += len(ops)
        self._journal_sig = sig

    def _hide_duplicates(self) -> None:
        """Show one entry per item (day, child, strategy, routine) and report any other.

        The app never writes two (a check-in replaces the item's entry), but a file
        edited by hand or merged by a sync tool can hold them, and each would count.
        The one changed last (``updated_at``; on a tie, the later in the file) is shown,
        as the practice form's "last time" would pick it; the others stay in the file
        untouched until the item is saved again, which keeps only the new entry.
        """
        first_of: dict[Key, str] = {}
        clashes: dict[Key, list[str]] = {}
        for doc_id, doc in self._docs.items():
            key = entry_key(doc)
            if key is None:
                continue
            first = first_of.setdefault(key, doc_id)
            if first != doc_id:
                clashes.setdefault(key, [first]).append(doc_id)
        self._hidden = set()
        for (day, child, strategy, routine), ids in clashes.items():
            order = {doc_id: n for n, doc_id in enumerate(ids)}
            shown = max(ids, key=lambda i: (str(self._docs[i].get("updated_at", "")), order[i]))
            others = [doc_id for doc_id in ids if doc_id != shown]
            self._hidden.update(others)
            names = ", ".join(str(self._docs[i].get("id", i)) for i in others)
            self._on_problem(
                f"practice/{self.key}.json entry {names}: {len(ids)} entries for one item ({child}, {strategy}, "
                f"{routine} on {day}); the one changed last ({self._docs[shown].get('id', shown)}) is shown, "
                f"{'the other' if len(others) == 1 else 'the others'} kept on disk, not shown. To keep only the one shown, open that day in the app, "
                "select the item, press d and save."
            )

    def docs(self) -> Iterator[dict[str, Any]]:
        """The month's entries as shown (after :meth:`sync`); do not change them."""
        return (doc for _, doc in self.doc_items())

    def doc_items(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(doc id, doc) of each entry shown: one per item, see :meth:`_hide_duplicates`."""
        if not self._hidden:
            return iter(self._docs.items())
        hidden = self._hidden
        return ((doc_id, doc) for doc_id, doc in self._docs.items() if doc_id not in hidden)

    def __len__(self) -> int:
        return len(self._docs) - len(self._hidden)

    # -- the operations --------------------------------------------------------

    def _keys(self) -> dict[Key, list[str]]:
        """Doc ids by entry key (and keys by child and strategy), built when first needed."""
        if self._by_key is None:
            index: dict[Key, list[str]] = {}
            pairs: dict[tuple[str, str], set[Key]] = {}
            for doc_id, doc in self._docs.items():
                key = entry_key(doc)
                if key is not None:
                    index.setdefault(key, []).append(doc_id)
                    pairs.setdefault((key[1], key[2]), set()).add(key)
            self._by_key, self._by_pair = index, pairs
        return self._by_key

    def _apply(self, kind: str, key: Key, doc: dict[str, Any] | None) -> None:
        keys = self._keys()
        for doc_id in keys.pop(key, ()):
            del self._docs[doc_id]
            self._hidden.discard(doc_id)
        pair = self._by_pair.get((key[1], key[2]))
        if pair is not None:
            pair.discard(key)
        if kind == "put":
            assert doc is not None
            doc_id = str(self._next_id)
            self._next_id += 1
            self._docs[doc_id] = doc
            keys[key] = [doc_id]
            self._by_pair.setdefault((key[1], key[2]), set()).add(key)

    def latest_of(self, child: str, strategy: str, on_or_before: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """(doc id, doc) of the child's strategy on or before a day, newest day first."""
        self._keys()
        keys = sorted((k for k in self._by_pair.get((child, strategy), ()) if k[0] <= on_or_before), reverse=True)
        by_key = self._by_key
        assert by_key is not None
        hidden = self._hidden
        for key in keys:
            for doc_id in by_key[key]:
                if doc_id not in hidden:
                    yield doc_id, self._docs[doc_id]

    def has(self, key: Key) -> bool:
        return key in self._keys()

    def shown(self, key: Key) -> list[dict[str, Any]]:
        """The entries shown for one item, as :meth:`docs` has them (after :meth:`sync`; do not change them)."""
        hidden = self._hidden
        return [self._docs[doc_id] for doc_id in self._keys().get(key, ()) if doc_id not in hidden]

    def put(self, doc: dict[str, Any]) -> None:
        """Store an entry, replacing the one with the same key; durable on return.

        The caller holds the lock and has called :meth:`sync`.
        """
        key = entry_key(doc)
        if key is None:
            raise ValueError("a practice entry needs a date, child, strategy and routine")
        self._append(journal.put_line(doc))
        self._apply("put", key, doc)
        self.journal_ops.append(journal.Op("put", key, doc))

    def delete(self, key: Key) -> bool:
        """Remove the entry with this key, if there is one; durable on return."""
        if key not in self._keys():
            return False
        self._append(journal.del_line(key))
        self._apply("del", key, None)
        self.journal_ops.append(journal.Op("del", key))
        return True

    def _append(self, line: bytes) -> None:
        try:
            self._journal_sig = journal.append(self.journal_path, line, self._consumed, durable=self.durable)
        except OSError as error:
            self.loaded = False
            raise WriteFailedError(self.journal_path, error) from error
        self._lock.wrote()
        if self.durable:
            self._lock.acknowledge(self.key, self._journal_sig[0], self._month_inode(), self._journal_sig[1])
        self._consumed += len(line)
        self.pending += 1
        self.generation += 1

    # -- writing the month file ------------------------------------------------------

    def _month_inode(self) -> int:
        """The month file's inode (0 without one), as the journal's record in the lock file names it."""
        return self._month_sig[0] if self._month_sig is not None else 0

    def fold(self) -> bool:
        """Write the journal's operations into the month file and empty the journal.

        The caller holds the lock and has called :meth:`sync`. True when anything was
        written.
        """
        if not self.pending and not self._journal_has_tail():
            return False
        self.rewrite()
        return True

    def _journal_has_tail(self) -> bool:
        sig = self._journal_sig
        return sig is not None and sig[1] > 0

    def rewrite(self, change: Callable[[dict[str, dict[str, Any]]], Any] | None = None) -> Any:
        """Write the month file with the journal folded in (and ``change`` applied to its docs).

        The caller holds the lock and has called :meth:`sync`. The journal is emptied
        only once the month file holding its operations is on disk: a crash in between
        leaves operations that replay to the same entries.
        """
        result = None
        if change is not None:
            result = change(self._docs)
            self._by_key, self._by_pair = None, {}
            self._next_id = max((int(i) for i in self._docs), default=0) + 1
            self._hide_duplicates()
        payload = dump_tables(self._tables)
        try:
            atomic_write_bytes(self.path, payload)
        except OSError as error:
            self.loaded = False
            raise WriteFailedError(self.path, error) from error
        self._lock.wrote()
        self._month_sig = file_signature(self.path)
        if self._checksums is not None:
            self._checksums.record(self.path, payload)
        try:
            journal.reset(self.journal_path)
        except OSError as error:
            # The month file already holds everything; the journal replays harmlessly.
            self.loaded = False
            raise WriteFailedError(self.journal_path, error) from error
        self._lock.wrote()
        self._journal_sig = file_signature(self.journal_path)
        self._consumed = 0
        self.pending = 0
        self.journal_ops = []
        self.generation += 1
        return result

    def forget(self) -> None:
        """Drop the entries from memory; the next :meth:`sync` reads the files again."""
        self._tables, self._docs, self._by_key, self._by_pair = {}, {}, None, {}
        self._hidden = set()
        self.loaded = False
        self._month_sig = self._journal_sig = None
        self._consumed = 0
        self.pending = 0
        self.journal_ops = []


class BackgroundFolds:
    """Folds months in a background thread: the key press that filled the journal is done."""

    def __init__(self, fold: Callable[[str], Any]) -> None:
        self._fold = fold
        """Folds one month under the store's thread lock and the data-folder lock."""
        self._guard = threading.Lock()
        self._due: set[str] = set()
        self._thread: threading.Thread | None = None

    def request(self, key: str) -> None:
        with self._guard:
            self._due.add(key)
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._work, name="family-tui-fold")
            self._thread.start()

    def _work(self) -> None:
        while True:
            with self._guard:
                if not self._due:
                    self._thread = None
                    return
                key = self._due.pop()
            try:
                self._fold(key)
            except (StorageError, OSError):
                pass  # the journal still holds every entry; the next check-in tries again

    def wait(self, timeout: float | None = None) -> None:
        """Wait for a fold in progress (tests, and before quitting)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
