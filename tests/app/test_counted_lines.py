"""A list that overflows counts its lines once, beside its scrollbar; a note's height needs no joining.

Counting Today's notes and items took as long as drawing them: each was wrapped at the
list's full width, then again at the width left beside the scrollbar that count showed.
"""

from __future__ import annotations

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

    def _at(self, width: int) -> Content:
        self.widths.add(width)
        return super()._at(width)


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
