"""Wrapped lines keep their hanging indent: a routine's long name wraps under the name, a note's long line under its text."""

from __future__ import annotations

from datetime import datetime, time

from family_tui.domain.models import Note, NoteKind, Routine
from family_tui.widgets.checklist import PracticeChecklist
from family_tui.widgets.notes_pane import NoteList

LONG_ROUTINE = "Quiet time on the sofa with the picture books (nothing planned yet)"
LONG_NOTE = "Leo said sun, sock and seal at breakfast without a reminder and then asked for more soup by himself"


def drawn_lines(widget) -> list[str]:
    """The widget's lines as drawn, inside its border and padding."""
    return [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]


def following(lines: list[str], start: str) -> tuple[str, str]:
    """The line beginning with ``start`` (after spaces) and the line drawn under it."""
    index = next(i for i, line in enumerate(lines) if line.lstrip().startswith(start))
    return lines[index], lines[index + 1]


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


async def test_a_long_routine_name_wraps_under_the_name_not_the_time(make_app, store):
    store.save(Routine(id="quiet", name=LONG_ROUTINE, time=time(7, 18)))
    app = make_app()
    async with app.run_test(size=(80, 24)):
        checklist = app.screen.query_one(PracticeChecklist)
        first, second = following(drawn_lines(checklist), "07:18 Quiet time")
        assert second.strip() and indent(second) == indent(first) + len("07:18 ")
        # Its "nothing to practise" line hangs under its own text too.
        nothing = next(i for i, line in enumerate(drawn_lines(checklist)) if "Nothing to practise" in line)
        assert indent(drawn_lines(checklist)[nothing + 1]) == indent(drawn_lines(checklist)[nothing])


async def test_a_long_line_of_a_note_wraps_under_the_notes_text(make_app, store):
    store.save(
        Note(
            id="n1",
            child="leo",
            kind=NoteKind.OBSERVATION,
            author="Mom",
            text=LONG_NOTE,
            created_at=datetime(2026, 11, 26, 7, 0),
            updated_at=datetime(2026, 11, 26, 7, 0),
        )
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        notes = app.screen.query_one(NoteList)
        first, second = following(drawn_lines(notes), "Leo said sun")
        assert len(first.rstrip()) < len(LONG_NOTE)  # it did wrap
        assert second.strip() and indent(second) == indent(first) == 2
