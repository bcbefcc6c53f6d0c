"""Damaged data, a read-only folder, a full disk: a clear message, every other record kept, nothing overwritten.

Each case is met through the command line (``family_tui.cli.main``: exit status 1 and a
message on standard error that names the file and says what to do) and through the
store API. Before and after, every file in the data folder is compared byte for byte.
"""

from __future__ import annotations

import builtins
import errno
import hashlib
import io
import json
import os
import re
import shutil
import stat
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from family_tui.clock import FixedClock
from family_tui.domain.models import Note, NoteKind, PracticeEntry, Win
from family_tui.storage import SCHEMA_VERSION, FamilyStore, NewerSchemaError, StorageError
from family_tui.storage.backups import backup_root
from family_tui.storage.devices import oplog
from family_tui.storage.devices.oplog import log_files, read_logs
from family_tui.usecases.program_import import import_program
from tests.log_lines import another_home_sets
from tests.storage.storage_helpers import state

from .helpers import EXAMPLE_PROGRAM, NOON, assert_unchanged, logs, run_cli, snapshot

YESTERDAY = NOON - timedelta(days=1)
OCTOBER = date(2026, 10, 20)
MONTH_FILE = "practice/2026-11.json"


def entry(day: date, strategy: str, routine: str, *, minutes: int = 3, entry_id: str | None = None) -> PracticeEntry:
    stamp = datetime.combine(day, NOON.time())
    extra = {"id": entry_id} if entry_id else {}
    return PracticeEntry(
        date=day,
        child="leo",
        strategy=strategy,
        routine=routine,
        minutes=minutes,
        created_at=stamp,
        updated_at=stamp,
        **extra,
    )


def observation(text: str, note_id: str) -> Note:
    return Note(
        id=note_id,
        kind=NoteKind.OBSERVATION,
        child="leo",
        author="Mom",
        text=text,
        created_at=YESTERDAY,
        updated_at=YESTERDAY,
    )


@pytest.fixture
def family(data_dir: Path) -> Path:
    """Two days of use: the example program, practice in October and November, notes, a win.

    Yesterday's data is in today's backup (the command line runs at NOON too). November's entries are in the month file itself
    (written in bulk), so a test can damage one record there.
    """
    clock = FixedClock(YESTERDAY)
    store = FamilyStore(data_dir, clock=clock)
    import_program(store, EXAMPLE_PROGRAM)
    store.record_many(
        [
            entry(OCTOBER, "snack-s-words", "breakfast", entry_id="october"),
            entry(YESTERDAY.date(), "snack-s-words", "breakfast", entry_id="yesterday-snack"),
            entry(YESTERDAY.date(), "bath-s-toys", "bath", entry_id="yesterday-bath"),
            entry(YESTERDAY.date(), "button-bottom-up", "dressing", entry_id="yesterday-buttons"),
        ]
    )
    store.save(observation("Said 'sun' at breakfast.", "note-yesterday"))
    store.save(Win(id="win-yesterday", child="leo", text="Climbed the stairs!", when=YESTERDAY, who="Dad"))
    clock.set(NOON)
    store = FamilyStore(data_dir, clock=clock)  # makes today's backup
    store.save(observation("Buttoned two buttons.", "note-today"))
    return data_dir


def stored_ids(store: FamilyStore) -> dict[str, set[str]]:
    return {
        "practice": {e.id for e in store.all_practice()},
        "notes": {n.id for n in store.notes()},
        "wins": {w.id for w in store.wins()},
        "strategies": {s.id for s in store.program().strategies},
    }


EVERYTHING = {
    "practice": {"october", "yesterday-snack", "yesterday-bath", "yesterday-buttons"},
    "notes": {"note-yesterday", "note-today"},
    "wins": {"win-yesterday"},
    "strategies": {"snack-s-words", "bath-s-toys", "button-bottom-up", "stairs-to-bath"},
}

# Every command that opens the family's data; none may run on a damaged main file.
COMMANDS = [
    ("export",),
    ("export", "--format", "csv"),
    ("export-program",),
    ("report", "--from", "2026-11-20", "--to", "2026-11-26"),
    ("import", str(EXAMPLE_PROGRAM)),
]


