"""The family's home program and its history, as records that pydantic validates.

No Textual here: everything a screen shows is computed from these, so a test can
check it without a terminal. Each record has a stable ``id`` made when it is created.
Records are dataclasses validated by pydantic (see records.py for why not ``BaseModel``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from datetime import date, datetime, time
from enum import Enum
from typing import Annotated

from .constraints import Check, Constraints
from .ids import ID_PATTERN, entry_id
from .media_link import MediaLink
from .records import Record as Record  # the base of every record, for code taking any of them
from .text import Emoji, KidTitle, Line, LongText, Name, RequiredLine, RequiredLongText

Id = Annotated[str, Constraints(pattern=ID_PATTERN)]
Minutes = Annotated[int, Constraints(ge=0, le=240)]
Trials = Annotated[int, Constraints(ge=0, le=1000)]
TrialsTotal = Annotated[int, Constraints(ge=1, le=1000)]
SettingMinutes = Annotated[int, Constraints(ge=1, le=240)]
Addressee = Annotated[str, Constraints(pattern=r"^(OT|PT|SLP|[a-z0-9][a-z0-9_-]{0,79})$")]
"""Who a note is for: a therapist's id, or a discipline ("OT", "PT", "SLP")."""
Priority = Annotated[int, Constraints(ge=1, le=99)]
TimesPerWeek = Annotated[int, Constraints(ge=1, le=7)]


class Discipline(str, Enum):
    """The three therapies a home program comes from."""

    OT = "OT"
    PT = "PT"
    SLP = "SLP"

    @property
    def label(self) -> str:
        return {
            "OT": "Occupational therapy",
            "PT": "Physical therapy",
            "SLP": "Speech therapy",
        }[self.value]


class Assistance(str, Enum):
    """Levels of help, in the order clinicians use: least help first."""

    INDEPENDENT = "independent"
    VERBAL = "verbal"
    VISUAL = "visual"
    MODEL = "model"
    PARTIAL_PHYSICAL = "partial_physical"
    FULL_PHYSICAL = "full_physical"

    @property
    def label(self) -> str:
        return ASSISTANCE_LABELS[self]

    @property
    def rank(self) -> int:
        """0 for independent, growing with the help given."""
        return list(Assistance).index(self)


ASSISTANCE_LABELS = {
    Assistance.INDEPENDENT: "Independent",
    Assistance.VERBAL: "Verbal cue",
    Assistance.VISUAL: "Visual or gesture cue",
    Assistance.MODEL: "Model",
    Assistance.PARTIAL_PHYSICAL: "Partial physical help",
    Assistance.FULL_PHYSICAL: "Full physical (hand over hand)",
}


class Setting(str, Enum):
    """Where practice happened, in the order of generalization therapists look for."""

    HOME = "home"
    SCHOOL = "school"
    SOCIAL = "social"
    COMMUNITY = "community"

    @property
    def label(self) -> str:
        return SETTING_LABELS[self]


SETTING_LABELS = {
    Setting.HOME: "Home",
    Setting.SCHOOL: "School or daycare",
    Setting.SOCIAL: "Social (friends, family visits)",
    Setting.COMMUNITY: "Community (shops, park, errands)",
}


class Weekday(str, Enum):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @classmethod
    def of(cls, day: date) -> Weekday:
        return list(cls)[day.weekday()]


ALL_WEEKDAYS: tuple[Weekday, ...] = tuple(Weekday)


class Measure(str, Enum):
    """What a strategy measures, asked in the practice form and reported in Progress and the update."""

    TRIES = "tries"
    SECONDS = "seconds"
    STEPS = "steps"
    COUNT = "count"


class Side(str, Enum):
    """A side of the body timed on its own ("stand on one foot, each foot")."""

    LEFT = "left"
    RIGHT = "right"


Seconds = Annotated[int, Constraints(ge=0, le=3600)]
Count = Annotated[int, Constraints(ge=0, le=1000)]
StepIndex = Annotated[int, Constraints(ge=0, le=49)]
StepsTotal = Annotated[int, Constraints(ge=1, le=50)]


class PracticeStatus(str, Enum):
    """Done: practised as planned. Tried: had a go; it still counts as practice."""

    DONE = "done"
    TRIED = "tried"


class NoteKind(str, Enum):
    UPDATE = "update"
    OBSERVATION = "observation"
    QUESTION = "question"

    @property
    def label(self) -> str:
        return {
            "update": "Therapist update",
            "observation": "Observation",
            "question": "Question for the therapist",
        }[self.value]


