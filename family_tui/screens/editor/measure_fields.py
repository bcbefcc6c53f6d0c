"""The strategy form's measure: tries, seconds (with sides), steps (one a line) or a count.

The program file's ``measure``, ``sides`` and ``steps`` (issue 26). Tries stay in the
record's older ``uses_trials``; the form shows one choice for all four. Sides show only
for seconds and steps only for steps, so the form stays as short as the choice allows.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, Select, TextArea

from family_tui.widgets.marks import MarkedSelectionList

from ...domain.models import Measure, Side
from ..form_base import error_line

NO_MEASURE = "none"
MEASURE_WORDS: dict[Measure | str, str] = {
    NO_MEASURE: "Nothing measured",
    Measure.TRIES: "Tries correct out of total",
    Measure.SECONDS: "Seconds held",
    Measure.STEPS: "Steps done on their own",
    Measure.COUNT: "A count (catches, jumps)",
}
"""What the practice form asks for (the program file's ``measure``)."""


def measure_rows(form: Any) -> ComposeResult:
    """The measure, its sides and its steps, for a :class:`~.forms.StrategyForm`."""
    measured = Measure.TRIES if form.initial("uses_trials", False) else form.initial("measure", None)
    yield from form.row(
        "measure",
        Select(
            [(Content(text), value) for value, text in MEASURE_WORDS.items()],
            value=measured or NO_MEASURE,
            allow_blank=False,
            id="f-measure",
            compact=True,
        ),
    )
    # Shown as show_measure_fields would show them, from the first frame on.
    sides = list(form.initial("sides", []) or [])
    for widget in form.row(
        "sides",
        MarkedSelectionList(
            *[(f"{side.value.capitalize()}, timed on its own", side, side in sides) for side in Side],
            id="f-sides",
            compact=True,
        ),
    ):
        widget.display = measured is Measure.SECONDS
        yield widget
    steps = (
        Label(form.LABELS["steps"], classes="field-label", id="steps-label"),
        TextArea("\n".join(form.initial("steps", []) or []), id="f-steps", classes="how-input"),
        error_line("steps-error"),
    )
    for widget in steps:
        widget.display = measured is Measure.STEPS
        yield widget


def show_measure_fields(form: Screen[Any]) -> None:
    """Sides only for seconds, steps only for steps."""
    measure = form.query_one("#f-measure", Select).value
    sides_row = form.query_one("#f-sides").parent
    if sides_row is not None:
        sides_row.display = measure is Measure.SECONDS
    form.query_one("#sides-error").display = measure is Measure.SECONDS
    for widget_id in ("#steps-label", "#f-steps", "#steps-error"):
        form.query_one(widget_id).display = measure is Measure.STEPS


def measure_values(values: dict[str, Any]) -> dict[str, Any]:
    """The form's one choice as the record's fields; sides and steps kept only with their measure."""
    measure = values.pop("measure")
    values["uses_trials"] = measure is Measure.TRIES
    values["measure"] = measure if measure in (Measure.SECONDS, Measure.STEPS, Measure.COUNT) else None
    values["sides"] = values["sides"] if measure is Measure.SECONDS else []
    steps = [line.strip() for line in values["steps"].splitlines() if line.strip()]
    values["steps"] = steps if measure is Measure.STEPS else []
    return values


def steps_missing(form: Any, values: dict[str, Any]) -> bool:
    """A steps measure with no steps: says so under the steps (nothing else is checked yet)."""
    if values["measure"] is not Measure.STEPS or values["steps"]:
        return False
    form.clear_errors()
    form.show_error("steps-error", "Write the steps, one a line, to tick those done on their own.")
    form.query_one("#f-steps", TextArea).focus()
    return True
