"""Today starts from a glance at the notes (see family_tui/domain/notes_glance.py).

Only the notes on the first page are decoded while Today starts; what a family sees must not
change: the header counts an open question asked long ago, and a filter, a search or "more"
still finds a note far down the list.
"""

from __future__ import annotations

import json
from datetime import timedelta

from family_tui.domain.models import Note, NoteKind
from family_tui.domain.notes_glance import NOTES_PAGE, glance_of
from family_tui.storage import FamilyStore
from family_tui.widgets.notes_pane import MORE_ID, NoteList, NotesPane
from tests.counting import decoded_texts, notes_drawn
from tests.screen_text import option_texts, static_text

OLD = NOTES_PAGE * 3
"""How many notes back the old question and the old observation are: far below the first page."""


def _note(clock, n: int, kind: NoteKind = NoteKind.OBSERVATION, text: str | None = None) -> Note:
    when = clock.now() - timedelta(hours=n)
    return Note(
        kind=kind,
        child="leo",
        text=text or f"Note number {n}",
        author="Mom",
        created_at=when,
        updated_at=when,
    )


def _years_of_notes(store: FamilyStore, clock) -> None:
    notes = [_note(clock, n) for n in range(OLD * 2)]
    notes[OLD] = _note(clock, OLD, NoteKind.QUESTION, "Should the straw be shorter?")
    notes[OLD + 1] = _note(clock, OLD + 1, text="He blew bubbles through the flamingo straw")
    store.save_many(notes)


def pane_rows(app) -> list[str]:
    return option_texts(app.screen.query_one(NoteList))


async def test_an_open_question_far_back_is_counted_in_the_header_and_found_by_the_filter(make_app, store, clock):
    _years_of_notes(store, clock)
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        assert "1 open question" in static_text(app, "#day-header")
        assert not any("straw be shorter" in r for r in pane_rows(app))
        assert f"({OLD * 2})" in static_text(app, "#notes-filter")
        await pilot.press("n", "v", "v", "v", "v")  # into the pane; updates, observations, questions, open ones
        await pilot.pause()
        assert any("straw be shorter" in r for r in pane_rows(app))
        assert f"(1 of {OLD * 2})" in static_text(app, "#notes-filter")


async def test_a_search_and_more_find_an_old_note(make_app, store, clock):
    _years_of_notes(store, clock)
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        more = app.screen.query_one(NoteList).get_option(MORE_ID)
        assert f"{OLD * 2 - NOTES_PAGE} older notes" in str(more.prompt)
        pane = app.screen.query_one(NotesPane)
        for _ in range(OLD // NOTES_PAGE + 1):
            pane.show_more()
        await pilot.pause()
        assert any("flamingo straw" in r for r in pane_rows(app))

    async with make_app().run_test(size=(130, 40)) as pilot:
        app = pilot.app
        assert not any("flamingo straw" in r for r in pane_rows(app))
        await pilot.press("n", "slash", *"flamingo")
        await pilot.pause()
        assert any("flamingo straw" in r for r in pane_rows(app))


def test_the_glance_decodes_only_the_first_page_and_is_the_glance_every_note_gives(data_dir, store, clock, monkeypatch):
    _years_of_notes(store, clock)
    decoded = decoded_texts(monkeypatch, Note)
    quick = FamilyStore(data_dir, clock=clock, quick_start=True, maintain=False)
    glance = quick.notes_glance()

    assert len(decoded) == NOTES_PAGE  # no pinned update here: just the page
    assert glance == glance_of(FamilyStore(data_dir, clock=clock).notes())
    assert glance.open_questions == 1 and glance.total == OLD * 2
    assert quick.verify() is False  # nothing shown to take back


def test_a_damaged_old_note_is_reported_once_checked_and_the_counts_are_those_of_every_note(data_dir, store, clock):
    _years_of_notes(store, clock)
    main = data_dir / ".family-tui-local" / "state" / "family.json"
    data = json.loads(main.read_bytes())
    old = next(doc for doc in data["notes"].values() if doc["kind"] == "question")
    old["text"] = "ring \x07 the bell"  # the open question, far down: not on the first page
    main.write_text(json.dumps(data))
    validated = FamilyStore(data_dir, clock=clock)

    quick = FamilyStore(data_dir, clock=clock, quick_start=True, maintain=False)
    assert quick.notes_glance().open_questions == 1  # as stored, not yet checked
    assert quick.verify() is True  # the glance shown is taken back: Today reads the notes again
    assert any("control character" in p for p in quick.problems)
    assert quick.notes_glance() == glance_of(validated.notes())
    assert quick.notes_glance().open_questions == 0
    assert sorted(quick.problems) == sorted(validated.problems)


async def test_after_the_background_check_a_check_in_lays_no_note_out_again(make_app, store, clock):
    """The checked notes give the glance Today drew: the pane is left as it is (a check-in stays one frame)."""
    from family_tui.app import MAINTENANCE_DELAY

    _years_of_notes(store, clock)
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.pause(MAINTENANCE_DELAY + 0.3)
        await app.workers.wait_for_complete()
        assert app.store._checks.decoding is False  # verified
        pane = app.screen.query_one(NotesPane)
        drawn = notes_drawn(pane)
        await pilot.press("space")  # a check-in redraws Today
        await pilot.pause()
        assert drawn == []
