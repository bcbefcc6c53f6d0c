"""A log line holds one operation and its own checksum: any changed byte is caught, in that line only."""

from __future__ import annotations

import hashlib
import json

import pytest

from family_tui.domain.sync.ops import LineError, Op, decode_line, encode_batch, encode_line
from tests.sync.helpers import at, delete_op, set_op


def test_a_line_reads_back_as_the_operation_written():
    op = set_op(at(5, "dad"), text="Straw at lunch 🥤", minutes=3, tags=["a"], base={"text": (at(4),)})
    line = encode_line(op)
    assert line.endswith(b"\n") and line.count(b"\n") == 1 and line.isascii()
    assert decode_line(line.rstrip(b"\n")) == [op]
    assert decode_line(encode_line(delete_op(at(6))).rstrip(b"\n")) == [delete_op(at(6))]


def test_every_flipped_byte_is_caught():
    line = encode_line(set_op(at(5), text="hello")).rstrip(b"\n")
    for index in range(len(line)):
        damaged = bytearray(line)
        damaged[index] ^= 0x01
        with pytest.raises(LineError):
            decode_line(bytes(damaged))


@pytest.mark.parametrize(
    "op, reason",
    [
        (Op(at(5), "set", "", "n1"), "no table"),
        (Op(at(5), "delete", "notes", "n1", {"text": "x"}), "empty for a delete"),
    ],
)
def test_an_operation_that_makes_no_sense_is_refused_even_with_a_good_checksum(op, reason):
    with pytest.raises(LineError, match=reason):
        decode_line(encode_line(op).rstrip(b"\n"))


def test_a_value_json_cannot_hold_is_refused_before_writing():
    with pytest.raises(ValueError):
        encode_line(set_op(at(5), minutes=float("nan")))


def test_a_batch_is_one_line_read_whole():
    ops = [set_op(at(5), record="n1", text="a"), delete_op(at(6), record="n2")]
    line = encode_batch(ops)
    assert line.count(b"\n") == 1
    assert decode_line(line.rstrip(b"\n")) == ops


def test_a_batch_holds_one_devices_operations_only():
    with pytest.raises(ValueError):
        encode_batch([set_op(at(5), text="a"), set_op(at(6, "dad"), text="b")])
    with pytest.raises(ValueError):
        encode_batch([])


def test_a_batch_line_is_the_canonical_json_of_its_operations():
    ops = [
        set_op(at(5), record="n1", text="Straw 🥤", base={"text": (at(4),), "tags": ()}),
        delete_op(at(6), record="n2"),
    ]
    doc = {"hlc": ops[0].stamp.text(), "device": ops[0].device, "op": "batch", "ops": [op.document() for op in ops]}
    body = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")
    line = encode_batch(ops)
    assert line.startswith(body[:-1] + b',"sum":"')
    assert decode_line(line.rstrip(b"\n")) == ops


def line_of(body: str) -> bytes:
    """A line another program could write: any JSON layout, its checksum right."""
    raw = body.encode("ascii")
    return raw[:-1] + b',"sum":"' + hashlib.sha256(raw).hexdigest()[:16].encode("ascii") + b'"}'


def test_operations_read_from_a_line_keep_its_text_for_the_local_state():
    ops = [set_op(at(5), record="n1", text="Straw 🥤", base={"text": (at(4),)}), delete_op(at(6), record="n2")]
    for line in (encode_batch(ops), encode_line(ops[0])):
        read = decode_line(line.rstrip(b"\n"))
        assert read == ops[: len(read)]
        assert [op.json_text() for op in read] == [op.canonical for op in ops[: len(read)]]


@pytest.mark.parametrize("separators", [(", ", ": "), (",", ":")])
def test_a_line_laid_out_otherwise_reads_the_same(separators):
    ops = [set_op(at(5), record="n1", text="a"), delete_op(at(6), record="n2")]
    batch = {"op": "batch", "hlc": ops[0].stamp.text(), "device": ops[0].device, "ops": [o.document() for o in ops]}
    for doc in (batch, ops[0].document()):
        read = decode_line(line_of(json.dumps(doc, separators=separators)))
        assert read == (ops if doc is batch else ops[:1])
        assert [json.loads(op.json_text()) for op in read] == [op.document() for op in read]


def test_a_batch_with_another_devices_operation_is_refused_however_it_is_laid_out():
    ops = [set_op(at(5), text="a"), set_op(at(6, "dad"), text="b")]
    body = '{"device":"kitchen","hlc":"' + ops[0].stamp.text() + '","op":"batch","ops":['
    body += ",".join(op.canonical for op in ops) + "]}"
    with pytest.raises(LineError, match="another device"):
        decode_line(line_of(body))
