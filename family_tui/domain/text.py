"""Validated plain-text types for everything a person types.

Text is stored and shown exactly as typed. What is refused at the door is what can
never be meant: control characters (which would garble a terminal) and text so long
that it is surely a paste gone wrong. The messages say what to do about it.
"""

from __future__ import annotations

import re
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
