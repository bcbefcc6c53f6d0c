"""Start the app from the command line: the real family's data, or the demo family."""

from __future__ import annotations

import argparse

from .cli import resolve_data_dir
from .clock import SystemClock


def run_app(args: argparse.Namespace) -> int:
    from .app import make_app

    clock = SystemClock()
    if args.demo:
        from .demo import create_demo_data_dir

        data_dir = create_demo_data_dir(clock)
    else:
        data_dir = resolve_data_dir(args)
    app = make_app(data_dir, kiosk=args.kiosk, clock=clock)
    app.run()
    return app.return_code or 0
