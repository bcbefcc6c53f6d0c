"""The kiosk's wrong-PIN count and wait, kept in the data folder's never-synced local folder.

Without it, a crash (or pulling the plug) and a restart would hand a guesser five fresh
tries. The file is small and about this machine, not family data: it is not backed up
or exported, and a missing or unreadable one means no wrong PINs yet.

Across a restart the wait left is worked out as follows:

* on the same boot of the machine, from the monotonic clock, which every process shares
  and nobody can set: exactly the wait that was left;
* after a reboot, from the wall clock; a clock set back counts as no time passed, so
  the wait is never longer than it was, nor shorter than the wall clock says is left.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..clock import Clock
from ..domain.kiosk import LOCKOUT, PinGate, PinResult
from .atomic import atomic_write_bytes, ensure_private_dir
from .errors import StorageError
from .local import LOCAL_DIR
from .lock import DataFolderLock

LOCKOUT_FILE = Path(LOCAL_DIR) / "kiosk-lockout.json"
"""In the never-synced local folder: a guesser here gains no tries from the other home, nor loses any."""


class KeptPinGate:
    """A :class:`PinGate` that lives in the data folder, read and written under its lock.

    Every try reads the gate from disk first, so two copies of the app on one folder
    count wrong PINs together. If the folder cannot be written, the gate goes on counting
    in memory for as long as this copy runs.
    """

    def __init__(self, data_dir: Path, lock: DataFolderLock, clock: Clock) -> None:
        self.path = Path(data_dir) / LOCKOUT_FILE
        self.lock = lock
        self.clock = clock
        self._on_disk = True
        try:
            with self.lock.held():
                self.gate = self._read()
        except StorageError:
            self._on_disk = False
            self.gate = PinGate()

    def attempt(self, pin: str, pin_hash: str | None) -> PinResult:
        try:
            with self.lock.held():
                return self._attempt(pin, pin_hash)
        except StorageError:  # the lock file cannot even be opened
            self._on_disk = False
            return self._attempt(pin, pin_hash)

    def _attempt(self, pin: str, pin_hash: str | None) -> PinResult:
        if self._on_disk:
            self.gate = self._read()
        before = (self.gate.wrong_in_a_row, self.gate.locked_until)
        result = self.gate.attempt(pin, pin_hash, self.clock.monotonic())
        if self._on_disk and (self.gate.wrong_in_a_row, self.gate.locked_until) != before:
            self._on_disk = self._write()
        return result

    def _write(self) -> bool:
        now = self.clock.monotonic()
        data = {
            "wrong_in_a_row": self.gate.wrong_in_a_row,
            "wait_seconds": self.gate.wait_left(now),
            "written_at": _instant(self.clock).isoformat(),
            "monotonic_epoch": self.clock.monotonic_epoch(),
            "monotonic_at": now,
        }
        try:
            ensure_private_dir(self.path.parent)
            atomic_write_bytes(self.path, json.dumps(data, indent=1).encode())
        except OSError:
            return False
        return True

    def _read(self) -> PinGate:
        try:
            data = json.loads(self.path.read_bytes())
            return self._gate(data)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return PinGate()

    def _gate(self, data: dict[str, Any]) -> PinGate:
        wrong = data["wrong_in_a_row"]
        wait = float(data["wait_seconds"])
        if not isinstance(wrong, int) or isinstance(wrong, bool) or wrong < 0 or not wait >= 0:
            raise ValueError("not a lockout record")
        gate = PinGate(wrong_in_a_row=wrong)
        left = min(wait, LOCKOUT.total_seconds()) - self._elapsed(data)
        if left > 0:
            gate.locked_until = self.clock.monotonic() + left
        return gate

    def _elapsed(self, data: dict[str, Any]) -> float:
        """Seconds since the file was written (0 when the clocks cannot say)."""
        epoch = self.clock.monotonic_epoch()
        if epoch is not None and data.get("monotonic_epoch") == epoch:
            elapsed = self.clock.monotonic() - float(data["monotonic_at"])
        else:
            written = datetime.fromisoformat(data["written_at"])
            now = _instant(self.clock)
            if (written.tzinfo is None) != (now.tzinfo is None):
                return 0.0
            elapsed = (now - written).total_seconds()
        return max(0.0, elapsed)


def _instant(clock: Clock) -> datetime:
    """Wall time as an instant (UTC) when the clock knows its zone; naive local otherwise."""
    now = clock.local_now()
    return now.astimezone(UTC) if now.tzinfo is not None else now
