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
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from family_tui.cli import main
from family_tui.clock import FixedClock
from family_tui.storage import FamilyStore, backups
from family_tui.storage.backups import list_backups, make_backup
from family_tui.storage.devices.oplog import log_files
from family_tui.storage.restore import restore
from tests.storage.storage_helpers import DAY, NOON, entry, month_file, note, state

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
    """Two October check-ins (each its own log line) and a note; opened again, so today's backup holds them."""
    store = FamilyStore(data_dir, clock=clock)
    store.record_practice(entry("straw-drinking", OCTOBER, note="blew bubbles"))
    store.record_practice(entry("chewy-tube", OCTOBER, note="kept it up"))
    store.save(note("A good week."))
    return FamilyStore(data_dir, clock=clock)


def the_log(data_dir: Path) -> Path:
    (log,) = log_files(data_dir)
    return log


def line_of(path: Path, inside: bytes) -> int:
    raw = path.read_bytes()
    return raw[: raw.index(inside)].count(b"\n") + 1


def named(problems: list[str], log: Path, line: int, why: str) -> bool:
    return any(str(log) in p and f"line {line}:" in p and why in p for p in problems)


def test_a_flipped_byte_in_a_log_line_is_named_when_the_logs_are_read(data_dir, clock):
    october_history(data_dir, clock)
    log = the_log(data_dir)
    line = line_of(log, b"blew bubbles")
    flip_a_byte(log, b"blew bubbles")
    shutil.rmtree(state(data_dir))  # this computer's copy made again: every line read

    store = FamilyStore(data_dir, clock=clock, maintain=False)
    assert {e.note for e in store.all_practice()} == {"kept it up"}  # the other lines still count
    assert [n.text for n in store.notes()] == ["A good week."]
    assert len(store.problems) == 1 and named(store.problems, log, line, "checksum"), store.problems
    store.record_practice(entry("whistle", OCTOBER))
    again = FamilyStore(data_dir, clock=clock)
    assert {e.strategy for e in again.all_practice()} == {"chewy-tube", "whistle"}
    assert named(again.problems, log, line, "checksum")


def test_a_copied_folder_still_catches_a_flipped_byte(data_dir, clock, tmp_path):
    """Each log line carries its own checksum: a copy (to a stick, another computer) checks it there too."""
    october_history(data_dir, clock).record_many(
        [entry(f"strategy-{n}", OCTOBER + timedelta(days=1)) for n in range(30)]  # the flip far from the end
    )
    FamilyStore(data_dir, clock=clock)  # opened again: this computer's copy says it read every line
    copy = tmp_path / "copy-of-the-family"
    shutil.copytree(data_dir, copy)
    log = the_log(copy)
    line = line_of(log, b"blew bubbles")
    flip_a_byte(log, b"blew bubbles")

    assert log.stat().st_size - log.read_bytes().index(b"lew bubbles") > 4096

    store = FamilyStore(copy, clock=clock, maintain=False)
    assert {e.note for e in store.all_practice() if e.date == OCTOBER} == {"kept it up"}
    assert len(store.all_practice()) == 31
    assert named(store.problems, log, line, "checksum"), store.problems
    original = FamilyStore(data_dir, clock=clock, maintain=False)  # the folder copied is as it was
    assert {e.note for e in original.all_practice() if e.date == OCTOBER} == {"blew bubbles", "kept it up"}
    assert original.problems == []


def test_a_flipped_byte_in_a_month_state_file_is_made_again_when_read(data_dir, clock):
    october_history(data_dir, clock)
    flip_a_byte(month_file(data_dir, OCTOBER), b"blew bubbles")

    store = FamilyStore(data_dir, clock=clock, maintain=False)
    assert {e.note for e in store.all_practice()} == {"blew bubbles", "kept it up"}
    assert store.problems == []


def test_a_flipped_byte_in_the_main_state_file_is_made_again_when_opened(data_dir, clock):
    october_history(data_dir, clock)
    flip_a_byte(state(data_dir) / "family.json", b"A good week.")
    store = FamilyStore(data_dir, clock=clock)
    assert [n.text for n in store.notes()] == ["A good week."]
    assert store.problems == []


def test_state_files_without_a_checksum_still_load_and_are_recorded_by_the_backup(data_dir, clock):
    """This computer's checksums lost (the lock file gone): the files load, and today's backup records
    them again, so a byte flipped in one later is still caught (and the file made again from the logs)."""
    october_history(data_dir, clock)
    (data_dir / ".family-tui-local" / "lock").unlink()
    october = month_file(data_dir, OCTOBER)
    october.write_bytes(october.read_bytes())  # rewritten by hand: not what family-tui recorded
    clock.set(NOON + timedelta(days=1))
    store = FamilyStore(data_dir, clock=clock)  # loads, and the day's backup records the sound files
    assert len(store.all_practice()) == 2 and store.problems == []
    flip_a_byte(october, b"blew bubbles")
    reader = FamilyStore(data_dir, clock=clock, maintain=False)
    assert {e.note for e in reader.all_practice()} == {"blew bubbles", "kept it up"}
    assert reader.problems == []


