"""More damaged data: deep nesting, a folder where a file goes (and the reverse), a read-only
disk under ``restore``, a damaged lock file, a lock held by a stopped copy.

Like ``test_damaged_data.py``: each case goes through the command line and must end in a
message that names the file and says what to do, never a traceback, and change no file.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from family_tui.clock import FixedClock
from family_tui.storage import FamilyStore
from tests.storage.storage_helpers import state

from .helpers import NOON, assert_unchanged, run_cli, snapshot
from .test_damaged_data import COMMANDS, EVERYTHING, MONTH_FILE, entry, family, stored_ids  # noqa: F401

DEEP = 100_000


def deep_json(depth: int = DEEP) -> bytes:
    return b"[" * depth + b"]" * depth


def assert_clear_message(result, path: Path) -> None:
    assert result.code == 1, result
    assert result.out == ""
    assert result.err.startswith("family-tui: ") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    assert str(path) in result.err, result.err


def nested_main(family: Path) -> Path:
    path = state(family) / "family.json"
    path.write_bytes(b'{"_meta": {"1": ' + deep_json() + b"}}")
    return path


def nested_month(family: Path) -> Path:
    path = family / MONTH_FILE
    path.write_bytes(b'{"practice": {"1": {"deep": ' + deep_json() + b"}}}")
    return path


def nested_journal_line(family: Path) -> Path:
    path = state(family) / "practice" / "2026-11.journal"
    with open(path, "ab") as handle:
        handle.write(b'{"op":"put","entry":' + deep_json() + b"}\n")
    return path


def main_is_a_folder(family: Path) -> Path:
    path = state(family) / "family.json"
    path.unlink()
    path.mkdir()
    (path / "photo.jpg").write_bytes(b"not ours")
    return path


def month_is_a_folder(family: Path) -> Path:
    path = family / MONTH_FILE
    path.unlink()
    path.mkdir()
    return path


def practice_is_a_file(family: Path) -> Path:
    path = state(family) / "practice"
    moved = family.parent / "practice-moved-away"
    path.rename(moved)
    path.write_bytes(b"a file where the practice folder goes")
    return path


READ_PRACTICE = [c for c in COMMANDS if c[0] in ("export", "report")]
CASES = [
    *((damage, command) for damage in (nested_main, main_is_a_folder, practice_is_a_file) for command in COMMANDS[:4]),
    # export-program does not read the practice months: the commands that do.
    *(
        (damage, command)
        for damage in (nested_month, nested_journal_line, month_is_a_folder)
        for command in READ_PRACTICE
    ),
]


@pytest.mark.parametrize(("damage", "command"), CASES, ids=lambda c: c.__name__ if callable(c) else " ".join(c[:2]))
def test_a_damaged_shape_gives_a_message_and_changes_nothing(family, damage, command):
    path = damage(family)
    before = snapshot(family)

    result = run_cli("--data-dir", family, *command)

    assert_clear_message(result, path)
    assert "Nothing has been changed" in result.err
    assert_unchanged(before, snapshot(family))


@pytest.mark.parametrize(
    "damage", [nested_main, nested_month, nested_journal_line, main_is_a_folder, month_is_a_folder]
)
def test_damage_in_a_file_names_a_backup_to_restore(family, damage):
    damage(family)
    result = run_cli("--data-dir", family, "export")
    assert f"family-tui --data-dir {family} restore 2026-11-26" in result.err, result.err


def test_a_file_where_the_practice_folder_goes_says_to_move_it_aside(family):
    path = practice_is_a_file(family)
    result = run_cli("--data-dir", family, "export")
    assert_clear_message(result, path)
    assert "Move it aside" in result.err


# -- restore on a read-only disk --------------------------------------------------------------


def test_restore_on_a_read_only_disk_says_so_and_changes_nothing(family, monkeypatch):
    (state(family) / "family.json").write_bytes(b"")  # the reason to restore
    before = snapshot(family)
    real_mkdir = os.mkdir

    def read_only_mkdir(path, *args, **kwargs):
        if Path(os.fsdecode(path)).resolve().is_relative_to(family.resolve()):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fsdecode(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", read_only_mkdir)
    result = run_cli("--data-dir", family, "restore", "2026-11-26")

    assert_clear_message(result, family / "backups")
    assert "Read-only file system" in result.err
    assert "Nothing has been changed" in result.err
    assert_unchanged(before, snapshot(family))


# -- a damaged lock file --------------------------------------------------------------------------


def test_a_lock_file_of_ff_bytes_is_no_obstacle(family):
    (family / ".family-tui-local" / "lock").write_bytes(b"\xff" * 8)
    store = FamilyStore(family, clock=FixedClock(NOON))
    store.record_practice(entry(NOON.date(), "stairs-to-bath", "bath", entry_id="after-the-damage"))
    store.save_many([])

    again = FamilyStore(family, clock=FixedClock(NOON))
    assert stored_ids(again)["practice"] == EVERYTHING["practice"] | {"after-the-damage"}
    result = run_cli("--data-dir", family, "export")
    assert result.code == 0, result.err
    assert "after-the-damage" in result.out


# -- a lock held by a stopped copy ------------------------------------------------------------------


HOLDER = """
import fcntl, os, signal, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
os.kill(os.getpid(), signal.SIGSTOP)
"""


def test_a_lock_held_by_a_stopped_copy_is_named_while_waiting(family, tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(family / ".family-tui-local" / "lock")], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
        waiting = subprocess.Popen(
            [sys.executable, "-m", "family_tui", "--data-dir", str(family), "export", "-o", str(tmp_path / "out.json")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        os.set_blocking(waiting.stderr.fileno(), False)
        said = ""
        deadline = time.monotonic() + 30
        while "Waiting" not in said and time.monotonic() < deadline:
            time.sleep(0.1)
            try:
                said += os.read(waiting.stderr.fileno(), 65536).decode()
            except BlockingIOError:
                pass
        assert waiting.poll() is None, "it waits for the lock"
        assert f"Waiting for another copy of family-tui (pid {holder.pid}) that is using {family}" in said, said
        assert f"end process {holder.pid}" in said
    finally:
        holder.send_signal(signal.SIGCONT)
        holder.wait(10)
    os.set_blocking(waiting.stderr.fileno(), True)
    _, rest = waiting.communicate(timeout=60)
    rest = rest.decode()
    assert waiting.returncode == 0, rest
    assert json.loads((tmp_path / "out.json").read_text())["practice"]
