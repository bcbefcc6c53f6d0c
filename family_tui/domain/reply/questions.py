"""Which open questions a therapist's reply may answer."""

from __future__ import annotations

from collections.abc import Iterable

from ..models import Note, Program, Therapist


def sees(therapist: Therapist, child: str | None) -> bool:
    """Whether ``therapist`` sees ``child``; a note about the whole family concerns every therapist."""
    return child is None or child in therapist.children


def open_questions_for(program: Program, notes: Iterable[Note], therapist: Therapist) -> list[Note]:
    """The open questions she can answer, oldest first: those about a child she sees, or the whole family."""
    del program  # kept for when questions are addressed to one therapist or discipline
    found = [n for n in notes if n.is_open_question and sees(therapist, n.child)]
    return sorted(found, key=lambda n: (n.created_at, n.id))
