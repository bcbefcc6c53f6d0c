"""Stored records: dataclasses that pydantic validates, importing pydantic only when needed.

Why not ``pydantic.BaseModel``: importing pydantic and building the models' schemas is a
large part of what starting the app costs, and Today should not wait for it. Here a
record class is a plain dataclass; pydantic builds its validator the first time one is
made or checked (the app builds them all once Today is up, see
``FamilyApp.maintain_in_background``). Making a record still validates it
(``Child(id=..., name=...)`` raises pydantic's ``ValidationError``), and the
``model_*`` methods mean what they mean on a pydantic model.

:func:`decode` is the other way in, for records read back from the family's own files
while the app starts. It applies the same rules as pydantic, from the same annotations
(types, lengths, single-line text, id patterns, ranges, ``__post_init__``), to the form
this app writes; anything else it hands to pydantic by raising :class:`DecodeError`. So
a record is valid by one definition whichever way it is read
(``tests/domain/test_decode_matches_pydantic.py`` holds the two to it).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import sys
import types
import typing
from collections.abc import Callable
from datetime import date, datetime, time
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from pydantic import TypeAdapter

R = TypeVar("R", bound="Record")


class Record:
    """Base of every stored record: strict about unknown fields, so typos surface."""

    __pydantic_config__ = {"extra": "forbid"}
    model_fields: typing.ClassVar[dict[str, dataclasses.Field[Any]]]
    # Set on each subclass, made a dataclass below: what ``dataclasses.fields`` looks for.
    __dataclass_fields__: typing.ClassVar[dict[str, dataclasses.Field[Any]]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Fields only: __init__, __eq__ and __repr__ are Record's own, written once for every
        # class rather than generated for each one when the app starts.
        dataclasses.dataclass(cls, init=False, repr=False, eq=False, kw_only=True)
        cls.model_fields = {f.name: f for f in dataclasses.fields(cls)}

    def __init__(self, **data: Any) -> None:
        valid = _adapter(type(self)).validate_python(data)
        object.__setattr__(self, "__dict__", valid.__dict__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # mutable, like a pydantic model

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={self.__dict__.get(name)!r}" for name in self.model_fields)
        return f"{type(self).__name__}({fields})"

    def __setattr__(self, name: str, value: Any) -> None:
        """Assignment is validated too: the record with the new value must be valid as a whole."""
        if name not in self.model_fields:
            raise AttributeError(f"{type(self).__name__} has no field {name!r}")
        valid = type(self).model_validate({**self.__dict__, name: value})
        self.__dict__[name] = valid.__dict__[name]

    @classmethod
    def model_validate(cls: type[R], data: Any) -> R:
        return _adapter(cls).validate_python(data)

    @classmethod
    def model_construct(cls: type[R], **values: Any) -> R:
        """Make a record from values known to be valid (no validation; defaults filled in)."""
        record = object.__new__(cls)
        record.__dict__.update(_defaults(cls))
        record.__dict__.update(values)
        return record

    def model_dump(
        self, *, mode: typing.Literal["json", "python"] = "python", include: set[str] | None = None
    ) -> dict[str, Any]:
        dumped: dict[str, Any] = _adapter(type(self)).dump_python(self, mode=mode, include=include)  # a record's dict
        return dumped

    def model_copy(self: R, *, update: dict[str, Any] | None = None) -> R:
        """A copy with some fields changed, not validated again (as pydantic's ``model_copy``)."""
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__)
        if update:
            copy.__dict__.update(update)
        return copy


# Built once for each class, keyed by the class itself (``functools.cache`` would do the same,
# but a record class is not ``Hashable`` to mypy: its instances are not, as on a pydantic model).
_adapters: dict[type[Record], TypeAdapter[Any]] = {}


def _adapter(cls: type[R]) -> TypeAdapter[R]:
    adapter = _adapters.get(cls)
    if adapter is None:
        from pydantic import TypeAdapter

        adapter = _adapters[cls] = TypeAdapter(cls)
    return adapter


def warm_up(classes: typing.Iterable[type[Record]]) -> None:
    """Import pydantic and build the validators now, once Today is up, not on the first key press."""
    for cls in classes:
        _adapter(cls).core_schema  # noqa: B018  (building it is the point)


