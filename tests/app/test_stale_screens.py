"""A screen left open does not undo what another process changed meanwhile.

Each test opens the app on a folder, a real second process changes a record on disk,
then the app changes the same record through its keys. Fields only the other process
touched survive; when both touched the same field (or the other deleted the record)
nothing is written and the screen says so.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

from textual.widgets import Input, TextArea

from family_tui.domain.models import Note, NoteKind, Win
from family_tui.screens.editor import EditorScreen
from family_tui.screens.settings import SettingsScreen
from family_tui.storage import FamilyStore
from family_tui.widgets.notes_pane import NotesPane
from family_tui.widgets.wins_log import WinsLog

SIZE = (100, 32)
ROOT = Path(__file__).resolve().parents[2]


def other_process(data_dir: Path, body: str) -> None:
    """Another copy of family-tui (a separate Python process) changes the folder."""
    script = "import datetime, sys\nfrom family_tui.storage import FamilyStore\nstore = FamilyStore(sys.argv[1])\n"
    script += textwrap.dedent(body)
    done = subprocess.run([sys.executable, "-c", script, str(data_dir)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def change_in_other_process(data_dir: Path, table: str, record_id: str, **fields) -> None:
    other_process(
        data_dir,
        f"""
        from family_tui.domain.models import Program
        records = store.notes() + store.wins() if {table!r} in ("notes", "wins") else getattr(store.program(), {table!r})
        record = next(r for r in records if r.id == {record_id!r})
        store.save(record.model_copy(update={fields!r}))
    """,
    )


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def fresh(data_dir) -> FamilyStore:
    return FamilyStore(data_dir)


async def open_editor(app, pilot, tab: str, record_id: str) -> EditorScreen:
    await pilot.press("e")
    await pilot.pause()
    editor = app.screen
    assert isinstance(editor, EditorScreen)
    await editor.switch_to(tab)
    await pilot.pause()
    options = editor.current_list()
    options.focus()
    options.highlighted = [options.get_option_at_index(i).id for i in range(options.option_count)].index(record_id)
    await pilot.pause()
    return editor


# -- the program -------------------------------------------------------------------------


async def test_archiving_a_strategy_keeps_the_cue_imported_meanwhile(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_editor(app, pilot, "strategies", "straw")
        change_in_other_process(data_dir, "strategies", "straw", cue="Imported cue")
        await pilot.press("x")
        await pilot.pause()
        straw = fresh(data_dir).program().strategy("straw")
        assert straw.archived and straw.cue == "Imported cue"
        assert any("Archived 'Straw drinking'" in t for t in toasts(app))


async def test_editing_the_cue_changed_meanwhile_is_refused_and_shows_it(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_editor(app, pilot, "strategies", "straw")
        await pilot.press("enter")
        await pilot.pause()
        change_in_other_process(data_dir, "strategies", "straw", cue="Imported cue")
        app.screen.query_one("#f-cue", Input).value = "My cue"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert fresh(data_dir).program().strategy("straw").cue == "Imported cue"
        said = toasts(app)[-1]
        assert (
            said.startswith("Not saved: 'Straw drinking' was changed on another screen or computer") and "(cue)" in said
        )
        editor = app.screen
        assert isinstance(editor, EditorScreen) and editor.highlighted_record().cue == "Imported cue"


async def test_renaming_a_routine_keeps_the_time_changed_meanwhile(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_editor(app, pilot, "routines", "play")
        await pilot.press("enter")
        await pilot.pause()
        change_in_other_process(data_dir, "routines", "play", time="16:30:00")
        app.screen.query_one("#f-name", Input).value = "Garden play"
        await pilot.press("ctrl+s")
        await pilot.pause()
        play = next(r for r in fresh(data_dir).program().routines if r.id == "play")
        assert play.name == "Garden play" and f"{play.time:%H:%M}" == "16:30"


async def test_archiving_a_child_keeps_the_colour_changed_meanwhile(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_editor(app, pilot, "children", "maya")
        change_in_other_process(data_dir, "children", "maya", color="green")
        await pilot.press("x")
        await pilot.pause()
        maya = fresh(data_dir).program().child("maya")
        assert maya.archived and maya.color == "green"


async def test_a_goal_deleted_meanwhile_is_not_brought_back(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_editor(app, pilot, "goals", "maya-straw")
        other_process(
            data_dir,
            """
            from family_tui.domain.models import Goal, Strategy
            store.apply_changes([], [(Strategy, "straw"), (Goal, "maya-straw")])
        """,
        )
        await pilot.press("x")
        await pilot.pause()
        assert fresh(data_dir).program().goal("maya-straw") is None
        assert any(
            "Not saved: 'Drink from a straw' was deleted on another screen or computer" in t for t in toasts(app)
        )
        assert "maya-straw" not in [r.id for r in app.screen.program.goals]


async def test_deleting_a_strategy_changed_meanwhile_deletes_nothing(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_editor(app, pilot, "strategies", "buttons")
        await pilot.press("delete")
        await pilot.pause()
        change_in_other_process(data_dir, "strategies", "buttons", how="Start at the top now.")
        await pilot.click("#delete")
        await pilot.pause()
        assert fresh(data_dir).program().strategy("buttons").how == "Start at the top now."
        assert any(t.startswith("Not deleted: 'Buttons from the bottom up'") for t in toasts(app))


# -- notes, answers, wins ----------------------------------------------------------------


def a_note(clock, kind=NoteKind.OBSERVATION, text="Leo said sun", **extra) -> Note:
    now = clock.now() - timedelta(hours=1)
    return Note(kind=kind, child="leo", text=text, author="Mom", created_at=now, updated_at=now, **extra)


async def open_note(app, pilot, note_id: str, key: str) -> None:
    await pilot.press("n")
    await pilot.pause()
    app.screen.query_one(NotesPane).select_note(note_id)
    await pilot.press(key)
    await pilot.pause()


async def test_editing_a_note_keeps_the_child_changed_meanwhile(make_app, data_dir, store, clock):
    note = a_note(clock)
    store.save(note)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_note(app, pilot, note.id, "e")
        change_in_other_process(data_dir, "notes", note.id, child="maya")
        app.screen.query_one("#note-text", TextArea).text = "Leo said sun and sea"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = {n.id: n for n in fresh(data_dir).notes()}[note.id]
        assert (saved.text, saved.child) == ("Leo said sun and sea", "maya")
        assert "Note changed." in toasts(app)


async def test_both_changing_a_notes_words_is_refused(make_app, data_dir, store, clock):
    note = a_note(clock, NoteKind.UPDATE, "Practise /s/ at breakfast.")
    store.save(note)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_note(app, pilot, note.id, "e")
        change_in_other_process(data_dir, "notes", note.id, text="Practise /s/ at breakfast and bath.")
        app.screen.query_one("#note-text", TextArea).text = "Scribbles"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert {n.id: n for n in fresh(data_dir).notes()}[note.id].text == "Practise /s/ at breakfast and bath."
        assert any(t.startswith("Not saved:") and "(text)" in t for t in toasts(app))
        assert any(n.text == "Practise /s/ at breakfast and bath." for n in app.screen.query_one(NotesPane).notes)


async def test_answering_a_question_answered_meanwhile_is_refused(make_app, data_dir, store, clock):
    question = a_note(clock, NoteKind.QUESTION, "Straw or cup?")
    store.save(question)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_note(app, pilot, question.id, "r")
        change_in_other_process(data_dir, "notes", question.id, answer="Cup first.", answered_at=clock.now())
        app.screen.query_one("#answer-text", TextArea).text = "Straw first."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert {n.id: n for n in fresh(data_dir).notes()}[question.id].answer == "Cup first."
        assert any(t.startswith("Not saved:") and "answer" in t for t in toasts(app))


async def test_deleting_a_note_changed_meanwhile_is_refused(make_app, data_dir, store, clock):
    note = a_note(clock)
    store.save(note)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_note(app, pilot, note.id, "x")
        change_in_other_process(data_dir, "notes", note.id, text="Leo said sun, twice!")
        await pilot.press("y")
        await pilot.pause()
        assert [n.text for n in fresh(data_dir).notes()] == ["Leo said sun, twice!"]
        assert any(t.startswith("Not deleted:") for t in toasts(app))


async def test_editing_a_win_keeps_the_setting_changed_meanwhile(make_app, data_dir, store, clock):
    win = Win(child="leo", goal="leo-s", text="Said sun", when=clock.now(), who="Dad")
    store.save(win)
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("W")
        await pilot.pause()
        app.screen.query_one(WinsLog).focus()
        await pilot.press("e")
        await pilot.pause()
        change_in_other_process(data_dir, "wins", win.id, setting="school")
        app.screen.query_one("#win-text", TextArea).text = "Said sun and sea"
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = fresh(data_dir).wins()[0]
        assert (saved.text, saved.setting.value) == ("Said sun and sea", "school")
        assert "Win changed." in toasts(app)


# -- settings ----------------------------------------------------------------------------


async def test_settings_keep_the_theme_changed_meanwhile_and_refuse_a_clash(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        other_process(data_dir, "store.update_settings(theme='textual-light', kiosk_idle_minutes=7)")
        app.screen.query_one("#f-daily_minutes_target", Input).value = "20"
        await pilot.press("ctrl+s")
        await pilot.pause()
        settings = fresh(data_dir).settings()
        assert (settings.daily_minutes_target, settings.theme, settings.kiosk_idle_minutes) == (20, "textual-light", 7)

        await pilot.press("S")
        await pilot.pause()
        other_process(data_dir, "store.update_settings(parent_idle_minutes=15)")
        app.screen.query_one("#f-parent_idle_minutes", Input).value = "3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert fresh(data_dir).settings().parent_idle_minutes == 15
        form = app.screen
        assert isinstance(form, SettingsScreen)
        assert "parent idle minutes" in str(form.query_one("#form-error").content)
        assert form.query_one("#f-parent_idle_minutes", Input).value == "15"
        # Saving again, now knowingly, writes it.
        form.query_one("#f-parent_idle_minutes", Input).value = "3"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert fresh(data_dir).settings().parent_idle_minutes == 3
