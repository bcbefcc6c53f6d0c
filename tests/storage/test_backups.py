"""Rotating daily backups, and bringing one back."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from family_tui.clock import FixedClock
from family_tui.storage import FamilyStore
from family_tui.storage.backups import (
    GOOD,
    backup_name,
    backup_root,
    backup_state,
    find_backup,
    list_backups,
    make_backup,
)
from family_tui.storage.data_format import MARKER
from family_tui.storage.errors import BackupDamagedError
from family_tui.storage.restore import restore
from tests.storage.storage_helpers import entry, note, raw_ids, records_in, state

START = datetime(2026, 11, 1, 8, 0)


def dated_folders(data_dir: Path) -> list[str]:
    return sorted(p.name for p in backup_root(data_dir).iterdir() if p.is_dir())


def test_opening_on_ten_days_keeps_the_newest_seven_daily_backups(data_dir):
    clock = FixedClock(START)
    for day in range(10):
        clock.set(START + timedelta(days=day))
        store = FamilyStore(data_dir, clock=clock)
        store.save(note(f"Written on day {day + 1}."))
        FamilyStore(data_dir, clock=clock)  # a second opening the same day makes no new backup

    expected = [(START + timedelta(days=d)).date().isoformat() for d in range(3, 10)]
    assert dated_folders(data_dir) == expected
    # Each day's backup holds the data as it was when the day began.
    newest = backup_root(data_dir) / expected[-1] / "family.json"
    texts = {doc["text"] for doc in json.loads(newest.read_bytes())["notes"].values()}
    assert texts == {f"Written on day {d}." for d in range(1, 10)}


def test_backup_copies_month_files_too(data_dir):
    clock = FixedClock(START)
    store = FamilyStore(data_dir, clock=clock)
    october = store.record_practice(entry(day=date(2026, 10, 30)))
    november = store.record_practice(entry(day=date(2026, 11, 1)))
    clock.advance(days=1)
    FamilyStore(data_dir, clock=clock)

    backup = backup_root(data_dir) / "2026-11-02"
    assert raw_ids(backup / "practice" / "2026-10.json", "practice") == {october.id}
    assert raw_ids(backup / "practice" / "2026-11.json", "practice") == {november.id}


def test_restore_brings_back_a_backup_and_keeps_the_current_files(data_dir):
    clock = FixedClock(START)
    store = FamilyStore(data_dir, clock=clock)
    before = note("Before the backup.")
    store.save(before)
    kept_entry = store.record_practice(entry(day=date(2026, 11, 1)))
    clock.advance(days=1)
    store = FamilyStore(data_dir, clock=clock)
    backup = backup_root(data_dir) / "2026-11-02"

    after = note("After the backup.")
    store.save(after)
    later_entry = store.record_practice(entry("lip-closure", day=date(2026, 11, 2)))
    december = store.record_practice(entry(day=date(2026, 12, 1)))
    current_main = (state(data_dir) / "family.json").read_bytes()

    kept = restore(data_dir, backup, "before-restore-test", clock)

    assert kept == backup_root(data_dir) / "before-restore-test"
    assert (kept / "family.json").read_bytes() == current_main
    assert raw_ids(kept / "practice" / "2026-12.json", "practice") == {december.id}
    assert records_in((state(data_dir) / "family.json").read_bytes()) == records_in(
        (backup / "family.json").read_bytes()
    )
    assert raw_ids(state(data_dir) / "practice" / "2026-12.json", "practice") == set()

    reopened = FamilyStore(data_dir, clock=clock)
    assert [n.id for n in reopened.notes()] == [before.id]
    assert [e.id for e in reopened.all_practice()] == [kept_entry.id]
    # The store that was open meanwhile sees the restored data too.
    assert [n.id for n in store.notes()] == [before.id]
    assert later_entry.id not in {e.id for e in store.all_practice()}

    # And the restore can itself be undone.
    restore(data_dir, kept, "before-undo", clock)
    assert {n.id for n in FamilyStore(data_dir, clock=clock).notes()} == {before.id, after.id}


def test_restore_needs_only_the_logs_while_this_computer_s_copy_is_damaged(data_dir):
    clock = FixedClock(START)
    FamilyStore(data_dir, clock=clock).save(note("Precious."))
    clock.advance(days=1)
    store = FamilyStore(data_dir, clock=clock)
    backup = backup_root(data_dir) / "2026-11-02"
    store.save(note("Written after the backup."))
    (state(data_dir) / "family.json").write_bytes(b'{"_meta": {"1": {"sche')

    kept = restore(data_dir, backup, "before-restore-repair", clock)

    # What is kept is the data as it was, made again from the logs: a good backup, whole.
    assert backup_state(kept) == GOOD
    assert {n["text"] for n in json.loads((kept / "family.json").read_bytes())["notes"].values()} == {
        "Precious.",
        "Written after the backup.",
    }
    reopened = FamilyStore(data_dir, clock=clock)
    assert [n.text for n in reopened.notes()] == ["Precious."]
    assert reopened.problems == []


def test_newest_backup_is_the_latest_day_not_a_restore_copy(data_dir):
    """A restore or migration backup must not stay "newest" for ever and hide later days."""
    clock = FixedClock(START)
    FamilyStore(data_dir, clock=clock).save(note("Day one."))
    clock.advance(days=1)
    FamilyStore(data_dir, clock=clock)
    make_backup(data_dir, "before-restore-2026-11-02T090000")
    for _ in range(2):
        clock.advance(days=1)
        FamilyStore(data_dir, clock=clock).save(note(f"On {clock.now():%d %B}."))

    latest = backup_root(data_dir) / "2026-11-04"
    assert FamilyStore(data_dir, clock=clock).newest_backup() == latest
    assert find_backup(data_dir, None) == latest
    # The marker in the data folder damaged: it is made again beside the logs...
    (data_dir / "family.json").write_bytes(b"")
    assert FamilyStore(data_dir, clock=clock).newest_backup() == latest
    assert (data_dir / "family.json").read_bytes() == MARKER
    # ...and restoring the newest day brings that day back.
    restore(data_dir, latest, "before-restore-2026-11-04T090000", clock)
    assert {n.text for n in FamilyStore(data_dir, clock=clock).notes()} == {"Day one.", "On 03 November."}


# -- backups are per device: two homes never write one file -----------------------------

LOCAL = ".family-tui-local"


def synced(home: Path) -> dict[str, bytes]:
    """The files a sync tool carries (all but the local folder), with their bytes."""
    return {
        p.relative_to(home).as_posix(): p.read_bytes()
        for p in home.rglob("*")
        if p.is_file() and LOCAL not in p.relative_to(home).parts
    }


def sync(source: Path, target: Path) -> None:
    """As a sync tool would: each file the target lacks, or holds an older version of, is carried over."""
    for relative, raw in synced(source).items():
        there = target / relative
        if there.exists() and there.stat().st_mtime_ns >= (source / relative).stat().st_mtime_ns:
            continue
        there.parent.mkdir(parents=True, exist_ok=True)
        there.write_bytes(raw)
        os.utime(there, ns=((source / relative).stat().st_atime_ns, (source / relative).stat().st_mtime_ns))


def two_homes(tmp_path: Path) -> tuple[Path, Path]:
    """The kitchen and grandma's house, each with its own backup of the same day, synced both ways."""
    kitchen, grandma = tmp_path / "kitchen", tmp_path / "grandma"
    clock = FixedClock(START)
    FamilyStore(kitchen, clock=clock).save(note("Written in the kitchen."))
    sync(kitchen, grandma)
    FamilyStore(grandma, clock=clock).save(note("Written at grandma's."))
    clock.advance(days=1)
    FamilyStore(kitchen, clock=clock)
    FamilyStore(grandma, clock=clock)  # both make 2026-11-02's backup
    return kitchen, grandma


