"""A long update on screen: its first screens at once, the rest built as the reader gets there.

Five years of open questions made an update of 600 lines whose first part alone (a list of
500 questions) took six seconds of frames to build. The view now builds a screen ahead of
the reader; these tests check that what is built reads as one document and that every way
down (arrows, page down, end) reaches all of it.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from textual.widgets import Markdown

from family_tui.screens import report_view
from family_tui.screens.report_view import ReportView
from family_tui.screens.update_markdown import UpdateMarkdown
from tests.factories import open_questions
from tests.key_burst import burst

SIZE = (80, 24)
QUESTIONS = 60


@pytest.fixture
def many_questions(store):
    start = datetime(2026, 9, 1, 20, 0)
    store.save_many(open_questions(start + timedelta(days=n) for n in range(QUESTIONS)))
    return store


async def open_update(app, pilot) -> ReportView:
    await pilot.press("p")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.press("r")
    await pilot.pause()
    await pilot.press("end", "enter")  # the whole family
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    view = app.screen
    assert isinstance(view, ReportView)
    return view


def headings_built(view: ReportView) -> int:
    return sum(len(view.query(f"MarkdownH{level}")) for level in range(1, 7))


def headings_in(view: ReportView) -> int:
    assert view.text is not None
    return sum(line.startswith("#") for line in view.text.splitlines())


def drawn_with_styles(app) -> list[list[tuple[str, str]]]:
    """Each row as drawn: every cell's character and style."""
    return [
        [(char, str(segment.style)) for segment in strip for char in segment.text]
        for strip in app.screen._compositor.render_strips()
    ]


def drawn(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def every_screen_of(app, pilot, view: ReportView) -> list[str]:
    """The update as drawn, a screen at a time from its start to its end."""
    scroll = view.query_one("#report-scroll")
    screens = []
    for y in range(0, scroll.max_scroll_y + scroll.size.height, scroll.size.height):
        scroll.scroll_to(y=y, animate=False, immediate=True)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screens.append(drawn(app))
    return screens


async def test_a_long_update_shows_its_first_screens_and_end_reaches_all_of_it(make_app, many_questions):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_update(app, pilot)
        screen = drawn(app)
        assert "Weekly practice update" in screen and "Writing the update" not in screen
        assert headings_built(view) < headings_in(view)  # not all of it built: it waits below the reader
        scroll = view.query_one("#report-scroll")
        assert scroll.max_scroll_y >= scroll.size.height  # but a screen more than is shown is there
        await pilot.press("end")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert headings_built(view) == headings_in(view)
        assert scroll.scroll_y == scroll.max_scroll_y
        assert "Wins" in drawn(app) or "Maya" in drawn(app)  # the update's last section is on screen


@pytest.mark.parametrize("key", ["pagedown", "down"])
async def test_scrolling_down_builds_the_update_as_the_reader_reaches_it(make_app, many_questions, key):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_update(app, pilot)
        scroll = view.query_one("#report-scroll")
        for _ in range(400 if key == "down" else 60):
            if headings_built(view) == headings_in(view) and scroll.scroll_y == scroll.max_scroll_y:
                break
            await pilot.press(key)
            await pilot.pause()
            await app.workers.wait_for_complete()
        assert headings_built(view) == headings_in(view)
        lists = " ".join(str(bullets.render()) for bullets in view.query("MarkdownBulletList"))
        assert re.sub(r"\s+", " ", lists).count("Question number") == QUESTIONS


async def test_the_parts_read_as_one_document(make_app, many_questions, monkeypatch):
    """Every block on the row it would be on were the update one Markdown document."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_update(app, pilot)
        await pilot.press("end")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(view.query(Markdown)) > 2  # cut before headings and inside the list of questions
        in_parts = await every_screen_of(app, pilot, view)
    monkeypatch.setattr(report_view, "screenfuls", lambda markdown, lines: [markdown])
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_update(app, pilot)
        assert len(view.query(Markdown)) == 1
        assert in_parts == await every_screen_of(app, pilot, view)


async def test_a_scroll_after_end_stops_it_going_on_to_the_end(make_app, many_questions):
    """end follows the update down as it is built; home typed straight after wins."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = await open_update(app, pilot)
        assert headings_built(view) < headings_in(view)
        await burst(pilot, "end", "home")
        await app.workers.wait_for_complete()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        assert view.query_one("#report-scroll").scroll_y == 0
        assert "Weekly practice update" in drawn(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_lists_look_as_textuals_own_markdown_draws_them(make_app, many_questions, monkeypatch, size):
    """A bulleted list is one widget (UpdateMarkdown), drawn cell for cell as Textual's Markdown
    draws its rows of bullets and paragraphs: wrapped lines start after the bullet."""

    async def screens() -> list[list[list[tuple[str, str]]]]:
        app = make_app()
        async with app.run_test(size=size) as pilot:
            view = await open_update(app, pilot)
            shots = [drawn_with_styles(app)]
            for key in ("pagedown", "pagedown", "end"):
                await pilot.press(key)
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                shots.append(drawn_with_styles(app))
            assert len(view.query("MarkdownBulletList")) > 1
            return shots

    ours = await screens()
    monkeypatch.setattr(UpdateMarkdown, "BLOCKS", dict(Markdown.BLOCKS))
    assert await screens() == ours


STYLED = """# A *title* with `code`

Some *emphasis*, **bold**, ~~struck~~ and `code` in a paragraph; a plain one next.

Nothing styled here.

- an item with **bold**
- a plain item
"""


@pytest.mark.parametrize("built_ahead", [False, True])
async def test_emphasis_bold_and_code_look_as_in_textuals_markdown(built_ahead):
    """The update's blocks are given Textual's styles for emphasis, bold, struck-through and code
    only when their text uses them (the update's own words never do): text that does is drawn
    as Textual's Markdown draws it."""
    from textual.app import App, ComposeResult

    from family_tui.screens.update_markdown import parsed

    class Showing(App[None]):
        def __init__(self, widget: Markdown) -> None:
            super().__init__()
            self.widget = widget

        def compose(self) -> ComposeResult:
            yield self.widget

    async def drawn_by(widget: Markdown) -> list[list[tuple[str, str]]]:
        app = Showing(widget)
        async with app.run_test(size=(60, 16)) as pilot:
            await pilot.pause()
            await pilot.pause()
            return drawn_with_styles(app)

    ours = (
        UpdateMarkdown.built(STYLED, parsed(STYLED), classes="report-part")
        if built_ahead
        else UpdateMarkdown(STYLED, classes="report-part")
    )
    textuals = await drawn_by(Markdown(STYLED, classes="report-part"))
    assert await drawn_by(ours) == textuals
    assert any("bold" in style for row in textuals for char, style in row if char == "b")
