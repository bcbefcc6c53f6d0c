"""What every command shares: its error, the data folder it works on."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain.locations import default_data_dir


class CommandError(Exception):
    """A command could not run; the message says what to do. Exit status 1."""


def resolve_data_dir(args: argparse.Namespace) -> Path:
    return (args.data_dir or default_data_dir()).expanduser()