# -- the version marker, the state files, the logs -------------------------------------------------


def empty(raw: bytes) -> bytes:
    return b""


def truncated(raw: bytes) -> bytes:
    return raw[: len(raw) * 2 // 3]


def garbage(raw: bytes) -> bytes:
    return b"\x00\xff not json at all {{{"


def newer(raw: bytes) -> bytes:
    data = json.loads(raw)
    data["_meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    data["journal_v2"] = {"1": {"shape": "from the future"}}
    return json.dumps(data).encode("utf-8")


def exported_ids(family: Path) -> dict[str, set[str]]:
    """What ``export`` shows, as ids per kind of record (the command line's view of the data)."""
    result = run_cli("--data-dir", family, "export")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    return {
        "practice": {e["id"] for e in data["practice"]},
        "notes": {n["id"] for n in data["notes"]},
        "wins": {w["id"] for w in data["wins"]},
    }


def exported(ids: dict[str, set[str]]) -> dict[str, set[str]]:
    """The ids ``export`` shows of these (it holds no strategies)."""
    return {kind: found for kind, found in ids.items() if kind != "strategies"}


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]).replace(str(EXAMPLE_PROGRAM), "FILE"))
def test_a_marker_from_a_newer_version_stops_every_command_with_advice(family, command):
    marker = family / "family.json"
    marker.write_bytes(newer(marker.read_bytes()))
    before, logs_before = snapshot(family), logs(family)

    result = run_cli("--data-dir", family, *command)

    assert result.code == 1
    assert result.out == ""
    message = result.err
    assert message.startswith("family-tui: ") and message.count("\n") == 1, message
    assert str(marker) in message
    assert "Nothing has been changed" in message
    assert "newer version of family-tui" in message and "Please update family-tui" in message
    assert_unchanged(before, snapshot(family))
    assert logs(family) == logs_before


def test_a_marker_from_a_newer_version_through_the_store(family):
    marker = family / "family.json"
    marker.write_bytes(newer(marker.read_bytes()))
    before = snapshot(family)

    with pytest.raises(NewerSchemaError) as caught:
        FamilyStore(family, clock=FixedClock(NOON))
    assert str(marker) in str(caught.value)
    assert_unchanged(before, snapshot(family))


# The marker holds no family data and the state files are this computer's copy of the logs:
# damage to either is made good from the logs, silently, and every record is there.
DERIVED = {
    "marker": lambda family: family / "family.json",
    "state-main": lambda family: state(family) / "family.json",
    "state-month": lambda family: state(family) / MONTH_FILE,
    "state-journal": lambda family: state(family) / "practice" / "2026-11.journal",
}


@pytest.mark.parametrize("damage", [empty, truncated, garbage])
@pytest.mark.parametrize("where", DERIVED)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]).replace(str(EXAMPLE_PROGRAM), "FILE"))
def test_a_damaged_marker_or_state_file_is_made_again_and_every_command_shows_everything(
    family, damage, where, command
):
    path = DERIVED[where](family)
    marker = (family / "family.json").read_bytes()
    path.write_bytes(damage(path.read_bytes()) if path.exists() else damage(b""))
    logs_before = logs(family)

    result = run_cli("--data-dir", family, *command)

    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    assert "family.json" not in result.err and ".family-tui-local" not in result.err and "damaged" not in result.err
    assert exported_ids(family) == exported(EVERYTHING)
    assert (family / "family.json").read_bytes() == marker
    assert logs(family) == logs_before  # the family's data was only read


@pytest.mark.parametrize("damage", [empty, truncated, garbage])
@pytest.mark.parametrize("where", DERIVED)
def test_a_damaged_marker_or_state_file_through_the_store(family, damage, where):
    path = DERIVED[where](family)
    path.write_bytes(damage(path.read_bytes()) if path.exists() else damage(b""))
    logs_before = logs(family)

    store = FamilyStore(family, clock=FixedClock(NOON))
    assert stored_ids(store) == EVERYTHING
    assert store.problems == []
    assert logs(family) == logs_before
    store.save(observation("Said 'moon' at bedtime.", "note-after"))
    assert stored_ids(FamilyStore(family, clock=FixedClock(NOON)))["notes"] == EVERYTHING["notes"] | {"note-after"}


