"""A problem in a home-program file, put into words that quote the file safely."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..text import find_control_character


class ProgramFileError(Exception):
    """A home-program file could not be read; ``errors`` lists every problem found."""

    def __init__(self, path: Path | str, errors: Sequence[str]) -> None:
        self.path = Path(path)
        self.errors: list[str] = [visible(line) for line in errors]
        name = visible(self.path.name)
        super().__init__("\n".join(f"{name}: {line}" for line in self.errors))


_SHOWN_MAX = 80


def visible(text: str) -> str:
    """Control characters from a file written as ``\\u001b``: an echoed value must not drive the terminal."""
    if find_control_character(text, multiline=False) is None:
        return text
    return "".join(f"\\u{ord(c):04x}" if find_control_character(c, multiline=False) else c for c in text)


def shown(value: Any) -> str:
    """A value from the file as a message quotes it: visible, and cut short when long."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return "a very large number"  # str() of a number over 4300 digits raises ValueError
    try:
        text = visible(value if isinstance(value, str) else repr(value))
    except ValueError:
        return "a value too large to show"
    if len(text) > _SHOWN_MAX:
        text = text[: _SHOWN_MAX - 1] + "…"
    return f'"{text}"' if isinstance(value, str) else text
