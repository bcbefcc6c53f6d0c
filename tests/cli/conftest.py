"""Fixtures for the command-line tests: a data folder under tmp_path and a way to run commands."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from family_tui.cli import main

REPO = Path(__file__).resolve().parents[2]
FIXTURE_PROGRAM = REPO / "tests" / "fixtures" / "home-program.toml"
SHARED_PROGRAM = REPO.parent / "shared" / "examples" / "home-program.toml"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(data_dir: Path, capsys, clock):
    """Run ``family-tui --data-dir DATA ARGS...`` in-process on the tests' clock; returns exit code and output."""

    def run(*args: str | Path) -> Result:
        capsys.readouterr()
        code = main(["--data-dir", str(data_dir), *map(str, args)], clock=clock)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def run_console_script(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real command, as a separate process (``python -m family_tui``)."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("FAMILY_TUI_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "family_tui", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def program_file(tmp_path: Path):
    """Write a home-program file (default name home.toml) and return its path."""

    def write(text: str, name: str = "home.toml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def example_text() -> str:
    return FIXTURE_PROGRAM.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def temporary_folders_under_tmp_path(tmp_path: Path, monkeypatch):
    """Demo folders (tempfile.mkdtemp) land in tmp_path, so tests leave nothing behind."""
    import tempfile

    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder
