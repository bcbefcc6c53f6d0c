"""Staging the write a copy of the app cannot see by looking at the file (shared by two suites)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from family_tui.clock import Clock
from family_tui.storage import FamilyStore


def rewrite_family_file_unseen(data_dir: Path, clock: Clock) -> None:
    """Another copy changes family.json twice, to the same size, within one tick of a coarse
    file-system clock: inode, size and mtime are what a copy last saw. Skips where the file
    system gives the replaced file a new inode, as then the case cannot happen."""
    main = data_dir / "family.json"
    seen = os.stat(main)
    command = FamilyStore(data_dir, clock=clock)
    command.update_settings(daily_minutes_target=25)
    command.update_settings(daily_minutes_target=30)
    now = os.stat(main)
    if (now.st_ino, now.st_size) != (seen.st_ino, seen.st_size):
        pytest.skip("this file system gave the replaced file a new inode number: the case cannot be staged")
    os.utime(main, ns=(seen.st_atime_ns, seen.st_mtime_ns))
