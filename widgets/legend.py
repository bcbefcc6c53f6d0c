"""A legend's items laid out in as few lines as fit: the calendar's and the help bars' share it."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content


def wrap_legend(items: Iterable[Content], width: int, gap: int = 2) -> list[Content]:
    """Items left to right, ``gap`` spaces apart, a new line where the next would pass ``width``.

    An item is never split: one wider than ``width`` has a line of its own.
    """
    lines: list[Content] = []
    line = Content("")
    for item in items:
        candidate = line + " " * gap + item if line.cell_length else item
        if line.cell_length and candidate.cell_length > width:
            lines.append(line)
            line = item
        else:
            line = candidate
    lines.append(line)
    return lines
