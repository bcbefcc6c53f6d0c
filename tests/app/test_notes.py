"""The notes pane beside Today: adding, editing, answering, deleting, filtering, the pinned focus."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from textual.content import Content
from textual.widgets import Select, Static, TextArea

from family_tui.domain.models import Child, Note, NoteKind, Win
from family_tui.screens.confirm import ConfirmScreen
from family_tui.screens.note_form import AnswerForm, NoteForm
from family_tui.screens.today import TodayScreen
from family_tui.storage import FamilyStore
from family_tui.widgets.notes_pane import NoteList, NotesPane
from tests.screen_text import footer_keys, option_texts, static_text

HOSTILE = "O'Brien [Jr] [/x] [@click=app.quit]x[/]"


def stored(data_dir) -> list[Note]:
    """The notes on disk, read by a fresh store as another process would."""
    return FamilyStore(data_dir).notes()


def make_note(clock, kind=NoteKind.OBSERVATION, text="A note", child="leo", days_ago=0, **extra) -> Note:
    when = clock.now() - timedelta(days=days_ago)
    return Note(
        kind=kind,
        child=child,
        text=text,
        author=extra.pop("author", "Ms. Rivera"),
        created_at=when,
        updated_at=when,
        **extra,
    )


def pane_rows(app) -> list[str]:
    return option_texts(app.screen.query_one(NoteList))


async def open_pane(pilot) -> NotesPane:
    """n: at narrow widths shows the pane; at wide ones moves the focus into it."""
    await pilot.press("n")
    await pilot.pause()
    pane = pilot.app.screen.query_one(NotesPane)
    assert pane.display and pane.has_focus_within
    return pane


async def write(pilot, text: str) -> None:
    """Type into the focused text area, line by line."""
    for index, line in enumerate(text.split("\n")):
        if index:
            await pilot.press("enter")
        await pilot.press(*line)


# -- layout ------------------------------------------------------------------------------


async def test_beside_today_on_a_wide_terminal(make_app, store, clock):
    store.save(make_note(clock, text="Beside the checklist"))
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(NotesPane)
        assert app.screen.has_class("-wide")
        assert pane.display and app.screen.query_one("#card").display
        assert pane.region.x > app.screen.query_one("#card").region.x
        assert any("Beside the checklist" in r for r in pane_rows(app))
        # n moves into the pane and back.
        await pilot.press("n")
        assert pane.has_focus_within
        await pilot.press("n")
        assert not pane.has_focus_within


async def test_n_shows_and_hides_the_pane_at_80x24(make_app, store, clock):
    store.save(make_note(clock, text="Small screen note"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(NotesPane)
        card = app.screen.query_one("#card")
        assert not pane.display and card.display
        await open_pane(pilot)
        assert pane.display and not card.display  # in place of the card
        assert pane.region.width >= 36
        assert any("Small screen note" in r for r in pane_rows(app))
        await pilot.press("n")
        await pilot.pause()
        assert not pane.display and card.display
        assert app.focused is app.screen.query_one("#checklist")


# -- adding and changing ---------------------------------------------------------------


async def test_add_a_multi_line_observation(make_app, data_dir, clock):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await open_pane(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NoteForm)
        assert form.query_one("#kind", Select).value is NoteKind.OBSERVATION
        await write(pilot, "Maya drank half a cup\nwith the short straw.")
        form.query_one("#child", Select).value = "maya"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        [note] = stored(data_dir)
        assert note.kind is NoteKind.OBSERVATION and note.child == "maya"
        assert note.text == "Maya drank half a cup\nwith the short straw."
        assert note.author == "Mom" and note.created_at == clock.now()
        row = next(r for r in pane_rows(app) if "Maya drank" in r)
        assert "with the short straw." in row and "Mom" in row and "Observation" in row
        assert app.screen.query_one(NotesPane).highlighted_note.id == note.id


async def test_a_question_from_the_checklist_is_about_the_child_under_the_cursor(make_app, data_dir, store):
    store.update_settings(caregiver=None)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        item = app.screen.query_one("#checklist").highlighted_item
        await pilot.press("a")
        form = app.screen
        assert form.query_one("#child", Select).value == item.child.id
        form.query_one("#kind", Select).value = NoteKind.QUESTION
        await write(pilot, "How many tries a day?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [note] = stored(data_dir)
        assert note.kind is NoteKind.QUESTION and note.child == item.child.id
        assert note.author == "Parent"  # nobody chose "Who's practising?"
        assert note.is_open_question


async def test_an_empty_note_is_not_saved(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("a")
        await write(pilot, "   ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NoteForm)
        assert "must not be empty" in static_text(app, "#text-error")
        await pilot.press("escape")
        assert stored(data_dir) == []


async def test_edit_keeps_author_and_time(make_app, data_dir, store, clock):
    original = make_note(clock, text="Stairs with one hand on the rail", author="Dad", days_ago=1)
    store.save(original)
    clock.advance(minutes=5)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        pane = await open_pane(pilot)
        assert pane.select_note(original.id)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, NoteForm)
        area = form.query_one("#note-text", TextArea)
        assert area.text == original.text
        await pilot.press("ctrl+e")  # end of the line
        await pilot.press(*", no hands by Friday")
        form.query_one("#kind", Select).value = NoteKind.UPDATE
        await pilot.press("ctrl+s")
        await pilot.pause()
        [note] = stored(data_dir)
        assert note.text == "Stairs with one hand on the rail, no hands by Friday"
        assert note.kind is NoteKind.UPDATE
        assert note.author == "Dad" and note.created_at == original.created_at
        assert note.updated_at == clock.now()
        # Now the latest update for Leo: pinned on top.
        rows = pane_rows(app)
        assert rows[0] == "This week's focus" and "no hands by Friday" in rows[1]


async def test_enter_on_a_note_opens_it_for_editing(make_app, store, clock):
    note = make_note(clock, text="Enter opens me")
    store.save(note)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        pane = await open_pane(pilot)
        pane.select_note(note.id)
        await pilot.press("enter")
        assert isinstance(app.screen, NoteForm)
        await pilot.press("escape")
        assert isinstance(app.screen, TodayScreen)


# -- the pinned focus ----------------------------------------------------------------------


async def test_latest_update_per_child_is_pinned_as_this_weeks_focus(make_app, store, clock):
    store.save_many(
        [
            make_note(clock, NoteKind.UPDATE, "Leo, two weeks ago", days_ago=14),
            make_note(clock, NoteKind.UPDATE, "Leo: /s/ in short phrases", days_ago=2),
            make_note(clock, NoteKind.UPDATE, "Maya: thicker smoothie", child="maya", days_ago=3),
            make_note(clock, NoteKind.OBSERVATION, "Newest of all, an observation", author="Mom"),
        ]
    )
    app = make_app()
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.pause()
        rows = pane_rows(app)
        assert rows[0] == "This week's focus"
        assert rows[1].startswith("Leo") and "Leo: /s/ in short phrases" in rows[1]
        assert rows[2].startswith("Maya") and "Maya: thicker smoothie" in rows[2]
        rest = rows[3:]
        assert [i for i, r in enumerate(rest) if "Newest of all" in r] < [
            i for i, r in enumerate(rest) if "two weeks ago" in r
        ]
        assert sum("Leo: /s/ in short phrases" in r for r in rows) == 1  # pinned, not repeated


# -- questions ------------------------------------------------------------------------------


async def test_answer_a_question_and_the_header_stops_counting_it(make_app, data_dir, store, clock):
    question = make_note(clock, NoteKind.QUESTION, "Should we correct 'thnake'?", author="Mom", days_ago=2)
    other = make_note(clock, NoteKind.QUESTION, "Can Grandpa come?", child=None, author="Mom", days_ago=1)
    store.save_many([question, other])
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        assert "2 open questions" in static_text(app, "#day-header")
        pane = await open_pane(pilot)
        pane.select_note(question.id)
        await pilot.press("r")
        form = app.screen
        assert isinstance(form, AnswerForm)
        assert question.text in str(form.query_one("#question-text", Static).content)
        await write(pilot, "Model it gently:\nsssnake.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        answered = next(n for n in stored(data_dir) if n.id == question.id)
        assert answered.text == question.text and answered.kind is NoteKind.QUESTION
        assert answered.answer == "Model it gently:\nsssnake."
        assert answered.answered_at == clock.now()
        header = static_text(app, "#day-header")
        assert "1 open question" in header and "2 open questions" not in header
        row = next(r for r in pane_rows(app) if "thnake" in r)
        assert "Answered" in row and "sssnake." in row and "(open)" not in row


async def test_r_does_nothing_on_an_observation(make_app, store, clock):
    note = make_note(clock, text="Just an observation")
    store.save(note)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        pane = await open_pane(pilot)
        pane.select_note(note.id)
        await pilot.press("r")
        assert isinstance(app.screen, TodayScreen)


# -- deleting ---------------------------------------------------------------------------------


async def test_delete_asks_first_and_keeps_the_note_when_told_no(make_app, data_dir, store, clock):
    note = make_note(clock, text="Keep or go?")
    store.save(note)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        pane = await open_pane(pilot)
        pane.select_note(note.id)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Keep or go?" in str(app.screen.query_one("#confirm-message", Static).content)
        await pilot.press("escape")
        await pilot.pause()
        assert [n.id for n in stored(data_dir)] == [note.id]
        await pilot.press("x")
        await pilot.pause()
        await pilot.click("#confirm")
        await pilot.pause()
        assert stored(data_dir) == []
        assert not any("Keep or go?" in r for r in pane_rows(app))


async def test_delete_goes_through_the_parent_check(make_app, data_dir, store, clock):
    note = make_note(clock, text="Only a parent deletes")
    store.save(note)
    app = make_app()
    asked: list[str] = []
    async with app.run_test(size=(100, 32)) as pilot:
        app.may = lambda kind: not kind.parent_only  # a kiosk with no PIN given
        app.ask_for_pin = lambda then, reason: asked.append(reason)
        pane = await open_pane(pilot)
        pane.select_note(note.id)
        await pilot.press("delete")
        await pilot.pause()
        assert asked == ["delete a note"]
        assert isinstance(app.screen, TodayScreen)
        assert [n.id for n in stored(data_dir)] == [note.id]


# -- filtering -------------------------------------------------------------------------------


async def test_filter_by_child_kind_and_words(make_app, store, clock):
    store.save_many(
        [
            make_note(clock, NoteKind.OBSERVATION, "Leo said snake", days_ago=1),
            make_note(clock, NoteKind.QUESTION, "Leo question", days_ago=2),
            make_note(clock, NoteKind.OBSERVATION, "Maya straw", child="maya", days_ago=3),
            make_note(clock, NoteKind.OBSERVATION, "Family trip", child=None, days_ago=4),
        ]
    )
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await open_pane(pilot)

        def shown() -> set[str]:
            names = {"Leo said snake", "Leo question", "Maya straw", "Family trip"}
            return {name for name in names if any(name in r for r in pane_rows(app))}

        assert len(shown()) == 4
        await pilot.press("f")  # Leo
        assert shown() == {"Leo said snake", "Leo question"}
        assert "Showing: Leo" in static_text(app, "#notes-filter")
        await pilot.press("v", "v", "v")  # updates, observations, questions
        assert shown() == {"Leo question"}
        await pilot.press("f", "f")  # Maya, then the whole family
        assert shown() == set()
        assert any("No notes match" in r for r in pane_rows(app))
        await pilot.press("escape")
        assert len(shown()) == 4
        await pilot.press("slash")
        await pilot.press(*"STRAW")
        assert shown() == {"Maya straw"}
        await pilot.press("enter")
        assert app.focused is app.screen.query_one(NoteList)
        assert "“STRAW”" in static_text(app, "#notes-filter")
        await pilot.press("escape")
        assert len(shown()) == 4


async def test_while_typing_a_search_the_footer_says_how_to_clear_it(make_app, store, clock):
    """Every other key is a letter that goes into the box; a blank footer left a parent guessing."""
    store.save_many(
        [
            make_note(clock, NoteKind.OBSERVATION, "Leo said snake", days_ago=1),
            make_note(clock, NoteKind.OBSERVATION, "Maya straw", child="maya", days_ago=3),
        ]
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot)
        await pilot.press("slash", *"straw")
        await pilot.pause()
        assert footer_keys(app) == [("escape", "Clear")]
        assert not any("Leo said snake" in r for r in pane_rows(app))
        await pilot.press("escape")
        await pilot.pause()
        assert any("Leo said snake" in r for r in pane_rows(app))
        assert app.focused is app.screen.query_one(NoteList)
        assert ("q", "Quit") in footer_keys(app)


# -- the whole family's words, shown exactly as typed -------------------------------------


def assert_plain(content: Content | str, text: str) -> None:
    """``text`` appears literally, and no part of the content carries a click action."""
    content = getattr(content, "content", content)  # a note's rows, laid out when drawn
    if isinstance(content, Content):
        assert text in content.plain
        for span in content.spans:
            assert "click" not in str(span.style)
    else:
        assert text in content


def click_spots(widget) -> list[tuple[int, int]]:
    """Where the typed ``[@click=...]`` text sits in a widget; no cell of it may carry an action."""
    spots = []
    for y in range(widget.region.height):
        strip = widget.render_line(y)
        for segment in strip:
            meta = segment.style.meta if segment.style else {}
            assert not any(key.startswith("@") for key in meta), (y, segment)
        for marker in ("[@click", "]x[/]"):
            x = strip.text.find(marker)
            if x >= 0:
                spots.append((x + 1, y))
    return spots


async def test_brackets_and_click_markup_show_exactly_as_typed(make_app, data_dir, store, clock):
    store.save(Child(id="obrien", name=HOSTILE, color="green"))
    app = make_app()
    async with app.run_test(size=(130, 40), notifications=True) as pilot:
        await pilot.pause()
        # A question about the child, typed.
        await open_pane(pilot)
        await pilot.press("a")
        form = app.screen
        form.query_one("#child", Select).value = "obrien"
        form.query_one("#kind", Select).value = NoteKind.QUESTION
        await pilot.press(*HOSTILE)
        await pilot.press("ctrl+s")
        await pilot.pause()
        [note] = stored(data_dir)
        assert note.text == HOSTILE
        # The answer, typed.
        await pilot.press("r")
        await pilot.pause()
        assert_plain(app.screen.query_one("#question-text", Static).content, HOSTILE)
        assert_plain(app.screen.query_one(".form-byline", Static).content, HOSTILE)  # the child's name
        app.screen.query_one("#answer-text", TextArea).insert(HOSTILE)  # typing it is tested above
        await pilot.press("ctrl+s")
        await pilot.pause()
        [note] = stored(data_dir)
        assert note.answer == HOSTILE and note.text == HOSTILE
        list_widget = app.screen.query_one(NoteList)
        option = list_widget.get_option_at_index(list_widget.highlighted)
        assert_plain(option.prompt, f"{HOSTILE}  ✓ Answered")  # child's name
        assert str(option.prompt).count(HOSTILE) == 3  # name, question, answer
        assert_plain(option.prompt, HOSTILE)
        # Editing shows it as typed.
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#note-text", TextArea).text == HOSTILE
        await pilot.press("escape")
        # The confirm dialog quotes it; clicking on it does nothing.
        await pilot.press("x")
        await pilot.pause()
        message = app.screen.query_one("#confirm-message", Static)
        assert_plain(message.content, HOSTILE)
        for spot in click_spots(message):
            await pilot.click(message, offset=spot)
        assert app.is_running and isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        # A win for the child, with the same words; the toast shows them literally.
        await pilot.press("w")
        await pilot.pause()
        app.screen.query_one("#child", Select).value = "obrien"
        app.screen.query_one("#win-text", TextArea).insert(HOSTILE)
        await pilot.press("ctrl+s")
        await pilot.pause()
        [won] = FamilyStore(data_dir).wins()
        assert won.text == HOSTILE and won.child == "obrien"
        toast = [n for n in app._notifications if "A win for" in n.message]
        assert toast and HOSTILE in toast[-1].message and not toast[-1].markup
        # Clicking on the note in the pane only opens it, and the app keeps running.
        spots = click_spots(list_widget)
        assert spots
        for spot in spots[:2]:  # every cell was checked above; clicking opens the form
            await pilot.click(list_widget, offset=spot)
            await pilot.pause()
            if not isinstance(app.screen, TodayScreen):
                await pilot.press("escape")
                await pilot.pause()
        assert app.is_running
        # The wins log shows the win and the child as typed.
        await pilot.press("W")
        await pilot.pause()
        from family_tui.widgets.wins_log import WinsLog

        log = app.screen.query_one(WinsLog)
        prompt = log.get_option_at_index(0).prompt
        assert_plain(prompt, HOSTILE)
        assert str(prompt).count(HOSTILE) == 2  # child's name and the win
        spots = click_spots(log)
        assert spots
        for spot in spots[:2]:  # every cell was checked above; clicking opens the form
            await pilot.click(log, offset=spot)
            await pilot.pause()
            if app.screen is not log.screen:
                await pilot.press("escape")
                await pilot.pause()
        assert app.is_running
    assert app.return_value is None


# -- export -----------------------------------------------------------------------------------


def test_notes_and_wins_are_in_the_export(data_dir, store, clock, capsys):
    pytest.importorskip("family_tui.usecases.export")
    from family_tui.cli import main

    note = make_note(clock, NoteKind.QUESTION, HOSTILE)
    won = Win(child="leo", goal="leo-s", text="Said sun", when=clock.now(), who="Mom")
    store.save_many([note, won])
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "export"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [n["text"] for n in data["notes"]] == [HOSTILE]
    assert data["notes"][0]["kind"] == "question" and data["notes"][0]["answered_at"] is None
    assert [(w["child"], w["goal"], w["text"]) for w in data["wins"]] == [("leo", "leo-s", "Said sun")]


async def test_every_notes_key_is_in_the_footer_or_help(make_app, store, clock):
    store.save(make_note(clock, NoteKind.QUESTION, "Listed?"))
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await open_pane(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one(Static).content)
        for key, words in [
            ("e", "Edit note"),
            ("x, delete", "Delete note"),  # both keys that delete, on one line
            ("r", "Answer question"),
            ("f", "Filter child"),
            ("v", "Filter kind"),
            ("/", "Search notes"),
            ("n", "Notes"),
            ("a", "Add note"),
            ("W", "Wins log"),
            ("w", "Win"),
        ]:
            assert f"{key}  {words}" in text, words
