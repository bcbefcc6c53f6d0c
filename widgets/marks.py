"""Check boxes that show on and off by shape, not by colour alone.

Textual's Checkbox and SelectionList draw the same "▐X▌" for a box that is ticked and
one that is not; only the X's colour differs. On the Linux text console of a kiosk
laptop (8-16 colours) the two look alike, so here a ticked box holds an X and an
empty one holds nothing: "▐X▌" and "▐ ▌" read the same in any colours, or none.

Leans on Textual internals, checked on Textual 8.2.8 (``widgets/textual_checked.py``): it overrides
``ToggleButton._button``, reads ``SelectionList._selected`` and imports ToggleButton
from the private module ``textual.widgets._toggle_button``.
"""

from __future__ import annotations

from typing import TypeVar

from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.widgets import Checkbox, SelectionList
from textual.widgets._toggle_button import ToggleButton

from .counted_option_list import CountsLines

ON = "X"
OFF = " "


class MarkedCheckbox(Checkbox):
    """A Checkbox whose box is empty when off."""

    @property
    def _button(self) -> Content:
        # As Textual's ToggleButton._button draws it, with the mark depending on the value.
        button_style = self.get_visual_style("toggle--button")
        side_style = Style(foreground=button_style.background, background=self.background_colors[1])
        return Content.assemble(
            (self.BUTTON_LEFT, side_style),
            (ON if self.value else OFF, button_style),
            (self.BUTTON_RIGHT, side_style),
        )


SelectionType = TypeVar("SelectionType")


class MarkedSelectionList(CountsLines, SelectionList[SelectionType]):
    """A SelectionList whose unselected boxes are empty.

    Its lines are counted before its first frame (:class:`CountsLines`): counted while drawing,
    as Textual does, they asked for a layout that drew the form a second time.
    """

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        _, scroll_y = self.scroll_offset
        index = scroll_y + y
        if index >= self.option_count:
            return strip
        if self.get_option_at_index(index).value in self._selected:
            return strip
        segments = list(strip)
        inner = len(ToggleButton.BUTTON_LEFT)
        if len(segments) <= inner or segments[inner].text != ToggleButton.BUTTON_INNER:
            return strip
        segments[inner] = segments[inner]._replace(text=OFF)
        return Strip(segments, strip.cell_length)
