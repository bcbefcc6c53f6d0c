"""What a family sees first, at the smallest supported terminal (80x24) and a roomy one (120x40).

Each test builds a fresh app with :func:`family_tui.app.make_app` on the demo family (or an
empty folder, for first run) and the fixed clock: Thursday 26 November 2026, 07:20, with
breakfast due. A layout change shows up as a changed SVG in review; after a deliberate one,
``uv run pytest tests/snapshots --snapshot-update`` and look at the new SVGs before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter
from textual.pilot import Pilot
from textual.widgets import Input

from family_tui.app import make_app
from family_tui.clock import FixedClock
from family_tui.domain.pin import hash_pin
from family_tui.storage import FamilyStore
from family_tui.usecases.demo import create_demo_data_dir

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return hash_pin("2468")  # scrypt is slow on purpose: once for the module


def demo_app(clock: FixedClock, *, kiosk: bool = False):
    return make_app(create_demo_data_dir(clock), kiosk=kiosk, clock=clock)


def press_with_steady_cursor(*keys: str):
    """Press ``keys``, then stop every input's cursor blinking on the screen they open.

    A blinking cursor is drawn or not depending on how long the screenshot took; with the
    blink off it is always drawn.
    """

    async def run_before(pilot: Pilot) -> None:
        await pilot.press(*keys)
        await pilot.pause()
        for widget in pilot.app.screen.query(Input):
            widget.cursor_blink = False

    return run_before


@SIZES
def test_today(snap_compare, clock, size):
    assert snap_compare(demo_app(clock), terminal_size=size)


@SIZES
def test_notes(snap_compare, clock, size):
    """At 80 columns n shows the notes in place of the card; at 120 they are already beside Today."""
    assert snap_compare(demo_app(clock), press=["n"], terminal_size=size)


@SIZES
def test_wins_log(snap_compare, clock, size):
    assert snap_compare(demo_app(clock), press=["W"], terminal_size=size)


@SIZES
def test_progress(snap_compare, clock, size):
    assert snap_compare(demo_app(clock), press=["p"], terminal_size=size)


@SIZES
def test_program_editor(snap_compare, clock, size):
    assert snap_compare(demo_app(clock), press=["e"], terminal_size=size)


@SIZES
def test_first_run_welcome(snap_compare, clock, tmp_path: Path, size):
    assert snap_compare(make_app(tmp_path / "new-family", clock=clock), terminal_size=size)


@SIZES
def test_kiosk_pin_prompt(snap_compare, clock, pin_hash, size):
    """q on a kiosk asks for the parent PIN instead of quitting."""
    data_dir = create_demo_data_dir(clock)
    store = FamilyStore(data_dir, clock=clock)
    store.update_settings(pin_hash=pin_hash, caregiver=store.program().caregivers[0].id)
    app = make_app(data_dir, kiosk=True, clock=clock)
    assert snap_compare(app, run_before=press_with_steady_cursor("q"), terminal_size=size)


def open_answer_form():
    """The notes pane, the cursor on an open question, r."""

    async def run_before(pilot: Pilot) -> None:
        from family_tui.domain.models import NoteKind
        from family_tui.widgets.notes_pane import NotesPane

        await pilot.press("n")
        await pilot.pause()
        pane = pilot.app.screen.query_one(NotesPane)
        question = next(n for n in pane.notes if n.kind is NoteKind.QUESTION and n.is_open_question)
        pane.select_note(question.id)
        await pilot.pause()
        await press_with_steady_cursor("r")(pilot)

    return run_before


DIALOG_KEYS = {
    "practice_details": ["d"],
    "skip_day": ["s"],
    "add_note": ["a"],
    "win": ["w"],
    "caregiver_picker": ["c"],
    "help": ["question_mark"],
    "settings": ["S"],
    "delete_note": ["n", "x"],
    "library": ["e", "L"],
    "editor_delete": ["e", "delete"],
    "child_form": ["e", "enter"],
    "caregiver_form": ["e", "right", "enter"],
    "therapist_form": ["e", "right", "right", "enter"],
    "routine_form": ["e", "right", "right", "right", "enter"],
    "goal_form": ["e", *["right"] * 4, "enter"],
    "strategy_form": ["e", *["right"] * 5, "enter"],
    "report_picker": ["p", "r"],
    "report_view": ["p", "r", "enter"],
}


@pytest.mark.parametrize("dialog", sorted(DIALOG_KEYS))
def test_dialog_at_80x24(snap_compare, clock, dialog):
    """Every dialog fits 80x24: its buttons in view, its own keys in its footer."""
    assert snap_compare(
        demo_app(clock), run_before=press_with_steady_cursor(*DIALOG_KEYS[dialog]), terminal_size=(80, 24)
    )


def test_answer_form_at_80x24(snap_compare, clock):
    assert snap_compare(demo_app(clock), run_before=open_answer_form(), terminal_size=(80, 24))


class SixteenColours(LineFilter):
    """Every colour brought down to the 16 a Linux text console has, as Rich does for ``standard``."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [Segment(text, sixteen(style) if style else style, control) for text, style, control in segments]


def sixteen(style: Style) -> Style:
    return style + Style(
        color=style.color.downgrade(ColorSystem.STANDARD) if style.color else None,
        bgcolor=style.bgcolor.downgrade(ColorSystem.STANDARD) if style.bgcolor else None,
    )


def test_today_in_16_colours(snap_compare, clock):
    """The kiosk's Linux console: marks, "◀ now" and the cursor still read without the theme's colours."""

    async def run_before(pilot: Pilot) -> None:
        pilot.app._filters.append(SixteenColours())  # what TEXTUAL_COLOR_SYSTEM=standard sends the terminal
        pilot.app.refresh(repaint=True, layout=True)
        await pilot.pause()

    assert snap_compare(demo_app(clock), run_before=run_before, terminal_size=(80, 24))
