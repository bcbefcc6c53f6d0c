"""``family-tui chart``: the child's star chart for the fridge, as one printable HTML page."""

from __future__ import annotations

import argparse

from ..clock import Clock
from .output import write_what_the_store_gives


def chart_command(args: argparse.Namespace, clock: Clock) -> int:
    from ..usecases.chart import ChartError, run_chart

    return write_what_the_store_gives(
        args, clock, lambda store: run_chart(store, child=args.child, week=args.week), ChartError
    )
