"""Dataclasses whose ``__eq__``, ``__hash__`` and ``__repr__`` are written once, not for each class.

``@dataclass`` writes each class's methods as source text and compiles them when its
module is imported: ``__init__``, ``__repr__`` and ``__eq__``, and for a frozen class
``__setattr__``, ``__delattr__`` and ``__hash__`` too, about a tenth of a millisecond
each. Some forty classes are made while the app starts, and compiling their methods was
a twentieth of all the work before Today's first frame. :func:`light_dataclass` makes the same
dataclass with only the methods that need the class's own code compiled (``__init__``,
and a frozen class's guards), and gives it an ``__eq__``, ``__hash__`` and ``__repr__``
that mean what dataclass's mean (``tests/domain/test_light_dataclass.py`` holds them to it),
reading the fields through a getter made once for each class.
"""

from __future__ import annotations

import dataclasses
import operator
import reprlib
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")


@overload
def light_dataclass(cls: type[T], /) -> type[T]: ...


@overload
def light_dataclass(*, frozen: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform()
def light_dataclass(cls: type[T] | None = None, /, *, frozen: bool = False) -> type[T] | Callable[[type[T]], type[T]]:
    """``@dataclass`` (or ``@dataclass(frozen=True)``), its comparison, hash and repr shared."""

    def make(cls: type[T]) -> type[T]:
        made = dataclasses.dataclass(cls, frozen=frozen, eq=False, repr=False)
        fields = dataclasses.fields(made)  # type: ignore[arg-type]
        own = made.__dict__
        if "__eq__" not in own:
            made.__eq__ = _eq(tuple(f.name for f in fields if f.compare))  # type: ignore[method-assign]
        if "__hash__" not in own:
            # As dataclass does with eq and no unsafe_hash: frozen, hashed by its fields; else unhashable.
            hashed = tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash))
            made.__hash__ = _hash(hashed) if frozen else None  # type: ignore[method-assign,assignment]
        if "__repr__" not in own:
            made.__repr__ = _repr(tuple(f.name for f in fields if f.repr))  # type: ignore[method-assign]
        return made

    return make if cls is None else make(cls)


def _fields_getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The fields' values as one tuple, as dataclass's generated methods build it."""
    if not names:
        return lambda self: ()
    if len(names) == 1:
        one = operator.attrgetter(names[0])
        return lambda self: (one(self),)
    return operator.attrgetter(*names)


def _eq(names: tuple[str, ...]) -> Callable[[Any, object], bool]:
    values = _fields_getter(names)

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _hash(names: tuple[str, ...]) -> Callable[[Any], int]:
    values = _fields_getter(names)

    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    @reprlib.recursive_repr()
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__
