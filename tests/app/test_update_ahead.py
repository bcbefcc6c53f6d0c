"""The update's first parts are parsed and built while the picker is open, and shown as built.

Enter used to parse the update's first two parts and build their blocks before the first
frame: half the time between enter and the update drawn on five years of notes. The picker
now does it as the update for the highlighted choice is written. These tests check that
what is shown is the update Textual's own Markdown builds, for the choice made, at the
window's size, however early enter comes.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from markdown_it import MarkdownIt

from family_tui.screens.report_view import ReportAudiencePicker, ReportView, list_widths, screenfuls
from family_tui.screens.update_markdown import BulletList, UpdateMarkdown
from family_tui.usecases import report
from tests.factories import open_questions
from tests.screen_text import all_text


@pytest.fixture
def many_questions(store):
    start = datetime(2026, 9, 1, 20, 0)
    store.save_many(open_questions(start + timedelta(days=n) for n in range(60)))
    return store


async def settle(app, pilot) -> None:
    for _ in range(3):
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()


async def open_picker(app, pilot) -> ReportAudiencePicker:
    await settle(app, pilot)
    await pilot.press("p")
    await settle(app, pilot)
    await pilot.press("r")
    await settle(app, pilot)  # the update for the highlighted choice written meanwhile
    picker = app.screen
    assert isinstance(picker, ReportAudiencePicker)
    return picker


async def update_drawn(make_app, size, *, ahead: bool, monkeypatch) -> tuple[str, str]:
    """The update for the whole family as first drawn (the screenshot, the text), written ahead by the picker or not."""
    with monkeypatch.context() as patch:
        if not ahead:
            patch.setattr(ReportAudiencePicker, "_write_highlighted", lambda picker: None)
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await open_picker(app, pilot)
            await pilot.press("end", "enter")
            await settle(app, pilot)
            assert isinstance(app.screen, ReportView)
            return app.export_screenshot(title="update"), all_text(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_update_built_ahead_is_drawn_as_the_update_built_on_enter(
    make_app, many_questions, monkeypatch, size
):
    ahead = await update_drawn(make_app, size, ahead=True, monkeypatch=monkeypatch)
    on_enter = await update_drawn(make_app, size, ahead=False, monkeypatch=monkeypatch)
    assert "Questions for you" in ahead[1]
    assert ahead == on_enter


async def test_enter_shows_the_update_written_ahead_without_parsing_it(make_app, many_questions, monkeypatch):
    """The parsing and the building happened while the reader was picking, not after enter."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_picker(app, pilot)
        parsed: list[str] = []
        parse = MarkdownIt.parse

        def counting(self, src, env=None):
            parsed.append(src)
            return parse(self, src, env)

        monkeypatch.setattr(MarkdownIt, "parse", counting)
        await pilot.press("enter")
        await settle(app, pilot)
        view = app.screen
        assert isinstance(view, ReportView)
        assert "Questions for you" in all_text(app)
        assert parsed == []
        assert len(view.query(UpdateMarkdown)) == 2


async def test_enter_before_the_writing_is_done_shows_the_update(make_app, many_questions, monkeypatch):
    """The picker's writing ends after the view opened: the view writes its own, the late one is dropped."""
    release = threading.Event()
    calls: list[str | None] = []
    update_texts = report.update_texts

    def slow_the_first(store, therapist_id=None):
        calls.append(therapist_id)
        if len(calls) == 1:  # the picker's
            release.wait(5)
        return update_texts(store, therapist_id)

    monkeypatch.setattr(report, "update_texts", slow_the_first)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause(0.1)
        await pilot.press("r")
        await pilot.pause(0.1)
        picker = app.screen
        assert isinstance(picker, ReportAudiencePicker)
        await pilot.press("enter")  # Ms. Rivera, still being written by the picker
        await pilot.pause(0.1)
        release.set()
        await settle(app, pilot)
        view = app.screen
        assert isinstance(view, ReportView)
        assert "Weekly practice update for Ms. Rivera" in all_text(app)
        assert not app.screen.query_one("#report-status").display
        assert picker.written("rivera") is None  # written after the picker closed: not built
        shown = update_texts(many_questions, "rivera").shown
        assert [m.source for m in view.query(UpdateMarkdown)] == screenfuls(shown, 24)[:2]


