"""A sync tool's conflict copies are never read as data, and each is named among the problems.

Read as months, Syncthing's copies of a month file made Progress count December two and
three times and the export hold one entry twice; unmentioned, what only they held left
the app without a word.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from family_tui.storage import FamilyStore
from tests.storage.storage_helpers import entry, month_file

CONFLICT = "2026-11.sync-conflict-20261126-120000-ABCDEFG.json"


def with_a_conflict_copy_of_the_month(data_dir: Path, clock) -> FamilyStore:
    store = FamilyStore(data_dir, clock=clock)
    store.record_practice(entry())
    store.fold_journals()
    shutil.copy(month_file(data_dir), data_dir / "practice" / CONFLICT)
    return FamilyStore(data_dir, clock=clock)


def test_a_conflict_copy_of_a_month_is_not_a_month(data_dir: Path, clock):
    store = with_a_conflict_copy_of_the_month(data_dir, clock)

    assert store.practice_months() == ["2026-11"]
    assert len(store.all_practice()) == 1
    history = store.practice_history()
    assert len(history.facts) == 1 and len(history.months) == 1


def test_each_conflict_copy_is_named_among_the_problems(data_dir: Path, clock):
    store = with_a_conflict_copy_of_the_month(data_dir, clock)
    shutil.copy(data_dir / "family.json", data_dir / "family (conflicted copy 2026-11-26).json")

    problems = [p for p in store.problems if "sync tool" in p]

    assert len(problems) == 2
    assert any(p.startswith(f"practice/{CONFLICT}:") and "2026-11.json" in p for p in problems)
    assert any(p.startswith("family (conflicted copy 2026-11-26).json:") and "family.json" in p for p in problems)


def test_a_conflict_copy_is_neither_backed_up_nor_restored(data_dir: Path, clock):
    store = with_a_conflict_copy_of_the_month(data_dir, clock)
    clock.advance(days=1)
    FamilyStore(data_dir, clock=clock)

    backup = data_dir / "backups" / "2026-11-27" / "practice"
    assert CONFLICT not in {p.name for p in backup.iterdir()}
    assert store.problems  # still named: it is still in the folder
