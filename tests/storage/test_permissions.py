"""A child's health information is readable by its owner only."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from family_tui.clock import FixedClock
from family_tui.storage import FamilyStore
from family_tui.storage.backups import backup_root
from family_tui.storage.restore import restore
from tests.storage.storage_helpers import NOON, entry, month_file, note, state


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask-022", "umask-000"])
def permissive_umask(request):
    """Even a umask that lets everyone read must not expose the family's files."""
    old = os.umask(request.param)
    yield
    os.umask(old)


def test_data_folder_and_files_are_private(tmp_path, permissive_umask):
    data_dir = tmp_path / "nested" / "family-data"
    clock = FixedClock(NOON)
    store = FamilyStore(data_dir, clock=clock)
    store.save(note("Private."))
    store.record_practice(entry())
    clock.advance(days=1)
    FamilyStore(data_dir, clock=clock)  # makes a daily backup
    backup = backup_root(data_dir) / "2026-11-27"

    local = data_dir / ".family-tui-local"
    for folder in (
        data_dir,
        state(data_dir) / "practice",
        data_dir / "backups",
        backup.parent,
        backup,
        backup / "practice",
        local,
    ):
        assert mode(folder) == 0o700, folder
    # Every folder and file the family's data is in: the logs (which sync to the other home) too.
    for path in data_dir.rglob("*"):
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path
    for file in (
        state(data_dir) / "family.json",
        month_file(data_dir),
        data_dir / ".family-tui-local" / "lock",
        backup / "family.json",
        backup / "practice" / "2026-11.json",
    ):
        assert mode(file) == 0o600, file


def test_files_stay_private_after_rewrites_and_restore(data_dir, permissive_umask):
    clock = FixedClock(NOON - timedelta(days=1))
    FamilyStore(data_dir, clock=clock).save(note("Day one."))
    clock.set(NOON)
    store = FamilyStore(data_dir, clock=clock)
    os.chmod(state(data_dir) / "family.json", 0o644)  # e.g. copied in by hand
    store.save(note("Day two."))
    assert mode(state(data_dir) / "family.json") == 0o600

    restore(data_dir, backup_root(data_dir) / "2026-11-26", "before-restore", FixedClock(NOON))
    assert mode(state(data_dir) / "family.json") == 0o600
    assert mode(backup_root(data_dir) / "before-restore") == 0o700
    assert mode(backup_root(data_dir) / "before-restore" / "family.json") == 0o600
