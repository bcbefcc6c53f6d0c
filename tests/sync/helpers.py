"""Builders for the sync tests: stamps and operations in a line each."""

from __future__ import annotations

from typing import Any

from family_tui.domain.sync.hlc import Stamp
from family_tui.domain.sync.ops import Op


def at(wall: int, device: str = "kitchen", counter: int = 0) -> Stamp:
    return Stamp(wall, counter, device)


def set_op(stamp: Stamp, record: str = "n1", base: dict[str, tuple[Stamp, ...]] | None = None, **fields: Any) -> Op:
    return Op(stamp, "set", "notes", record, fields, base or {})


def delete_op(stamp: Stamp, record: str = "n1") -> Op:
    return Op(stamp, "delete", "notes", record)
