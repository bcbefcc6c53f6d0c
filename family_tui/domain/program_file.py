"""Home-program files: the TOML a family gets from its therapists, read, checked and imported.

The format (``format = "family-tui/program@1"``) is described in
``/work/shared/examples/home-program.toml``. Reading a file checks all of it and reports
every problem at once, each naming the entry and the field, so a parent can fix the file
in one go. Importing adds and updates records, never deletes them, and writes all or
nothing in one step; importing the same file again changes nothing.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as dtime
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .ids import ID_PATTERN, slugify
from .models import (
    ALL_WEEKDAYS,
    Assistance,
    Caregiver,
    Child,
    Discipline,
    Goal,
    GoalStatus,
    Mastery,
    Program,
    Record,
    Routine,
    Strategy,
    Therapist,
    Weekday,
)
from .planned_minutes import minutes_lines
from .program_edit import is_archived
from .schedule import strategies_not_on_a_routine
from .text import Line, LongText, Name, find_control_character

FORMAT = "family-tui/program@1"

# Colour names that both Rich and Textual understand, besides #rgb / #rrggbb.
COLOR_NAMES = (
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "white",
    "purple",
    "orchid",
    "violet",
    "tan",
    "orange",
    "pink",
    "gold",
    "teal",
    "lime",
    "navy",
    "maroon",
    "olive",
    "silver",
    "grey",
    "gray",
    "brown",
    "coral",
    "salmon",
    "turquoise",
)
_HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")
_ID_RE = re.compile(ID_PATTERN)
_DAY_NAMES = {
    "monday": "mon",
    "tuesday": "tue",
    "wednesday": "wed",
    "thursday": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
}


class ProgramFileError(Exception):
    """A home-program file could not be read; ``errors`` lists every problem found."""

    def __init__(self, path: Path | str, errors: Sequence[str]) -> None:
        self.path = Path(path)
        self.errors: list[str] = [_visible(line) for line in errors]
        name = _visible(self.path.name)
        super().__init__("\n".join(f"{name}: {line}" for line in self.errors))


_SHOWN_MAX = 80


def _visible(text: str) -> str:
    """Control characters from a file written as ``\\u001b``: an echoed value must not drive the terminal."""
    if find_control_character(text, multiline=False) is None:
        return text
    return "".join(f"\\u{ord(c):04x}" if find_control_character(c, multiline=False) else c for c in text)


def _shown(value: Any) -> str:
    """A value from the file as a message quotes it: visible, and cut short when long."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return "a very large number"  # str() of a number over 4300 digits raises ValueError
    try:
        text = _visible(value if isinstance(value, str) else repr(value))
    except ValueError:
        return "a value too large to show"
    if len(text) > _SHOWN_MAX:
        text = text[: _SHOWN_MAX - 1] + "…"
    return f'"{text}"' if isinstance(value, str) else text


# -- the file's shape -----------------------------------------------------------------


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _ChildEntry(_Entry):
    id: str | None = None
    name: Name
    color: Line = "cyan"

    @field_validator("color")
    @classmethod
    def _known_colour(cls, value: str) -> str:
        if _HEX_COLOR.match(value) or value.lower() in COLOR_NAMES:
            return value
        raise ValueError(
            f"{_shown(value)} is not a colour family-tui knows; use #rrggbb or one of: {', '.join(COLOR_NAMES)}"
        )


class _CaregiverEntry(_Entry):
    id: str | None = None
    name: Name