def _defaults(cls: type[Record]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            values[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            values[f.name] = f.default_factory()
    return values


# -- decoding the family's own files without pydantic ----------------------------------------


class DecodeError(ValueError):
    """Not a record in the form this app writes, or not valid: let pydantic validate it and say why."""


def decode(cls: type[R], doc: dict[str, Any]) -> R:
    """A record from a stored document, by pydantic's rules for the form this app writes.

    Raises :class:`DecodeError` for anything else, valid or not: pydantic then decides.
    """
    decoder: Callable[[dict[str, Any]], R] | None = _decoders.get(cls)
    if decoder is None:
        count = _decoded[cls] = _decoded.get(cls, 0) + 1
        if count <= COMPILED_AFTER:
            stepwise: Callable[[dict[str, Any]], R] | None = _stepwise.get(cls)
            if stepwise is None:
                stepwise = _stepwise[cls] = _stepwise_decoder(cls)
            return stepwise(doc)
        decoder = _decoders[cls] = _decoder(cls)
    return decoder(doc)


COMPILED_AFTER = 64
"""Records of a class decoded field by field (:func:`_stepwise_decoder`) before its decoder is
written and compiled (:func:`_decoder`): compiling one for each of the eleven classes Today reads
was about 4 ms of its start-up, where it decodes a few records of most of them."""

_MISSING = object()

# Written once for each class, keyed by the class itself (see ``_adapters``).
_decoders: dict[type[Record], Callable[[dict[str, Any]], Any]] = {}
_stepwise: dict[type[Record], Callable[[dict[str, Any]], Any]] = {}
_decoded: dict[type[Record], int] = {}


def _stepwise_decoder(cls: type[R]) -> Callable[[dict[str, Any]], R]:
    """What :func:`_decoder` writes, as a loop over the fields with :func:`_converter`'s checks: nothing compiled."""
    hints = _field_hints(cls)
    steps: list[tuple[str, Callable[[], Any], Callable[[Any], Any]]] = []
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            missing: Callable[[], Any] = functools.partial(_given, f.default)
        elif f.default_factory is not dataclasses.MISSING:
            missing = f.default_factory
        else:
            missing = functools.partial(_required, f.name)
        steps.append((f.name, missing, _converter(hints[f.name])))
    fields = frozenset(name for name, _, _ in steps)
    post_init = hasattr(cls, "__post_init__")

    def decode(doc: dict[str, Any]) -> R:
        try:
            if type(doc) is not dict or not doc.keys() <= fields:
                raise DecodeError("not a record of this kind")
            values = {}
            for name, missing, convert in steps:
                v = doc.get(name, _MISSING)
                values[name] = missing() if v is _MISSING else convert(v)
            record = object.__new__(cls)
            object.__setattr__(record, "__dict__", values)
            if post_init:
                record.__post_init__()  # type: ignore[attr-defined]
        except DecodeError:
            raise
        except (KeyError, TypeError, ValueError) as error:
            raise DecodeError(repr(error)) from None
        return record

    return decode


def _given(value: Any) -> Any:
    return value


def _decoder(cls: type[R]) -> Callable[[dict[str, Any]], R]:
    """A decoding function written for ``cls``, field by field, as ``dataclasses`` writes ``__init__``.

    Thousands of notes and wins are decoded when the app starts, so each field is one
    expression, with no call for the types that need no more than a look at the type.
    """
    hints = _field_hints(cls)
    names: dict[str, Any] = {
        "cls": cls,
        "new": object.__new__,
        "set_dict": object.__setattr__,
        "MISSING": _MISSING,
        "DecodeError": DecodeError,
        "bad": _bad,
        "required": _required,
        "fields": frozenset(f.name for f in dataclasses.fields(cls)),
    }
    lines = [
        "def decode(doc):",
        "    try:",
        "        if type(doc) is not dict or not doc.keys() <= fields:",
        "            raise DecodeError('not a record of this kind')",
    ]
    values = []
    for n, f in enumerate(dataclasses.fields(cls)):
        if f.default is not dataclasses.MISSING:
            names[f"default_{n}"] = f.default
            missing = f"default_{n}"
        elif f.default_factory is not dataclasses.MISSING:
            names[f"factory_{n}"] = f.default_factory
            missing = f"factory_{n}()"
        else:
            missing = f"required({f.name!r})"
        lines.append(f"        v = doc.get({f.name!r}, MISSING)")
        lines.append(f"        a{n} = {missing} if v is MISSING else {_expression(hints[f.name], n, names)}")
        values.append(f"{f.name!r}: a{n}")
    lines += [
        "        record = new(cls)",
        "        set_dict(record, '__dict__', {" + ", ".join(values) + "})",
    ]
    if hasattr(cls, "__post_init__"):
        lines.append("        record.__post_init__()")  # as pydantic runs it: rules across fields
    lines += [
        "    except DecodeError:",
        "        raise",
        "    except (KeyError, TypeError, ValueError) as error:",
        "        raise DecodeError(repr(error)) from None",
        "    return record",
    ]
    exec("\n".join(lines), names)  # noqa: S102 (source made above from the class's own fields)
    decoder: Callable[[dict[str, Any]], R] = names["decode"]  # the function written above
    return decoder


# Annotations evaluated, by module and text: the record classes share most of theirs ("Id",
# "Name", "datetime"), and ``typing.get_type_hints`` compiles each one again for every class.
_evaluated: dict[tuple[str, str], Any] = {}


def _field_hints(cls: type[Record]) -> dict[str, Any]:
    """The fields' annotations evaluated, as ``typing.get_type_hints(cls, include_extras=True)`` gives them.

    The app decodes ten record classes while it starts; evaluating their annotations
    through ``get_type_hints`` was a third of writing their decoders. A field annotated
    with an object, or with text the module alone cannot evaluate (a name only the class
    holds), goes the long way round.
    """
    module = sys.modules[cls.__module__].__dict__
    hints: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if not isinstance(f.type, str):
            return typing.get_type_hints(cls, include_extras=True)
        key = (cls.__module__, f.type)
        hint = _evaluated.get(key, _MISSING)
        if hint is _MISSING:
            try:
                hint = eval(f.type, module)  # noqa: S307 (the class's own annotation, as get_type_hints does)
            except NameError:
                return typing.get_type_hints(cls, include_extras=True)
            if isinstance(hint, str):  # text inside the text ("'Id'"): get_type_hints evaluates it again
                return typing.get_type_hints(cls, include_extras=True)
            _evaluated[key] = hint
        hints[f.name] = hint
    return hints


def _expression(hint: Any, n: int, names: dict[str, Any]) -> str:
    """Python for the value ``v`` checked and converted to ``hint`` (``bad(v)`` raises)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1:
            return f"(None if v is None else {_expression(options[0], n, names)})"
    if hint is str:
        return "(v if type(v) is str else bad(v))"
    if hint in (bool, int):
        return f"(v if type(v) is {hint.__name__} else bad(v))"
    if hint in _ISO_FORM:
        parse, form = _ISO_FORM[hint]
        names[f"iso_{n}"], names[f"form_{n}"] = parse, form.fullmatch
        return f"(iso_{n}(v) if type(v) is str and form_{n}(v) is not None else bad(v))"
    if typing.get_origin(hint) is typing.Annotated and len(hint.__metadata__) == 1:
        base, (rule,) = typing.get_args(hint)[0], hint.__metadata__
        from .constraints import Check, Constraints

        if base is str and isinstance(rule, Check):
            names[f"check_{n}"] = rule.check  # pydantic's after-validator: the very same function
            return f"(check_{n}(v) if type(v) is str else bad(v))"
        if base is str and isinstance(rule, Constraints) and rule.constraints.keys() == {"pattern"}:
            names[f"search_{n}"] = _pattern_search(rule.constraints["pattern"])
            return f"(v if type(v) is str and search_{n}(v) is not None else bad(v))"
        if base is int and isinstance(rule, Constraints) and rule.constraints.keys() == {"ge", "le"}:
            names[f"ge_{n}"], names[f"le_{n}"] = rule.constraints["ge"], rule.constraints["le"]
            return f"(v if type(v) is int and ge_{n} <= v <= le_{n} else bad(v))"
    if isinstance(hint, type) and issubclass(hint, Enum):
        names[f"members_{n}"] = hint._value2member_map_
        return f"members_{n}[v]"
    names[f"convert_{n}"] = _converter(hint)
    return f"convert_{n}(v)"


def _bad(value: Any) -> Any:
    raise DecodeError(f"unexpected {value!r}")


def _required(name: str) -> Any:
    raise DecodeError(f"the required field {name!r} is missing")


def _converter(hint: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Annotated:
        return _annotated(_converter(args[0]), hint.__metadata__)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) != 1:
            raise TypeError(f"cannot decode {hint}")
        inner = _converter(options[0])
        return lambda value: None if value is None else inner(value)
    if origin is list:
        item = _converter(args[0])
        return lambda value: [item(v) for v in _exactly(list, value)]
    if isinstance(hint, type):
        if issubclass(hint, Record):
            return lambda value: decode(hint, _exactly(dict, value))
        if issubclass(hint, Enum):
            return hint._value2member_map_.__getitem__  # KeyError for a value not in the enum
        if hint in (str, bool, int):
            return functools.partial(_exactly, hint)
        if hint in _ISO_FORM:
            parse, form = _ISO_FORM[hint]
            return functools.partial(_iso, parse, form.fullmatch)
    raise TypeError(f"cannot decode {hint}")


def _annotated(convert: Callable[[Any], Any], metadata: tuple[Any, ...]) -> Callable[[Any], Any]:
    """``convert`` followed by the rules in ``Annotated`` metadata, in the order pydantic applies them."""
    from .constraints import Check, Constraints

    steps = [convert]
    for rule in metadata:
        if isinstance(rule, Constraints):
            steps.append(_constraint_check(rule.constraints))
        elif isinstance(rule, Check):
            steps.append(rule.check)  # pydantic's after-validator: the very same function
        else:
            raise TypeError(f"cannot decode a field annotated with {rule!r}")
    if len(steps) == 2:
        first, second = steps
        return lambda value: second(first(value))

    def run(value: Any) -> Any:
        for step in steps:
            value = step(value)
        return value

    return run


def _constraint_check(constraints: dict[str, Any]) -> Callable[[Any], Any]:
    """A check of ``pydantic.Field``'s ``pattern``, ``ge`` and ``le``, as pydantic checks them."""
    unknown = constraints.keys() - {"pattern", "ge", "le"}
    if unknown:
        raise TypeError(f"cannot decode the constraints {sorted(unknown)}")
    pattern = constraints.get("pattern")
    if pattern is not None:
        search = _pattern_search(pattern)

        def matches(value: str) -> str:
            if search(value) is None:
                raise DecodeError("does not match the pattern")
            return value

        return matches
    low, high = constraints.get("ge"), constraints.get("le")

    def within(value: int) -> int:
        if (low is not None and value < low) or (high is not None and value > high):
            raise DecodeError("out of range")
        return value

    return within


def _pattern_search(pattern: str) -> Callable[[str], Any]:
    """``pattern`` as pydantic's (Rust) regular expressions read it: ``$`` is the very end of
    the text, not also the place before a final newline as in Python's ``re``."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern).search


# What pydantic writes for a date, a time and a date and time without a zone (the app's own),
# with the type's parser; any other form, valid or not, is pydantic's to read.
_ISO_FORM: dict[type, tuple[Callable[[str], date | time], re.Pattern[str]]] = {
    date: (date.fromisoformat, re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")),
    time: (time.fromisoformat, re.compile(r"[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{6})?")),
    datetime: (
        datetime.fromisoformat,
        re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{6})?"),
    ),
}
DATETIME_FORM = _ISO_FORM[datetime][1]
"""The one form of a date and time decoded without pydantic: this app's own (naive, to the second or microsecond)."""


def _iso(parse: Callable[[str], Any], form: Callable[[str], Any], value: Any) -> Any:
    if type(value) is not str or form(value) is None:
        raise DecodeError(f"not a date or time as this app writes it: {value!r}")
    return parse(value)


def _exactly(kind: type, value: Any) -> Any:
    if type(value) is not kind:
        raise TypeError(f"expected {kind.__name__}, found {type(value).__name__}")
    return value
