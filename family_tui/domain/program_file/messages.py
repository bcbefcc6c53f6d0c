"""Pydantic's errors in a parent's words, sorted the way the file reads."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from .errors import shown
from .schema import KEYS_OF, NAME_KEY


def _path(loc: Sequence[Any]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _kind(loc: Sequence[Any]) -> str:
    return ".".join(str(p) for p in loc if isinstance(p, str))


def _describe_error(error: dict[str, Any]) -> str:
    loc = list(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        key = str(loc[-1])
        where = _path(loc[:-1])
        allowed = KEYS_OF.get(_kind(loc[:-1]), [])
        hint = difflib.get_close_matches(key, allowed, n=1)
        guess = f' (did you mean "{hint[0]}"?)' if hint else ""
        message = f"unknown key {shown(key)}{guess}; the keys allowed here are: {', '.join(allowed)}"
        return f"{where}: {message}" if where else message
    if kind == "missing":
        key = str(loc[-1])
        where = _path(loc[:-1])
        message = f'"{key}" is missing'
        return f"{where}: {message}" if where else message
    messages = {
        "string_type": "should be text in quotes",
        "int_type": "should be a whole number, such as 3",
        "int_from_float": "should be a whole number, such as 3",
        "bool_type": "should be true or false",
        "list_type": "should be a list in square brackets",
        "model_type": "should be a table of keys and values",
        "model_attributes_type": "should be a table of keys and values",
        "dict_type": "should be a table of keys and values",
        "greater_than_equal": f"should be {ctx.get('ge')} or more",
        "less_than_equal": f"should be {ctx.get('le')} or less",
    }
    if kind == "list_type" and len(loc) == 1 and loc[0] in NAME_KEY:
        message = f"should be entries each starting with a [[{loc[0]}]] line"
    elif kind in messages:
        message = messages[kind]
    else:
        message = str(error["msg"]).removeprefix("Value error, ")
    where = _path(loc)
    return f"{where}: {message}" if where else message


def friendly(error: ValidationError, prefix: Sequence[Any] = ()) -> list[str]:
    return [_describe_error({**e, "loc": (*prefix, *e["loc"])}) for e in error.errors()]


_SECTIONS = ("format", "children", "caregivers", "therapists", "routines", "goals")


_GOAL_PART = re.compile(r"^goals\[(\d+)\]\.mastery")


def naming_the_goal(message: str, data: dict[str, Any]) -> str:
    """``goals[2].mastery.percent: ...`` also says which goal: the mastery table is easy to lose in a file."""
    match = _GOAL_PART.match(message)
    goals = data.get("goals")
    if match is None or not isinstance(goals, list) or int(match[1]) >= len(goals):
        return message
    goal = goals[int(match[1])]
    name = goal.get("title") or goal.get("id") if isinstance(goal, dict) else None
    if not isinstance(name, str):
        return message
    where, _, rest = message.partition(": ")
    return f"{where} (goal {shown(name)}): {rest}"


def file_order(message: str) -> tuple[int, list[int]]:
    """Sort problems the way a parent reads the file: by section, then entry."""
    section = message.split("[", 1)[0].split(":", 1)[0].split(".", 1)[0].split(" ", 1)[0]
    rank = _SECTIONS.index(section) if section in _SECTIONS else 0
    where = message.split(":", 1)[0] if rank else ""
    return (rank, [int(n) for n in re.findall(r"\[(\d+)\]", where)])
