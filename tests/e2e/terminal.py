"""Drive the installed ``family-tui`` in a real terminal: tmux on a private socket.

Each :class:`Tmux` is its own tmux server (``tmux -L <unique name>``), so the tests never
see or touch the user's own sessions; :meth:`Tmux.close` kills the server and anything
still running in it. Every pane is kept after its program ends (``remain-on-exit``), so a
test can tell "still running" from "exited" and read the exit status or the crash output.

Keys are tmux key names (``"Enter"``, ``"Escape"``, ``"C-q"``, ``"Home"``, ``"Space"``...);
:meth:`Pane.type` sends text literally. Waits poll ``tmux capture-pane`` every 0.1 s.
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

POLL_SECONDS = 0.1
DEFAULT_TIMEOUT = 8.0
DEFAULT_SIZE = (100, 32)

ESCAPE_GAP_SECONDS = 0.25
"""Pause after sending Escape. A terminal app cannot tell a lone Escape from the start of an
escape sequence (alt+key, arrows) except by time: Textual waits ``ESCDELAY`` (100 ms) for
more bytes, so a key sent sooner would arrive glued to the Escape as alt+key. This is the
protocol's gap, not a guess at how fast the app is."""

TERMINAL_ENV = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "COLORTERM": "truecolor"}
"""The environment every program in the terminal sees: a fixed terminal type and locale."""

UNSET_ENV = ("FAMILY_TUI_DATA_DIR", "TMUX", "TMUX_PANE", "TEXTUAL_ALLOW_SIGNALS", "NO_COLOR", "TEXTUAL")
"""Never passed in: the tests say where the data is with --data-dir, and no outer tmux or
Textual setting may leak into the app under test."""

TMUX_CONF = """\
set -g remain-on-exit on
set -g status off
set -g default-terminal xterm-256color
set -g history-limit 200
set -s escape-time 0
set -g exit-empty off
"""


def tmux_path() -> str | None:
    return shutil.which("tmux")


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment without the variables in :data:`UNSET_ENV`, plus the fixed terminal."""
    env = {k: v for k, v in os.environ.items() if k not in UNSET_ENV}
    env.update(TERMINAL_ENV)
    if extra:
        env.update(extra)
    return env


class TerminalError(AssertionError):
    """A wait ran out, or the program in the pane behaved unexpectedly; the message shows the screen."""


class Tmux:
    """One private tmux server. Use as a context manager, or call :meth:`close`."""

    def __init__(self, workdir: Path, env: Mapping[str, str] | None = None) -> None:
        tmux = tmux_path()
        if tmux is None:
            raise RuntimeError("tmux is not installed")
        self.tmux = tmux
        self.socket = f"family-tui-e2e-{os.getpid()}-{secrets.token_hex(4)}"
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.conf = self.workdir / f"{self.socket}.conf"
        self.conf.write_text(TMUX_CONF, encoding="utf-8")
        self.env = clean_env(env)
        self.panes: list[Pane] = []
        self.socket_path: Path | None = None
        self._started = False

    # -- running tmux ------------------------------------------------------------------

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [self.tmux, "-u", "-L", self.socket, "-f", str(self.conf), *args]
        result = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=10)
        if check and result.returncode != 0:
            raise TerminalError(f"{shlex.join(command)} failed ({result.returncode}): {result.stderr.strip()}")
        return result

    def start(
        self,
        cmd: Sequence[str],
        size: tuple[int, int] = DEFAULT_SIZE,
        *,
        name: str | None = None,
        cwd: Path | None = None,
    ) -> Pane:
        """Run ``cmd`` in a new session of ``size`` (columns, rows); the pane's pid is the program's.

        The command is run with ``exec``, so there is no shell in between: a signal sent to
        :meth:`Pane.pid` reaches the program itself.
        """
        name = name or f"s{len(self.panes)}"
        columns, rows = size
        env_flags: list[str] = []
        for key, value in TERMINAL_ENV.items():
            env_flags += ["-e", f"{key}={value}"]
        self.run(
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            str(columns),
            "-y",
            str(rows),
            "-c",
            str(cwd or self.workdir),
            *env_flags,
            "exec " + shlex.join(list(cmd)),
        )
        if not self._started:
            self.socket_path = Path(self.run("display-message", "-p", "#{socket_path}").stdout.strip())
        self._started = True
        pane = Pane(self, f"={name}:0.0", size)
        self.panes.append(pane)
        # Fixed size even if a client ever attaches with another size.
        self.run("set-option", "-t", f"={name}", "window-size", "manual", check=False)
        self.run("resize-window", "-t", f"={name}:0", "-x", str(columns), "-y", str(rows), check=False)
        return pane

    def server_pid(self) -> int:
        return int(self.run("display-message", "-p", "#{pid}").stdout.strip())

    def nudge(self) -> None:
        """SIGCHLD to this test's own tmux server: reap a pane program whose exit it missed."""
        try:
            os.kill(self.server_pid(), signal.SIGCHLD)
        except (ProcessLookupError, TerminalError, ValueError):
            pass

    def close(self) -> None:
        """Kill the server; then make sure every program this server started is gone."""
        pids = [p.last_pid for p in self.panes if p.last_pid]
        if self._started:
            self.run("kill-server", check=False)
        for pid in pids:
            _reap(pid)
        if self.socket_path is not None:  # tmux 3.3 leaves the socket file behind
            self.socket_path.unlink(missing_ok=True)
        self.conf.unlink(missing_ok=True)

    def __enter__(self) -> Tmux:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return _proc_state(pid) != "Z"


