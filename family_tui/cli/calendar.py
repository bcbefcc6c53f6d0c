"""``family-tui calendar``: the routines as reminders on every phone, through the calendar it already has."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..clock import Clock
from .output import write_what_the_store_gives


def add_calendar_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "calendar", help="write the routines as phone reminders (an .ics file for Google, Apple, Outlook)"
    )
    p.add_argument("--child", help="only this child's practice (name or id)")
    p.add_argument("--caregiver", help="only the routines on this caregiver's days (name or id)")
    p.add_argument("-o", "--output", type=Path, help=".ics file to write (default: standard output)")


def calendar_command(args: argparse.Namespace, clock: Clock) -> int:
    from ..usecases.calendar import CalendarError, run_calendar

    return write_what_the_store_gives(
        args, clock, lambda store: run_calendar(store, child=args.child, caregiver=args.caregiver), CalendarError
    )
