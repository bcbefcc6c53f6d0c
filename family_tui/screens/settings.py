"""Settings: the daily target, when the family day starts, idle times, theme, the bell, levels of help.

Saved with ``store.update(loaded, edited)``: only the settings changed here are written,
so a change made meanwhile in another copy (another theme, say)
is kept; when both changed the same setting, nothing is saved and the form shows the
other value. The theme is tried out as soon as it is picked and put back if the form
is cancelled.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, Select, Static

from family_tui.widgets.marks import MarkedCheckbox

from ..domain.field_errors import GENERAL, field_messages, normalise_time
from ..domain.models import ASSISTANCE_LABELS, Assistance, Settings
from ..storage import ChangedElsewhere, StorageError
from ..usecases.settings import change_settings
from .editor.forms import SpacedErrors
from .family import UsesFamily
from .form_base import FormScreen, error_line, field_row, form_error_line

THEMES = (("Dark", "textual-dark"), ("Light", "textual-light"))

LABELS = {
    "daily_minutes_target": "Daily target",
    "day_start": "Day starts",
    "short_day_from": "Short day",
    "parent_idle_minutes": "Parent lock",
    "kiosk_idle_minutes": "Kiosk return",
    "theme": "Theme",
    "routine_bell": "Bell",
    "assistance_levels": "Levels of help",
}

HELP = {
    "daily_minutes_target": "Minutes of practice a day to aim for, for each child.",
    "day_start": "Before this time it still counts as yesterday (03:00 for late bedtimes).",
    "short_day_from": "From this time Today offers today's 5 minutes if most is still open (empty: never).",
    "parent_idle_minutes": "Kiosk mode: minutes without a key press before parent mode locks again.",
    "kiosk_idle_minutes": "Kiosk mode: minutes left alone before it goes back to Today.",
    "routine_bell": "With the notice when a routine's time comes (the notice shows either way).",
    "assistance_levels": "The levels of help the practice form offers.",
}


class SettingsScreen(UsesFamily, SpacedErrors, FormScreen):
    """Returns the saved Settings, or None when cancelled."""

    AUTO_FOCUS = "#f-daily_minutes_target"
    """Focused before the first frame: a focus() in on_mount moves it after, in a second frame."""

    BOX_TITLE = "Settings"
    BOX_CLASSES = "editor-form"

    def __init__(self) -> None:
        super().__init__()
        self.original_theme = ""
        self.loaded: Settings | None = None
        """The settings as the form shows them: what a save says it changes from."""

    def _number(self, name: str, value: int) -> ComposeResult:
        yield field_row(LABELS[name], Input(str(value), id=f"f-{name}", type="integer", compact=True))
        yield Static(Content(HELP[name]), classes="field-help")
        yield error_line(f"{name}-error")

    def intro(self) -> ComposeResult:
        yield form_error_line()

    def fields(self) -> ComposeResult:
        settings = self.loaded = self.family_app.store.settings()
        yield from self._number("daily_minutes_target", settings.daily_minutes_target)
        yield field_row(
            LABELS["day_start"],
            Input(f"{settings.day_start:%H:%M}", id="f-day_start", compact=True, placeholder="HH:MM"),
        )
        yield Static(Content(HELP["day_start"]), classes="field-help")
        yield error_line("day_start-error")
        short = settings.short_day_from
        yield field_row(
            LABELS["short_day_from"],
            Input(f"{short:%H:%M}" if short else "", id="f-short_day_from", compact=True, placeholder="HH:MM"),
        )
        yield Static(Content(HELP["short_day_from"]), classes="field-help")
        yield error_line("short_day_from-error")
        yield from self._number("parent_idle_minutes", settings.parent_idle_minutes)
        yield from self._number("kiosk_idle_minutes", settings.kiosk_idle_minutes)
        themes = list(THEMES)
        if settings.theme not in {value for _, value in THEMES}:
            themes.append((settings.theme, settings.theme))
        yield field_row(
            LABELS["theme"],
            Select(themes, value=settings.theme, allow_blank=False, id="f-theme", compact=True),
        )
        yield error_line("theme-error")
        yield field_row(
            LABELS["routine_bell"],
            MarkedCheckbox("Bell at a routine's time", settings.routine_bell, id="f-routine_bell", compact=True),
        )
        yield Static(Content(HELP["routine_bell"]), classes="field-help")
        yield error_line("routine_bell-error")
        yield Label(LABELS["assistance_levels"], classes="field-label wide-label")
        yield Static(Content(HELP["assistance_levels"]), classes="field-help")
        with Vertical(id="f-assistance_levels", classes="check-column"):
            for level in Assistance:
                yield MarkedCheckbox(
                    ASSISTANCE_LABELS[level],
                    level in settings.assistance_levels,
                    id=f"level-{level.value}",
                    compact=True,
                )
        yield error_line("assistance_levels-error")

    def on_mount(self) -> None:
        self.original_theme = self.app.theme

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "f-theme" and event.value in self.app.available_themes:
            self.app.theme = str(event.value)

    def read(self) -> dict[str, Any]:
        def text(name: str) -> str:
            return self.query_one(f"#f-{name}", Input).value.strip()

        return {
            "daily_minutes_target": text("daily_minutes_target"),
            "day_start": normalise_time(text("day_start")),
            "short_day_from": normalise_time(text("short_day_from")) or None,
            "parent_idle_minutes": text("parent_idle_minutes"),
            "kiosk_idle_minutes": text("kiosk_idle_minutes"),
            "theme": str(self.query_one("#f-theme", Select).value),
            "routine_bell": self.query_one("#f-routine_bell", Checkbox).value,
            "assistance_levels": [
                level for level in Assistance if self.query_one(f"#level-{level.value}", Checkbox).value
            ],
        }

    def action_save(self) -> None:
        self.clear_errors()
        values = self.read()
        problems: dict[str, str] = {}
        if not values["assistance_levels"]:
            problems["assistance_levels"] = "Keep at least one level of help."
        loaded = self.loaded or self.family_app.store.settings()
        try:
            checked = Settings.model_validate({**loaded.model_dump(), **values})
        except ValidationError as error:
            problems = {**field_messages(error, LABELS), **problems}
        if problems:
            for name, message in problems.items():
                self.show_error("form-error" if name == GENERAL else f"{name}-error", message)
            first = next((n for n in problems if n != GENERAL), None)
            if first and self.query(f"#f-{first}"):
                self.query_one(f"#f-{first}").focus()
            return
        changes = {name: getattr(checked, name) for name in values}
        try:
            saved = change_settings(self.family_app.store, loaded, changes)
        except ChangedElsewhere as error:
            self.show_error("form-error", str(error))
            if error.current is not None:
                self.show_settings(
                    error.current, [n for n in values if getattr(error.current, n) != getattr(loaded, n)]
                )
                self.loaded = error.current
            return
        except (StorageError, OSError) as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False, timeout=10)
            return
        if saved.theme in self.app.available_themes:
            self.app.theme = saved.theme
        self.notify("Settings saved.", markup=False, timeout=3)
        self.dismiss(saved)

    def show_settings(self, settings: Settings, names: list[str]) -> None:
        """Put these settings' values into the form (the ones changed elsewhere, after a refused save)."""
        for name in names:
            value = getattr(settings, name)
            if name == "theme":
                if value in {v for _, v in THEMES}:
                    self.query_one("#f-theme", Select).value = value
            elif name == "assistance_levels":
                for level in Assistance:
                    self.query_one(f"#level-{level.value}", Checkbox).value = level in value
            elif name == "routine_bell":
                self.query_one("#f-routine_bell", Checkbox).value = value
            elif name in ("day_start", "short_day_from"):
                self.query_one(f"#f-{name}", Input).value = f"{value:%H:%M}" if value else ""
            else:
                self.query_one(f"#f-{name}", Input).value = str(value)

    def action_cancel(self) -> None:
        if self.original_theme:
            self.app.theme = self.original_theme
        self.dismiss(None)
