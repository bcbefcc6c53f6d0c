"""Wins: each change written from the win as the form was opened on (see :mod:`.notes`)."""

from __future__ import annotations

from ..domain.models import Win
from ..storage import FamilyStore


def add_win(store: FamilyStore, win: Win) -> Win:
    return store.update(None, win)


def change_win(store: FamilyStore, before: Win, after: Win) -> Win:
    return store.update(before, after)


def delete_win(store: FamilyStore, win: Win) -> None:
    store.update(win, None)
