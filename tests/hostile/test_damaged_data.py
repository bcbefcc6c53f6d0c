"""Damaged data, a read-only folder, a full disk: a clear message, every other record kept, nothing overwritten.

Each case is met through the command line (``family_tui.cli.main``: exit status 1 and a
message on standard error that names the file and says what to do) and through the
store API. Before and after, every file in the data folder is compared byte for byte.
"""

from __future__ import annotations

import builtins
import errno
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
from family_tui.storage import SCHEMA_VERSION, CorruptDataError, FamilyStore, NewerSchemaError, StorageError
from family_tui.storage.backups import backup_root
from family_tui.usecases.program_import import import_program
from tests.storage.storage_helpers import state

from .helpers import EXAMPLE_PROGRAM, NOON, assert_unchanged, run_cli, snapshot

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


# -- a damaged or newer family.json ------------------------------------------------------------


def empty(raw: bytes) -> bytes:
    return b""


def truncated(raw: bytes) -> bytes:
    return raw[: len(raw) * 2 // 3]


def newer(raw: bytes) -> bytes:
    data = json.loads(raw)
    data["_meta"]["1"]["schema_version"] = SCHEMA_VERSION + 1
    data["journal_v2"] = {"1": {"shape": "from the future"}}
    return json.dumps(data).encode("utf-8")


@pytest.mark.parametrize("damage", [empty, truncated, newer])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]).replace(str(EXAMPLE_PROGRAM), "FILE"))
def test_a_damaged_main_file_stops_every_command_with_advice(family, damage, command):
    main = state(family) / "family.json"
    main.write_bytes(damage(main.read_bytes()))
    before = snapshot(family)

    result = run_cli("--data-dir", family, *command)

    assert result.code == 1
    assert result.out == ""
    message = result.err
    assert message.startswith("family-tui: ") and message.count("\n") == 1, message
    assert str(main) in message
    assert "Nothing has been changed" in message
    if damage is newer:
        assert "newer version of family-tui" in message and "Please update family-tui" in message
    else:
        assert f"family-tui --data-dir {family} restore 2026-11-26" in message
    assert_unchanged(before, snapshot(family))


@pytest.mark.parametrize("damage", [empty, truncated, newer])
def test_a_damaged_main_file_through_the_store(family, damage):
    main = state(family) / "family.json"
    main.write_bytes(damage(main.read_bytes()))
    before = snapshot(family)

    with pytest.raises(NewerSchemaError if damage is newer else CorruptDataError) as caught:
        FamilyStore(family, clock=FixedClock(NOON))
    assert str(main) in str(caught.value)
    assert_unchanged(before, snapshot(family))


@pytest.mark.parametrize("damage", [empty, truncated])
def test_following_the_advice_brings_everything_back(family, damage):
    """The message's restore command works, and the practice months were never touched."""
    main = state(family) / "family.json"
    main.write_bytes(damage(main.read_bytes()))
    months_before = {name: raw for name, raw in snapshot(family).items() if name.startswith("practice/")}

    advice = run_cli("--data-dir", family, "export").err
    command = re.search(r"run: family-tui (.+?restore \S+)", advice)
    assert command, advice
    result = run_cli(*command[1].split())
    assert result.code == 0, result.err

    kept = {name for name in snapshot(family) if name.startswith("backups/") and "/before-restore" in name}
    assert any(name.endswith("family.json") for name in kept), "the damaged file is kept, not thrown away"
    restored = FamilyStore(family, clock=FixedClock(NOON))
    assert stored_ids(restored)["practice"] == EVERYTHING["practice"]
    assert stored_ids(restored)["notes"] == {"note-yesterday"}  # today's note came after the backup
    assert months_before == {
        name: raw for name, raw in snapshot(family).items() if name.startswith("practice/") and name in months_before
    }


# -- one bad record in a month file ----------------------------------------------------------------


def spoil_one_entry(data_dir: Path) -> bytes:
    """Make the "yesterday-bath" entry invalid in the month file; return the spoilt record's JSON."""
    path = data_dir / MONTH_FILE
    data = json.loads(path.read_bytes())
    (doc_id,) = [k for k, doc in data["practice"].items() if doc["id"] == "yesterday-bath"]
    data["practice"][doc_id]["minutes"] = 9999
    data["practice"][doc_id]["assistance"] = "telepathy"
    path.write_bytes(json.dumps(data).encode("utf-8"))
    return json.dumps(data["practice"][doc_id], sort_keys=True).encode()


