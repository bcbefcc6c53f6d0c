"""Validated plain-text types for everything a person types.

Text is stored and shown exactly as typed. What is refused at the door is what can
never be meant: control characters (which would garble a terminal) and text so long
that it is surely a paste gone wrong. The messages say what to do about it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Annotated

from .constraints import Check

NAME_MAX = 80
LINE_MAX = 300
TEXT_MAX = 5000

# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F; with the line and
# paragraph separators that is everything refused. One regular expression finds the
# first of them far faster than looking at each character in Python (notes are read
# by the thousand when the app starts).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
CONTROL_MULTILINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")  # tab and newline allowed


def find_control_character(text: str, *, multiline: bool) -> str | None:
    """Return the first control character in ``text`` that is not allowed, if any."""
    found = (CONTROL_MULTILINE if multiline else _CONTROL).search(text)
    return found.group() if found is not None else None


def _checker(max_length: int, *, multiline: bool, required: bool) -> Callable[[str], str]:
    def check(value: str) -> str:
        if required and not value.strip():
            raise ValueError("must not be empty")
        bad = find_control_character(value, multiline=multiline)
        if bad is not None:
            what = "a line break" if bad in "\n\r\u2028\u2029" else f"a control character (U+{ord(bad):04X})"
            where = "; this field is a single line" if not multiline and bad in "\n\r\u2028\u2029" else ""
            raise ValueError(f"contains {what}{where}; remove it and try again")
        if len(value) > max_length:
            raise ValueError(f"is {len(value)} characters long; please keep it under {max_length}")
        return value

    return check


Name = Annotated[str, Check(_checker(NAME_MAX, multiline=False, required=True))]
"""A short required name or title on one line."""

Line = Annotated[str, Check(_checker(LINE_MAX, multiline=False, required=False))]
"""An optional single line of text (a cue, a dose, a visual)."""

RequiredLine = Annotated[str, Check(_checker(LINE_MAX, multiline=False, required=True))]
"""A required single line of text."""

LongText = Annotated[str, Check(_checker(TEXT_MAX, multiline=True, required=False))]
"""Optional free text that may span lines (notes, how-to)."""

RequiredLongText = Annotated[str, Check(_checker(TEXT_MAX, multiline=True, required=True))]
"""Required free text that may span lines (a note, a win)."""

KID_TITLE_MAX = 40
"""A chart row's words for the child: a few words a child knows ("Flamingo stand"), not a goal."""

EMOJI_MAX_SYMBOLS = 2
"""One emoji (or two at most): a picture a child finds on the chart, not a sentence."""
EMOJI_MAX_CHARACTERS = 16
"""Code points: room for a family emoji with skin tones, not for hidden text."""

_JOINS_THE_LAST = range(0x1F3FB, 0x1F400)  # skin tones
_TAGS = range(0xE0020, 0xE0080)  # subdivision flags
_REGIONAL = range(0x1F1E6, 0x1F200)  # two of them make one flag


def symbol_count(text: str) -> int:
    """How many pictures ``text`` shows: "🦩" 1, "👍🏽" 1, "👨‍👩‍👧" 1, "🇫🇷" 1, "🐍🛁" 2.

    Close enough to Unicode's grapheme clusters for emoji and letters without a new
    dependency: skin tones, variation selectors, keycaps, combining marks and tags join
    the symbol before them, a zero-width joiner the symbol after it, and regional
    indicators pair up into flags.
    """
    count = 0
    joining = flag_open = False
    for char in text:
        point = ord(char)
        if char == "\u200d":
            joining = True
            continue
        if (
            unicodedata.category(char) in ("Mn", "Me")
            or 0xFE00 <= point <= 0xFE0F
            or point in _JOINS_THE_LAST
            or point in _TAGS
        ):
            continue
        if point in _REGIONAL:
            if flag_open:
                flag_open = False
                continue
            flag_open = True
        else:
            flag_open = False
        if joining:
            joining = False
            continue
        count += 1
    return count


def _emoji_check(value: str) -> str:
    if not value:
        return value
    if find_control_character(value, multiline=False) is not None or any(c.isspace() for c in value):
        raise ValueError('should be one emoji with no spaces around it, such as "🦩"')
    symbols = symbol_count(value)
    if symbols > EMOJI_MAX_SYMBOLS or len(value) > EMOJI_MAX_CHARACTERS:
        size = f"{symbols} symbols" if symbols > EMOJI_MAX_SYMBOLS else f"{len(value)} characters"
        raise ValueError(f'is {size} long; use one emoji (two at most), such as "🦩"; the words go in kid_title')
    return value


KidTitle = Annotated[str, Check(_checker(KID_TITLE_MAX, multiline=False, required=False))]
"""Optional words a child knows for a strategy, for the child's chart."""

Emoji = Annotated[str, Check(_emoji_check)]
"""Optional: one emoji (two at most) that a child recognises, for the child's chart."""