class SkipReason(str, Enum):
    SICK = "sick"
    HOLIDAY = "holiday"
    CANCELLED = "cancelled"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "sick": "Sick day",
            "holiday": "Holiday",
            "cancelled": "Cancelled",
            "other": "Day off",
        }[self.value]


class Child(Record):
    id: Id
    """Stable id; references name it."""
    name: Name
    """The child's name as the family says it."""
    color: Line = "cyan"
    """A Textual/Rich colour name or #rrggbb, used to tell children apart at a glance."""
    archived: bool = False
    """Archived children keep their history but leave the day's checklist."""


class Caregiver(Record):
    id: Id
    name: Name
    """Who practises with the child: Mom, Grandpa Joe, the sitter."""
    archived: bool = False
    days: Annotated[list[Weekday], Check(_days_not_empty)] = field(default_factory=lambda: list(ALL_WEEKDAYS))
    """Weekdays this person is with the child (the sitter's Tuesday); every day unless the program says."""
    parent: bool = False
    """A parent: the cue cards for everyone else name the parents to call with a question."""


class Therapist(Record):
    id: Id
    name: Name
    discipline: Discipline
    children: list[Id] = field(default_factory=list)
    """Ids of the children this therapist sees."""
    archived: bool = False
    sessions: list[Weekday] = field(default_factory=list)
    """Weekdays the therapist sees the child; the report can cover the days since the last one."""
    help_levels: list[Assistance] = field(default_factory=list)
    """Her order of help, least help first, and only the levels she uses; empty: the usual six in order.

    "More help" and "less help", the cards and the practice form follow it for her goals
    (see :mod:`family_tui.domain.help_order`)."""


def _days_not_empty(days: list[Weekday]) -> list[Weekday]:
    if not days:
        raise ValueError("needs at least one day of the week")
    return sorted(set(days), key=list(Weekday).index)


class Routine(Record):
    id: Id
    name: Name
    """A moment of the family's day: Breakfast, Bath time."""
    time: time
    """Local time of day; orders the day and says which routine is due now."""
    days: Annotated[list[Weekday], Check(_days_not_empty)] = field(default_factory=lambda: list(ALL_WEEKDAYS))
    """Weekdays on which the routine happens."""
    order: int = 0
    """Tie-breaker for routines at the same time; set by reordering in the editor."""
    archived: bool = False

    def happens_on(self, day: date) -> bool:
        return Weekday.of(day) in self.days


class GoalStatus(str, Enum):
    """Where a goal stands. Met and paused goals leave Today; their history stays everywhere else."""

    ACTIVE = "active"
    MET = "met"
    PAUSED = "paused"


Percent = Annotated[int, Constraints(ge=1, le=100)]
MasteryDays = Annotated[int, Constraints(ge=1, le=30)]


class Maintenance(str, Enum):
    """How often a met goal is checked, so the therapist knows the skill is kept."""

    WEEKLY = "weekly"


class Mastery(Record):
    """When a goal counts as mastered, as the therapist writes it: 80% on 3 practised days in a row.

    The app only says when practice meets it; whether to move on is the therapist's call,
    so a goal is never marked met because of it.
    """

    percent: Percent
    """Tries correct out of all tries, at least this many percent on each of those days."""
    days: MasteryDays
    """On this many of the goal's last practised days, one after another."""
    level: Assistance | None = None
    """And with no more help than this on those days (None: any help)."""


class Goal(Record):
    id: Id
    child: Id
    discipline: Discipline
    title: Name
    """What the child is working towards, in the therapist's words."""
    target: Line = ""
    """How the therapist will know it is reached: "4 of 5 tries with no reminder"."""
    status: GoalStatus = GoalStatus.ACTIVE
    """Met and paused goals keep their history but leave the day's checklist."""
    met_on: date | None = None
    """The day the goal was met; read only while its status is met."""
    created: date | None = None
    """When the goal entered the program; progress counts planned days from here."""
    mastery: Mastery | None = None
    """When the therapist counts the goal as mastered; None when the program does not say."""
    maintenance: Maintenance | None = None
    """Once met, a check this often shows on Today ("keeping it up"); None: a met goal leaves Today."""

    @property
    def active(self) -> bool:
        """On the day's checklist: neither met nor paused."""
        return self.status is GoalStatus.ACTIVE

    @property
    def status_text(self) -> str:
        """Words for a met or paused goal ("met on Tue 1 Dec", "paused"), never a colour alone; "" when active."""
        if self.status is GoalStatus.MET:
            met = self.met_on
            said = f"met on {met:%a} {met.day} {met:%b}" if met is not None else "met"
            return f"{said}, keeping it up weekly" if self.maintenance is not None else said
        return "paused" if self.status is GoalStatus.PAUSED else ""


