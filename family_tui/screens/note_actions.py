"""Adding, changing, answering and deleting notes and wins: the flows every screen shares.

Each flow opens its form, turns the answer into a record with :mod:`family_tui.domain.notes`,
stores it with :mod:`family_tui.usecases.notes` or ``.wins``, and then calls back so the
screen can redraw. Every flow starts at :meth:`Family.permit <.family.Family.permit>` with
its kind of write: adding a note, a question, a win or a first answer never needs the
PIN; changing or deleting what exists does in kiosk mode (deleting also asks to confirm).
A change is written from the record as the form was opened on, so what another copy
changed meanwhile is kept, or the change is refused and the note shown as it is now.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from textual.app import App
from textual.content import Content
from textual.screen import ModalScreen, Screen

from ..domain import notes as domain
from ..domain.addressing import addressee_label, default_addressee
from ..domain.models import Note, NoteKind, Win
from ..domain.permissions import Write, answer_kind
from ..storage import ChangedElsewhere, FamilyStore, StorageError
from ..usecases import notes as note_cases
from ..usecases import wins as win_cases
from .confirm import ConfirmScreen
from .family import family_of

CELEBRATE_SECONDS = 5


class WinAware(Protocol):
    """A screen may prefill the win form and show off a new win; both are optional."""

    def win_prefill(self) -> tuple[str | None, str | None]: ...

    def win_added(self, win: Win) -> None: ...


DELETES = frozenset({Write.DELETE_NOTE, Write.DELETE_WIN})
"""Kinds of write that delete: when one fails, it says "Not deleted" rather than "Not saved"."""


def _store(
    app: App[Any], kind: Write, write: Callable[[FamilyStore], Any], on_stale: Callable[[], None] | None = None
) -> Any | None:
    """Write one change with a use case; returns what was written (True for a delete), or None when it was not.

    The use case writes from the record as the form was opened on. When another copy
    changed it in a way that clashes, nothing is written, the message says so and
    ``on_stale`` redraws the screen with the record as it is now. The kind is checked
    again here: parent mode may have locked while the form was open.
    """
    family = family_of(app)
    deleting = kind in DELETES
    title = "Not deleted" if deleting else "Not saved"
    if not family.may(kind):
        app.notify(f"Parent mode locked: the PIN is needed to {kind.reason}.", title=title, markup=False, timeout=8)
        return None
    try:
        written = write(family.store)
    except ChangedElsewhere as error:  # its message starts with what was not done
        app.notify(str(error), severity="warning", markup=False, timeout=12)
        if on_stale:
            on_stale()
        return None
    except (StorageError, OSError) as error:
        app.notify(str(error), title=title, severity="error", markup=False, timeout=10)
        return None
    return True if deleting else written


def _build(app: App[Any], make: Callable[[], Any]) -> Any | None:
    """Make a record; a record the forms let through but the model refuses is reported, not raised."""
    try:
        return make()
    except ValueError as error:  # pydantic's ValidationError is one too
        errors = getattr(error, "errors", None)
        message = errors()[0]["msg"] if callable(errors) else str(error)
        app.notify(message, title="Not saved", severity="warning", markup=False, timeout=8)
        return None


def _quote(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- notes ---------------------------------------------------------------------------


def add_note(
    app: App[Any],
    *,
    child: str | None = None,
    kind: NoteKind = NoteKind.OBSERVATION,
    goal: str | None = None,
    on_saved: Callable[[Note], None] | None = None,
) -> None:
    """``goal``: of the practice selected; the note is first for that goal's therapist."""
    family_of(app).permit(Write.ADD_NOTE, lambda: _add_note(app, child, kind, goal, on_saved))