def test_two_homes_backing_up_the_same_day_never_write_one_file(tmp_path):
    kitchen, grandma = two_homes(tmp_path)

    mine, theirs = synced(kitchen), synced(grandma)
    shared = set(mine) & set(theirs)
    assert {name for name in shared if mine[name] != theirs[name]} == set()  # a sync tool has nothing to merge
    kitchen_backup = backup_root(kitchen) / "2026-11-02"
    grandma_backup = backup_root(grandma) / "2026-11-02"
    assert kitchen_backup.relative_to(kitchen) != grandma_backup.relative_to(grandma)

    sync(grandma, kitchen)
    sync(kitchen, grandma)
    assert synced(kitchen) == synced(grandma)
    # Each home's backup is its own and whole (the other home's note came later, by sync).
    assert {n["text"] for n in json.loads((kitchen_backup / "family.json").read_bytes())["notes"].values()} == {
        "Written in the kitchen."
    }
    assert backup_state(kitchen / grandma_backup.relative_to(grandma)) == "good"


def test_another_home_s_backups_are_listed_by_its_device_and_can_be_restored(tmp_path):
    kitchen, grandma = two_homes(tmp_path)
    sync(grandma, kitchen)
    theirs = kitchen / backup_root(grandma).relative_to(grandma) / "2026-11-02"
    name = f"{theirs.parent.name}/2026-11-02"

    assert [backup_name(kitchen, b) for b in list_backups(kitchen)] == [name, "2026-11-02"]  # this home's last
    assert find_backup(kitchen, "2026-11-02") == backup_root(kitchen) / "2026-11-02"  # this home's first
    assert find_backup(kitchen, None) == backup_root(kitchen) / "2026-11-02"
    assert find_backup(kitchen, name) == theirs

    clock = FixedClock(START + timedelta(days=1, hours=2))
    FamilyStore(kitchen, clock=clock).save(note("Written after both backups."))
    restore(kitchen, theirs, "before-restore-grandma", clock)
    assert {n.text for n in FamilyStore(kitchen, clock=clock).notes()} == {
        "Written in the kitchen.",
        "Written at grandma's.",
    }


