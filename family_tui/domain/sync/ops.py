"""One operation, and the one line of a device log that holds it.

A line is the operation's canonical JSON (sorted keys, ASCII only, no spaces) with
a ``"sum"`` key appended last: the first 16 hex digits of the SHA-256 of the line
without it. The sum checks the exact bytes written, not a re-serialisation, so a
flipped byte anywhere in the line is caught, and each line stands alone: one damaged
line costs one operation, never the rest of the file (a whole-file checksum would).

``base`` says what the writer knew: for each field it sets, the stamps of the values
its device showed for that field when it wrote (the winner and any other home's value
shown beside it; empty when the field had no value). The fold uses it to tell a
write that replaced a value from one made without having seen it (see ``fold.py``).
A field missing from ``base`` counts as written knowing every earlier write to it:
what a conversion from today's files or a restore writes.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import field
from functools import cached_property
from typing import Any, Literal

from ..light_dataclass import light_dataclass
from .hlc import Stamp

Kind = Literal["set", "delete"]
KINDS: tuple[Kind, ...] = ("set", "delete")
_SUM = re.compile(rb',"sum":"([0-9a-f]{16})"\}$')


class LineError(ValueError):
    """A line that is not a whole, intact operation; the message says why."""


@light_dataclass(frozen=True)
class Op:
    """A write to one record: ``set`` some of its fields, or ``delete`` it."""

    stamp: Stamp
    kind: Kind
    table: str
    id: str
    fields: dict[str, Any] = field(default_factory=dict)
    base: dict[str, tuple[Stamp, ...]] = field(default_factory=dict)

    @property
    def device(self) -> str:
        return self.stamp.device

    def _head(self) -> dict[str, Any]:
        """The document's fields before ``base``, which the two forms below write each their own way."""
        return {
            "hlc": self.stamp.text(),
            "device": self.device,
            "op": self.kind,
            "table": self.table,
            "id": self.id,
            "fields": self.fields,
        }

    def document(self) -> dict[str, Any]:
        doc = self._head()
        if self.base:
            doc["base"] = {name: [s.text() for s in stamps] if stamps else [] for name, stamps in self.base.items()}
        return doc

    def json_text(self) -> str:
        """Its document as JSON: the text its log line held when it was read from one, else its canonical JSON.

        What the local state keeps of it (any JSON of its document reads back the same):
        a first opening reads years of operations, and writing each again cost a fifth of
        it. The text read is given once, when the state first keeps the operation, and then
        let go: held for the rest of the session it would cost 50 MB on five years.
        """
        read = self.__dict__.pop(_READ, None)
        return read if read is not None else self.canonical

    @cached_property
    def canonical(self) -> str:
        """The canonical JSON of :meth:`document`, made once: its log line (alone or in a batch)
        and the local state's operations file all hold it (ValueError for values JSON cannot hold)."""
        doc = self._head()
        if self.base:
            doc["base"] = self.base  # its stamps written as text by the encoder: no copy of every field's list
        return _ENCODER.encode(doc)


def _checksum(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()[:16]


def _stamp_text(value: Any) -> str:
    if isinstance(value, Stamp):
        return value.text()
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False, default=_stamp_text, check_circular=False
)
"""Canonical JSON: sorted keys, ASCII only, no spaces; a base's stamps as their text.

Not checked for cycles (a fifth of the encoding): an operation holds a document read
from JSON or made by pydantic, which has none.
"""


def _canonical(doc: dict[str, Any]) -> str:
    return _ENCODER.encode(doc)


def _line(body: str) -> bytes:
    raw = body.encode("ascii")
    return raw[:-1] + b',"sum":"' + _checksum(raw).encode("ascii") + b'"}\n'


def encode_line(op: Op) -> bytes:
    """The log line for ``op``, newline included; ValueError for values JSON cannot hold."""
    return _line(op.canonical)


def encode_batch(ops: Sequence[Op]) -> bytes:
    """One line holding several operations of one device, so they are read all or none.

    A restore puts many records back: as separate lines, a crash between two of them
    would leave the family's data half backup and half current. In one line, under one
    checksum, a crash leaves a torn line that is not there, and the restore did not happen.
    """
    if not ops or len({op.device for op in ops}) != 1:
        raise ValueError("a batch holds one or more operations of one device")
    # The canonical JSON of {"hlc", "device", "op": "batch", "ops": [each op's document]}, its keys
    # in sorted order, made from each op's own canonical JSON (made once, kept by the op).
    head = _canonical({"device": ops[0].device, "hlc": ops[0].stamp.text(), "op": "batch"})
    return _line(head[:-1] + ',"ops":[' + ",".join(op.canonical for op in ops) + "]}")


