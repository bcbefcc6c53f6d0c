"""Write or change a note, and record the answer to a question for the therapist."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Label, Select, Static, TextArea

from ..domain.addressing import addressee_choices, addressee_words, answering_therapists
from ..domain.models import Child, Note, NoteKind, Program, Therapist
from ..domain.notes import (
    DEFAULT_AUTHOR,
    WHOLE_FAMILY,
    answerer_choices,
    author_choices,
    child_name,
    default_therapist,
    question_discipline,
    text_problem,
    when_words,
)
from ..widgets.choice_field import ChoiceField
from .form_base import FormScreen, error_line, field_row


class NoteForm(FormScreen):
    """Returns ``{"kind", "child", "text", "author", "addressed_to"}``, or None when cancelled.

    ``child`` None: the whole family. ``author`` is the therapist chosen as "Written by"
    for a therapist update; None for the other kinds (a new note is by whoever is
    practising, a changed one keeps its author). ``addressed_to`` is who it is "For":
    a therapist's id, a discipline, or None for everyone who sees the child; a new note
    starts at ``addressed_to`` (the therapist of the practice selected on Today).
    """

    AUTO_FOCUS = "#note-text"
    """Focused before the first frame: a focus() in on_mount moves it after, in a second frame."""

    DEFAULT_CSS = """
    NoteForm #note-text { height: 8; }
    NoteForm.-changing #note-text { height: 6; }
    NoteForm .text-label { width: 100%; text-style: bold; }
    NoteForm .form-byline { color: $text-muted; margin-bottom: 1; }
    """

    def __init__(
        self,
        children: list[Child],
        *,
        note: Note | None = None,
        kind: NoteKind = NoteKind.OBSERVATION,
        child: str | None = None,
        today: date | None = None,
        therapists: Sequence[Therapist] = (),
        program: Program | None = None,
        addressed_to: str | None = None,
    ) -> None:
        super().__init__(classes="-changing" if note is not None else None)
        self.note = note
        self.kind = note.kind if note is not None else kind
        self.child = note.child if note is not None else child
        self.today = today or date.today()
        keep = {self.child} if self.child else set()
        self.child_choices = [c for c in children if not c.archived or c.id in keep]
        self.therapists = list(therapists)
        # A therapist update being changed keeps its author unless another is chosen.
        kept = note.author if note is not None else None
        self.author_choices = author_choices(self.therapists, kept)
        self._default_author = kept or default_therapist(self.therapists, self.child)
        """The author the form put there itself; one chosen by the person stays when the child changes."""
        self.program = program or Program(children=list(children), therapists=list(therapists))
        self.addressed_to = note.addressed_to if note is not None else addressed_to
        self._default_for = None if note is not None else addressed_to
        """Whom the form made a new note for itself (the selected practice's therapist): not kept for another child."""
        self._for_child = self.child

    def box_title(self) -> str:
        return "Change the note" if self.note else "Add a note"

    @property
    def draft_key(self) -> Hashable:
        # A new note's draft comes back whichever way a note is added next: its kind and child are in it.
        return ("note", self.note.id) if self.note is not None else ("note", None)

    def fields(self) -> ComposeResult:
        if self.note is not None:
            yield Static(
                Content(f"Written by {self.note.author}, {when_words(self.note.created_at, self.today)}"),
                classes="form-byline",
            )
        yield field_row(
            "Kind",
            Select(
                [(Content(k.label), k) for k in NoteKind],
                value=self.kind,
                allow_blank=False,
                id="kind",
                compact=True,
            ),
        )
        about = [(Content("The whole family"), WHOLE_FAMILY)] + [(Content(c.name), c.id) for c in self.child_choices]
        known = {value for _, value in about}
        value = self.child if self.child in known else WHOLE_FAMILY
        yield field_row("About", Select(about, value=value, allow_blank=False, id="child", compact=True))
        if self.author_choices:
            author = Select(
                [(Content(label), name) for label, name in self.author_choices],
                value=self._default_author or self.author_choices[0][1],
                allow_blank=False,
                id="author",
                compact=True,
            )
            row = field_row("Written by", author)
            row.id = "author-row"
            row.display = self.kind is NoteKind.UPDATE
            yield row
        yield field_row("For", ChoiceField(self._for_choices(self.child), self.addressed_to, id="for"))
        yield Label("What to remember", classes="text-label", id="note-text-label")
        yield TextArea(self.note.text if self.note else "", id="note-text")
        yield error_line("text-error")

    def _for_choices(self, child: str | None) -> list[tuple[str, str | None]]:
        """The child's therapists, their disciplines, everyone; and whom the note was for, if no longer among them."""
        choices = addressee_choices(self.program, child)
        kept = self.note.addressed_to if self.note is not None else None
        if kept is not None and kept not in {value for _, value in choices}:
            choices.insert(0, (addressee_words(kept, child, self.program), kept))
        return choices

    def on_mount(self) -> None:
        self.clear_errors()

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        """The "Written by" row is there for a therapist update only."""
        event.stop()
        for row in self.query("#author-row"):
            row.display = event.value is NoteKind.UPDATE

    @on(Select.Changed, "#child")
    def _child_changed(self, event: Select.Changed) -> None:
        """A new update about another child: that child's therapist, unless someone was chosen.

        "For" offers the new child's therapists; one the person chose stays when they see that child too.
        """
        event.stop()
        child = None if event.value == WHOLE_FAMILY else str(event.value)
        if child != self._for_child:  # a Select says its first value on mounting too
            self._for_child = child
            field = self.query_one("#for", ChoiceField)
            choices = self._for_choices(child)
            chosen = field.value if field.value != self._default_for else None
            self._default_for = None
            field.set_options(choices, chosen if chosen in {value for _, value in choices} else None)
        if self.note is not None or not self.query("#author"):
            return
        author = self.query_one("#author", Select)
        following = default_therapist(self.therapists, child)
        if author.value == self._default_author and following is not None:
            author.value = following
            self._default_author = following

    def action_save(self) -> None:
        self.clear_errors()
        text = self.query_one("#note-text", TextArea).text
        problem = text_problem(text, "The note")
        if problem:
            self.show_error("text-error", problem)
            self.query_one("#note-text", TextArea).focus()
            return
        child = self.query_one("#child", Select).value
        kind = NoteKind(self.query_one("#kind", Select).value)
        author = None
        if kind is NoteKind.UPDATE and self.query("#author"):
            author = str(self.query_one("#author", Select).value)
        self.dismiss(
            {
                "kind": kind,
                "child": None if child == WHOLE_FAMILY else str(child),
                "text": text,
                "author": author,
                "addressed_to": self.query_one("#for", ChoiceField).value,
            }
        )


class AnswerForm(FormScreen):
    """Returns ``{"answer", "answered_by"}`` (an empty answer opens the question again), or None.

    Who answered is one of the program's therapists, or ``family``: the caregiver who
    writes the answer down.
    """

    AUTO_FOCUS = "#answer-text"
    """Focused before the first frame: a focus() in on_mount moves it after, in a second frame."""

    BOX_TITLE = "Answer from the therapist"

    DEFAULT_CSS = """
    AnswerForm #question-text {
        height: auto;
        max-height: 8;
        padding: 0 1;
        border-left: thick $warning;
        margin-bottom: 1;
    }
    AnswerForm #answer-text { height: 6; }
    AnswerForm .text-label { width: 100%; text-style: bold; }
    AnswerForm .form-byline { color: $text-muted; }
    """

    def __init__(self, note: Note, program: Program, today: date | None = None, family: str = DEFAULT_AUTHOR) -> None:
        super().__init__()
        self.note = note
        self.program = program
        self.today = today or date.today()
        theirs = answering_therapists(program, note)
        self.answerers = answerer_choices(theirs, family, keep=note.answered_by)
        # The therapist it was for; else the child's therapist of its discipline, or of the goal its words name.
        if theirs and note.addressed_to in (theirs[0].id, theirs[0].discipline.value):
            first: str | None = theirs[0].name
        else:
            first = default_therapist(theirs, note.child, question_discipline(program, note))
        self.answered_by = note.answered_by or first or family

    @property
    def draft_key(self) -> Hashable:
        return ("answer", self.note.id)

    def fields(self) -> ComposeResult:
        note = self.note
        yield Static(
            Content(
                f"{child_name(self.program, note.child)} · asked by {note.author}, "
                f"{when_words(note.created_at, self.today)}"
            ),
            classes="form-byline",
        )
        yield Static(Content(note.text), id="question-text")
        yield field_row(
            "Answered by",
            Select(
                [(Content(label), name) for label, name in self.answerers],
                value=self.answered_by,
                allow_blank=False,
                id="answered-by",
                compact=True,
            ),
        )
        yield Label("Answer", classes="text-label", id="answer-text-label")
        yield TextArea(note.answer, id="answer-text")
        yield error_line("answer-error")
        hint = (
            "Leave it empty to keep the question open." if not note.answer else "Empty it to open the question again."
        )
        yield Static(Content.styled(hint, "dim italic"))

    def on_mount(self) -> None:
        self.clear_errors()

    def action_save(self) -> None:
        self.clear_errors()
        answer = self.query_one("#answer-text", TextArea).text
        if answer.strip():
            problem = text_problem(answer, "The answer")
            if problem:
                self.show_error("answer-error", problem)
                return
        self.dismiss({"answer": answer, "answered_by": str(self.query_one("#answered-by", Select).value)})


__all__ = ["AnswerForm", "NoteForm", "field_row"]