def test_a_home_prunes_only_its_own_backups(tmp_path):
    kitchen, grandma = two_homes(tmp_path)
    sync(grandma, kitchen)
    theirs = kitchen / backup_root(grandma).relative_to(grandma) / "2026-11-02"
    clock = FixedClock(START + timedelta(days=1))
    for _ in range(10):
        clock.advance(days=1)
        FamilyStore(kitchen, clock=clock)

    assert len(dated_folders(kitchen)) == 7
    assert (theirs / "family.json").is_file()  # grandma's house decides about its own


def test_backups_an_older_family_tui_made_are_still_listed_and_restored(data_dir):
    clock = FixedClock(START)
    FamilyStore(data_dir, clock=clock).save(note("Backed up by the old layout."))
    clock.advance(days=1)
    FamilyStore(data_dir, clock=clock)
    old = data_dir / "backups" / "2026-10-30"
    (backup_root(data_dir) / "2026-11-02").rename(old)  # where an older family-tui kept it
    FamilyStore(data_dir, clock=clock).save(note("Later."))

    assert "2026-10-30" in [backup_name(data_dir, b) for b in list_backups(data_dir)]
    # Of one day, this computer's own backup is the one its name brings back.
    same_day = data_dir / "backups" / "2026-11-02"
    shutil.copytree(old, same_day)
    make_backup(data_dir, "2026-11-02")
    assert find_backup(data_dir, "2026-11-02") == backup_root(data_dir) / "2026-11-02"
    restore(data_dir, find_backup(data_dir, "2026-10-30"), "before-restore-old", clock)
    assert [n.text for n in FamilyStore(data_dir, clock=clock).notes()] == ["Backed up by the old layout."]


def test_a_restore_reaches_the_other_home_like_any_change(tmp_path):
    kitchen, grandma = two_homes(tmp_path)
    sync(grandma, kitchen)
    sync(kitchen, grandma)
    clock = FixedClock(START + timedelta(days=1, hours=1))
    FamilyStore(grandma, clock=clock).save(note("Written at grandma's after the backups."))
    sync(grandma, kitchen)
    grandma_sees = FamilyStore(grandma, clock=clock)  # open while the kitchen restores
    assert len(grandma_sees.notes()) == 3

    clock.advance(hours=1)
    restore(kitchen, backup_root(kitchen) / "2026-11-02", "before-restore", clock)
    sync(kitchen, grandma)

    # The kitchen's backup held only its own note: both homes now show just that, and the
    # screen open at grandma's takes it in at its next look for changes.
    grandma_sees.change_token()
    assert [n.text for n in grandma_sees.notes()] == ["Written in the kitchen."]
    assert [n.text for n in FamilyStore(grandma, clock=clock).notes()] == ["Written in the kitchen."]
    assert [n.text for n in FamilyStore(kitchen, clock=clock).notes()] == ["Written in the kitchen."]


