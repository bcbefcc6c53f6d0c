"""On and off read by shape, not by colour: the Linux console's 8-16 colours make colour alone unreadable.

Each place a family ticks boxes draws "▐X▌" for a ticked box and "▐ ▌" for one
that is not, so the two differ in the characters on screen, whatever the colours.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, Input, SelectionList

from family_tui.app import make_app as factory
from family_tui.screens.editor import EditorScreen
from family_tui.screens.guided_setup import GuidedSetupScreen
from family_tui.screens.settings import SettingsScreen


def box_of_checkbox(box: Checkbox) -> str:
    """The three cells of the box as drawn: "▐X▌" or "▐ ▌"."""
    return box.render().plain[:3]


def boxes_of_list(selections: SelectionList) -> dict[str, str]:
    """Each option's value -> the three cells of its box as drawn."""
    found = {}
    for y in range(min(selections.option_count, selections.size.height)):
        value = selections.get_option_at_index(selections.scroll_offset.y + y).value
        found[value] = selections.render_line(y).text[:3]
    return found


async def test_practise_at_boxes_differ_by_shape_when_ticked(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        await editor.switch_to("strategies")
        await pilot.pause()
        options = editor.current_list()
        options.focus()
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index("straw")
        await pilot.press("enter")
        await pilot.pause()
        routines = app.screen.query_one("#f-routines", SelectionList)
        boxes = boxes_of_list(routines)
        assert set(routines.selected) == {"breakfast", "play"}
        assert boxes["breakfast"] == boxes["play"] == "▐X▌"
        assert boxes["dressing"] == boxes["bath"] == "▐ ▌"
        # Ticking one changes its mark, not only its colour.
        routines.select("bath")
        await pilot.pause()
        assert boxes_of_list(routines)["bath"] == "▐X▌"


async def test_levels_of_help_boxes_differ_by_shape(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        level = app.screen.query_one("#level-full_physical", Checkbox)
        assert level.value and box_of_checkbox(level) == "▐X▌"
        level.focus()
        await pilot.press("space")  # by keyboard, as a parent would
        await pilot.pause()
        assert not level.value and box_of_checkbox(level) == "▐ ▌"


async def test_guided_setup_ideas_differ_by_shape_when_picked(tmp_path: Path, clock):
    app = factory(tmp_path / "new-family", clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.click("#scratch")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, GuidedSetupScreen)
        setup.query_one("#child-name", Input).value = "Leo"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter", "enter", "enter", "enter")  # no helpers
        await pilot.pause()
        setup.show_step(3)
        await pilot.pause()
        ideas = setup.query_one("#setup-strategies", SelectionList)
        ideas.focus()
        await pilot.press("space")
        await pilot.pause()
        first = ideas.get_option_at_index(0).value
        boxes = boxes_of_list(ideas)
        assert boxes[first] == "▐X▌"
        assert set(boxes.values()) == {"▐X▌", "▐ ▌"}
