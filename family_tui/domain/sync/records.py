"""Stable record ids, and the operations that turn one version of a stored document into the next.

The fold merges by (table, record id, field), so every device must name a record the
same way without asking the others:

* **practice**: a check-in is one checklist item on one day, so its id is its day,
  child, strategy and routine (``["2026-11-26","maya","straw","breakfast"]`` as
  canonical JSON): two homes checking the same item off write the same record, and
  the later check-in wins field by field, as the journal's key does today. The
  entry's own ``id`` field is one of its fields.
* **children, caregivers, therapists, routines, goals, strategies, notes, wins,
  skip days**: their existing ``id``.
* **settings**: one record per setting (``daily_minutes_target``, ``theme``, …) with
  one field, ``value``: a home changing the theme and one setting a PIN never meet.

A record's order in its table (children are listed in table order) is the field
``_rank``: missing means "in the order added" (by the stamp of its first write), and
:func:`rank_ops` writes it for every record named when a table is reordered.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .hlc import Stamp
from .ops import Op

PRACTICE = "practice"
SETTINGS = "settings"
RECORD_TABLES = (
    "children",
    "caregivers",
    "therapists",
    "routines",
    "goals",
    "strategies",
    "notes",
    "wins",
    "skip_days",
)
"""The tables whose records carry their own ``id``."""
TABLES = (*RECORD_TABLES, SETTINGS, PRACTICE)
PRACTICE_KEY = ("date", "child", "strategy", "routine")
RANK = "_rank"
"""The field that orders a record in its table (see the module docstring)."""
VALUE = "value"
"""The one field of a setting's record."""

Base = dict[str, tuple[Stamp, ...]]


class NoRecordId(ValueError):
    """A document that cannot be named: a check-in without its day, child, strategy or routine, a record without an id."""


def practice_id(doc: Mapping[str, Any]) -> str:
    """A check-in's id: its day, child, strategy and routine."""
    key = [doc.get(name) for name in PRACTICE_KEY]
    if not all(isinstance(part, str) and part for part in key):
        raise NoRecordId("a practice entry needs a date, child, strategy and routine")
    return json.dumps(key, separators=(",", ":"), ensure_ascii=True)


def record_id(table: str, doc: Mapping[str, Any]) -> str:
    """The id the fold knows ``doc`` of ``table`` by (settings are split per key: see :func:`setting_docs`)."""
    if table == PRACTICE:
        return practice_id(doc)
    if table not in RECORD_TABLES:
        raise ValueError(f"not a table of records: {table!r}")
    found = doc.get("id")
    if not isinstance(found, str) or not found:
        raise NoRecordId(f"a record of {table} needs an id")
    return found


def setting_docs(settings: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The settings document as one record per setting."""
    return {name: {VALUE: value} for name, value in settings.items()}


def settings_of(records: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The settings document from the folded records of :data:`SETTINGS`."""
    return {name: fields[VALUE] for name, fields in records.items() if VALUE in fields}


def changed_fields(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of ``after`` that differ from ``before`` (all of them for a new record).

    A field ``before`` had and ``after`` lacks is written as None: the fold keeps
    fields, so leaving it out would keep the old value.
    """
    if before is None:
        return dict(after)
    changed = {name: value for name, value in after.items() if before.get(name, _MISSING) != value}
    changed.update({name: None for name in before if name not in after and name != RANK})
    return changed


_MISSING = object()


def document_of(fields: Mapping[str, Any]) -> dict[str, Any]:
    """A folded record as the store keeps it: its fields without the fold's own ones."""
    return {name: value for name, value in fields.items() if name != RANK}


def write_ops(
    stamp: Callable[[], Stamp],
    table: str,
    changes: Iterable[tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]],
    base_of: Any = None,
) -> list[Op]:
    """The operations of ``(before, after)`` changes to one table: a set of the changed fields, or a delete.

    ``stamp`` gives each op its stamp (the device's clock's ``now``); ``base_of(table, id,
    names)`` the ``base`` of a write to those fields as the writer saw them (None:
    written knowing every earlier write, as a conversion does). Settings are given
    as whole documents and split per setting here.
    """
    ops: list[Op] = []
    for before, after in changes:
        if table == SETTINGS:
            old = setting_docs(before or {})
            for name, fields in setting_docs(after or {}).items():
                wrote = changed_fields(old.get(name), fields)
                if wrote:
                    base = base_of(table, name, wrote) if base_of else {}
                    ops.append(Op(stamp(), "set", table, name, wrote, base or {}))
            continue
        doc = after if after is not None else before
        assert doc is not None
        rid = record_id(table, doc)
        if after is None:
            ops.append(Op(stamp(), "delete", table, rid))
            continue
        # A check-in replaces the item's entry whole: every field written, as the journal's put did.
        wrote = dict(after) if table == PRACTICE else changed_fields(before, after)
        if not wrote and before is not None:
            continue
        base = base_of(table, rid, wrote) if base_of else {}
        ops.append(Op(stamp(), "set", table, rid, wrote, base or {}))
    return ops


def rank_ops(stamp: Callable[[], Stamp], table: str, ids: Iterable[str]) -> list[Op]:
    """Put ``ids`` first in ``table``, in this order; records not named keep their order after them."""
    return [Op(stamp(), "set", table, rid, {RANK: f"0-{index:06d}"}) for index, rid in enumerate(ids)]


def ordered(records: Mapping[str, Mapping[str, Any]], first_written: Mapping[str, Stamp]) -> list[str]:
    """Record ids in table order: by ``_rank``, else by the stamp of their first write."""

    def key(rid: str) -> tuple[str, str]:
        rank = records[rid].get(RANK)
        stamp = first_written.get(rid)
        added = stamp.text() if stamp is not None else ""
        return (rank if isinstance(rank, str) else "1-" + added, added)

    return sorted(records, key=key)
