"""Children's colours tell them apart on screen and stay readable, in full colour and in 16 (issue 27)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.segment import Segment
from textual.widgets import Select

from family_tui.app import make_app
from family_tui.domain.child_colours import PALETTE
from family_tui.storage import FamilyStore
from family_tui.usecases.program_import import import_program
from family_tui.widgets.checklist import PracticeChecklist
from family_tui.widgets.colour import contrast, contrast_in_16_colours, in_16_colours

THREE = Path(__file__).parent.parent / "fixtures" / "three_children_no_colours.toml"
NAMES = ("Ana-Lucía", "Sam", "Noor")
BOLD_TEXT = 3.0
"""WCAG's least contrast for bold text: the names are bold."""


def test_contrast_is_the_wcag_ratio():
    assert contrast("white", "black") == pytest.approx(21)
    assert contrast("#777777", "#777777") == 1
    assert contrast("black", "white") == contrast("white", "black")


def test_sixteen_colours_are_the_ones_rich_picks():
    assert in_16_colours("#000000") == 0
    assert in_16_colours("#00FFFF") == 14  # bright cyan
    assert in_16_colours("#0178D4") == 6  # Textual's bar: cyan in 16 colours, where a cyan name vanished
    assert contrast_in_16_colours("cyan", "#0178D4") < BOLD_TEXT


async def test_the_palette_is_readable_on_the_background_and_the_cursor_bar(tmp_path, clock):
    app = make_app(tmp_path / "data", clock=clock)
    async with app.run_test(size=(80, 24)):
        variables = app.get_css_variables()
    bar, grounds = variables["block-cursor-background"], (variables["background"], variables["surface"])
    plain = {in_16_colours(ground) for ground in grounds} | {in_16_colours(variables["foreground"])}
    assert len({in_16_colours(c) for c in PALETTE}) == len(PALETTE)  # all different in 16 colours
    for colour in PALETTE:
        assert in_16_colours(colour) not in plain | {in_16_colours(bar)}, colour
        for ground in (bar, *grounds):
            assert contrast(colour, ground) >= BOLD_TEXT, (colour, ground)
            assert contrast_in_16_colours(colour, ground) >= BOLD_TEXT, (colour, ground)


def name_segments(checklist: PracticeChecklist) -> dict[str, Segment]:
    found = {}
    for y in range(checklist.size.height):
        for segment in checklist.render_line(y):
            if segment.text.strip() in NAMES:
                found[segment.text.strip()] = segment
    return found


async def test_three_children_without_colours_look_different_on_today(tmp_path, clock):
    data = tmp_path / "data"
    store = FamilyStore(data, clock=clock)
    import_program(store, THREE, today=clock.local_now().date())
    store.update_settings(caregiver="mom")
    app = make_app(data, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        checklist = app.screen.query_one(PracticeChecklist)
        checklist.focus()
        await pilot.pause()
        segments = name_segments(checklist)
        assert set(segments) == set(NAMES)
        colours = {name: segment.style.color for name, segment in segments.items() if segment.style}
        assert len({c.triplet for c in colours.values() if c}) == 3
        assert len({in_16_colours(c.triplet.hex) for c in colours.values() if c and c.triplet}) == 3
        # The name under the cursor is readable on the bar, in 16 colours too.
        on_bar = [s for s in segments.values() if s.style and s.style.bgcolor and s.style.bgcolor.triplet]
        assert on_bar
        for segment in on_bar:
            assert segment.style is not None and segment.style.color and segment.style.bgcolor
            fore, back = segment.style.color.triplet, segment.style.bgcolor.triplet
            assert fore is not None and back is not None
            assert contrast_in_16_colours(fore.hex, back.hex) >= BOLD_TEXT


async def test_a_child_added_in_the_editor_is_offered_a_colour_no_child_has(make_app, store):
    """Not the third colour of the list because there are two children: Maya has that one."""
    leo, maya = store.program().children
    store.save_many([leo.model_copy(update={"color": "cyan"}), maya.model_copy(update={"color": "yellow"})])
    taken = {"cyan", "yellow"}
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        colour = app.screen.query_one("#f-color", Select).value
    assert colour in PALETTE and colour not in taken
