"""Every form at 80x24, walked with Tab: the buttons come after every field, and what has the focus is in view.

Issue 21.1: the details form of a counted strategy was taller than the screen, its
buttons were docked inside the scrolling box and Textual's focus order follows the
screen from top to bottom, so Save and Cancel came before the Note scrolled below them.
Typing straight through pressed Cancel.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual.widget import Widget
from textual.widgets import Button, Input

from family_tui.screens.form_base import FormScreen
from family_tui.screens.guided_setup import GuidedSetupScreen
from family_tui.storage import FamilyStore
from tests.app.test_dialogs_fit import open_small  # noqa: F401  (a fixture)
from tests.app.test_every_dialog import DIALOGS, opened

SMALL = (80, 24)
THURSDAY = date(2026, 11, 26)


def in_view(screen, widget: Widget) -> bool:
    """Both corners of the widget are drawn on the screen as the widget (not under a button, a footer, the edge)."""
    region = widget.region
    if not region.area or not screen.region.contains_region(region):
        return False
    corners = ((region.x, region.y), (region.right - 1, region.bottom - 1))
    for x, y in corners:
        hit, _ = screen.get_widget_at(x, y)
        if hit is not widget and widget not in hit.ancestors:
            return False
    return True


def is_form_button(widget: Widget) -> bool:
    return isinstance(widget, Button) and any(a.has_class("form-buttons") for a in widget.ancestors)


async def walk_with_tab(pilot, limit: int = 80) -> list[Widget]:
    """Press Tab until the focus comes round again; each widget focused on the way must be in view."""
    screen = pilot.app.screen
    first = screen.focused
    assert first is not None, "nothing has the focus"
    assert in_view(screen, first), f"{first!r} has the focus but is not in view"
    seen = [first]
    for _ in range(limit):
        await pilot.press("tab")
        await pilot.pause()
        focused = screen.focused
        assert focused is not None
        if focused is first:
            return seen
        assert in_view(screen, focused), f"after {[w.id for w in seen]}, {focused!r} has the focus but is not in view"
        seen.append(focused)
    raise AssertionError(f"Tab never came back to {first!r}: {[w.id for w in seen]}")


def assert_buttons_last(screen, walked: list[Widget]) -> None:
    chain = screen.focus_chain
    assert sorted(map(id, walked)) == sorted(map(id, chain)), "Tab does not reach what the focus order has"
    start = chain.index(walked[0])
    assert walked == chain[start:] + chain[:start], "Tab does not follow the focus order"
    kinds = ["button" if is_form_button(w) else "field" for w in chain]
    names = [w.id or type(w).__name__ for w in chain]
    if "button" in kinds:
        first_button = kinds.index("button")
        assert "field" not in kinds[first_button:], f"a field comes after the buttons: {names}"


@pytest.mark.parametrize("cls", DIALOGS, ids=[c.__name__ for c in DIALOGS])
async def test_tab_goes_through_every_field_then_the_buttons_each_in_view(open_small, cls):  # noqa: F811
    opener, app = open_small(cls)
    async with app.run_test(size=SMALL) as pilot:
        await opened(pilot, opener, cls)
        dialog = app.screen
        walked = await walk_with_tab(pilot)
        assert_buttons_last(dialog, walked)
        if isinstance(dialog, FormScreen):
            assert not is_form_button(walked[0]), "the form opens on a button"


async def test_the_details_form_of_a_counted_strategy_walks_fields_then_buttons(make_app):
    """The form of the report: a strategy that counts tries, at 80x24, taller than the screen."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("d")
        await pilot.pause()
        form = app.screen
        assert form.query("#trials-total") and form.query("#note")
        walked = await walk_with_tab(pilot)
        assert [w.id for w in walked] == [
            "status",
            "assistance",
            "setting",
            "caregiver",
            "minutes",
            "trials-correct",
            "trials-total",
            "note",
            "save",
            "cancel",
        ]


async def test_typing_straight_through_the_details_form_saves_it(make_app, data_dir):
    """Issue 21.1 as reported: Tab x5, 6, Tab, 10, Tab, a note, Tab, enter."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("d")
        await pilot.pause()
        await pilot.press(*["tab"] * 5, "6", "tab", "1", "0", "tab", *"my note", "tab", "enter")
        for _ in range(3):
            await pilot.pause()
        assert type(app.screen).__name__ == "TodayScreen"
    [entry] = FamilyStore(data_dir).practice_on(THURSDAY)
    assert (entry.strategy, entry.trials_correct, entry.trials_total, entry.note) == ("snack-s", 6, 10, "my note")


@pytest.mark.parametrize("step", [0, 1, 2, 3])
async def test_guided_setup_walks_fields_then_back_and_next_each_in_view(tmp_path, clock, step):
    from family_tui.app import make_app

    app = make_app(tmp_path / "empty", clock=clock)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        app.push_screen(GuidedSetupScreen())
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, GuidedSetupScreen)
        setup.query_one("#child-name", Input).value = "Leo"
        for _ in range(step):
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert setup.step == step
        walked = await walk_with_tab(pilot)
        assert_buttons_last(setup, walked)
        assert [w.id for w in walked if is_form_button(w)] == ["back", "next"]
