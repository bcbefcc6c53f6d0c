"""One small form per kind of thing in the program.

Every form checks its values with the pydantic model itself and shows each problem
on the line under its field, so the rules live in one place (``models.py``).
A form returns a :class:`FormResult` (the record, plus any new goal made for it) or
None when cancelled; the editor screen does the saving.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from family_tui.widgets.colour import safe_colour
from family_tui.widgets.marks import MarkedCheckbox, MarkedSelectionList

from ...domain.child_colours import PALETTE, next_colour
from ...domain.field_errors import GENERAL, field_messages, normalise_time
from ...domain.help_order import levels_text, parse_levels
from ...domain.library import LibraryStrategy
from ...domain.models import (
    Discipline,
    Goal,
    GoalStatus,
    Maintenance,
    Program,
    Record,
    Routine,
    Weekday,
)
from ...domain.program_edit import KIND_BY_KEY, Kind, display_name, make_id
from ..family import family_of
from ..form_base import FormScreen, error_line, field_row, form_error_line
from .measure_fields import measure_rows, measure_values, show_measure_fields, steps_missing

CHILD_COLOURS = tuple(
    dict.fromkeys((*PALETTE, "magenta", "green", "blue", "pink", "purple", "teal", "coral", "gold", "turquoise"))
)
"""Colours offered for a child: first those readable on the cursor bar in 16 colours too."""

DAY_LABELS = {
    Weekday.MON: "Mo",
    Weekday.TUE: "Tu",
    Weekday.WED: "We",
    Weekday.THU: "Th",
    Weekday.FRI: "Fr",
    Weekday.SAT: "Sa",
    Weekday.SUN: "Su",
}
NEW_GOAL = "new-goal:"


def colour_options(current: str | None) -> list[tuple[Content, str]]:
    colours = list(CHILD_COLOURS)
    if current and current not in colours:
        colours.insert(0, current)
    return [(Content.assemble(("● ", safe_colour(c)), c), c) for c in colours]


def goal_label(program: Program, goal: Goal) -> Content:
    child = program.child(goal.child)
    return Content.assemble((child.name if child else goal.child, "bold"), f" · {goal.discipline.value} · ", goal.title)


def routine_label(routine: Routine) -> Content:
    parts: list[str | tuple[str, str]] = [(f"{routine.time:%H:%M} ", "bold"), routine.name]
    if routine.archived:
        parts.append(("  archived", "dim italic"))
    return Content.assemble(*parts)


class SpacedErrors:
    """Each field's error line doubles as the blank line under it, so a message sits right below its field."""

    def show_error(self, error_id: str, message: str) -> None:
        widget = self.query_one(f"#{error_id}", Static)  # type: ignore[attr-defined]
        widget.update(Content(message))
        widget.display = bool(message) or not widget.has_class("form-error")

    def clear_errors(self) -> None:
        for widget in self.query(".field-error").results(Static):  # type: ignore[attr-defined]
            widget.update(Content(""))
            widget.display = not widget.has_class("form-error")


@dataclass
class FormResult:
    record: Record
    """The record to save; on add it carries its new id."""
    extras: list[Record] = field(default_factory=list)
    """Records to save with it (a goal made for a library strategy)."""


