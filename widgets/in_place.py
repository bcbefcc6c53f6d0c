"""Text shown anew in a :class:`~textual.widgets.Static` without laying the screen out again when it keeps its height.

``Static.update`` asks for a layout of the whole screen every time, since new text may
need more lines. After a check-in only words change (the header's "3 of 30 done", the
card's "✓ 7:42 pm, at home"): the same number of lines, in a widget as wide as before.
Laying Today out again for that took longer than a frame (about 10 ms of the time
between the check-in being on disk and the ✓ on screen). Here the new text is measured
at the widget's width first, and the layout is asked for only when its height changes.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.visual import VisualType
from textual.widgets import Static


def update_in_place(widget: Static, content: VisualType) -> None:
    """``widget.update(content)``, laying the screen out only when the widget's height (or an auto width) may change."""
    before = widget.content_size
    widget.update(content, layout=False)
    width = widget.styles.width
    if not widget.is_mounted or not before.width or (width is not None and width.is_auto):
        widget.refresh(layout=True)
        return
    if widget.get_content_height(Size(0, 0), Size(0, 0), before.width) != before.height:
        widget.refresh(layout=True)
