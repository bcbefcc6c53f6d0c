"""Who a note is for: one therapist, a discipline, or everyone who sees the child.

A question about Sam's curb walk is for his physiotherapist, not for the speech
therapist who also sees him. A note's ``addressed_to`` holds a therapist's id, a
discipline ("OT", "PT", "SLP") or None (everyone who sees the child; a note about the
whole family: every therapist who sees one of the children). Notes written before
addressing existed load as None, so they still reach everyone they reached before.

The note form, the notes pane, the answer form, the report and ``family-tui note``
all ask these functions, so they agree on who reads what. No Textual here.
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import Discipline, Goal, Note, NoteKind, Program, Therapist
from .names import find_therapist

DISCIPLINE_CODES = frozenset(d.value for d in Discipline)


def _therapist(program: Program, therapist_id: str) -> Therapist | None:
    return next((t for t in program.therapists if t.id == therapist_id), None)


def sees(therapist: Therapist, child: str | None) -> bool:
    """She sees ``child``; for the whole family (None), she sees at least one child."""
    return bool(therapist.children) if child is None else child in therapist.children


def note_is_for(note: Note, therapist: Therapist, program: Program) -> bool:
    """Whether ``therapist`` should read ``note``: it names her, her discipline, or everyone.

    A note addressed to her by id reaches her whatever child it is about. One addressed
    to her discipline or to everyone reaches her only when she sees its child (for a
    note about the whole family: any child). A note for a therapist no longer in
    ``program`` goes to everyone who sees the child, so it is not lost.
    """
    to = note.addressed_to
    if to == therapist.id:
        return True
    if to is not None and to not in DISCIPLINE_CODES and _therapist(program, to) is None:
        to = None
    if to is not None and to != therapist.discipline.value:
        return False
    return sees(therapist, note.child)


def note_is_for_discipline(note: Note, discipline: Discipline, program: Program) -> bool:
    """Whether an update for every therapist of ``discipline`` should carry ``note``.

    It does when the note is for everyone, for that discipline, or for one of its
    therapists; a question for the physiotherapist stays out of the speech update. A
    note for a therapist no longer in ``program`` is for everyone, as in :func:`note_is_for`.
    """
    to = note.addressed_to
    if to is None or to == discipline.value:
        return True
    if to in DISCIPLINE_CODES:
        return False
    therapist = _therapist(program, to)
    return therapist is None or therapist.discipline is discipline


def is_for_everyone(note: Note) -> bool:
    return note.addressed_to is None


def is_own_update(note: Note, therapist: Therapist) -> bool:
    """A therapist update she wrote herself ("Zoë: move to short phrases next week")."""
    return note.kind is NoteKind.UPDATE and note.author == therapist.name


def _child_words(program: Program, child: str | None) -> str:
    if child is None:
        return "the family"
    found = program.child(child)
    return found.name if found is not None else child


def addressee_label(note: Note, program: Program) -> str:
    """``Ms. Park``, ``Speech therapy (SLP)`` or ``everyone who sees Leo``."""
    return addressee_words(note.addressed_to, note.child, program)


def addressee_words(addressed_to: str | None, child: str | None, program: Program) -> str:
    """:func:`addressee_label` before a note exists (the form's choices, the CLI's message)."""
    if addressed_to is None:
        return f"everyone who sees {_child_words(program, child)}"
    if addressed_to in DISCIPLINE_CODES:
        discipline = Discipline(addressed_to)
        return f"{discipline.label} ({discipline.value})"
    therapist = _therapist(program, addressed_to)
    return therapist.name if therapist is not None else addressed_to


def addressee_short(note: Note, program: Program) -> str:
    """For a one-line list: ``Ms. Park``, ``SLP``, ``everyone``."""
    to = note.addressed_to
    if to is None:
        return "everyone"
    if to in DISCIPLINE_CODES:
        return to
    therapist = _therapist(program, to)
    return therapist.name if therapist is not None else to


def therapists_of(program: Program, child: str | None) -> list[Therapist]:
    """The active therapists who see ``child`` (for the whole family: any child), each once."""
    found: list[Therapist] = []
    for therapist in program.therapists:
        if not therapist.archived and sees(therapist, child) and therapist.id not in {t.id for t in found}:
            found.append(therapist)
    return found


def addressee_choices(program: Program, child: str | None) -> list[tuple[str, str | None]]:
    """``(label, addressed_to)`` for "For:": the child's therapists, their disciplines, then everyone."""
    theirs = therapists_of(program, child)
    choices: list[tuple[str, str | None]] = [(f"{t.name} ({t.discipline.value})", t.id) for t in theirs]
    for discipline in Discipline:
        if any(t.discipline is discipline for t in theirs):
            choices.append((f"{discipline.label} ({discipline.value})", discipline.value))
    everyone = addressee_words(None, child, program)
    choices.append((everyone[0].upper() + everyone[1:], None))
    return choices


