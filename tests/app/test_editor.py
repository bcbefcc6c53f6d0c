"""The program editor: every change is on disk at once, ids never change, deletes say what goes.

Each test checks what a fresh FamilyStore on the same folder reads, as another
process (or tomorrow's run) would.
"""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta

import pytest
from textual.widgets import Checkbox, Input, OptionList, Select, SelectionList, Static, TextArea

from family_tui.domain.models import GoalStatus, PracticeEntry, Routine, Weekday
from family_tui.screens.editor import EditorScreen
from family_tui.screens.editor.dialogs import ConfirmDelete, LibraryPicker
from family_tui.screens.editor.forms import RecordForm, StrategyForm
from family_tui.storage import FamilyStore
from family_tui.widgets.checklist import PracticeChecklist
from tests.screen_text import all_text, option_texts

NASTY = "O'Brien [Jr] [/x] [@click=app.quit]x[/]"
THURSDAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 7, 20)


def fresh(data_dir) -> FamilyStore:
    return FamilyStore(data_dir)


async def open_editor(app, pilot, tab: str = "children") -> EditorScreen:
    await pilot.press("e")
    await pilot.pause()
    editor = app.screen
    assert isinstance(editor, EditorScreen)
    if tab != "children":
        await editor.switch_to(tab)
        await pilot.pause()
    assert editor.kind.key == tab
    return editor


async def highlight(pilot, editor: EditorScreen, record_id: str) -> None:
    options = editor.current_list()
    options.focus()
    ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
    options.highlighted = ids.index(record_id)
    await pilot.pause()


def rows(editor: EditorScreen) -> list[str]:
    return option_texts(editor.current_list())


async def fill(pilot, form: RecordForm, **values) -> None:
    for name, value in values.items():
        widget = form.query_one(f"#f-{name}")
        if isinstance(widget, Input):
            widget.value = value
        elif isinstance(widget, TextArea):
            widget.text = value
        elif isinstance(widget, Select):
            widget.value = value
        elif isinstance(widget, Checkbox):
            widget.value = value
        elif isinstance(widget, SelectionList):
            widget.deselect_all()
            for item in value:
                widget.select(item)
    await pilot.pause()


async def save(pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()


def error_text(form, field: str) -> str:
    return str(form.query_one(f"#{field}-error", Static).content)


def practise(store: FamilyStore, strategy: str, routine: str, days: int, child: str = "leo") -> None:
    store.record_many(
        PracticeEntry(
            date=THURSDAY - timedelta(days=n),
            child=child,
            strategy=strategy,
            routine=routine,
            created_at=NOW,
            updated_at=NOW,
        )
        for n in range(days)
    )


# -- opening and showing ------------------------------------------------------------


async def test_e_opens_the_editor_with_a_tab_for_every_kind(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot)
        assert [r.split()[1] for r in rows(editor)] == ["Leo", "Maya"]
        expected = {
            "caregivers": ["Mom", "Dad"],
            "therapists": ["Ms. Rivera"],
            "routines": ["Breakfast", "Getting dressed", "Play time", "Bath time"],
            "goals": ["Say /s/ at the start of words", "Button his own shirt", "Drink from a straw"],
            "strategies": [
                "S-words at breakfast",
                "S-toys in the bath",
                "Buttons from the bottom up",
                "Straw drinking",
            ],
        }
        for tab, names in expected.items():
            await pilot.press("right")
            await pilot.pause()
            assert editor.kind.key == tab
            shown = rows(editor)
            assert all(any(name in row for row in shown) for name in names), (tab, shown)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EditorScreen)


async def test_user_text_is_never_markup_in_the_editor(make_app, store):
    from family_tui.domain.models import Child

    store.save(Child(id="obrien", name=NASTY))
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot)
        assert any(NASTY in row for row in rows(editor))
        await highlight(pilot, editor, "obrien")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        assert form.query_one("#f-name", Input).value == NASTY
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDelete)
        assert NASTY in all_text(app)
        assert app.is_running


# -- adding -------------------------------------------------------------------------