# -- a damaged line in a log -------------------------------------------------------------------------


def the_log(family: Path) -> Path:
    (path,) = log_files(family)
    return path


def line_of(path: Path, needle: bytes) -> int:
    """The number (from 1) of the one line of ``path`` that holds ``needle``."""
    (number,) = [n for n, line in enumerate(path.read_bytes().split(b"\n"), start=1) if needle in line]
    return number


def replace_line(path: Path, number: int, new: bytes) -> None:
    lines = path.read_bytes().split(b"\n")
    lines[number - 1] = new
    path.write_bytes(b"\n".join(lines))


def deep_line() -> bytes:
    """A line with a correct checksum around 100,000 nested arrays: intact bytes, but no operation."""
    body = b'{"fields":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    return body[:-1] + b',"sum":"' + hashlib.sha256(body).hexdigest()[:16].encode() + b'"}'


def line_garbage(line: bytes) -> bytes:
    return b"\x00\xffgarbage{{{"


def line_cut(line: bytes) -> bytes:
    return line[: len(line) // 2]


def line_flipped(line: bytes) -> bytes:
    flipped = bytearray(line)
    flipped[len(line) // 2] ^= 0x01
    return bytes(flipped)


def line_deep(line: bytes) -> bytes:
    return deep_line()


def line_invalid_json(line: bytes) -> bytes:
    """Valid checksum, but the bytes before it are not JSON."""
    body = b'{"op":"set",' + line[20:40] + b"}"
    return body[:-1] + b',"sum":"' + hashlib.sha256(body).hexdigest()[:16].encode() + b'"}'


LINE_DAMAGE = [line_garbage, line_cut, line_flipped, line_deep, line_invalid_json]


def damage_todays_note(family: Path, damage) -> tuple[Path, int]:
    """Damage the log line that holds today's note (a line of its own); the log and the line's number.

    A flipped byte leaves the log as long as it was: this computer, which read the line
    intact, goes on showing what it read (see the test below); the damage is met by a
    computer folding the log afresh, as another home does. Its state is removed to be one.
    """
    path = the_log(family)
    number = line_of(path, b'"note-today"')
    line = path.read_bytes().split(b"\n")[number - 1]
    replace_line(path, number, damage(line))
    if damage is line_flipped:
        shutil.rmtree(state(family))
    return path, number


WITHOUT_TODAYS_NOTE = {**EVERYTHING, "notes": {"note-yesterday"}}


@pytest.mark.parametrize("damage", LINE_DAMAGE)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]).replace(str(EXAMPLE_PROGRAM), "FILE"))
def test_a_damaged_log_line_is_named_by_every_command_and_the_rest_counts(family, damage, command):
    path, number = damage_todays_note(family, damage)
    logs_before = logs(family)

    result = run_cli("--data-dir", family, *command)

    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    assert f"{path}, line {number}:" in result.err, result.err
    assert exported_ids(family) == exported(WITHOUT_TODAYS_NOTE)
    after = logs(family)
    assert after[path.relative_to(family).as_posix()] == logs_before[path.relative_to(family).as_posix()]
    assert all(after[name] == raw for name, raw in logs_before.items())  # the damaged bytes are never rewritten


def test_a_byte_flipped_in_a_line_this_computer_already_read_is_still_named(family):
    """The log keeps its size, so only its bytes tell: the end of every log is checked at each opening."""
    path = the_log(family)
    number = line_of(path, b'"note-today"')
    replace_line(path, number, line_flipped(path.read_bytes().split(b"\n")[number - 1]))
    damaged = path.read_bytes()

    result = run_cli("--data-dir", family, "export")
    assert result.code == 0
    assert f"{path}, line {number}:" in result.err
    assert exported_ids(family) == exported(WITHOUT_TODAYS_NOTE)
    assert path.read_bytes() == damaged


