"""A note edited in two homes while apart: the notes pane shows the text kept and the other home's, never one lost."""

from __future__ import annotations

from datetime import timedelta

from family_tui.domain.models import Note, NoteKind
from family_tui.domain.sync.hlc import Stamp
from family_tui.domain.sync.ops import Op
from family_tui.storage.devices.oplog import append, read_logs
from family_tui.widgets.notes_pane import NoteList
from tests.screen_text import option_texts

KITCHEN, GRANDMA = "00000000000000a1", "00000000000000a2"


def edited_apart(data_dir, note: Note, clock) -> None:
    """Two other computers each change the note's text, both knowing only the note as first saved."""
    (saved,) = [op for op in read_logs(data_dir).ops if op.table == "notes" and op.id == note.id]
    later = int((clock.now() + timedelta(minutes=5)).timestamp() * 1000)
    for device, text, wall in (
        (KITCHEN, "Straw at lunch, both cups.", later),
        (GRANDMA, "Straw at lunch, no help.", later + 1000),
    ):
        append(
            data_dir,
            device,
            [Op(Stamp(wall, 0, device), "set", "notes", note.id, {"text": text}, {"text": (saved.stamp,)})],
        )


async def test_the_notes_pane_shows_both_texts_of_a_note_changed_in_two_homes(store, data_dir, clock, make_app):
    note = Note(
        kind=NoteKind.OBSERVATION,
        child="leo",
        author="Mom",
        text="Straw at lunch.",
        created_at=clock.now(),
        updated_at=clock.now(),
    )
    store.save(note)
    edited_apart(data_dir, note, clock)

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        rows = "\n".join(option_texts(app.screen.query_one(NoteList)))
        assert "Straw at lunch, no help." in rows  # the later write is shown
        assert "also written on another computer:" in rows
        assert "Straw at lunch, both cups." in rows  # and the other is kept in view
        assert any("changed on two computers" in p and "both cups" in p for p in app.store.notices)

        # Editing the note once settles it: the pane then shows one text.
        before = next(n for n in app.store.notes() if n.id == note.id)
        app.store.update(before, before.model_copy(update={"text": "Straw at lunch, both cups, no help."}))
        app.screen.refresh_notes()
        await pilot.pause()
        rows = "\n".join(option_texts(app.screen.query_one(NoteList)))
        assert "also written on another computer" not in rows
        assert "Straw at lunch, both cups, no help." in rows