def goal_therapist(program: Program, goal: Goal | None) -> Therapist | None:
    """Who set ``goal``: the active therapist of its discipline who sees its child (the first)."""
    if goal is None:
        return None
    return next((t for t in therapists_of(program, goal.child) if t.discipline is goal.discipline), None)


def default_addressee(program: Program, goal: Goal | None) -> str | None:
    """What "For:" starts at: the therapist of the selected practice's goal, else everyone."""
    therapist = goal_therapist(program, goal)
    return therapist.id if therapist is not None else None


def answering_therapists(program: Program, note: Note) -> list[Therapist]:
    """Who may have answered ``note``: the child's therapists, the one it was for first.

    A question for Mr. Chen is answered by Mr. Chen, so he comes first (even if he no
    longer sees the child); one for a discipline puts that discipline's therapists first.
    """
    theirs = therapists_of(program, note.child)
    to = note.addressed_to
    named = _therapist(program, to) if to is not None and to not in DISCIPLINE_CODES else None
    if named is not None:
        return [named] + [t for t in theirs if t.id != named.id]
    if to in DISCIPLINE_CODES:
        return sorted(theirs, key=lambda t: t.discipline.value != to)
    return theirs


def notes_and_own_updates(
    notes: Iterable[Note], therapist: Therapist | None, program: Program
) -> tuple[list[Note], list[Note]]:
    """For her update: the notes for her, and apart her own updates (oldest first); all notes without her."""
    notes = list(notes)
    if therapist is None:
        return notes, []
    own = sorted((n for n in notes if is_own_update(n, therapist)), key=lambda n: n.created_at)
    return [n for n in notes if note_is_for(n, therapist, program) and not is_own_update(n, therapist)], own


def find_addressee(program: Program, child: str | None, typed: str) -> str:
    """What ``--for`` names for a note about ``child``: one of its therapists (id) or their discipline.

    The same choices as the note form's "For": a therapist is found as ``--therapist``
    finds one (id, name, one word of it), a discipline by OT, PT or SLP in any case.
    Raises ``ValueError`` saying whom a note about that child can be for.
    """
    theirs = therapists_of(program, child)
    about = _child_words(program, child)
    offered = [f"{t.name} ({t.discipline.value}, id {t.id})" for t in theirs]
    offered += [d.value for d in Discipline if any(t.discipline is d for t in theirs)]
    choices = f"For a note about {about}: {', '.join(offered)}; " if offered else ""
    hint = f"{choices}or leave --for out: it is then for everyone who sees {about}."
    code = typed.strip().upper()
    if code in DISCIPLINE_CODES:
        if any(t.discipline.value == code for t in theirs):
            return code
        raise ValueError(f"No one who sees {about} does {Discipline(code).label.lower()} ({code}). {hint}")
    try:
        therapist = find_therapist(program, typed)
    except ValueError as error:
        raise ValueError(f"{error} {hint}") from None
    if therapist not in theirs:
        raise ValueError(f"{therapist.name} does not see {about}. {hint}")
    return therapist.id
