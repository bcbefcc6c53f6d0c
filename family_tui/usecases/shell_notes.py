"""``family-tui note`` and ``family-tui win``: a note or a win typed in a terminal, as the forms make them.

The same rules as the note and win forms: the words are checked by the same function,
the child is found as every ``--child`` finds one, "For" offers the child's therapists
and their disciplines, and a win's goal is one of the child's active goals. Who wrote
it is the caregiver practising in the app (else "Parent"). A refused note changes
nothing; a saved one is durable before the message says so.
"""

from __future__ import annotations

from ..domain import notes as domain
from ..domain.addressing import addressee_label, find_addressee
from ..domain.models import Child, Goal, Note, NoteKind, Program, Setting, Win
from ..domain.names import find_child
from ..storage import FamilyStore
from . import notes as note_cases
from . import wins as win_cases


class ShellNoteError(ValueError):
    """What was typed cannot be saved; the message says why and what is accepted."""


def _child(program: Program, typed: str) -> Child:
    try:
        child = find_child(program, typed)
    except ValueError as error:
        raise ShellNoteError(str(error)) from None
    if child.archived:
        raise ShellNoteError(f"{child.name} is archived: notes and wins are for the children on Today.")
    return child


def _checked_text(text: str, what: str) -> None:
    problem = domain.text_problem(text, what)
    if problem:
        raise ShellNoteError(problem)


def _author(store: FamilyStore, program: Program) -> str:
    return domain.current_author(program.caregiver(store.settings().caregiver))


def _model_problem(error: ValueError) -> ShellNoteError:
    """A record the checks let through but the model refuses: its first reason, as the forms say it."""
    errors = getattr(error, "errors", None)
    return ShellNoteError(str(errors()[0]["msg"]) if callable(errors) else str(error))


def add_note_from_shell(
    store: FamilyStore,
    text: str,
    *,
    child: str | None = None,
    kind: NoteKind = NoteKind.OBSERVATION,
    addressed_to: str | None = None,
) -> tuple[Note, str]:
    """Save a note (about the whole family without ``child``); returns it and what to print."""
    program = store.program()
    about = _child(program, child) if child is not None else None
    child_id = about.id if about is not None else None
    to = None
    if addressed_to is not None:
        try:
            to = find_addressee(program, child_id, addressed_to)
        except ValueError as error:
            raise ShellNoteError(str(error)) from None
    _checked_text(text, "The note")
    try:
        note = domain.new_note(kind, child_id, text, _author(store, program), store.clock.now(), addressed_to=to)
    except ValueError as error:
        raise _model_problem(error) from None
    written = note_cases.add_note(store, note)
    who = about.name if about is not None else "the whole family"
    return written, f"{written.kind.label} about {who} saved, for {addressee_label(written, program)}: {written.text}"


def add_win_from_shell(store: FamilyStore, text: str, *, child: str | None, goal: str | None = None) -> tuple[Win, str]:
    """Save a win for ``child`` (and one of their active goals); returns it and what to print."""
    program = store.program()
    if child is None:
        names = ", ".join(f"{c.name} (id {c.id})" for c in program.children if not c.archived)
        raise ShellNoteError(f"Pick the child this win is for: --child NAME. Children: {names or 'none yet'}.")
    found = _child(program, child)
    match: Goal | None = None
    if goal is not None:
        goals = domain.goals_for_win(program, found.id)
        match = next((g for g in goals if g.id == goal.strip()), None)
        if match is None:
            listed = ", ".join(f"{g.title} (id {g.id})" for g in goals) or "none"
            raise ShellNoteError(f'No goal "{goal.strip()}" on Today for {found.name}. Goals: {listed}.')
    _checked_text(text, "The win")
    try:
        who = _author(store, program)
        goal_id = match.id if match is not None else None
        win = domain.new_win(
            child=found.id, text=text, goal=goal_id, setting=Setting.HOME, who=who, now=store.clock.now()
        )
    except ValueError as error:
        raise _model_problem(error) from None
    written = win_cases.add_win(store, win)
    about = f" (goal: {match.title})" if match is not None else ""
    return written, f"🎉 A win for {found.name}! Saved for the weekly update: {written.text}{about}"
