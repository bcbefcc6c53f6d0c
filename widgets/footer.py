"""Textual's footer, rebuilt at most once per refresh, and only when its keys change.

Textual's :class:`~textual.widgets.Footer` rebuilds all its keys (a widget each, with
styles to work out) every time the screen says its bindings changed. Opening Today
says so four times before the first frame (the screen stack, the focus, the notes
pane), which cost more than drawing the rest of the screen; most of those changes
(a binding of the notes pane, not shown while it has no focus) leave the keys as they
were. This footer rebuilds once for however many changes arrive before the next
refresh, and not at all when the keys it would show are the ones it shows; what it
shows is the same.

The first build is the exception: it runs as soon as the bindings are known rather
than after the next refresh, so that the keys are in the screen's first frame. Waiting
drew that frame with an empty footer, then the keys in a frame of their own, and laid
the screen out once more when they were mounted: two more frames before Today settled.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    _rebuild_pending = False
    _shown: object = None

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            if self._shown is None:  # no keys yet: build them before the first frame
                self.call_later(self._rebuild)
            else:
                self.call_after_refresh(self._rebuild)

    def _keys(self) -> object:
        """Everything :meth:`compose` shows: equal keys mean an equal footer.

        (Only the bindings shown: moving the focus between widgets whose own keys are
        hidden, such as the lists' arrows, leaves the footer as it is.)
        """
        bindings = [
            (binding, enabled, tooltip)
            for (_node, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        ]
        return (bindings, self.show_command_palette, self.app.ENABLE_COMMAND_PALETTE, self.compact)

    def compose(self) -> ComposeResult:
        self._shown = self._keys() if self._bindings_ready else None
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # A key starts compact (Textual's default) and is made wide a moment later
                # by its binding to the footer: each change restyled the key (about 7 ms
                # for Today's eight). Starting as the footer is, nothing changes.
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:  # its screen closed meanwhile
            return
        if self._shown is not None and self._keys() == self._shown:
            return
        await self.recompose()
