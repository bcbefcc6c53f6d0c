"""Kiosk mode outlives its own bugs: an error is logged and the kiosk starts again, locked.

A crash must not be a way out of the kiosk: the family laptop would be left at a shell
prompt, or on the desktop of the kiosk account. So ``family-tui --kiosk`` runs the app in
a loop: only the parent's PIN-approved quit ends it. Anything else (an error inside the
app, or one escaping it) is written with its traceback to ``kiosk-errors.log`` in the
data folder, and a fresh app starts on Today with parent mode locked. The wrong-PIN count
is kept on disk (see ``storage/lockout.py``), so a restart hands out no fresh tries.

An error that comes back at once would spin; each restart that follows a short run waits
longer than the last (up to :data:`LONGEST_WAIT`), and a run that lasted
:data:`SETTLED_SECONDS` starts the count again.
"""

from __future__ import annotations

import os
import signal
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from ..clock import Clock
from ..storage.atomic import FILE_MODE

ERROR_LOG = "kiosk-errors.log"
LOG_LIMIT_BYTES = 1_000_000
"""The log is moved to ``kiosk-errors.log.1`` (replacing an older one) past this size."""

FIRST_WAIT = 1.0
LONGEST_WAIT = 60.0
SETTLED_SECONDS = 120.0
"""A run this long counts as working: the next error restarts at once again."""

RESTART_MESSAGE = "family-tui stopped by mistake. It is starting again in a moment…"

_KEYBOARD_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGQUIT", "SIGTSTP") if hasattr(signal, name))


class KioskApp(Protocol):
    """What the loop needs of the app (``FamilyApp`` in kiosk mode)."""

    parent_quit: bool
    """Set only when a parent gave the PIN to quit."""

    error_logged: bool
    """The app already wrote its error to the log."""

    @property
    def return_code(self) -> int | None: ...

    def run(self) -> object: ...


def log_error(data_dir: Path, clock: Clock, error: BaseException | str) -> None:
    """Append the error, with its traceback and the time, to the data folder's error log.

    Never raises: a log that cannot be written must not stop the kiosk from coming back.
    No local variables are written (a PIN being typed could be one of them).
    """
    if isinstance(error, BaseException):
        text = "".join(traceback.format_exception(error))
    else:
        text = error.rstrip("\n") + "\n"
    entry = f"--- {clock.now().isoformat(sep=' ')} ---\n{text}\n"
    path = Path(data_dir) / ERROR_LOG
    try:
        try:
            if path.stat().st_size > LOG_LIMIT_BYTES:
                os.replace(path, path.with_name(ERROR_LOG + ".1"))
        except FileNotFoundError:
            pass
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        try:
            os.write(fd, entry.encode("utf-8", "backslashreplace"))
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


class Backoff:
    """How long to wait before the next start, after a run of ``ran_for`` seconds ended in error."""

    def __init__(self) -> None:
        self.failures = 0

    def after_failure(self, ran_for: float) -> float:
        if ran_for >= SETTLED_SECONDS:
            self.failures = 0
        self.failures += 1
        if self.failures == 1:
            return 0.0
        return min(LONGEST_WAIT, FIRST_WAIT * (1 << (self.failures - 2)))


def keep_kiosk_running(
    first: KioskApp,
    make: Callable[[], KioskApp],
    data_dir: Path,
    clock: Clock,
    *,
    sleep: Callable[[float], None] = time.sleep,
    say: Callable[[str], None] | None = None,
) -> int:
    """Run the kiosk until a parent quits with the PIN (exit status 0); restart it otherwise."""
    say = say or _say
    backoff = Backoff()
    app: KioskApp | None = first
    saved = _ignore_keyboard_signals()
    try:
        while True:
            started = clock.monotonic()
            if app is not None:
                try:
                    app.run()
                except Exception as error:  # escaped the app: its own handler never saw it
                    log_error(data_dir, clock, error)
                else:
                    if app.parent_quit:
                        return 0
                    if not app.error_logged:
                        log_error(
                            data_dir, clock, f"The kiosk stopped without the PIN (exit status {app.return_code})."
                        )
            _ignore_keyboard_signals()  # the app's terminal driver may have put its own back
            wait = backoff.after_failure(clock.monotonic() - started)
            say(RESTART_MESSAGE)
            sleep(wait)
            try:
                app = make()
            except Exception as error:  # the data folder unreadable, say: log it and try again later
                log_error(data_dir, clock, error)
                say(f"family-tui could not start: {error}")
                app = None
    finally:
        _restore_signals(saved)


def _say(message: str) -> None:
    try:
        print(message, file=sys.stderr, flush=True)
    except OSError:
        pass


def _ignore_keyboard_signals() -> dict[int, object]:
    """ctrl+c, ctrl+\\ and ctrl+z in the moment between two runs must not end the loop."""
    saved: dict[int, object] = {}
    for number in _KEYBOARD_SIGNALS:
        try:
            saved[number] = signal.signal(number, signal.SIG_IGN)
        except (ValueError, OSError):  # not the main thread
            pass
    return saved


def _restore_signals(saved: dict[int, object]) -> None:
    for number, handler in saved.items():
        try:
            signal.signal(number, handler)  # type: ignore[arg-type]
        except (ValueError, OSError, TypeError):
            pass
