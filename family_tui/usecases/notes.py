"""Notes and questions for the therapist (and their answers), as the forms make them.

Each change is written from the note as the form was opened on (``store.update``): what
another copy changed meanwhile is kept, or :class:`~family_tui.storage.ChangedElsewhere`
is raised and nothing is written.
"""

from __future__ import annotations

from ..domain.models import Note
from ..storage import FamilyStore


def add_note(store: FamilyStore, note: Note) -> Note:
    written: Note = store.update(None, note)
    return written


def change_note(store: FamilyStore, before: Note, after: Note) -> Note:
    """A note reworded, moved to another child or kind, or a question answered."""
    written: Note = store.update(before, after)
    return written


def delete_note(store: FamilyStore, note: Note) -> None:
    store.update(note, None)
