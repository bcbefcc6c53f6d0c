"""A screen that finishes laying itself out before it draws, instead of over the next frames.

When Textual lays a screen out it gives every widget its size, and a widget whose size
or scrollable size was just set asks for another layout (``refresh(layout=True)``).
Textual collects those requests on the next idle and lays the screen out again on its
next update tick (up to 1/60 s later), then redraws; scrollbars that the first layout
found to be needed are only placed by that second layout, so they arrive in a frame of
their own, and the lists under them are drawn a second time. On Today that was four
more frames after the first one, all showing the same screen.

:class:`SettledLayout` answers those requests at once: it lays the screen out again
(at most :data:`MAX_PASSES` times in all) until no widget asks for more, and draws
once at the end. A request still open after the last pass is left to Textual, as
before. Each pass does what Textual's own handling of a request does first (forget the
cached arrangement of the widget's containers), so what is drawn is what Textual
would have drawn a few frames later.

This leans on Textual internals, checked on Textual 8.2.8 (``widgets/textual_checked.py``):
``Screen._refresh_layout``, ``Screen._compositor_refresh``, ``Screen._dirty_widgets``,
``Widget._layout_required``, ``Widget._repaint_required``, ``Widget._clear_arrangement_cache``,
``Compositor.full_map`` and ``_dirty_regions``, ``App._batch_count``, the private handlers
it overrides (``_post_mount``, ``_on_layout``, ``_on_update``, ``_on_screen_resume``,
``_screen_resized``) and ``textual._time``. ``tests/app/test_settled_layout.py`` checks
that the screen drawn is the one Textual draws, so an upgrade that changes them fails there.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any, Self

from textual import _time, events, messages
from textual.geometry import Region, Size
from textual.screen import Screen
from textual.widget import Widget

MAX_PASSES = 3
"""Layouts per refresh at most; a second one has always been enough on Today."""


if TYPE_CHECKING:
    _ScreenMixin = Screen[Any]
else:
    _ScreenMixin = object


class NotDrawnWhenHidden(_ScreenMixin):
    """For a Screen: nothing it redraws while under an opaque screen is drawn again on top.

    A plain mixin listed before the Screen class. :class:`SettlesLayout` has it; so has the
    welcome screen, under the guided setup: a Textual button still glowing from the press that
    opened the setup lost its glow 0.2 s later, and Textual drew the setup again for it (the
    welcome's buttons that open a screen no longer glow, see ``welcome.leaving_button``).
    """

    def _compositor_refresh(self) -> None:
        # Textual private: draws the screen's dirty regions when it is on top; under the
        # top screen it hands them to that screen to draw again, as they may show through.
        # Under an opaque screen (Progress) nothing shows through, so that drawing is a
        # frame of the same screen. Textual draws the whole of this screen again when it
        # comes back to the top, so what is dropped here is drawn then.
        app = self.app
        if app.screen is not self and not app.is_inline and app.screen.styles.background.a == 1:
            self._compositor._dirty_regions.clear()
            self._dirty_widgets.clear()
            return
        super()._compositor_refresh()


class SettlesLayout(NotDrawnWhenHidden):
    """For a Screen: lay out until settled, then draw once. A plain mixin listed before the Screen
    class, as dialogs need: Textual styles a screen by the first DOMNode among its bases, so a
    :class:`~textual.screen.ModalScreen` keeps its see-through background."""

    _drawn_whole_at: float = float("-inf")
    """When the whole screen was last laid out (settled) and drawn, on Textual's message clock."""
    _mounted_at: float = float("inf")
    """When the screen (and so all it composed) was mounted."""
    _mount_request_due = False
    """Whether the layout request of ``push_screen``'s AwaitMount is still to come."""
    _drawn_under_at: float = float("-inf")
    """When a see-through screen on top of this one was drawn whole, and so this one under it."""
    STYLED_WHEN_MOUNTED = False
    """True for a screen whose styles nothing changes between its mounting and its first showing
    (Today, the app's first screen): Textual styles each widget as it is mounted, then styles the
    whole screen again when it is first shown; such a screen is not styled that second time.
    From its second showing on (a dialog closed, the theme perhaps changed under it) it is."""
    _shown_before = False
    """Whether the screen was shown (resumed) before."""

    def _post_mount(self) -> None:
        # Textual private: called once the Mount handlers ran, just before the screen counts
        # as mounted. The AwaitMount of push_screen (or of the app's first screen) then asks
        # the screen for a layout and a repaint; see refresh below.
        super()._post_mount()  # type: ignore[no-untyped-call]  # Textual's private hook has no annotations
        self._mounted_at = _time.get_time()
        self._mount_request_due = True

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if (
            self._mount_request_due
            and self._drawn_whole_at > self._mounted_at
            and layout
            and not regions
            and not recompose
        ):
            # The request of push_screen's AwaitMount: it comes on the app's next turn, which
            # is often after the screen was laid out and drawn whole (that drawing shows all
            # that was mounted). The repaint of the whole screen would be a frame of the same
            # screen. The layout is still done when a widget has asked for one since, and
            # draws what it moves; otherwise it is the settled layout again, and only redraws
            # the scroll bars of a scrolling list (Textual refreshes them at every layout).
            self._mount_request_due = False
            repaint = False
            if not self._layout_required and not any(w._layout_required for w in self._compositor.full_map):
                layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        # Textual private: called for every layout of the screen (first show, resize, requests).
        if scroll:  # only scrolled: nothing is re-arranged
            super()._refresh_layout(size, scroll)
            return
        settled = False
        for _ in range(MAX_PASSES):
            laid_out = self._compositor.full_map
            asked_before = {w for w in laid_out if w._layout_required}
            scrollbars_before = {w: _scrollbars(w) for w in laid_out}
            self._compositor_refresh = _draw_later  # type: ignore[method-assign]
            try:
                super()._refresh_layout(size, scroll)
            finally:
                del self._compositor_refresh
            waiting = [w for w in self._compositor.full_map if w is not self and w._layout_required]
            again = False
            for widget in waiting:
                change = _change_in_another_pass(widget, asked_before, scrollbars_before)
                if change is Change.MOVES:
                    _layout_answered(widget)
                else:
                    widget._layout_required = False  # asked by the pass itself, and met by it
                again = again or change is not Change.NONE
            if not again:
                settled = True
                self._layout_required = False  # the screen's own flag: requests taken so far are met
                break
        drawing_whole = self.is_current and self.size.region in self._compositor._dirty_regions
        if drawing_whole and settled and self._drawn_whole_at == float("-inf"):
            self.before_first_drawing()
        if drawing_whole:
            # Every repaint asked for so far is part of this drawing.
            for widget in self._compositor.full_map:
                widget._repaint_required = False
            self._dirty_widgets.clear()
            if self.styles.background.a < 1:
                for below in self.app._background_screens:
                    if below is not self:
                        _drawn_under(below)
        if self.is_current:
            if self.app._batch_count:
                self.call_later(self._compositor_refresh)
            else:
                self._compositor_refresh()
                if drawing_whole and settled:
                    self._drawn_whole_at = _time.get_time()

    def before_first_drawing(self) -> None:
        """Laid out and settled, about to be drawn for the first time: set what Textual would set
        only after that drawing (where it depends on the layout), so it is in the first frame."""

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual private handler: it lays the screen out if its size changed, then asks
        # for the whole screen to be drawn again. When the whole screen was laid out and
        # drawn after the event was sent (a first show reaches here after the first
        # layout), that drawing is the one asked for.
        if self.STYLED_WHEN_MOUNTED and not self._shown_before:
            event.refresh_styles = False  # styled as mounted, a moment ago (16 widgets on Today)
        self._shown_before = True
        super()._on_screen_resume(event)
        event.prevent_default()  # Textual would call Screen's handler again after this one
        if event.time < self._drawn_whole_at:
            self._repaint_required = False

    def _screen_resized(self, size: Size) -> None:
        # Textual private: lays the screen out on every Resize, even to the size it has.
        # Today gets three of those just after its first frame; each one re-laid out the
        # lists, which repaints their scrollbars, a frame each.
        if size != self.outer_size or self._layout_required:
            super()._screen_resized(size)

    async def _on_update(self, message: messages.Update) -> None:
        # Textual private handler. A repaint asked for before the whole screen was drawn
        # is in that drawing already (widgets ask on their next idle, and the screen reads
        # its messages only after its own first layout); so is one asked for under a
        # see-through dialog before the dialog was drawn whole (see _drawn_under).
        if message.time < max(self._drawn_whole_at, self._drawn_under_at):
            message.stop()
            message.prevent_default()  # Screen's handler, next in line, is not called

    async def _on_layout(self, message: messages.Layout) -> None:
        # Textual private handler: a layout asked for before the last settled layout is done.
        if message.time < self._drawn_whole_at:
            message.stop()
            message.prevent_default()


class SettledLayout(SettlesLayout, Screen[None]):
    """A :class:`~textual.screen.Screen` that lays out until settled, then draws once (Today and Progress: no result)."""


def _drawn_under(screen: Screen[Any]) -> None:
    """A see-through screen on top was just drawn whole, and ``screen`` under it as it is now.

    What ``screen`` had waiting to be drawn (Today restyled when a dialog's CSS was first
    read, its repaint when the dialog was pushed) is in that drawing: passed on to the
    dialog, as Textual does, it drew the same dialog over the same Today a second time.
    Layouts still to come are left alone: the drawing did not lay ``screen`` out.
    """
    screen._repaint_required = False
    screen._dirty_widgets.clear()
    screen._compositor._dirty_regions.clear()
    for widget in screen._compositor.full_map:
        widget._repaint_required = False
    if isinstance(screen, SettlesLayout):
        screen._drawn_under_at = _time.get_time()


def _scrollbars(widget: Widget) -> tuple[bool, bool]:
    return widget.show_vertical_scrollbar, widget.show_horizontal_scrollbar


class Change(Enum):
    """What laying the screen out again would change for a widget that a pass left asking for it."""

    NONE = "nothing: it is where the pass put it"
    SCROLLBAR = "its scroll bar is placed (it came in the pass), nothing else moves (its gutter was kept for it)"
    MOVES = "it and what it holds may move: its containers' arrangements are forgotten, as Textual does"


def _change_in_another_pass(
    widget: Widget, asked_before: set[Widget], scrollbars_before: dict[Widget, tuple[bool, bool]]
) -> Change:
    """What another pass would change for ``widget``, which the last pass left asking for a layout.

    A pass gives every widget its size, and a widget whose size or scrollable size changed asks
    for a layout (Textual's ``virtual_size`` is a layout reactive): every widget, the first time.
    The pass that asked has already laid them out at those sizes, so answering would place them
    where they are, except where a scroll bar came or went in the pass: the bar is placed by the
    next pass, and what the widget holds loses or gains a column, unless its gutter was kept
    (``scrollbar-gutter: stable``). A widget that asked before the pass, laid out in an earlier
    one, may have kept a stale arrangement (a container's is forgotten when a request is taken):
    answered, as before. Answering every widget (forgetting every container's arrangement) made
    each pass arrange the whole screen anew: Settings took three passes of 20 ms to open.
    """
    if widget in asked_before and widget in scrollbars_before:
        return Change.MOVES
    before = scrollbars_before.get(widget, (False, False))
    now = _scrollbars(widget)
    if now == before:
        return Change.NONE
    if now[1] == before[1] and widget.styles.scrollbar_gutter == "stable":
        return Change.SCROLLBAR
    return Change.MOVES


def _draw_later() -> None:
    """Stands in for the screen's drawing between passes: the last pass draws."""


def _layout_answered(widget: Widget) -> None:
    """What Textual does when it takes a widget's layout request, minus the message."""
    widget._layout_required = False
    for ancestor in widget.ancestors:
        if not isinstance(ancestor, Widget):
            break
        ancestor._clear_arrangement_cache()
        ancestor._layout_updates += 1
        if not ancestor.styles.auto_dimensions:
            break
