"""The "help needed" levels differ by mark and by colour, in a 16-colour terminal too (issue 27)."""

from __future__ import annotations

from datetime import date

from textual.app import App, ComposeResult

from family_tui.domain.models import Assistance
from family_tui.domain.progress import AssistanceMix
from family_tui.domain.progress.statistics import Trials, WeekIndependence
from family_tui.widgets.colour import contrast, contrast_in_16_colours, in_16_colours
from family_tui.widgets.independence import HelpByWeek

EVERY_LEVEL = AssistanceMix(tuple((level, 1) for level in Assistance))


class Host(App):
    def compose(self) -> ComposeResult:
        yield HelpByWeek([WeekIndependence("2026-W48", date(2026, 11, 23), EVERY_LEVEL, Trials())])


async def test_each_level_of_the_legend_has_its_own_mark_and_its_own_colour_in_16():
    app = Host()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        widget = app.query_one(HelpByWeek)
        background = widget.background_colors[1].hex
        strips = [widget.render_line(y) for y in range(widget.size.height)]
        words = " ".join(strip.text for strip in strips)
        marks: dict[str, str] = {}
        for strip in strips[1:]:  # the legend, under the week's bar
            segments = list(strip)
            for segment, following in zip(segments, segments[1:]):
                if segment.text.strip() and segment.style and segment.style.color and following.text.startswith(" "):
                    marks[segment.text.strip()] = segment.style.color.triplet.hex  # type: ignore[union-attr]
    assert all(level_words in words for level_words in ("independent", "verbal cue", "hand over hand"))
    assert len(marks) == len(Assistance)  # six different marks: told apart without colour
    in_16 = [in_16_colours(colour) for colour in marks.values()]
    assert len(set(in_16)) == len(Assistance), in_16  # and six different colours in a 16-colour terminal
    assert in_16_colours(background) not in in_16
    for colour in marks.values():
        assert contrast(colour, background) >= 3
        assert contrast_in_16_colours(colour, background) >= 3


def test_a_bar_shows_each_level_with_its_mark():
    assert HelpByWeek.bar(EVERY_LEVEL, width=12).plain == "██▓▓▒▒░░▄▄▀▀"
