"""Issue 27.3: every screen's ? lists its own keys; dialogs answer ?; pickers say how to choose."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import Input, Markdown, Static, TextArea

from family_tui.domain.models import Note, NoteKind
from family_tui.domain.pin import hash_pin
from family_tui.screens.caregiver_picker import CaregiverPicker
from family_tui.screens.confirm import ConfirmScreen
from family_tui.screens.editor.dialogs import LibraryPicker
from family_tui.screens.editor.editor import EditorScreen
from family_tui.screens.help import HelpScreen
from family_tui.screens.note_form import NoteForm
from family_tui.screens.report_view import ReportAudiencePicker, ReportView
from family_tui.screens.today import TodayScreen
from family_tui.screens.welcome import WelcomeScreen
from family_tui.screens.wins import WinsScreen
from family_tui.widgets.notes_pane import NotesPane, SearchBox
from tests.screen_text import footer_keys

SIZE = (80, 24)
TODAYS_KEYS = ("Mark practised", "Mark the n-th item")


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def help_rows(app, pilot) -> list[str]:
    """Press ? and read the help's key rows (the lines after "Keys"), then close it with esc."""
    under = app.screen
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen), type(app.screen).__name__
    lines = str(app.screen.query_one(Static).content).splitlines()
    rows = [line.strip() for line in lines[lines.index("Keys") + 2 :] if line.strip()]
    await pilot.press("escape")
    await pilot.pause()
    assert app.screen is under
    return rows


def assert_own_keys(rows: list[str], first: str) -> None:
    assert first in rows[0], rows
    assert not any(words in row for row in rows for words in TODAYS_KEYS), rows
    assert not any(row.startswith("1-9") for row in rows), rows