def _start_date(value: Any) -> date | None:
    """``start = 2026-11-30`` (a TOML date), or the same in quotes."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError("should be a date, year-month-day, such as 2026-11-30 (the day the program starts)")


def _discipline(value: Any) -> Discipline:
    if isinstance(value, str) and value.strip().upper() in Discipline.__members__:
        return Discipline(value.strip().upper())
    raise ValueError(f"{_shown(value)} is not a discipline; use OT, PT or SLP")


def _weekdays(value: Any) -> list[Weekday]:
    """A list of day names ("mon", "Tuesday"), in week order; may be empty."""
    if not isinstance(value, list):
        raise ValueError('should be a list of days, such as ["mon", "wed", "fri"]')
    days: list[Weekday] = []
    wrong: list[str] = []
    for item in value:
        text = item.strip().lower() if isinstance(item, str) else None
        text = _DAY_NAMES.get(text, text) if text else text
        if text in Weekday._value2member_map_:
            days.append(Weekday(text))
        else:
            wrong.append(_shown(item))
    if wrong:
        what = "is not a day" if len(wrong) == 1 else "are not days"
        raise ValueError(f"{', '.join(wrong)} {what} of the week; use mon, tue, wed, thu, fri, sat, sun")
    return sorted(set(days), key=list(Weekday).index)


class _TherapistEntry(_Entry):
    id: str | None = None
    name: Name
    discipline: Any
    children: list[str] = Field(default_factory=list)
    sessions: Any = Field(default=None, validate_default=True)
    """The weekdays of the therapist's sessions with the child, such as ["tue"]."""

    @field_validator("discipline")
    @classmethod
    def _known_discipline(cls, value: Any) -> Discipline:
        return _discipline(value)

    @field_validator("sessions")
    @classmethod
    def _session_days(cls, value: Any) -> list[Weekday]:
        return [] if value is None else _weekdays(value)


class _RoutineEntry(_Entry):
    id: str | None = None
    name: Name
    time: Any
    days: Any = Field(default=None, validate_default=True)

    @field_validator("time")
    @classmethod
    def _time(cls, value: Any) -> dtime:
        if isinstance(value, dtime):
            return value.replace(second=0, microsecond=0)
        if isinstance(value, str):
            match = _TIME.match(value)
            if match and int(match[1]) < 24 and int(match[2]) < 60:
                return dtime(int(match[1]), int(match[2]))
            raise ValueError(
                f'{_shown(value)} is not a time of day; write hours and minutes on a 24-hour clock, such as "07:15" or "18:30"'
            )
        raise ValueError('should be a time in quotes, such as "07:15"')

    @field_validator("days")
    @classmethod
    def _days(cls, value: Any) -> list[Weekday]:
        if value is None:
            return list(ALL_WEEKDAYS)
        days = _weekdays(value)
        if not days:
            raise ValueError("needs at least one day of the week; leave days out for every day")
        return days


class _StrategyEntry(_Entry):
    id: str | None = None
    title: Name
    how: LongText = ""
    cue: Line = ""
    visual: Line = ""
    dose: Line = ""
    minutes: int = Field(default=3, ge=0, le=240)
    routines: list[str] = Field(default_factory=list)


def _assistance(value: Any) -> Assistance:
    """``"verbal"``, ``"Verbal cue"``, ``"partial physical"``: a level of help by its name or its label."""
    if isinstance(value, str):
        key = " ".join(value.strip().lower().replace("_", " ").replace("-", " ").split())
        for level in Assistance:
            if key in (level.value.replace("_", " "), level.label.lower()):
                return level
    names = ", ".join(f'"{level.value}"' for level in Assistance)
    raise ValueError(f"{_shown(value)} is not a level of help; use one of {names}")