ADDS = [
    ("children", {"name": "Zoe", "color": "green"}, "zoe", {"name": "Zoe", "color": "green"}),
    ("caregivers", {"name": "Grandpa Joe"}, "grandpa-joe", {"name": "Grandpa Joe"}),
    (
        "therapists",
        {"name": "Mr. Chen", "discipline": "OT", "children": ["leo"]},
        "mr-chen",
        {"discipline": "OT", "children": ["leo"]},
    ),
    ("routines", {"name": "Snack", "time": "15:30"}, "snack", {"time": time(15, 30), "days": list(Weekday)}),
    (
        "goals",
        {"child": "maya", "discipline": "PT", "title": "Hop on one foot", "target": "5 hops"},
        "hop-on-one-foot",
        {"child": "maya", "target": "5 hops", "created": THURSDAY, "status": GoalStatus.ACTIVE},
    ),
    (
        "strategies",
        {
            "goal": "maya-straw",
            "title": "Straw at lunch",
            "cue": "Lips tight",
            "minutes": "4",
            "routines": ["play"],
            "how": "Short straw.\nThick drink.",
        },
        "straw-at-lunch",
        {"goal": "maya-straw", "minutes": 4, "routines": ["play"], "how": "Short straw.\nThick drink."},
    ),
]


@pytest.mark.parametrize(("tab", "values", "new_id", "stored"), ADDS, ids=[a[0] for a in ADDS])
async def test_add_each_kind_and_it_is_on_disk(make_app, data_dir, tab, values, new_id, stored):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot, tab)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        await fill(pilot, form, **values)
        await save(pilot)
        assert app.screen is editor
        record = next(r for r in getattr(fresh(data_dir).program(), tab) if r.id == new_id)
        for name, value in stored.items():
            got = getattr(record, name)
            assert (got.value if hasattr(got, "value") else got) == value, name
        options = editor.current_list()
        assert options.get_option_at_index(options.highlighted).id == new_id


async def test_a_routine_on_some_days_only(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await open_editor(app, pilot, "routines")
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        await fill(pilot, form, name="Swimming", time="9:00")
        for day in ("mon", "tue", "wed", "thu", "fri"):
            form.query_one(f"#day-{day}", Checkbox).value = False
        await save(pilot)
        routine = fresh(data_dir).program().routine("swimming")
        assert routine.time == time(9, 0) and routine.days == [Weekday.SAT, Weekday.SUN]
        assert any("Swimming  weekends" in row for row in rows(app.screen))


# -- editing and renaming -----------------------------------------------------------

RENAMES = [
    ("children", "leo", {"name": "Leonardo"}, "name"),
    ("caregivers", "dad", {"name": "Papa"}, "name"),
    ("therapists", "rivera", {"name": "Dr. Rivera"}, "name"),
    ("routines", "bath", {"name": "Bath and bubbles", "time": "18:45"}, "name"),
    ("goals", "leo-s", {"title": "Say /s/ in short words"}, "title"),
    ("strategies", "bath-s", {"title": "Sea creatures in the bath", "cue": "Snake sound!"}, "title"),
]


@pytest.mark.parametrize(("tab", "record_id", "values", "name_field"), RENAMES, ids=[r[0] for r in RENAMES])
async def test_rename_keeps_the_id_and_the_history(make_app, store, data_dir, tab, record_id, values, name_field):
    practise(store, "bath-s", "bath", 3)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot, tab)
        await highlight(pilot, editor, record_id)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm) and form.record.id == record_id
        await fill(pilot, form, **values)
        await save(pilot)
        after = fresh(data_dir)
        records = {r.id: r for r in getattr(after.program(), tab)}
        assert getattr(records[record_id], name_field) == values[name_field]
        assert len(records) == len(getattr(store.program(), tab))  # renamed, not added
        assert len(after.all_practice()) == 3
        assert any(values[name_field] in row for row in rows(editor))


