"""Today: the day's routines with their practice, one key to mark each item done."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from family_tui.widgets.checklist import PracticeChecklist
from family_tui.widgets.footer import KeyFooter
from family_tui.widgets.in_place import update_in_place
from family_tui.widgets.notes_pane import NotesPane
from family_tui.widgets.settled_layout import SettledLayout
from family_tui.widgets.strategy_card import StrategyCard

from ..domain.maintenance import monday_before
from ..domain.models import Note, Program, SkipDay, Win
from ..domain.notes import ANY, WHOLE_FAMILY
from ..domain.permissions import Write
from ..domain.schedule import ChecklistItem, DayChecklist, build_checklist, now_time, program_starts_after, week_of
from ..domain.short_day import offer_short_day, short_day_items
from ..storage import StorageError
from ..ui_support.header import header_phrases, lay_out
from ..usecases.practice import Change, PracticeLog, ReadOnlyDayError, SkipChange
from .family import UsesFamily
from .routine_notice import RoutineNotices
from .today_keys import TODAY_BINDINGS, TODAY_HELP_KEYS

POLL_SECONDS = 1.0
EMPTY_TODAY_HIDES = frozenset({"details", "undo", "progress"})
"""Today's keys that do nothing before the program has a child (space, in the list, too)."""
NOTES_BESIDE_WIDTH = 120
CELEBRATE_SECONDS = 2.0