class RecordForm(SpacedErrors, FormScreen):
    """Base of the editor's forms: labelled fields, model validation, errors by field."""

    KIND: ClassVar[str]
    LABELS: ClassVar[dict[str, str]]
    INTRO: ClassVar[str] = ""

    def __init__(
        self,
        program: Program,
        record: Any | None = None,
        *,
        preset: dict[str, Any] | None = None,
        heading: str | None = None,
        intro: str | None = None,
    ) -> None:
        super().__init__()
        self.program = program
        self.record = record
        self.preset = dict(preset or {})
        kind = self.kind
        self.heading = heading or (
            f"Edit {kind.singular}: {display_name(record)}" if record is not None else f"Add a {kind.singular}"
        )
        self.intro_text = intro if intro is not None else self.INTRO

    @property
    def kind(self) -> Kind:
        return KIND_BY_KEY[self.KIND]

    def initial(self, name: str, default: Any = "") -> Any:
        if self.record is not None:
            return getattr(self.record, name)
        return self.preset.get(name, default)

    # -- building ------------------------------------------------------------------

    BOX_CLASSES = "editor-form"

    def box_title(self) -> Content:
        return Content(self.heading)

    @property
    def draft_key(self) -> tuple[Hashable, ...]:
        return (self.KIND, self.record.id if self.record is not None else None)

    def intro(self) -> ComposeResult:
        if self.intro_text:
            yield Static(Content(self.intro_text), classes="form-title")
        yield form_error_line()

    def row(self, name: str, widget: Widget) -> ComposeResult:
        yield field_row(self.LABELS[name], widget)
        yield error_line(f"{name}-error")

    def text_input(self, name: str, *, placeholder: str = "", value: str | None = None, **kwargs: Any) -> ComposeResult:
        text = self.initial(name, "") if value is None else value
        yield from self.row(name, Input(str(text), id=f"f-{name}", compact=True, placeholder=placeholder, **kwargs))

    def on_mount(self) -> None:
        for widget in self.query(".field-row > *"):
            if widget.focusable:
                widget.focus()
                break

    # -- reading and checking --------------------------------------------------------

    def value_of(self, name: str) -> Any:
        widget = self.query_one(f"#f-{name}")
        if isinstance(widget, Input):
            return widget.value
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        if isinstance(widget, SelectionList):
            return list(widget.selected)
        if isinstance(widget, Checkbox):
            return widget.value
        raise TypeError(widget)

    def read(self) -> dict[str, Any]:
        return {name: self.value_of(name) for name in self.LABELS}

    def extra_records(self, values: dict[str, Any]) -> list[Record]:
        return []

    def action_save(self) -> None:
        self.clear_errors()
        values = self.read()
        extras = self.extra_records(values)
        data = self.record.model_dump() if self.record is not None else dict(self.preset)
        data.update(values)
        if self.record is None:
            data["id"] = make_id(self.program, self.kind, str(values.get("name") or values.get("title") or ""))
        try:
            record = self.kind.model.model_validate(data)
        except ValidationError as error:
            self.show_problems(field_messages(error, self.LABELS))
            return
        self.dismiss(FormResult(record, extras))

    def show_problems(self, problems: dict[str, str]) -> None:
        focused = False
        for name, message in problems.items():
            if name == GENERAL:
                self.show_error("form-error", message)
                continue
            self.show_error(f"{name}-error", message)
            if not focused:
                widgets = self.query(f"#f-{name}")
                if widgets:
                    widgets.first().focus()
                    widgets.first().scroll_visible()
                    focused = True


class ChildForm(RecordForm):
    KIND = "children"
    LABELS = {"name": "Name", "color": "Colour"}
    INTRO = "The child's name as the family says it, and a colour to tell children apart at a glance."

    def fields(self) -> ComposeResult:
        yield from self.text_input("name", placeholder="e.g. Leo")
        current = self.initial("color", "") or next_colour(c.color for c in self.program.children if not c.archived)
        yield from self.row(
            "color", Select(colour_options(current), value=current, allow_blank=False, id="f-color", compact=True)
        )


class CaregiverForm(RecordForm):
    KIND = "caregivers"
    LABELS = {"name": "Name"}
    INTRO = "Someone who practises with the children: Mom, Grandpa Joe, the sitter."

    def fields(self) -> ComposeResult:
        yield from self.text_input("name", placeholder="e.g. Grandpa Joe")


def day_boxes(label: str, chosen: set[Weekday]) -> ComposeResult:
    """A checkbox per weekday (ids ``day-mon``...), the days in ``chosen`` ticked."""
    with Horizontal(classes="field-row"):
        yield Label(label, classes="field-label", markup=False)
        with Horizontal(classes="day-boxes"):
            for day in Weekday:
                yield MarkedCheckbox(DAY_LABELS[day], day in chosen, id=f"day-{day.value}", compact=True)


class TherapistForm(RecordForm):
    KIND = "therapists"
    LABELS = {
        "name": "Name",
        "discipline": "Therapy",
        "children": "Sees",
        "sessions": "Sessions",
        "help_levels": "Help order",
    }
    INTRO = "A therapist whose home program you follow; the weekly update is written for them."

    def fields(self) -> ComposeResult:
        yield from self.text_input("name", placeholder="e.g. Ms. Rivera")
        yield from self.row(
            "discipline",
            Select(
                [(Content(d.label), d) for d in Discipline],
                value=self.initial("discipline", Discipline.SLP),
                allow_blank=False,
                id="f-discipline",
                compact=True,
            ),
        )
        chosen = set(self.initial("children", []) or [])
        yield from self.row(
            "children",
            MarkedSelectionList(
                *[
                    (Content(c.name), c.id, c.id in chosen)
                    for c in self.program.children
                    if not c.archived or c.id in chosen
                ],
                id="f-children",
                compact=True,
            ),
        )
        yield from day_boxes(self.LABELS["sessions"], set(self.initial("sessions", []) or []))
        yield error_line("sessions-error")
        yield from self.text_input(
            "help_levels",
            value=levels_text(self.initial("help_levels", []) or []),
            placeholder="least help first; empty: the usual six",
        )

    def read(self) -> dict[str, Any]:
        values = {name: self.value_of(name) for name in ("name", "discipline", "children")}
        values["sessions"] = [day for day in Weekday if self.query_one(f"#day-{day.value}", Checkbox).value]
        values["help_levels"] = parse_levels(self.value_of("help_levels"))  # action_save checked it first
        return values

    def action_save(self) -> None:
        """Her order of help is typed as words: a word that is not a level is said under the field."""
        try:
            parse_levels(self.value_of("help_levels"))
        except ValueError as error:
            self.clear_errors()
            self.show_problems({"help_levels": str(error)})
            return
        super().action_save()