async def test_editing_a_strategy_with_no_changes_keeps_every_field(make_app, store, data_dir):
    before = store.program().strategy("snack-s")
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot, "strategies")
        await highlight(pilot, editor, "snack-s")
        await pilot.press("enter")
        await pilot.pause()
        await save(pilot)
        assert fresh(data_dir).program().strategy("snack-s") == before


# -- archiving ----------------------------------------------------------------------

ARCHIVES = [
    ("children", "maya"),
    ("caregivers", "dad"),
    ("therapists", "rivera"),
    ("routines", "play"),
    ("goals", "maya-straw"),
    ("strategies", "buttons"),
]


@pytest.mark.parametrize(("tab", "record_id"), ARCHIVES, ids=[a[0] for a in ARCHIVES])
async def test_x_archives_and_brings_back_each_kind(make_app, store, data_dir, tab, record_id):
    from family_tui.domain.program_edit import is_archived

    practise(store, "straw", "play", 2, child="maya")
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot, tab)
        await highlight(pilot, editor, record_id)
        await pilot.press("x")
        await pilot.pause()
        stored = next(r for r in getattr(fresh(data_dir).program(), tab) if r.id == record_id)
        assert is_archived(stored)
        word = "paused" if tab == "goals" else "archived"  # a goal is paused, in words on its row
        assert any(word in row for row in rows(editor))
        assert len(fresh(data_dir).all_practice()) == 2  # history kept
        await pilot.press("x")
        await pilot.pause()
        stored = next(r for r in getattr(fresh(data_dir).program(), tab) if r.id == record_id)
        assert not is_archived(stored)


async def test_archived_routine_leaves_today(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot, "routines")
        await highlight(pilot, editor, "breakfast")
        await pilot.press("x")
        await pilot.press("escape")
        await pilot.pause()
        shown = option_texts(app.screen.query_one(PracticeChecklist))
        assert not any("Breakfast" in row for row in shown)
        assert any("Bath time" in row for row in shown)


# -- reordering ---------------------------------------------------------------------

REORDERS = [
    ("children", "maya", "K", ["maya", "leo"]),
    ("caregivers", "mom", "J", ["dad", "mom"]),
    ("goals", "maya-straw", "ctrl+up", ["leo-s", "maya-straw", "leo-buttons"]),
    ("strategies", "snack-s", "ctrl+down", ["bath-s", "snack-s", "buttons", "straw"]),
]


@pytest.mark.parametrize(("tab", "record_id", "key", "order"), REORDERS, ids=[r[0] for r in REORDERS])
async def test_reorder_each_kind(make_app, data_dir, tab, record_id, key, order):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot, tab)
        await highlight(pilot, editor, record_id)
        await pilot.press(key)
        await pilot.pause()
        assert [r.id for r in getattr(fresh(data_dir).program(), tab)] == order
        options = editor.current_list()
        assert options.get_option_at_index(options.highlighted).id == record_id


async def test_children_order_is_the_order_on_today(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot)
        await highlight(pilot, editor, "maya")
        await pilot.press("K")
        await pilot.press("escape")
        await pilot.pause()
        shown = option_texts(app.screen.query_one(PracticeChecklist))
        breakfast = [row for row in shown if "Straw drinking" in row or "S-words" in row][:2]
        assert "Maya" in breakfast[0] and "Leo" in breakfast[1]


async def test_routines_at_the_same_time_reorder_and_the_clock_otherwise_wins(make_app, store, data_dir):
    store.save(Routine(id="vitamins", name="Vitamins", time=time(7, 15)))
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        editor = await open_editor(app, pilot, "routines")
        assert [r.split()[1] for r in rows(editor)][:2] == ["Breakfast", "Vitamins"]
        await highlight(pilot, editor, "vitamins")
        await pilot.press("K")
        await pilot.pause()
        program = fresh(data_dir).program()
        assert program.routine("vitamins").order < program.routine("breakfast").order
        assert [r.split()[1] for r in rows(editor)][:2] == ["Vitamins", "Breakfast"]
        await highlight(pilot, editor, "dressing")
        await pilot.press("K")
        await pilot.pause()
        assert any("Routines follow the clock" in str(n.message) for n in app._notifications)
        assert fresh(data_dir).program().routine("dressing").time == time(7, 45)