class TodayScreen(UsesFamily, SettledLayout):
    """The screen a family sees all day."""

    BINDINGS: ClassVar[list[BindingType]] = TODAY_BINDINGS
    HELP_KEYS = TODAY_HELP_KEYS

    STYLED_WHEN_MOUNTED = True  # see SettledLayout: the theme is set before Today is made
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NOTES_BESIDE_WIDTH, "-wide")]
    """-wide: the notes pane is a third column; -narrow: n shows it in place of the card."""

    def __init__(self) -> None:
        super().__init__()
        self.day: date | None = None
        self.checklist: DayChecklist | None = None
        self._seen_token: tuple[object, ...] | None = None
        self._last_today: date | None = None
        self._header_phrases: list[Content] = []
        self._header_shown: Content | None = None
        self._starts: date | None = None
        """The program's first day, when the day shown comes before it."""
        self._pointed_at: tuple[int | None, str] = (None, "now")
        """The routine "◀ now" or "◀ next" points at as last drawn."""
        self._short_day: date | None = None
        """The day shown as a short day (``h``): each child's first minutes in the therapist's order, the rest dimmed."""
        self._offered = False
        """Whether the header offers the short day (past the family's hour, most of the day open)."""
        self.notices: RoutineNotices | None = None
        """The notice when a routine's time comes (from :meth:`start_over` on)."""

    def compose(self) -> ComposeResult:
        # Textual sets the breakpoint class on the first resize, after the first layout:
        # set now, the notes pane is there from the first frame, not laid out a second time.
        wide = self.app.size.width >= NOTES_BESIDE_WIDTH
        self.set_class(wide, "-wide", update=False)  # styled once, when mounted
        self.set_class(not wide, "-narrow", update=False)
        yield Static(id="day-header", markup=False)
        with Horizontal(id="today-body"):
            yield PracticeChecklist(id="checklist")
            yield StrategyCard(id="card")
            yield NotesPane(id="notes")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.start_over()
        self.set_interval(POLL_SECONDS, self._tick)
        self.watch(self.app, "parent_unlocked", lambda _unlocked: self.update_header(), init=False)
        self.query_one(PracticeChecklist).focus()

    def start_over(self) -> None:
        """Show today from the top, on the app's store (which the first-run screens may replace)."""
        app = self.family_app
        self.log_book = PracticeLog(app.store, app.clock)
        self.day = app.family_today()
        self._last_today = self.day
        self.notices = RoutineNotices(self.app)
        self.refresh_view(keep_cursor=False)

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
        entries = store.practice_between(*week_of(self.day))  # the week's: for strategies done N times a week
        skips = store.skip_days()
        self.checklist = build_checklist(program, self.day, entries, skips)
        self._starts = program_starts_after(program, self.day)
        due, marker = None, "now"
        is_today = self.day == self.today
        if is_today:
            found = self.checklist.now_or_next(now_time(self.family_app.clock.now()))
            if found is not None:
                due, marker = found
        self._pointed_at = (due, marker)
        widget = self.query_one(PracticeChecklist)
        dimmed: frozenset[tuple[str, str, str]] = frozenset()
        if self._short_day == self.day:
            chosen = short_day_items(self.checklist)
            dimmed = frozenset(item.key for item in self.checklist.items if item.key not in chosen)
        widget.show_day(self.checklist, due, keep_cursor=keep_cursor, is_today=is_today, marker=marker, dimmed=dimmed)
        # The card now, not when the checklist's ItemHighlighted arrives: that comes after
        # the first frame, which then showed an empty card and laid it out again.
        self._show_item(widget.highlighted_item)
        self.update_header()
        self.refresh_notes()
        self.refresh_bindings()  # the keys that do something on this day (see check_action)

    def update_header(self) -> None:
        """Work out the header's phrases again: the day, the caregiver or the counts changed."""
        assert self.checklist is not None
        app = self.family_app
        self._header_phrases = header_phrases(app.store, self.checklist, self.today, app.practising.caregiver())
        self._offered = self._offers_short_day()
        if self._short_day == self.day:
            self._header_phrases.append(Content.styled("Short on time: today's 5 minutes first  (h: all)", "italic"))
        elif self._offered:
            self._header_phrases.append(Content.styled("Short on time? h shows today's 5 minutes", "italic"))
        self._lay_out_header()

    def _offers_short_day(self) -> bool:
        """Past the hour the family set in Settings, today, with most of it still open."""
        app, checklist = self.family_app, self.checklist
        return (
            checklist is not None
            and self.day == self.today != self._short_day
            and offer_short_day(checklist, now_time(app.clock.now()), app.store.settings().short_day_from)
        )

    def _lay_out_header(self) -> None:
        """Wrap the phrases to the width; the header is redrawn (and re-laid out) only if that changes it."""
        app = self.family_app
        width = (self.size.width or self.app.size.width) - 2  # the header has one column of padding a side
        header = lay_out(self._header_phrases, width)
        if app.kiosk and app.parent_mode:
            header = Content.assemble((" Parent mode ", "bold reverse $warning"), " ctrl+l locks  ·  ", header)
        if self._header_shown is None or not header.is_same(self._header_shown):
            self._header_shown = header
            update_in_place(self.query_one("#day-header", Static), header)

    def on_resize(self) -> None:
        if self._header_phrases:
            self._lay_out_header()

    def _tick(self) -> None:
        """Once a second: follow the clock and other copies' changes, and announce a routine whose time came."""
        self._follow_the_clock()
        if self.notices is None:
            return
        start = self.notices.check()
        if start is not None and self.app.screen is self and self.notices.nobody_typing():
            self.go_to_routine(start.day, start.routine.id)

    def go_to_routine(self, day: date, routine_id: str) -> None:
        """The checklist shows ``day`` with the cursor on the routine's first item still open."""
        if self.day != day:
            self.day = day
            self.refresh_view(keep_cursor=False)
        assert self.checklist is not None
        index = next((i for i, b in enumerate(self.checklist.blocks) if b.routine.id == routine_id), None)
        widget = self.query_one(PracticeChecklist)
        target = widget.first_open_index(index) if index is not None else None
        if target is not None:
            widget.highlighted = target

    def _follow_the_clock(self) -> None:
        """Roll over at the family's day start, and pick up other copies' changes."""
        today = self.today
        if today != self._last_today:
            following = self.day == self._last_today
            self._last_today = today
            self._backup_quietly()
            if following:
                self.day = today
                self.refresh_view(keep_cursor=False)
                return
        assert self.day is not None
        if self.family_app.store.change_token(self.day) != self._seen_token or self._pointer_moved():
            self.refresh_view()
        elif self._offers_short_day() != self._offered:
            self.update_header()  # the family's hour has come: offer the short day
            self.refresh_bindings()  # and h in the footer

    def _pointer_moved(self) -> bool:
        """Whether the clock has moved "◀ now" / "◀ next" to another routine since the last drawing."""
        if self.checklist is None or self.day != self.today:
            return False
        found = self.checklist.now_or_next(now_time(self.family_app.clock.now())) or (None, "now")
        return found != self._pointed_at

    def _backup_quietly(self) -> None:
        """A kiosk left open for days still gets its daily backup (in the background)."""
        self.family_app.maintain_in_background()

    @on(PracticeChecklist.ItemHighlighted)
    def _show_card(self, event: PracticeChecklist.ItemHighlighted) -> None:
        self._show_item(event.item)

    def _show_item(self, item: ChecklistItem | None) -> None:
        card = self.query_one(StrategyCard)
        if item is None and self.checklist is not None and not self.checklist.items:
            card.show(None, empty_message=self._nothing_planned())
        else:
            card.show(
                item,
                is_today=self.day == self.today,
                day_start=self.family_app.store.settings().day_start,
                day=self.day,
            )

    def _nothing_planned(self) -> str:
        """Why the day is empty, in plain words: before the program started, or nothing set up yet."""
        if (start := self._starts) is not None:
            return (
                f"The program starts on {start:%a} {start.day} {start:%b}. To record earlier days, "
                "set “Starts on” for the goals in the editor (e) or `start =` in the program file."
            )
        if self.family_app.store.program().strategies:
            return "Nothing is planned on this day."
        return "Nothing is planned yet. Add routines and strategies with the editor."

    # -- marking practice --------------------------------------------------------

    @on(PracticeChecklist.Toggled)
    def _toggled(self, event: PracticeChecklist.Toggled) -> None:
        self.toggle_item(event.item)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("details", "undo") and not isinstance(self.focused, PracticeChecklist):
            # Keys of the checklist: while the notes pane has the focus the footer shows its keys.
            return False
        if action in EMPTY_TODAY_HIDES and not self.family_app.store.program().children:
            return False  # no child yet: these keys would do nothing; e (set up the program) is shown
        if action in ("set_up_program", "edit_program"):
            return (not self.family_app.store.program().children) == (action == "set_up_program")
        if action == "short_day":  # the footer's h, or the same key unseen (parameters: 'quietly')
            return (self._offered or self._short_day == self.day) == (not parameters)
        if action == "details" and (self.checklist is None or not self.checklist.items):
            return False  # nothing on this day to give details of
        return True

    def action_set_up_program(self) -> None:
        self.action_edit_program()

    def action_toggle(self) -> None:  # type: ignore[override]  # the Done key, not DOMNode's attribute toggle
        item = self.query_one(PracticeChecklist).highlighted_item
        if item is not None:
            self.toggle_item(item)

    def toggle_item(self, item: ChecklistItem) -> None:
        if item.skipped is not None:
            self.notify(f"{item.skip_words}. Nothing to practise on a skipped day.", markup=False)
            return
        assert self.day is not None
        caregiver = self.family_app.practising.caregiver_id
        day = self.day
        self.family_app.permit(
            Write.CHECK_IN, lambda: self._apply(lambda: self.log_book.toggle(item, day, self.today, caregiver))
        )

    def _apply(self, change_fn: Callable[[], Change | SkipChange]) -> Change | SkipChange | None:
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
        from ..domain.help_order import offered_levels
        from .practice_form import PracticeForm

        item = self.query_one(PracticeChecklist).highlighted_item
        if item is None or self.day is None:
            return
        if item.skipped is not None:
            self.notify(f"{item.skip_words}. Nothing to practise on a skipped day.", markup=False)
            return
        if self.day > self.today:
            self.notify("That day has not come yet: practice can be recorded for today or earlier.", markup=False)
            return
        app = self.family_app
        program = app.store.program()
        defaults = self.log_book.defaults(item, self.day, app.practising.caregiver_id)
        if item.entry is not None:
            defaults.update(item.entry.model_dump(include=set(defaults)))
        day = self.day

        def save(values: dict[str, Any] | None) -> None:
            if values is not None:
                current = self._current_item(item, day)
                self.family_app.permit(
                    Write.CHECK_IN, lambda: self._apply(lambda: self.log_book.record(current, day, self.today, values))
                )

        self.app.push_screen(
            PracticeForm(
                item, defaults, program.caregivers, offered_levels(program, item.goal, app.store.settings()), day=day
            ),
            save,
        )

    def _current_item(self, item: ChecklistItem, day: date) -> ChecklistItem:
        """The item as it is now on ``day`` (another copy may have changed it while a form was open).

        Today may show another day by now (midnight passed under the form): that day's
        item would have no entry, and saving would replace the check-in as a new one.
        """
        checklist = self.checklist
        if checklist is None or checklist.day != day:
            store = self.family_app.store
            checklist = build_checklist(
                store.program(), day, store.practice_between(monday_before(day), day), store.skip_days()
            )
        for candidate in checklist.items:
            if candidate.key == item.key:
                return candidate
        return item

    def action_undo(self) -> None:
        self.family_app.permit(Write.UNDO, self._undo)

    def _undo(self) -> None:
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

    def action_short_day(self, _quietly: str = "") -> None:
        """Show each child's most important practice for today's 5 minutes; again shows all as equals.

        Nothing is hidden or called missed: the other items stay on the list, dimmed and tickable.
        """
        self._short_day = None if self._short_day == self.day else self.day
        self.refresh_view()

    # -- moving between days -----------------------------------------------------

    def _move_day(self, days: int) -> None:
        """Move by ``days``, a new day taken in first: else the tick that notices midnight (or comes
        after the kiosk's idle return showed the new today) takes the move back as "following today"."""
        if self.today != self._last_today:
            self._follow_the_clock()
        assert self.day is not None
        self.day += timedelta(days=days)
        self.refresh_view(keep_cursor=False)

    def action_previous_day(self) -> None:
        self._move_day(-1)

    def action_next_day(self) -> None:
        self._move_day(1)
        if self.day is not None and self.day > self.today:
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

        # SkipDayForm's result: ("clear", child, None, None) or ("set", child, reason, note).
        def done(result: tuple[str, str | None, str | None, str | None] | None) -> None:
            if result is None:
                return
            action, child, reason, note = result
            existing = next((s for s in skips if s.child == child), None)
            if action == "clear":
                if existing is None:  # the dialog says so before it closes; in case it did not
                    self.notify("That day was not skipped for them: nothing removed.", markup=False)
                    return
                self.family_app.permit(
                    Write.CHANGE_SKIP, lambda: self._remove_skip(existing, program), "remove a skipped day"
                )
            elif action == "set":
                assert reason is not None and note is not None  # "set" always carries both
                # A new skip is anyone's; changing one replaces the reason and note a parent wrote.
                self.family_app.permit(
                    Write.SKIP_DAY if existing is None else Write.CHANGE_SKIP,
                    lambda: self._apply(lambda: self.log_book.set_skip(day, child, reason, existing, note)),
                    None if existing is None else "change a skipped day",
                )

        self.app.push_screen(SkipDayForm(day, [c for c in program.children if not c.archived], skips), done)

    def _remove_skip(self, skip: SkipDay, program: Program) -> None:
        if self._apply(lambda: self.log_book.clear_skip(skip)) is None:
            return
        child = program.child(skip.child) if skip.child else None
        whose = f"{child.name}'s" if child is not None else "The whole family's"
        self.notify(f"{whose} skip removed ({skip.reason.label.lower()}).", markup=False)

    def action_caregiver(self) -> None:
        from .caregiver_picker import CaregiverPicker

        app = self.family_app
        caregivers = [c for c in app.store.program().caregivers if not c.archived]
        if not caregivers:
            self.notify("No caregivers yet: add them in the program editor.", markup=False)
            return

        def choose(caregiver_id: str) -> None:
            app.choose_caregiver(caregiver_id)
            self.update_header()

        def chosen(caregiver_id: str | None) -> None:
            if caregiver_id is not None:
                app.permit(Write.CHOOSE_CAREGIVER, lambda: choose(caregiver_id))

        self.app.push_screen(CaregiverPicker(caregivers, app.practising.chosen), chosen)

    # -- the program editor and settings (parents only) ---------------------------

    def _back_from_parent_screen(self, _result: object = None) -> None:
        """The program or the day start may have changed: follow today and redraw."""
        self._follow_the_clock()
        self.refresh_view()

    def action_progress(self) -> None:
        from .progress import ProgressScreen

        family = self.family_app
        # Kept while nothing it shows changed (kept_screen.py): any write to the data folder, here
        # or by another copy, changes the history token; the family's day turning changes the rest.
        shown = (family.store.history_token(), family.family_today())
        screen = family.kept_progress.screen(self.app, shown, ProgressScreen, ProgressScreen.showed_figures)
        screen.from_the_start()
        self.app.push_screen(screen)

    def action_edit_program(self) -> None:
        from .editor import EditorScreen

        self.family_app.permit(
            Write.EDIT_PROGRAM, lambda: self.app.push_screen(EditorScreen(), self._back_from_parent_screen)
        )

    def action_settings(self) -> None:
        from .settings import SettingsScreen

        self.family_app.permit(
            Write.CHANGE_SETTINGS, lambda: self.app.push_screen(SettingsScreen(), self._back_from_parent_screen)
        )

    # -- notes and wins ----------------------------------------------------------

    def refresh_notes(self) -> None:
        store = self.family_app.store
        # A glance (the first page): every note is read when a filter, a search or "more" asks.
        self.query_one(NotesPane).show_glance(
            store.notes_glance(),
            store.notes,
            store.program(),
            self.today,
            store.settings().day_start,
            store.also_written("notes"),
        )

    def action_notes(self) -> None:
        """Narrow: show or hide the notes pane (in place of the card). Wide: move into it and back."""
        pane = self.query_one(NotesPane)
        if pane.has_focus_within or (self.has_class("-notes-open") and not self.has_class("-wide")):
            self._leave_notes()
        elif self.has_class("-wide"):
            pane.focus_list()
        else:
            self.add_class("-notes-open")
            self.call_after_refresh(pane.focus_list)

    @on(NotesPane.LeaveRequested)
    def _leave_notes(self) -> None:
        """Back to the checklist, so that Today's keys (e, d, u) are Today's again."""
        self.remove_class("-notes-open")
        self.query_one(PracticeChecklist).focus()

    @on(NotesPane.AddRequested)
    def _add_from_pane(self) -> None:
        self.action_add_note()

    def action_add_note(self) -> None:
        pane = self.query_one(NotesPane)
        child: str | None = None
        goal: str | None = None
        if pane.has_focus_within:
            chosen = pane.note_filter.child
            child = chosen if chosen not in (ANY, WHOLE_FAMILY) else None
        else:
            item = self.query_one(PracticeChecklist).highlighted_item
            child = item.child.id if item is not None else None
            goal = item.goal.id if item is not None else None
        from . import note_actions  # on a key, not while Today starts

        note_actions.add_note(self.app, child=child, goal=goal, on_saved=self._note_saved)

    def _note_saved(self, note: Note) -> None:
        self.refresh_view()
        self.query_one(NotesPane).select_note(note.id)

    @on(NotesPane.NoteChosen)
    @on(NotesPane.EditRequested)
    def _edit_note(self, event: NotesPane.EditRequested) -> None:
        from . import note_actions  # on a key, not while Today starts

        note_actions.edit_note(self.app, event.note, self._note_saved)

    @on(NotesPane.AnswerRequested)
    def _answer_note(self, event: NotesPane.AnswerRequested) -> None:
        from . import note_actions  # on a key, not while Today starts

        note_actions.answer_note(self.app, event.note, self._note_saved)

    @on(NotesPane.DeleteRequested)
    def _delete_note(self, event: NotesPane.DeleteRequested) -> None:
        from . import note_actions  # on a key, not while Today starts

        note_actions.delete_note(self.app, event.note, self.refresh_view)

    def action_wins_log(self) -> None:
        from .wins import WinsScreen

        self.app.push_screen(WinsScreen(), lambda _: self.refresh_view())

    def win_prefill(self) -> tuple[str | None, str | None]:
        """The w key: a win for the child and goal of the item under the cursor."""
        item = self.query_one(PracticeChecklist).highlighted_item
        return (None, None) if item is None else (item.child.id, item.goal.id)

    def win_added(self, win: Win) -> None:
        """A brief, warm highlight of the header line that now counts the win."""
        self.refresh_view()
        header = self.query_one("#day-header", Static)
        header.add_class("-celebrate")
        self.set_timer(CELEBRATE_SECONDS, lambda: header.remove_class("-celebrate"))
