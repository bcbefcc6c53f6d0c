"""A child's colour as a style word: the one rule the editor, the notes and the wins share.

A colour is data a family typed or a file gave, never a style to parse: only one word
(``#rgb`` to ``#rrggbbaa``, or a name) that Textual knows as a colour is used as a
style; anything else (``"bold red on blue"``, ``"rgb(1, 2, 3)"``, a typo) is drawn with
the caller's fallback, so a bad colour never restyles the text around it or fails.
"""

from __future__ import annotations

import re

from rich._palettes import STANDARD_PALETTE  # Rich private: the 16 colours its downgrade picks from
from rich.color import Color as RichColor
from rich.color import ColorSystem
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


def in_16_colours(colour: str) -> int:
    """The ANSI colour (0-15) a 16-colour terminal shows for ``colour``, as Rich picks it."""
    red, green, blue = Color.parse(colour).rgb
    number = RichColor.from_rgb(red, green, blue).downgrade(ColorSystem.STANDARD).number
    assert number is not None
    return number


def contrast(first: str | tuple[int, int, int], second: str | tuple[int, int, int]) -> float:
    """The WCAG contrast ratio of two colours (1 to 21); 3 is the least for bold text."""

    def luminance(colour: str | tuple[int, int, int]) -> float:
        rgb = Color.parse(colour).rgb if isinstance(colour, str) else colour
        linear = [v / 255 / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    darker, lighter = sorted((luminance(first), luminance(second)))
    return (lighter + 0.05) / (darker + 0.05)


def contrast_in_16_colours(first: str, second: str) -> float:
    """:func:`contrast` once both colours become the terminal's 16 (Rich's standard palette)."""
    one, other = STANDARD_PALETTE[in_16_colours(first)], STANDARD_PALETTE[in_16_colours(second)]
    return contrast((one[0], one[1], one[2]), (other[0], other[1], other[2]))
