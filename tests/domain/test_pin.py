"""The parent PIN: hashed, checked, and guarded by a gate that makes guessers wait."""

from __future__ import annotations

from datetime import timedelta

import pytest

from family_tui.domain.kiosk import LOCKOUT, MAX_TRIES, IdleWatch, PinGate, PinResult
from family_tui.domain.pin import PinError, check_pin_format, hash_pin, verify_pin

NOW = 1000.0
"""Seconds on the clock's monotonic(): the gate and the idle watch count waits on it."""


def at(**delta: float) -> float:
    return NOW + timedelta(**delta).total_seconds()


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return hash_pin("2468")


# -- the hash ------------------------------------------------------------------------


@pytest.mark.parametrize("pin", ["1234", "000000", "123456789012"])
def test_four_to_twelve_digits_are_a_pin(pin):
    check_pin_format(pin)


@pytest.mark.parametrize("pin", ["", "123", "1234567890123", "12a4", " 1234", "1234\n", "١٢٣٤", "12.4"])
def test_anything_else_is_not(pin):
    with pytest.raises(PinError, match="4 to 12 digits"):
        check_pin_format(pin)


def test_the_hash_holds_neither_the_pin_nor_the_same_salt_twice(pin_hash):
    assert "2468" not in pin_hash
    assert pin_hash.startswith("scrypt$")
    assert hash_pin("2468") != pin_hash


def test_only_the_right_pin_verifies(pin_hash):
    assert verify_pin("2468", pin_hash)
    assert not verify_pin("2469", pin_hash)
    assert not verify_pin("24680", pin_hash)
    assert not verify_pin("", pin_hash)


@pytest.mark.parametrize("stored", [None, "", "garbage", "md5$1$2$3$4$5", "scrypt$x$8$1$AAAA$AAAA"])
def test_no_or_damaged_hash_never_verifies(stored):
    assert not verify_pin("2468", stored)


# -- the gate ------------------------------------------------------------------------


def test_right_pin_is_right_and_resets_the_count(pin_hash):
    gate = PinGate()
    assert gate.attempt("1111", pin_hash, NOW) is PinResult.WRONG
    assert gate.wrong_in_a_row == 1
    assert gate.attempt("2468", pin_hash, NOW) is PinResult.RIGHT
    assert gate.wrong_in_a_row == 0
    assert gate.message(NOW) == ""


def test_wrong_pins_say_how_many_tries_are_left(pin_hash):
    gate = PinGate()
    gate.attempt("1111", pin_hash, NOW)
    assert gate.message(NOW) == "That PIN is not right. 4 more tries before a 30-second wait."
    for _ in range(3):
        gate.attempt("1111", pin_hash, NOW)
    assert gate.message(NOW) == "That PIN is not right. 1 more try before a 30-second wait."


def test_five_wrong_in_a_row_mean_a_thirty_second_wait(pin_hash):
    gate = PinGate()
    for _ in range(MAX_TRIES):
        assert gate.attempt("1111", pin_hash, NOW) is PinResult.WRONG
    assert gate.locked(NOW)
    assert gate.message(NOW) == "Too many tries. Try again in 30 seconds."
    # Even the right PIN is not checked during the wait.
    assert gate.attempt("2468", pin_hash, at(seconds=29)) is PinResult.LOCKED_OUT
    assert gate.message(at(seconds=29)) == "Too many tries. Try again in 1 second."
    later = NOW + LOCKOUT.total_seconds()
    assert not gate.locked(later)
    assert gate.attempt("2468", pin_hash, later) is PinResult.RIGHT
    assert not gate.locked(later) and gate.wrong_in_a_row == 0


def test_after_the_wait_each_wrong_pin_costs_another_wait(pin_hash):
    gate = PinGate()
    for _ in range(MAX_TRIES):
        gate.attempt("1111", pin_hash, NOW)
    later = NOW + LOCKOUT.total_seconds()
    assert gate.attempt("1111", pin_hash, later) is PinResult.WRONG
    assert gate.locked(later)
    assert gate.seconds_left(later) == 30


def test_locked_out_tries_do_not_extend_the_wait(pin_hash):
    gate = PinGate()
    for _ in range(MAX_TRIES):
        gate.attempt("1111", pin_hash, NOW)
    gate.attempt("1111", pin_hash, at(seconds=20))
    assert gate.seconds_left(at(seconds=20)) == 10


# -- the idle watch ------------------------------------------------------------------


def test_parent_mode_expires_after_the_idle_minutes_without_a_key():
    watch = IdleWatch(NOW)
    assert not watch.parent_mode_expired(at(minutes=9, seconds=59), 10)
    assert watch.parent_mode_expired(at(minutes=10), 10)
    watch.touch(at(minutes=9))
    assert not watch.parent_mode_expired(at(minutes=10), 10)


def test_going_home_happens_once_per_idle_spell():
    watch = IdleWatch(NOW)
    assert not watch.should_go_home(at(minutes=4), 5)
    assert watch.should_go_home(at(minutes=5), 5)
    assert not watch.should_go_home(at(minutes=6), 5)
    watch.touch(at(minutes=7))
    assert not watch.should_go_home(at(minutes=11), 5)
    assert watch.should_go_home(at(minutes=12), 5)


def test_a_clock_moved_back_is_not_negative_idleness():
    watch = IdleWatch(NOW)
    assert watch.idle_for(NOW - 3600) == timedelta(0)
