"""The program editor's changes: a record from its form, archived or back, moved up or down.

Every change is written from the records as the editor loaded them (``store.update``
and ``update_many``), so a change made meanwhile by another copy (``family-tui import``,
say) is kept, or :class:`~family_tui.storage.ChangedElsewhere` is raised and nothing is
written. Deleting, with all that goes with a record, is :mod:`.deletion`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..clock import family_day
from ..domain import cue_history
from ..domain.models import Program
from ..domain.program_edit import Kind, Move, records, with_archived
from ..storage import FamilyStore


def save_from_form(store: FamilyStore, before: Any | None, record: Any, extras: Iterable[Any] = ()) -> None:
    """The record a form returns (``before`` None: added), with the records it made on the way, in one write.

    A strategy's changed cue keeps the old one with the days it was in use (see ``domain/cue_history.py``).
    """
    if before is not None:
        record = cue_history.edited(before, record, family_day(store.clock.local_now(), store.settings().day_start))
    store.update_many([*((None, extra) for extra in extras), (before, record)])


def set_archived(store: FamilyStore, record: Any, archived: bool) -> None:
    """Archive a record (a goal is paused), or bring it back: it leaves the checklist and keeps its history."""
    store.update(record, with_archived(record, archived))


def move(store: FamilyStore, program: Program, kind: Kind, planned: Move) -> None:
    """Carry out a move :func:`~family_tui.domain.program_edit.plan_move` planned on ``program``."""
    if planned.order is not None:
        store.reorder(kind.model, planned.order)
        return
    loaded = {r.id: r for r in records(program, kind)}
    store.update_many((loaded[r.id], r) for r in planned.saves)  # type: ignore[attr-defined]  # a program's records all have an id