class RoutineForm(RecordForm):
    KIND = "routines"
    LABELS = {"name": "Name", "time": "Time", "days": "Days"}
    INTRO = "A moment that already happens in your day. Practice is embedded in routines, not added on top."

    def fields(self) -> ComposeResult:
        yield from self.text_input("name", placeholder="e.g. Bath time")
        when = self.initial("time", None)
        yield from self.text_input("time", placeholder="HH:MM, e.g. 18:30", value=f"{when:%H:%M}" if when else "")
        yield from day_boxes(self.LABELS["days"], set(self.initial("days", list(Weekday)) or []))
        yield error_line("days-error")

    def read(self) -> dict[str, Any]:
        return {
            "name": self.value_of("name"),
            "time": normalise_time(self.value_of("time")),
            "days": [day for day in Weekday if self.query_one(f"#day-{day.value}", Checkbox).value],
        }

    def show_problems(self, problems: dict[str, str]) -> None:
        super().show_problems(problems)
        if "days" in problems and len(problems) == 1:
            self.query_one("#day-mon", Checkbox).focus()


GOAL_STATUS_WORDS = {
    GoalStatus.ACTIVE: "Active: on Today",
    GoalStatus.MET: "Met: off Today, history kept",
    GoalStatus.PAUSED: "Paused: off Today, history kept",
}


NO_MAINTENANCE = "none"
MAINTENANCE_WORDS: dict[Maintenance | str, str] = {
    NO_MAINTENANCE: "Leaves Today",
    Maintenance.WEEKLY: "A check a week: keeping it up",
}


class GoalForm(RecordForm):
    KIND = "goals"
    LABELS = {
        "child": "Child",
        "discipline": "Therapy",
        "title": "Goal",
        "target": "Reached when",
        "created": "Starts on",
        "status": "Status",
        "met_on": "Met on",
        "maintenance": "Once met",
    }
    INTRO = "What a child is working towards, in the therapist's words. Strategies are the ways you practise it."

    def read(self) -> dict[str, Any]:
        values = super().read()
        # Empty: no start date, the goal is planned on every day shown.
        values["created"] = values["created"].strip() or None
        values["met_on"] = values["met_on"].strip() or None
        if values["maintenance"] == NO_MAINTENANCE:
            values["maintenance"] = None
        if values["status"] is GoalStatus.MET and values["met_on"] is None:
            values["met_on"] = family_of(self.app).family_today()
        return values

    def fields(self) -> ComposeResult:
        current = self.initial("child", None)
        children = [c for c in self.program.children if not c.archived or c.id == current]
        yield from self.row(
            "child",
            Select(
                [(Content(c.name), c.id) for c in children],
                value=current if current in {c.id for c in children} else children[0].id,
                allow_blank=False,
                id="f-child",
                compact=True,
            ),
        )
        yield from self.row(
            "discipline",
            Select(
                [(Content(d.label), d) for d in Discipline],
                value=self.initial("discipline", Discipline.SLP),
                allow_blank=False,
                id="f-discipline",
                compact=True,
            ),
        )
        yield from self.text_input("title", placeholder="e.g. Say /s/ at the start of words")
        yield from self.text_input("target", placeholder="e.g. 4 of 5 tries with no reminder")
        start = self.initial("created", None)
        yield from self.text_input(
            "created", placeholder="year-month-day, e.g. 2026-11-30", value=start.isoformat() if start else ""
        )
        yield from self.row(
            "status",
            Select(
                [(Content(text), status) for status, text in GOAL_STATUS_WORDS.items()],
                value=self.initial("status", GoalStatus.ACTIVE),
                allow_blank=False,
                id="f-status",
                compact=True,
            ),
        )
        met = self.initial("met_on", None)
        yield from self.text_input("met_on", placeholder="when met; empty: today", value=met.isoformat() if met else "")
        yield from self.row(
            "maintenance",
            Select(
                [(Content(text), value) for value, text in MAINTENANCE_WORDS.items()],
                value=self.initial("maintenance", None) or NO_MAINTENANCE,
                allow_blank=False,
                id="f-maintenance",
                compact=True,
            ),
        )