def _add_note(
    app: App[Any], child: str | None, kind: NoteKind, goal: str | None, on_saved: Callable[[Note], None] | None
) -> None:
    from .note_form import NoteForm

    family = family_of(app)
    program = family.store.program()
    addressed_to = default_addressee(program, program.goal(goal) if goal is not None else None)

    def done(values: dict[str, Any] | None) -> None:
        if values is None:
            return
        # A therapist update is by the therapist chosen; anything else by whoever is practising.
        author = values.get("author") or domain.current_author(family.practising.caregiver())
        note = _build(
            app,
            lambda: domain.new_note(
                values["kind"],
                values["child"],
                values["text"],
                author,
                family.clock.now(),
                addressed_to=values.get("addressed_to"),
            ),
        )
        if note is not None and _store(app, Write.ADD_NOTE, lambda store: note_cases.add_note(store, note)):
            app.notify(f"{note.kind.label} saved, for {addressee_label(note, program)}.", markup=False, timeout=3)
            if on_saved:
                on_saved(note)

    form = NoteForm(
        program.children,
        kind=kind,
        child=child,
        today=family.family_today(),
        therapists=program.therapists,
        program=program,
        addressed_to=addressed_to,
    )
    app.push_screen(form, done)


def _shown_again(note: Note | Win, on_saved: Callable[[Any], None] | None) -> Callable[[], None] | None:
    """After a refused change: the screen redraws on the record's id, now as it is on disk."""
    return (lambda: on_saved(note)) if on_saved else None


def edit_note(app: App[Any], note: Note, on_saved: Callable[[Note], None] | None = None) -> None:
    """Changing a note that exists (the therapist's words, too): the PIN in kiosk mode."""
    family_of(app).permit(Write.CHANGE_NOTE, lambda: _edit_note(app, note, on_saved))


def _edit_note(app: App[Any], note: Note, on_saved: Callable[[Note], None] | None) -> None:
    from .note_form import NoteForm

    family = family_of(app)
    program = family.store.program()

    def done(values: dict[str, Any] | None) -> None:
        if values is None:
            return
        changed = _build(
            app,
            lambda: domain.edit_note(
                note,
                kind=values["kind"],
                child=values["child"],
                text=values["text"],
                now=family.clock.now(),
                author=values.get("author"),
                addressed_to=values.get("addressed_to"),
            ),
        )
        if changed is None:
            return
        written = _store(
            app,
            Write.CHANGE_NOTE,
            lambda store: note_cases.change_note(store, note, changed),
            _shown_again(note, on_saved),
        )
        if written is not None:
            app.notify("Note changed.", markup=False, timeout=3)
            if on_saved:
                on_saved(written)

    app.push_screen(
        NoteForm(
            program.children, note=note, today=family.family_today(), therapists=program.therapists, program=program
        ),
        done,
    )


def answer_note(app: App[Any], note: Note, on_saved: Callable[[Note], None] | None = None) -> None:
    """A first answer adds (anyone); rewording an answer changes it (the PIN in kiosk mode)."""
    if note.kind is not NoteKind.QUESTION:
        app.notify("Only questions for the therapist have answers.", markup=False, timeout=3)
        return
    kind = answer_kind(note.answer)
    family_of(app).permit(kind, lambda: _answer_note(app, note, kind, on_saved))


def _answer_note(app: App[Any], note: Note, kind: Write, on_saved: Callable[[Note], None] | None) -> None:
    from .note_form import AnswerForm

    family = family_of(app)

    def done(values: dict[str, str] | None) -> None:
        if values is None:
            return
        answer = values["answer"]
        if not answer.strip() and not note.answer:
            return
        answered = _build(
            app, lambda: domain.answer_question(note, answer, family.clock.now(), answered_by=values["answered_by"])
        )
        if answered is None:
            return
        written = _store(
            app, kind, lambda store: note_cases.change_note(store, note, answered), _shown_again(note, on_saved)
        )
        if written is not None:
            words = "Answer saved." if written.answered_at else "The question is open again."
            app.notify(words, markup=False, timeout=3)
            if on_saved:
                on_saved(written)

    program = family.store.program()
    author = domain.current_author(family.practising.caregiver())
    app.push_screen(AnswerForm(note, program, today=family.family_today(), family=author), done)


