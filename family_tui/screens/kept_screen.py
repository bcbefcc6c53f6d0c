"""A screen kept between its openings while what it shows still holds, instead of built anew each time.

A parent looks at Progress, goes back to Today, and looks again. Built anew, each opening
composed, styled, laid out and drew some thirty widgets of calendar and charts (on five years,
70 ms: twice a plain Textual screen of the same text); kept, an opening is Textual showing a
screen it already holds (8 ms). It is kept as Textual keeps a screen for that purpose
(``App.install_screen``: an installed screen is not removed when popped) under a key of all
it showed: when the key changed (any write to the data folder, here or by another copy, or
the family's day turning), the screen is dropped and a new one built."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from textual import events
from textual.app import App
from textual.screen import Screen

S = TypeVar("S", bound=Screen[Any])


class KeptScreen(Generic[S]):
    """One screen of a kind, kept installed in the app while its key holds."""

    def __init__(self, name: str) -> None:
        self.name = name
        """The name it is installed under (``App.install_screen``)."""
        self._screen: S | None = None
        self._key: Hashable = None

    def screen(
        self, app: App[Any], key: Hashable, make: Callable[[], S], usable: Callable[[S], bool] = lambda _: True
    ) -> S:
        """The screen kept under ``key`` if still ``usable``, or a new one, kept from now on (the old one dropped).

        A screen already on the stack cannot be shown twice: then a new one is made, not kept.
        """
        kept = self._screen
        if kept is not None and kept in app.screen_stack:
            return make()
        if kept is not None and self._key == key and usable(kept):
            return kept
        self._drop(app)
        screen = make()
        app.install_screen(screen, self.name)
        self._screen, self._key = screen, key
        return screen

    def _drop(self, app: App[Any]) -> None:
        """Forget the kept screen (not on the stack) and remove it from the app."""
        screen, self._screen, self._key = self._screen, None, None
        if screen is None:
            return
        app.uninstall_screen(self.name)
        if screen.is_attached:
            screen.remove()


def styles_in_force(app: App[Any]) -> Hashable:
    """What every style in the app follows: the theme (its colours, the ANSI ones too), and the
    stylesheet with the CSS files read so far (a screen's file is read when it is first shown)."""
    stylesheet = app.stylesheet
    return app.theme, id(app.ansi_theme), id(stylesheet), len(stylesheet.source)


class RestyledWhenStylesChanged:
    """For a kept Screen: shown again, it is restyled only when the app's styles changed meanwhile.

    Textual restyles a screen and all it holds each time it comes back to the top, as the theme
    or the stylesheet may have changed while it was hidden (it restyles only the screens on the
    stack when they change). Progress shown again with nothing changed, that was 14 ms of its
    showing, and the restyled scroll bars asked for a second layout, drawn in a frame of its own.
    A plain mixin listed before the Screen class, so its handler runs before Textual's (which
    reads ``refresh_styles``).
    """

    _styled_under: Hashable = None
    """:func:`styles_in_force` when the screen was last shown (and so styled)."""

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        now = styles_in_force(self.app)  # type: ignore[attr-defined]
        if self._styled_under == now:
            event.refresh_styles = False
        self._styled_under = now