async def test_today_still_lists_its_checklist_keys_first(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = await help_rows(app, pilot)
        assert "Move between items" in rows[0] and "Mark practised" in rows[1]


async def test_the_notes_pane_lists_its_own_keys(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one(NotesPane).has_focus_within
        rows = await help_rows(app, pilot)
        assert_own_keys(rows, "Move between notes")
        assert any("Edit note" in row for row in rows[:5]), rows
        assert app.screen.query_one(NotesPane).has_focus_within  # help closed, the pane still in use


async def test_the_wins_log_lists_its_own_keys(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("W")
        await pilot.pause()
        assert isinstance(app.screen, WinsScreen)
        assert_own_keys(await help_rows(app, pilot), "Move between wins")


async def test_the_editor_lists_its_own_keys_and_says_enter_edits(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
        rows = await help_rows(app, pilot)
        assert_own_keys(rows, "Move in the list")
        assert any(row.startswith("enter") and "Edit" in row for row in rows), rows


async def test_the_welcome_screen_lists_its_own_keys(tmp_path, clock):
    from family_tui.app import make_app as factory

    app = factory(tmp_path / "empty", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert_own_keys(await help_rows(app, pilot), "Move between the choices")


async def test_f1_opens_help_from_a_screens_text_field(tmp_path, clock):
    from family_tui.app import make_app as factory

    app = factory(tmp_path / "empty", clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#import-path", Input)
        field.focus()
        await pilot.press("question_mark")  # typed: it may be part of a path
        await pilot.pause()
        assert field.value == "?" and isinstance(app.screen, WelcomeScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.focused is field and field.value == "?"


async def open_update(app, pilot) -> ReportView:
    await pilot.pause()
    await pilot.press("p")
    await settle(app, pilot)
    await pilot.press("r")
    await pilot.pause()
    await pilot.press("end", "enter")  # the whole family
    await settle(app, pilot)
    assert isinstance(app.screen, ReportView)
    return app.screen


async def test_the_update_view_lists_its_own_keys(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_update(app, pilot)
        rows = await help_rows(app, pilot)
        assert_own_keys(rows, "Scroll the update")
        assert any(row.startswith("s ") and "Save" in row for row in rows), rows


async def test_help_names_the_quit_key_the_footer_shows(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert ("q", "Quit") in footer_keys(app)
        rows = await help_rows(app, pilot)
        assert any(row.startswith("q, ctrl+q") and row.endswith("Quit") for row in rows), rows


async def test_a_dialog_answers_question_mark_and_keeps_what_was_typed(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NoteForm)
        await pilot.press(*"Why?")  # in the text field ? is a letter like any other
        await pilot.pause()
        assert form.query_one("#note-text", TextArea).text == "Why?"
        await pilot.press("tab")
        await pilot.pause()
        assert not isinstance(app.focused, (TextArea, Input))
        rows = await help_rows(app, pilot)  # closes with esc, back on the form
        assert any("Save" in row for row in rows) and any("Cancel" in row for row in rows), rows
        assert not any(words in row for row in rows for words in TODAYS_KEYS), rows
        assert app.screen is form and form.query_one("#note-text", TextArea).text == "Why?"


async def test_f1_opens_a_dialogs_help_from_a_text_field(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Hi")
        await pilot.pause()
        form = app.screen
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        lines = str(app.screen.query_one(Static).content).splitlines()
        rows = [line.strip() for line in lines[lines.index("Keys") + 2 :] if line.strip()]
        # The form's keys first; the text field's own editing keys (Textual's) after them.
        assert any("Save" in row for row in rows[:3]) and any("Cancel" in row for row in rows[:4]), rows
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form and form.query_one("#note-text", TextArea).text == "Hi"


@pytest.mark.parametrize(
    ("keys", "picker"),
    [(["c"], CaregiverPicker), (["p", "r"], ReportAudiencePicker), (["e", "L"], LibraryPicker)],
    ids=["caregiver", "report", "library"],
)
async def test_pickers_say_enter_chooses(make_app, keys, picker):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await settle(app, pilot)
        assert isinstance(app.screen, picker)
        assert footer_keys(app)[0] == ("enter", "Choose")
        rows = await help_rows(app, pilot)
        assert any(row.startswith("enter") and row.endswith("Choose") for row in rows), rows


async def test_the_notes_search_prompt_fits_80_columns(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n", "slash")
        await pilot.pause()
        box = app.screen.query_one(SearchBox)
        assert box.has_focus
        assert len(box.placeholder) <= box.content_region.width, (box.placeholder, box.content_region.width)


async def test_a_whole_family_note_is_about_the_whole_family(make_app, store):
    from family_tui.screens.note_actions import delete_note

    stamp = datetime(2026, 11, 25, 20, 0)
    note = Note(
        kind=NoteKind.OBSERVATION, child=None, author="Mom", text="Calm week", created_at=stamp, updated_at=stamp
    )
    store.save(note)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        delete_note(app, note)  # what x on the note does
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        text = "\n".join(str(w.render()) for w in app.screen.query(Static))
        assert "about the whole family by Mom" in text, text
        assert "Whole family" not in text


async def test_the_update_is_rendered_not_raw_markdown(make_app, store):
    stamp = datetime(2026, 11, 25, 20, 0)
    typed = "# not a heading [a link](https://example.org) <b>bold</b> | a | b |"
    store.save(Note(kind=NoteKind.QUESTION, child="leo", author="Mom", text=typed, created_at=stamp, updated_at=stamp))
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        view = await open_update(app, pilot)
        markdown = view.query_one("#report-scroll")
        headings = [(level, str(h.render())) for level in (1, 2, 3) for h in markdown.query(f"MarkdownH{level}")]
        assert (1, "Weekly practice update") in headings
        assert (2, "At a glance") in headings
        shown = [str(block.render()) for block in markdown.query(Static)]
        assert not any(line.lstrip().startswith("#") for text in shown for line in text.splitlines()), shown
        assert any(typed in text for text in shown), shown  # what was typed, as typed: no heading, link or HTML
        assert view.text is not None and view.text.startswith("# Weekly practice update")  # the file keeps Markdown
        assert len(headings) == sum(line.startswith("#") for line in view.text.splitlines())  # all of it, in parts


async def test_a_link_in_the_update_opens_nothing(make_app, monkeypatch):
    app = make_app()
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=SIZE) as pilot:
        view = await open_update(app, pilot)
        markdown = view.query(Markdown).first()
        markdown.post_message(Markdown.LinkClicked(markdown, "https://example.org"))
        await pilot.pause()
        assert opened == [] and isinstance(app.screen, ReportView)


async def test_set_pin_names_the_quit_key_the_footers_show(make_app, monkeypatch, data_dir, capsys):
    import io

    from family_tui import cli

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        quit_key = next(key for key, words in footer_keys(app) if words == "Quit")
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n2468\n"))
    assert cli.main(["--data-dir", str(data_dir), "set-pin"]) == 0
    assert f"to leave it: {quit_key}, then the PIN" in capsys.readouterr().out


async def test_question_mark_in_the_kiosk_is_harmless(make_app, store):
    store.update_settings(pin_hash=hash_pin("2468"))
    app = make_app(kiosk=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")  # closes the help; quitting still needs the PIN
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen) and app.is_running
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("question_mark")  # on the PIN prompt: not a digit, not typed, nothing happens
        await pilot.pause()
        assert type(app.screen).__name__ == "PinPrompt"
        await pilot.press("f1")  # its keys, and back to it
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "escape", "ctrl+q", "escape")
        await pilot.pause()
        assert app.is_running and app.return_code is None
