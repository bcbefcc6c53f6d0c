"""Today's glance at the notes, read from the stored documents with only what it shows decoded.

Decoding every note of five years (2,000) was an eighth of Today's start-up, for a header
count and a page of notes. Here each document is only looked at (its id, kind, dates and
whether it was answered); the notes the glance holds are decoded and checked as any read
checks them. The counts take the other documents as they stand: one that fails its check
(a control character in a note of three years ago) is found by ``MainFile.verify``, which
compares this glance with the one every checked note gives and, if they differ, has Today
read the notes again, as it does for any record the check takes back.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from typing import Any

from ..domain.models import Note, NoteKind
from ..domain.notes_glance import NotesGlance
from ..domain.records import DATETIME_FORM

_KINDS = frozenset(kind.value for kind in NoteKind)


def quick_glance(raw: dict[str, Any], page: int, checked: Callable[[dict[str, Any]], list[Note]]) -> NotesGlance | None:
    """The glance at the stored note documents ``raw``, decoding only its notes with ``checked``.

    None when a document is not plainly one this app writes (no id or one id twice, a kind,
    a date or a child of another form) or a note the glance holds fails its check: every
    note is then read, and each problem reported, as without a glance.
    """
    form = DATETIME_FORM.fullmatch
    keys: list[tuple[str, str, str, str]] = []
    ids: set[str] = set()
    focus: dict[str | None, tuple[str, str, str, str]] = {}
    open_questions = 0
    for doc_id, doc in raw.items():
        if type(doc) is not dict:
            return None
        record_id, kind, created, updated = doc.get("id"), doc.get("kind"), doc.get("created_at"), doc.get("updated_at")
        if type(record_id) is not str or record_id in ids or kind not in _KINDS:
            return None
        if type(created) is not str or type(updated) is not str or form(created) is None or form(updated) is None:
            return None
        ids.add(record_id)
        # A note's newest_key, then its place. In this one form (digits of fixed width, the
        # microseconds only when not zero, as pydantic writes them) text sorts as the time does.
        key = (created, updated, record_id, doc_id)
        keys.append(key)
        if kind == "update":
            child = doc.get("child")
            if child is not None and type(child) is not str:
                return None
            if child not in focus or key > focus[child]:
                focus[child] = key
        elif kind == "question" and doc.get("answered_at") is None:
            open_questions += 1
    newest = heapq.nlargest(page + len(focus), keys)
    pinned = sorted(focus.values(), reverse=True)
    wanted = {key[3]: raw[key[3]] for key in (*newest, *pinned)}
    notes = {note.id: note for note in checked(wanted)}
    if len(notes) != len(wanted):
        return None
    return NotesGlance(
        total=len(keys),
        open_questions=open_questions,
        focus=tuple(notes[key[2]] for key in pinned),
        newest=tuple(notes[key[2]] for key in newest),
        page=page,
    )
