"""The one base of the app's dialogs: a dialog closes once, whatever arrives after."""

from __future__ import annotations

from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen, Screen

ResultType = TypeVar("ResultType")


class ClosesOnce(Screen[ResultType]):
    """``dismiss`` acts the first time only, and only while the screen is on top.

    Textual's ``dismiss`` pops whatever screen is on top. A second call (enter pressed
    twice before the dialog is gone, a button's message handled by two classes of the
    MRO) would pop the screen underneath or, with only Today left, crash the app.
    """

    _dismissed = False

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        if self._dismissed or not self.is_active:
            return AwaitComplete()
        self._dismissed = True
        return super().dismiss(result)


class Dialog(ClosesOnce[ResultType], ModalScreen[ResultType]):
    """Every modal screen of the app derives from this (tests/app/test_every_dialog.py checks)."""
