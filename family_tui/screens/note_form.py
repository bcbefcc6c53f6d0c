"""Write or change a note, and record the answer to a question for the therapist."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Label, Select, Static, TextArea

from widgets.footer import KeyFooter

from ..domain.models import Child, Note, NoteKind, Program
from ..domain.notes import WHOLE_FAMILY, child_name, text_problem, when_words
from .form_base import FormScreen, error_line, field_row


class NoteForm(FormScreen):
    """Returns ``{"kind", "child", "text"}`` (child None: the whole family), or None when cancelled."""

    DEFAULT_CSS = """
    NoteForm #note-text { height: 8; }
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
    ) -> None:
        super().__init__()
        self.note = note
        self.kind = note.kind if note is not None else kind
        self.child = note.child if note is not None else child
        self.today = today or date.today()
        keep = {self.child} if self.child else set()
        self.child_choices = [c for c in children if not c.archived or c.id in keep]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form-box") as box:
            box.border_title = "Change the note" if self.note else "Add a note"
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
            about = [(Content("The whole family"), WHOLE_FAMILY)] + [
                (Content(c.name), c.id) for c in self.child_choices
            ]
            known = {value for _, value in about}
            value = self.child if self.child in known else WHOLE_FAMILY
            yield field_row("About", Select(about, value=value, allow_blank=False, id="child", compact=True))
            yield Label("What to remember", classes="text-label", id="note-text-label")
            yield TextArea(self.note.text if self.note else "", id="note-text")
            yield error_line("text-error")
            yield from self.buttons()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.clear_errors()
        self.query_one("#note-text", TextArea).focus()

    def action_save(self) -> None:
        self.clear_errors()
        text = self.query_one("#note-text", TextArea).text
        problem = text_problem(text, "The note")
        if problem:
            self.show_error("text-error", problem)
            self.query_one("#note-text", TextArea).focus()
            return
        child = self.query_one("#child", Select).value
        self.dismiss(
            {
                "kind": NoteKind(self.query_one("#kind", Select).value),
                "child": None if child == WHOLE_FAMILY else str(child),
                "text": text,
            }
        )


class AnswerForm(FormScreen):
    """Returns the therapist's answer (empty: open the question again), or None when cancelled."""

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

    def __init__(self, note: Note, program: Program, today: date | None = None) -> None:
        super().__init__()
        self.note = note
        self.program = program
        self.today = today or date.today()

    def compose(self) -> ComposeResult:
        note = self.note
        with VerticalScroll(classes="form-box") as box:
            box.border_title = "Answer from the therapist"
            yield Static(
                Content(
                    f"{child_name(self.program, note.child)} · asked by {note.author}, "
                    f"{when_words(note.created_at, self.today)}"
                ),
                classes="form-byline",
            )
            yield Static(Content(note.text), id="question-text")
            yield Label("Answer", classes="text-label", id="answer-text-label")
            yield TextArea(note.answer, id="answer-text")
            yield error_line("answer-error")
            hint = (
                "Leave it empty to keep the question open."
                if not note.answer
                else "Empty it to open the question again."
            )
            yield Static(Content.styled(hint, "dim italic"))
            yield from self.buttons()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.clear_errors()
        self.query_one("#answer-text", TextArea).focus()

    def action_save(self) -> None:
        self.clear_errors()
        answer = self.query_one("#answer-text", TextArea).text
        if answer.strip():
            problem = text_problem(answer, "The answer")
            if problem:
                self.show_error("answer-error", problem)
                return
        self.dismiss(answer)


__all__ = ["AnswerForm", "NoteForm", "field_row"]
