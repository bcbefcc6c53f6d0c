"""Therapists as people in the app: who wrote a therapist update, and who answered a question.

Through the keys and the mouse, as a family uses it: the "Written by" choice appears for
a therapist update only, what is chosen is what lands on disk, an answer records who
gave it and when, and the notes pane says so, with names shown exactly as typed.
"""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Select, TextArea

from family_tui.domain.models import Note, NoteKind, Therapist
from family_tui.screens.note_form import AnswerForm, NoteForm
from family_tui.screens.today import TodayScreen
from family_tui.storage import FamilyStore
from family_tui.widgets.notes_pane import NoteList, NotesPane
from tests.app.test_notes import HOSTILE, assert_plain, open_pane, pane_rows, stored, write
from tests.app.test_stale_screens import change_in_other_process, toasts

SIZE = (80, 24)
CHEN = Therapist(id="chen", name="Mr. Chen", discipline="OT", children=["leo"])


def a_question(clock, text="Should we correct 'thnake'?", child="leo", days_ago=0, **extra) -> Note:
    when = clock.now() - timedelta(days=days_ago)
    return Note(
        kind=NoteKind.QUESTION,
        child=child,
        text=text,
        author=extra.pop("author", "Mom"),
        created_at=when,
        updated_at=when,
        **extra,
    )


def an_update(clock, text: str, author: str) -> Note:
    """A therapist update about Leo, written now."""
    return Note(
        kind=NoteKind.UPDATE, child="leo", text=text, author=author, created_at=clock.now(), updated_at=clock.now()
    )


def author_row(app):
    return app.screen.query_one("#author-row")


async def choose(pilot, select_id: str, label: str) -> None:
    """Open a select with a click and pick ``label`` with the arrow keys and enter."""
    await pilot.click(select_id)
    await pilot.pause()
    select = pilot.app.screen.query_one(select_id, Select)
    assert select.expanded
    labels = [str(prompt) for prompt, _ in select._options]
    target = labels.index(label)
    current = [value for _, value in select._options].index(select.value)
    await pilot.press(*(["down"] * (target - current) if target >= current else ["up"] * (current - target)))
    await pilot.press("enter")
    await pilot.pause()
    assert select.value == select._options[target][1]


# -- a therapist update is by a therapist ------------------------------------------------------


async def test_a_therapist_update_is_written_by_the_therapist_chosen(make_app, data_dir, store):
    store.save(CHEN)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_pane(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NoteForm)
        # An observation is by whoever is practising: no "Written by".
        assert not author_row(app).display
        await choose(pilot, "#child", "Leo")
        await choose(pilot, "#kind", "Therapist update")
        assert author_row(app).display
        # Leo sees two therapists: the first; Maya only Ms. Rivera.
        author = form.query_one("#author", Select)
        assert author.value == "Ms. Rivera"
        assert [str(p) for p, _ in author._options] == [
            "Ms. Rivera (Speech therapy)",
            "Mr. Chen (Occupational therapy)",
        ]
        await choose(pilot, "#author", "Mr. Chen (Occupational therapy)")
        form.query_one("#note-text", TextArea).focus()
        await write(pilot, "Big buttons first, then the small ones.")
        # Everything in view at 80x24, the buttons too; a click saves.
        for widget_id in ("#kind", "#child", "#author", "#note-text", "#save", "#cancel"):
            widget = form.query_one(widget_id)
            assert form.query_one(".form-box").region.contains_region(widget.region), widget_id
        await pilot.click("#save")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        [note] = stored(data_dir)
        assert note.kind is NoteKind.UPDATE and note.author == "Mr. Chen" and note.child == "leo"
        row = next(r for r in pane_rows(app) if "Big buttons" in r)
        assert "Mr. Chen" in row and "Mom" not in row


