"""Today: the day's routines with their practice, one key to mark each item done."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from widgets.checklist import PracticeChecklist
from widgets.strategy_card import StrategyCard

from ..clock import family_day
from ..practice import Change, PracticeLog, ReadOnlyDayError, SkipChange
from ..schedule import ChecklistItem, DayChecklist, build_checklist, now_time
from ..storage import StorageError
from .header import header_content

if TYPE_CHECKING:
    from ..app import FamilyApp

POLL_SECONDS = 1.0


class TodayScreen(Screen):
    """The screen a family sees all day."""

    BINDINGS = [
        Binding("enter", "toggle", "Done", show=False, id="toggle_enter"),
        Binding("d", "details", "Details", id="details"),
        Binding("u", "undo", "Undo", id="undo"),
        Binding("left_square_bracket", "previous_day", "Prev day", show=False, id="previous_day"),
        Binding("right_square_bracket", "next_day", "Next day", show=False, id="next_day"),
        Binding("t", "today", "Today", show=False, id="today"),
        Binding("s", "skip_day", "Skip day", show=False, id="skip_day"),
        Binding("c", "caregiver", "Who", id="caregiver"),
    ] + [Binding(str(n), f"mark_nth({n})", f"Mark #{n}", show=False) for n in range(1, 10)]

    def __init__(self) -> None:
        super().__init__()
        self.day: date | None = None
        self.checklist: DayChecklist | None = None
        self._seen_token: tuple | None = None
        self._last_today: date | None = None

    @property
    def family_app(self) -> "FamilyApp":
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Static(id="day-header", markup=False)
        with Horizontal(id="today-body"):
            yield PracticeChecklist(id="checklist")
            yield StrategyCard(id="card")
        yield Footer()

    def on_mount(self) -> None:
        app = self.family_app
        self.log_book = PracticeLog(app.store, app.clock)
        self.day = app.family_today()
        self._last_today = self.day
        self.refresh_view(keep_cursor=False)
        self.set_interval(POLL_SECONDS, self._tick)
        self.query_one(PracticeChecklist).focus()

    # -- what is on screen -------------------------------------------------------

    @property
    def today(self) -> date:
        return self.family_app.family_today()

    def refresh_view(self, keep_cursor: bool = True) -> None:
        """Re-read the day from the store and redraw; cheap (one month file, cached)."""
        store = self.family_app.store
        assert self.day is not None
        self._seen_token = store.change_token(self.day)
        program = store.program()
        entries = store.practice_on(self.day)
        skips = store.skip_days()
        self.checklist = build_checklist(program, self.day, entries, skips)
        due = None
        if self.day == self.today:
            due = self.checklist.due_block_index(now_time(self.family_app.clock.now()))
        widget = self.query_one(PracticeChecklist)
        widget.show_day(self.checklist, due, keep_cursor=keep_cursor)
        self.update_header()

    def update_header(self) -> None:
        app = self.family_app
        assert self.day is not None and self.checklist is not None
        header = header_content(app.store, self.checklist, self.today)
        self.query_one("#day-header", Static).update(header)

    def _tick(self) -> None:
        """Roll over at the family's day start, and pick up other copies' changes."""
        today = self.today
        if today != self._last_today:
            following = self.day == self._last_today
            self._last_today = today
            if following:
                self.day = today
                self.refresh_view(keep_cursor=False)
                return
        assert self.day is not None
        if self.family_app.store.change_token(self.day) != self._seen_token:
            self.refresh_view()

    @on(PracticeChecklist.ItemHighlighted)
    def _show_card(self, event: PracticeChecklist.ItemHighlighted) -> None:
        card = self.query_one(StrategyCard)
        if event.item is None and self.checklist is not None and not self.checklist.items:
            card.show(None, empty_message="Nothing is planned for this day. Add routines and strategies with the editor.")
        else:
            card.show(event.item)

    # -- marking practice --------------------------------------------------------

    @on(PracticeChecklist.Toggled)
    def _toggled(self, event: PracticeChecklist.Toggled) -> None:
        self.toggle_item(event.item)

    def action_toggle(self) -> None:
        item = self.query_one(PracticeChecklist).highlighted_item
        if item is not None:
            self.toggle_item(item)

    def toggle_item(self, item: ChecklistItem) -> None:
        if item.skipped is not None:
            self.notify(
                f"{item.child.name} has a {item.skipped.reason.label.lower()} today: nothing to practise.",
                markup=False,
            )
            return
        assert self.day is not None
        caregiver = self.family_app.store.settings().caregiver
        self._apply(lambda: self.log_book.toggle(item, self.day, self.today, caregiver))

    def _apply(self, change_fn) -> Change | SkipChange | None:
        """Run a change; on failure the screen stays as it was and says why."""
        try:
            change = change_fn()
        except ReadOnlyDayError as error:
            self.notify(str(error), title="Not yet", markup=False)
            return None
        except (StorageError, OSError) as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False, timeout=10)
            return None
        self.refresh_view()
        return change

    def action_mark_nth(self, n: int) -> None:
        widget = self.query_one(PracticeChecklist)
        index = widget.nth_item_in_current_block(n)
        if index is None:
            return
        widget.highlighted = index
        item = widget.highlighted_item
        if item is not None:
            self.toggle_item(item)

    def action_details(self) -> None:
        from .practice_form import PracticeForm

        item = self.query_one(PracticeChecklist).highlighted_item
        if item is None or self.day is None:
            return
        if self.day > self.today:
            self.notify("That day has not come yet: practice can be recorded for today or earlier.", markup=False)
            return
        app = self.family_app
        program = app.store.program()
        defaults = self.log_book.defaults(item, self.day, app.store.settings().caregiver)
        if item.entry is not None:
            defaults.update(item.entry.model_dump(include=set(defaults)))
        day = self.day

        def save(values: dict[str, Any] | None) -> None:
            if values is not None:
                current = self._current_item(item)
                self._apply(lambda: self.log_book.record(current, day, self.today, values))

        self.app.push_screen(
            PracticeForm(item, defaults, program.caregivers, app.store.settings().assistance_levels), save
        )

    def _current_item(self, item: ChecklistItem) -> ChecklistItem:
        """The item as it is now (another copy may have changed it while a form was open)."""
        if self.checklist is not None:
            for candidate in self.checklist.items:
                if candidate.key == item.key:
                    return candidate
        return item

    def action_undo(self) -> None:
        change = None
        try:
            change = self.log_book.undo()
        except (StorageError, OSError) as error:
            self.notify(str(error), title="Not undone", severity="error", markup=False)
            return
        if change is None:
            self.notify("Nothing left to undo.", markup=False)
            return
        if isinstance(change, Change) and change.day != self.day:
            self.day = change.day
        self.refresh_view()
        self.notify("Undone.", markup=False, timeout=2)

    # -- moving between days -----------------------------------------------------

    def action_previous_day(self) -> None:
        assert self.day is not None
        self.day -= timedelta(days=1)
        self.refresh_view(keep_cursor=False)

    def action_next_day(self) -> None:
        assert self.day is not None
        self.day += timedelta(days=1)
        self.refresh_view(keep_cursor=False)
        if self.day > self.today:
            self.notify("A day still to come: you can look, and mark it when it arrives.", markup=False, timeout=3)

    def action_today(self) -> None:
        self.day = self.today
        self.refresh_view(keep_cursor=False)

    # -- skip days and caregiver -------------------------------------------------

    def action_skip_day(self) -> None:
        from .skip_day import SkipDayForm

        assert self.day is not None
        program = self.family_app.store.program()
        skips = [s for s in self.family_app.store.skip_days() if s.date == self.day]
        day = self.day

        def done(result: tuple | None) -> None:
            if result is None:
                return
            action, child, reason = result
            existing = next((s for s in skips if s.child == child), None)
            if action == "clear" and existing is not None:
                self._apply(lambda: self.log_book.clear_skip(existing))
            elif action == "set":
                self._apply(lambda: self.log_book.set_skip(day, child, reason, existing))

        self.app.push_screen(SkipDayForm(day, [c for c in program.children if not c.archived], skips), done)

    def action_caregiver(self) -> None:
        from .caregiver_picker import CaregiverPicker

        store = self.family_app.store
        caregivers = [c for c in store.program().caregivers if not c.archived]
        if not caregivers:
            self.notify("No caregivers yet: add them in the program editor.", markup=False)
            return

        def chosen(caregiver_id: str | None) -> None:
            if caregiver_id is not None:
                try:
                    store.update_settings(caregiver=caregiver_id)
                except (StorageError, OSError) as error:
                    self.notify(str(error), severity="error", markup=False)
                    return
                self.update_header()

        self.app.push_screen(CaregiverPicker(caregivers, store.settings().caregiver), chosen)
