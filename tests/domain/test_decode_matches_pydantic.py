"""One definition of a valid record: the quick decoder agrees with pydantic, property by property.

For every kind of stored record, hypothesis makes documents, valid and not (text with line
breaks and control characters, lengths at each limit, ids that almost match, numbers at
each bound, dates in other forms, wrong types, missing and unknown fields), and checks:

- whatever :func:`decode` accepts, pydantic accepts, as an equal record of the same types;
- whatever pydantic refuses, :func:`decode` refuses with :class:`DecodeError` (so the store
  asks pydantic, which says why);
- whatever pydantic accepts, once written as the app writes it, :func:`decode` accepts.

So on the family's own files the decoder accepts exactly what pydantic accepts.
"""

from __future__ import annotations

import json
import types
import typing
from datetime import date, datetime, time
from enum import Enum
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from family_tui.domain.constraints import Constraints
from family_tui.domain.models import RECORD_TYPES, Child, Note, Routine
from family_tui.domain.records import DecodeError, Record, decode
from family_tui.domain.text import NAME_MAX, Line, LongText, Name, RequiredLine, RequiredLongText

PROPERTY = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(autouse=True, params=["field by field", "compiled"])
def decoder_kind(request, monkeypatch):
    """Each test with both decoders: the one looping over the fields (a class's first records) and the written one."""
    from family_tui.domain import records

    monkeypatch.setattr(records, "COMPILED_AFTER", 10**9 if request.param == "field by field" else 0)
    monkeypatch.setattr(records, "_decoders", {})
    monkeypatch.setattr(records, "_stepwise", {})
    monkeypatch.setattr(records, "_decoded", {})
    return request.param


# Characters a stored text could hold that the rules care about: line breaks that only
# multi-line fields allow, control characters none allows, and blanks.
TRICKY = "\n\r\t\x00\x07\x1b\x7f\x85\x9f\u2028\u2029 \u00a0"
ALPHABET = st.one_of(st.sampled_from("aZ9_-é 漢🙂"), st.sampled_from(TRICKY), st.characters(exclude_categories=("Cs",)))
SINGLE_LINE = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\u2028\u2029")
MULTI_LINE = st.one_of(SINGLE_LINE, st.sampled_from("\n\t"))
ID = st.from_regex(r"\A[a-z0-9][a-z0-9_-]{0,24}\Z")
LIMITS = (1, 79, 80, 81, 299, 300, 301, 4999, 5000, 5001)


def _metadata(hint: Any) -> tuple[Any, ...]:
    return getattr(hint, "__metadata__", ())


