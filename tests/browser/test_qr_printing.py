"""The links to how it's done, read back from paper: each printed QR code decodes to the strategy's link.

The demo family's cue cards, Maya's fridge chart and the weekly update are printed in
headless Chromium as a parent would print them; ``pdftoppm`` turns each sheet into a
picture at an ordinary printer's 150 dpi and ``zbarimg`` (Debian's zbar-tools) reads the
QR codes on it, as a phone's camera would. A chart with more links than fit at its foot
still prints on one sheet, with the first four and a word about the rest.

Skipped where Chromium, poppler or zbarimg is missing, except in CI (see test_printing.py).
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from family_tui.clock import FixedClock
from family_tui.domain.chart import ChartRow, ChildChart, Mark, render_chart_html
from family_tui.storage import FamilyStore
from family_tui.usecases.cards import run_cards
from family_tui.usecases.chart import run_chart
from family_tui.usecases.demo import demo_data_dir
from family_tui.usecases.report import run_report

from .printing import page_count, page_texts, print_to_pdf
from .test_printing import IN_CI
from .test_printing import MISSING as MISSING_FOR_PRINTING

MISSING = MISSING_FOR_PRINTING + [tool for tool in ("pdftoppm", "zbarimg") if shutil.which(tool) is None]

pytestmark = pytest.mark.skipif(
    bool(MISSING) and not IN_CI,
    reason=f"not installed: {', '.join(MISSING)}; reading the printed QR codes needs headless Chromium, poppler "
    "and zbarimg (`apt-get install chromium poppler-utils zbar-tools`; .ci/run does this in CI)",
)

NOW = datetime(2026, 11, 26, 9, 30)  # a Thursday morning
STRAW = "https://example.org/straw-sips"  # Leo's straw sips, in data/demo-family.toml
FLAMINGO = "https://example.org/flamingo-stand"  # Maya's flamingo stand
DPI = 150


@pytest.fixture(autouse=True)
def _tools_or_fail_in_ci() -> None:
    if MISSING:
        pytest.fail(f"CI is set but these are not installed: {', '.join(MISSING)}", pytrace=False)


@pytest.fixture(scope="module")
def demo():
    clock = FixedClock(NOW)
    with demo_data_dir(clock) as folder:
        yield FamilyStore(folder, clock=clock)


def printed(tmp_path: Path, page: str, name: str) -> Path:
    source = tmp_path / f"{name}.html"
    source.write_text(page, encoding="utf-8")
    return print_to_pdf(source, tmp_path / f"{name}.pdf", tmp_path / "chromium-profile")


def codes_on_each_sheet(pdf: Path) -> list[list[str]]:
    """What the QR codes on each printed sheet say, sheet by sheet."""
    found = []
    for number in range(1, page_count(pdf) + 1):
        picture = pdf.with_name(f"{pdf.stem}-{number}")
        subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-png", "-singlefile", "-f", str(number), "-l", str(number), pdf, picture],
            check=True,
            timeout=60,
        )
        read = subprocess.run(
            ["zbarimg", "--quiet", "--raw", f"{picture}.png"], capture_output=True, text=True, timeout=60
        )
        assert read.returncode in (0, 4), read.stderr  # 4: no code on this sheet
        found.append(read.stdout.split())
    return found


def test_each_link_on_the_cue_cards_reads_back_from_the_sheet_its_card_is_on(demo, tmp_path):
    pdf = printed(tmp_path, run_cards(demo), "cue-cards")
    codes, texts = codes_on_each_sheet(pdf), page_texts(pdf)
    for link, strategy in (
        (STRAW, "Leo Straw sips with a short straw"),
        (FLAMINGO, "Maya Flamingo stand into pajamas"),
    ):
        # The card's top line (the child, then the title): an answer quoted on a sheet may name the title too.
        sheets = [n for n, text in enumerate(texts, start=1) if strategy in " ".join(text.split())]
        assert len(sheets) == 1
        assert codes[sheets[0] - 1].count(link) == 1, f"{link} is not read on the sheet of {strategy!r}: {codes}"
        assert link in texts[sheets[0] - 1], "the link is printed in words too, for a computer without a camera"
    assert sorted(code for sheet in codes for code in sheet) == sorted([STRAW, FLAMINGO])


def test_the_link_reads_back_from_the_foot_of_the_fridge_chart_still_one_sheet(demo, tmp_path):
    pdf = printed(tmp_path, run_chart(demo, child="Maya"), "maya-chart")
    assert page_count(pdf) == 1
    assert codes_on_each_sheet(pdf) == [[FLAMINGO]]
    assert "scan to see how" in page_texts(pdf)[0]


def test_the_links_read_back_from_the_weekly_update(demo, tmp_path):
    pdf = printed(tmp_path, run_report(demo, fmt="html"), "weekly-update")
    assert sorted(code for sheet in codes_on_each_sheet(pdf) for code in sheet) == sorted([STRAW, FLAMINGO])


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_long_program_full_of_links_still_fits_one_sheet_with_four_codes(tmp_path, paper):
    marks = (Mark.STAR, Mark.BOX, Mark.DAY_OFF, Mark.NONE, Mark.STAR, Mark.BOX, Mark.BOX)
    links = [f"https://example.org/how/{n}?from=the-therapists-page-{n}" for n in range(16)]
    rows = tuple(
        ChartRow(f"s{n}", f"Something to practise with a longer name, number {n}", "🦩", marks, links[n])
        for n in range(16)
    )
    rows += (ChartRow("again", "The first link again", "", marks, links[0]),)  # one code per link
    chart = ChildChart(child="Alexandra-Josephine", monday=date(2026, 11, 23), rows=rows)
    page = render_chart_html(chart, made_on=NOW.date())
    pdf = printed(tmp_path, page.replace("</style>", f"@page {{ size: {paper}; }}</style>", 1), f"long-{paper}")
    assert page_count(pdf) == 1
    assert sorted(codes_on_each_sheet(pdf)[0]) == sorted(links[:4])
    assert "12 more links are on the cue cards." in page_texts(pdf)[0]
