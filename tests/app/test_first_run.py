"""First run: an empty data folder opens the welcome screen; every way in ends on Today."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from textual.widgets import Button, Checkbox, Input, Select, SelectionList, Static

from family_tui.app import make_app as factory
from family_tui.domain.models import Child
from family_tui.screens.guided_setup import GuidedSetupScreen
from family_tui.screens.today import TodayScreen
from family_tui.screens.welcome import WelcomeScreen
from family_tui.storage import FamilyStore
from family_tui.storage.this_computer import last_caregiver
from family_tui.widgets.checklist import PracticeChecklist
from tests.screen_text import all_text, footer_line, option_texts

NASTY = "O'Brien [Jr] [/x] [@click=app.quit]x[/]"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "home-program.toml"
SHARED_EXAMPLE = Path("/work/shared/examples/home-program.toml")


@pytest.fixture
def empty_dir(tmp_path: Path) -> Path:
    return tmp_path / "new-family"


@pytest.fixture
def program_file(tmp_path: Path) -> Path:
    source = FIXTURE if FIXTURE.exists() else SHARED_EXAMPLE
    target = tmp_path / "from the therapist" / "home-program.toml"
    target.parent.mkdir()
    shutil.copy(source, target)
    return target


def checklist_rows(app) -> list[str]:
    return option_texts(app.screen.query_one(PracticeChecklist))


async def test_welcome_is_shown_when_there_is_no_family_yet(empty_dir, clock):
    app = factory(empty_dir, clock=clock)
    async with app.run_test(size=(100, 32)):
        assert isinstance(app.screen, WelcomeScreen)
        text = all_text(app)
        assert "Nothing is set up yet" in text
        assert "made-up family" in text and "program file" in text and "guided setup" in text


def footer_keys(app) -> str:
    return footer_line(app)


async def test_w_for_a_win_appears_only_once_there_is_a_child(empty_dir, clock, program_file):
    app = factory(empty_dir, clock=clock)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.pause()
        assert "Win" not in footer_keys(app)
        await pilot.press("escape", "w")  # Today, still empty: w does nothing
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen) and "Win" not in footer_keys(app)
        assert not app._notifications

    import_app = factory(empty_dir, clock=clock)
    async with import_app.run_test(size=(100, 32)) as pilot:
        import_app.screen.query_one("#import-path", Input).value = str(program_file)
        import_app.screen.query_one("#import-path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # past the list of what was imported
        await pilot.pause()
        assert isinstance(import_app.screen, TodayScreen)
        assert "Win" in footer_keys(import_app)


async def test_an_existing_family_goes_straight_to_today(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)):
        assert isinstance(app.screen, TodayScreen)


async def test_not_now_leaves_an_empty_today_that_points_to_the_editor(empty_dir, clock):
    app = factory(empty_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert "editor" in all_text(app)


async def test_demo_family_opens_in_its_own_folder(empty_dir, clock, tmp_path, monkeypatch):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    app = factory(empty_dir, clock=clock)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.click("#demo")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.store.data_dir.parent == scratch
        assert app.data_dir == app.store.data_dir
        rows = checklist_rows(app)
        assert any("Leo" in row for row in rows) and any("Maya" in row for row in rows)
        assert any("demo family" in str(n.message) for n in app._notifications)
        # Marking practice goes to the demo folder, never the family's own.
        await pilot.press("space")
        await pilot.pause()
        assert FamilyStore(app.store.data_dir).practice_on(app.family_today())
    real = FamilyStore(empty_dir)
    assert real.program().children == [] and real.all_practice() == []


async def test_import_a_program_file_from_the_therapist(empty_dir, clock, program_file):
    app = factory(empty_dir, clock=clock)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        app.screen.query_one("#import-path", Input).value = str(program_file)
        app.screen.query_one("#import-path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        # What was imported, one change a line, in a panel of the screen (not a toast).
        assert isinstance(app.screen, WelcomeScreen) and not app._notifications
        panel = app.screen.query_one("#import-lines")
        lines = str(app.screen.query_one("#import-lines-text", Static).content).splitlines()
        assert lines[:3] == ["Added 18 records.", "Added:", "  child Leo"]
        assert "  strategy S-words at breakfast" in lines
        assert panel.region.x >= 0 and panel.region.y >= 1 and panel.region.right <= 100
        assert app.screen.query_one("#to-today", Button).region.bottom <= 31  # above the footer
        await pilot.press("enter")  # Open Today, focused
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert any("S-words at breakfast" in row for row in checklist_rows(app))
    program = FamilyStore(empty_dir).program()
    assert [c.id for c in program.children] == ["leo"]
    assert {r.id for r in program.routines} >= {"breakfast", "bath"}


async def test_import_with_a_home_folder_path(empty_dir, clock, program_file, monkeypatch):
    monkeypatch.setenv("HOME", str(program_file.parent.parent))
    app = factory(empty_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        app.screen.query_one("#import-path", Input).value = "~/from the therapist/home-program.toml"
        await pilot.click("#import")
        await pilot.pause()
        assert "  child Leo" in str(app.screen.query_one("#import-lines-text", Static).content).splitlines()
        await pilot.click("#to-today")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


@pytest.mark.parametrize(
    ("contents", "expected"),
    [
        (None, "Type the path of the program file first"),
        ("missing", "There is no file at"),
        ('format = "family-tui/program@1"\n[[children]]\nname = ""\n', "home-program.toml:"),
        ('format = "something else"\n', "home-program.toml:"),
    ],
)
async def test_import_problems_are_shown_next_to_the_path(empty_dir, clock, tmp_path, contents, expected):
    path = tmp_path / "home-program.toml"
    if contents not in (None, "missing"):
        path.write_text(contents, encoding="utf-8")
    app = factory(empty_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        welcome = app.screen
        welcome.query_one("#import-path", Input).value = "" if contents is None else str(path)
        await pilot.click("#import")
        await pilot.pause()
        assert app.screen is welcome
        error = welcome.query_one("#import-error", Static)
        assert error.display and expected in str(error.content)
    assert FamilyStore(empty_dir).program().children == []


async def type_into(pilot, widget: Input, text: str) -> None:
    widget.focus()
    widget.value = ""
    await pilot.press(*text)


async def click_next(pilot) -> None:
    """Click Next as a person would: not again while it still shows the last click (Textual
    ignores a click on a button during that moment, its ``active_effect_duration``)."""
    button = pilot.app.screen.query_one("#next", Button)
    while button.has_class("-active"):
        await pilot.pause(0.05)
    await pilot.click(button)


async def test_start_from_scratch_ends_on_today_with_the_new_childs_items(empty_dir, clock):
    app = factory(empty_dir, clock=clock)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.click("#scratch")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, GuidedSetupScreen)
        assert "Step 1 of 4" in all_text(app)
        # Step 1: the child.
        await pilot.press("enter")  # empty name
        await pilot.pause()
        assert "must not be empty" in str(setup.query_one("#child-name-error", Static).content)
        setup.query_one("#child-name", Input).value = NASTY
        setup.query_one("#child-color", Select).value = "magenta"
        await pilot.press("enter")
        await pilot.pause()
        assert "Step 2 of 4" in all_text(app) and NASTY in all_text(app)
        # Step 2: who helps (enter moves to the next field).
        await pilot.press(*"Mom", "enter", *"Grandpa Joe", "enter", "enter", "enter")
        await pilot.pause()
        assert "Step 3 of 4" in all_text(app)
        # Step 3: routines; a bad time is explained under its row.
        setup.query_one("#routine-time-7", Input).value = "25:99"  # bath time
        await click_next(pilot)
        await pilot.pause()
        assert "24-hour clock" in str(setup.query_one("#routine-7-error", Static).content)
        assert app.focused is setup.query_one("#routine-time-7", Input)
        setup.query_one("#routine-time-7", Input).value = "6:45 "
        setup.query_one("#routine-name-8", Input).value = ""  # no bedtime
        setup.query_one("#routine-time-8", Input).value = ""
        await click_next(pilot)
        await pilot.pause()
        # Step 4: ideas from the library, those that fit the routines first.
        assert "Step 4 of 4" in all_text(app)
        ideas = setup.query_one("#setup-strategies", SelectionList)
        first_rows = [str(ideas.get_option_at_index(i).prompt) for i in range(3)]
        assert all("Breakfast" in row or "Bath time" in row for row in first_rows)
        await pilot.press("space", "down", "space")
        await pilot.pause()
        assert len(ideas.selected) == 2
        await click_next(pilot)
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        rows = checklist_rows(app)
        assert sum(NASTY in row for row in rows) >= 2
        assert any("All set" in str(n.title) for n in app._notifications)

    store = FamilyStore(empty_dir)
    program = store.program()
    [child] = program.children
    assert isinstance(child, Child) and child.name == NASTY and child.color == "magenta"
    assert [c.name for c in program.caregivers] == ["Mom", "Grandpa Joe"]
    # The first helper is who's practising until someone picks another.
    assert program.caregiver(last_caregiver(empty_dir)).name == "Mom"  # remembered on this computer
    assert store.settings().caregiver is None  # not in the family's shared data
    assert [(r.name, f"{r.time:%H:%M}") for r in program.routines] == [("Breakfast", "07:30"), ("Bath time", "06:45")]
    assert len(program.strategies) == 2
    assert all(s.routines for s in program.strategies)
    assert {program.goal(s.goal).child for s in program.strategies} == {child.id}


async def test_back_goes_back_a_step_and_from_the_first_to_the_welcome(empty_dir, clock):
    app = factory(empty_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.click("#scratch")
        await pilot.pause()
        setup = app.screen
        setup.query_one("#child-name", Input).value = "Maya"
        await pilot.press("enter")
        await pilot.pause()
        assert "Step 2 of 4" in all_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Step 1 of 4" in all_text(app)
        assert setup.query_one("#child-name", Input).value == "Maya"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
    assert FamilyStore(empty_dir).program().children == []


async def test_a_setup_with_no_routines_is_refused_with_a_reason(empty_dir, clock):
    app = factory(empty_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.click("#scratch")
        await pilot.pause()
        setup = app.screen
        setup.show_step(2)
        await pilot.pause()
        for row in range(setup.routine_rows):
            setup.query_one(f"#routine-name-{row}", Input).value = ""
            setup.query_one(f"#routine-time-{row}", Input).value = ""
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert "at least one routine" in str(setup.query_one("#routine-0-error", Static).content)
        assert "Step 3 of 4" in all_text(app)


async def test_welcome_and_setup_fit_at_80x24(empty_dir, clock):
    app = factory(empty_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        for button in ("#demo", "#import", "#scratch"):
            region = app.screen.query_one(button).region
            assert region.bottom <= 23 and region.right <= 80, button
        await pilot.click("#scratch")
        await pilot.pause()
        for button in ("#back", "#next"):
            region = app.screen.query_one(button).region
            assert region.bottom <= 23 and region.right <= 80, button


async def test_setup_offers_the_routines_therapists_name_and_takes_more(empty_dir, clock):
    """Meals, dressing, bath, play, homework, outings and errands, bedtime: tick those you have, add others."""
    app = factory(empty_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#scratch")
        await pilot.pause()
        setup = app.screen
        setup.query_one("#child-name", Input).value = "Leo"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+n")  # no helpers
        await pilot.pause()
        assert "Step 3 of 4" in all_text(app)
        offered = [setup.query_one(f"#routine-name-{row}", Input).value for row in range(setup.routine_rows)]
        for named in (
            "Breakfast",
            "Lunch",
            "Dinner",
            "Getting dressed",
            "Bath time",
            "Play time",
            "Homework",
            "Outings and errands",
            "Bedtime",
        ):
            assert named in offered
        # Tick dressing by keyboard, untick bedtime by mouse.
        setup.query_one("#routine-on-1", Checkbox).focus()
        await pilot.press("space")
        bedtime = setup.query_one("#routine-on-8", Checkbox)
        bedtime.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click("#routine-on-8")
        await pilot.pause()
        assert not bedtime.value
        # Two rows of the family's own: the empty row, then one added with the button.
        extra = len(offered) - 1
        setup.query_one(f"#routine-name-{extra}", Input).focus()
        await pilot.press(*"Swimming", "tab", *"17:00")
        setup.query_one("#add-routine", Button).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert setup.routine_rows == len(offered) + 1
        assert app.focused is setup.query_one(f"#routine-name-{extra + 1}", Input)
        await pilot.press(*"Feeding the cat", "tab", *"7:05")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert "Step 4 of 4" in all_text(app)
        await pilot.press("ctrl+n")
        await pilot.pause()
    routines = [(r.name, f"{r.time:%H:%M}") for r in FamilyStore(empty_dir).program().routines]
    assert sorted(routines) == sorted(
        [
            ("Breakfast", "07:30"),
            ("Getting dressed", "07:45"),
            ("Bath time", "18:30"),
            ("Swimming", "17:00"),
            ("Feeding the cat", "07:05"),
        ]
    )


async def test_the_setup_opens_with_its_first_step_alone_and_builds_each_step_when_first_shown(empty_dir, clock):
    # Building all four steps up front (helpers, ten routine rows, the ideas), hidden behind
    # the first, made the setup four times as slow to open as a plain screen of that step.
    app = factory(empty_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#scratch")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, GuidedSetupScreen)
        assert [i.id for i in setup.query(Input)] == ["child-name"]
        await pilot.press(*"Leo", "enter")
        await pilot.pause()
        assert "Step 2 of 4" in all_text(app)
        assert app.focused is setup.query_one("#caregiver-0", Input)
        await pilot.press(*"Mom", "ctrl+n")
        await pilot.pause()
        assert "Step 3 of 4" in all_text(app)
        assert setup.query_one("#routine-name-0", Input).value == "Breakfast"
        assert setup.query_one("#routine-on-0", Checkbox).value
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert setup.query_one("#caregiver-0", Input).value == "Mom"
        assert setup.query_one("#child-name", Input).value == "Leo"
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")
        await pilot.pause()
        assert "Step 4 of 4" in all_text(app)
        assert setup.query_one("#setup-strategies", SelectionList).option_count