def stored_record(data_dir: Path, entry_id: str) -> bytes:
    data = json.loads((data_dir / MONTH_FILE).read_bytes())
    (doc,) = [doc for doc in data["practice"].values() if doc["id"] == entry_id]
    return json.dumps(doc, sort_keys=True).encode()


def test_one_bad_practice_record_is_named_and_the_others_are_kept_by_the_store(family):
    spoilt = spoil_one_entry(family)
    before = snapshot(family)

    store = FamilyStore(family, clock=FixedClock(NOON))
    assert {e.id for e in store.all_practice()} == EVERYTHING["practice"] - {"yesterday-bath"}
    assert {e.id for e in store.practice_on(YESTERDAY.date())} == {"yesterday-snack", "yesterday-buttons"}
    assert len(store.problems) == 1, store.problems
    assert MONTH_FILE in store.problems[0] and "yesterday-bath" in store.problems[0]
    assert "kept on disk" in store.problems[0]
    assert_unchanged(before, snapshot(family))  # reading wrote nothing

    # Writing the month again keeps the bad record exactly as it was.
    store.record_practice(entry(YESTERDAY.date(), "stairs-to-bath", "bath", entry_id="later"))
    store.remove_practice(YESTERDAY.date(), "leo", "snack-s-words", "breakfast")
    if hasattr(store, "fold_journals"):
        store.fold_journals()
    assert stored_record(family, "yesterday-bath") == spoilt
    again = FamilyStore(family, clock=FixedClock(NOON))
    assert {e.id for e in again.all_practice()} == {"october", "yesterday-buttons", "later"}
    assert stored_record(family, "yesterday-bath") == spoilt


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
    assert_unchanged(before, snapshot(family))


def test_an_export_that_leaves_a_bad_record_out_says_so(family):
    spoil_one_entry(family)
    for command in (
        ("export",),
        ("export", "--format", "csv"),
        ("report", "--from", "2026-11-19", "--to", "2026-11-25"),
    ):
        result = run_cli("--data-dir", family, *command)
        assert result.code == 0
        assert MONTH_FILE in result.err and "yesterday-bath" in result.err, (command, result.err)


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
    store = FamilyStore(family, clock=FixedClock(NOON))
    before = snapshot(family)
    disk = fill_disk(monkeypatch, room)

    attempts = [
        ("family.json", lambda: store.save(observation("Lost to a full disk.", "note-lost"))),
        ("family.json", lambda: store.update_settings(daily_minutes_target=25)),
        (
            "practice/2026-11",
            lambda: store.record_practice(entry(NOON.date(), "stairs-to-bath", "bath", entry_id="entry-lost")),
        ),
        ("practice/2026-11", lambda: store.remove_practice(YESTERDAY.date(), "leo", "snack-s-words", "breakfast")),
    ]
    for file, attempt in attempts:
        with pytest.raises(StorageError) as caught:
            attempt()
        message = str(caught.value)
        assert str(family / file) in message, message
        assert "No space left on device" in message and "Nothing was changed" in message
        disk.room = room
    assert disk.refused >= len(attempts)

    # The store does not pretend anything was saved, and the disk holds what it held.
    assert stored_ids(store) == EVERYTHING
    assert store.settings().daily_minutes_target == 10
    assert leftovers(family) == []
    assert_unchanged(before, snapshot(family), empty_journals=True)

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


def test_a_full_disk_through_the_command_line(family, monkeypatch, tmp_path):
    changed_program = tmp_path / "home.toml"
    changed_program.write_text(
        EXAMPLE_PROGRAM.read_text(encoding="utf-8").replace("Grandpa Joe", "Grandpa Jo"), encoding="utf-8"
    )
    before = snapshot(family)
    fill_disk(monkeypatch)

    imported = run_cli("--data-dir", family, "import", changed_program)
    assert imported.code == 1
    assert imported.err.startswith(f"family-tui: Could not save to {family / 'family.json'}: No space left on device.")
    assert "Nothing was changed" in imported.err

    out = tmp_path / "export.json"
    exported = run_cli("--data-dir", family, "export", "-o", out)
    assert exported.code == 1
    assert exported.err.startswith(f"family-tui: Could not write {out}: No space left on device")
    assert not out.exists() and leftovers(tmp_path) == []
    assert leftovers(family) == []
    assert_unchanged(before, snapshot(family))


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
