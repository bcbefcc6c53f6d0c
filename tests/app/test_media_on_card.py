"""Today's card shows a strategy's link to how it's done as a terminal hyperlink, and a click opens it."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from family_tui.domain.pin import hash_pin
from family_tui.widgets.checklist import PracticeChecklist
from family_tui.widgets.strategy_card import KIOSK_LINK
from tests.screen_text import static_text

LINK = "https://example.org/straw-sips"


def give_link(store, strategy_id: str, link: str) -> None:
    strategy = next(s for s in store.program().strategies if s.id == strategy_id)
    store.save(strategy.model_copy(update={"media": link}))


def highlighted_strategy(app) -> str:
    item = app.screen.query_one(PracticeChecklist).highlighted_item
    assert item is not None
    return item.strategy.id


async def test_the_card_shows_the_link_as_a_hyperlink_under_the_strategy(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)):
        first = highlighted_strategy(app)
    give_link(store, first, LINK)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert static_text(app, "#card-media") == f"Show me how: {LINK}"
        line = app.screen.query_one("#card-media", Static)
        assert line.display and line.region.height >= 1
        content = line.content
        assert isinstance(content, Content)
        linked = [span for span in content.spans if getattr(span.style, "link", None) == LINK]
        assert linked and content.plain[linked[0].start : linked[0].end] == LINK
        # On the screen itself: the link's cells carry it to the terminal (an OSC 8 hyperlink), the label's do not.
        region = line.content_region
        links = {
            (x, y): app.screen.get_style_at(x, y).link
            for y in range(region.y, region.bottom)
            for x in range(region.x, region.right)
        }
        assert sum(1 for link in links.values() if link == LINK) >= len(LINK) - 1
        assert links[(region.x, region.y)] is None  # "Show me how:" is not the link


def on_the_link(app) -> tuple[int, int]:
    """Where the link is drawn, from the top left of its line."""
    line = app.screen.query_one("#card-media", Static).region
    return next(
        (x - line.x, y - line.y)
        for y in range(line.y, line.bottom)
        for x in range(line.x, line.right)
        if app.screen.get_style_at(x, y).link == LINK
    )


async def test_a_click_on_the_link_opens_it_in_the_browser(make_app, store, monkeypatch):
    app = make_app()
    async with app.run_test(size=(80, 24)):
        first = highlighted_strategy(app)
    give_link(store, first, LINK)
    app = make_app()
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#card-media", offset=on_the_link(app))
        assert opened == [LINK]
        await pilot.click("#card-media", offset=(1, 0))  # the label: nothing opens
        assert opened == [LINK]


async def test_a_locked_kiosk_does_not_open_a_browser_over_the_app(make_app, store, monkeypatch):
    app = make_app()
    async with app.run_test(size=(80, 24)):
        first = highlighted_strategy(app)
    give_link(store, first, LINK)
    store.update_settings(pin_hash=hash_pin("2468"))
    app = make_app(kiosk=True)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert static_text(app, "#card-media") == f"Show me how: {LINK}"  # still shown, to read or copy
        await pilot.click("#card-media", offset=on_the_link(app))
        await pilot.pause()
        assert opened == []
        assert [n.message for n in app._notifications] == [KIOSK_LINK]


async def test_a_strategy_without_a_link_shows_no_line_for_it(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = app.screen.query_one("#card-media", Static)
        assert not line.display and static_text(app, "#card-media") == ""
        assert "Show me how" not in static_text(app, "#card-how")


async def test_a_link_is_shown_as_typed_never_read_as_markup(make_app, store):
    app = make_app()
    async with app.run_test(size=(80, 24)):
        first = highlighted_strategy(app)
    odd = "https://example.org/[b]straw[/b]?[@click=app.quit]"
    give_link(store, first, odd)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert static_text(app, "#card-media") == f"Show me how: {odd}"
        assert app.is_running