def test_a_line_inserted_between_two_good_ones_is_named_and_nothing_is_lost(family):
    path = the_log(family)
    lines = path.read_bytes().split(b"\n")
    lines.insert(2, b"someone typed here")
    path.write_bytes(b"\n".join(lines))

    result = run_cli("--data-dir", family, "export")
    assert result.code == 0
    assert f"{path}, line 3:" in result.err
    assert exported_ids(family) == exported(EVERYTHING)


@pytest.mark.parametrize("damage", LINE_DAMAGE)
def test_a_damaged_log_line_through_the_store_and_writing_after_it(family, damage):
    path, number = damage_todays_note(family, damage)
    damaged = path.read_bytes()

    store = FamilyStore(family, clock=FixedClock(NOON))
    assert stored_ids(store) == WITHOUT_TODAYS_NOTE
    (problem,) = store.problems
    assert f"{path}, line {number}:" in problem and "not shown" in problem

    # Changes go on landing after it; the damaged line stays as it was.
    store.save(observation("Said 'moon' at bedtime.", "note-after"))
    store.record_practice(entry(NOON.date(), "stairs-to-bath", "bath", entry_id="entry-after"))
    assert path.read_bytes().startswith(damaged)
    again = FamilyStore(family, clock=FixedClock(NOON))
    assert stored_ids(again) == {
        **WITHOUT_TODAYS_NOTE,
        "notes": {"note-yesterday", "note-after"},
        "practice": EVERYTHING["practice"] | {"entry-after"},
    }
    assert [p for p in again.problems if str(path) in p] == [problem]