class _MasteryEntry(_Entry):
    """``[goals.mastery]``: when the therapist counts the goal as mastered."""

    percent: Any
    days: Any
    level: Any = None

    @field_validator("percent")
    @classmethod
    def _percent(cls, value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 100:
            return value
        raise ValueError(
            f"{_shown(value)} should be a whole number from 1 to 100 (percent correct), such as percent = 80"
        )

    @field_validator("days")
    @classmethod
    def _days(cls, value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 30:
            return value
        raise ValueError(f"{_shown(value)} should be a whole number of practised days from 1 to 30, such as days = 3")

    @field_validator("level")
    @classmethod
    def _level(cls, value: Any) -> Assistance | None:
        return None if value is None else _assistance(value)


def _goal_status(value: Any) -> GoalStatus | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip().lower() in GoalStatus._value2member_map_:
        return GoalStatus(value.strip().lower())
    raise ValueError(f'{_shown(value)} is not a goal status; use "active", "met" or "paused"')


class _GoalEntry(_Entry):
    id: str | None = None
    child: str
    discipline: Any
    title: Name
    target: Line = ""
    start: Any = None
    status: Any = None
    """ "met" or "paused" takes the goal's strategies off Today (history kept); left out: as the family has it."""
    met: Any = None
    """The day a met goal was met (default: the day of the import)."""
    mastery: _MasteryEntry | None = None
    """When the therapist counts the goal as mastered (the app only says when practice meets it)."""
    strategies: list[_StrategyEntry] = Field(default_factory=list)

    @field_validator("start")
    @classmethod
    def _known_start(cls, value: Any) -> date | None:
        return _start_date(value)

    @field_validator("status")
    @classmethod
    def _known_status(cls, value: Any) -> GoalStatus | None:
        return _goal_status(value)

    @field_validator("met")
    @classmethod
    def _met_date(cls, value: Any) -> date | None:
        try:
            return _start_date(value)
        except ValueError:
            raise ValueError(
                "should be a date, year-month-day, such as 2026-11-30 (the day the goal was met)"
            ) from None

    @model_validator(mode="after")
    def _met_needs_status(self) -> _GoalEntry:
        if self.met is not None and self.status is not GoalStatus.MET:
            raise ValueError('"met" is the day the goal was met; add status = "met" as well, or leave "met" out')
        return self

    @field_validator("discipline")
    @classmethod
    def _known_discipline(cls, value: Any) -> Discipline:
        return _discipline(value)


class _ProgramFile(_Entry):
    format: Any = None
    start: Any = None
    """The day the program started: practice can be recorded from then on (each goal may have its own)."""
    children: list[_ChildEntry] = Field(default_factory=list)
    caregivers: list[_CaregiverEntry] = Field(default_factory=list)
    therapists: list[_TherapistEntry] = Field(default_factory=list)
    routines: list[_RoutineEntry] = Field(default_factory=list)
    goals: list[_GoalEntry] = Field(default_factory=list)

    @field_validator("start")
    @classmethod
    def _known_start(cls, value: Any) -> date | None:
        return _start_date(value)


_KEYS_OF: dict[str, list[str]] = {
    "": list(_ProgramFile.model_fields),
    "children": list(_ChildEntry.model_fields),
    "caregivers": list(_CaregiverEntry.model_fields),
    "therapists": list(_TherapistEntry.model_fields),
    "routines": list(_RoutineEntry.model_fields),
    "goals": list(_GoalEntry.model_fields),
    "goals.strategies": list(_StrategyEntry.model_fields),
    "goals.mastery": list(_MasteryEntry.model_fields),
}

# What each kind of entry is called, and which key its id is made from.
_NAME_KEY = {
    "children": "name",
    "caregivers": "name",
    "therapists": "name",
    "routines": "name",
    "goals": "title",
    "goals.strategies": "title",
}


# -- turning pydantic's errors into a parent's words ----------------------------------


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
        allowed = _KEYS_OF.get(_kind(loc[:-1]), [])
        hint = difflib.get_close_matches(key, allowed, n=1)
        guess = f' (did you mean "{hint[0]}"?)' if hint else ""
        message = f"unknown key {_shown(key)}{guess}; the keys allowed here are: {', '.join(allowed)}"
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
    if kind == "list_type" and len(loc) == 1 and loc[0] in _NAME_KEY:
        message = f"should be entries each starting with a [[{loc[0]}]] line"
    elif kind in messages:
        message = messages[kind]
    else:
        message = str(error["msg"]).removeprefix("Value error, ")
    where = _path(loc)
    return f"{where}: {message}" if where else message


def _friendly(error: ValidationError, prefix: Sequence[Any] = ()) -> list[str]:
    return [_describe_error({**e, "loc": (*prefix, *e["loc"])}) for e in error.errors()]


# -- reading a file -------------------------------------------------------------------


def _read_toml(path: Path) -> dict[str, Any]:
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
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
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
    except RecursionError:  # tomllib parses nested lists and tables recursively
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


def _entry_id(entry: Any, name_key: str) -> str | None:
    """The id an entry stands for: its own, or one made from its name or title."""
    if not isinstance(entry, dict):
        return None
    given = entry.get("id")
    if given is not None:
        return given if isinstance(given, str) else None
    name = entry.get(name_key)
    return slugify(name) if isinstance(name, str) and name.strip() else None


def _list_of_tables(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [(i, e) for i, e in enumerate(value) if isinstance(e, dict)]


def _check_ids_and_references(data: dict[str, Any]) -> list[str]:
    """Ids well formed and unique; every reference names something defined in the file."""
    errors: list[str] = []
    defined: dict[str, list[str]] = {}

    def collect(kind: str, entries: list[tuple[str, dict[str, Any]]]) -> None:
        seen: dict[str, str] = {}
        order: list[str] = []
        for where, entry in entries:
            given = entry.get("id")
            if given is not None and isinstance(given, str) and not _ID_RE.match(given):
                errors.append(
                    f'{where}.id: {_shown(given)} is not a usable id; use lower-case letters, digits, "-" or "_" '
                    f'(at most 80, starting with a letter or digit), such as "{slugify(given)}"'
                )
                continue
            if given is not None and not isinstance(given, str):
                continue  # reported as a wrong type already
            entry_id = _entry_id(entry, _NAME_KEY[kind])
            if entry_id is None:
                continue
            if entry_id in seen:
                made = "" if given is not None else f" (made from its {_NAME_KEY[kind]})"
                errors.append(
                    f'{where}: id "{entry_id}"{made} is already used by {seen[entry_id]}; '
                    "give one of them a different id"
                )
                continue
            seen[entry_id] = where
            order.append(entry_id)
        defined[kind] = order

    for kind in ("children", "caregivers", "therapists", "routines", "goals"):
        collect(kind, [(f"{kind}[{i}]", e) for i, e in _list_of_tables(data, kind)])
    strategies: list[tuple[str, dict[str, Any]]] = []
    for gi, goal in _list_of_tables(data, "goals"):
        for si, strategy in _list_of_tables(goal, "strategies"):
            strategies.append((f"goals[{gi}].strategies[{si}]", strategy))
    collect("goals.strategies", strategies)

    def known(kind: str, noun: str) -> str:
        names = defined.get(kind, [])
        return f"known {noun}: {', '.join(names)}" if names else f"the file defines no {noun}"

    def check(where: str, ref: Any, kind: str, singular: str, plural: str) -> None:
        if isinstance(ref, str) and ref not in defined.get(kind, []):
            errors.append(f"{where}: {singular} {_shown(ref)} is not defined; {known(kind, plural)}")

    for i, therapist in _list_of_tables(data, "therapists"):
        refs = therapist.get("children")
        for ref in refs if isinstance(refs, list) else []:
            check(f"therapists[{i}]", ref, "children", "child", "children")
    for gi, goal in _list_of_tables(data, "goals"):
        check(f"goals[{gi}]", goal.get("child"), "children", "child", "children")
        for si, strategy in _list_of_tables(goal, "strategies"):
            refs = strategy.get("routines")
            for ref in refs if isinstance(refs, list) else []:
                check(f"goals[{gi}].strategies[{si}]", ref, "routines", "routine", "routines")
    return errors


def _check_format(data: dict[str, Any]) -> list[str]:
    if "format" not in data:
        return [f'the format line is missing; the file should start with: format = "{FORMAT}"']
    value = data["format"]
    if value != FORMAT:
        return [
            f'format is {_shown(value)}, but this version of family-tui reads "{FORMAT}"; '
            "check that this is a family-tui home-program file"
        ]
    return []


def _dedupe(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _build_program(parsed: _ProgramFile) -> FileProgram:
    def made(entry: Any, name: str) -> str:
        return entry.id if entry.id is not None else slugify(name)

    children = [Child(id=made(c, c.name), name=c.name, color=c.color) for c in parsed.children]
    caregivers = [Caregiver(id=made(c, c.name), name=c.name) for c in parsed.caregivers]
    therapists = [
        Therapist(
            id=made(t, t.name), name=t.name, discipline=t.discipline, children=_dedupe(t.children), sessions=t.sessions
        )
        for t in parsed.therapists
    ]
    routines = [Routine(id=made(r, r.name), name=r.name, time=r.time, days=r.days) for r in parsed.routines]
    goals: list[Goal] = []
    marked_active: list[str] = []
    strategies: list[Strategy] = []
    for g in parsed.goals:
        goal = Goal(
            id=made(g, g.title),
            child=g.child,
            discipline=g.discipline,
            title=g.title,
            target=g.target,
            created=g.start or parsed.start,
            status=g.status or GoalStatus.ACTIVE,
            met_on=g.met,
            mastery=Mastery(percent=g.mastery.percent, days=g.mastery.days, level=g.mastery.level)
            if g.mastery is not None
            else None,
        )
        goals.append(goal)
        if g.status is GoalStatus.ACTIVE:
            marked_active.append(goal.id)
        for s in g.strategies:
            strategies.append(
                Strategy(
                    id=made(s, s.title),
                    goal=goal.id,
                    title=s.title,
                    how=s.how,
                    cue=s.cue,
                    visual=s.visual,
                    dose=s.dose,
                    minutes=s.minutes,
                    routines=_dedupe(s.routines),
                    uses_trials=goal.discipline is Discipline.SLP,
                )
            )
    return FileProgram(
        children=children,
        caregivers=caregivers,
        therapists=therapists,
        routines=routines,
        goals=goals,
        strategies=strategies,
        marked_active=marked_active,
    )


class FileProgram(Program):
    """A program as a file gives it, which also says which goals the file calls active in so many words.

    A goal in the file without a status keeps the family's (met, paused or active), as
    import always kept it; ``status = "active"`` brings a met or paused goal back.
    """

    marked_active: list[str] = field(default_factory=list)
    """Goals whose entry says ``status = "active"``."""

    def __eq__(self, other: object) -> bool:
        """Equal to a plain :class:`Program` with the same records: the program is what it is."""
        if not isinstance(other, Program):
            return NotImplemented
        same = all(getattr(self, name) == getattr(other, name) for name in Program.model_fields)
        return same and self.marked_active == getattr(other, "marked_active", self.marked_active)

    __hash__ = None  # type: ignore[assignment]  # mutable, like every record


_SECTIONS = ("format", "children", "caregivers", "therapists", "routines", "goals")


_GOAL_PART = re.compile(r"^goals\[(\d+)\]\.mastery")


def _naming_the_goal(message: str, data: dict[str, Any]) -> str:
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
    return f"{where} (goal {_shown(name)}): {rest}"


def _file_order(message: str) -> tuple:
    """Sort problems the way a parent reads the file: by section, then entry."""
    section = message.split("[", 1)[0].split(":", 1)[0].split(".", 1)[0].split(" ", 1)[0]
    rank = _SECTIONS.index(section) if section in _SECTIONS else 0
    where = message.split(":", 1)[0] if rank else ""
    return (rank, [int(n) for n in re.findall(r"\[(\d+)\]", where)])


def load_program_file(path: Path) -> FileProgram:
    """Read and check a home-program file; raises :class:`ProgramFileError` listing every problem."""
    path = Path(path)
    data = _read_toml(path)
    errors = _check_format(data)
    parsed: _ProgramFile | None = None
    try:
        parsed = _ProgramFile.model_validate(data)
    except ValidationError as error:
        errors += [_naming_the_goal(message, data) for message in _friendly(error)]
    errors += _check_ids_and_references(data)
    if errors or parsed is None:
        errors = sorted(_dedupe(errors), key=_file_order)
        raise ProgramFileError(path, errors or ["the file could not be read"])
    try:
        return _build_program(parsed)
    except ValidationError as error:  # a safety net: the checks above should catch everything
        raise ProgramFileError(path, _friendly(error)) from None


# -- planning an import -----------------------------------------------------------------

_KINDS: tuple[tuple[str, str, str], ...] = (
    # (Program attribute, word for a parent, attribute shown)
    ("children", "child", "name"),
    ("caregivers", "caregiver", "name"),
    ("therapists", "therapist", "name"),
    ("routines", "routine", "name"),
    ("goals", "goal", "title"),
    ("strategies", "strategy", "title"),
)

# Fields a file does not carry: kept from the family's current record.
_KEPT_FIELDS: dict[type[Record], tuple[str, ...]] = {
    Child: ("archived",),
    Caregiver: ("archived",),
    Therapist: ("archived",),
    Routine: ("archived", "order"),
    Goal: ("status", "met_on", "created"),
    Strategy: ("archived", "uses_trials"),
}


@dataclass
class ImportPlan:
    """What importing a file changes: the records to write, and words for the parent."""

    saves: list[Record] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)
    """Records the family has that the file does not mention: import never deletes."""
    not_on_a_routine: list[Strategy] = field(default_factory=list)
    """The file's strategies that no routine holds after the import: never on Today."""
    routine_ids: list[str] = field(default_factory=list)
    """The routines in use after the import, to name one in a warning."""
    missing_goals: list[Goal] = field(default_factory=list)
    """The family's active goals that the file leaves out: the parent decides if they are met or paused."""
    marked: list[str] = field(default_factory=list)
    """Goals the file left out that this import marks met or paused, as the parent chose."""
    minutes: list[str] = field(default_factory=list)
    """Each child's planned minutes a day after the import, and any gentle suggestion."""

    def warnings(self) -> list[str]:
        """What the parent should fix, though the import went ahead (or would go ahead)."""
        if self.routine_ids:
            fix = f'Give it routines = ["{self.routine_ids[0]}"] in the file and import again'
        else:
            fix = "Add a routine to the file, name it in the strategy's routines and import again"
        return [
            f'the strategy "{s.title}" is not on any routine, so it will not show on Today. '
            f"{fix}, or choose its routines in the program editor."
            for s in self.not_on_a_routine
        ]

    @property
    def changes_anything(self) -> bool:
        return bool(self.saves)

    def describe(self, dry_run: bool = False) -> str:
        return "\n".join(self.lines(dry_run))

    def lines(self, dry_run: bool = False) -> list[str]:
        """What the import changes (or would change), one change a line under a heading for each kind of change.

        A first line sums it up; the command line prints these and the welcome screen lists
        them, so a program of forty records reads as a list, not one line of 900 characters.
        """
        if not self.saves:
            return ["Nothing to change: the program is already up to date.", *self.minutes_lines()]
        counts = []
        if self.added:
            counts.append(f"{'would add' if dry_run else 'added'} {len(self.added)}")
        if self.updated:
            counts.append(f"{'would update' if dry_run else 'updated'} {len(self.updated)}")
        if self.marked:
            counts.append(f"{'would mark' if dry_run else 'marked'} {len(self.marked)}")
        summary = " and ".join(counts)
        lines = [summary[0].upper() + summary[1:] + (" record." if len(self.saves) == 1 else " records.")]
        for heading, names in (
            ("Would add:" if dry_run else "Added:", self.added),
            ("Would update:" if dry_run else "Updated:", self.updated),
            ("Not in the file, marked as you chose (their history stays):", self.marked),
            ("Not in the file, left as they are:", self.left_alone),
        ):
            if names:
                lines.append(heading)
                lines.extend(f"  {name}" for name in names)
        lines += self.minutes_lines()
        if dry_run:
            lines.append("This was a dry run: nothing was changed. Run it again without --dry-run to import.")
        return lines

    def minutes_lines(self) -> list[str]:
        """Each child's planned minutes a day, under a heading (none when there are no children)."""
        return ["Planned practice a day:", *(f"  {line}" for line in self.minutes)] if self.minutes else []


def _keep_archived_references(new: list[str], old: list[str], hidden: set[str]) -> list[str]:
    """A file cannot name archived records: keep the current record's references to them."""
    merged = new + [ref for ref in old if ref in hidden and ref not in new]
    if set(merged) == set(old) and len(merged) == len(old):
        return list(old)  # the order of references means nothing; keep the family's
    return merged


def _goal_status_kept(record: Goal, old: Goal, incoming: Program, kept: dict[str, Any], today: date) -> None:
    """The goal's status after the import, in ``kept``: the file's when it gives one, else the family's.

    A met goal the file gives no ``met`` day keeps the day the family has, or is met today.
    """
    said_active = record.id in getattr(incoming, "marked_active", ())
    if record.status is GoalStatus.ACTIVE and not said_active:
        return  # the file says nothing: the family's status and met day stay
    kept["status"] = record.status
    kept["met_on"] = record.met_on
    if record.status is GoalStatus.MET and record.met_on is None:
        kept["met_on"] = old.met_on if old.status is GoalStatus.MET and old.met_on else today


def _missing_goals(current: Program, incoming: Program) -> list[Goal]:
    """The family's active goals (of present children) that the file leaves out."""
    in_file = {g.id for g in incoming.goals}
    present = {c.id for c in current.children if not c.archived}
    return [g for g in current.goals if g.active and g.id not in in_file and g.child in present]


def plan_import(
    current: Program, incoming: Program, today: date, missing: Mapping[str, GoalStatus] | None = None
) -> ImportPlan:
    """Compare a file's program with the family's; only new or different records are saved.

    ``missing``: what to do with the family's active goals that the file leaves out, by
    goal id: met (on ``today``) or paused. A goal not named stays as it is. Nothing
    is ever deleted, so the goal's practice history stays in Progress and the reports.
    """
    plan = ImportPlan()
    missing = missing or {}
    plan.missing_goals = _missing_goals(current, incoming)
    for goal in plan.missing_goals:
        status = missing.get(goal.id, GoalStatus.ACTIVE)
        if status is GoalStatus.ACTIVE:
            continue
        marked = goal.model_copy(update={"status": status, "met_on": today if status is GoalStatus.MET else None})
        plan.saves.append(marked)
        plan.marked.append(f"goal {goal.title}: {marked.status_text}")
    archived_routines = {r.id for r in current.routines if r.archived}
    archived_children = {c.id for c in current.children if c.archived}
    # Goals off Today (met, paused, or marked so now): neither they nor their strategies are "left as they are".
    off_today = {g.id for g in current.goals if not g.active} | {g.id for g in plan.saves if isinstance(g, Goal)}
    for attribute, word, label in _KINDS:
        existing = {r.id: r for r in getattr(current, attribute)}
        seen: set[str] = set()
        for record in getattr(incoming, attribute):
            seen.add(record.id)
            old = existing.get(record.id)
            if old is None:
                if isinstance(record, Goal) and record.created is None:
                    record = record.model_copy(update={"created": today})
                if isinstance(record, Goal) and record.status is GoalStatus.MET and record.met_on is None:
                    record = record.model_copy(update={"met_on": today})
                plan.saves.append(record)
                plan.added.append(f"{word} {getattr(record, label)}")
                continue
            kept = {name: getattr(old, name) for name in _KEPT_FIELDS[type(record)]}
            if isinstance(record, Goal):
                if record.created is not None:
                    del kept["created"]  # the file says when the goal starts
                _goal_status_kept(record, old, incoming, kept, today)
            if isinstance(record, Strategy):
                kept["routines"] = _keep_archived_references(record.routines, old.routines, archived_routines)
            if isinstance(record, Therapist):
                kept["children"] = _keep_archived_references(record.children, old.children, archived_children)
            merged = type(record).model_validate({**record.model_dump(), **kept})
            if merged == old:
                continue
            changed = [name for name in type(record).model_fields if getattr(merged, name) != getattr(old, name)]
            plan.saves.append(merged)
            plan.updated.append(f"{word} {getattr(merged, label)} ({', '.join(changed)})")
        for record_id, old in existing.items():
            if record_id not in seen and not is_archived(old) and record_id not in off_today:
                if not (isinstance(old, Strategy) and old.goal in off_today):
                    plan.left_alone.append(f"{word} {getattr(old, label)}")
    after = _program_after(current, plan.saves)
    plan.minutes = minutes_lines(after)
    in_file = {s.id for s in incoming.strategies}
    plan.not_on_a_routine = [s for s in strategies_not_on_a_routine(after) if s.id in in_file]
    plan.routine_ids = [r.id for r in after.routines if not r.archived]
    return plan


def _program_after(current: Program, saves: list[Record]) -> Program:
    """The family's program once ``saves`` are written (records replaced by id)."""
    tables: dict[str, dict[str, Record]] = {
        attribute: {r.id: r for r in getattr(current, attribute)} for attribute, _, _ in _KINDS
    }
    by_type = {
        Child: "children",
        Caregiver: "caregivers",
        Therapist: "therapists",
        Routine: "routines",
        Goal: "goals",
        Strategy: "strategies",
    }
    for record in saves:
        tables[by_type[type(record)]][record.id] = record  # type: ignore[attr-defined]  # a program's records all have an id
    return Program.model_construct(**{attribute: list(records.values()) for attribute, records in tables.items()})


# -- writing a file ----------------------------------------------------------------------

HEADER = """\
# A family-tui home program (format version 1), written by `family-tui export-program`.
# Import it with: family-tui import FILE
# Ids keep practice history joined up: keep them when you edit a name or title.
# Archived entries are left out. Every text field is plain text: nothing in it is markup.

"""


def _without_empty(values: dict[str, Any], *optional: str) -> dict[str, Any]:
    return {k: v for k, v in values.items() if not (k in optional and v in ("", None))}


def _literal(value: Any) -> str:
    """One TOML value, quoted by tomli-w; short lists of text kept on one line."""
    if isinstance(value, list):
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    return tomli_w.dumps({"v": value}, multiline_strings=True).removeprefix("v = ").rstrip("\n")


def _table(header: str, values: dict[str, Any], indent: str = "") -> str:
    lines = [f"{indent}[[{header}]]"]
    lines += [f"{indent}{key} = {_literal(value)}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


def program_to_toml(program: Program) -> str:
    """The program in the format :func:`load_program_file` reads, archived records left out."""
    children = [c for c in program.children if not c.archived]
    child_ids = {c.id for c in children}
    routines = [r for r in program.routines if not r.archived]
    routine_ids = {r.id for r in routines}
    blocks: list[str] = [HEADER + f"format = {_literal(FORMAT)}\n"]
    goals = [g for g in program.goals if g.child in child_ids]
    starts = {g.created for g in goals}
    shared_start = starts.pop() if len(starts) == 1 else None
    if shared_start is not None:
        blocks[0] += f"start = {_literal(shared_start)}\n"
    for c in children:
        blocks.append(_table("children", {"id": c.id, "name": c.name, "color": c.color}))
    for caregiver in program.caregivers:
        if not caregiver.archived:
            blocks.append(_table("caregivers", {"id": caregiver.id, "name": caregiver.name}))
    for t in program.therapists:
        if not t.archived:
            therapist: dict[str, Any] = {
                "id": t.id,
                "name": t.name,
                "discipline": t.discipline.value,
                "children": [c for c in t.children if c in child_ids],
            }
            if t.sessions:
                therapist["sessions"] = [d.value for d in t.sessions]
            blocks.append(_table("therapists", therapist))
    for r in routines:
        entry: dict[str, Any] = {"id": r.id, "name": r.name, "time": r.time.strftime("%H:%M")}
        if list(r.days) != list(ALL_WEEKDAYS):
            entry["days"] = [d.value for d in r.days]
        blocks.append(_table("routines", entry))
    for g in program.goals:
        if g.child not in child_ids:
            continue
        goal: dict[str, Any] = {
            "id": g.id,
            "child": g.child,
            "discipline": g.discipline.value,
            "title": g.title,
            "target": g.target,
        }
        if shared_start is None:
            goal["start"] = g.created
        if not g.active:
            goal["status"] = g.status.value
            goal["met"] = g.met_on if g.status is GoalStatus.MET else None
        block = _table("goals", _without_empty(goal, "target", "start", "met"))
        if g.mastery is not None:
            mastery: dict[str, Any] = {"percent": g.mastery.percent, "days": g.mastery.days}
            if g.mastery.level is not None:
                mastery["level"] = g.mastery.level.value
            block += "\n  [goals.mastery]\n" + "".join(f"  {k} = {_literal(v)}\n" for k, v in mastery.items())
        for s in program.strategies:
            if s.goal != g.id or s.archived:
                continue
            strategy = {
                "id": s.id,
                "title": s.title,
                "how": s.how,
                "cue": s.cue,
                "visual": s.visual,
                "dose": s.dose,
                "minutes": s.minutes,
                "routines": [r for r in s.routines if r in routine_ids],
            }
            block += "\n" + _table("goals.strategies", _without_empty(strategy, "how", "cue", "visual", "dose"), "  ")
        blocks.append(block)
    return "\n".join(blocks)