# -- the starter library and moving strategies --------------------------------------


async def test_add_a_strategy_from_the_library_embedded_in_a_routine(make_app, data_dir):
    from family_tui.domain.library import load_library

    idea = load_library().get("ot-spread-with-knife")
    assert idea is not None and idea.routine_kinds == ["breakfast"]
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot, "strategies")
        await pilot.press("L")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, LibraryPicker)
        options = picker.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index(idea.id)
        await pilot.pause()
        assert idea.cue in str(picker.query_one("#library-details", Static).content)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, StrategyForm)
        assert form.query_one("#f-title", Input).value == idea.title
        assert form.query_one("#f-cue", Input).value == idea.cue
        assert form.query_one("#f-routines", SelectionList).selected == ["breakfast"]
        goal_select = form.query_one("#f-goal", Select)
        assert goal_select.value == "leo-buttons"  # Leo's OT goal is offered first
        goal_select.value = "new-goal:leo"  # ... but this one gets a goal of its own
        await pilot.pause()
        await save(pilot)
        assert app.screen is editor
        program = fresh(data_dir).program()
        strategy = program.strategy("spread-on-toast")
        assert strategy is not None and strategy.routines == ["breakfast"] and strategy.cue == idea.cue
        goal = program.goal(strategy.goal)
        assert (goal.child, goal.discipline.value, goal.title, goal.created) == ("leo", "OT", "Fine motor", THURSDAY)
        await pilot.press("escape")
        await pilot.pause()
        shown = option_texts(app.screen.query_one(PracticeChecklist))
        assert any("Spread on toast" in row and "Leo" in row for row in shown)


async def test_the_library_opens_over_the_tab_shown_and_moves_to_strategies_only_when_one_is_picked(make_app):
    # Switching tabs first drew the strategies under the picker and slid the tab underline for
    # 0.3 s: the picker took twice the frames of a plain dialog. Cancelling changes nothing now.
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot, "children")
        await pilot.press("L")
        await pilot.pause()
        assert isinstance(app.screen, LibraryPicker)
        assert editor.kind.key == "children"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is editor and editor.kind.key == "children"
        await pilot.press("L")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StrategyForm)
        assert editor.kind.key == "strategies"


async def test_a_library_strategy_can_join_an_existing_goal(make_app, data_dir):
    from family_tui.domain.library import load_library

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot, "strategies")
        editor.add_from_library(load_library().get("ot-buttons-bottom-up"))
        await pilot.pause()
        form = app.screen
        assert form.query_one("#f-goal", Select).value == "leo-buttons"  # the OT goal already there
        assert form.query_one("#f-routines", SelectionList).selected == ["dressing"]
        await save(pilot)
        program = fresh(data_dir).program()
        strategy = program.strategy("buttons-from-the-bottom-up")  # "buttons" is taken, title makes a new id
        assert strategy.goal == "leo-buttons"
        assert len(program.goals) == 3


async def test_move_a_strategy_between_routines(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot, "strategies")
        await highlight(pilot, editor, "straw")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        routines = form.query_one("#f-routines", SelectionList)
        assert sorted(routines.selected) == ["breakfast", "play"]
        routines.deselect("breakfast")
        routines.select("bath")
        await pilot.pause()
        await save(pilot)
        assert fresh(data_dir).program().strategy("straw").routines == ["play", "bath"]
        assert any("Straw drinking" in row and "Play time, Bath time" in row for row in rows(editor))
        await pilot.press("escape")
        await pilot.pause()
        shown = option_texts(app.screen.query_one(PracticeChecklist))
        headers = [i for i, row in enumerate(shown) if row[:2].isdigit()]
        bath = shown[next(i for i in headers if "Bath time" in shown[i]) :]
        assert any("Straw drinking" in row for row in bath)
        breakfast = shown[headers[0] : headers[1]]
        assert not any("Straw drinking" in row for row in breakfast)


