"""What belongs to one computer stays in the data folder's local folder, which a sync tool is told to leave.

Synced, the lock let a second process in while the first held it (the other home's copy
replaced the file), and the checksums made a sound backup look damaged in the other home.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from family_tui.clock import FixedClock
from family_tui.storage import FamilyStore
from family_tui.storage.data_format import MARKER
from family_tui.storage.devices.device import device_id
from family_tui.storage.lockout import KeptPinGate
from tests.storage.storage_helpers import NOON, entry, note

LOCAL = ".family-tui-local"


def synced_files(data_dir: Path) -> set[str]:
    """What a sync tool honouring ``.stignore`` would carry to the other home."""
    return {
        p.relative_to(data_dir).as_posix()
        for p in data_dir.rglob("*")
        if p.is_file() and LOCAL not in p.relative_to(data_dir).parts
    }


def test_the_first_start_tells_syncthing_to_leave_the_local_folder_alone(data_dir: Path, clock):
    FamilyStore(data_dir, clock=clock)

    lines = (data_dir / ".stignore").read_text(encoding="utf-8").splitlines()
    assert f"/{LOCAL}" in lines


def test_a_family_s_own_stignore_lines_are_kept(data_dir: Path, clock):
    data_dir.mkdir(parents=True)
    (data_dir / ".stignore").write_text("*.tmp\n", encoding="utf-8")

    FamilyStore(data_dir, clock=clock)

    lines = (data_dir / ".stignore").read_text(encoding="utf-8").splitlines()
    assert lines.index(f"/{LOCAL}") < lines.index("*.tmp")


def test_the_lock_caches_and_pin_lockout_are_never_among_the_synced_files(data_dir: Path, clock):
    store = FamilyStore(data_dir, clock=clock)
    store.save(note("Straw at lunch."))
    store.record_practice(entry())
    store.fold_journals()
    store.practice_history()  # writes the Progress caches
    KeptPinGate(data_dir, store.lock, clock).attempt("0000", "not-the-hash")

    synced = synced_files(data_dir)
    device = device_id(data_dir)
    assert synced == {".stignore", "family.json", f"devices/{device}/2026-11.log"}
    assert (data_dir / "family.json").read_bytes() == MARKER  # the same bytes in every home
    # The next day's backup is this computer's own too: synced, but written by no other device.
    clock.advance(days=1)
    FamilyStore(data_dir, clock=clock)
    assert {name for name in synced_files(data_dir) if name.startswith("backups/")} == {
        f"backups/{device}/2026-11-27/.checksums",
        f"backups/{device}/2026-11-27/family.json",
        f"backups/{device}/2026-11-27/practice/2026-11.json",
        f"backups/{device}/2026-11-27/practice/2026-11.journal",
    }
    local = {p.name for p in (data_dir / LOCAL).rglob("*") if p.is_file()}
    assert {"lock", "kiosk-lockout.json"} <= local
    assert any(p.parent.name == "progress" for p in (data_dir / LOCAL).rglob("*.json"))


def test_the_lock_in_the_local_folder_keeps_a_second_writer_out(data_dir: Path, clock):
    store = FamilyStore(data_dir, clock=clock)
    with store.lock.held():
        fd = os.open(data_dir / LOCAL / "lock", os.O_RDWR)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                taken = True
            except BlockingIOError:
                taken = False
        finally:
            os.close(fd)
    assert not taken


def test_an_old_synced_cache_is_removed_as_the_folder_opens(data_dir: Path):
    FamilyStore(data_dir, clock=FixedClock(NOON))
    old = data_dir / ".cache" / "progress"
    old.mkdir(parents=True)
    (old / "2026-11.json").write_text("{}", encoding="utf-8")

    FamilyStore(data_dir, clock=FixedClock(NOON))

    assert not (data_dir / ".cache").exists()
