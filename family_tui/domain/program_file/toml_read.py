"""A home-program file's bytes as TOML, or a message that points at the line to fix."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import tomli

from .errors import ProgramFileError


def read_toml(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ProgramFileError(path, [f"there is no such file ({path})"]) from None
    except IsADirectoryError:
        raise ProgramFileError(path, [f"{path} is a folder, not a home-program file"]) from None
    except OSError as error:
        raise ProgramFileError(path, [f"cannot read the file: {error.strerror or error}"]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ProgramFileError(
            path, [f"line {line}: the file is not UTF-8 text; save it as UTF-8 and try again"]
        ) from None
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        message = str(error)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        end = re.search(r"\(at end of document\)", message)
        if match:
            reason = message[: match.start()].strip()
            where = f"line {match[1]}, column {match[2]}"
        elif end:
            reason = message[: end.start()].strip()
            where = f"line {text.count(chr(10)) + 1}, at the end of the file"
        else:
            reason, where = message, "somewhere"
        hint = next((h for pattern, h in _TOML_HINTS if pattern in reason), "check quotes, brackets and = signs there")
        raise ProgramFileError(path, [f"{where}: this is not valid TOML ({reason}); {hint}"]) from None
    except RecursionError:  # tomli parses nested lists and tables recursively
        raise ProgramFileError(
            path, [f"line {_deepest_line(text)}: lists or tables are nested too deeply; check the brackets there"]
        ) from None
    except ValueError:  # tomllib lets int()'s limit of 4300 digits through as a plain ValueError
        long_number = re.search(r"[0-9][0-9_]{999,}", text)
        line = text.count("\n", 0, long_number.start()) + 1 if long_number else 1
        raise ProgramFileError(
            path, [f"line {line}: a number is too long; numbers in a home-program file are small, such as 3"]
        ) from None


def _deepest_line(text: str) -> int:
    """The line where brackets are nested deepest (strings not told apart: good enough to point at)."""
    depth = deepest = 0
    line = deepest_line = 1
    for char in text:
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest, deepest_line = depth, line
        elif char in "]}":
            depth = max(depth - 1, 0)
        elif char == "\n":
            line += 1
    return deepest_line


_TOML_HINTS = (
    ("Illegal character '\\n'", "a text in quotes is not closed before the end of the line"),
    ("Invalid value", 'the value after "=" is not valid; text needs "quotes" around it'),
    ("Cannot overwrite a value", "the same key is given twice in one entry"),
    ("Cannot declare", "the same table is declared twice"),
)