def _bounds(hint: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for rule in _metadata(hint):
        if isinstance(rule, Constraints):
            found |= rule.constraints
    return found


def valid(hint: Any) -> st.SearchStrategy[Any]:
    """JSON for a value pydantic accepts for ``hint`` (and the app would write)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return st.none() | valid(inner)
    if hint == Name:
        return st.text(SINGLE_LINE, min_size=1, max_size=NAME_MAX).filter(str.strip)
    if hint in (Line, RequiredLine):
        text = st.text(SINGLE_LINE, max_size=40) | st.builds(lambda n: "a" * n, st.sampled_from([299, 300]))
        return text.filter(str.strip) if hint == RequiredLine else text
    if hint in (LongText, RequiredLongText):
        text = st.text(MULTI_LINE, max_size=60) | st.builds(lambda n: "a\n" * (n // 2), st.sampled_from([4998, 5000]))
        return text.filter(str.strip) if hint == RequiredLongText else text
    bounds = _bounds(hint)
    if "pattern" in bounds:
        return ID
    if "ge" in bounds:
        return st.integers(bounds["ge"], bounds["le"])
    base = typing.get_args(hint)[0] if _metadata(hint) else hint
    if isinstance(base, type) and issubclass(base, Record):  # a record inside a record (a goal's mastery)
        hints = typing.get_type_hints(base, include_extras=True)
        return st.fixed_dictionaries({name: valid(hints[name]) for name in base.model_fields})
    if typing.get_origin(base) is list:
        return st.lists(valid(typing.get_args(base)[0]), min_size=1 if _metadata(hint) else 0, max_size=4)
    if isinstance(base, type) and issubclass(base, Enum):
        return st.sampled_from([m.value for m in base])
    if base is bool:
        return st.booleans()
    if base is int:
        return st.integers(-(2**70), 2**70)
    if base is str:
        return st.text(ALPHABET, max_size=30)
    if base is date:
        return st.dates().map(date.isoformat)
    if base is time:
        return st.times().map(time.isoformat)
    if base is datetime:
        return st.datetimes().map(datetime.isoformat)
    raise TypeError(f"no strategy for {hint}")


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False),
    st.just(3.0),
    st.text(ALPHABET, max_size=8),
    st.just([]),
    st.just({}),
    st.just(["mon"]),
    st.just({"id": "x"}),
)

NEAR_MISSES = st.one_of(
    # text: tricky characters, blanks, lengths at and around every limit
    st.text(ALPHABET, max_size=40),
    st.sampled_from(["", " ", "\t", "\n", "Leo\nRose", "Leo\r\n", "Leo\u2028Rose", "ring \x07"]),
    st.builds(lambda n, c: c * n, st.sampled_from(LIMITS), st.sampled_from(["a", "\n", " "])),
    # ids that almost match
    st.sampled_from(["Maya", "-maya", "maya\n", "\nmaya", "maya ", "a" * 80, "a" * 81, "ma.ya", "mäya"]),
    ID.map(lambda i: i + "\n"),
    # numbers at every bound, and numbers in other clothes
    st.sampled_from([-1, 0, 1, 239, 240, 241, 999, 1000, 1001, 2**64, True, False, 3.0, 3.5, "3"]),
    # dates and times in forms the app does not write, valid or not
    st.sampled_from(
        [
            "2026-11-26",
            "2026-1-26",
            "2026-02-30",
            "2026-11-26T07:30:00",
            "2026-11-26T07:30",
            "2026-11-26 07:30:00",
            "2026-11-26T07:30:00Z",
            "2026-11-26T07:30:00+02:00",
            "2026-11-26T07:30:00.5",
            "2026-W48-4",
            "2026-11-26T07:30:00.123456",
            "07:30",
            "07:30:00",
            "24:00:00",
            "23:59:60",
            "07:30:00.5",
            "７:30:00",
            "２０２６-11-26",
            "20261126",
            "2026-11-26T07:30:00\n",
            "0000-01-01",
        ]
    ),
    # lists with a bad item, or none
    st.lists(st.sampled_from(["mon", "fri", "Mon", "funday", "independent", "maya", "Maya", ""]), max_size=4),
)


@st.composite
def documents(draw: st.DrawFn, cls: type[Record]) -> dict[str, Any]:
    """A stored document for ``cls``: mostly valid fields, some broken, some missing, maybe one unknown."""
    hints = typing.get_type_hints(cls, include_extras=True)
    doc: dict[str, Any] = {}
    for name in cls.model_fields:
        way = draw(st.sampled_from(["valid"] * 12 + ["near miss", "junk", "missing"]))
        if way == "valid":
            doc[name] = draw(valid(hints[name]))
        elif way == "near miss":
            doc[name] = draw(NEAR_MISSES)
        elif way == "junk":
            doc[name] = draw(JUNK)
    if draw(st.integers(0, 30)) == 0:
        doc[draw(st.sampled_from(["colour", "mood", "ID"]))] = "x"
    return doc


def _shape(value: Any) -> Any:
    """The value with the type of every part, so ``Weekday.MON`` and ``"mon"`` are told apart."""
    if isinstance(value, list):
        return ("list", [_shape(v) for v in value])
    return (type(value), value)


def _fields(record: Record) -> dict[str, Any]:
    return {name: _shape(getattr(record, name)) for name in record.model_fields}


def _pydantic(cls: type[Record], doc: dict[str, Any]) -> Record | None:
    try:
        return cls.model_validate(doc)
    except ValidationError:
        return None


def _decoded(cls: type[Record], doc: Any) -> Record | None:
    try:
        return decode(cls, doc)
    except DecodeError:  # handed to pydantic; any other exception fails the test
        return None


def _zone_aware(record: Record) -> bool:
    return any(isinstance(v, (datetime, time)) and v.tzinfo is not None for v in record.__dict__.values())


@pytest.mark.parametrize("cls", RECORD_TYPES, ids=lambda c: c.__name__)
@PROPERTY
@given(data=st.data())
def test_decode_accepts_exactly_what_pydantic_accepts_and_yields_the_same_record(cls, data):
    doc = data.draw(documents(cls))
    validated = _pydantic(cls, doc)
    decoded = _decoded(cls, doc)

    if decoded is not None:
        assert validated is not None, f"decode accepted what pydantic refuses: {doc!r}"
        if "id" not in doc and "id" in cls.model_fields:  # a fresh id each time a record is made
            validated = validated.model_copy(update={"id": decoded.id})
        assert decoded == validated and _fields(decoded) == _fields(validated)
    if validated is None:
        assert decoded is None

    if validated is not None and not _zone_aware(validated):  # the app writes times without a zone
        written = json.loads(json.dumps(validated.model_dump(mode="json")))
        again = _decoded(cls, written)
        assert again is not None, f"decode handed to pydantic what the app writes: {written!r}"
        assert again == validated and _fields(again) == _fields(validated)


@pytest.mark.parametrize(
    "cls, doc",
    [
        (Child, {"id": "leo", "name": "Leo\nRose"}),  # a line break in a one-line name
        (Child, {"id": "leo", "name": "x" * 81}),  # too long
        (Child, {"id": "leo", "name": "   "}),  # blank
        (Child, {"id": "leo\n", "name": "Leo"}),  # $ in pydantic's pattern is the very end
        (Routine, {"id": "bath", "name": "Bath", "time": "19:00:00", "days": []}),
        (
            Note,
            {
                "kind": "update",
                "author": "Mom",
                "text": "x" * 5001,
                "created_at": "2026-11-26T07:30:00",
                "updated_at": "2026-11-26T07:30:00",
            },
        ),
    ],
)
def test_decode_refuses_what_pydantic_refuses(cls, doc):
    with pytest.raises(ValidationError):
        cls.model_validate(doc)
    with pytest.raises(DecodeError):
        decode(cls, doc)


def test_a_goal_written_before_mastery_existed_reads_as_one_without_it_and_a_new_one_round_trips():
    from family_tui.domain.models import Goal, Mastery

    old = {"id": "g", "child": "leo", "discipline": "SLP", "title": "Say /s/", "status": "active"}
    assert decode(Goal, old).mastery is None and Goal.model_validate(old).mastery is None
    goal = Goal.model_validate({**old, "mastery": {"percent": 80, "days": 3, "level": "verbal"}})
    written = json.loads(json.dumps(goal.model_dump(mode="json")))
    assert written["mastery"] == {"percent": 80, "days": 3, "level": "verbal"}
    assert decode(Goal, written) == goal and decode(Goal, written).mastery == Mastery(
        percent=80, days=3, level="verbal"
    )


def test_decode_keeps_line_breaks_where_a_field_may_span_lines():
    stamp = "2026-11-26T07:30:00"
    doc = {
        "id": "n1",
        "kind": "observation",
        "author": "Mom",
        "text": "First line\nsecond line\tand a tab",
        "created_at": stamp,
        "updated_at": stamp,
    }
    assert decode(Note, doc) == Note.model_validate(doc)
    assert decode(Note, doc).text == "First line\nsecond line\tand a tab"


def test_writing_the_decoders_evaluates_each_annotation_once_not_through_get_type_hints(monkeypatch):
    """Start-up writes ten decoders; ``typing.get_type_hints`` compiled every annotation of every
    class again (a third of the time taken). The annotations are read once per module and text."""
    from family_tui.domain import records

    def refused(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("get_type_hints called for a record class whose annotations its module can evaluate")

    monkeypatch.setattr(records, "_decoders", {})
    monkeypatch.setattr(records, "_evaluated", {})
    monkeypatch.setattr(typing, "get_type_hints", refused)
    for cls in RECORD_TYPES:
        records._decoder(cls)


def test_an_annotation_only_the_class_can_evaluate_is_read_the_long_way():
    from family_tui.domain.records import Record, decode

    class Local(Record):
        Alias: typing.ClassVar[type] = str
        name: Alias  # a name the module does not hold: get_type_hints finds it in the class
        quoted: "str" = ""  # noqa: UP037  (text inside the text: get_type_hints reads it twice)

    assert decode(Local, {"name": "Zoë", "quoted": "x"}).name == "Zoë"
    with pytest.raises(ValueError):
        decode(Local, {"name": "Zoë", "quoted": 3})
