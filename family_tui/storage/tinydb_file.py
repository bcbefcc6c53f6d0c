"""One TinyDB file with its durable storage: the only place that touches TinyDB's private parts.

What it relies on (TinyDB 4.x, pinned ``tinydb>=4.9,<5`` in pyproject.toml; check these
again before moving the pin):

- ``TinyDB._tables``: the :class:`~tinydb.table.Table` objects the database has handed out;
- ``Table._next_id``: the table's cached next document id, worked out again when None;
- ``Table._update_table(updater)``: reads the table's documents (document id -> document),
  lets ``updater`` change them in place and writes them back through the storage.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from .checksums import Checksums
from .durable import DurableJSONStorage


def _upsert_or_remove_by_id(
    changes: list[tuple[str, dict[str, Any] | None]], documents: dict[int, dict[str, Any]]
) -> None:
    """What TinyDB's ``upsert`` and ``remove`` with ``Query().id == record_id`` do, change by
    change, on a table's documents (TinyDB document id -> document) found by id once."""
    where: dict[Any, list[int]] = {}
    for doc_id, stored in documents.items():
        where.setdefault(stored.get("id"), []).append(doc_id)
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


class TinyDBFile:
    """One TinyDB file with its durable storage, and a generation that grows whenever it changes."""

    def __init__(
        self,
        path: Path,
        newest_backup: Callable[[], Path | None],
        after_write: Callable[[], None],
        checksums: Checksums | None = None,
    ) -> None:
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

    def upsert_or_remove(self, table_name: str, changes: list[tuple[str, dict[str, Any] | None]]) -> None:
        """Apply (record id, document-or-None) changes to a table in one rewrite of it.

        The documents are found through one dictionary by id, not searched once per
        change, so importing thousands of records stays linear.
        """
        table = self.table(table_name)
        table._update_table(functools.partial(_upsert_or_remove_by_id, changes))
        table._next_id = None  # TinyDB works the next document id out again

    def changed(self) -> None:
        self.generation += 1
