"""The one base of the app's dialogs: a dialog closes once, whatever arrives after."""

from __future__ import annotations

from typing import Any, TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")


class ClosesOnce:
    """For a Screen: ``dismiss`` acts the first time only, and only while the screen is on top.

    Textual's ``dismiss`` pops whatever screen is on top. A second call (enter pressed
    twice before the dialog is gone, a button's message handled by two classes of the
    MRO) would pop the screen underneath or, with only Today left, crash the app.

    A plain mixin, listed before the Screen class: Textual styles a screen by the first
    DOMNode among its bases, so ``ModalScreen``'s see-through background still applies.
    """

    _dismissed = False

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self._dismissed or not self.is_active:  # type: ignore[attr-defined]
            return AwaitComplete()
        self._dismissed = True
        return super().dismiss(result)  # type: ignore[misc]


class Dialog(ClosesOnce, ModalScreen[ResultType]):
    """Every modal screen of the app derives from this (tests/app/test_every_dialog.py checks)."""
