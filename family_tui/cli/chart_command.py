"""``family-tui chart``: the child's star chart for the fridge, as one printable HTML page."""

from __future__ import annotations

import argparse

from ..clock import Clock
from .common import CommandError, open_store, resolve_data_dir
from .output import output_to


def chart_command(args: argparse.Namespace, clock: Clock) -> int:
    from ..usecases.chart import ChartError, run_chart

    output = output_to(args.output, resolve_data_dir(args))
    store = open_store(args, clock, reading=True)
    try:
        text = run_chart(store, child=args.child, week=args.week)
    except ChartError as error:
        raise CommandError(str(error)) from None
    output.write(text)
    return 0
