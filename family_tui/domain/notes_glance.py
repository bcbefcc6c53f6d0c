"""What Today first shows of the notes, without every note at hand.

Today's header counts the open questions and the notes pane shows the pinned focus and a
page of the newest notes: years of notes (thousands) were all decoded for that before
Today's first frame. A :class:`NotesGlance` holds just those; the pane asks for every note
when a filter, a search or "more" needs them. :func:`glance_of` is the glance every note
gives: the store's quicker reading must give the same one (and is checked against it).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence

from .light_dataclass import light_dataclass
from .models import Note, Program
from .notes import NotesView, focus_in_order, newest_key, pinned_focus

NOTES_PAGE = 20
"""Notes laid out at first (newest first); "more" adds as many again. Years of notes
would otherwise be laid out on every redraw of Today, a key press's worth of time each."""


@light_dataclass(frozen=True)
class NotesGlance:
    """The notes' count, the open questions' count, the pinned focus and the newest ``page`` others."""

    total: int
    open_questions: int
    focus: tuple[Note, ...]
    """The latest therapist update per child (see :func:`~.notes.pinned_focus`), newest first."""
    newest: tuple[Note, ...]
    """The newest ``page + len(focus)`` notes, newest first: ``page`` of them are not pinned."""
    page: int


def glance_of(notes: Iterable[Note], page: int = NOTES_PAGE) -> NotesGlance:
    """The glance at these notes (all of them)."""
    notes = list(notes)
    focus = sorted(pinned_focus(notes).values(), key=newest_key, reverse=True)
    return NotesGlance(
        total=len(notes),
        open_questions=sum(1 for n in notes if n.is_open_question),
        focus=tuple(focus),
        newest=tuple(heapq.nlargest(page + len(focus), notes, key=newest_key)),
        page=page,
    )


def glance_view(glance: NotesGlance, program: Program) -> NotesView:
    """The unfiltered notes pane from a glance: what :func:`~.notes.notes_view` gives, up to ``page`` others."""
    pinned = focus_in_order(glance.focus, program)
    pinned_ids = {n.id for n in pinned}
    others: Sequence[Note] = [n for n in glance.newest if n.id not in pinned_ids][: glance.page]
    return NotesView(tuple(pinned), tuple(others), glance.total, older=glance.total - len(pinned) - len(others))
