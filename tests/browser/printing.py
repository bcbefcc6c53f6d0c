"""Print an HTML page to PDF in headless Chromium and read each printed page back as text.

Chromium and poppler (``pdftotext``, ``pdfinfo``) come from the Debian packages that
``.ci/run`` installs. Chromium runs with a throwaway profile and nothing that reaches
the network, so a test run leaves nothing behind and waits on nothing outside.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser")
PRINT_TIMEOUT = 60.0
"""A cold start of Chromium on a slow, shared CI machine takes a few seconds, never a minute."""


def chromium_path() -> str | None:
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def missing_tools() -> list[str]:
    """What printing needs and this machine lacks."""
    missing = [] if chromium_path() else ["chromium"]
    missing += [tool for tool in ("pdftotext", "pdfinfo") if shutil.which(tool) is None]
    return missing


def print_to_pdf(page: Path, pdf: Path, profile: Path) -> Path:
    """Print ``page`` (an HTML file) to ``pdf`` as Chromium's print dialog would, without headers."""
    chromium = chromium_path()
    assert chromium is not None
    done = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=PRINT_TIMEOUT,
    )
    assert pdf.is_file() and pdf.stat().st_size > 0, f"Chromium printed nothing:\n{done.stderr[-2000:]}"
    return pdf


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert found, info
    return int(found.group(1))


def page_texts(pdf: Path) -> list[str]:
    """Each printed page's text (``pdftotext -layout``, page by page), with runs of white space as one space.

    Lines that wrap and the columns of a card's facts then read as one sentence.
    """
    texts = []
    for number in range(1, page_count(pdf) + 1):
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        texts.append(" ".join(text.split()))
    return texts


def pages_with(texts: list[str], words: str) -> list[int]:
    """The page numbers (from 1) whose text holds ``words`` (white space as one space)."""
    wanted = " ".join(words.split())
    return [number for number, text in enumerate(texts, start=1) if wanted in text]
