"""The notes pane beside Today: this week's focus pinned on top, then every note newest first.

The pane is handed the notes and the program (:meth:`NotesPane.show_notes`) and posts
messages when the user acts on a note (:class:`NotesPane.EditRequested`,
:class:`NotesPane.DeleteRequested`, :class:`NotesPane.AnswerRequested`,
:class:`NotesPane.NoteChosen`); the screen decides what to store. Filtering by child,
kind and words happens here, with the rules of :mod:`family_tui.domain.notes`.

Everything the family or a therapist wrote is shown as :class:`Content`, never parsed
as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, time

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from family_tui.domain.addressing import addressee_short
from family_tui.domain.light_dataclass import light_dataclass
from family_tui.domain.models import Note, NoteKind, Program
from family_tui.domain.notes import (
    NoteFilter,
    child_name,
    next_child_filter,
    next_kind_filter,
    notes_view,
    reply_byline,
    when_words,
)
from family_tui.domain.notes_glance import NOTES_PAGE, NotesGlance, glance_view
from family_tui.widgets.checklist import HangingRows, ItemLabel
from family_tui.widgets.colour import safe_colour
from family_tui.widgets.counted_option_list import CountedOptionList
from family_tui.widgets.older_pages import more_row, pages_reaching

NOTE_PREFIX = "note:"
MORE_ID = "more-notes"
SHOWN_LINES = 8
SHOWN_CHARS = 400


def excerpt(text: str, lines: int = SHOWN_LINES, chars: int = SHOWN_CHARS) -> tuple[str, bool]:
    """The start of a long text, and whether anything was left out."""
    kept = text.split("\n")
    short = "\n".join(kept[:lines])
    if len(short) > chars:
        short = short[:chars].rstrip()
    cut = short != text
    return short, cut


def indented(text: str, style: str = "") -> Content:
    """Text shown two spaces in, line by line, exactly as typed."""
    return Content("\n").join(Content.assemble("  ", (line, style)) for line in text.split("\n"))


KIND_MARKS = {
    NoteKind.UPDATE: ("★ Update", "bold $accent"),
    NoteKind.OBSERVATION: ("● Observation", "bold $secondary"),
    NoteKind.QUESTION: ("? Question", "bold $warning"),
}


def note_label(
    note: Note,
    program: Program,
    today: date,
    day_start: time = time(0, 0),
    *,
    pinned: bool = False,
    also: Mapping[str, list[object]] | None = None,
) -> HangingRows:
    """One note: who it is about, its kind, author and time, its words and any answer.

    A long line of the note wraps two cells in, under the note's text, not at the edge.
    ``also``: per field, what another computer wrote there while the two were apart (the
    merge shows the latest and keeps the others; the family sees both until one is saved).
    """
    also = also or {}
    child = program.child(note.child) if note.child else None
    colour = safe_colour(child.color if child else None, fallback="$text")
    mark, mark_style = KIND_MARKS[note.kind]
    if note.kind is NoteKind.QUESTION and not note.is_open_question:
        mark, mark_style = "✓ Answered", "bold $success"
    heading: list[str | tuple[str, str]] = [
        (child_name(program, note.child), f"bold {colour}"),
        "  ",
        (mark, mark_style),
    ]
    if note.is_open_question:
        heading.append((" (open)", "italic $warning"))
    if note.addressed_to is not None:  # for everyone who sees the child unless it says
        heading.append((f" for {addressee_short(note, program)}", "italic"))
    heading.append((f"  {note.author} · {when_words(note.created_at, today, day_start)}", "dim"))
    text, cut = excerpt(note.text)
    parts: list[Content] = [Content.assemble(*heading), indented(text, "bold" if pinned else "")]
    if cut:
        parts.append(Content.styled("  … e shows it all", "dim italic"))
    parts += also_lines(also.get("text", []))
    if note.answer:
        answer, answer_cut = excerpt(note.answer, lines=4, chars=240)
        parts.append(Content.assemble(("  ↳ Answer", "bold $success"), ":"))
        parts.append(indented(answer))
        if answer_cut:
            parts.append(Content.styled("  … r shows it all", "dim italic"))
        byline = answer_byline(note, today, day_start)
        if byline:
            parts.append(Content.assemble("  ", (byline, "dim italic")))
    parts += also_lines(also.get("answer", []))
    parts.append(Content(""))
    return HangingRows([hanging_row(line) for line in Content("\n").join(parts).split("\n", allow_blank=True)])


def also_lines(values: list[object]) -> list[Content]:
    """What another computer wrote in a field, shown under the value kept: never dropped."""
    lines: list[Content] = []
    for value in values:
        words, cut = excerpt("" if value is None else str(value), lines=3, chars=200)
        lines.append(Content.styled("  ⚠ also written on another computer:", "italic $warning"))
        lines.append(indented(words + (" …" if cut else ""), "italic"))
    return lines


def answer_byline(note: Note, today: date, day_start: time = time(0, 0)) -> str:
    """``answered by Ms. Rivera, Tue 1 Dec``; older answers may lack who or when ("" when both)."""
    via_reply = reply_byline(note)
    if via_reply:
        return via_reply
    when = when_words(note.answered_at, today, day_start) if note.answered_at else ""
    who = f"by {note.answered_by}" if note.answered_by else ""
    said = ", ".join(part for part in (who, when) if part)
    return f"answered {said}" if said else ""


def hanging_row(line: Content) -> ItemLabel:
    """A line whose wrapped rest hangs under its text, after its leading spaces."""
    hang = len(line.plain) - len(line.plain.lstrip(" "))
    return ItemLabel(line[:hang], line[hang:], right_margin=0)


def _a(words: str) -> str:
    return f"an {words}" if words[:1] in "aeiou" else f"a {words}"


SEARCH_PROMPT = "Search notes (enter keeps it)"
"""Short enough for the pane at 80 columns; esc (Clear) is in the footer while typing."""


class SearchBox(Input):
    """The notes search box. Its keys are the only ones the footer can show while typing:
    every other key is a letter that goes into the box, so without this it showed none."""

    BINDINGS = [Binding("escape", "cancel", "Clear", tooltip="Clear the search")]

    class Cancelled(Message):
        """The user asked to clear the search (the pane clears its filter)."""

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled())


class NoteList(CountedOptionList):
    """The list inside the pane; it only moves the cursor, the pane holds the keys.

    j and k move as they do in Today's checklist: one meaning for a key on the screen.
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    DEFAULT_CSS = """
    NoteList {
        height: 1fr;
        border: none;
        padding: 0;
        background: transparent;
    }
    NoteList:focus {
        border: none;
    }
    """


class NotesPane(Vertical):
    """Therapist updates, observations and questions, with the latest update pinned per child."""

    DEFAULT_CSS = """
    NotesPane {
        height: 1fr;
        border: round $accent 50%;
        border-title-style: bold;
        padding: 0 1;
    }
    NotesPane:focus-within {
        border: round $accent;
    }
    NotesPane #notes-filter {
        height: auto;
        color: $text-muted;
    }
    NotesPane #notes-search {
        display: none;
        margin: 0;
    }
    NotesPane.-searching #notes-search {
        display: block;
    }
    """

    BINDINGS = [
        Binding("e", "edit", "Edit", tooltip="Edit note", id="notes.edit"),
        Binding("x,delete", "delete", "Delete", tooltip="Delete note", id="notes.delete"),
        # e or x with no note under the cursor: says so, instead of reaching Today's e (the editor).
        Binding("e", "no_note('change')", show=False, id="notes.no_note_edit"),
        Binding("x,delete", "no_note('delete')", show=False, id="notes.no_note_delete"),
        Binding("r", "answer", "Answer", tooltip="Answer question", id="notes.answer"),
        # r on a note that is not a question: not offered in the footer, and says why if pressed.
        Binding("r", "not_a_question", show=False, id="notes.not_a_question"),
        Binding("a", "add", "Add", tooltip="Add note", id="notes.add"),
        Binding("f", "filter_child", "Filter child", show=False, id="notes.filter_child"),
        Binding("v", "filter_kind", "Filter kind", show=False, id="notes.filter_kind"),
        Binding("slash", "search", "Search notes", show=False, id="notes.search"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="notes.clear_filter"),
        # With no filter to clear, escape leaves the pane (as n does).
        Binding("escape", "leave", "Leave notes", show=False, id="notes.leave"),
    ]

    HELP_KEYS = [
        ("↑ ↓  j k", "Move between notes"),
        ("enter / click", "Open the note under the cursor"),
    ]
    """What the ? screen lists first while the pane has the focus (not Today's checklist keys)."""

    note_filter: reactive[NoteFilter] = reactive(NoteFilter, init=False)

    @light_dataclass
    class _NoteMessage(Message):
        pane: NotesPane
        note: Note

        @property
        def control(self) -> NotesPane:
            return self.pane

    class NoteChosen(_NoteMessage):
        """Enter (or a click) on a note."""

    class EditRequested(_NoteMessage):
        """The user asked to change the note."""

    class DeleteRequested(_NoteMessage):
        """The user asked to delete the note (the screen asks to confirm)."""

    class AnswerRequested(_NoteMessage):
        """The user asked to record the therapist's answer to a question."""

    class AddRequested(Message):
        """The user asked to add a note (the screen knows whom it is about)."""

    class LeaveRequested(Message):
        """The user asked to leave the pane (the screen moves the focus back)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._notes: list[Note] | None = []
        self._glance: NotesGlance | None = None
        self._every_note: Callable[[], Sequence[Note]] = list
        self._shown: dict[str, Note] = {}
        """The notes laid out, by id."""
        self.also: dict[str, Mapping[str, list[object]]] = {}
        self.program = Program.model_construct()
        self.today = date.today()
        self.day_start = time(0, 0)
        self.border_title = "Notes"
        self._limit = NOTES_PAGE
        self._drawn = False

    def compose(self) -> ComposeResult:
        yield Static(id="notes-filter", markup=False)
        # The search box is mounted when first wanted (see _search_box): made with the rest,
        # it delayed Today's first frame for a box that is seldom opened.
        yield NoteList(id="notes-list", markup=False)

    def _search_box(self, value: str | None = None) -> Input:
        """The search box, mounted above the list the first time it is needed."""
        found = self.query("#notes-search")
        if found:
            return found.first(Input)
        box = SearchBox(value or "", placeholder=SEARCH_PROMPT, id="notes-search", compact=True)
        self.mount(box, before=self.note_list)
        return box

    @property
    def note_list(self) -> NoteList:
        return self.query_one(NoteList)

    def focus_list(self) -> None:
        self.note_list.focus()

    # -- data in -------------------------------------------------------------------

    @property
    def notes(self) -> list[Note]:
        """Every note: after a glance, asked for when first needed (a filter, a search, "more")."""
        if self._notes is None:
            self._notes = list(self._every_note())
        return self._notes

    def show_glance(
        self,
        glance: NotesGlance,
        every_note: Callable[[], Sequence[Note]],
        program: Program,
        today: date,
        day_start: time = time(0, 0),
        also: Mapping[str, Mapping[str, list[object]]] | None = None,
    ) -> None:
        """Show the notes from a glance (see :mod:`family_tui.domain.notes_glance`); ``every_note`` gives them all."""
        self._every_note = every_note
        if self._notes is not None and self._glance is not None:  # all asked for already: kept up to date
            self.show_notes(every_note(), program, today, day_start, also, glance)
        else:
            self._show(None, glance, self._glance == glance, program, today, day_start, also)

    def show_notes(
        self,
        notes: Sequence[Note],
        program: Program,
        today: date,
        day_start: time = time(0, 0),
        also: Mapping[str, Mapping[str, list[object]]] | None = None,
        glance: NotesGlance | None = None,
    ) -> None:
        """Show these notes, the cursor kept on its note; ``also``: what another computer wrote (see :func:`note_label`)."""
        known = self._notes
        same = known is not None and len(notes) == len(known) and all(a is b for a, b in zip(notes, known))
        self._show(list(notes), glance, same, program, today, day_start, also)

    def _show(
        self,
        notes: list[Note] | None,
        glance: NotesGlance | None,
        same: bool,
        program: Program,
        today: date,
        day_start: time,
        also: Mapping[str, Mapping[str, list[object]]] | None,
    ) -> None:
        also = dict(also or {})
        unchanged = (
            same
            and self._drawn
            and (today, day_start, program, also) == (self.today, self.day_start, self.program, self.also)
        )
        self.also = also
        self._notes, self._glance = notes, glance
        self.program, self.today, self.day_start = program, today, day_start
        if not unchanged:  # the same notes again (Today redraws after every check-in): nothing to do
            self._render_notes()

    def watch_note_filter(self) -> None:
        self._limit = NOTES_PAGE
        self._render_notes(keep_cursor=False)

    def _render_notes(self, keep_cursor: bool = True) -> None:
        if not self.is_mounted:
            return
        self._drawn = True
        glance = self._glance
        if glance is not None and self._notes is None and not self.note_filter.is_active and self._limit <= glance.page:
            view = glance_view(glance, self.program)
        else:
            view = notes_view(self.notes, self.program, self.note_filter)
        self._shown = {n.id: n for n in (*view.pinned, *view.others[: self._limit])}
        note_list = self.note_list
        previous = self.highlighted_note if keep_cursor else None
        options: list[Option | None] = []
        if view.pinned:
            options.append(Option(Content.styled("This week's focus", "bold $accent underline"), disabled=True))
            options += [
                Option(
                    note_label(n, self.program, self.today, self.day_start, pinned=True, also=self.also.get(n.id)),
                    id=NOTE_PREFIX + n.id,
                )
                for n in view.pinned
            ]
            if view.others:
                options.append(None)
        options += [
            Option(
                note_label(n, self.program, self.today, self.day_start, also=self.also.get(n.id)), id=NOTE_PREFIX + n.id
            )
            for n in view.others[: self._limit]
        ]
        more = more_row(len(view.others) + view.older - self._limit, "note", MORE_ID)
        if more is not None:
            options.append(more)
        if not view.shown:
            if view.total:
                empty = "No notes match. Press esc to show them all."
            else:
                empty = "No notes yet. Press a to add an observation, a question for the therapist, or their update."
            options.append(Option(Content.styled(empty, "dim italic"), disabled=True))
        with note_list.prevent(OptionList.OptionHighlighted):
            note_list.set_options(options)
            target = None
            if previous is not None:
                target = self._index_of(previous.id)
            if target is None:
                target = next((i for i, o in enumerate(note_list.options) if not o.disabled), None)
            note_list.highlighted = target
        shown = f"{view.shown} of {view.total}" if self.note_filter.is_active else f"{view.total}"
        self.query_one("#notes-filter", Static).update(
            Content.assemble(
                ("Showing: ", "dim"),
                (self.note_filter.describe(self.program), "bold"),
                (f"  ({shown})", "dim"),
                ("\nf child · v kind · / search", "dim italic"),
            )
        )
        self.refresh_bindings()

    def _index_of(self, note_id: str) -> int | None:
        for index, option in enumerate(self.note_list.options):
            if option.id == NOTE_PREFIX + note_id:
                return index
        return None

    # -- what the cursor is on -----------------------------------------------------

    @property
    def highlighted_note(self) -> Note | None:
        option = self.note_list.highlighted_option if self.is_mounted else None
        if option is None or not option.id or not option.id.startswith(NOTE_PREFIX):
            return None
        note_id = option.id.removeprefix(NOTE_PREFIX)
        return self._shown.get(note_id)

    def select_note(self, note_id: str) -> bool:
        """Put the cursor on a note (after adding one); False when it is filtered out."""
        index = self._index_of(note_id)
        if index is None and self._reveal(note_id):
            index = self._index_of(note_id)
        if index is None:
            return False
        self.note_list.highlighted = index
        return True

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.refresh_bindings()

    def _reveal(self, note_id: str) -> bool:
        """Lay out older notes until ``note_id`` is among them; False when it is filtered out."""
        others = notes_view(self.notes, self.program, self.note_filter).others
        position = next((i for i, n in enumerate(others) if n.id == note_id), None)
        if position is None or position < self._limit:
            return False
        self._limit = pages_reaching(position, NOTES_PAGE)
        self._render_notes()
        return True

    def show_more(self) -> None:
        """Lay out the next page of older notes, with the cursor on the first of them."""
        first_hidden = self._limit
        others = notes_view(self.notes, self.program, self.note_filter).others
        self._limit += NOTES_PAGE
        self._render_notes(keep_cursor=False)
        if first_hidden < len(others):
            self.select_note(others[first_hidden].id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == MORE_ID:
            self.show_more()
            return
        note = self.highlighted_note
        if note is not None:
            self.post_message(self.NoteChosen(self, note))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete"):
            return True if self.highlighted_note is not None else None
        if action == "no_note":
            return self.highlighted_note is None
        if action in ("answer", "not_a_question"):
            note = self.highlighted_note
            is_question = note is not None and note.kind is NoteKind.QUESTION
            return is_question if action == "answer" else note is not None and not is_question
        filtering = self.note_filter.is_active or self.has_class("-searching")
        if action == "clear_filter":
            return filtering
        if action == "leave":
            return not filtering
        return True

    # -- keys ----------------------------------------------------------------------

    def action_edit(self) -> None:
        note = self.highlighted_note
        if note is not None:
            self.post_message(self.EditRequested(self, note))

    def action_delete(self) -> None:
        note = self.highlighted_note
        if note is not None:
            self.post_message(self.DeleteRequested(self, note))

    def action_answer(self) -> None:
        note = self.highlighted_note
        if note is not None and note.kind is NoteKind.QUESTION:
            self.post_message(self.AnswerRequested(self, note))

    def action_not_a_question(self) -> None:
        note = self.highlighted_note
        if note is not None:
            kind = note.kind.label.lower()
            self.notify(f"Only a question gets an answer: this note is {_a(kind)}.", markup=False)

    def action_no_note(self, verb: str) -> None:
        self.notify(f"There is no note here to {verb}: a adds one.", markup=False, timeout=3)

    def action_add(self) -> None:
        self.post_message(self.AddRequested())

    def action_leave(self) -> None:
        self.post_message(self.LeaveRequested())

    def action_filter_child(self) -> None:
        current = self.note_filter
        self.note_filter = NoteFilter(
            child=next_child_filter(current.child, self.program),
            kind=current.kind,
            open_only=current.open_only,
            search=current.search,
        )

    def action_filter_kind(self) -> None:
        current = self.note_filter
        kind, open_only = next_kind_filter(current.kind, current.open_only)
        self.note_filter = NoteFilter(child=current.child, kind=kind, open_only=open_only, search=current.search)

    def action_search(self) -> None:
        self.add_class("-searching")
        box = self._search_box()
        self.call_after_refresh(box.focus)  # once mounted

    def action_clear_filter(self) -> None:
        if self.query("#notes-search"):
            search = self._search_box()
            with search.prevent(Input.Changed):
                search.value = ""
        self.remove_class("-searching")
        self.note_filter = NoteFilter()
        self.focus_list()

    def set_filter(self, note_filter: NoteFilter) -> None:
        """Show only some notes (the filter keys do this; so can a screen)."""
        if note_filter.search or self.query("#notes-search"):
            search = self._search_box(note_filter.search)
            with search.prevent(Input.Changed):
                search.value = note_filter.search
        self.set_class(bool(note_filter.search), "-searching")
        self.note_filter = note_filter

    @on(SearchBox.Cancelled)
    def _search_cancelled(self, event: SearchBox.Cancelled) -> None:
        event.stop()
        self.action_clear_filter()

    @on(Input.Changed, "#notes-search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        current = self.note_filter
        self.note_filter = NoteFilter(
            child=current.child, kind=current.kind, open_only=current.open_only, search=event.value
        )

    @on(Input.Submitted, "#notes-search")
    def _search_done(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.remove_class("-searching")
        self.focus_list()
