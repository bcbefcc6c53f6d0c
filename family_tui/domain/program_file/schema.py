"""The shape of a home-program file: each entry's keys, and the values each key takes."""

from __future__ import annotations

import re
from datetime import date, datetime
from datetime import time as dtime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..media_link import MediaLink
from ..models import (
    ALL_WEEKDAYS,
    Assistance,
    Discipline,
    GoalStatus,
    Maintenance,
    Measure,
    Side,
    Weekday,
)
from ..text import LINE_MAX, Emoji, KidTitle, Line, LongText, Name, find_control_character
from .errors import shown

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
_DAY_NAMES = {
    "monday": "mon",
    "tuesday": "tue",
    "wednesday": "wed",
    "thursday": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
}


# -- the file's shape -----------------------------------------------------------------


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _ChildEntry(_Entry):
    id: str | None = None
    name: Name
    color: Line | None = None
    """Left out: a colour no other child has (see ``domain/child_colours.py``)."""

    @field_validator("color")
    @classmethod
    def _known_colour(cls, value: str | None) -> str | None:
        if value is None or _HEX_COLOR.match(value) or value.lower() in COLOR_NAMES:
            return value
        raise ValueError(
            f"{shown(value)} is not a colour family-tui knows; use #rrggbb or one of: {', '.join(COLOR_NAMES)}"
        )


class _CaregiverEntry(_Entry):
    id: str | None = None
    name: Name
    days: Any = Field(default=None, validate_default=True)
    """The weekdays this person is with the child, such as ["tue"]; left out, every day."""
    parent: bool = False
    """``parent = true``: named on the cue cards as whom to call with a question."""

    @field_validator("days")
    @classmethod
    def _days(cls, value: Any) -> list[Weekday]:
        return _days_or_every_day(value)


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
    raise ValueError(f"{shown(value)} is not a discipline; use OT, PT or SLP")


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
            wrong.append(shown(item))
    if wrong:
        what = "is not a day" if len(wrong) == 1 else "are not days"
        raise ValueError(f"{', '.join(wrong)} {what} of the week; use mon, tue, wed, thu, fri, sat, sun")
    return sorted(set(days), key=list(Weekday).index)


def _days_or_every_day(value: Any) -> list[Weekday]:
    """``days = ["mon", "wed"]`` of a routine or a caregiver; left out, every day (never none)."""
    if value is None:
        return list(ALL_WEEKDAYS)
    days = _weekdays(value)
    if not days:
        raise ValueError("needs at least one day of the week; leave days out for every day")
    return days


class _TherapistEntry(_Entry):
    id: str | None = None
    name: Name
    discipline: Any
    children: list[str] = Field(default_factory=list)
    sessions: Any = Field(default=None, validate_default=True)
    """The weekdays of the therapist's sessions with the child, such as ["tue"]."""
    help_levels: Any = Field(default=None, validate_default=True)
    """Her order of help, least help first, only the levels she uses; left out: the usual six."""

    @field_validator("help_levels")
    @classmethod
    def _help_levels(cls, value: Any) -> list[Assistance]:
        return [] if value is None else _help_order(value)

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
                f'{shown(value)} is not a time of day; write hours and minutes on a 24-hour clock, such as "07:15" or "18:30"'
            )
        raise ValueError('should be a time in quotes, such as "07:15"')

    @field_validator("days")
    @classmethod
    def _days(cls, value: Any) -> list[Weekday]:
        return _days_or_every_day(value)


class _StrategyEntry(_Entry):
    id: str | None = None
    title: Name
    how: LongText = ""
    cue: Line = ""
    visual: Line = ""
    dose: Line = ""
    minutes: int = Field(default=3, ge=0, le=240)
    routines: list[str] = Field(default_factory=list)
    kid_title: KidTitle = ""
    """The child's words for it on the fridge chart."""
    kid_emoji: Emoji = ""
    """One emoji for it on the fridge chart."""
    media: MediaLink = ""
    """An http(s) link to how it is done."""
    priority: Any = None
    """The therapist's order, 1 first (a short day offers the first ones)."""
    times_per_week: Any = None
    """Practised this many times a week in any of its routines (left out: each routine, each of its days)."""

    @field_validator("priority")
    @classmethod
    def _priority(cls, value: Any) -> int | None:
        if value is None or (isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 99):
            return value
        raise ValueError(f"{shown(value)} should be a whole number from 1 (first) to 99, such as priority = 1")

    @field_validator("times_per_week")
    @classmethod
    def _times_per_week(cls, value: Any) -> int | None:
        if value is None or (isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 7):
            return value
        raise ValueError(f"{shown(value)} should be a whole number from 1 to 7, such as times_per_week = 3")

    measure: Any = None
    """ "tries", "seconds", "steps", "count" or "none"; left out: tries for a speech goal, none for the others."""
    sides: Any = Field(default=None, validate_default=True)
    """With seconds: ``["left", "right"]``, each side timed on its own."""
    steps: Any = Field(default=None, validate_default=True)
    """With steps: the task's steps in order, such as ["Line up the button", "Push it through", "Pull"]."""

    @field_validator("measure")
    @classmethod
    def _known_measure(cls, value: Any) -> Measure | str | None:
        return _measure(value)

    @field_validator("sides")
    @classmethod
    def _known_sides(cls, value: Any) -> list[Side]:
        return [] if value is None else _sides(value)

    @field_validator("steps")
    @classmethod
    def _step_list(cls, value: Any) -> list[str]:
        return [] if value is None else _steps(value)

    @model_validator(mode="after")
    def _measure_fits(self) -> _StrategyEntry:
        if self.sides and self.measure is not Measure.SECONDS:
            raise ValueError('"sides" are the sides timed in seconds; add measure = "seconds", or leave sides out')
        if self.measure is Measure.STEPS and not self.steps:
            raise ValueError('measure = "steps" needs the steps, such as steps = ["Line up", "Push through", "Pull"]')
        if self.steps and self.measure is not Measure.STEPS:
            raise ValueError('"steps" are what measure = "steps" asks about; add it, or leave steps out')
        return self


