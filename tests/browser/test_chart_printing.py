"""The fridge chart in a real browser: one sheet on A4 and on Letter, the name and the child's words on it, no "%".

Headless Chromium prints the page as a parent would; ``pdfinfo`` counts the sheets and
names the paper, ``pdftotext`` reads it back. The paper size is set the way a print
dialog would, with an ``@page`` size added to a copy of the page: the page itself
leaves the size to the printer.

Skipped where Chromium or poppler is missing, except in CI (see test_printing.py).
"""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from family_tui.clock import FixedClock
from family_tui.domain.chart import ChartRow, ChildChart, Mark, render_chart_html
from family_tui.domain.models import SkipDay, SkipReason
from family_tui.storage import FamilyStore
from family_tui.usecases.chart import chart_of, run_chart
from family_tui.usecases.demo import demo_data_dir

from .printing import page_count, print_to_pdf
from .test_printing import IN_CI, MISSING

pytestmark = pytest.mark.skipif(
    bool(MISSING) and not IN_CI,
    reason=f"not installed: {', '.join(MISSING)}; the printing tests print to PDF in headless Chromium",
)

NOW = datetime(2026, 11, 26, 9, 30)  # a Thursday morning
HOLIDAY = date(2026, 11, 27)  # the Friday after: a family day off, planned ahead
PAPERS = {"A4": (595, 842), "Letter": (612, 792)}
"""Points, as ``pdfinfo`` gives them (rounded)."""


@pytest.fixture(autouse=True)
def _tools_or_fail_in_ci() -> None:
    if MISSING:
        pytest.fail(f"CI is set but these are not installed: {', '.join(MISSING)}", pytrace=False)


@pytest.fixture(scope="module")
def demo():
    """The demo family mid-week, with a family day off on Friday."""
    clock = FixedClock(NOW)
    with demo_data_dir(clock) as folder:
        store = FamilyStore(folder, clock=clock)
        store.save(SkipDay(date=HOLIDAY, reason=SkipReason.HOLIDAY, note="Grandma's birthday"))
        yield store


def on_paper(page: str, paper: str) -> str:
    return page.replace("</style>", f"@page {{ size: {paper}; }}</style>", 1)


def printed(tmp_path: Path, page: str, name: str) -> tuple[Path, str]:
    """The PDF and its text in reading order (``pdftotext`` without ``-layout``: a wrapped title reads whole)."""
    source = tmp_path / f"{name}.html"
    source.write_text(page, encoding="utf-8")
    pdf = print_to_pdf(source, tmp_path / f"{name}.pdf", tmp_path / "chromium-profile")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return pdf, " ".join(text.split())


def paper_of(pdf: Path) -> tuple[int, int]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.MULTILINE)
    assert found, info
    return round(float(found[1])), round(float(found[2]))


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("child", ["Leo", "Maya"])
def test_each_childs_chart_prints_on_one_sheet(demo, tmp_path, child, paper):
    chart = chart_of(demo, child)
    assert len(chart.rows) >= 5, "the demo child should have several strategies, or little is tested"
    page = run_chart(demo, child=child)  # what `family-tui chart --child NAME` writes
    pdf, text = printed(tmp_path, on_paper(page, paper), f"{child}-{paper}")
    assert paper_of(pdf) == PAPERS[paper]
    assert page_count(pdf) == 1
    assert text.startswith(child)
    assert "23–29 November 2026" in text
    for row in chart.rows:
        assert row.words in text, f"{row.words!r} is not on the printed chart"
    assert "%" not in text
    assert "day off" in text  # Friday's holiday, in the key and on the chart
    stars = sum(1 for row in chart.rows for mark in row.marks if mark is Mark.STAR)
    assert stars and text.count("★") == stars + 1  # one per practised day, and the key's


@pytest.mark.parametrize("paper", PAPERS)
def test_a_long_program_still_fits_one_sheet(tmp_path, paper):
    marks = (Mark.STAR, Mark.BOX, Mark.DAY_OFF, Mark.NONE, Mark.STAR, Mark.BOX, Mark.BOX)
    rows = tuple(
        ChartRow(f"s{n}", f"Something to practise with a longer name, number {n}", "🦩", marks) for n in range(16)
    )
    chart = ChildChart(child="Alexandra-Josephine", monday=date(2026, 11, 23), rows=rows)
    pdf, text = printed(tmp_path, on_paper(render_chart_html(chart, made_on=NOW.date()), paper), f"long-{paper}")
    assert page_count(pdf) == 1
    assert "number 15" in text and "Well done, Alexandra-Josephine!" in text


def test_the_week_is_monday_to_sunday_of_the_clocks_day(demo):
    chart = chart_of(demo, "Leo")
    assert chart.days[0] == date(2026, 11, 23) and chart.days[-1] - chart.days[0] == timedelta(days=6)
