"""The editor's tabs: each one shows its list when shown, however it is reached.

Only the tab the editor opens on is built with it; the others get their hint and list the
first time they are shown (``EditorScreen.show_tab``). These tests read the screen as drawn,
so a tab whose list was not there when shown fails them.
"""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from family_tui.domain.program_edit import display_name
from family_tui.screens.editor import EditorScreen
from family_tui.screens.editor.forms import RecordForm
from family_tui.widgets.tab_strip import TabStrip
from tests.key_burst import burst

SIZE = (80, 24)

FIRST_ROWS = {
    "children": ("Whose home programs you follow", "Leo"),
    "caregivers": ("Everyone who practises", "Mom"),
    "therapists": ("The therapists behind the program", "Ms. Rivera"),
    "routines": ("Moments of your day", "07:15  Breakfast"),
    "goals": ("What each child is working towards", "Say /s/ at the start of words"),
    "strategies": ("Ways to practise a goal", "S-words at breakfast"),
}
"""Words of each tab's hint, and its first row, as drawn at 80x24."""


def drawn(app) -> str:
    """The screen as painted (Textual's compositor), row by row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def assert_shows(app, tab: str) -> None:
    editor = app.screen
    assert isinstance(editor, EditorScreen)
    assert editor.kind.key == tab
    hint, first_row = FIRST_ROWS[tab]
    screen = drawn(app)
    assert hint.lower() in screen.lower(), (tab, screen)
    assert first_row in screen, (tab, screen)
    assert app.focused is editor.query_one(f"#list-{tab}", OptionList)  # arrows and enter work at once


@pytest.mark.parametrize("how", ["key", "mouse", "mouse on the bar"])
async def test_every_tab_shows_its_hint_and_rows_when_shown(make_app, how):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert_shows(app, "children")
        tabs = list(FIRST_ROWS)[1:]
        for tab in tabs if how == "key" else reversed(tabs):  # the mouse goes from the far end
            if how == "key":
                await pilot.press("right")
            else:
                start, _end = app.screen.query_one(TabStrip).span(tab)
                await pilot.click(TabStrip, offset=(start + 1, 0 if how == "mouse" else 1))
            await pilot.pause()
            assert_shows(app, tab)
        # Back on a tab shown before: built once, still there.
        await pilot.press("left" if how == "key" else "right")
        await pilot.pause()
        assert_shows(app, "goals" if how == "key" else "therapists")


@pytest.mark.parametrize(
    ("keys", "tab", "record"),
    [
        (("right", "right", "right", "down", "enter"), "routines", "Getting dressed"),
        (("left", "enter"), "strategies", "S-words at breakfast"),
        (("right", "right", "right", "right", "down", "down", "enter"), "goals", "Drink from a straw"),
    ],
)
async def test_keys_typed_straight_after_e_act_on_the_tab_they_reach(make_app, keys, tab, record):
    """A fast typist's tab keys, arrows and enter reach a tab its list not built yet when typed."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "e", *keys)
        form = app.screen
        assert isinstance(form, RecordForm), type(form).__name__
        assert display_name(form.record) == record
        await burst(pilot, "escape")
        assert_shows(app, tab)


def label_colours(app) -> dict[str, str]:
    """The colour each tab's label is drawn in, read from the screen as painted."""
    strip_widget = app.screen.query_one(TabStrip)
    row = strip_widget.region.y
    cells = []
    for segment in list(app.screen._compositor.render_strips())[row]:
        cells.extend([segment.style.color] * len(segment.text))
    return {key: str(cells[strip_widget.span(key)[0] + 1]) for key, _label in strip_widget.tabs}


async def test_the_tab_under_the_mouse_is_drawn_bright_like_the_one_shown(make_app):
    """As on Textual's tabs: the labels are dimmed but for the tab shown and the one under the mouse."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        strip = app.screen.query_one(TabStrip)
        colours = label_colours(app)
        assert colours["goals"] == colours["routines"] != colours["children"]
        await pilot.hover(TabStrip, offset=(strip.span("goals")[0] + 2, 0))
        await pilot.pause()
        hovered = label_colours(app)
        assert hovered["goals"] == colours["children"] != hovered["routines"]
        await pilot.hover(TabStrip, offset=(strip.span("goals")[0] + 2, 1))  # on the bar: no tab under it
        await pilot.pause()
        assert label_colours(app) == colours
