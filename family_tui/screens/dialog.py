"""The one base of the app's dialogs: a dialog closes once, whatever arrives after."""

from __future__ import annotations

from typing import Any, TypeVar

from textual import events
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.screen import ModalScreen

from ..widgets.settled_layout import SettlesLayout

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
        return super().dismiss(result)  # type: ignore[misc, no-any-return]  # a mixin: mypy cannot see the Screen after it


class StyledOnceOnFirstShowing:
    """For a Screen: on its first showing, restyle the screen node alone, not all it holds.

    Textual restyles a screen and every node in it each time it comes to the top,
    because classes or the theme may have changed while it was hidden. On the first
    showing only the screen itself is stale (it was styled before its CSS file was
    loaded, its children after); restyling all of it was a third of the time between
    the ``d`` key and the details form drawn. A plain mixin listed before the Screen
    class, so its handler runs before Screen's own (Textual walks the MRO).
    """

    _resumed = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
            self.app.stylesheet.update_nodes([self], animate=False)  # type: ignore[attr-defined]


class Dialog(ClosesOnce, StyledOnceOnFirstShowing, SettlesLayout, ModalScreen[ResultType]):
    """Every modal screen of the app derives from this (tests/app/test_every_dialog.py checks).

    ``?`` lists the dialog's keys, as on every screen: a modal screen does not reach the app's ``?``.
    While a text field has the focus ``?`` is typed into it; f1 opens the list from there.
    """

    BINDINGS = [Binding("question_mark,f1", "app.help", "Help", show=False, id="dialog_help")]
