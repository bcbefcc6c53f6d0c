"""What every command shares: its error, the data folder it works on, and what it says about the data.

Every command that reads the family's data opens it with :func:`open_store`; when the
command ends, however it ends, :func:`tell_problems` prints on standard error what the
store found wrong in the data (records left out, duplicates), once each, with what to
do. No command keeps damage to itself.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..clock import Clock
from ..domain.locations import default_data_dir
from ..storage import FamilyStore


class CommandError(Exception):
    """A command could not run; the message says what to do. Exit status 1."""


def resolve_data_dir(args: argparse.Namespace) -> Path:
    return (args.data_dir or default_data_dir()).expanduser()


_opened: list[FamilyStore] = []
"""The stores this command opened, whose problems are told when it ends."""


def open_store(args: argparse.Namespace, clock: Clock, *, reading: bool = False, **options: Any) -> FamilyStore:
    """The family's store. ``reading``: the command only reads, so records are decoded
    without pydantic (by the same rules, see ``domain/records.py``): loading pydantic
    would be most of what a report of a large program costs. ``options`` go to
    :class:`FamilyStore` (``create``, ``maintain``)."""
    store = FamilyStore(resolve_data_dir(args), clock=clock, quick_start=reading, **options)
    _opened.append(store)
    if store.maintenance_problem:
        print(f"family-tui: warning: {store.maintenance_problem}", file=sys.stderr)
    return store


LEFT_OUT_ADVICE = (
    "family-tui: what is left out stays in the files untouched, and nothing else is affected. "
    "To get it back, restore a backup from before it changed (family-tui restore --list)."
)


def tell_problems() -> None:
    """Print what the stores opened found wrong in the data (each problem once), then forget them."""
    said: list[str] = []
    told: list[str] = []
    for store in _opened:
        for problem in store.problems:
            if problem not in said:
                said.append(problem)
        for notice in store.notices:
            if notice not in told:
                told.append(notice)
    _opened.clear()
    for problem in said:
        print(f"family-tui: warning: {problem}", file=sys.stderr)
    for notice in told:
        print(f"family-tui: note: {notice}", file=sys.stderr)
    if any("kept on disk, not shown" in problem or "kept there, not shown" in problem for problem in said):
        print(LEFT_OUT_ADVICE, file=sys.stderr)


def forget_opened() -> None:
    _opened.clear()