def delete_note(app: App[Any], note: Note, on_deleted: Callable[[], None] | None = None) -> None:
    family = family_of(app)
    program = family.store.program()
    message = Content.assemble(
        "This ",
        note.kind.label.lower(),
        " about ",
        (domain.child_in_sentence(program, note.child), "bold"),
        f" by {note.author} will be deleted:\n\n",
        (_quote(note.text), "italic"),
    )

    def confirmed(yes: bool | None) -> None:
        if yes and _store(app, Write.DELETE_NOTE, lambda store: note_cases.delete_note(store, note), on_deleted):
            app.notify("Note deleted.", markup=False, timeout=3)
            if on_deleted:
                on_deleted()

    family.permit(
        Write.DELETE_NOTE,
        lambda: app.push_screen(ConfirmScreen(message, title="Delete this note?"), confirmed),
    )


# -- wins ----------------------------------------------------------------------------


def add_win(app: App[Any]) -> None:
    """The ``w`` key, from any screen: prefilled from the screen (Today: the item under the cursor)."""
    screen: Screen[object] = app.screen
    if isinstance(screen, ModalScreen):
        return
    family_of(app).permit(Write.ADD_WIN, lambda: _add_win(app, screen))


def _add_win(app: App[Any], screen: Screen[object]) -> None:
    from .win_form import WinForm

    family = family_of(app)
    program = family.store.program()
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
        who = domain.current_author(family.practising.caregiver())
        win = _build(app, lambda: domain.new_win(who=who, now=family.clock.now(), **values))
        if win is not None and _store(app, Write.ADD_WIN, lambda store: win_cases.add_win(store, win)):
            celebrate(app, win, screen)

    app.push_screen(WinForm(program, child=child, goal=goal), done)


def celebrate(app: App[Any], win: Win, screen: Screen[object] | None = None) -> None:
    """Warm and short: a toast, and the screen's own brief highlight if it has one."""
    name = domain.child_in_sentence(family_of(app).store.program(), win.child)
    app.notify(f"🎉 A win for {name}! Saved for the weekly update.", markup=False, timeout=CELEBRATE_SECONDS)
    hook = getattr(screen, "win_added", None)
    if callable(hook):
        hook(win)


def edit_win(app: App[Any], win: Win, on_saved: Callable[[Win], None] | None = None) -> None:
    """Changing a win that exists: the PIN in kiosk mode."""
    family_of(app).permit(Write.CHANGE_WIN, lambda: _edit_win(app, win, on_saved))


def _edit_win(app: App[Any], win: Win, on_saved: Callable[[Win], None] | None) -> None:
    from .win_form import WinForm

    def done(values: dict[str, Any] | None) -> None:
        if values is None:
            return
        changed = _build(app, lambda: domain.edit_win(win, **values))
        if changed is None:
            return
        written = _store(
            app, Write.CHANGE_WIN, lambda store: win_cases.change_win(store, win, changed), _shown_again(win, on_saved)
        )
        if written is not None:
            app.notify("Win changed.", markup=False, timeout=3)
            if on_saved:
                on_saved(written)

    app.push_screen(WinForm(family_of(app).store.program(), win=win), done)


def delete_win(app: App[Any], win: Win, on_deleted: Callable[[], None] | None = None) -> None:
    family = family_of(app)
    program = family.store.program()
    message = Content.assemble(
        "This win for ",
        (domain.child_in_sentence(program, win.child), "bold"),
        " will be deleted:\n\n",
        (_quote(win.text), "italic"),
    )

    def confirmed(yes: bool | None) -> None:
        if yes and _store(app, Write.DELETE_WIN, lambda store: win_cases.delete_win(store, win), on_deleted):
            app.notify("Win deleted.", markup=False, timeout=3)
            if on_deleted:
                on_deleted()

    family.permit(
        Write.DELETE_WIN,
        lambda: app.push_screen(ConfirmScreen(message, title="Delete this win?"), confirmed),
    )
