"""More damaged data: deep nesting, a folder where a file goes (and the reverse), a read-only
disk under ``restore``, a damaged lock file, a lock held by a stopped copy.

Like ``test_damaged_data.py``, through the command line, never a traceback: in this
computer's state files, the damage is made good from the logs without a word; in the
logs and the ``devices`` folder, it is named (the file, and the line), everything else is
shown, a change that would have to write there is refused with advice, and no synced file
changes.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from family_tui.clock import FixedClock
from family_tui.domain.models import Settings
from family_tui.storage import FamilyStore
from family_tui.storage.errors import DataFolderShapeError
from tests.storage.storage_helpers import state

from .helpers import EXAMPLE_PROGRAM, NOON, assert_unchanged, logs, run_cli, snapshot
from .test_damaged_data import (  # noqa: F401
    COMMANDS,
    EVERYTHING,
    MONTH_FILE,
    entry,
    exported,
    exported_ids,
    family,
    stored_ids,
    the_log,
)

DEEP = 100_000


def deep_json(depth: int = DEEP) -> bytes:
    return b"[" * depth + b"]" * depth


def assert_clear_message(result, path: Path) -> None:
    assert result.code == 1, result
    assert result.out == ""
    assert result.err.startswith("family-tui: ") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    assert str(path) in result.err, result.err


# -- in this computer's state files: made again from the logs, nothing said, everything there ---------


def nested_main(family: Path) -> Path:
    path = state(family) / "family.json"
    path.write_bytes(b'{"_meta": {"1": ' + deep_json() + b"}}")
    return path


def nested_month(family: Path) -> Path:
    path = state(family) / MONTH_FILE
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
    path = state(family) / MONTH_FILE
    path.unlink()
    path.mkdir()
    return path


def practice_is_a_file(family: Path) -> Path:
    path = state(family) / "practice"
    shutil.rmtree(path)
    path.write_bytes(b"a file where the practice folder goes")
    return path


def month_deleted(family: Path) -> Path:
    for path in (state(family) / "practice").glob("2026-11.*"):
        path.unlink()
    return state(family) / MONTH_FILE


def practice_deleted(family: Path) -> Path:
    path = state(family) / "practice"
    shutil.rmtree(path)
    return path


STATE_DAMAGE = [
    nested_main,
    nested_month,
    nested_journal_line,
    main_is_a_folder,
    month_is_a_folder,
    practice_is_a_file,
    month_deleted,
    practice_deleted,
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
@pytest.mark.parametrize("damage", STATE_DAMAGE, ids=lambda c: c.__name__)
def test_a_damaged_shape_in_the_state_files_is_made_again_and_shows_everything(family, damage, command):
    damage(family)
    before, logs_before = snapshot(family), logs(family)

    result = run_cli("--data-dir", family, *command)

    assert result.code == 0, result.err
    assert "Traceback" not in result.err and ".family-tui-local" not in result.err
    assert exported_ids(family) == exported(EVERYTHING)
    assert logs(family) == logs_before
    if command[0] != "import":
        assert_unchanged(before, snapshot(family))


@pytest.mark.parametrize("damage", STATE_DAMAGE, ids=lambda c: c.__name__)
def test_a_damaged_shape_in_the_state_files_through_the_store(family, damage):
    damage(family)
    store = FamilyStore(family, clock=FixedClock(NOON))
    assert stored_ids(store) == EVERYTHING
    assert store.problems == []
    store.record_practice(entry(NOON.date(), "stairs-to-bath", "bath", entry_id="after-the-damage"))
    again = FamilyStore(family, clock=FixedClock(NOON))
    assert stored_ids(again)["practice"] == EVERYTHING["practice"] | {"after-the-damage"}


# -- in the logs and the devices folder: named, the rest shown, writes refused with advice ------------


def nested_log_line(family: Path) -> Path:
    """A line of 100,000 nested arrays, with a correct checksum, between two good lines."""
    path = the_log(family)
    body = b'{"fields":' + deep_json() + b"}"
    line = body[:-1] + b',"sum":"' + hashlib.sha256(body).hexdigest()[:16].encode() + b'"}'
    lines = path.read_bytes().split(b"\n")
    lines.insert(1, line)
    path.write_bytes(b"\n".join(lines))
    return path


def nested_log_line_without_sum(family: Path) -> Path:
    path = the_log(family)
    lines = path.read_bytes().split(b"\n")
    lines.insert(1, deep_json())
    path.write_bytes(b"\n".join(lines))
    return path


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
@pytest.mark.parametrize("damage", [nested_log_line, nested_log_line_without_sum], ids=lambda c: c.__name__)
def test_a_deeply_nested_log_line_is_named_and_everything_else_is_there(family, damage, command):
    path = damage(family)
    logs_before = logs(family)

    result = run_cli("--data-dir", family, *command)

    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    assert f"{path}, line 2:" in result.err
    assert exported_ids(family) == exported(EVERYTHING)
    assert logs(family) == logs_before


def log_is_a_folder(family: Path) -> Path:
    path = the_log(family)
    path.rename(family.parent / "log-moved-away")
    path.mkdir()
    (path / "photo.jpg").write_bytes(b"not ours")
    return path


def device_folder_is_a_file(family: Path) -> Path:
    path = the_log(family).parent
    path.rename(family.parent / "device-moved-away")
    path.write_bytes(b"a file where this computer's logs go")
    return path


def devices_is_a_file(family: Path) -> Path:
    path = family / "devices"
    path.rename(family.parent / "devices-moved-away")
    path.write_bytes(b"a file where the devices folder goes")
    return path


MISPLACED = [log_is_a_folder, device_folder_is_a_file, devices_is_a_file]


@pytest.mark.parametrize("command", COMMANDS[:4], ids=lambda c: " ".join(c[:2]))
@pytest.mark.parametrize("damage", MISPLACED, ids=lambda c: c.__name__)
def test_something_where_a_log_goes_is_named_by_every_command(family, damage, command):
    path = damage(family)
    before = snapshot(family)

    result = run_cli("--data-dir", family, *command)

    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    assert str(path) in result.err and "Move it aside" in result.err, result.err
    assert_unchanged(before, snapshot(family))


@pytest.mark.parametrize("damage", MISPLACED, ids=lambda c: c.__name__)
def test_something_where_a_log_goes_refuses_changes_with_advice_and_comes_back_when_moved(family, damage):
    path = damage(family)
    before = snapshot(family)
    changed = family.parent / "home.toml"
    changed.write_text(EXAMPLE_PROGRAM.read_text(encoding="utf-8").replace("Grandpa Joe", "Grandpa Jo"))

    result = run_cli("--data-dir", family, "import", changed)

    assert result.code == 1 and result.out == ""
    refusal = result.err.splitlines()[0]  # then the warnings every command gives about what it could not show
    assert refusal.startswith(f"family-tui: Cannot use {path}: "), result.err
    assert "Nothing has been changed" in refusal and "Move it aside" in refusal
    assert "Traceback" not in result.err
    assert_unchanged(before, snapshot(family))
    with pytest.raises(DataFolderShapeError):
        FamilyStore(family, clock=FixedClock(NOON)).save_settings(Settings(daily_minutes_target=25))

    # Put back as it was: everything is there again, and nothing is said.
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink()
    moved = {
        log_is_a_folder: "log-moved-away",
        device_folder_is_a_file: "device-moved-away",
        devices_is_a_file: "devices-moved-away",
    }[damage]
    (family.parent / moved).rename(path)
    store = FamilyStore(family, clock=FixedClock(NOON))
    assert stored_ids(store) == EVERYTHING
    assert store.problems == []


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