# -- validation ---------------------------------------------------------------------


async def test_validation_messages_sit_next_to_their_field_and_nothing_is_saved(make_app, store, data_dir):
    before = store.program()
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await open_editor(app, pilot, "routines")
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        await fill(pilot, form, name="", time="25:99")
        for day in Weekday:
            form.query_one(f"#day-{day.value}", Checkbox).value = False
        await save(pilot)
        assert app.screen is form
        assert error_text(form, "name") == "Name must not be empty."
        assert error_text(form, "time") == "Time: use HH:MM on a 24-hour clock, like 07:30 or 18:45."
        assert error_text(form, "days") == "Days needs at least one day of the week."
        assert app.focused is form.query_one("#f-name", Input)
        await fill(pilot, form, name="Snack\x07", time="15:00")
        form.query_one("#day-sat", Checkbox).value = True
        await save(pilot)
        assert "control character (U+0007)" in error_text(form, "name")
        assert error_text(form, "time") == "" and error_text(form, "days") == ""
        await pilot.press("escape")
        await pilot.pause()
    assert fresh(data_dir).program() == before


async def test_strategy_minutes_out_of_range_is_shown_by_minutes(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot, "strategies")
        await highlight(pilot, editor, "buttons")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        await fill(pilot, form, minutes="999", title="  ")
        await save(pilot)
        assert error_text(form, "minutes") == "Minutes should be at most 240."
        assert error_text(form, "title") == "Title must not be empty."
    assert fresh(data_dir).program().strategy("buttons").minutes == 4


async def test_a_strategy_s_priority_and_times_a_week_are_set_checked_and_cleared(make_app, data_dir):
    """Issue 26.2 and 26.3: the therapist's order and a plan that is not every day, from the editor."""
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot, "strategies")
        await highlight(pilot, editor, "buttons")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        await fill(pilot, form, priority="0", times_per_week="9")
        await save(pilot)
        assert error_text(form, "priority") == "Priority should be at least 1."
        assert error_text(form, "times_per_week") == "Times a week should be at most 7."
        await fill(pilot, form, priority="1", times_per_week="3")
        await save(pilot)
        saved = fresh(data_dir).program().strategy("buttons")
        assert (saved.priority, saved.times_per_week) == (1, 3)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        await fill(pilot, form, priority="", times_per_week="")
        await save(pilot)
    saved = fresh(data_dir).program().strategy("buttons")
    assert (saved.priority, saved.times_per_week) == (None, None)


async def test_goal_needs_a_child_and_strategy_needs_a_goal(make_app, tmp_path, clock):
    from family_tui.app import make_app as factory

    app = factory(tmp_path / "empty", clock=clock)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.press("escape")  # past the welcome screen
        await pilot.pause()
        editor = await open_editor(app, pilot, "goals")
        assert "No goals yet" in rows(editor)[0]
        await pilot.press("a")
        await pilot.pause()
        assert app.screen is editor
        assert any("Add a child first" in str(n.message) for n in app._notifications)


# -- deleting -----------------------------------------------------------------------


async def test_delete_with_history_asks_first_and_says_what_goes(make_app, store, data_dir):
    practise(store, "bath-s", "bath", 143)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot, "routines")
        await highlight(pilot, editor, "bath")
        await pilot.press("delete")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDelete)
        text = str(dialog.query_one("#confirm-text", Static).content)
        assert "Deleting 'Bath time' also removes 143 practice entries." in text
        assert "Archive instead" in text
        await pilot.press("enter")  # the focused button is Cancel
        await pilot.pause()
        assert app.screen is editor
        assert fresh(data_dir).program().routine("bath") is not None
        assert len(fresh(data_dir).all_practice()) == 143

        await pilot.press("delete")
        await pilot.pause()
        await pilot.click("#delete")
        await pilot.pause()
        after = fresh(data_dir)
        assert after.program().routine("bath") is None
        assert after.all_practice() == []
        assert after.program().strategy("bath-s").routines == []
        assert not any("Bath time" in row for row in rows(editor))