class StrategyForm(RecordForm):
    KIND = "strategies"
    LABELS = {
        "goal": "For goal",
        "title": "Title",
        "how": "How",
        "cue": "Cue words",
        "visual": "Visual",
        "dose": "How much",
        "minutes": "Minutes",
        "routines": "Practise at",
        "priority": "Priority",
        "times_per_week": "Times a week",
        "measure": "Measure",
        "sides": "Sides",
        "steps": "Steps",
    }
    INTRO = "One way of practising a goal, embedded in one or more routines: one checklist item each."

    def __init__(
        self,
        program: Program,
        record: Any | None = None,
        *,
        library: LibraryStrategy | None = None,
        today: Any = None,
        **kwargs: Any,
    ) -> None:
        self.library = library
        self.today = today
        super().__init__(program, record, **kwargs)

    @property
    def draft_key(self) -> tuple[Hashable, ...]:
        """A strategy copied from the library is its own draft: its fields come from the idea."""
        return (*super().draft_key, self.library.id if self.library is not None else None)

    def goal_options(self) -> list[tuple[Content, str]]:
        current = self.initial("goal", None)
        options = [
            (goal_label(self.program, g), g.id)
            for g in self.program.goals
            if (g.active and (child := self.program.child(g.child)) is not None and not child.archived)
            or g.id == current
        ]
        if self.library is not None:
            skill = self.library.skill or self.library.title
            for child in self.program.children:
                if not child.archived:
                    options.append(
                        (
                            Content.assemble(
                                ("New goal ", "italic"),
                                (child.name, "bold"),
                                f" · {self.library.discipline.value} · {skill}",
                            ),
                            NEW_GOAL + child.id,
                        )
                    )
        return options

    def fields(self) -> ComposeResult:
        options = self.goal_options()
        current = self.initial("goal", None)
        values = [value for _, value in options]
        if current not in values and self.library is not None:
            same = [g.id for g in self.program.goals if g.id in values and g.discipline is self.library.discipline]
            current = same[0] if same else next((v for v in values if v.startswith(NEW_GOAL)), None)
        yield from self.row(
            "goal",
            Select(
                options,
                value=current if current in values else (values[0] if values else Select.NULL),
                allow_blank=not values,
                id="f-goal",
                compact=True,
            ),
        )
        yield from self.text_input("title", placeholder="e.g. S-words at breakfast")
        yield Label(self.LABELS["how"], classes="field-label")
        yield TextArea(self.initial("how", ""), id="f-how", classes="how-input")
        yield error_line("how-error")
        yield from self.text_input("cue", placeholder="the exact words every caregiver says")
        yield from self.text_input("visual", placeholder="picture card, gesture or object (optional)")
        yield from self.text_input("dose", placeholder="e.g. 5 tries")
        yield from self.text_input("minutes", value=str(self.initial("minutes", 3)), type="integer")
        chosen = list(self.initial("routines", []) or [])
        yield from self.row(
            "routines",
            MarkedSelectionList(
                *[
                    (routine_label(r), r.id, r.id in chosen)
                    for r in sorted(self.program.routines, key=lambda r: (r.time, r.order, r.name))
                    if not r.archived or r.id in chosen
                ],
                id="f-routines",
                compact=True,
            ),
        )
        yield from measure_rows(self)
        for name, hint in (
            ("priority", "the therapist's order: 1 first (optional)"),
            ("times_per_week", "e.g. 3: in any of its routines (empty: every time)"),
        ):
            value = self.initial(name, None)
            yield from self.text_input(name, value="" if value is None else str(value), placeholder=hint)

    def clear_errors(self) -> None:
        super().clear_errors()
        show_measure_fields(self)  # the blank error lines of hidden sides and steps stay hidden

    @on(Select.Changed, "#f-measure")
    def _measure_changed(self) -> None:
        show_measure_fields(self)

    def read(self) -> dict[str, Any]:
        values = super().read()
        values["goal"] = values["goal"] or ""
        for name in ("priority", "times_per_week"):  # left empty: not set
            values[name] = str(values[name]).strip() or None
        return measure_values(values)

    def action_save(self) -> None:
        if steps_missing(self, self.read()):
            return
        super().action_save()

    def extra_records(self, values: dict[str, Any]) -> list[Record]:
        goal_value = values["goal"]
        if not goal_value.startswith(NEW_GOAL) or self.library is None:
            return []
        child = goal_value[len(NEW_GOAL) :]
        goal_id = make_id(self.program, KIND_BY_KEY["goals"], self.library.skill or self.library.title)
        values["goal"] = goal_id
        return [self.library.to_goal(goal_id, child, self.today)]


FORMS: dict[str, type[RecordForm]] = {
    form.KIND: form for form in (ChildForm, CaregiverForm, TherapistForm, RoutineForm, GoalForm, StrategyForm)
}


__all__ = [
    "FORMS",
    "FormResult",
    "RecordForm",
    "SpacedErrors",
    "StrategyForm",
    "goal_label",
    "routine_label",
]