async def test_a_window_resized_while_the_picker_is_open_gets_the_update_cut_for_its_size(
    make_app, many_questions, monkeypatch, store
):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_picker(app, pilot)
        await pilot.press("end")  # the whole family, written for 24 rows
        await settle(app, pilot)
        await pilot.resize_terminal(120, 40)
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        view = app.screen
        assert isinstance(view, ReportView)
        resized = app.export_screenshot(title="update")
        shown = report.update_texts(store).shown
        assert [m.source for m in view.query(UpdateMarkdown)] == screenfuls(shown, 40)[:2]
    assert resized == (await update_drawn(make_app, (120, 40), ahead=True, monkeypatch=monkeypatch))[0]


async def test_the_update_shown_is_for_the_choice_made_after_moving_the_highlight(make_app, many_questions):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_picker(app, pilot)  # Ms. Rivera's written and built
        await pilot.press("down")  # the whole family's
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ReportView)
        assert [str(h.render()) for h in app.screen.query("MarkdownH1")] == ["Weekly practice update"]
        await pilot.press("escape", "r")
        await settle(app, pilot)
        await pilot.press("down", "up")  # back to Ms. Rivera: the one built first
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ReportView)
        titles = [str(h.render()) for h in app.screen.query("MarkdownH1")]
        assert titles == ["Weekly practice update for Ms. Rivera, Speech therapy"]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_lists_built_ahead_are_not_wrapped_again_on_enter(make_app, many_questions, monkeypatch, size):
    """Wrapping the lists' items was half of laying the first parts out: done ahead at the widths
    ``list_widths`` expects. A change to the view's layout that moves them fails here."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await open_picker(app, pilot)
        await pilot.press("end")  # the whole family: the lists of questions
        await settle(app, pilot)
        wrapped: list[int] = []
        lines = BulletList._lines

        def wrapping(self, width):
            if not any(key[0] == width for key in self._lines_cache):
                wrapped.append(width)
            return lines(self, width)

        monkeypatch.setattr(BulletList, "_lines", wrapping)
        await pilot.press("enter")
        await settle(app, pilot)
        view = app.screen
        assert isinstance(view, ReportView)
        assert len(view.query(BulletList)) >= 2
        assert wrapped == []
        assert {b.content_region.width for b in view.query(BulletList)} <= list_widths(size[0])


async def test_the_picker_closing_is_not_restyled_while_the_update_is_built(make_app, many_questions, monkeypatch):
    """Its list lost the focus as it closed, and Textual restyled it (a list styles its options
    too) between enter and the update drawn; the picker is removed right after."""
    from textual.css.stylesheet import Stylesheet

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        picker = await open_picker(app, pilot)
        restyled: list[object] = []
        apply = Stylesheet.apply

        def counting(self, node, **kwargs):
            if node.is_attached and node.screen is picker:
                restyled.append(node)
            return apply(self, node, **kwargs)

        monkeypatch.setattr(Stylesheet, "apply", counting)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ReportView)
        assert restyled == []


async def test_the_first_opening_does_not_parse_every_stylesheet_again(make_app, many_questions, monkeypatch):
    """The view's CSS file is read while the picker waits: read on enter, every stylesheet of the
    app was parsed afresh and every node of every screen restyled before the update was drawn."""
    from textual.css.stylesheet import Stylesheet

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_picker(app, pilot)
        reparsed: list[int] = []
        reparse = Stylesheet.reparse

        def counting(self):
            reparsed.append(1)
            return reparse(self)

        monkeypatch.setattr(Stylesheet, "reparse", counting)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ReportView)
        assert "Questions for you" in all_text(app)
        assert reparsed == []