async def test_deleting_a_caregiver_asks_at_once_and_counts_their_entries_after(make_app, store, data_dir, monkeypatch):
    # Who practised is only in the entries themselves: reading years of them took over a
    # second, so the dialog opens first and says how many once they are counted.
    practise(store, "snack-s", "breakfast", 2)
    store.record_practice(
        PracticeEntry(
            date=THURSDAY,
            child="maya",
            strategy="straw",
            routine="breakfast",
            caregiver="mom",
            created_at=NOW,
            updated_at=NOW,
        )
    )
    release = threading.Event()
    read_all = FamilyStore.all_practice

    def slow_all_practice(self):
        release.wait(timeout=3)
        return read_all(self)

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot, "caregivers")
        await highlight(pilot, editor, "mom")
        monkeypatch.setattr(FamilyStore, "all_practice", slow_all_practice)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDelete)
        assert "Counting the practice entries that name Mom…" in all_text(app)
        release.set()
        for _ in range(100):
            await pilot.pause(0.02)
            if "named on" in all_text(app):
                break
        text = all_text(app)
        assert "Mom is named on 1 practice entry; the entries stay, without the name." in text
        assert "Counting" not in text
        assert "Archive instead to take it off the checklist" in text
        await pilot.click("#delete")
        await pilot.pause()
        after = fresh(data_dir)
        assert after.program().caregiver("mom") is None
        assert len(after.all_practice()) == 3


async def test_archive_instead_keeps_the_history(make_app, store, data_dir):
    practise(store, "buttons", "dressing", 10)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot, "strategies")
        await highlight(pilot, editor, "buttons")
        await pilot.press("delete")
        await pilot.pause()
        assert "10 practice entries" in all_text(app)
        await pilot.click("#archive")
        await pilot.pause()
        after = fresh(data_dir)
        assert after.program().strategy("buttons").archived
        assert len(after.all_practice()) == 10


async def test_delete_without_history_still_confirms(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot, "therapists")
        await pilot.press("delete")
        await pilot.pause()
        assert "Nothing has been recorded for it yet" in all_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert fresh(data_dir).program().therapists
        await pilot.press("delete")
        await pilot.pause()
        await pilot.click("#delete")
        await pilot.pause()
        assert fresh(data_dir).program().therapists == []
        assert "No therapists yet" in rows(editor)[0]


# -- parents only, and a small terminal ---------------------------------------------


async def test_kiosk_mode_asks_for_the_pin_before_the_editor(make_app, store):
    from family_tui.domain.pin import hash_pin
    from family_tui.screens.pin_prompt import PinPrompt

    store.update_settings(pin_hash=hash_pin("2468"))
    app = make_app(kiosk=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PinPrompt)
        assert "edit the program" in all_text(app)
        await pilot.press(*"2468", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)


async def test_the_editor_and_its_longest_form_work_at_80x24(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(app, pilot, "strategies")
        assert editor.current_list().region.height >= 8
        await highlight(pilot, editor, "straw")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        save_button = form.query_one("#save")
        save_button.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#save")
        await pilot.pause()
        assert app.screen is editor


async def test_a_strategy_on_no_routine_is_marked_in_the_editor(make_app, store, data_dir):
    program = store.program()
    store.save_many(
        [
            program.strategy("buttons").model_copy(update={"routines": []}),
            program.routine("bath").model_copy(update={"archived": True}),  # the bath toys' only routine
        ]
    )
    app = make_app()
    async with app.run_test(size=(120, 32)) as pilot:
        editor = await open_editor(app, pilot, "strategies")
        shown = {row.split("  ", 1)[1].split(" · ")[0]: row.split(" · ", 1)[1] for row in rows(editor)}
        assert shown == {
            "S-words at breakfast": "Breakfast",
            "S-toys in the bath": "not on any routine",
            "Buttons from the bottom up": "not on any routine",
            "Straw drinking": "Breakfast, Play time",
        }
