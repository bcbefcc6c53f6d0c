"""Which open questions a therapist's reply may answer: those for her (see ``domain/addressing.py``)."""

from __future__ import annotations

from collections.abc import Iterable

from ..addressing import note_is_for
from ..models import Note, Program, Therapist


def sees(therapist: Therapist, child: str | None) -> bool:
    """Whether a reply may change what is about ``child``: one she sees (the whole family: any)."""
    return child is None or child in therapist.children


def open_questions_for(program: Program, notes: Iterable[Note], therapist: Therapist) -> list[Note]:
    """The open questions for her (by name, her discipline, or everyone who sees the child), oldest first."""
    found = [n for n in notes if n.is_open_question and note_is_for(n, therapist, program)]
    return sorted(found, key=lambda n: (n.created_at, n.id))
