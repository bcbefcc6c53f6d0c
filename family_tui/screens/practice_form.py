"""Details of one practice: level of help, setting, who, minutes, trials, a note."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Label, TextArea

from family_tui.widgets.choice_field import ChoiceField
from family_tui.widgets.marks import MarkedSelectionList

from ..domain.models import (
    ASSISTANCE_LABELS,
    SETTING_LABELS,
    Assistance,
    Caregiver,
    Measure,
    PracticeStatus,
    Setting,
)
from ..domain.schedule import ChecklistItem
from ..domain.text import TEXT_MAX, find_control_character
from .form_base import FormScreen, error_line, field_row


class PracticeForm(FormScreen):
    """Returns the entry's field values, or None when cancelled."""

    BOX_TITLE = "Practice details"
    AUTO_FOCUS = "#status"
    """Straight to the first answer: focusing the scrolling box first, then the field,
    restyled the whole form twice before its first frame."""

    def __init__(
        self,
        item: ChecklistItem,
        defaults: dict[str, Any],
        caregivers: list[Caregiver],
        assistance_levels: list[Assistance],
        day: date | None = None,
    ) -> None:
        super().__init__()
        self.item = item
        self.day = day
        self.defaults = defaults
        self.caregivers = [c for c in caregivers if not c.archived]
        self.assistance_levels = assistance_levels or list(Assistance)
        # Last time's total is offered for the next count; left as offered with no correct
        # count, it means "no count this time", so a form saved unchanged always saves.
        self.offered_total = defaults.get("trials_total") if defaults.get("trials_correct") is None else None

    @property
    def draft_key(self) -> Hashable:
        return ("practice", self.item.key, self.day)

    def fields(self) -> ComposeResult:
        d = self.defaults
        item = self.item
        yield Label(
            Content.assemble((item.child.name, f"bold {item.child.color}"), "  ", (item.strategy.title, "bold")),
            classes="form-title",
        )
        yield field_row(
            "Result",
            ChoiceField(
                [("Done", PracticeStatus.DONE), ("Tried (had a go)", PracticeStatus.TRIED)],
                PracticeStatus(d["status"]),
                id="status",
            ),
        )
        yield field_row(
            "Help given",
            ChoiceField(
                [("Not noted", None), *((ASSISTANCE_LABELS[a], a) for a in self.assistance_levels)],
                d["assistance"] if d["assistance"] in self.assistance_levels else None,
                id="assistance",
            ),
        )
        yield field_row(
            "Where",
            ChoiceField([(SETTING_LABELS[s], s) for s in Setting], Setting(d["setting"]), id="setting"),
        )
        yield field_row(
            "Who",
            ChoiceField(
                [("Not noted", None), *((c.name, c.id) for c in self.caregivers)],
                d["caregiver"] if any(c.id == d["caregiver"] for c in self.caregivers) else None,
                id="caregiver",
            ),
        )
        yield field_row("Minutes", Input(str(d["minutes"] or 0), type="integer", id="minutes", compact=True))
        yield error_line("minutes-error")
        if self.asks_tries():
            yield field_row(
                "Correct",
                Input(
                    "" if d.get("trials_correct") is None else str(d["trials_correct"]),
                    type="integer",
                    id="trials-correct",
                    compact=True,
                    placeholder="e.g. 4",
                ),
            )
            yield field_row(
                "Out of",
                Input(
                    "" if d.get("trials_total") is None else str(d["trials_total"]),
                    type="integer",
                    id="trials-total",
                    compact=True,
                    placeholder="e.g. 5",
                ),
            )
            yield error_line("trials-error")
        yield from self.measure_fields()
        yield Label("Note", classes="field-label")
        yield TextArea(d.get("note") or "", id="note", classes="note-input")
        yield error_line("note-error")

    def asks_tries(self) -> bool:
        """Tries when the strategy counts them, or when tries were counted before it measured anything else."""
        strategy, entry = self.item.strategy, self.item.entry
        if strategy.uses_trials or (entry is not None and entry.trials_total):
            return True
        return strategy.measure is None and bool(self.defaults.get("trials_total"))

    def measure_fields(self) -> ComposeResult:
        """Seconds (on each side), the steps done on her own, or a count: what the strategy measures."""
        d = self.defaults
        strategy = self.item.strategy
        measured = strategy.measured
        if measured is Measure.SECONDS:
            for name, label in self.seconds_fields():
                yield field_row(label, self.number_input(name, d.get(name), "seconds held, e.g. 7"))
            yield error_line("seconds-error")
        elif measured is Measure.STEPS and strategy.steps:
            done = set(d.get("steps_alone") or ())
            yield Label("Steps done on their own (space ticks one)", classes="form-hint")
            yield MarkedSelectionList(
                *((Content(step), n, n in done) for n, step in enumerate(strategy.steps)),
                id="steps-alone",
                compact=True,
            )
        elif measured is Measure.COUNT:
            yield field_row("Count", self.number_input("counted", d.get("counted"), "how many, e.g. 8"))
            yield error_line("count-error")

    def seconds_fields(self) -> list[tuple[str, str]]:
        """(field, label) for each time the form asks: one per side, or one."""
        sides = self.item.strategy.sides
        if not sides:
            return [("seconds", "Seconds")]
        return [(f"seconds_{side.value}", f"Seconds {side.value}") for side in sides]

    @staticmethod
    def number_input(name: str, value: int | None, placeholder: str) -> Input:
        return Input(
            "" if value is None else str(value),
            type="integer",
            id=name.replace("_", "-"),
            compact=True,
            placeholder=placeholder,
        )

    def read_measures(self) -> dict[str, Any] | None:
        """The measured values, or None after showing what is wrong."""
        values: dict[str, Any] = {
            "seconds": None,
            "seconds_left": None,
            "seconds_right": None,
            "steps_alone": None,
            "steps_total": None,
            "counted": None,
        }
        ok = True
        if self.query("#steps-alone"):
            chosen = sorted(self.query_one("#steps-alone", MarkedSelectionList).selected)
            if chosen:
                values.update(steps_alone=chosen, steps_total=len(self.item.strategy.steps))
        for name, _ in self.seconds_fields() if self.query("#seconds-error") else ():
            seconds = self._int(name.replace("_", "-"))
            if seconds is not None and not 0 <= seconds <= 3600:
                self.show_error("seconds-error", "Seconds must be between 0 and 3600 (an hour).")
                ok = False
            values[name] = seconds
        if self.query("#counted"):
            count = self._int("counted")
            if count is not None and not 0 <= count <= 1000:
                self.show_error("count-error", "The count must be between 0 and 1000.")
                ok = False
            values["counted"] = count
        return values if ok else None

    def on_mount(self) -> None:
        self.clear_errors()

    def _int(self, widget_id: str) -> int | None:
        """The number typed; a lone sign (all an integer field lets through that is not one) is out of range."""
        text = self.query_one(f"#{widget_id}", Input).value.strip()
        try:
            return int(text) if text else None
        except ValueError:
            return -1

    def action_save(self) -> None:
        self.clear_errors()
        ok = True
        minutes = self._int("minutes") or 0
        if not 0 <= minutes <= 240:
            self.show_error("minutes-error", "Minutes must be between 0 and 240.")
            ok = False
        correct = total = None
        if self.query("#trials-total"):
            correct, total = self._int("trials-correct"), self._int("trials-total")
            if correct is None and self.offered_total is not None and total == self.offered_total:
                total = None
            if (correct is None) != (total is None):
                self.show_error("trials-error", "Fill in both numbers, or leave both empty.")
                ok = False
            elif total is not None and (total < 1 or correct < 0 or correct > total):  # type: ignore[operator]
                self.show_error("trials-error", "Correct must be between 0 and the total (at least 1).")
                ok = False
        measures = self.read_measures()
        ok = ok and measures is not None
        note = self.query_one("#note", TextArea).text
        bad = find_control_character(note, multiline=True)
        if bad is not None:
            self.show_error("note-error", f"The note has a control character (U+{ord(bad):04X}); please remove it.")
            ok = False
        elif len(note) > TEXT_MAX:
            self.show_error("note-error", f"The note is {len(note)} characters; please keep it under {TEXT_MAX}.")
            ok = False
        if not ok:
            return
        values = {
            "status": self.query_one("#status", ChoiceField).value,
            "assistance": self.query_one("#assistance", ChoiceField).value,
            "setting": self.query_one("#setting", ChoiceField).value,
            "caregiver": self.query_one("#caregiver", ChoiceField).value,
            "minutes": minutes,
            "trials_correct": correct,
            "trials_total": total,
            "note": note,
            **(measures or {}),
        }
        self.dismiss(values)


__all__ = ["PracticeForm", "ValidationError"]
