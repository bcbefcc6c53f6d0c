"""A demo family's temporary folder goes when the app ends: by quitting, a closed window or ``kill``.

Closing a terminal sends SIGHUP; ``kill`` sends SIGTERM. Python's default for both ends
the process without running any ``finally``, so every demo closed that way left a copy
of the demo family behind in the temporary folder. The real command runs here in a
pseudo-terminal, as in a terminal window.
"""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from family_tui.usecases.demo import DEMO_PREFIX

REPO = Path(__file__).resolve().parents[2]


def demo_folders(under: Path) -> list[Path]:
    return sorted(p for p in under.iterdir() if p.name.startswith(DEMO_PREFIX))


def wait_for(condition, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f} s for {what}")
        time.sleep(0.05)


class InTerminal:
    """``family-tui ARGS`` in an 80x24 pseudo-terminal, its temporary folder under ``temporary``."""

    def __init__(self, tmp_path: Path, temporary: Path, *args: str) -> None:
        self.main, terminal = os.openpty()
        fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = dict(os.environ, PYTHONPATH=str(REPO), TMPDIR=str(temporary), TERM="xterm-256color")
        env.pop("FAMILY_TUI_DATA_DIR", None)
        env.pop("TEXTUAL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "family_tui", *args],
            stdin=terminal,
            stdout=terminal,
            stderr=terminal,
            cwd=tmp_path,
            env=env,
            start_new_session=True,
        )
        os.close(terminal)
        self.screen = bytearray()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:  # the terminal's output is read, or the app would block writing it
        while True:
            try:
                data = os.read(self.main, 65536)
            except OSError:
                return
            if not data:
                return
            self.screen.extend(data)

    def shows(self, text: bytes) -> bool:
        return text in self.screen

    def type(self, keys: bytes) -> None:
        os.write(self.main, keys)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.main)


@pytest.fixture
def temporary(tmp_path: Path) -> Path:
    folder = tmp_path / "demo-tmp"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM], ids=["window closed", "kill"])
def test_the_demo_folder_goes_when_the_demo_is_ended_by_a_signal(tmp_path: Path, temporary: Path, sig):
    app = InTerminal(tmp_path, temporary, "--demo")
    try:
        wait_for(lambda: demo_folders(temporary), "the demo folder")
        wait_for(lambda: app.shows(b"Today"), "Today on screen")
        app.process.send_signal(sig)
        app.process.wait(timeout=30)
    finally:
        app.close()
    assert demo_folders(temporary) == []


@pytest.mark.parametrize("end", ["q", "window closed"])
def test_the_demo_the_welcome_screen_opened_goes_when_the_app_ends(tmp_path: Path, temporary: Path, end: str):
    empty = tmp_path / "our-family"
    app = InTerminal(tmp_path, temporary, "--data-dir", str(empty))
    try:
        wait_for(lambda: app.shows(b"Welcome"), "the welcome screen")
        app.type(b"\r")  # "Try the demo family" has the focus
        wait_for(lambda: demo_folders(temporary) and app.shows(b"Today"), "the demo family's Today")
        if end == "q":
            app.type(b"q")
        else:
            app.process.send_signal(signal.SIGHUP)
        app.process.wait(timeout=30)
    finally:
        app.close()
    assert demo_folders(temporary) == []
