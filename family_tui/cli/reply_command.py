"""``family-tui reply-template`` and the reply side of ``family-tui import``: the therapist's reply, in one step."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..clock import Clock
from .common import CommandError, open_store, resolve_data_dir
from .output import output_to


def add_reply_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "reply-template",
        help="write a reply file for a therapist to fill in: her answers, new cues, goal changes",
    )
    p.add_argument("--therapist", required=True, help="whose reply (id, name or first name)")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")


def reply_template_command(args: argparse.Namespace, clock: Clock) -> int:
    from ..usecases.reply import ReplyTemplateError, run_reply_template

    output = output_to(args.output, resolve_data_dir(args))
    store = open_store(args, clock, reading=True)
    try:
        text = run_reply_template(store, args.therapist)
    except ReplyTemplateError as error:
        raise CommandError(str(error)) from None
    output.write(text)
    return 0


def reply_text(path: Path) -> str | None:
    """The file's text when it is a therapist's reply; None for anything else (a home program, unreadable)."""
    from ..domain.reply import is_reply

    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None  # the home-program reader says what is wrong with it
    return text if is_reply(text) else None


def import_reply_command(args: argparse.Namespace, clock: Clock, text: str) -> int:
    """Apply a reply all or nothing; ``--dry-run`` says what it would change and writes nothing anywhere."""
    from ..domain.reply import ReplyError
    from ..storage.store import MAIN_FILE
    from ..usecases.reply import import_reply

    if args.missing is not None:
        raise CommandError("--missing is for home-program files; a reply never leaves goals out.")
    data_dir = resolve_data_dir(args)
    if not (data_dir / MAIN_FILE).is_file():
        raise CommandError(
            f"No family data in {data_dir}: a reply changes a home program, so import the program first."
        )
    if args.dry_run:
        store = open_store(args, clock, create=False, maintain=False)
    else:
        store = open_store(args, clock, create=False)
    try:
        plan = import_reply(store, text, dry_run=args.dry_run)
    except ReplyError as error:
        lines = "\n".join(f"  {problem}" for problem in error.problems)
        raise CommandError(f"{args.file}: the reply was not imported; nothing was changed:\n{lines}") from None
    print(plan.describe(dry_run=args.dry_run))
    return 0
