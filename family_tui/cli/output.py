"""Where ``-o FILE`` writes: the one place every command that has it goes through.

A regular file (or a name not taken yet) is written whole or not at all: a temporary
file in the same folder, flushed to disk, renamed over the old one. A pipe, a FIFO or a
device (``-o /dev/null``, ``-o /dev/stdout``) is written into, never replaced by a
file. ``-o -`` is standard output. Nothing is written inside the data folder but in its
``reports/`` folder: ``export -o family.json`` run there would replace the family's
own data with a copy the app cannot read.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..clock import Clock
from ..storage import FamilyStore
from ..storage.atomic import atomic_write_bytes
from .common import CommandError, open_store, resolve_data_dir

REPORTS_DIR = "reports"
"""The one folder inside the data folder that commands may write into (the app saves there too)."""


@dataclass(frozen=True)
class Output:
    """A checked destination: ``path`` None is standard output."""

    path: Path | None
    given: str = "-"
    """As the user typed it, for messages."""

    def write(self, text: str) -> None:
        if self.path is None:
            sys.stdout.write(text)
            if not text.endswith("\n"):
                sys.stdout.write("\n")
            sys.stdout.flush()
            return
        data = text.encode("utf-8")
        try:
            if _is_special(self.path):
                _write_into(self.path, data)
            else:
                atomic_write_bytes(self.path, data)
        except OSError as error:
            raise CommandError(
                f"Could not write {self.given}: {error.strerror or error}. Nothing was written there."
            ) from error
        print(f"Wrote {self.given}", file=sys.stderr)


def output_to(given: Path | str | None, data_dir: Path) -> Output:
    """Check where ``-o`` points before anything is read or written; refused with what to do instead."""
    if given is None or str(given) == "-":
        return Output(None)
    text = str(given)
    # The real place: a link is followed, so the file it names is written, not the link replaced.
    target = Path(os.path.realpath(Path(text).expanduser()))
    folder = Path(os.path.realpath(data_dir.expanduser()))
    if target == folder or target.is_relative_to(folder):
        inside = target.relative_to(folder).parts if target != folder else ()
        if not (len(inside) >= 2 and inside[0] == REPORTS_DIR):
            raise CommandError(
                f"Not writing {text}: it is inside the family-tui data folder ({folder}), where the app "
                "keeps the family's own files, and writing it could replace them. Nothing was changed. "
                f"Write it somewhere else (for example -o ~/{target.name or 'family-tui-output'}), "
                f"or into the folder {folder / REPORTS_DIR}."
            )
    if target.is_dir():
        raise CommandError(f"Not writing {text}: it is a folder. Give a file name, for example {text}/out.txt.")
    return Output(target, text)


def _is_special(path: Path) -> bool:
    """A FIFO, a device or a socket: something to write into, not a file to replace."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    return not stat.S_ISREG(mode)


def _write_into(path: Path, data: bytes) -> None:
    """Write into what is there (a FIFO waits for its reader, as the shell's ``>`` does)."""
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def write_what_the_store_gives(
    args: argparse.Namespace,
    clock: Clock,
    produce: Callable[[FamilyStore], str],
    refused: type[Exception],
) -> int:
    """A reading command's one job: check ``-o``, read the store, write the text (``refused``: its own error)."""
    output = output_to(args.output, resolve_data_dir(args))
    store = open_store(args, clock, reading=True)
    try:
        text = produce(store)
    except refused as error:
        raise CommandError(str(error)) from None
    output.write(text)
    return 0
