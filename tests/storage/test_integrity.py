"""Damage the file system does not report, and copies that must never replace one another.

A byte flipped on disk (size and date kept) is caught by its checksum when read and
before it is backed up; the last good backup outlives the rotation; two restores in one
second keep both copies of what they replaced; a journal cut by anything but a crash is
reported, not folded away; writers killed mid-write leave nothing behind for ever.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from family_tui.cli import main
from family_tui.clock import FixedClock
from family_tui.storage import CorruptDataError, FamilyStore, backups
from family_tui.storage.backups import list_backups, make_backup
from family_tui.storage.restore import restore
from tests.storage.storage_helpers import DAY, NOON, entry, journal_path, month_file, note, state

OCTOBER = DAY.replace(month=10, day=14)


def cli(data_dir: Path, clock: FixedClock, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--data-dir", str(data_dir), *args], clock=clock)
    return code, out.getvalue(), err.getvalue()


def flip_a_byte(path: Path, inside: bytes) -> None:
    """Change one byte inside ``inside`` (a string stored in the file), keeping size and dates: bit rot."""
    st = os.stat(path)
    raw = path.read_bytes()
    at = raw.index(inside)
    with open(path, "r+b") as handle:
        handle.seek(at)
        handle.write(bytes([raw[at] ^ 0x01]))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    after = os.stat(path)
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (st.st_ino, st.st_size, st.st_mtime_ns)


# -- two restores in the same second ------------------------------------------------------------


def test_two_restores_in_the_same_second_keep_both_copies_through_the_command_line(data_dir, clock):
    store = FamilyStore(data_dir, clock=clock)
    store.save(note("Before the first restore."))
    FamilyStore(data_dir, clock=clock)  # opened again: today's backup holds the note
    store.save(note("Saved between the two restores."))
    day = DAY.isoformat()

    first = cli(data_dir, clock, "restore", day)
    assert first[0] == 0, first
    store.save(note("Typed after the first restore."))
    second = cli(data_dir, clock, "restore", day)
    assert second[0] == 0, second

    kept = [
        line.rsplit(" ", 1)[1].rstrip(".")
        for out in (first[1], second[1])
        for line in out.splitlines()
        if line.startswith("The files it replaced are kept in")
    ]
    assert len(kept) == 2 and kept[0] != kept[1], (first, second)
    texts = [json.loads((Path(k) / "family.json").read_bytes()).get("notes", {}) for k in kept]
    assert "Saved between the two restores." in {n["text"] for n in texts[0].values()}
    assert "Typed after the first restore." in {n["text"] for n in texts[1].values()}


def test_two_copies_kept_under_one_name_never_replace_each_other(data_dir, clock):
    store = FamilyStore(data_dir, clock=clock)
    store.save(note("one"))
    first = make_backup(data_dir, "before-restore-2026-11-26T120000")
    store.save(note("two"))
    second = restore(data_dir, first, "before-restore-2026-11-26T120000", FixedClock(NOON))
    third = restore(data_dir, first, "before-restore-2026-11-26T120000", FixedClock(NOON))
    assert len({first, second, third}) == 3
    assert all(p.is_dir() for p in (first, second, third))
    assert b'"two"' in (second / "family.json").read_bytes()


# -- a flipped byte -----------------------------------------------------------------------------


def october_history(data_dir: Path, clock: FixedClock) -> FamilyStore:
    store = FamilyStore(data_dir, clock=clock)
    store.record_many(
        [entry("straw-drinking", OCTOBER, note="blew bubbles"), entry("chewy-tube", OCTOBER, note="kept it up")]
    )
    store.save(note("A good week."))
    return FamilyStore(data_dir, clock=clock)  # opened again: today's backup holds it all


def test_a_flipped_byte_with_the_same_size_and_date_is_found_when_read(data_dir, clock):
    october_history(data_dir, clock)
    october = month_file(data_dir, OCTOBER)
    flip_a_byte(october, b"blew bubbles")

    store = FamilyStore(data_dir, clock=clock, maintain=False)
    with pytest.raises(CorruptDataError) as caught:
        store.all_practice()
    assert str(october) in str(caught.value)
    assert "checksum" in str(caught.value)


def test_a_flipped_byte_in_the_main_file_is_found_when_opened(data_dir, clock):
    october_history(data_dir, clock)
    flip_a_byte(state(data_dir) / "family.json", b"A good week.")
    with pytest.raises(CorruptDataError) as caught:
        FamilyStore(data_dir, clock=clock)
    assert str(state(data_dir) / "family.json") in str(caught.value) and "checksum" in str(caught.value)


def test_files_written_without_a_checksum_still_load_and_are_recorded_by_the_backup(data_dir, clock):
    october_history(data_dir, clock)
    (data_dir / ".family-tui-local" / "lock").unlink()  # as an older family-tui left the folder: no checksums anywhere
    october = month_file(data_dir, OCTOBER)
    october.write_bytes(october.read_bytes())  # rewritten by hand: not what family-tui recorded
    clock.set(NOON + timedelta(days=1))
    store = FamilyStore(data_dir, clock=clock)  # loads, and the day's backup records the sound files
    assert len(store.all_practice()) == 2
    flip_a_byte(october, b"blew bubbles")
    with pytest.raises(CorruptDataError):
        FamilyStore(data_dir, clock=clock, maintain=False).all_practice()


def test_a_damaged_file_is_never_backed_up_as_good_and_the_last_good_backup_survives(data_dir, clock):
    october_history(data_dir, clock)  # 26 November: a good backup
    good = backups.backup_root(data_dir) / DAY.isoformat()
    assert backups.backup_state(good) == backups.GOOD
    october = month_file(data_dir, OCTOBER)
    flip_a_byte(october, b"blew bubbles")

    for days in range(1, 9):  # eight days of use, the app opened every morning
        clock.set(NOON + timedelta(days=days))
        store = FamilyStore(data_dir, clock=clock, maintain=False)
        store.record_practice(entry("straw-drinking", clock.now().date()))
        store.try_daily_maintenance()
        problem = store.maintenance_problem
        assert problem is not None and str(october) in problem, problem
        assert "checksum" in problem
        assert f"restore {DAY.isoformat()}" in problem, problem
        made = backups.backup_root(data_dir) / clock.now().date().isoformat()
        assert backups.backup_state(made) == backups.DAMAGED

    names = [b.name for b in list_backups(data_dir)]
    assert DAY.isoformat() in names, names  # the rotation keeps seven, and the last good one
    assert len([n for n in names if n != DAY.isoformat()]) == 7
    assert backups.backup_state(good) == backups.GOOD

    code, out, err = cli(data_dir, clock, "export")
    assert code == 1 and str(october) in err, err
    assert f"last backup known to be good is {good}" in err
    assert f"restore {DAY.isoformat()}" in err

    # A backup holding the damage is refused, naming the good one; the good one brings October back.
    code, out, err = cli(data_dir, clock, "restore", (clock.now().date()).isoformat())
    assert code == 1 and "holds damaged files" in err and f"restore {DAY.isoformat()}" in err, err
    code, out, err = cli(data_dir, clock, "restore", DAY.isoformat())
    assert code == 0, err
    assert {e.note for e in FamilyStore(data_dir, clock=clock).all_practice()} == {"blew bubbles", "kept it up"}


def test_a_backup_damaged_on_disk_is_not_restored(data_dir, clock):
    from family_tui.storage.errors import BackupDamagedError

    october_history(data_dir, clock)
    good = backups.backup_root(data_dir) / DAY.isoformat()
    flip_a_byte(good / "practice" / f"{OCTOBER:%Y-%m}.json", b"blew bubbles")
    assert backups.backup_state(good) == backups.DAMAGED
    with pytest.raises(BackupDamagedError):
        restore(data_dir, good, "before-restore", FixedClock(NOON))


# -- temporaries of killed writers ------------------------------------------------------------------


def test_temporaries_of_a_dead_process_are_removed_and_of_a_live_one_kept(data_dir, clock):
    FamilyStore(data_dir, clock=clock).save(note("kept"))
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        stale = [
            data_dir / f".family.json.{dead_pid}.tmp",
            state(data_dir) / "practice" / f".2026-11.json.{dead_pid}.tmp",
        ]
        busy = data_dir / f".family.json.{live.pid}.tmp"
        for path in (*stale, busy):
            path.write_bytes(b"half a file")
        FamilyStore(data_dir, clock=clock)  # the upkeep at opening
        assert not any(p.exists() for p in stale)
        assert busy.exists()
    finally:
        live.kill()
        live.wait()


# -- journals cut by something other than a crash ------------------------------------------------------


def journal_with_check_ins(data_dir: Path, clock: FixedClock) -> Path:
    FamilyStore(data_dir, clock=clock).save(note("First day."))
    store = FamilyStore(data_dir, clock=clock)  # opened again: today's backup
    for strategy in ("straw-drinking", "chewy-tube", "bubbles", "whistle", "blow-football"):
        store.record_practice(entry(strategy))
    path = journal_path(month_file(data_dir))
    assert path.read_bytes().count(b"\n") == 5
    return path


def test_a_journal_with_a_zero_filled_tail_is_reported_not_folded(data_dir, clock):
    path = journal_with_check_ins(data_dir, clock)
    raw = path.read_bytes()
    last = raw.rstrip(b"\n").rfind(b"\n") + 1
    path.write_bytes(raw[:last] + b"\0" * (len(raw) - last))  # the last check-in's bytes lost
    before = path.read_bytes()
    with pytest.raises(CorruptDataError) as caught:
        FamilyStore(data_dir, clock=clock).practice_on(DAY)
    assert str(path) in str(caught.value) and "zero bytes" in str(caught.value)
    assert path.read_bytes() == before


def test_a_journal_cut_in_the_middle_is_reported_not_folded(data_dir, clock):
    path = journal_with_check_ins(data_dir, clock)
    raw = path.read_bytes()
    os.truncate(path, len(raw) // 2)  # in the middle of the third line: the last ones are gone
    before = path.read_bytes()
    with pytest.raises(CorruptDataError) as caught:
        FamilyStore(data_dir, clock=clock)  # the upkeep folds the journals
    assert str(path) in str(caught.value) and "was cut" in str(caught.value)
    assert f"restore {DAY.isoformat()}" in str(caught.value)
    assert path.read_bytes() == before


def test_a_torn_last_line_is_still_a_write_that_never_finished(data_dir, clock):
    path = journal_with_check_ins(data_dir, clock)
    with open(path, "ab") as handle:
        handle.write(b'{"op":"put","entry":{"date":"2026-11-26","chi')  # a crash mid-append
    store = FamilyStore(data_dir, clock=clock, maintain=False)
    assert len(store.practice_on(DAY)) == 5
    store.record_practice(entry("one-more"))
    assert len(FamilyStore(data_dir, clock=clock).practice_on(DAY)) == 6
