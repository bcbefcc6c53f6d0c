"""A light dataclass means what the dataclass it stands for means: equal, hashed, shown and
copied the same way; only its comparison, hash and repr are shared, not compiled per class."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from family_tui.domain.light_dataclass import light_dataclass


@dataclass(frozen=True)
class FrozenStock:
    name: str
    count: int = 0
    tags: tuple[str, ...] = ()
    hidden: str = field(default="", repr=False, compare=False)


@light_dataclass(frozen=True)
class FrozenLight:
    name: str
    count: int = 0
    tags: tuple[str, ...] = ()
    hidden: str = field(default="", repr=False, compare=False)


@dataclass
class PlainStock:
    name: str
    items: list[int] = field(default_factory=list)


@light_dataclass
class PlainLight:
    name: str
    items: list[int] = field(default_factory=list)


@light_dataclass(frozen=True)
class OtherFrozenLight:
    name: str
    count: int = 0
    tags: tuple[str, ...] = ()
    hidden: str = field(default="", repr=False, compare=False)


def light_repr(stock: object, light_class: type) -> str:
    return repr(stock).replace(type(stock).__qualname__, light_class.__qualname__, 1)


FROZEN = st.tuples(
    st.text(max_size=5), st.integers(-3, 3), st.lists(st.text(max_size=2), max_size=2), st.text(max_size=2)
)


@given(FROZEN, FROZEN)
def test_a_frozen_light_dataclass_compares_hashes_and_shows_as_a_dataclass(a, b):
    stock_a, stock_b = FrozenStock(a[0], a[1], tuple(a[2]), a[3]), FrozenStock(b[0], b[1], tuple(b[2]), b[3])
    light_a, light_b = FrozenLight(a[0], a[1], tuple(a[2]), a[3]), FrozenLight(b[0], b[1], tuple(b[2]), b[3])
    assert (light_a == light_b) == (stock_a == stock_b)
    assert (light_a != light_b) == (stock_a != stock_b)
    assert hash(light_a) == hash(stock_a)
    assert repr(light_a) == light_repr(stock_a, FrozenLight)
    assert dataclasses.astuple(light_a) == dataclasses.astuple(stock_a)
    assert dataclasses.replace(light_a, count=9) == FrozenLight(a[0], 9, tuple(a[2]), a[3])
    assert light_a != OtherFrozenLight(a[0], a[1], tuple(a[2]), a[3])  # another class is never equal
    assert light_a != stock_a


def test_a_frozen_light_dataclass_cannot_be_changed_and_a_plain_one_cannot_be_hashed():
    frozen = FrozenLight("a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        frozen.count = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del frozen.name  # type: ignore[misc]
    plain = PlainLight("a")
    plain.items.append(1)
    assert plain == PlainLight("a", [1]) and plain != PlainLight("a")
    assert PlainLight.__hash__ is None and PlainStock.__hash__ is None
    with pytest.raises(TypeError):
        hash(plain)
    assert repr(plain) == light_repr(PlainStock("a", [1]), PlainLight)
    assert FrozenLight.__match_args__ == FrozenStock.__match_args__
    assert [f.name for f in dataclasses.fields(PlainLight)] == ["name", "items"]


def test_a_light_dataclass_that_holds_itself_shows_as_a_dataclass_does():
    stock, light = PlainStock("a"), PlainLight("a")
    stock.items.append(stock)  # type: ignore[arg-type]
    light.items.append(light)  # type: ignore[arg-type]
    assert repr(light) == light_repr(stock, PlainLight)


def test_the_classes_made_at_start_up_share_their_comparison_and_repr():
    """Compiling a dataclass's methods for each of some forty classes was a twentieth of the
    work before Today's first frame: the classes Today makes share theirs."""
    from family_tui.domain.schedule import ChecklistItem, DayChecklist, RoutineBlock
    from family_tui.usecases.practice import Change

    shared = {cls.__eq__.__code__ for cls in (ChecklistItem, DayChecklist, RoutineBlock, Change)}
    assert len(shared) == 1
    assert ChecklistItem.__repr__.__code__ is RoutineBlock.__repr__.__code__