async def test_switching_kind_shows_and_hides_the_author_and_only_an_update_keeps_it(make_app, data_dir, store):
    store.save(CHEN)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#kind", Select).value = NoteKind.UPDATE
        await pilot.pause()
        assert author_row(app).display
        form.query_one("#author", Select).value = "Mr. Chen"
        form.query_one("#kind", Select).value = NoteKind.QUESTION
        await pilot.pause()
        assert not author_row(app).display
        # Hidden, it is not in the way of the keys either: About, then For, then the words.
        form.query_one("#kind", Select).focus()
        await pilot.press("tab", "tab", "tab")
        assert app.focused is form.query_one("#note-text")
        await write(pilot, "How long should a try last?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [note] = stored(data_dir)
        assert note.kind is NoteKind.QUESTION and note.author == "Mom"


async def test_the_default_author_follows_the_child_until_one_is_chosen(make_app, store):
    store.save(Therapist(id="chen", name="Mr. Chen", discipline="OT", children=["maya"]))
    store.save(Therapist(id="rivera", name="Ms. Rivera", discipline="SLP", children=["leo"]))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#kind", Select).value = NoteKind.UPDATE
        form.query_one("#child", Select).value = "leo"
        await pilot.pause()
        author = form.query_one("#author", Select)
        assert author.value == "Ms. Rivera"
        form.query_one("#child", Select).value = "maya"
        await pilot.pause()
        assert author.value == "Mr. Chen"  # Maya's only therapist
        author.value = "Ms. Rivera"  # chosen: the child no longer moves it
        form.query_one("#child", Select).value = "leo"
        await pilot.pause()
        form.query_one("#child", Select).value = "maya"
        await pilot.pause()
        assert author.value == "Ms. Rivera"


async def test_with_no_therapist_an_update_is_by_whoever_is_practising(make_app, data_dir, store):
    store.apply_changes([], [(Therapist, "rivera")])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#kind", Select).value = NoteKind.UPDATE
        assert not app.screen.query("#author-row")
        await write(pilot, "Ms. Rivera said: lips round.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [note] = stored(data_dir)
        assert note.kind is NoteKind.UPDATE and note.author == "Mom"


async def test_changing_an_update_can_put_it_under_another_therapist(make_app, data_dir, store, clock):
    store.save(CHEN)
    update = an_update(clock, "Pinch, push, pull.", "Ms. Rivera")
    store.save(update)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_pane(pilot)
        pane.select_note(update.id)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NoteForm) and author_row(app).display
        assert form.query_one("#author", Select).value == "Ms. Rivera"
        await choose(pilot, "#author", "Mr. Chen (Occupational therapy)")
        await pilot.click("#save")
        await pilot.pause()
        [note] = stored(data_dir)
        assert note.author == "Mr. Chen" and note.text == "Pinch, push, pull."
        assert note.created_at == update.created_at


async def test_an_update_by_someone_no_longer_in_the_program_keeps_its_author(make_app, data_dir, store, clock):
    update = an_update(clock, "Old words.", "SLP therapist")
    store.save(update)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_pane(pilot)
        pane.select_note(update.id)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#author", Select).value == "SLP therapist"
        await pilot.press("end", *" New words.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [note] = stored(data_dir)
        assert note.author == "SLP therapist" and note.text == "Old words. New words."


# -- who answered ----------------------------------------------------------------------------


async def test_an_answer_records_who_answered_and_when_and_the_pane_says_so(make_app, data_dir, store, clock):
    question = a_question(clock, days_ago=2)
    store.save(question)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_pane(pilot)
        pane.select_note(question.id)
        await pilot.press("r")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AnswerForm)
        by = form.query_one("#answered-by", Select)
        assert by.value == "Ms. Rivera"  # Leo's therapist
        assert [str(p) for p, _ in by._options] == ["Ms. Rivera (Speech therapy)", "Mom (the family)"]
        await write(pilot, "Model it gently: sssnake.")
        await pilot.click("#save")
        await pilot.pause()
        [answered] = stored(data_dir)
        assert answered.answer == "Model it gently: sssnake."
        assert (answered.answered_by, answered.answered_at) == ("Ms. Rivera", clock.now())
        row = next(r for r in pane_rows(app) if "thnake" in r)
        assert "answered by Ms. Rivera, today 07:20" in row

        # Rewording it later: the family wrote this one down; the first date stays.
        clock.advance(days=1)
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.query_one("#answered-by", Select).value == "Ms. Rivera"
        await choose(pilot, "#answered-by", "Mom (the family)")
        await pilot.click("#save")
        await pilot.pause()
        [answered] = stored(data_dir)
        assert answered.answered_by == "Mom" and answered.answered_at == clock.now() - timedelta(days=1)


async def test_opening_a_question_again_forgets_who_answered(make_app, data_dir, store, clock):
    question = a_question(clock, answer="Yes", answered_at=clock.now(), answered_by="Ms. Rivera")
    store.save(question)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_pane(pilot)
        pane.select_note(question.id)
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one("#answer-text", TextArea).text = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        [note] = stored(data_dir)
        assert note.is_open_question and (note.answer, note.answered_by) == ("", "")


async def test_who_answered_is_shown_exactly_as_typed(make_app, store, clock):
    store.save(Therapist(id="obrien", name=HOSTILE, discipline="PT", children=["leo"]))
    question = a_question(clock, answer="Yes", answered_at=clock.now() - timedelta(days=2), answered_by=HOSTILE)
    store.save(question)
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(NotesPane)
        pane.select_note(question.id)
        list_widget = app.screen.query_one(NoteList)
        option = list_widget.get_option_at_index(list_widget.highlighted)
        assert_plain(option.prompt, f"answered by {HOSTILE}, Tue 24 Nov")
        await open_pane(pilot)
        await pilot.press("r")
        await pilot.pause()
        by = app.screen.query_one("#answered-by", Select)
        assert by.value == HOSTILE
        assert f"{HOSTILE} (Physical therapy)" in [str(p) for p, _ in by._options]
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, TodayScreen)


