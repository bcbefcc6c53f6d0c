"""A sync tool's conflict copies double nothing, and each copy the app does not read is named among the problems.

Read as months, Syncthing's copies of a month file made Progress count December two and
three times and the export hold one entry twice; unmentioned, what only they held left
the app without a word. Since version 3 each device writes only its own log, so such a
copy can only be of a log (two computers that shared a device id: its operations are
read, each once), of the ``family.json`` marker or a backup (named, never read), or of
an old folder's month file before it is converted (named, never converted).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from family_tui.storage import FamilyStore
from family_tui.storage.backups import backup_root
from family_tui.storage.devices.oplog import log_files
from family_tui.storage.restore import restore
from tests.storage.old_format import old_format_copy
from tests.storage.storage_helpers import entry, month_file

CONFLICT = "2026-11.sync-conflict-20261126-120000-ABCDEFG.json"
LOG_CONFLICT = "2026-11.sync-conflict-20261126-120000-ABCDEFG.log"


def test_a_conflict_copy_of_a_log_is_read_and_counts_each_check_in_once(data_dir: Path, clock):
    store = FamilyStore(data_dir, clock=clock)
    first = store.record_practice(entry("straw"))
    (log,) = log_files(data_dir)
    kept = log.read_bytes()  # the version the sync tool kept lacks the next check-in...
    second = store.record_practice(entry("cup"))
    shutil.copy(log, log.with_name(LOG_CONFLICT))  # ...which only the conflict copy holds
    log.write_bytes(kept)

    store = FamilyStore(data_dir, clock=clock)

    assert store.practice_months() == ["2026-11"]
    assert sorted(e.id for e in store.all_practice()) == sorted([first.id, second.id])
    history = store.practice_history()
    assert len(history.facts) == 2 and len(history.months) == 1
    assert not [p for p in store.problems if "sync tool" in p]  # read: nothing left out to tell


def with_a_conflict_copy_of_an_old_month(data_dir: Path, clock) -> FamilyStore:
    """A version 2 folder with a sync tool's copy of its month file (one entry more), then opened."""
    store = FamilyStore(data_dir, clock=clock)
    store.record_practice(entry())
    store.fold_journals()
    other = data_dir.parent / "other-home"
    FamilyStore(other, clock=clock).record_practice(entry("only-in-the-copy", day=date(2026, 11, 20)))
    FamilyStore(other, clock=clock).fold_journals()
    old = old_format_copy(data_dir)
    shutil.copy(month_file(other), old / "practice" / CONFLICT)
    return FamilyStore(old, clock=clock)


def test_a_conflict_copy_of_an_old_month_is_not_converted_as_a_month(data_dir: Path, clock):
    store = with_a_conflict_copy_of_an_old_month(data_dir, clock)

    assert store.practice_months() == ["2026-11"]
    assert [e.strategy for e in store.all_practice()] == ["straw-drinking"]
    history = store.practice_history()
    assert len(history.facts) == 1 and len(history.months) == 1
    assert (store.data_dir / "practice" / CONFLICT).is_file()  # left where it was, for the family


def test_each_conflict_copy_is_named_among_the_problems(data_dir: Path, clock):
    store = with_a_conflict_copy_of_an_old_month(data_dir, clock)
    folder = store.data_dir
    shutil.copy(folder / "family.json", folder / "family (conflicted copy 2026-11-26).json")

    problems = [p for p in store.problems if "sync tool" in p]

    assert len(problems) == 2
    assert any(p.startswith(f"practice/{CONFLICT}:") and "2026-11.json" in p for p in problems)
    assert any(p.startswith("family (conflicted copy 2026-11-26).json:") and "family.json" in p for p in problems)


def test_a_conflict_copy_is_neither_backed_up_nor_restored(data_dir: Path, clock):
    store = with_a_conflict_copy_of_an_old_month(data_dir, clock)
    folder = store.data_dir
    clock.advance(days=1)
    FamilyStore(folder, clock=clock)

    backup = backup_root(folder) / "2026-11-27"
    assert CONFLICT not in {p.name for p in (backup / "practice").iterdir()}
    assert store.problems  # still named: it is still in the folder
    # A conflict copy inside a backup (a sync tool's, in a synced folder) is not restored as a month.
    shutil.copy(folder / "practice" / CONFLICT, backup / "practice" / CONFLICT)
    restore(folder, backup, "before-restore", clock)
    assert [e.strategy for e in FamilyStore(folder, clock=clock).all_practice()] == ["straw-drinking"]
