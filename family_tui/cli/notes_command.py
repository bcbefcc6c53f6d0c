"""``family-tui note`` and ``family-tui win``: for parents who live in a terminal.

The rules and the words are the forms' (see :mod:`family_tui.usecases.shell_notes`);
a wrong name lists the choices and changes nothing.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..clock import Clock
from .common import CommandError, open_store


def add_notes_parsers(commands: Any) -> None:
    p = commands.add_parser("note", help="write an observation or a question for the therapist")
    p.add_argument("--child", help="about this child (name or id); without it, about the whole family")
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--question", action="store_true", help="a question for the therapist")
    kind.add_argument("--observation", action="store_true", help="something you noticed (the default)")
    p.add_argument(
        "--for",
        dest="addressed_to",
        metavar="THERAPIST|OT|PT|SLP",
        help="one of the child's therapists (id, name or one word of it) or their discipline "
        "(default: everyone who sees the child)",
    )
    p.add_argument("text", nargs="+", help="the words (quotes are optional)")

    p = commands.add_parser("win", help="note a win, a small success to celebrate and tell the therapist")
    p.add_argument("--child", help="whose win (name or id)")
    p.add_argument("--goal", help="the goal it is about (its id)")
    p.add_argument("text", nargs="+", help="what happened (quotes are optional)")


def note_command(args: argparse.Namespace, clock: Clock) -> int:
    from ..domain.models import NoteKind
    from ..usecases.shell_notes import ShellNoteError, add_note_from_shell

    kind = NoteKind.QUESTION if args.question else NoteKind.OBSERVATION
    try:
        _, message = add_note_from_shell(
            open_store(args, clock), " ".join(args.text), child=args.child, kind=kind, addressed_to=args.addressed_to
        )
    except ShellNoteError as error:
        raise CommandError(f"Not saved. {error}") from None
    print(message)
    return 0


def win_command(args: argparse.Namespace, clock: Clock) -> int:
    from ..usecases.shell_notes import ShellNoteError, add_win_from_shell

    try:
        _, message = add_win_from_shell(open_store(args, clock), " ".join(args.text), child=args.child, goal=args.goal)
    except ShellNoteError as error:
        raise CommandError(f"Not saved. {error}") from None
    print(message)
    return 0
