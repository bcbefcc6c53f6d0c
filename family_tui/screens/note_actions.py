"""Adding, changing, answering and deleting notes and wins: the flows every screen shares.

Each flow opens its form, turns the answer into a record with :mod:`family_tui.notes`,
stores it, and then calls back so the screen can redraw. Deleting always asks to
confirm, behind :meth:`FamilyApp.require_parent` (in kiosk mode: the parent PIN);
adding a note or a win never needs the PIN.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from textual.content import Content
from textual.screen import ModalScreen, Screen

from .. import notes as domain
from ..models import Note, NoteKind, Win
from ..records import Record
from ..storage import StorageError
from .confirm import ConfirmScreen

if TYPE_CHECKING:
    from ..app import FamilyApp

CELEBRATE_SECONDS = 5


class WinAware(Protocol):
    """A screen may prefill the win form and show off a new win; both are optional."""

    def win_prefill(self) -> tuple[str | None, str | None]: ...

    def win_added(self, win: Win) -> None: ...


def _store(app: "FamilyApp", record: Record) -> bool:
    try:
        app.store.save(record)
    except (StorageError, OSError) as error:
        app.notify(str(error), title="Not saved", severity="error", markup=False, timeout=10)
        return False
    return True


def _remove(app: "FamilyApp", model: type[Record], record_id: str) -> bool:
    try:
        app.store.delete(model, record_id)
    except (StorageError, OSError) as error:
        app.notify(str(error), title="Not deleted", severity="error", markup=False, timeout=10)
        return False
    return True


def _build(app: "FamilyApp", make: Callable[[], Any]) -> Any | None:
    """Make a record; a record the forms let through but the model refuses is reported, not raised."""
    try:
        return make()
    except ValueError as error:  # pydantic's ValidationError is one too
        errors = getattr(error, "errors", None)
        message = errors()[0]["msg"] if callable(errors) else str(error)
        app.notify(message, title="Not saved", severity="warning", markup=False, timeout=8)
        return None


def _latest(records: list, record_id: str, fallback):
    """The record as stored now: another copy of the app may have changed it meanwhile."""
    return next((r for r in records if r.id == record_id), fallback)


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- notes ---------------------------------------------------------------------------


def add_note(
    app: "FamilyApp",
    *,
    child: str | None = None,
    kind: NoteKind = NoteKind.OBSERVATION,
    on_saved: Callable[[Note], None] | None = None,
) -> None:
    from .note_form import NoteForm

    program = app.store.program()

    def done(values: dict[str, Any] | None) -> None:
        if values is None:
            return
        author = domain.current_author(app.store.program(), app.store.settings())
        note = _build(app, lambda: domain.new_note(values["kind"], values["child"], values["text"], author, app.clock.now()))
        if note is not None and _store(app, note):
            app.notify(f"{note.kind.label} saved.", markup=False, timeout=3)
            if on_saved:
                on_saved(note)

    app.push_screen(NoteForm(program.children, kind=kind, child=child, today=app.family_today()), done)


def edit_note(app: "FamilyApp", note: Note, on_saved: Callable[[Note], None] | None = None) -> None:
    from .note_form import NoteForm

    program = app.store.program()

    def done(values: dict[str, Any] | None) -> None:
        if values is None:
            return
        current = _latest(app.store.notes(), note.id, note)
        changed = _build(
            app,
            lambda: domain.edit_note(
                current, kind=values["kind"], child=values["child"], text=values["text"], now=app.clock.now()
            ),
        )
        if changed is not None and _store(app, changed):
            app.notify("Note changed.", markup=False, timeout=3)
            if on_saved:
                on_saved(changed)

    app.push_screen(NoteForm(program.children, note=note, today=app.family_today()), done)


def answer_note(app: "FamilyApp", note: Note, on_saved: Callable[[Note], None] | None = None) -> None:
    from .note_form import AnswerForm

    if note.kind is not NoteKind.QUESTION:
        app.notify("Only questions for the therapist have answers.", markup=False, timeout=3)
        return

    def done(answer: str | None) -> None:
        if answer is None:
            return
        current = _latest(app.store.notes(), note.id, note)
        if not answer.strip() and not current.answer:
            return
        answered = _build(app, lambda: domain.answer_question(current, answer, app.clock.now()))
        if answered is not None and _store(app, answered):
            words = "Answer saved." if answered.answered_at else "The question is open again."
            app.notify(words, markup=False, timeout=3)
            if on_saved:
                on_saved(answered)

    app.push_screen(AnswerForm(note, app.store.program(), today=app.family_today()), done)


def delete_note(app: "FamilyApp", note: Note, on_deleted: Callable[[], None] | None = None) -> None:
    program = app.store.program()
    message = Content.assemble(
        "This ",
        note.kind.label.lower(),
        " about ",
        (domain.child_name(program, note.child), "bold"),
        f" by {note.author} will be deleted:\n\n",
        (_quote(note.text), "italic"),
    )

    def confirmed(yes: bool | None) -> None:
        if yes and _remove(app, Note, note.id):
            app.notify("Note deleted.", markup=False, timeout=3)
            if on_deleted:
                on_deleted()

    app.require_parent(
        lambda: app.push_screen(ConfirmScreen(message, title="Delete this note?"), confirmed),
        "delete a note",
    )


# -- wins ----------------------------------------------------------------------------


def add_win(app: "FamilyApp") -> None:
    """The ``w`` key, from any screen: prefilled from the screen (Today: the item under the cursor)."""
    from .win_form import WinForm

    screen: Screen = app.screen
    if isinstance(screen, ModalScreen):
        return
    program = app.store.program()
    if not any(not c.archived for c in program.children):
        app.notify("Add a child to the program first; then wins can be noted for them.", markup=False)
        return
    child = goal = None
    prefill = getattr(screen, "win_prefill", None)
    if callable(prefill):
        child, goal = prefill()

    def done(values: dict[str, Any] | None) -> None:
        if values is None:
            return
        fresh = app.store.program()
        who = domain.current_author(fresh, app.store.settings())
        win = _build(app, lambda: domain.new_win(who=who, now=app.clock.now(), **values))
        if win is not None and _store(app, win):
            celebrate(app, win, screen)

    app.push_screen(WinForm(program, child=child, goal=goal), done)


def celebrate(app: "FamilyApp", win: Win, screen: Screen | None = None) -> None:
    """Warm and short: a toast, and the screen's own brief highlight if it has one."""
    name = domain.child_name(app.store.program(), win.child)
    app.notify(f"🎉 A win for {name}! Saved for the weekly update.", markup=False, timeout=CELEBRATE_SECONDS)
    hook = getattr(screen, "win_added", None)
    if callable(hook):
        hook(win)


def edit_win(app: "FamilyApp", win: Win, on_saved: Callable[[Win], None] | None = None) -> None:
    from .win_form import WinForm

    def done(values: dict[str, Any] | None) -> None:
        if values is None:
            return
        current = _latest(app.store.wins(), win.id, win)
        changed = _build(app, lambda: domain.edit_win(current, **values))
        if changed is not None and _store(app, changed):
            app.notify("Win changed.", markup=False, timeout=3)
            if on_saved:
                on_saved(changed)

    app.push_screen(WinForm(app.store.program(), win=win), done)


def delete_win(app: "FamilyApp", win: Win, on_deleted: Callable[[], None] | None = None) -> None:
    program = app.store.program()
    message = Content.assemble(
        "This win for ",
        (domain.child_name(program, win.child), "bold"),
        " will be deleted:\n\n",
        (_quote(win.text), "italic"),
    )

    def confirmed(yes: bool | None) -> None:
        if yes and _remove(app, Win, win.id):
            app.notify("Win deleted.", markup=False, timeout=3)
            if on_deleted:
                on_deleted()

    app.require_parent(
        lambda: app.push_screen(ConfirmScreen(message, title="Delete this win?"), confirmed),
        "delete a win",
    )
