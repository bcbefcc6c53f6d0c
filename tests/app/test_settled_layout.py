"""Today lays itself out completely before drawing: one frame at start, the screen Textual settles on.

``SettledLayout`` leans on Textual internals; these tests compare what it draws with what
plain Textual draws a few frames later, so a Textual upgrade that changes those internals
fails here rather than on a family's screen.
"""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from textual.app import App

from family_tui.app import make_app as factory
from family_tui.domain.models import Note, NoteKind
from family_tui.screens.report_view import ReportAudiencePicker
from family_tui.widgets.settled_layout import SettlesLayout
from tests.factories import open_questions
from tests.screen_text import all_text

SETTLING = ("_refresh_layout", "_screen_resized", "_on_screen_resume", "_on_update", "_on_layout")


@pytest.fixture
def many_notes(store, clock) -> None:
    """Enough notes that the notes list scrolls, so its scrollbar is placed at start-up too."""
    now = clock.now()
    store.save_many(
        [
            Note(
                kind=NoteKind.OBSERVATION,
                child="leo",
                author="Mom",
                text=f"Observation number {n}: said it twice",
                created_at=now - timedelta(days=n),
                updated_at=now - timedelta(days=n),
            )
            for n in range(30)
        ]
    )


@pytest.fixture
def frames(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """One entry for each frame the app draws (headless apps draw, they only don't print)."""
    drawn: list[float] = []
    display = App._display

    def counting_display(app, screen, renderable):
        if renderable is not None:
            drawn.append(1)
        return display(app, screen, renderable)

    monkeypatch.setattr(App, "_display", counting_display)
    return drawn


def plain_textual(monkeypatch: pytest.MonkeyPatch) -> None:
    """Today and the dialogs as plain Textual screens: requests answered on later frames, as Textual does."""
    for name in SETTLING:
        monkeypatch.delattr(SettlesLayout, name)


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause(0.05)


async def screens_after(make_app, size, *steps) -> list[str]:
    """The whole screen, as text with its styles, after start-up and after each step."""
    shots = []
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        shots.append(app.export_screenshot(title="Today"))
        for step in steps:
            await step(pilot)
            await settle(pilot)
            shots.append(app.export_screenshot(title="Today"))
    return shots


@pytest.mark.parametrize("size", [(80, 24), (100, 32), (120, 40)])
async def test_today_starts_with_one_frame_showing_what_textual_would_settle_on(
    make_app, many_notes, frames, monkeypatch, size
):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        settled = app.export_screenshot(title="Today")
        assert len(frames) == 1  # the first frame is the finished screen

    frames.clear()
    plain_textual(monkeypatch)
    assert await screens_after(make_app, size) == [settled]
    assert len(frames) > 1  # Textual alone gets there over several frames


async def test_today_is_styled_once_as_it_starts(make_app, many_notes, monkeypatch):
    """Textual styled every widget of Today as it was mounted, then all of them again when the
    screen was first shown, with nothing changed in between: 16 widgets styled twice in start-up."""
    from textual.css.stylesheet import Stylesheet

    from family_tui.screens.today import TodayScreen

    restyled: list[object] = []
    update_nodes = Stylesheet.update_nodes

    def counting(self, nodes, animate=False):
        nodes = list(nodes)
        restyled.extend(nodes)
        return update_nodes(self, nodes, animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", counting)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert app.screen not in restyled
        assert len(restyled) <= 3  # the focused list and the card's own changes


async def test_after_resizing_and_a_dialog_today_shows_what_textual_would(
    make_app, many_notes, monkeypatch, data_dir, tmp_path, clock
):
    async def narrow(pilot):
        await pilot.resize_terminal(80, 24)  # the notes column goes

    async def wide(pilot):
        await pilot.resize_terminal(120, 40)  # and comes back

    async def help_and_back(pilot):
        await pilot.press("question_mark")
        await settle(pilot)
        await pilot.press("escape")

    async def check_off(pilot):
        await pilot.press("space")

    steps = (narrow, wide, help_and_back, check_off)
    untouched = shutil.copytree(data_dir, tmp_path / "untouched")  # the second run starts as the first did

    def same_start():
        return factory(untouched, clock=clock)

    settled = await screens_after(make_app, (120, 40), *steps)
    plain_textual(monkeypatch)
    assert await screens_after(same_start, (120, 40), *steps) == settled
    start, narrowed, widened, after_help, checked = settled
    assert start == widened == after_help != narrowed  # back to the first screen each time
    assert checked != start


# -- dialogs, the wins log and the editor: drawn once, over Today as it is ------------------------------------------------


async def dialog_frames(make_app, frames, keys: tuple[str, ...]) -> tuple[int, str]:
    """Frames drawn from the key to the dialog settled, on its second opening (the first
    also reads the dialogs' stylesheet), and the screen then."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        frames.clear()
        await pilot.press(*keys)
        await settle(pilot)
        return len(frames), app.export_screenshot(title="Today")


@pytest.mark.parametrize(
    "keys",
    [("d",), ("s",), ("c",), ("question_mark",), ("W",), ("e",)],
    ids=["details", "skip", "who's practising", "help", "wins log", "editor"],
)
async def test_a_dialog_draws_once_what_textual_would_settle_on(make_app, many_notes, frames, monkeypatch, keys):
    drawn, settled = await dialog_frames(make_app, frames, keys)
    assert drawn == 1
    plain_textual(monkeypatch)
    plain_drawn, plain = await dialog_frames(make_app, frames, keys)
    assert plain == settled  # Today still shows through the dialog's background, as it does in Textual
    assert plain_drawn > 1


async def opened_frames(make_app, frames, before: tuple[str, ...], key: str, wait: float = 0.05) -> tuple[int, str]:
    """Frames drawn from ``key`` (pressed after ``before``) to its screen settled, on its second
    opening, and the screen then. ``wait``: how long each settling step waits."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*before)
        await settle(pilot)
        await pilot.press(key)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        frames.clear()
        await pilot.press(key)
        for _ in range(3):
            await pilot.pause(wait)
            await app.workers.wait_for_complete()
        return len(frames), app.export_screenshot(title="Today")


@pytest.mark.parametrize(
    ("before", "key"),
    [(("e",), "delete"), (("e",), "L")],
    ids=["editor: delete", "editor: library"],
)
async def test_an_editor_dialog_draws_once_what_textual_would_settle_on(make_app, frames, monkeypatch, before, key):
    drawn, settled = await opened_frames(make_app, frames, before, key)
    assert drawn == 1
    plain_textual(monkeypatch)
    plain_drawn, plain = await opened_frames(make_app, frames, before, key)
    assert plain == settled
    assert plain_drawn > 1


async def test_the_guided_setup_draws_once(tmp_path, clock, monkeypatch):
    """Opened from the welcome screen by enter on "Start from scratch", the setup is the next frame:
    the button lit by the press was a frame of the welcome screen first, and its glow going away
    under the setup drew the setup a second time."""
    on_top: list[str] = []
    display = App._display

    def counting_display(app, screen, renderable):
        if renderable is not None:
            on_top.append(type(screen).__name__)
        return display(app, screen, renderable)

    monkeypatch.setattr(App, "_display", counting_display)
    app = factory(tmp_path / "new-family", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#scratch").focus()
        await settle(pilot)
        on_top.clear()
        await pilot.press("enter")
        await pilot.pause(0.4)  # the glow lasts 0.2 s
        assert on_top == ["GuidedSetupScreen"]


@pytest.mark.parametrize("written_ahead", [True, False])
async def test_the_update_is_drawn_once_in_its_first_frame(make_app, frames, store, clock, monkeypatch, written_ahead):
    """The update view: its first two parts in its first frame, written while the picker was open,
    where it drew "Writing the update…" first (and before that one frame a part). Chosen before
    the picker has written it, the view writes it: that line, then the update, in one frame more."""
    if not written_ahead:
        monkeypatch.setattr(ReportAudiencePicker, "_write_highlighted", lambda picker: None)
    now = clock.now()
    store.save_many(open_questions(now - timedelta(days=n + 1) for n in range(60)))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await app.workers.wait_for_complete()
        frames.clear()
        await pilot.press("enter")
        for _ in range(4):
            await pilot.pause(0.1)
            await app.workers.wait_for_complete()
        assert "Questions for you" in all_text(app)
        assert len(app.screen.query("Markdown")) == 2  # of more: the rest is built when scrolled to
        assert "Writing the update" not in "\n".join(s.text for s in app.screen._compositor.render_strips())
        assert len(frames) == (1 if written_ahead else 2)


async def form_frames(make_app, frames, tab: int) -> tuple[int, str]:
    """Frames drawn from enter on the editor's tab ``tab`` (0: children) to its form settled,
    on the form's second opening, and the screen then."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e", *["right"] * tab)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        frames.clear()
        await pilot.press("enter")
        await settle(pilot)
        return len(frames), app.export_screenshot(title="Today")


@pytest.mark.parametrize("tab", [2, 5], ids=["therapist", "strategy"])
async def test_an_editor_form_with_a_list_of_choices_draws_once_what_textual_would_settle_on(
    make_app, frames, monkeypatch, tab
):
    """Their lists of choices (who a therapist sees, where a strategy is practised) count their
    lines before the first frame: counted while drawing, they drew the form a second time."""
    drawn, settled = await form_frames(make_app, frames, tab)
    assert drawn == 1
    plain_textual(monkeypatch)
    plain_drawn, plain = await form_frames(make_app, frames, tab)
    assert plain == settled
    assert plain_drawn > 1