def test_a_damaged_state_file_is_never_backed_up_it_is_made_again_first(data_dir, clock):
    """Backups are made of this computer's copy: a damaged file there is made again from the logs, so
    every day's backup is good and holds the family's data whole."""
    october_history(data_dir, clock)  # 26 November: a good backup
    october = month_file(data_dir, OCTOBER)
    flip_a_byte(october, b"blew bubbles")

    for days in range(1, 9):  # eight days of use, the app opened every morning
        clock.set(NOON + timedelta(days=days))
        store = FamilyStore(data_dir, clock=clock, maintain=False)
        store.record_practice(entry("straw-drinking", clock.now().date()))
        store.try_daily_maintenance()
        assert store.maintenance_problem is None
        assert store.problems == []
        made = backups.backup_root(data_dir) / clock.now().date().isoformat()
        assert backups.backup_state(made) == backups.GOOD
        kept = json.loads((made / "practice" / f"{OCTOBER:%Y-%m}.json").read_bytes())["practice"]
        assert {e["note"] for e in kept.values()} == {"blew bubbles", "kept it up"}
        flip_a_byte(october, b"blew bubbles")  # and the disk does it again

    names = [b.name for b in list_backups(data_dir)]
    assert len(names) == 7 and all(backups.backup_state(b) == backups.GOOD for b in list_backups(data_dir))

    code, out, err = cli(data_dir, clock, "export")
    assert code == 0, err
    assert "blew bubbles" in out and "kept it up" in out
    code, out, err = cli(data_dir, clock, "restore", names[0])
    assert code == 0, err
    assert {e.note for e in FamilyStore(data_dir, clock=clock).all_practice() if e.date == OCTOBER} == {
        "blew bubbles",
        "kept it up",
    }


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


# -- logs cut by something other than a crash ------------------------------------------------------


def log_with_check_ins(data_dir: Path, clock: FixedClock) -> Path:
    FamilyStore(data_dir, clock=clock).save(note("First day."))
    store = FamilyStore(data_dir, clock=clock)  # opened again: today's backup
    for strategy in ("straw-drinking", "chewy-tube", "bubbles", "whistle", "blow-football"):
        store.record_practice(entry(strategy))
    FamilyStore(data_dir, clock=clock)  # opened again: this computer's copy says it read every line
    log = the_log(data_dir)
    assert log.read_bytes().count(b"\n") == 6
    return log


def test_a_log_with_a_zero_filled_tail_is_named_and_left_alone(data_dir, clock):
    log = log_with_check_ins(data_dir, clock)
    raw = log.read_bytes()
    last = raw.rstrip(b"\n").rfind(b"\n") + 1
    log.write_bytes(raw[:last] + b"\0" * (len(raw) - last))  # the last check-in's bytes lost
    before = log.read_bytes()

    store = FamilyStore(data_dir, clock=clock)
    assert {e.strategy for e in store.practice_on(DAY)} == {"straw-drinking", "chewy-tube", "bubbles", "whistle"}
    assert named(store.problems, log, 6, "zero bytes"), store.problems
    store.record_practice(entry("pencil-grip"))  # writing goes on after it, never over it
    assert log.read_bytes().startswith(before)
    again = FamilyStore(data_dir, clock=clock)
    assert len(again.practice_on(DAY)) == 5
    assert named(again.problems, log, 6, "zero bytes") and len(again.problems) == 1, again.problems


def test_a_log_line_cut_in_the_middle_is_named(data_dir, clock):
    log = log_with_check_ins(data_dir, clock)
    lines = log.read_bytes().split(b"\n")
    lines[3] = lines[3][: len(lines[3]) // 2]  # the fourth line (the third check-in) lost its second half
    log.write_bytes(b"\n".join(lines))
    before = log.read_bytes()

    store = FamilyStore(data_dir, clock=clock)
    assert {e.strategy for e in store.practice_on(DAY)} == {"straw-drinking", "chewy-tube", "whistle", "blow-football"}
    assert named(store.problems, log, 4, "checksum") and len(store.problems) == 1, store.problems
    store.record_practice(entry("pencil-grip"))
    assert log.read_bytes().startswith(before)
    assert len(FamilyStore(data_dir, clock=clock).practice_on(DAY)) == 5


def test_a_torn_last_line_is_still_a_write_that_never_finished(data_dir, clock):
    log = log_with_check_ins(data_dir, clock)
    with open(log, "ab") as handle:
        handle.write(b'{"device":"0123456789abcdef","fields":{"child":"ma')  # a crash mid-append
    store = FamilyStore(data_dir, clock=clock, maintain=False)
    assert len(store.practice_on(DAY)) == 5
    assert store.problems == []
    store.record_practice(entry("one-more"))
    assert b'"child":"ma{' not in log.read_bytes() and log.read_bytes().count(b"\n") == 7
    again = FamilyStore(data_dir, clock=clock)
    assert len(again.practice_on(DAY)) == 6
    assert again.problems == []
