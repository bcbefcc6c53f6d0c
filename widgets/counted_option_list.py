"""An OptionList that counts its lines as soon as it is laid out, not when first drawn.

Textual's :class:`~textual.widgets.OptionList` works out how many lines its options take
(and so its virtual size, and so whether it needs a scrollbar) lazily, while drawing.
On Today both lists (the checklist and the notes) overflow, so the first frame was drawn
without their scrollbars; drawing them found the scrollbars were needed, which made the
lists two cells narrower, which cleared every cached option and drew both lists again,
re-wrapped, in a second full frame. The user saw the same
screen settle one frame later, at the cost of drawing it twice.

:class:`CountedOptionList` counts the lines (at the width it was just given) as soon as
its size is known, so the scrollbar is decided before anything is drawn, and keeps its
caches when a later resize leaves that width as it was. What is drawn is unchanged.

When the options are sure to overflow (they have more lines of text than the list has
rows, before any wrapping), the scrollbar is shown before counting, so the lines are
counted once, at the width left beside it, rather than first at the full width: on Today
that first count wrapped every note and item only to throw the result away.

This leans on Textual internals, checked on Textual 8.2.8 (``widgets/textual_checked.py``):
``Widget._size_updated``, ``Widget._scroll_update``, ``Widget._container_size``,
``OptionList._update_lines``, ``OptionList._clear_caches``, ``OptionList._on_resize`` and
``Option._divider``; they are marked below. Should they change, the app does
not fall back quietly. ``_clear_caches`` or ``_update_lines`` renamed or gone raises
AttributeError in the first layout of Today, and the app ends with a traceback at
start-up (tried: exit status 1); ``_size_updated`` given other arguments raises
TypeError the same way. Only ``_size_updated`` renamed (never called) or
``OptionList._on_resize`` renamed (its caches cleared once more) leave Textual's own
behaviour: one extra frame at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.geometry import Size
from textual.widgets import OptionList

if TYPE_CHECKING:
    _OptionListMixin = OptionList
else:
    _OptionListMixin = object


class CountsLines(_OptionListMixin):
    """For an OptionList (a SelectionList too): count its lines at the width it was laid out at,
    before drawing. A plain mixin listed before the OptionList class."""

    _counted_width: int | None = None
    """The content width the line cache (and the option render cache) were made for."""

    def _count_lines(self) -> None:
        """Count the options' lines at the current content width, unless already counted there.

        Counting can show (or hide) the vertical scrollbar, which changes the content
        width: then count once more at the new width, so that the lines, the virtual size
        and the scrollbar all agree before the first frame.
        """
        if self.scrollable_content_region.width not in (0, self._counted_width):
            self._show_scrollbar_if_sure()
        for _ in range(2):
            width = self.scrollable_content_region.width
            if not width or width == self._counted_width:
                return
            self._counted_width = width
            self._clear_caches()  # Textual private: empties the line and render caches
            self._update_lines()  # Textual private: counts lines, sets virtual size and scrollbars

    def _show_scrollbar_if_sure(self) -> None:
        """Show the vertical scrollbar now when the options cannot fit, whatever their wrapping.

        The virtual size set here is a floor (the lines the options take at any width);
        counting sets the real one straight after, as tall or taller, so the scrollbar stays.
        """
        height = self._container_size.height  # Textual private: what _refresh_scrollbars compares with
        if self.show_vertical_scrollbar or self.styles.overflow_y != "auto" or not height:
            return
        least = 0
        for option in self.options:
            least += getattr(option.prompt, "least_lines", 1) + option._divider  # Textual private: Option._divider
            if least > height:
                self.virtual_size = Size(self.virtual_size.width, least)
                self._scroll_update(self.virtual_size)  # Textual private: shows the scrollbar (as _update_lines does)
                return

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        # Textual private: called by the screen right after each layout, before drawing.
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        self._count_lines()
        return resized

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]  # a handler may take its event or not
        """Keep the caches when the lines were already counted at this width.

        OptionList empties its caches on every resize; when :meth:`_size_updated` has
        already counted at this very width that would only throw the work away and draw
        the list again after the first frame.
        """
        if self._counted_width and self.scrollable_content_region.width == self._counted_width:
            event.prevent_default()  # skip OptionList._on_resize (it would clear the caches)


class CountedOptionList(CountsLines, OptionList):
    """An OptionList whose lines are counted at the width it was laid out at, before drawing."""
