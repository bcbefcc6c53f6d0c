"""``family-tui chart``: the right child and week, stars from practice, a day off, clear errors, ``-o``."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from family_tui.domain.models import PracticeEntry, PracticeStatus, SkipDay, SkipReason
from family_tui.storage import FamilyStore


@pytest.fixture
def seeded(store: FamilyStore) -> FamilyStore:
    """Leo tried his breakfast S-words on Tuesday 24 November and was ill on Wednesday (the clock: Thursday 26)."""
    stamp = datetime(2026, 11, 24, 8)
    store.record_practice(
        PracticeEntry(
            date=date(2026, 11, 24),
            child="leo",
            strategy="snack-s",
            routine="breakfast",
            status=PracticeStatus.TRIED,
            created_at=stamp,
            updated_at=stamp,
        )
    )
    store.save(SkipDay(date=date(2026, 11, 25), child="leo", reason=SkipReason.SICK))
    strategy = store.program().strategy("snack-s")
    store.save(strategy.model_copy(update={"kid_title": "Snake words", "kid_emoji": "🐍"}))
    return store


def test_this_weeks_chart_on_standard_output(cli, seeded):
    result = cli("chart", "--child", "Leo")
    assert result.code == 0, result.err
    page = result.out
    assert page.startswith("<!DOCTYPE html>")
    assert ">Leo</h1>" in page
    assert "23–29 November 2026" in page  # the clock's week
    assert "Snake words" in page and "🐍" in page and "S-toys in the bath" in page
    assert page.count('class="cell is-star"') == 1  # the try on Tuesday
    assert page.count('class="cell is-day-off"') == 3  # Wednesday: each of Leo's three strategies
    assert "%" not in page


def test_another_week(cli, seeded):
    page = cli("chart", "--child", "leo", "--week", "2026-W47").out
    assert "16–22 November 2026" in page
    assert 'class="cell is-star"' not in page and 'class="cell is-day-off"' not in page


def test_written_to_a_file_with_o(cli, seeded, tmp_path: Path):
    target = tmp_path / "fridge.html"
    result = cli("chart", "--child", "Leo", "-o", target)
    assert result.code == 0, result.err
    assert result.out == ""
    assert f"Wrote {target}" in result.err
    assert ">Leo</h1>" in target.read_text(encoding="utf-8")


def test_not_inside_the_data_folder(cli, seeded, data_dir: Path):
    result = cli("chart", "--child", "Leo", "-o", data_dir / "chart.html")
    assert result.code == 1
    assert "inside the family-tui data folder" in result.err
    assert not (data_dir / "chart.html").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Whose chart? Say --child Leo or --child Maya."),
        (("--child", "Zed"), 'No child called "Zed".'),
        (("--child", "Leo", "--week", "W50"), "write it as year, W and week number, like 2026-W48"),
        (("--child", "Leo", "--week", "2026-W54"), "There is no week 54 in 2026"),
    ],
)
def test_a_mistake_gets_a_message_and_no_page(cli, seeded, args, message):
    result = cli("chart", *args)
    assert result.code == 1
    assert message in result.err
    assert result.out == ""


def test_on_the_demo_family(cli):
    result = cli("--demo", "chart", "--child", "Maya")
    assert result.code == 0, result.err
    assert ">Maya</h1>" in result.out and "Flamingo stand" in result.out and "🦩" in result.out
