"""One meaning per key on Today with the notes pane: j k move, v filters, r only on questions,
a adds from the pane, and leaving the pane gives Today its keys back."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from family_tui.domain.models import NoteKind
from family_tui.screens.editor import EditorScreen
from family_tui.screens.note_form import NoteForm
from family_tui.screens.today import TodayScreen
from family_tui.widgets.checklist import PracticeChecklist
from family_tui.widgets.notes_pane import NoteList, NotesPane
from tests.app.test_notes import make_note, open_pane
from tests.screen_text import footer_keys, footer_line, static_text


def highlighted_text(pane: NotesPane) -> str:
    note = pane.highlighted_note
    assert note is not None
    return note.text


@pytest.mark.parametrize("size", [(80, 24), (130, 40)], ids=["narrow", "wide"])
async def test_j_and_k_move_in_the_pane_and_v_filters_by_kind(make_app, store, clock, size):
    store.save_many(
        [
            make_note(clock, NoteKind.OBSERVATION, "Newest", days_ago=1),
            make_note(clock, NoteKind.QUESTION, "Middle", days_ago=2),
            make_note(clock, NoteKind.OBSERVATION, "Oldest", days_ago=3),
        ]
    )
    app = make_app()
    async with app.run_test(size=size) as pilot:
        pane = await open_pane(pilot)
        assert highlighted_text(pane) == "Newest"
        await pilot.press("j")
        assert highlighted_text(pane) == "Middle"
        await pilot.press("k")  # up, as on the checklist: not a filter
        assert highlighted_text(pane) == "Newest"
        assert "Showing: Everything" in static_text(app, "#notes-filter")
        assert "v kind" in static_text(app, "#notes-filter")
        await pilot.press("v", "v", "v")  # updates, observations, questions
        assert "Showing: Everything" not in static_text(app, "#notes-filter")
        assert highlighted_text(pane) == "Middle"
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = str(app.screen.query_one(Static).content)
        assert "v  Filter kind" in help_text and "k  Filter kind" not in help_text


async def test_r_is_offered_on_a_question_only_and_says_why_elsewhere(make_app, store, clock):
    store.save_many(
        [
            make_note(clock, NoteKind.QUESTION, "Lisp or not?", days_ago=1),
            make_note(clock, NoteKind.OBSERVATION, "Said snake", days_ago=2),
        ]
    )
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        pane = await open_pane(pilot)
        assert highlighted_text(pane) == "Lisp or not?"
        assert ("r", "Answer") in footer_keys(app)
        await pilot.press("down")
        await pilot.pause()
        assert highlighted_text(pane) == "Said snake"
        assert "r" not in [key for key, _ in footer_keys(app)]
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert any("Only a question gets an answer" in str(n.message) for n in app._notifications)


async def test_a_is_in_the_pane_s_footer_and_adds_a_note(make_app, store, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot)
        assert "Press a to add" in "".join(str(o.prompt) for o in app.screen.query_one(NoteList).options)
        assert ("a", "Add") in footer_keys(app)
        assert " a Add " in footer_line(app)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteForm)


@pytest.mark.parametrize("size", [(80, 24), (130, 40)], ids=["narrow", "wide"])
@pytest.mark.parametrize("leave", ["n", "escape"])
async def test_leaving_the_pane_gives_the_focus_back_to_the_checklist(make_app, store, clock, size, leave):
    store.save(make_note(clock, NoteKind.OBSERVATION, "A note to leave"))
    app = make_app()
    async with app.run_test(size=size) as pilot:
        pane = await open_pane(pilot)
        await pilot.press(leave)
        await pilot.pause()
        assert isinstance(app.focused, PracticeChecklist)
        assert not pane.has_focus_within
        if size[0] < 120:
            assert not pane.display
        await pilot.press("e")  # Today's e: the program editor, not "Change the note"
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)


async def test_escape_clears_a_filter_first_then_leaves(make_app, store, clock):
    store.save(make_note(clock, NoteKind.OBSERVATION, "Filtered"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot)
        await pilot.press("f")
        assert pane.note_filter.is_active
        await pilot.press("escape")
        await pilot.pause()
        assert not pane.note_filter.is_active and pane.has_focus_within
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, PracticeChecklist)


@pytest.mark.parametrize("key", ["e", "x", "delete"])
async def test_e_and_x_in_an_empty_notes_list_say_so_and_stay_in_the_pane(make_app, key):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot)
        assert pane.highlighted_note is None  # no notes yet
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen), "e reached Today's editor key"
        assert not isinstance(app.screen, EditorScreen)
        verb = "change" if key == "e" else "delete"
        assert any(f"There is no note here to {verb}" in str(n.message) for n in app._notifications)
        assert pane.has_focus_within