class EarlierCue(Record):
    """A cue the strategy had before, with the days it was in use: Progress and the update tell before from after."""

    cue: Line
    since: date | None = None
    """Its first day in use; None when it came with the program and nobody recorded when."""
    until: date
    """Its last day in use: the day before the next cue began."""
    by: Line = ""
    """Who gave it ("Ms. Park"); "" when it came with a program file."""


def _steps_not_too_many(steps: list[str]) -> list[str]:
    if len(steps) > 50:
        raise ValueError("has more than 50 steps")
    return steps


class Strategy(Record):
    id: Id
    goal: Id
    title: Name
    how: LongText = ""
    """How to do it, step by step."""
    cue: Line = ""
    """The therapist's exact cue words, so every caregiver says the same thing."""
    visual: Line = ""
    """A picture card, gesture or object that goes with the cue."""
    dose: Line = ""
    """How much: "5 tries", "1 flight"."""
    minutes: Minutes = 3
    """Usual minutes of practice; counts towards the daily target."""
    routines: list[Id] = field(default_factory=list)
    """The routines this practice is embedded in; one checklist item each."""
    uses_trials: bool = False
    """Whether the form asks for trials correct out of total (speech sounds)."""
    archived: bool = False
    kid_title: KidTitle = ""
    """The child's own words for it on the fridge chart ("Flamingo stand"); "" uses the title."""
    kid_emoji: Emoji = ""
    """A picture for it on the fridge chart ("🦩"), for a child who does not read yet."""
    media: MediaLink = ""
    """A link to a page or video showing how it is done; printed as a QR code on paper."""
    # Issue 26: fitting the day (the therapist's order, and a plan that is not every day).
    priority: Priority | None = None
    """The therapist's order, 1 first: a short day offers the lowest numbers; None comes after every number."""
    times_per_week: TimesPerWeek | None = None
    """Practised this many times a week in any of its routines, then done for the week; None: every time."""
    cue_since: date | None = None
    """The day the current cue began, when a reply or a file changed it; None: as the program began."""
    cue_by: Line = ""
    """The therapist whose reply gave the current cue ("" when it came with a program file)."""
    earlier_cues: list[EarlierCue] = field(default_factory=list)
    """The cues it had before, oldest first, each with the days it was in use."""
    # -- what it measures (issue 26) --
    measure: Measure | None = None
    """Seconds, steps or a count; tries are ``uses_trials`` (kept as older records have it), so
    ``measure`` is None when it is set: read :attr:`measured`."""
    sides: list[Side] = field(default_factory=list)
    """With seconds: the sides timed one by one (``["left", "right"]``); empty: one time."""
    steps: Annotated[list[RequiredLine], Check(_steps_not_too_many)] = field(default_factory=list)
    """With steps: the task broken into steps, in order; the form asks which were done on her own."""

    @property
    def measured(self) -> Measure | None:
        """What the practice form asks for: tries when ``uses_trials``, else ``measure``."""
        return Measure.TRIES if self.uses_trials else self.measure


class PracticeEntry(Record):
    """One strategy practised (or tried) in one routine on one day."""

    id: Id = field(default_factory=entry_id)
    date: date
    """The family day it belongs to (see ``clock.family_day``)."""
    child: Id
    strategy: Id
    routine: Id
    status: PracticeStatus = PracticeStatus.DONE
    assistance: Assistance | None = None
    setting: Setting = Setting.HOME
    caregiver: Id | None = None
    minutes: Minutes = 0
    trials_correct: Trials | None = None
    trials_total: TrialsTotal | None = None
    # -- measures of seconds, steps and counts (issue 26) --
    seconds: Seconds | None = None
    """Seconds held, for a strategy timed without sides."""
    seconds_left: Seconds | None = None
    seconds_right: Seconds | None = None
    steps_alone: list[StepIndex] | None = None
    """Which steps (0 for the first) were done on her own; with ``steps_total``."""
    steps_total: StepsTotal | None = None
    """How many steps the task had that day, so a changed list keeps old days' "4 of 6"."""
    counted: Count | None = None
    """How many, for a strategy that counts (catches, jumps)."""
    note: LongText = ""
    created_at: datetime
    updated_at: datetime

    def __post_init__(self) -> None:
        """Run by pydantic after the fields are valid: the trials must agree with each other."""
        if (self.trials_correct is None) != (self.trials_total is None):
            raise ValueError("trials need both a number correct and a total")
        if self.trials_correct is not None and self.trials_total is not None:
            if self.trials_correct > self.trials_total:
                raise ValueError(f"{self.trials_correct} correct out of {self.trials_total} is more than the total")
        if (self.steps_alone is None) != (self.steps_total is None):
            raise ValueError("steps need both the steps done on her own and how many steps there were")
        if self.steps_alone is not None and self.steps_total is not None:
            if any(i >= self.steps_total for i in self.steps_alone):
                raise ValueError(f"a step done on her own is past the last of {self.steps_total} steps")

    @property
    def key(self) -> tuple[dt.date, str, str, str]:  # ``date`` is a field here
        """One checklist item on one day: at most one entry each."""
        return (self.date, self.child, self.strategy, self.routine)