def test_a_restore_writes_only_what_differs_so_the_other_home_s_edit_elsewhere_is_kept(tmp_path):
    kitchen, grandma = two_homes(tmp_path)
    sync(grandma, kitchen)
    sync(kitchen, grandma)
    clock = FixedClock(START + timedelta(days=1, hours=1))
    at_grandma = FamilyStore(grandma, clock=clock)
    (kitchen_note,) = [n for n in at_grandma.notes() if n.text == "Written in the kitchen."]
    at_grandma.save(kitchen_note.model_copy(update={"text": "Written in the kitchen, corrected at grandma's."}))

    clock.advance(hours=1)  # the kitchen restores before the correction reaches it
    restore(kitchen, backup_root(kitchen) / "2026-11-02", "before-restore", clock)
    sync(kitchen, grandma)
    sync(grandma, kitchen)

    # The backup took grandma's note out; the note it held as it was is not written over.
    for home in (kitchen, grandma):
        assert [n.text for n in FamilyStore(home, clock=clock).notes()] == [
            "Written in the kitchen, corrected at grandma's."
        ]


def order_in_state(data_dir: Path, table: str) -> list[str]:
    return [doc["id"] for doc in json.loads((state(data_dir) / "family.json").read_bytes())[table].values()]


def test_a_restore_puts_back_the_backup_s_order(data_dir):
    clock = FixedClock(START)
    store = FamilyStore(data_dir, clock=clock)
    first, second, third = note("First."), note("Second."), note("Third.")
    store.save_many([first, second, third])
    clock.advance(days=1)
    store = FamilyStore(data_dir, clock=clock)
    store.reorder(type(first), [third.id, first.id, second.id])
    store.delete(type(second), second.id)
    assert order_in_state(data_dir, "notes") == [third.id, first.id]

    restore(data_dir, backup_root(data_dir) / "2026-11-02", "before-restore", clock)

    assert order_in_state(data_dir, "notes") == [first.id, second.id, third.id]


def test_what_a_restore_keeps_is_the_data_as_it_was_with_what_the_other_home_wrote_while_this_one_was_closed(tmp_path):
    kitchen, grandma = two_homes(tmp_path)
    clock = FixedClock(START + timedelta(days=1, hours=1))
    FamilyStore(grandma, clock=clock).save(note("Written at grandma's after the backups."))
    sync(grandma, kitchen)  # arrives while the kitchen's app is closed

    clock.advance(hours=1)
    kept = restore(kitchen, backup_root(kitchen) / "2026-11-02", "before-restore", clock)

    texts = {n["text"] for n in json.loads((kept / "family.json").read_bytes())["notes"].values()}
    assert texts == {"Written in the kitchen.", "Written at grandma's.", "Written at grandma's after the backups."}
    restore(kitchen, kept, "before-undo", clock)  # undoing the restore loses nothing
    assert {n.text for n in FamilyStore(kitchen, clock=clock).notes()} == texts


def test_a_backup_that_cannot_be_read_is_refused_and_nothing_is_written(data_dir):
    clock = FixedClock(START)
    FamilyStore(data_dir, clock=clock).save(note("Kept as it is."))
    old = data_dir / "backups" / "2026-10-01"  # an older family-tui's: no checksums to catch it
    (old / "practice").mkdir(parents=True)
    (old / "family.json").write_bytes(b'{"_meta": {"1": {"schema_version": 2}}, "notes": {}}')
    (old / "practice" / "2026-09.json").write_bytes(b'{"practice": {"1": ')
    logs = {p: p.read_bytes() for p in (data_dir / "devices").rglob("*.log")}

    with pytest.raises(BackupDamagedError, match="2026-09.json"):
        restore(data_dir, old, "before-restore", clock)

    assert {p: p.read_bytes() for p in (data_dir / "devices").rglob("*.log")} == logs
    assert list_backups(data_dir) == [old]  # no copy kept of a restore that did not happen
    assert [n.text for n in FamilyStore(data_dir, clock=clock).notes()] == ["Kept as it is."]
