"""Long lists laid out a page at a time: the notes pane and the wins log.

Years of notes or wins, each a wrapped label, made a list slow to open; each list lays
out its newest page and ends with a row that lays out the next one.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets.option_list import Option


def more_row(hidden: int, what: str, option_id: str) -> Option | None:
    """``… 950 older wins: enter shows more`` (``what``: "note", "win"); None when nothing is hidden."""
    if hidden <= 0:
        return None
    words = f"1 older {what}" if hidden == 1 else f"{hidden} older {what}s"
    return Option(Content.styled(f"… {words}: enter shows more", "dim italic"), id=option_id)


def pages_reaching(index: int, page: int) -> int:
    """How many rows to lay out, in whole pages, for the row at ``index`` to be among them."""
    return (index // page + 1) * page