class Note(Record):
    """A therapist update, an observation, or a question for the therapist."""

    id: Id = field(default_factory=entry_id)
    kind: NoteKind
    child: Id | None = None
    """None: about the whole family."""
    author: Name
    text: RequiredLongText
    created_at: datetime
    updated_at: datetime
    answer: LongText = ""
    """For a question: what the therapist answered."""
    answered_at: datetime | None = None
    answered_by: Line = ""
    """Who answered: a therapist's name, or the caregiver who wrote the answer down."""
    answered_via_reply: date | None = None
    """The date of the therapist's reply file the answer came in; None: a parent typed it."""
    addressed_to: Addressee | None = None
    """A therapist's id or a discipline; None: everyone who sees the child (see domain/addressing.py)."""

    @property
    def is_open_question(self) -> bool:
        return self.kind is NoteKind.QUESTION and self.answered_at is None


class Win(Record):
    """A small success worth celebrating and telling the therapist about."""

    id: Id = field(default_factory=entry_id)
    child: Id
    goal: Id | None = None
    text: RequiredLongText
    setting: Setting = Setting.HOME
    when: datetime
    who: Name


class SkipDay(Record):
    """A day that counts as neither practised nor missed: sick, holiday, cancelled."""

    id: Id = field(default_factory=entry_id)
    date: date
    child: Id | None = None
    """None: the whole family."""
    reason: SkipReason = SkipReason.SICK
    note: Line = ""


class Settings(Record):
    """The family's preferences; one record."""

    daily_minutes_target: SettingMinutes = 10
    day_start: time = time(0, 0)
    """When one family day ends and the next begins (03:00 for late bedtimes)."""
    caregiver: Id | None = None
    """Who was practising, as earlier versions kept it: one answer for every copy of the app.

    Now only the default of a computer where nobody has been chosen yet: each running
    copy keeps its own choice, remembered outside the family's data (see
    ``family_tui.usecases.practising``).
    """
    parent_idle_minutes: SettingMinutes = 10
    """Parent mode locks again after this many minutes without a key press."""
    kiosk_idle_minutes: SettingMinutes = 5
    """The kiosk returns to Today after this many idle minutes."""
    theme: str = "textual-dark"
    assistance_levels: list[Assistance] = field(default_factory=lambda: list(Assistance))
    """The levels of assistance offered in the practice form."""
    routine_bell: bool = False
    """Ring the terminal's bell with the notice that a routine's time has come (off: the notice alone)."""
    pin_hash: str | None = None
    """scrypt hash of the parent PIN, with its salt; never the PIN itself."""
    short_day_from: time | None = None
    """From this time, when most of the day is still open, Today offers the short day (None: never)."""


class Program(Record):
    """The home program: who, when, and what to practise."""

    children: list[Child] = field(default_factory=list)
    caregivers: list[Caregiver] = field(default_factory=list)
    therapists: list[Therapist] = field(default_factory=list)
    routines: list[Routine] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    strategies: list[Strategy] = field(default_factory=list)

    def child(self, child_id: str) -> Child | None:
        return next((c for c in self.children if c.id == child_id), None)

    def goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)

    def routine(self, routine_id: str) -> Routine | None:
        return next((r for r in self.routines if r.id == routine_id), None)

    def strategy(self, strategy_id: str) -> Strategy | None:
        return next((s for s in self.strategies if s.id == strategy_id), None)

    def caregiver(self, caregiver_id: str | None) -> Caregiver | None:
        return next((c for c in self.caregivers if c.id == caregiver_id), None)


RECORD_TYPES: tuple[type[Record], ...] = (
    Child,
    Caregiver,
    Therapist,
    Routine,
    Goal,
    Strategy,
    PracticeEntry,
    Note,
    Win,
    SkipDay,
    Settings,
)
"""Every kind of stored record, for building their validators ahead of the first key press.

(Not :class:`Program`: the store makes it from records already checked.)"""