def test_a_last_line_a_crash_cut_short_is_left_out_without_a_word(family):
    """No newline at its end: the write never finished, so it was never acknowledged."""
    path = the_log(family)
    raw = path.read_bytes()
    assert line_of(path, b'"note-today"') == raw.count(b"\n")  # the last line
    path.write_bytes(raw[: -len(raw.split(b"\n")[-2]) // 2 - 1])

    result = run_cli("--data-dir", family, "export")
    assert result.code == 0 and result.err == ""
    assert exported_ids(family) == exported(WITHOUT_TODAYS_NOTE)


# -- one record that fails validation, written into a log -----------------------------------------------


def spoil_one_entry(data_dir: Path) -> tuple[Path, bytes]:
    """Another home's app writes the "yesterday-bath" entry invalid: a correct line, whose values are refused.

    Returns the log it is in and the line as written.
    """
    (bath,) = [op for op in read_logs(data_dir).ops if op.fields.get("id") == "yesterday-bath"]
    return another_home_sets(data_dir, "practice", bath.id, {"minutes": 9999})


def test_one_bad_practice_record_is_named_and_the_others_are_kept_by_the_store(family):
    log, line = spoil_one_entry(family)
    before = snapshot(family)

    store = FamilyStore(family, clock=FixedClock(NOON))
    assert {e.id for e in store.all_practice()} == EVERYTHING["practice"] - {"yesterday-bath"}
    assert {e.id for e in store.practice_on(YESTERDAY.date())} == {"yesterday-snack", "yesterday-buttons"}
    assert len(store.problems) == 1, store.problems
    assert "yesterday-bath" in store.problems[0] and "minutes" in store.problems[0]
    assert f"written by computer otherhome in {log}, line 1; kept there, not shown" in store.problems[0]
    assert_unchanged(before, snapshot(family))  # reading wrote nothing

    # Writing that month again keeps the bad record's line exactly as it was, and it still counts.
    store.record_practice(entry(YESTERDAY.date(), "stairs-to-bath", "bath", entry_id="later"))
    store.remove_practice(YESTERDAY.date(), "leo", "snack-s-words", "breakfast")
    if hasattr(store, "fold_journals"):
        store.fold_journals()
    assert log.read_bytes() == line
    again = FamilyStore(family, clock=FixedClock(NOON))
    assert {e.id for e in again.all_practice()} == {"october", "yesterday-buttons", "later"}
    assert any("yesterday-bath" in p for p in again.problems)
    assert log.read_bytes() == line


def test_one_bad_practice_record_leaves_the_commands_working(family, tmp_path):
    spoil_one_entry(family)
    before = snapshot(family)

    exported = run_cli("--data-dir", family, "export")
    assert exported.code == 0, exported.err
    assert {e["id"] for e in json.loads(exported.out)["practice"]} == EVERYTHING["practice"] - {"yesterday-bath"}
    as_csv = run_cli("--data-dir", family, "export", "--format", "csv")
    assert as_csv.code == 0 and as_csv.out.count("\n") == 1 + 3, as_csv
    report = run_cli("--data-dir", family, "report", "--from", "2026-11-19", "--to", "2026-11-25")
    assert report.code == 0, report.err
    assert "S-words at breakfast" in report.out
    program = run_cli("--data-dir", family, "export-program")
    assert program.code == 0, program.err
    imported = run_cli("--data-dir", family, "import", EXAMPLE_PROGRAM)
    assert imported.code == 0, imported.err
    assert_unchanged(before, snapshot(family))


def test_an_export_that_leaves_a_bad_record_out_says_so(family):
    log, _ = spoil_one_entry(family)
    for command in (
        ("export",),
        ("export", "--format", "csv"),
        ("report", "--from", "2026-11-19", "--to", "2026-11-25"),
    ):
        result = run_cli("--data-dir", family, *command)
        assert result.code == 0
        assert "yesterday-bath" in result.err and "minutes" in result.err, (command, result.err)
        assert f"{log}, line 1" in result.err  # where it is: the log another computer wrote, not a copy of it
        assert "restore --list" in result.err and "correct it in the file" not in result.err


# -- a read-only data folder -----------------------------------------------------------------------


class ReadOnlyTree:
    """Makes writes under ``folder`` fail as for a user who may read the folder but not change it.

    (Another account's folder, or a read-only mount.) Used instead of ``chmod``, which does
    not stop root: creating, replacing, deleting or opening for writing anything under the
    folder raises ``PermissionError``, and so does changing its permissions.
    """

    WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_TRUNC

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder = folder.resolve()
        self.refused: list[str] = []
        real = {
            name: getattr(os, name)
            for name in (
                "open",
                "mkdir",
                "replace",
                "rename",
                "unlink",
                "remove",
                "rmdir",
                "chmod",
                "utime",
                "truncate",
            )
        }
        real_open = builtins.open

        def inside(path) -> bool:
            if isinstance(path, int):
                return False
            return Path(os.path.abspath(os.fsdecode(path))).is_relative_to(self.folder)

        def refuse(what: str, path) -> None:
            self.refused.append(f"{what} {path}")
            code = errno.EPERM if what == "chmod" else errno.EACCES
            raise PermissionError(code, os.strerror(code), os.fsdecode(path))

        def guarded(name):
            def call(path, *args, **kwargs):
                if kwargs.get("dir_fd") is None and inside(path):
                    refuse(name, path)
                return real[name](path, *args, **kwargs)

            return call

        def guarded_two(name):
            def call(src, dst, *args, **kwargs):
                for path in (src, dst):
                    if inside(path):
                        refuse(name, path)
                return real[name](src, dst, *args, **kwargs)

            return call

        def os_open(path, flags, *args, **kwargs):
            if kwargs.get("dir_fd") is None and inside(path):
                if flags & self.WRITE_FLAGS or (flags & os.O_CREAT and not os.path.exists(path)):
                    refuse("open", path)
            return real["open"](path, flags, *args, **kwargs)

        def open_file(file, mode="r", *args, **kwargs):
            if not isinstance(file, int) and inside(file) and any(c in mode for c in "wax+"):
                refuse("open", file)
            return real_open(file, mode, *args, **kwargs)

        monkeypatch.setattr(os, "open", os_open)
        for name in ("mkdir", "unlink", "remove", "rmdir", "chmod", "utime", "truncate"):
            monkeypatch.setattr(os, name, guarded(name))
        for name in ("replace", "rename"):
            monkeypatch.setattr(os, name, guarded_two(name))
        monkeypatch.setattr(builtins, "open", open_file)
        monkeypatch.setattr(io, "open", open_file)


def test_opening_a_read_only_folder_leaves_it_read_only(family):
    """``chmod 500`` on the data folder is the family's choice; opening it must not undo that."""
    os.chmod(family, 0o500)
    try:
        try:
            FamilyStore(family, clock=FixedClock(NOON)).all_practice()
        except StorageError:
            pass  # refusing to open is fine; making the folder writable again is not
        assert stat.S_IMODE(os.stat(family).st_mode) == 0o500
    finally:
        os.chmod(family, 0o700)


def test_a_read_only_folder_can_be_read_and_refuses_changes_with_a_message(family, monkeypatch):
    before = snapshot(family)
    # Simulated for every user: chmod does not stop root, and for the folder's owner the app
    # undoes a chmod (see the test above). The simulated folder is one the user cannot chmod.
    tree = ReadOnlyTree(family, monkeypatch)
    # Reading is still possible, or refused with a message; never a traceback.
    exported = run_cli("--data-dir", family, "export")
    if exported.code == 0:
        assert {e["id"] for e in json.loads(exported.out)["practice"]} == EVERYTHING["practice"]
    else:
        assert exported.code == 1 and str(family) in exported.err, exported

    # Changing is refused with a message that names the folder and the problem.
    changed = EXAMPLE_PROGRAM.read_text(encoding="utf-8").replace("Grandpa Joe", "Grandpa Jo")
    program = family.parent / "home.toml"
    program.write_text(changed, encoding="utf-8")
    imported = run_cli("--data-dir", family, "import", program)
    assert imported.code == 1
    assert str(family) in imported.err
    assert re.search(r"permission|read-only|cannot write|can't write", imported.err, re.IGNORECASE)

    with pytest.raises(StorageError) as caught:
        store = FamilyStore(family, clock=FixedClock(NOON))
        store.save(observation("Cannot land.", "note-refused"))
    assert str(family) in str(caught.value)
    assert tree.refused, "the simulation was not exercised"
    assert_unchanged(before, snapshot(family))


# -- a full disk ---------------------------------------------------------------------------------


class FullDisk:
    """Stands in for ``os`` in the storage modules: ``write`` fails with ENOSPC once ``room`` bytes are used."""

    def __init__(self, room: int = 0) -> None:
        self.room = room
        self.refused = 0

    def write(self, fd, data):
        if self.room <= 0:
            self.refused += 1
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = memoryview(data)[: self.room]
        written = os.write(fd, view)
        self.room -= written
        return written

    def __getattr__(self, name):
        return getattr(os, name)


def fill_disk(monkeypatch, room: int = 0) -> FullDisk:
    """Every storage module that writes with ``os.write`` (atomic replace, journal append) sees a full disk."""
    disk = FullDisk(room)
    modules = [
        m for name, m in sys.modules.items() if name.startswith("family_tui.storage.") and getattr(m, "os", None) is os
    ]
    assert any(m.__name__ == "family_tui.storage.atomic" for m in modules)
    for module in modules:
        monkeypatch.setattr(module, "os", disk)
    return disk


def leftovers(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.name.endswith(".tmp"))


@pytest.mark.parametrize("room", [0, 20], ids=["full", "fills-up-mid-write"])
def test_a_full_disk_refuses_changes_and_keeps_everything(family, monkeypatch, room):
    """The log line is the write: when it cannot be appended whole, the change is refused, and nothing is there of it."""
    store = FamilyStore(family, clock=FixedClock(NOON))
    log = the_log(family)
    before = snapshot(family)
    disk = fill_disk(monkeypatch, room)

    attempts = [
        lambda: store.save(observation("Lost to a full disk.", "note-lost")),
        lambda: store.update_settings(daily_minutes_target=25),
        lambda: store.record_practice(entry(NOON.date(), "stairs-to-bath", "bath", entry_id="entry-lost")),
        lambda: store.remove_practice(YESTERDAY.date(), "leo", "snack-s-words", "breakfast"),
    ]
    for attempt in attempts:
        with pytest.raises(StorageError) as caught:
            attempt()
        message = str(caught.value)
        assert str(log) in message, message
        assert "No space left on device" in message and "Nothing was changed" in message
        disk.room = room
    assert disk.refused >= len(attempts)

    # The store does not pretend anything was saved, and the disk holds what it held.
    assert stored_ids(store) == EVERYTHING
    assert store.settings().daily_minutes_target == 10
    assert leftovers(family) == []
    assert_unchanged(before, snapshot(family))

    # Space freed: the next changes land, and nothing else moved.
    monkeypatch.undo()
    store.save(observation("After the clean-up.", "note-after"))
    store.record_practice(entry(NOON.date(), "stairs-to-bath", "bath", entry_id="entry-after"))
    fresh = FamilyStore(family, clock=FixedClock(NOON))
    assert stored_ids(fresh) == {
        **EVERYTHING,
        "practice": EVERYTHING["practice"] | {"entry-after"},
        "notes": EVERYTHING["notes"] | {"note-after"},
    }
    assert fresh.problems == []


def test_a_disk_that_fills_up_after_the_log_line_keeps_the_change_and_says_the_screen_is_behind(family, monkeypatch):
    """The change is durable in the log: refusing it would have the family make it twice."""
    store = FamilyStore(family, clock=FixedClock(NOON))
    disk = FullDisk(0)
    for name, module in list(sys.modules.items()):
        if name.startswith("family_tui.storage.") and name != oplog.__name__ and getattr(module, "os", None) is os:
            monkeypatch.setattr(module, "os", disk)

    store.save(observation("Saved in the log.", "note-logged"))
    store.record_practice(entry(NOON.date(), "stairs-to-bath", "bath", entry_id="entry-logged"))
    assert disk.refused
    assert {op.fields.get("id") for op in read_logs(family).ops} >= {"note-logged", "entry-logged"}
    (behind,) = [p for p in store.notices if "are saved" in p]
    assert "No space left on device" in behind
    assert leftovers(family) == []

    monkeypatch.undo()
    store.change_token()  # the screens poll this: the state files catch up
    expected = {
        **EVERYTHING,
        "practice": EVERYTHING["practice"] | {"entry-logged"},
        "notes": EVERYTHING["notes"] | {"note-logged"},
    }
    assert stored_ids(store) == expected
    assert store.problems == [] and store.notices == []
    assert stored_ids(FamilyStore(family, clock=FixedClock(NOON))) == expected


def test_a_full_disk_through_the_command_line(family, monkeypatch, tmp_path):
    changed_program = tmp_path / "home.toml"
    changed_program.write_text(
        EXAMPLE_PROGRAM.read_text(encoding="utf-8").replace("Grandpa Joe", "Grandpa Jo"), encoding="utf-8"
    )
    log = the_log(family)
    before = snapshot(family)
    fill_disk(monkeypatch)

    imported = run_cli("--data-dir", family, "import", changed_program)
    assert imported.code == 1
    assert imported.err.startswith(f"family-tui: Could not save to {log}: No space left on device."), imported.err
    assert "Nothing was changed" in imported.err

    out = tmp_path / "export.json"
    exported = run_cli("--data-dir", family, "export", "-o", out)
    assert exported.code == 1
    assert exported.err.startswith(f"family-tui: Could not write {out}: No space left on device")
    assert not out.exists() and leftovers(tmp_path) == []
    assert leftovers(family) == []
    assert_unchanged(before, snapshot(family))

    monkeypatch.undo()
    assert "Grandpa Joe" in run_cli("--data-dir", family, "export-program").out


def test_a_full_disk_on_the_first_opening_of_a_day(family, monkeypatch):
    shutil.rmtree(backup_root(family) / NOON.date().isoformat(), ignore_errors=True)
    before = snapshot(family)
    fill_disk(monkeypatch)

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(shutil, "copy2", no_space)

    exported = run_cli("--data-dir", family, "export")
    if exported.code == 0:
        assert {e["id"] for e in json.loads(exported.out)["practice"]} == EVERYTHING["practice"]
    else:
        assert exported.code == 1 and "No space left on device" in exported.err, exported
    try:
        store = FamilyStore(family, clock=FixedClock(NOON + timedelta(days=1)))
    except StorageError as error:
        assert str(family / "backups") in str(error)
    else:
        assert stored_ids(store) == EVERYTHING
    assert_unchanged(before, snapshot(family))