NO_MEASURE = "none"
"""``measure = "none"``: nothing measured, even on a speech goal."""


def _measure(value: Any) -> Measure | str | None:
    if value is None:
        return None
    if isinstance(value, str):
        key = value.strip().lower()
        if key == NO_MEASURE:
            return NO_MEASURE
        if key in Measure._value2member_map_:
            return Measure(key)
    raise ValueError(f'{shown(value)} is not a measure; use "tries", "seconds", "steps", "count" or "none"')


def _sides(value: Any) -> list[Side]:
    if not isinstance(value, list) or not value:
        raise ValueError('should be a list of sides, such as ["left", "right"]')
    sides: list[Side] = []
    for item in value:
        key = item.strip().lower() if isinstance(item, str) else None
        if key not in Side._value2member_map_:
            raise ValueError(f'{shown(item)} is not a side; use "left" and "right"')
        if Side(key) in sides:
            raise ValueError(f"{shown(item)} is named twice; name each side once")
        sides.append(Side(key))
    return sides


def _steps(value: Any) -> list[str]:
    if not isinstance(value, list) or not value:
        raise ValueError('should be a list of steps in order, such as ["Line up", "Push through", "Pull"]')
    if len(value) > 50:
        raise ValueError(f"has {len(value)} steps; 50 at most")
    steps: list[str] = []
    for n, item in enumerate(value, start=1):
        if not isinstance(item, str) or not item.strip():
            raise ValueError(f'step {n} should be words in quotes, such as "Push it through"')
        if find_control_character(item, multiline=False) is not None or len(item) > LINE_MAX:
            raise ValueError(f"step {n} should be one line of at most {LINE_MAX} characters")
        steps.append(item.strip())
    return steps


def _assistance(value: Any) -> Assistance:
    """``"verbal"``, ``"Verbal cue"``, ``"partial physical"``: a level of help by its name or its label."""
    if isinstance(value, str):
        key = " ".join(value.strip().lower().replace("_", " ").replace("-", " ").split())
        for level in Assistance:
            if key in (level.value.replace("_", " "), level.label.lower()):
                return level
    names = ", ".join(f'"{level.value}"' for level in Assistance)
    raise ValueError(f"{shown(value)} is not a level of help; use one of {names}")


def _help_order(value: Any) -> list[Assistance]:
    """``help_levels = ["independent", "visual", "verbal"]``: her levels, least help first, each once."""
    if not isinstance(value, list) or not value:
        raise ValueError(
            'should be a list of the levels of help she uses, least help first, such as ["independent", "visual", "verbal"]'
        )
    levels: list[Assistance] = []
    for item in value:
        level = _assistance(item)
        if level in levels:
            raise ValueError(f"{shown(item)} is named twice; name each level of help once")
        levels.append(level)
    return levels


def _maintenance(value: Any) -> Maintenance | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip().lower() in Maintenance._value2member_map_:
        return Maintenance(value.strip().lower())
    raise ValueError(f'{shown(value)} is not how often to check a met goal; use "weekly" (or leave maintenance out)')


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
            f"{shown(value)} should be a whole number from 1 to 100 (percent correct), such as percent = 80"
        )

    @field_validator("days")
    @classmethod
    def _days(cls, value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 30:
            return value
        raise ValueError(f"{shown(value)} should be a whole number of practised days from 1 to 30, such as days = 3")

    @field_validator("level")
    @classmethod
    def _level(cls, value: Any) -> Assistance | None:
        return None if value is None else _assistance(value)


def _goal_status(value: Any) -> GoalStatus | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip().lower() in GoalStatus._value2member_map_:
        return GoalStatus(value.strip().lower())
    raise ValueError(f'{shown(value)} is not a goal status; use "active", "met" or "paused"')


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
    maintenance: Any = None
    """ "weekly": once met, one check a week shows on Today to keep the skill up."""
    strategies: list[_StrategyEntry] = Field(default_factory=list)

    @field_validator("start")
    @classmethod
    def _known_start(cls, value: Any) -> date | None:
        return _start_date(value)

    @field_validator("status")
    @classmethod
    def _known_status(cls, value: Any) -> GoalStatus | None:
        return _goal_status(value)

    @field_validator("maintenance")
    @classmethod
    def _known_maintenance(cls, value: Any) -> Maintenance | None:
        return _maintenance(value)

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


class ProgramFileSchema(_Entry):
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


KEYS_OF: dict[str, list[str]] = {
    "": list(ProgramFileSchema.model_fields),
    "children": list(_ChildEntry.model_fields),
    "caregivers": list(_CaregiverEntry.model_fields),
    "therapists": list(_TherapistEntry.model_fields),
    "routines": list(_RoutineEntry.model_fields),
    "goals": list(_GoalEntry.model_fields),
    "goals.strategies": list(_StrategyEntry.model_fields),
    "goals.mastery": list(_MasteryEntry.model_fields),
}

# What each kind of entry is called, and which key its id is made from.
NAME_KEY = {
    "children": "name",
    "caregivers": "name",
    "therapists": "name",
    "routines": "name",
    "goals": "title",
    "goals.strategies": "title",
}
