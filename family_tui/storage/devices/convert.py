"""From today's folder (``family.json``, ``practice/*.json`` and their journals) to operations in one step.

The conversion writes what the old files hold as this device's operations, without
``base`` (written knowing every earlier write: nothing looks like a conflict): one
batch for the program, notes, wins, skip days and settings, and one batch per month
of check-ins, each all there or not at all. It reads the files as they are on disk,
every document included (records that fail the app's checks are carried over as they
are, to be reported as before), and the journals replayed as the month files would
fold them. A second entry for one checklist item, which the old files could hold
after a sync tool's merge, becomes the one the app showed (changed last); the others
stay in the copy of the old files.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from family_tui.domain.sync.hlc import Stamp
from family_tui.domain.sync.ops import Op
from family_tui.domain.sync.records import PRACTICE, RECORD_TABLES, SETTINGS, practice_id, setting_docs

from .. import journal
from ..backups import MONTH_STEM

OLD_MAIN = "family.json"
OLD_PRACTICE = "practice"


class UnreadableOldFile(ValueError):
    """An old file that cannot be converted as it is: named, with why; nothing is converted."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def old_main_tables(data_dir: Path) -> dict[str, Any]:
    path = data_dir / OLD_MAIN
    try:
        tables = json.loads(path.read_bytes())
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise UnreadableOldFile(path, f"it cannot be read as JSON ({error})") from None
    if not isinstance(tables, dict):
        raise UnreadableOldFile(path, "it is not a table of records")
    return tables


def old_months(data_dir: Path) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Each month's entries as the app showed them: the month file with its journal replayed."""
    folder = data_dir / OLD_PRACTICE
    keys = sorted(
        {p.stem for p in folder.iterdir() if p.suffix in (".json", ".journal") and MONTH_STEM.fullmatch(p.stem)}
        if folder.is_dir()
        else set()
    )
    for key in keys:
        yield key, _month_entries(folder / f"{key}.json", folder / f"{key}.journal")


def _month_entries(month: Path, journal_path: Path) -> list[dict[str, Any]]:
    by_key: dict[Any, dict[str, Any]] = {}
    others: list[dict[str, Any]] = []
    if month.exists():
        try:
            docs = json.loads(month.read_bytes()).get(PRACTICE, {})
        except (OSError, ValueError, AttributeError) as error:
            raise UnreadableOldFile(month, f"it cannot be read as a month of practice ({error})") from None
        for doc in docs.values() if isinstance(docs, dict) else ():
            key = journal.entry_key(doc) if isinstance(doc, dict) else None
            if key is None:
                others.append(doc)
                continue
            held = by_key.get(key)
            if held is None or str(doc.get("updated_at", "")) >= str(held.get("updated_at", "")):
                by_key[key] = doc
    if journal_path.exists():
        try:
            ops, _ = journal.parse(journal_path.read_bytes())
        except (OSError, journal.JournalError) as error:
            raise UnreadableOldFile(journal_path, str(error)) from None
        for op in ops:
            by_key.pop(op.key, None)
            if op.kind == "put" and op.doc is not None:
                by_key[op.key] = op.doc
    return list(by_key.values()) + others


def conversion_batches(
    data_dir: Path, stamp: Callable[[], Stamp], tables: dict[str, Any] | None = None
) -> list[list[Op]]:
    """The operations holding the old files' records: one batch for the main file, one per month.

    A document without an id (or a check-in without its day, child, strategy and
    routine) cannot be named in the new format; it stays in the copy of the old files
    and :class:`UnreadableOldFile` is not raised for it: the caller reports how many.
    ``tables``: the main file's tables, when already read (and upgraded).
    """
    if tables is None:
        tables = old_main_tables(data_dir)
    main: list[Op] = []
    for table in RECORD_TABLES:
        docs = tables.get(table, {})
        for doc in docs.values() if isinstance(docs, dict) else ():
            rid = doc.get("id") if isinstance(doc, dict) else None
            if isinstance(rid, str) and rid:
                main.append(Op(stamp(), "set", table, rid, dict(doc)))
    settings = tables.get(SETTINGS, {})
    first = next(iter(settings.values()), None) if isinstance(settings, dict) else None
    if isinstance(first, dict):
        for name, fields in setting_docs(first).items():
            main.append(Op(stamp(), "set", SETTINGS, name, fields))
    batches = [main] if main else []
    for _key, entries in old_months(data_dir):
        month: list[Op] = []
        for doc in entries:
            if isinstance(doc, dict) and journal.entry_key(doc) is not None:
                month.append(Op(stamp(), "set", PRACTICE, practice_id(doc), dict(doc)))
        if month:
            batches.append(month)
    return batches


def left_behind(data_dir: Path) -> int:
    """How many documents of the old files the conversion cannot name (kept in the copy of the old files)."""
    tables = old_main_tables(data_dir)
    count = 0
    for table in RECORD_TABLES:
        docs = tables.get(table, {})
        for doc in docs.values() if isinstance(docs, dict) else ():
            rid = doc.get("id") if isinstance(doc, dict) else None
            count += not (isinstance(rid, str) and rid)
    for _key, entries in old_months(data_dir):
        count += sum(1 for doc in entries if not (isinstance(doc, dict) and journal.entry_key(doc) is not None))
    return count
