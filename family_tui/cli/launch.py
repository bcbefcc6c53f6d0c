"""Start the app from the command line: the real family's data, or the demo family."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..clock import Clock
from ..domain.kiosk import KioskNeedsPinError
from .common import CommandError, resolve_data_dir

if TYPE_CHECKING:
    from textual.app import App


def run_app(args: argparse.Namespace, clock: Clock) -> int:
    if args.demo:
        from ..usecases.demo import demo_data_dir

        # The demo's temporary folder goes when the app does, however it ends.
        with demo_data_dir(clock) as data_dir, _ended_by_hangup():  # also while the demo is made
            return _run(args, data_dir, clock)
    return _run(args, resolve_data_dir(args), clock)


@contextmanager
def _ended_by_hangup(app: App[Any] | None = None) -> Iterator[None]:
    """A closed terminal window or ``kill`` ends the app as quitting does, so a demo folder goes too.

    By default SIGHUP and SIGTERM end Python at once, skipping every ``finally``: each
    demo closed with its window left a copy of the demo family in the temporary folder.
    While ``app`` runs it is asked to exit, on its own event loop (an exception raised
    into the loop could leave it waiting for its workers); before, the signal ends the
    process as an error would, through every ``finally``.
    """

    def end(signum: int, _frame: object) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if app is None or loop is None or not app.is_running:
            raise SystemExit(128 + signum)
        loop.call_soon_threadsafe(app.exit, None, 128 + signum)

    before = {sig: signal.signal(sig, end) for sig in (signal.SIGHUP, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


def _run(args: argparse.Namespace, data_dir: Path, clock: Clock) -> int:
    from ..app import make_app

    try:
        app = make_app(data_dir, kiosk=args.kiosk, clock=clock)
    except KioskNeedsPinError as error:
        raise CommandError(str(error)) from error
    if args.kiosk:
        from ..usecases.kiosk_restart import keep_kiosk_running

        # Textual reads ctrl+c, ctrl+z and ctrl+backslash as keys, not signals, unless this is set.
        os.environ.pop("TEXTUAL_ALLOW_SIGNALS", None)
        # Only the PIN ends the kiosk: after any other end it starts again, on Today, locked.
        return keep_kiosk_running(app, lambda: make_app(data_dir, kiosk=True, clock=clock), data_dir, clock)
    try:
        with _ended_by_hangup(app):
            app.run()
    finally:
        if app.demo_folder is not None:  # "Try the demo family" on the welcome screen: for looking, not keeping
            from ..usecases.demo import remove_demo_data_dir

            remove_demo_data_dir(app.demo_folder)
    return app.return_code or 0
