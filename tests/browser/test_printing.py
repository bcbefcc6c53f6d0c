"""The printable pages in a real browser: the demo family's cue cards and weekly update, printed to PDF.

Headless Chromium prints each page as a parent would from the browser; the PDF is read
back page by page. No cue card may be split across two sheets, every cue must be on
paper, and the weekly update must keep every goal and every question.

Skipped where Chromium or poppler is missing, except in CI (``CI`` set), where that
fails: ``.ci/run`` installs them, so missing tools there are a broken CI, not a pass.
"""

from __future__ import annotations

import html
import os
from datetime import datetime
from pathlib import Path

import pytest

from family_tui.clock import FixedClock
from family_tui.domain.cards import CueCardDeck, card_end_line, render_cards_html
from family_tui.domain.models import NoteKind
from family_tui.storage import FamilyStore
from family_tui.usecases.cards import cards_deck, run_cards
from family_tui.usecases.demo import demo_data_dir
from family_tui.usecases.report import run_report

from .printing import missing_tools, page_texts, pages_with, print_to_pdf

IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
MISSING = missing_tools()

pytestmark = pytest.mark.skipif(
    bool(MISSING) and not IN_CI,
    reason=f"not installed: {', '.join(MISSING)}; the printing tests print to PDF in headless Chromium "
    "(install them, e.g. `apt-get install chromium poppler-utils`; .ci/run does this in CI)",
)

NOW = datetime(2026, 11, 26, 9, 30)  # a Thursday morning


@pytest.fixture(autouse=True)
def _tools_or_fail_in_ci() -> None:
    """Skipped above where the tools are missing; reaching here without them means CI: fail, never skip."""
    if MISSING:
        pytest.fail(
            f"CI is set but these are not installed: {', '.join(MISSING)}; the printing tests must run in CI "
            "(.ci/run installs chromium and poppler-utils with apt-get; check that it could)",
            pytrace=False,
        )


@pytest.fixture(scope="module")
def demo():
    """The demo family with its eight weeks of history, shared by the tests of this module."""
    clock = FixedClock(NOW)
    with demo_data_dir(clock) as folder:
        yield FamilyStore(folder, clock=clock)


def printed(tmp_path: Path, page: str, name: str) -> list[str]:
    source = tmp_path / f"{name}.html"
    source.write_text(page, encoding="utf-8")
    return page_texts(print_to_pdf(source, tmp_path / f"{name}.pdf", tmp_path / "chromium-profile"))


def test_no_cue_card_is_split_across_sheets_and_every_cue_is_printed(demo, tmp_path):
    deck = cards_deck(demo)
    page = render_cards_html(deck)
    assert page == run_cards(demo)
    pages = printed(tmp_path, page, "cue-cards")
    assert len(pages) >= 3, "the demo family's cards should fill several sheets, or nothing is tested"
    assert len(deck.cards) >= 10
    assert_whole_cards(deck, pages, "Mark each day:")


def test_the_sitters_cards_print_whole_with_whom_to_call_and_a_strip_to_send_home(demo, tmp_path):
    deck = cards_deck(demo, caregiver="sitter")  # Sam comes on Tuesdays and Thursdays
    assert len(deck.cards) >= 10
    pages = printed(tmp_path, render_cards_html(deck), "sitter-cards")
    assert_whole_cards(deck, pages, "Mark and send home:")
    assert {card.tally for card in deck.cards} == {("Tue", "Thu")}
    for child in deck.children:
        (start,) = pages_with(pages, child.therapists)
        assert "Questions? Call Mom or Dad." in pages[start - 1], f"{child.child}'s sheet names nobody to call"
        for answer in child.answers:
            assert start in pages_with(pages, answer.answer), f"the answer {answer.answer!r} is not on {start}"
    assert pages_with(pages, "stop on a success")


def assert_whole_cards(deck: CueCardDeck, pages: list[str], mark: str) -> None:
    """Every card on one sheet with its cue, its advice and its tally strip; each child from a new sheet."""
    for child in deck.children:
        for number, card in enumerate(child.cards, start=1):
            label = f"{card.child}'s card {number}, {card.strategy!r}"
            # The card's top line: the child, then the title (an answer quoted on the sheet may name it too).
            first = pages_with(pages, f"{card.child} {card.strategy}")
            last = pages_with(pages, card_end_line(card, number, len(child.cards)))  # its bottom line
            assert len(first) == 1, f"{label}: its title is on pages {first}"
            assert last == first, f"{label} is split: it starts on page {first[0]} and ends on {last}"
            assert first[0] in pages_with(pages, card.cue), f"{label}: the cue {card.cue!r} is not on its page"
            assert first[0] in pages_with(pages, card.help_advice), f"{label}: what to do if help is needed"
            on_page = pages[first[0] - 1]
            # The tally strip, a box a day and what the marks mean, sits just above the card's last line.
            strip = f"{mark} {' '.join(card.tally)} ✓ did it ~ tried"
            assert f"{strip} {card_end_line(card, number, len(child.cards))}" in on_page, f"{label}: no tally strip"
    # Each child starts on a sheet of their own, under the line naming their therapists.
    for child in deck.children:
        (start,) = pages_with(pages, child.therapists)
        assert pages_with(pages, child.cards[0].strategy) == [start]


def test_the_weekly_update_prints_every_goal_and_every_question(demo, tmp_path):
    page = run_report(demo, fmt="html")  # what `family-tui report --format html` writes
    program = demo.program()
    children = {c.id for c in program.children if not c.archived}
    goals = [g.title for g in program.goals if g.active and g.child in children]
    questions = [n.text for n in demo.notes() if n.kind is NoteKind.QUESTION and html.escape(n.text) in page]
    assert goals and questions, "the demo family's update should hold goals and questions, or nothing is tested"
    assert all(html.escape(title) in page for title in goals)
    pages = printed(tmp_path, page, "weekly-update")
    for title in goals:
        assert pages_with(pages, title), f"the goal {title!r} is on no printed page"
    for question in questions:
        assert pages_with(pages, question), f"the question {question!r} is on no printed page"
