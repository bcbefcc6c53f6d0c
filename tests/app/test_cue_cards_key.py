"""c on Progress: the shown child's cue cards land in the data folder's reports/ and the app says where."""

from __future__ import annotations

from family_tui.domain.pin import hash_pin
from family_tui.screens.pin_prompt import PinPrompt
from family_tui.screens.progress import ProgressScreen
from family_tui.usecases.cards import run_cards
from tests.screen_text import all_text, footer_line

PIN = "2468"


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def open_progress(app, pilot) -> None:
    await pilot.pause()
    await pilot.press("p")
    await pilot.pause()
    await app.workers.wait_for_complete()
    assert isinstance(app.screen, ProgressScreen)


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_c_writes_the_shown_childs_cards_and_says_where(make_app, store, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")  # Today's help says where the cards are
        await pilot.pause()
        assert "p, then c  Cue cards to print (in Progress)" in all_text(app)
        await pilot.press("escape")
        await open_progress(app, pilot)
        assert "c Cue cards" in footer_line(app)
        await pilot.press("c")
        await settle(app, pilot)
        leo = data_dir / "reports" / "cue-cards-leo-2026-11-26.html"
        assert leo.read_text(encoding="utf-8") == run_cards(store, child="leo")
        assert f"Leo's cue cards saved to {leo}: open it in a browser to print." in messages(app)

        await pilot.press("right", "c")  # the next child
        await settle(app, pilot)
        maya = data_dir / "reports" / "cue-cards-maya-2026-11-26.html"
        assert "<h1>Maya&#x27;s cue cards</h1>" in maya.read_text(encoding="utf-8")
        assert any(m.startswith(f"Maya's cue cards saved to {maya}") for m in messages(app))


async def test_kiosk_asks_for_the_parent_pin_before_writing(make_app, store, data_dir):
    store.update_settings(pin_hash=hash_pin(PIN))
    app = make_app(kiosk=True)
    cards = data_dir / "reports" / "cue-cards-leo-2026-11-26.html"
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await open_progress(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, PinPrompt)
        await pilot.press("escape")
        await settle(app, pilot)
        assert not cards.exists()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*PIN, "enter")
        await settle(app, pilot)
        assert cards.is_file()
        assert isinstance(app.screen, ProgressScreen)


async def test_a_failed_write_is_reported_not_a_crash(make_app, store, data_dir):
    (data_dir / "reports").write_text("a file where the folder should be", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await open_progress(app, pilot)
        await pilot.press("c")
        await settle(app, pilot)
        assert app.is_running
        assert any(m.startswith("Leo's cue cards were not written") for m in messages(app)), messages(app)
