"""RFC 5545's text rules, written out: content lines, escaping and folding.

The format is plain enough that a library would only hide three rules that every
calendar on a phone enforces: lines end in CRLF, a line longer than 75 octets is folded
(a CRLF and one space, never inside a UTF-8 character), and a TEXT value escapes
backslash, semicolon, comma and line breaks. Getting one wrong makes Google drop the
event without a word, so they live here, each in one function.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

CRLF = "\r\n"
FOLD_AT = 75
"""Octets a line may hold before it is folded, the CRLF not counted (RFC 5545, 3.1)."""

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
"""Control characters a TEXT value may not hold (tab aside; line breaks are escaped before)."""


def escape_text(value: str) -> str:
    """A TEXT value: ``\\`` ``;`` ``,`` escaped, each line break an ``\\n``."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return _CONTROL.sub("", value)


def param_value(value: str) -> str:
    """A parameter value, quoted when it holds ``:`` ``;`` or ``,`` (a DQUOTE cannot be in one)."""
    value = _CONTROL.sub("", value.replace('"', "'").replace("\n", " ").replace("\r", " "))
    return f'"{value}"' if any(c in value for c in ":;,") else value


def fold(line: str) -> str:
    """Fold ``line`` into pieces of at most 75 octets, each after the first starting with a space."""
    pieces: list[str] = []
    current = ""
    size = 0
    limit = FOLD_AT
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, FOLD_AT - 1  # the leading space takes one octet
        current += char
        size += width
    pieces.append(current)
    return (CRLF + " ").join(pieces)


def content_line(name: str, value: str, **params: str) -> str:
    """``NAME;PARAM=value:value``, folded. ``value`` is written as given: escape TEXT first."""
    head = name + "".join(f";{key.replace('_', '-').upper()}={param_value(v)}" for key, v in params.items())
    return fold(f"{head}:{value}")


def text_line(name: str, value: str, **params: str) -> str:
    """A property whose value is TEXT (SUMMARY, DESCRIPTION...), escaped and folded."""
    return content_line(name, escape_text(value), **params)


def ics_document(lines: Iterable[str]) -> str:
    """The lines of a calendar, each ending in CRLF as RFC 5545 requires."""
    return "".join(line + CRLF for line in lines)
