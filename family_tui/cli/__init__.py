"""The ``family-tui`` command: opens the app, or runs one of the data commands.

Every command prints a message a parent can act on and exits non-zero when it could
not do what was asked; none of them leaves data half-written.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ..clock import Clock, SystemClock
from ..domain.cards.place import PLACE_WORDS
from ..domain.locations import DATA_DIR_ENV, default_data_dir
from ..storage import StorageError
from .collection import command_collection
from .common import CommandError, forget_opened, tell_problems


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="family-tui",
        description="Carry your child's therapy home program into everyday routines.",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help=f"folder holding the family's data (default: ${DATA_DIR_ENV} or {default_data_dir()})",
    )
    parser.add_argument("--demo", action="store_true", help="open the app on the built-in demo family")
    parser.add_argument(
        "--kiosk", action="store_true", help="shared-laptop mode: quitting and editing need the parent PIN"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser("import", help="import a home-program file, or a therapist's reply, from the therapist")
    p.add_argument("file", type=Path)
    p.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")
    p.add_argument(
        "--missing",
        choices=["met", "paused", "keep"],
        help="goals the file leaves out: mark them met, paused, or keep them as they are "
        "(default: ask on a terminal, else keep)",
    )

    p = commands.add_parser("export", help="write everything as JSON (or the practice log as CSV)")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    p.add_argument("--format", choices=["json", "csv"], default="json")

    p = commands.add_parser("export-program", help="write the program as a home-program TOML file")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")

    p = commands.add_parser("report", help="write the weekly update for the therapist")
    p.add_argument("--child", help="only this child (name or id)")
    p.add_argument(
        "--therapist",
        help="only this therapist's children and goals (id, name or first name); "
        "the days since their last session unless --week, --from or --to say otherwise",
    )
    p.add_argument("--discipline", help="only the goals of OT, PT or SLP (every therapist of it)")
    p.add_argument("--week", help="ISO week such as 2026-W48")
    p.add_argument("--from", dest="first", help="first day, YYYY-MM-DD")
    p.add_argument("--to", dest="last", help="last day, YYYY-MM-DD")
    p.add_argument("--format", choices=["md", "html"], default="md")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")

    p = commands.add_parser("cards", help="write printable cue cards for the teacher, daycare or sitter")
    p.add_argument("--child", help="only this child (name or id)")
    p.add_argument(
        "--setting",
        choices=PLACE_WORDS,
        help="where the cards are for; the level of help comes from practice there when there is some",
    )
    p.add_argument("--caregiver", help="only what falls on this caregiver's days (name or id), such as the sitter's")
    p.add_argument("-o", "--output", type=Path, help="HTML file to write (default: standard output)")

    # The child's fridge chart (issue 25, part 4).
    p = commands.add_parser("chart", help="write the child's star chart for the fridge (one printable page)")
    p.add_argument("--child", help="whose chart (name or id); may be left out when there is one child")
    p.add_argument("--week", help="ISO week such as 2026-W50 (default: this week)")
    p.add_argument("-o", "--output", type=Path, help="HTML file to write (default: standard output)")
    from .calendar import add_calendar_parser
    from .reply_command import add_reply_parser

    add_calendar_parser(commands)
    add_reply_parser(commands)

    p = commands.add_parser("restore", help="bring back a daily backup")
    p.add_argument(
        "backup",
        nargs="?",
        help="backup name such as 2026-11-25, or DEVICE/2026-11-25 for another computer's (default: the newest)",
    )
    p.add_argument("--list", action="store_true", help="list the backups and change nothing")

    commands.add_parser("set-pin", help="set the parent PIN that kiosk mode asks for")
    from .notes_command import add_notes_parsers

    add_notes_parsers(commands)
    # "family-tui import FILE --data-dir DIR" works as well as "--data-dir DIR import FILE":
    # SUPPRESS keeps the folder given before the command when none is given after it.
    for command in commands.choices.values():
        command.add_argument(
            "--data-dir", type=Path, default=argparse.SUPPRESS, help="folder holding the family's data"
        )
    return parser


def _handlers() -> dict[str, Callable[[argparse.Namespace, Clock], int]]:
    from . import handlers
    from .calendar import calendar_command
    from .chart_command import chart_command
    from .notes_command import note_command, win_command
    from .reply_command import reply_template_command

    return {
        "import": handlers.import_command,
        "export": handlers.export_command,
        "export-program": handlers.export_program_command,
        "report": handlers.report_command,
        "cards": handlers.cards_command,
        "chart": chart_command,
        "calendar": calendar_command,
        "reply-template": reply_template_command,
        "restore": handlers.restore_command,
        "set-pin": handlers.set_pin_command,
        "note": note_command,
        "win": win_command,
    }


DEMO_COMMANDS = ("report", "cards", "chart", "calendar", "export", "export-program", "reply-template")
"""Commands that only read, so they can run on the demo family: ``family-tui --demo report``."""


def _on_the_demo(args: argparse.Namespace, clock: Clock) -> int:
    """Run a reading command on a fresh demo family, in a temporary folder removed afterwards."""
    if args.command not in DEMO_COMMANDS:
        raise CommandError(f"--demo works with the app and with: {', '.join(DEMO_COMMANDS)}.")
    from ..usecases.demo import demo_data_dir

    with demo_data_dir(clock) as data_dir:
        args.data_dir = data_dir
        return _handlers()[args.command](args, clock)


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Run one command; ``clock`` lets tests decide what "now" is for every command alike.

    ``argv`` None: the process's own command line, so the process ends with the command.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    clock = clock or SystemClock()
    forget_opened()
    try:
        if args.command is None:
            from .launch import run_app

            return run_app(args, clock)
        with command_collection(process_ends=argv is None):
            if args.demo:
                return _on_the_demo(args, clock)
            return _handlers()[args.command](args, clock)
    except (CommandError, StorageError) as error:
        print(f"family-tui: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("family-tui: stopped; nothing was half-written.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # What read standard output stopped early (``| head``): as other commands do, end quietly.
        # Python would otherwise complain again when it flushes stdout on the way out.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    finally:
        tell_problems()  # what the data holds that is not shown, whatever the command did