def decode_line(line: bytes) -> list[Op]:
    """The operations of one line (without its newline): one, or a batch's; LineError says what is wrong."""
    match = _SUM.search(line)
    if match is None:
        raise LineError("it has no checksum")
    body = line[: match.start()] + b"}"
    if _checksum(body) != match[1].decode("ascii"):
        raise LineError("its checksum does not match: the line was changed or damaged")
    if body.isascii():
        found = _read_keeping_text(body.decode("ascii"))
        if found is not None:
            return found
    try:
        doc = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise LineError("it is not valid JSON") from None
    if isinstance(doc, dict) and doc.get("op") == "batch":
        return _batch_of(doc)
    return [_op_of(doc)]


_READ = "_read"
"""The attribute an operation read from a line keeps its text in (see :meth:`Op.json_text`)."""
_DECODER = json.JSONDecoder()
_BATCH_HEAD = re.compile(r'\{"device":"([0-9a-z]{1,32})","hlc":"[^"\\]*","op":"batch","ops":\[')
"""The start of a batch line as :func:`encode_batch` writes it; group 1 its device."""


def _read_keeping_text(text: str) -> list[Op] | None:
    """The operations of a line laid out as this module writes them, each with its own text kept;
    None for anything else (read the usual way, which says what is wrong with it)."""
    try:
        head = _BATCH_HEAD.match(text)
        if head is None:
            doc, end = _DECODER.raw_decode(text)
            if end != len(text) or (isinstance(doc, dict) and doc.get("op") == "batch"):
                return None
            return [_keeping(_op_of(doc), text)]
        ops: list[Op] = []
        start = head.end()
        while True:
            doc, end = _DECODER.raw_decode(text, start)
            ops.append(_keeping(_op_of(doc), text[start:end]))
            if text.startswith(",", end):
                start = end + 1
            elif end == len(text) - 2 and text.endswith("]}"):
                break
            else:
                return None
    except (ValueError, RecursionError):  # LineError and JSONDecodeError are ValueErrors
        return None
    if any(op.device != head[1] for op in ops):
        return None
    return ops


def _keeping(op: Op, text: str) -> Op:
    object.__setattr__(op, _READ, text)  # not a field: an operation is the same whatever text it was read from
    return op


def op_of_document(doc: Any) -> Op:
    """The operation of :meth:`Op.document` (kept without a checksum where only this device reads it)."""
    return _op_of(doc)


def _batch_of(doc: dict[str, Any]) -> list[Op]:
    inner = doc.get("ops")
    if not isinstance(inner, list) or not inner:
        raise LineError("its batch holds no operations")
    ops = [_op_of(one) for one in inner]
    if any(op.device != doc.get("device") for op in ops):
        raise LineError("its batch holds another device's operation")
    return ops


def _op_of(doc: Any) -> Op:
    if not isinstance(doc, dict):
        raise LineError("it is not an operation")
    try:
        stamp = Stamp.parse(str(doc.get("hlc")))
    except ValueError as error:
        raise LineError(str(error)) from None
    if doc.get("device") != stamp.device:
        raise LineError("its device is not the device of its stamp")
    kind, table, record, fields = doc.get("op"), doc.get("table"), doc.get("id"), doc.get("fields")
    if kind not in KINDS:
        raise LineError(f"unknown operation {kind!r}")
    if not (isinstance(table, str) and table and isinstance(record, str) and record):
        raise LineError("it names no table and record")
    if not isinstance(fields, dict) or (kind == "delete" and fields):
        raise LineError("its fields are not an object (empty for a delete)")
    return Op(stamp, kind, table, record, fields, _base_of(doc.get("base", {})))


def _base_of(raw: Any) -> dict[str, tuple[Stamp, ...]]:
    if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
        raise LineError("its base is not an object of stamp lists")
    try:
        return {name: tuple(map(Stamp.parse, stamps)) if stamps else () for name, stamps in raw.items()}
    except ValueError as error:
        raise LineError(f"its base holds {error}") from None
