"""Folding every device's operations into the family's state.

The rules, per record and field:

* **Latest write wins**: a field's value is the one written with the latest HLC
  stamp. Writes to *different* fields of a record never touch each other, so two
  homes editing a note's text and its answer both keep their change.
* **Nothing is dropped silently**: when another write to the same field is a *head*
  (no later write was made knowing it: no op lists its stamp in its ``base``, and no
  op without a ``base`` for the field comes after it) and holds a different value,
  it is kept beside the winner as a :class:`Conflict`, for the screen to say "also
  written in the other home: …". Writing the field again after seeing both (the
  writer's ``base`` then lists both) settles it.
* **Deletes are operations**: a record is gone when its latest delete comes after
  its latest set. A set after the delete revives the *whole* record, fields written
  before the delete included: a home that edited a note while the other home, out of
  touch, deleted it keeps the note and every word of it. Deleting again after seeing
  the edit deletes it for good.
* **Order and copies do not matter**: operations are keyed by stamp (which names the
  device), so a line read twice, from a copied file, counts once; and the result is
  computed from the set of operations, never from the order they were read in. Two
  different operations under one stamp (a bug or a forgery) resolve the same way on
  every device: the one whose line sorts first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .hlc import Stamp
from .ops import Op, encode_line

FieldKey = tuple[str, str, str]
"""(table, record id, field)."""


@dataclass(frozen=True)
class Alternative:
    """A value another write left in a field, with the stamp that says who and when."""

    value: Any
    stamp: Stamp


@dataclass(frozen=True)
class Conflict:
    """A field whose shown value has concurrent rivals: ``others``, latest first."""

    table: str
    id: str
    field: str
    value: Any
    stamp: Stamp
    others: tuple[Alternative, ...]


@dataclass
class Folded:
    """The family's state: ``tables[table][id][field]``, with what the merge kept aside."""

    tables: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    heads: dict[FieldKey, tuple[Stamp, ...]] = field(default_factory=dict)
    """The stamps of each field's shown values: what a writer puts in ``base``."""
    latest: Stamp | None = None
    """The latest stamp of all: what this device's HLC must observe before it writes."""

    def base_for(self, table: str, record: str, names: Iterable[str]) -> dict[str, tuple[Stamp, ...]]:
        """The ``base`` of a write to these fields, as this state shows them."""
        return {name: self.heads.get((table, record, name), ()) for name in names}


def unique(ops: Iterable[Op]) -> dict[Stamp, Op]:
    """One op per stamp, the same one whatever the order they come in."""
    chosen: dict[Stamp, Op] = {}
    for op in ops:
        held = chosen.get(op.stamp)
        if held is None or (held != op and encode_line(op) < encode_line(held)):
            chosen[op.stamp] = op
    return chosen


@dataclass
class _Write:
    stamp: Stamp
    value: Any
    base: tuple[Stamp, ...] | None


@dataclass
class _Record:
    alive: Stamp | None = None
    deleted: Stamp | None = None
    writes: dict[str, list[_Write]] = field(default_factory=lambda: defaultdict(list))


def fold(ops: Iterable[Op]) -> Folded:
    """The state the operations make, with the rules in this module's docstring."""
    by_stamp = unique(ops)
    records: dict[tuple[str, str], _Record] = defaultdict(_Record)
    for stamp, op in by_stamp.items():
        record = records[(op.table, op.id)]
        if op.kind == "delete":
            record.deleted = max(record.deleted or stamp, stamp)
            continue
        record.alive = max(record.alive or stamp, stamp)
        for name, value in op.fields.items():
            record.writes[name].append(_Write(stamp, value, op.base.get(name)))
    folded = Folded(latest=max(by_stamp, default=None))
    for (table, record_id), record in sorted(records.items()):
        conflicts = [_fold_field(folded, (table, record_id, name), ws) for name, ws in sorted(record.writes.items())]
        if record.alive is not None and (record.deleted is None or record.alive > record.deleted):
            values = {name: _winner(writes).value for name, writes in record.writes.items()}
            folded.tables.setdefault(table, {})[record_id] = values
            folded.conflicts.extend(c for c in conflicts if c is not None)
    return folded


def _winner(writes: list[_Write]) -> _Write:
    return max(writes, key=lambda w: w.stamp)


def _fold_field(folded: Folded, key: FieldKey, writes: list[_Write]) -> Conflict | None:
    """Records the field's heads; the conflict, if its heads hold more than one value."""
    known: set[Stamp] = set()
    blind = max((w.stamp for w in writes if w.base is None), default=None)
    for write in writes:
        known.update(write.base or ())
    heads = sorted(
        (w for w in writes if w.stamp not in known and (blind is None or w.stamp >= blind)),
        key=lambda w: w.stamp,
        reverse=True,
    )
    winner = _winner(writes)
    if not any(w is winner for w in heads):  # only a base naming a later stamp (never written so) gets here
        heads.insert(0, winner)
    folded.heads[key] = tuple(w.stamp for w in heads)
    others: list[Alternative] = []
    for write in heads:
        if write.value != winner.value and all(write.value != o.value for o in others):
            others.append(Alternative(write.value, write.stamp))
    return Conflict(*key, winner.value, winner.stamp, tuple(others)) if others else None
