"""Textual's footer, rebuilt at most once per refresh.

Textual's :class:`~textual.widgets.Footer` rebuilds all its keys (a widget each, with
styles to work out) every time the screen says its bindings changed. Opening Today
says so four times before the first frame (the screen stack, the focus, the notes
pane), which cost more than drawing the rest of the screen. This footer rebuilds once
for however many changes arrive before the next refresh; what it shows is the same.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _rebuild_pending = False

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        await self.recompose()
