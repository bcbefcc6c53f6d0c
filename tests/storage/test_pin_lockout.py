"""The kiosk's wrong-PIN count and wait, kept in the data folder across restarts.

A crash and a restart used to hand a guesser five fresh tries. The gate is now read and
written under the folder's lock; a restart on the same boot finds exactly the wait that
was left (whatever the wall clock did), and after a reboot the wall clock decides, never
making the wait longer than it was.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from family_tui.clock import FixedClock
from family_tui.domain.kiosk import MAX_TRIES, PinResult
from family_tui.domain.pin import hash_pin
from family_tui.storage import FamilyStore
from family_tui.storage.lockout import LOCKOUT_FILE, KeptPinGate

PIN = "2468"
WRONG = "1357"
MORNING = datetime(2026, 11, 26, 7, 20)


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return hash_pin(PIN)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(MORNING)


@pytest.fixture
def folder(tmp_path, clock) -> FamilyStore:
    return FamilyStore(tmp_path / "family", clock=clock)


def kept(store: FamilyStore, clock: FixedClock) -> KeptPinGate:
    """What a (re)started kiosk on this folder reads."""
    return KeptPinGate(store.data_dir, store.lock, clock)


def five_wrong(gate: KeptPinGate, pin_hash: str) -> None:
    for _ in range(MAX_TRIES):
        assert gate.attempt(WRONG, pin_hash) is PinResult.WRONG


def test_a_restart_keeps_the_wait(folder, clock, pin_hash):
    five_wrong(kept(folder, clock), pin_hash)
    clock.advance(seconds=10)
    again = kept(folder, clock)
    assert again.gate.seconds_left(clock.monotonic()) == 20
    assert again.attempt(PIN, pin_hash) is PinResult.LOCKED_OUT
    clock.advance(seconds=20)
    assert kept(folder, clock).attempt(PIN, pin_hash) is PinResult.RIGHT


def test_a_restart_keeps_the_count(folder, clock, pin_hash):
    gate = kept(folder, clock)
    for _ in range(MAX_TRIES - 1):
        gate.attempt(WRONG, pin_hash)
    again = kept(folder, clock)
    assert again.gate.message(clock.monotonic()) == "That PIN is not right. 1 more try before a 30-second wait."
    assert again.attempt(WRONG, pin_hash) is PinResult.WRONG
    assert again.gate.locked(clock.monotonic())


def test_the_right_pin_clears_what_is_kept(folder, clock, pin_hash):
    gate = kept(folder, clock)
    gate.attempt(WRONG, pin_hash)
    assert gate.attempt(PIN, pin_hash) is PinResult.RIGHT
    assert kept(folder, clock).gate.wrong_in_a_row == 0


def test_setting_the_clock_forward_on_the_same_boot_does_not_end_the_wait(folder, clock, pin_hash):
    five_wrong(kept(folder, clock), pin_hash)
    clock.jump(MORNING + timedelta(days=1))
    assert kept(folder, clock).gate.seconds_left(clock.monotonic()) == 30


def test_after_a_reboot_the_wall_clock_counts(folder, clock, pin_hash):
    five_wrong(kept(folder, clock), pin_hash)
    rebooted = FixedClock(MORNING + timedelta(seconds=12))  # a new boot: another monotonic clock
    assert kept(folder, rebooted).gate.seconds_left(rebooted.monotonic()) == 18
    much_later = FixedClock(MORNING + timedelta(minutes=5))
    assert not kept(folder, much_later).gate.locked(much_later.monotonic())


def test_after_a_reboot_a_clock_set_back_never_lengthens_the_wait(folder, clock, pin_hash):
    five_wrong(kept(folder, clock), pin_hash)
    set_back = FixedClock(MORNING - timedelta(hours=3))
    assert kept(folder, set_back).gate.seconds_left(set_back.monotonic()) == 30


def test_two_copies_count_wrong_pins_together(folder, clock, pin_hash):
    first, second = kept(folder, clock), kept(folder, clock)
    for _ in range(3):
        first.attempt(WRONG, pin_hash)
    second.attempt(WRONG, pin_hash)
    assert second.gate.tries_left == 1
    assert first.attempt(WRONG, pin_hash) is PinResult.WRONG
    assert first.gate.locked(clock.monotonic())
    assert second.attempt(PIN, pin_hash) is PinResult.LOCKED_OUT


def test_the_file_is_written_atomically_and_private(folder, clock, pin_hash):
    kept(folder, clock).attempt(WRONG, pin_hash)
    path = folder.data_dir / LOCKOUT_FILE
    assert json.loads(path.read_text())["wrong_in_a_row"] == 1
    assert path.stat().st_mode & 0o777 == 0o600
    assert not [p for p in folder.data_dir.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    "content", [b"", b"{", b"[]", b'{"wrong_in_a_row": "five"}', b'{"wrong_in_a_row": -1, "wait_seconds": 0}']
)
def test_an_unreadable_file_means_no_wrong_pins_yet_and_is_replaced(folder, clock, pin_hash, content):
    path = folder.data_dir / LOCKOUT_FILE
    path.write_bytes(content)
    gate = kept(folder, clock)
    assert gate.gate.wrong_in_a_row == 0
    gate.attempt(WRONG, pin_hash)
    assert json.loads(path.read_text())["wrong_in_a_row"] == 1


def test_a_folder_that_cannot_be_written_still_counts_in_memory(folder, clock, pin_hash, monkeypatch):
    def read_only(path, data, **_):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("family_tui.storage.lockout.atomic_write_bytes", read_only)
    gate = kept(folder, clock)
    five_wrong(gate, pin_hash)
    assert gate.gate.locked(clock.monotonic())
    assert gate.attempt(PIN, pin_hash) is PinResult.LOCKED_OUT
    assert not (folder.data_dir / LOCKOUT_FILE).exists()
