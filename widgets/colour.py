"""A child's colour as a style word: the one rule the editor, the notes and the wins share.

A colour is data a family typed or a file gave, never a style to parse: only one word
(``#rgb`` to ``#rrggbbaa``, or a name) that Textual knows as a colour is used as a
style; anything else (``"bold red on blue"``, ``"rgb(1, 2, 3)"``, a typo) is drawn with
the caller's fallback, so a bad colour never restyles the text around it or fails.
"""

from __future__ import annotations

import re

from textual.color import Color, ColorParseError

_COLOUR_WORD = re.compile(r"#[0-9a-fA-F]{3,8}|[A-Za-z][A-Za-z0-9_]*")


def safe_colour(colour: str | None, fallback: str = "") -> str:
    """``colour`` when it is one colour word Textual can draw, else ``fallback`` (plain text by default)."""
    if colour and _COLOUR_WORD.fullmatch(colour):
        try:
            Color.parse(colour)
        except (ColorParseError, ValueError):
            return fallback
        return colour
    return fallback
