"""The QR code of a strategy's link is made here, as an SVG sized for paper, and reads back as the link.

The pages that print it are read back from a real browser's print in tests/browser; here
the code itself is checked without a browser: its size on paper, its white margin, and
(where ``zbarimg`` from Debian's zbar-tools is installed, and always in CI) that segno's
own picture of the same code decodes to the link.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import segno

from family_tui.domain.qr_code import QR_SIZE_CM, QUIET_MODULES, qr_svg

LINK = "https://example.org/straw-sips?t=30&lang=en#how"
IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def test_the_code_is_an_svg_two_centimetres_or_more_a_side_titled_with_the_link():
    svg = qr_svg(LINK)
    assert svg.startswith("<svg ") and svg.endswith("</svg>")
    width = re.search(r'width="([\d.]+)cm"', svg)
    height = re.search(r'height="([\d.]+)cm"', svg)
    assert width and height and float(width[1]) == float(height[1]) == pytest.approx(QR_SIZE_CM)
    # The code itself, inside its white margin, for the smallest code there is (21 modules, 4 of margin a side).
    assert QR_SIZE_CM * 21 / (21 + 2 * QUIET_MODULES) >= 2.0, "under about 2 cm a phone at arm's length misses it"
    assert "<title>QR code: https://example.org/straw-sips?t=30&amp;lang=en#how</title>" in svg
    assert "<?xml" not in svg and "<script" not in svg


def test_text_in_a_link_cannot_become_markup_in_the_page():
    svg = qr_svg("https://example.org/</title><script>alert(1)</script>")
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_a_longer_link_makes_a_denser_code_of_the_same_size_on_paper():
    short, long = qr_svg("https://example.org/a"), qr_svg("https://example.org/" + "x" * 250)
    size = re.compile(r'width="([\d.]+)cm"')
    assert float(size.search(short)[1]) == pytest.approx(float(size.search(long)[1]))
    assert segno.make("https://example.org/" + "x" * 250).version > segno.make("https://example.org/a").version


@pytest.mark.skipif(shutil.which("zbarimg") is None and not IN_CI, reason="zbarimg (Debian's zbar-tools) not installed")
def test_the_code_reads_back_as_the_link(tmp_path: Path):
    if shutil.which("zbarimg") is None:
        pytest.fail("CI is set but zbarimg is not installed (.ci/run installs zbar-tools)", pytrace=False)
    picture = tmp_path / "code.png"
    # The same encoding qr_svg draws (the highest error correction that fits, a four-module margin).
    segno.make(LINK, micro=False, boost_error=True).save(picture, scale=8, border=QUIET_MODULES)
    read = subprocess.run(["zbarimg", "--quiet", "--raw", str(picture)], capture_output=True, text=True, timeout=30)
    assert read.stdout.strip() == LINK, read.stderr