def _proc_state(pid: int) -> str | None:
    """The one-letter state from /proc (R, S, T for stopped, Z for zombie), where /proc exists."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.rindex(")") + 2 :].split()[0]


def _reap(pid: int, grace: float = 2.0) -> None:
    """The server's SIGHUP normally ends the app; if it did not, SIGKILL that one pid."""
    deadline = time.monotonic() + grace
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
    if _alive(pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


class Pane:
    """The one pane of a session: what a user sees and types into."""

    def __init__(self, server: Tmux, target: str, size: tuple[int, int]) -> None:
        self.server = server
        self.target = target
        self.size = size
        self.last_pid: int | None = None
        self.pid()  # remembered for clean-up even if the program dies early

    def _format(self, fmt: str) -> str:
        return self.server.run("display-message", "-p", "-t", self.target, fmt).stdout.strip()

    # -- looking -----------------------------------------------------------------------

    def screen(self) -> str:
        """The visible screen as text, one line per row (trailing blanks trimmed by tmux)."""
        return self.server.run("capture-pane", "-p", "-t", self.target).stdout

    def pid(self) -> int:
        """The pane's process: the program itself (it was started with exec)."""
        pid = int(self._format("#{pane_pid}"))
        self.last_pid = pid
        return pid

    def pane_size(self) -> tuple[int, int]:
        columns, rows = self._format("#{pane_width} #{pane_height}").split()
        return int(columns), int(rows)

    def is_running(self) -> bool:
        """The program is still there: the pane is not dead and its process is alive and not stopped."""
        if self._format("#{pane_dead}") == "1":
            return False
        pid = self.pid()
        return _alive(pid) and _proc_state(pid) != "T"

    def exit_status(self) -> tuple[int | None, int | None]:
        """(exit status, killing signal) of a dead pane; (None, None) until tmux has reaped it."""
        status, sig = (self._format("#{pane_dead_status}|#{pane_dead_signal}").split("|") + [""])[:2]
        return (int(status) if status else None, int(sig) if sig else None)

    # -- typing ------------------------------------------------------------------------

    def send(self, *keys: str) -> None:
        """Press keys, in order (tmux key names). Escape is followed by :data:`ESCAPE_GAP_SECONDS`."""
        batch: list[str] = []
        for key in keys:
            batch.append(key)
            if key in ("Escape", "Esc", "C-["):
                self.server.run("send-keys", "-t", self.target, *batch)
                batch = []
                time.sleep(ESCAPE_GAP_SECONDS)
        if batch:
            self.server.run("send-keys", "-t", self.target, *batch)

    def type(self, text: str) -> None:
        """Type text literally (no key-name lookup)."""
        self.server.run("send-keys", "-t", self.target, "-l", text)

    # -- waiting -----------------------------------------------------------------------

    def wait_until(
        self, predicate: Callable[[str], bool], timeout: float = DEFAULT_TIMEOUT, what: str = "condition"
    ) -> str:
        """Poll the screen until ``predicate(screen)`` holds; returns that screen.

        Fails at once (with the screen, which then shows any traceback) if the program exits.
        """
        deadline = time.monotonic() + timeout
        while True:
            text = self.screen()
            if predicate(text):
                return text
            if not self.is_running():
                raise TerminalError(f"the program exited while waiting for {what}; last screen:\n{text}")
            if time.monotonic() >= deadline:
                raise TerminalError(f"no {what} within {timeout:.1f}s; last screen:\n{text}")
            time.sleep(POLL_SECONDS)

    def wait_for(self, text: str | re.Pattern[str], timeout: float = DEFAULT_TIMEOUT) -> str:
        """Wait until ``text`` (a string, or a compiled regular expression) is on screen."""
        if isinstance(text, re.Pattern):
            return self.wait_until(lambda s: text.search(s) is not None, timeout, f"match for {text.pattern!r}")
        return self.wait_until(lambda s: text in s, timeout, repr(text))

    def wait_gone(self, text: str, timeout: float = DEFAULT_TIMEOUT) -> str:
        return self.wait_until(lambda s: text not in s, timeout, f"screen without {text!r}")

    def wait_exit(self, timeout: float = DEFAULT_TIMEOUT) -> tuple[int | None, int | None]:
        """Wait until the program has ended; returns (exit status, killing signal).

        tmux 3.3 now and then misses the SIGCHLD of a pane's program and leaves it a zombie
        with no status (seen here in about one exit in three). Once the pane is dead, the
        server is nudged with a SIGCHLD of its own so that it reaps the program and records
        how it ended.
        """
        deadline = time.monotonic() + timeout
        while True:
            if self._format("#{pane_dead}") == "1":
                status = self.exit_status()
                if status != (None, None):
                    return status
                if time.monotonic() >= deadline:
                    raise TerminalError(f"the pane is dead but tmux has no exit status; screen:\n{self.screen()}")
                self.server.nudge()
            elif time.monotonic() >= deadline:
                raise TerminalError(f"the program did not exit within {timeout:.1f}s; screen:\n{self.screen()}")
            time.sleep(POLL_SECONDS)