async def test_search_finds_who_answered(make_app, store, clock):
    store.save(
        a_question(clock, text="Straw or cup?", answer="Cup.", answered_at=clock.now(), answered_by="Dr. Okafor")
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_pane(pilot)
        await pilot.press("slash", *"okafor", "enter")
        await pilot.pause()
        assert any("Straw or cup?" in r for r in pane_rows(app))


# -- two copies of the app on one folder -------------------------------------------------------


async def test_an_answer_given_elsewhere_survives_changing_the_words_here(make_app, data_dir, store, clock):
    question = a_question(clock, text="Straw or cup?")
    store.save(question)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        pane = await open_pane(pilot)
        pane.select_note(question.id)
        await pilot.press("e")
        await pilot.pause()
        change_in_other_process(
            data_dir, "notes", question.id, answer="Cup first.", answered_at=clock.now(), answered_by="Ms. Rivera"
        )
        app.screen.query_one("#note-text", TextArea).text = "Straw or open cup?"
        await pilot.click("#save")
        await pilot.pause()
        saved = FamilyStore(data_dir).notes()[0]
        assert saved.text == "Straw or open cup?"
        assert (saved.answer, saved.answered_by, saved.answered_at) == ("Cup first.", "Ms. Rivera", clock.now())
        assert "Note changed." in toasts(app)


async def test_words_changed_elsewhere_survive_answering_here(make_app, data_dir, store, clock):
    question = a_question(clock, text="Straw or cup?")
    store.save(question)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        pane = await open_pane(pilot)
        pane.select_note(question.id)
        await pilot.press("r")
        await pilot.pause()
        change_in_other_process(data_dir, "notes", question.id, text="Straw or open cup?")
        app.screen.query_one("#answer-text", TextArea).text = "Open cup."
        await pilot.click("#save")
        await pilot.pause()
        saved = FamilyStore(data_dir).notes()[0]
        assert (saved.text, saved.answer, saved.answered_by) == ("Straw or open cup?", "Open cup.", "Ms. Rivera")
        assert "Answer saved." in toasts(app)


async def test_two_copies_naming_different_answerers_is_refused(make_app, data_dir, store, clock):
    question = a_question(clock, answer="Cup.", answered_at=clock.now(), answered_by="Ms. Rivera")
    store.save(question)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        pane = await open_pane(pilot)
        pane.select_note(question.id)
        await pilot.press("r")
        await pilot.pause()
        change_in_other_process(data_dir, "notes", question.id, answered_by="Dr. Okafor")
        app.screen.query_one("#answered-by", Select).value = "Mom"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert FamilyStore(data_dir).notes()[0].answered_by == "Dr. Okafor"
        assert any(t.startswith("Not saved:") and "(answered by)" in t for t in toasts(app))
