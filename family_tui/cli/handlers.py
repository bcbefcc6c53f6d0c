"""The data commands behind ``family-tui COMMAND``: import, export, report, cue cards, restore, PIN."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import TYPE_CHECKING

from ..clock import Clock, family_day
from ..storage.backups import backup_name, find_backup, list_backups
from ..storage.restore import restore
from .common import CommandError, open_store, resolve_data_dir
from .output import output_to, write_what_the_store_gives

if TYPE_CHECKING:
    from pathlib import Path

    from ..domain.models import Goal, GoalStatus, Program
    from ..domain.program_file import ImportPlan
    from ..storage import FamilyStore


def import_command(args: argparse.Namespace, clock: Clock) -> int:
    from ..domain.program_file import ProgramFileError, load_program_file
    from ..usecases.program_import import import_program
    from .reply_command import import_reply_command, reply_text

    text = reply_text(args.file)
    if text is not None:  # her reply, known by its format line
        return import_reply_command(args, clock, text)
    try:
        # Check the file before touching the data folder: a refused import (or a typo in
        # --data-dir) must not leave a new, empty family behind.
        incoming = load_program_file(args.file)
        decide = MissingGoals(args.missing)
        if args.dry_run:
            plan = dry_run_import(args, incoming, clock)
        else:
            plan = import_program(open_store(args, clock), args.file, incoming=incoming, decide_missing=decide)
    except ProgramFileError as error:
        raise CommandError(str(error)) from error
    print(plan.describe(dry_run=args.dry_run))
    answered = not args.dry_run and decide.asked
    for line in missing_goals_lines(plan, "keep" if answered else args.missing, args.dry_run):
        print(line)
    for warning in plan.warnings():
        print(f"family-tui: warning: {warning}", file=sys.stderr)
    return 0


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


class MissingGoals:
    """What to do with the active goals a file leaves out: from --missing, else asked on a terminal.

    Without a terminal and without --missing nothing is marked: the safe choice, which
    the output then explains. Either way nothing is deleted.
    """

    def __init__(self, choice: str | None) -> None:
        self.choice = choice
        self.asked = False

    def __call__(self, goals: list[Goal]) -> dict[str, GoalStatus]:
        from ..domain.models import GoalStatus

        if self.choice in ("met", "paused"):
            return {g.id: GoalStatus(self.choice) for g in goals}
        if self.choice == "keep" or not stdin_is_terminal():
            return {}
        self.asked = True
        answers = {"m": GoalStatus.MET, "p": GoalStatus.PAUSED, "k": GoalStatus.ACTIVE}
        noun = "a goal" if len(goals) == 1 else f"{len(goals)} goals"
        print(f"The file leaves out {noun} that {'is' if len(goals) == 1 else 'are'} still on Today.")
        print("Their practice history stays whatever you choose.")
        decided: dict[str, GoalStatus] = {}
        for_all: GoalStatus | None = None
        for goal in goals:
            if for_all is not None:
                decided[goal.id] = for_all
                continue
            rest = " (capital letter: the same for all the rest)" if len(goals) > 1 else ""
            while True:
                answer = input(f'Goal "{goal.title}": met, paused or keep it? [m/p/k]{rest} ').strip()
                if answer[:1].lower() in answers:
                    break
                print("Please type m (met), p (paused) or k (keep it on Today).")
            decided[goal.id] = answers[answer[:1].lower()]
            if answer[:1].isupper() and len(goals) > 1:
                for_all = decided[goal.id]
        return {goal_id: status for goal_id, status in decided.items() if status is not GoalStatus.ACTIVE}


def missing_goals_lines(plan: ImportPlan, choice: str | None, dry_run: bool) -> list[str]:
    """After the import: the goals the file left out that are still active, and how to mark them."""
    saved = {getattr(record, "id", None) for record in plan.saves}
    still = [g for g in plan.missing_goals if g.id not in saved]
    if not still or choice == "keep":
        return []
    names = ", ".join(f'"{g.title}"' for g in still)
    count = "1 goal" if len(still) == 1 else f"{len(still)} goals"
    if dry_run:
        return [
            f"The file leaves out {count} still on Today: {names}. Importing asks whether "
            f"{'it is' if len(still) == 1 else 'each is'} met or paused (or use --missing met, paused or keep)."
        ]
    return [
        f"The file leaves out {count} still on Today: {names}. "
        f"{'It stays' if len(still) == 1 else 'They stay'} as before; to mark "
        f"{'it' if len(still) == 1 else 'them'}, import again with --missing met or --missing paused, "
        "or use the program editor."
    ]


def dry_run_import(args: argparse.Namespace, incoming: Program, clock: Clock) -> ImportPlan:
    """What importing would change, worked out without writing anything anywhere.

    No folder is made for a new family, and an existing one is opened without today's
    backup or folding the journals: a dry run leaves every file as it was.
    """
    from ..domain.models import Program, Settings
    from ..domain.program_file import plan_import
    from ..storage.store import MAIN_FILE

    data_dir = resolve_data_dir(args)
    if (data_dir / MAIN_FILE).is_file():
        store = open_store(args, clock, create=False, maintain=False)
        current, day_start = store.program(), store.settings().day_start
    else:
        current, day_start = Program(), Settings().day_start
    today = family_day(clock.now(), day_start)
    plan = plan_import(current, incoming, today)
    if plan.missing_goals and args.missing in ("met", "paused"):
        plan = plan_import(current, incoming, today, missing=MissingGoals(args.missing)(plan.missing_goals))
    return plan


def export_command(args: argparse.Namespace, clock: Clock) -> int:
    output = output_to(args.output, resolve_data_dir(args))
    store = open_store(args, clock)
    if args.format == "csv":
        from ..domain.csv_export import practice_csv

        output.write(practice_csv(store.program(), store.all_practice()))
        return 0
    from ..usecases.export import export_data

    output.write(json.dumps(export_data(store), indent=2, ensure_ascii=False))
    return 0


def export_program_command(args: argparse.Namespace, clock: Clock) -> int:
    from ..domain.program_file import program_to_toml

    output = output_to(args.output, resolve_data_dir(args))
    store = open_store(args, clock)
    output.write(program_to_toml(store.program()))
    return 0


def report_command(args: argparse.Namespace, clock: Clock) -> int:
    from ..usecases.report import ReportError, run_report

    def report(store: FamilyStore) -> str:
        return run_report(
            store,
            child=args.child,
            week=args.week,
            first=args.first,
            last=args.last,
            fmt=args.format,
            therapist=args.therapist,
            discipline=args.discipline,
        )

    return write_what_the_store_gives(args, clock, report, ReportError)


def cards_command(args: argparse.Namespace, clock: Clock) -> int:
    from ..usecases.cards import CardsError, run_cards

    output = output_to(args.output, resolve_data_dir(args))
    store = open_store(args, clock)
    try:
        text = run_cards(store, child=args.child, setting=args.setting, caregiver=args.caregiver)
    except CardsError as error:
        raise CommandError(str(error)) from None
    output.write(text)
    return 0


def restore_command(args: argparse.Namespace, clock: Clock) -> int:
    data_dir = resolve_data_dir(args)
    backups = list_backups(data_dir)
    if args.list:
        read_current_data(args, clock)
    if args.list or not backups:
        if not backups:
            print(f"No backups in {data_dir / 'backups'}.")
            return 0 if args.list else 1
        list_backup_states(data_dir, backups)
        return 0
    backup = find_backup(data_dir, args.backup)
    if backup is None:
        names = ", ".join(backup_name(data_dir, b) for b in backups)
        raise CommandError(f"No backup named {args.backup!r}; the backups are: {names}")
    stamp = clock.now().strftime("before-restore-%Y-%m-%dT%H%M%S")
    kept = restore(data_dir, backup, stamp, clock)
    print(f"Restored the backup {backup_name(data_dir, backup)}.")
    if kept is not None:
        print(f"The files it replaced are kept in {kept}.")
    return 0


def read_current_data(args: argparse.Namespace, clock: Clock) -> None:
    """Before listing the backups, read the data as it is now, so its problems are told too
    (damage, records left out): what a parent choosing a backup needs to know. Nothing is
    written: no backup made, no journal folded, an older data version left for the app to upgrade."""
    from ..storage import SCHEMA_VERSION, StorageError
    from ..storage.store import MAIN_FILE

    main = resolve_data_dir(args) / MAIN_FILE
    if not main.is_file():
        return
    try:
        version = json.loads(main.read_bytes()).get("_meta", {}).get("1", {}).get("schema_version")
    except (OSError, ValueError, AttributeError, RecursionError):
        version = None  # unreadable: opening it says why
    if isinstance(version, int) and version < SCHEMA_VERSION:
        return
    try:
        store = open_store(args, clock, reading=True, create=False, maintain=False)
        store.program(), store.notes(), store.wins(), store.skip_days(), store.settings()
        store.practice_history(clock.now().date())
    except StorageError as error:
        print(f"family-tui: the data as it is now: {error}", file=sys.stderr)


def list_backup_states(data_dir: Path, backups: list[Path]) -> None:
    """Each backup, oldest first, marked good or damaged (each file checked against its checksum)."""
    from ..storage.backups import DAMAGED, GOOD, backup_state, damage_of, newest_backup

    names = {b: backup_name(data_dir, b) for b in backups}
    width = max(len(name) for name in names.values())
    for backup in backups:
        state = backup_state(backup)
        if state == GOOD:
            mark = "good"
        elif state == DAMAGED:
            damage = damage_of(backup) or {"": "damaged"}
            mark = "damaged: " + "; ".join(f"{name} {why}".strip() for name, why in damage.items())
        else:
            mark = "not checked (made by an older family-tui)"
        print(f"{names[backup]:<{width}}  {mark}")
    best = newest_backup(data_dir)
    if best is not None and backup_state(best) == GOOD:
        print(
            f"family-tui restore brings back {backup_name(data_dir, best)}, the newest good one; "
            "or name another good one."
        )
    elif best is not None:
        print(
            f"No backup is known to be good; family-tui restore brings back {backup_name(data_dir, best)}, not checked."
        )
    else:
        print("No backup is good: a damaged backup is never restored.")


def read_secret(prompt: str) -> str:
    if sys.stdin.isatty():
        try:
            return getpass.getpass(prompt)
        except EOFError:  # ctrl+d
            print(file=sys.stderr)  # the prompt's line is left open
            raise CommandError("No PIN was given. Nothing was changed.") from None
    line = sys.stdin.readline()
    if not line:
        raise CommandError("No PIN was given on standard input. Nothing was changed.")
    return line.rstrip("\r\n")


QUIT_KEY = "q"
"""The app's quit key as every footer shows it (``q Quit``)."""

PIN_TRIES = 3
"""Entries of a new PIN (typed twice each) before set-pin gives up."""


def set_pin_command(args: argparse.Namespace, clock: Clock) -> int:
    from ..domain.pin import PinError, check_pin_format
    from ..usecases.settings import set_pin

    store = open_store(args, clock)
    for tries_left in reversed(range(PIN_TRIES)):
        again = " Please try again." if tries_left else ""
        first = read_secret("New parent PIN (4-12 digits): ")
        try:
            check_pin_format(first)
        except PinError as error:
            print(f"{error}{again}", file=sys.stderr)
            continue
        second = read_secret("Type it again: ")
        if first != second:
            print(f"The two PINs were different.{again}", file=sys.stderr)
            continue
        set_pin(store, first)
        # The key the app's footers show (q Quit), so that the parent knows how to leave the kiosk.
        print(f"Parent PIN set. Start kiosk mode with: family-tui --kiosk (to leave it: {QUIT_KEY}, then the PIN)")
        return 0
    raise CommandError(
        f"No PIN was set after {PIN_TRIES} tries. Nothing was changed; run family-tui set-pin again "
        "when you are ready (4 to 12 digits, the same twice)."
    )
