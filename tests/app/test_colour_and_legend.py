"""The one rule for drawing a child's colour, and the one way a legend wraps (issue 22)."""

from __future__ import annotations

import pytest
from textual.content import Content

from family_tui.widgets.colour import safe_colour
from family_tui.widgets.legend import wrap_legend


@pytest.mark.parametrize("colour", ["cyan", "teal", "#0af", "#00aaff", "#00aaff80", "ansi_red"])
def test_a_colour_word_textual_knows_is_drawn(colour):
    assert safe_colour(colour, fallback="cyan") == colour


@pytest.mark.parametrize(
    "colour",
    [
        None,
        "",
        "bold",
        "red on blue",
        "bold red",
        "rgb(1, 2, 3)",
        "[b]red[/b]",
        "$accent",
        "#12",
        "not-a-colour",
        "redd",
    ],
)
def test_anything_else_is_drawn_with_the_fallback(colour):
    """A colour is data: a style, markup, a variable or a typo never restyles the text around it."""
    assert safe_colour(colour) == ""  # the editor: plain
    assert safe_colour(colour, fallback="$text") == "$text"  # the notes pane


def test_a_legend_wraps_between_items_never_inside_one():
    items = [Content("■ practised"), Content("□ planned"), Content("· skipped")]
    assert [str(line) for line in wrap_legend(items, 40, gap=3)] == ["■ practised   □ planned   · skipped"]
    assert [str(line) for line in wrap_legend(items, 24, gap=3)] == ["■ practised   □ planned", "· skipped"]
    assert [str(line) for line in wrap_legend(items, 5)] == ["■ practised", "□ planned", "· skipped"]
