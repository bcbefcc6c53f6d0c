"""Reading a reply file: its tables and fields checked, each mistake named by its place."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import tomli

REPLY_FORMAT = "family-tui/reply@1"

_FORMAT_LINE = re.compile(r'^\s*format\s*=\s*["\']family-tui/reply@', re.MULTILINE)

STATUSES = ("active", "met", "paused")
STRATEGY_FIELDS = ("media", "priority")
"""What ``[[strategies]]`` may change besides the cue (which has its own table, for its dates)."""
NUMBER_FIELDS = ("priority",)
"""Fields that are whole numbers (the therapist's order: 1 first), every other one is text."""

_TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # table: (required fields, optional fields)
    "answers": (("question", "text"), ()),
    "updates": (("child", "text"), ()),
    "cues": (("strategy", "cue"), ("from",)),
    "goals": (("goal",), ("status", "note")),
    "strategies": (("strategy",), STRATEGY_FIELDS),
}


class ReplyError(ValueError):
    """The reply cannot be imported; each line names the place and what is wrong. Nothing was changed."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Item:
    """One table of a reply: where it is (``cues[1]``) and its fields."""

    place: str
    fields: dict[str, Any]

    def text(self, name: str) -> str:
        value = self.fields.get(name, "")
        return value if isinstance(value, str) else ""


@dataclass(frozen=True)
class Reply:
    therapist: str
    """The therapist's id, as the template wrote it."""
    date: date
    answers: list[Item] = field(default_factory=list)
    updates: list[Item] = field(default_factory=list)
    cues: list[Item] = field(default_factory=list)
    goals: list[Item] = field(default_factory=list)
    strategies: list[Item] = field(default_factory=list)


def is_reply(text: str) -> bool:
    """A reply, not a home-program file: its ``format`` line says so."""
    return _FORMAT_LINE.search(text) is not None


def parse_reply(text: str) -> Reply:
    """The reply in ``text``; :class:`ReplyError` lists every problem found, by place."""
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        raise ReplyError([f"The reply is not valid TOML: {error}."]) from None
    problems: list[str] = []
    if data.get("format") != REPLY_FORMAT:
        problems.append(f'format: this version reads "{REPLY_FORMAT}", the file says {data.get("format")!r}.')
    therapist = data.get("therapist")
    if not isinstance(therapist, str) or not therapist.strip():
        problems.append('therapist: missing; it is the therapist\'s id, as in therapist = "ms-rivera".')
        therapist = ""
    day = data.get("date")
    if isinstance(day, str):
        day = _date(day)
    if not isinstance(day, date):
        problems.append("date: missing or not a date; write it as date = 2026-12-08.")
        day = date.min
    unknown = sorted(set(data) - {"format", "therapist", "date", *_TABLES})
    for name in unknown:
        problems.append(f"{name}: not part of a reply (a reply holds {', '.join(_TABLES)}).")
    tables = {name: _items(name, data.get(name, []), problems) for name in _TABLES}
    if problems:
        raise ReplyError(problems)
    return Reply(therapist=therapist.strip(), date=day, **tables)


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def _items(name: str, raw: Any, problems: list[str]) -> list[Item]:
    if not isinstance(raw, list):
        problems.append(f"{name}: write each one as a [[{name}]] table.")
        return []
    required, optional = _TABLES[name]
    items = []
    for index, entry in enumerate(raw):
        place = f"{name}[{index}]"
        if not isinstance(entry, dict):
            problems.append(f"{place}: not a table.")
            continue
        for key in entry:
            if key not in required and key not in optional:
                allowed = ", ".join((*required, *optional))
                problems.append(f'{place}: unknown field "{key}" (a [[{name}]] table holds {allowed}).')
        for key in required:
            if key not in entry:
                problems.append(f'{place}: the field "{key}" is missing.')
        for key, value in entry.items():
            if key not in required and key not in optional:
                continue
            if key == "from":
                if isinstance(value, str):
                    value = _date(value)
                if not isinstance(value, date):
                    problems.append(f"{place}: from is not a date; write it as from = 2026-12-08.")
                    continue
                entry[key] = value
            elif key in NUMBER_FIELDS:
                if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 99:
                    problems.append(f"{place}: {key} must be a whole number from 1 to 99, as in {key} = 1.")
            elif not isinstance(value, str):
                problems.append(f"{place}: {key} must be text in quotes.")
        status = entry.get("status")
        if isinstance(status, str) and status.strip().lower() not in STATUSES:
            problems.append(f'{place}: status "{status}" is not one of {", ".join(STATUSES)}.')
        items.append(Item(place, entry))
    return items
