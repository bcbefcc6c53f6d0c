"""Snapshot fixtures. The fixed clock (Thursday 26 November 2026, 07:20) is tests/conftest.py's.

Also a one-line fix for pytest-textual-snapshot 1.0.0 under syrupy 5 and later (the only
combination that installs beside pytest 9: 1.1.0 pins syrupy 4.8, which wants pytest < 9).
Syrupy 5 renamed ``_file_extension`` to ``file_extension``, so without this the plugin's
SVG snapshots are written as ``.raw`` files. Textualize/pytest-textual-snapshot PR 24 (open)
moves the plugin to syrupy 5; once a release has it, this line does nothing and can go.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from pytest_textual_snapshot import SVGImageExtension

SVGImageExtension.file_extension = "svg"


@pytest.fixture(autouse=True)
def quiet_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Demo folders go under tmp_path, and the day's backup waits until after the screenshot.

    ``create_demo_data_dir`` makes its folder with ``tempfile.mkdtemp``. The backup runs in a
    thread a second after start-up, and on a slow machine that could land mid-screenshot.
    """
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    # The picker names where this computer keeps who practised last: the same words on every machine.
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("FAMILY_TUI_STATE_DIR", str(tmp_path / ".local" / "state" / "family-tui"))
    monkeypatch.setattr("family_tui.app.MAINTENANCE_DELAY", 3600.0)
