"""Kiosk mode rules that need no screen: the PIN gate and the idle watch.

Kiosk mode keeps little hands on the Today screen of a shared laptop. A parent unlocks
"parent mode" with the PIN; it locks again when nobody has pressed a key for a while, and
the kiosk drifts back to Today when it has been left alone.

Everything here takes "now" as an argument: seconds on the clock's ``monotonic()``, so
that setting the laptop's clock (or daylight saving time) neither ends a wait early nor
stretches it, and tests move time with a ``FixedClock``.
"""

from __future__ import annotations

import enum
import math
from datetime import timedelta

from .light_dataclass import light_dataclass
from .pin import verify_pin

MAX_TRIES = 5
"""Wrong PINs in a row before the gate makes everyone wait."""

LOCKOUT = timedelta(seconds=30)
"""How long the wait is, after the fifth wrong PIN and after every wrong PIN that follows it."""

NO_PIN_MESSAGE = (
    "Kiosk mode needs a parent PIN first, so that only a parent can quit or edit. Set one with: family-tui set-pin"
)


class KioskNeedsPinError(RuntimeError):
    """Kiosk mode was asked for, but no parent PIN is set."""

    def __init__(self, message: str = NO_PIN_MESSAGE) -> None:
        super().__init__(message)


class PinResult(enum.Enum):
    RIGHT = "right"
    WRONG = "wrong"
    LOCKED_OUT = "locked_out"
    """Too many wrong tries: the PIN was not even checked."""


@light_dataclass
class PinGate:
    """Counts wrong PINs in a row and makes a guesser wait.

    After ``MAX_TRIES`` wrong PINs in a row nobody may try for ``LOCKOUT``. The count only
    goes back to zero with the right PIN, so every further wrong PIN costs another wait:
    trying all 10,000 four-digit PINs would take days.
    """

    wrong_in_a_row: int = 0
    locked_until: float | None = None
    """When the wait ends, on the clock's ``monotonic()``; None when there is none."""

    def locked(self, now: float) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def wait_left(self, now: float) -> float:
        """Seconds until the next try is allowed; 0 when it is."""
        if self.locked_until is None:
            return 0.0
        return max(0.0, self.locked_until - now)

    def seconds_left(self, now: float) -> int:
        """Whole seconds (rounded up) until the next try is allowed; 0 when it is."""
        return math.ceil(self.wait_left(now))

    @property
    def tries_left(self) -> int:
        """Wrong PINs still allowed before a wait (0 once the limit is reached)."""
        return max(0, MAX_TRIES - self.wrong_in_a_row)

    def attempt(self, pin: str, pin_hash: str | None, now: float) -> PinResult:
        if self.locked(now):
            return PinResult.LOCKED_OUT
        if verify_pin(pin, pin_hash):
            self.wrong_in_a_row = 0
            self.locked_until = None
            return PinResult.RIGHT
        self.wrong_in_a_row += 1
        if self.wrong_in_a_row >= MAX_TRIES:
            self.locked_until = now + LOCKOUT.total_seconds()
        return PinResult.WRONG

    def message(self, now: float) -> str:
        """What the PIN prompt says about tries and waiting ('' when there is nothing to say)."""
        if self.locked(now):
            seconds = self.seconds_left(now)
            unit = "second" if seconds == 1 else "seconds"
            return f"Too many tries. Try again in {seconds} {unit}."
        if self.wrong_in_a_row == 0:
            return ""
        if self.tries_left == 0:
            return "That PIN is not right. One more wrong PIN means another 30-second wait."
        tries = "1 more try" if self.tries_left == 1 else f"{self.tries_left} more tries"
        return f"That PIN is not right. {tries} before a 30-second wait."


class IdleWatch:
    """When someone last pressed a key, and whether the idle consequences already happened.

    Times are seconds on the clock's ``monotonic()``.
    """

    def __init__(self, now: float) -> None:
        self.last_activity = now
        self._went_home = False

    def touch(self, now: float) -> None:
        """A key press (or click): the laptop is in use."""
        self.last_activity = now
        self._went_home = False

    def idle_for(self, now: float) -> timedelta:
        return timedelta(seconds=max(0.0, now - self.last_activity))

    def parent_mode_expired(self, now: float, parent_idle_minutes: int) -> bool:
        """Parent mode should lock: no key for ``parent_idle_minutes``."""
        return self.idle_for(now) >= timedelta(minutes=parent_idle_minutes)

    def should_go_home(self, now: float, kiosk_idle_minutes: int) -> bool:
        """True once per idle spell, when the kiosk has been left alone long enough.

        It is true again only after a key press and another ``kiosk_idle_minutes`` of quiet,
        so the Today screen is not reset every second while nobody is there.
        """
        if self._went_home or self.idle_for(now) < timedelta(minutes=kiosk_idle_minutes):
            return False
        self._went_home = True
        return True
