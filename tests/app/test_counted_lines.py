"""A list that overflows counts its lines once, beside its scrollbar; a note's height needs no joining.

Counting Today's notes and items took as long as drawing them: each was wrapped at the
list's full width, then again at the width left beside the scrollbar that count showed.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets.option_list import Option

from family_tui.widgets.checklist import HangingRows, ItemLabel
from family_tui.widgets.counted_option_list import CountedOptionList


class WidthsAsked(ItemLabel):
    """An item that remembers each width it was laid out at."""

    def __init__(self, text: str, widths: set[int]) -> None:
        super().__init__(Content("  ○ "), Content(text))
        self.widths = widths

    def _laid_out_at(self, width: int) -> tuple[int, Content, int | None]:
        self.widths.add(width)
        return super()._laid_out_at(width)


class OneList(App[None]):
    CSS = "CountedOptionList { height: 1fr; }"

    def __init__(self, options: list[Option]) -> None:
        super().__init__()
        self.options = options

    def compose(self) -> ComposeResult:
        yield CountedOptionList(*self.options)


async def test_a_list_that_overflows_wraps_its_items_at_one_width_beside_the_scrollbar():
    widths: set[int] = set()
    app = OneList([Option(WidthsAsked(f"Item {n} with words enough to wrap somewhere", widths)) for n in range(40)])
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        listed = app.query_one(CountedOptionList)
        assert listed.show_vertical_scrollbar
        assert widths == {listed.scrollable_content_region.width}  # never the width without the bar
        total = sum(option.prompt.get_height(listed.styles, min(widths)) for option in listed.options)
        assert listed.virtual_size.height == total


async def test_a_list_that_fits_keeps_its_full_width_and_no_scrollbar():
    widths: set[int] = set()
    app = OneList([Option(WidthsAsked(f"Item {n}", widths)) for n in range(3)])
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        listed = app.query_one(CountedOptionList)
        assert not listed.show_vertical_scrollbar
        assert widths == {listed.scrollable_content_region.width}


def test_a_notes_height_is_its_rows_heights_and_asks_for_no_joining():
    rows = [
        ItemLabel(Content("  "), Content("A line long enough to wrap twice at a narrow width, or so."), right_margin=0),
        ItemLabel(Content(""), Content(""), right_margin=0),
        ItemLabel(Content("  ↳ "), Content("An answer\nover two lines"), right_margin=0),
    ]
    for width in (12, 20, 34, 80):
        note = HangingRows(list(rows))
        joined = Content("\n").join(row._at(width) for row in rows)
        for rules in ({}, {"text_wrap": "nowrap"}, {"text_overflow": "ellipsis"}):
            assert note.get_height(rules, width) == joined.get_height(rules, width)
        assert note._joined is None  # counting did not join them; drawing will, once a width
        assert note.least_lines == 4 <= note.get_height({}, width)


WORDS = st.sampled_from(
    ["a", "sun", "straw-drinking", "Supercalifragilisticexpialidocious", "日本語", "🙂", " ", "  ", "\n"]
)


@settings(max_examples=300, deadline=None)
@given(
    mark=st.sampled_from(["  ○ ", "  ✓ ", "", "07:15 ", "  ↳ "]),
    words=st.lists(WORDS, max_size=30),
    width=st.integers(min_value=4, max_value=90),  # narrower, Textual itself fails with line_pad
    margin=st.sampled_from([0, 2]),
    rules=st.sampled_from([{}, {"text_wrap": "nowrap"}, {"text_overflow": "ellipsis"}, {"line_pad": 1}]),
)
def test_an_items_height_is_the_height_of_its_lines_as_drawn(mark, words, width, margin, rules):
    """An item's height is counted from its own wrapping, not by wrapping its lines again:
    the same height Textual works out for the lines it draws, at any width and rules."""
    label = ItemLabel(Content(mark), Content("".join(words)), right_margin=margin)
    drawn = label._at(width)
    assert label.get_height(rules, width) == drawn.get_height(rules, width)


def test_counting_an_items_lines_does_not_wrap_them_again(monkeypatch):
    """Today counts every item's and note's lines before drawing: Content wrapped each line a
    second time to count what the hanging indent had just wrapped."""
    label = ItemLabel(Content("  ○ "), Content("Maya  straw drinking with a long enough title to wrap twice"))
    laid_out = label._at(30)
    assert len(laid_out.split("\n")) == 3
    counted: list[Content] = []
    monkeypatch.setattr(Content, "get_height", lambda self, rules, width: counted.append(self) or 0)

    assert label.get_height({}, 30) == 3
    assert counted == []
