"""Years of notes: the pane lays out the newest first and the rest on request; space still types."""

from __future__ import annotations

from datetime import timedelta

from family_tui.domain.models import Note, NoteKind
from family_tui.widgets.checklist import PracticeChecklist
from family_tui.widgets.notes_pane import MORE_ID, NOTES_PAGE, NoteList, NotesPane
from tests.counting import notes_drawn


def many_notes(clock, count: int) -> list[Note]:
    notes = []
    for n in range(count):
        when = clock.now() - timedelta(hours=n)
        notes.append(
            Note(
                kind=NoteKind.OBSERVATION,
                child="leo",
                text=f"Note number {n}",
                author="Mom",
                created_at=when,
                updated_at=when,
            )
        )
    return notes


async def test_older_notes_are_laid_out_on_request(make_app, store, clock):
    notes = many_notes(clock, NOTES_PAGE * 2 + 5)
    store.save_many(notes)
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        note_list = app.screen.query_one(NoteList)
        ids = [o.id for o in note_list.options]
        assert len([i for i in ids if i and i.startswith("note:")]) == NOTES_PAGE
        assert ids[-1] == MORE_ID
        assert "older notes" in str(note_list.get_option(MORE_ID).prompt)

        pane = app.screen.query_one(NotesPane)
        pane.show_more()
        await pilot.pause()
        ids = [o.id for o in note_list.options]
        assert len([i for i in ids if i and i.startswith("note:")]) == NOTES_PAGE * 2
        # The cursor is on the first note that was hidden.
        assert pane.highlighted_note.id == notes[NOTES_PAGE].id

        # Selecting an old note (after editing it, say) lays out as much as needed.
        assert pane.select_note(notes[-1].id)
        assert pane.highlighted_note.id == notes[-1].id
        assert MORE_ID not in [o.id for o in note_list.options]


async def test_redrawing_today_with_the_same_notes_lays_nothing_out_again(make_app, store, clock):
    store.save_many(many_notes(clock, 30))
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        pane = app.screen.query_one(NotesPane)
        drawn = notes_drawn(pane)
        await pilot.press("space")  # a check-in redraws Today
        await pilot.pause()
        assert drawn == []


async def test_space_marks_on_the_checklist_and_types_in_the_notes_search(make_app, store, clock):
    store.save_many(many_notes(clock, 3))
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        checklist = app.screen.query_one(PracticeChecklist)
        item = checklist.highlighted_item
        assert item is not None and item.entry is None
        await pilot.press("space")
        await pilot.pause()
        assert checklist.highlighted_item.entry is not None

        await pilot.press("n", "slash")
        await pilot.press("N", "o", "t", "e", "space", "n")
        search = app.screen.query_one("#notes-search")
        assert search.value == "Note n"
