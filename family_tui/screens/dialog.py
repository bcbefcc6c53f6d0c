"""The one base of the app's dialogs: a dialog closes once, whatever arrives after."""

from __future__ import annotations

from typing import Any, TypeVar

from textual import events
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

    _resumed = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """On the first showing, restyle the screen alone: mounting has just styled the rest.

        Textual restyles a screen and every node in it each time it comes to the top,
        because classes or the theme may have changed while it was hidden. On the first
        showing only the screen itself is stale (it was styled before its CSS file was
        loaded, its children after); restyling all of it was a third of the time between
        the ``d`` key and the details form drawn. Runs before Screen's own handler (this
        class comes first in the MRO).
        """
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
            self.app.stylesheet.update_nodes([self], animate=False)
