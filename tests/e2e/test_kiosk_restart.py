"""`python -m family_tui --kiosk` in a real terminal, with an error injected once: the error is
logged in the data folder, the kiosk comes back on Today with parent mode locked, and only
the PIN ends it (exit status 0).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from family_tui.usecases.kiosk_restart import ERROR_LOG

from .terminal import Tmux, clean_env, tmux_path

PROGRAM_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "home-program.toml"
PIN = "1234"
START_TIMEOUT = 10.0
IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")

pytestmark = pytest.mark.skipif(
    tmux_path() is None and not IN_CI,
    reason="tmux is not installed (install it, e.g. `apt-get install tmux`; .ci/run does this in CI)",
)

CRASH_ONCE = textwrap.dedent(
    """
    # python -m family_tui, with the notes key (n) raising once (a marker file remembers it).
    import os, runpy, sys
    from family_tui.screens.today import TodayScreen

    marker = sys.argv.pop(1)
    original = TodayScreen.action_notes

    def action_notes(self):
        if not os.path.exists(marker):
            open(marker, "w").close()
            raise RuntimeError("injected once by the test")
        return original(self)

    TodayScreen.action_notes = action_notes
    sys.argv[0] = "family_tui"
    runpy.run_module("family_tui", run_name="__main__", alter_sys=True)
    """
)


def family_tui(data_dir: Path, *args: str, stdin: str | None = None) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "family_tui", "--data-dir", str(data_dir), *args],
        input=stdin,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr


def test_an_error_in_the_kiosk_is_logged_and_the_kiosk_comes_back_locked(tmp_path):
    data_dir = tmp_path / "family"
    family_tui(data_dir, "import", str(PROGRAM_FILE))
    family_tui(data_dir, "set-pin", stdin=f"{PIN}\n{PIN}\n")
    marker = tmp_path / "crashed-once"
    script = tmp_path / "crash_once.py"
    script.write_text(CRASH_ONCE)

    with Tmux(tmp_path / "tmux") as tmux:
        app = tmux.start(
            [sys.executable, str(script), str(marker), "--data-dir", str(data_dir), "--kiosk"], size=(80, 24)
        )
        app.wait_for("Who's practising?", timeout=START_TIMEOUT)
        app.send("Enter")
        app.wait_for("Mom practising")
        pid = app.pid()

        # A parent unlocks (through the editor's PIN prompt) and comes back to Today.
        app.send("e")
        app.wait_for("Enter the parent PIN")
        app.type(PIN)
        app.send("Enter")
        app.wait_gone("Enter the parent PIN")
        app.send("Escape")
        app.wait_for("Parent mode")

        # The error: logged, and the kiosk is back on Today, locked, in the same process.
        app.send("n")
        app.wait_until(
            lambda s: marker.exists() and "Parent mode" not in s and "Mom practising" in s,
            START_TIMEOUT,
            "the kiosk back",
        )
        screen = app.wait_for("Today, ", timeout=START_TIMEOUT)
        assert app.is_running() and app.pid() == pid, screen
        log = (data_dir / ERROR_LOG).read_text()
        assert "Traceback (most recent call last)" in log
        assert "RuntimeError: injected once by the test" in log
        assert "Traceback" not in screen

        # It works as before: notes open, parent-only keys ask for the PIN again.
        app.send("n")
        app.wait_for("Showing:")
        app.send("n")
        app.wait_gone("Showing:")
        app.send("q")
        app.wait_for("Enter the parent PIN to quit")
        app.type(PIN)
        app.send("Enter")
        status, sig = app.wait_exit()
        assert (status, sig) == (0, None), app.screen()
