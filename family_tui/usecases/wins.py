"""Wins: each change written from the win as the form was opened on (see :mod:`.notes`)."""

from __future__ import annotations

from ..domain.models import Win
from ..storage import FamilyStore


def add_win(store: FamilyStore, win: Win) -> Win:
    written: Win = store.update(None, win)
    return written


def change_win(store: FamilyStore, before: Win, after: Win) -> Win:
    written: Win = store.update(before, after)
    return written


def delete_win(store: FamilyStore, win: Win) -> None:
    store.update(win, None)
