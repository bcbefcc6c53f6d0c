"""The demo's temporary folder goes when its window is closed or the process is told to stop.

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


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM], ids=["window closed", "kill"])
def test_the_demo_folder_goes_when_the_demo_is_ended_by_a_signal(tmp_path: Path, sig: signal.Signals):
    temporary = tmp_path / "demo-tmp"
    temporary.mkdir()
    main, terminal = os.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = dict(os.environ, PYTHONPATH=str(REPO), TMPDIR=str(temporary), TERM="xterm-256color")
    env.pop("FAMILY_TUI_DATA_DIR", None)
    env.pop("TEXTUAL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "family_tui", "--demo"],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        cwd=tmp_path,
        env=env,
        start_new_session=True,
    )
    os.close(terminal)
    screen = bytearray()

    def read() -> None:  # the terminal's output is read, or the app would block writing it
        while True:
            try:
                data = os.read(main, 65536)
            except OSError:
                return
            if not data:
                return
            screen.extend(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        wait_for(lambda: demo_folders(temporary), "the demo folder")
        wait_for(lambda: b"Today" in screen, "Today on screen")
        process.send_signal(sig)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(main)
    assert demo_folders(temporary) == []
