"""``family-tui restore``: list the daily backups and bring one back, keeping what it replaces."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from family_tui.clock import FixedClock
from family_tui.storage import FamilyStore
from family_tui.storage.backups import backup_root
from family_tui.usecases.program_import import import_program
from tests.storage.storage_helpers import records_in, state

from .conftest import FIXTURE_PROGRAM, run_console_script


def family_with_a_backup(data_dir: Path) -> bytes:
    """Import the example on the 24th; opening on the 25th makes that day's backup.

    Then a child is renamed, so the backup differs from the current data.
    Returns the bytes of family.json as they were backed up.
    """
    store = FamilyStore(data_dir, clock=FixedClock(datetime(2026, 11, 24, 8, 0)))
    import_program(store, FIXTURE_PROGRAM)
    backed_up = (state(data_dir) / "family.json").read_bytes()
    store = FamilyStore(data_dir, clock=FixedClock(datetime(2026, 11, 25, 8, 0)))
    assert (backup_root(data_dir) / "2026-11-25" / "family.json").read_bytes() == backed_up
    leo = store.program().child("leo")
    store.save(leo.model_copy(update={"name": "Leonardo"}))
    return backed_up


def test_restore_list_shows_the_backups_and_changes_nothing(cli, data_dir: Path):
    family_with_a_backup(data_dir)
    before = (state(data_dir) / "family.json").read_bytes()

    result = cli("restore", "--list")

    assert result.code == 0
    assert result.out.splitlines() == [
        "2026-11-25  good",
        "family-tui restore brings back 2026-11-25, the newest good one; or name another good one.",
    ]
    assert (state(data_dir) / "family.json").read_bytes() == before


def test_restore_list_marks_a_damaged_backup(cli, data_dir: Path):
    family_with_a_backup(data_dir)
    FamilyStore(data_dir, clock=FixedClock(datetime(2026, 11, 26, 8, 0)))  # the 26th's backup
    copy = backup_root(data_dir) / "2026-11-25" / "family.json"
    copy.write_bytes(copy.read_bytes().replace(b"Leo", b"Lex", 1))  # the disk damaged the old copy
    before = sorted(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())

    result = cli("restore", "--list")

    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("2026-11-25  damaged: family.json the copy does not match the checksum")
    assert lines[1] == "2026-11-26  good"
    assert lines[2].startswith("family-tui restore brings back 2026-11-26")
    assert sorted(p.read_bytes() for p in data_dir.rglob("*") if p.is_file()) == before


def test_restore_list_says_when_no_backup_is_good(cli, data_dir: Path):
    family_with_a_backup(data_dir)
    copy = backup_root(data_dir) / "2026-11-25" / "family.json"
    copy.write_bytes(copy.read_bytes() + b" ")

    result = cli("restore", "--list")

    assert result.out.splitlines()[0].startswith("2026-11-25  damaged:")
    assert "No backup is good" in result.out


def test_restore_brings_back_the_newest_backup_and_keeps_the_current_files(cli, data_dir: Path):
    backed_up = family_with_a_backup(data_dir)
    replaced = (state(data_dir) / "family.json").read_bytes()

    result = cli("restore")

    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Restored the backup 2026-11-25."
    assert lines[1].startswith("The files it replaced are kept in ")
    kept = Path(lines[1].removeprefix("The files it replaced are kept in ").rstrip("."))
    assert kept.parent == backup_root(data_dir) and kept.name.startswith("before-restore-")
    assert (kept / "family.json").read_bytes() == replaced
    assert records_in((state(data_dir) / "family.json").read_bytes()) == records_in(backed_up)
    assert FamilyStore(data_dir).program().child("leo").name == "Leo"


def test_restore_a_named_backup(cli, data_dir: Path):
    family_with_a_backup(data_dir)
    result = cli("restore", "2026-11-25")
    assert result.code == 0
    assert FamilyStore(data_dir).program().child("leo").name == "Leo"


def test_restore_an_unknown_backup_names_the_ones_there_are(cli, data_dir: Path):
    family_with_a_backup(data_dir)
    before = (state(data_dir) / "family.json").read_bytes()

    result = cli("restore", "2020-01-01")

    assert result.code == 1
    assert "family-tui: No backup named '2020-01-01'; the backups are: 2026-11-25" in result.err
    assert (state(data_dir) / "family.json").read_bytes() == before


def test_restore_with_no_backups(cli, data_dir: Path):
    FamilyStore(data_dir)
    listed = cli("restore", "--list")
    assert listed.code == 0
    assert listed.out.strip() == f"No backups in {data_dir / 'backups'}."
    restored = cli("restore")
    assert restored.code == 1
    assert "No backups in" in restored.out


def test_the_console_script_restores(tmp_path: Path):
    data = tmp_path / "data"
    backed_up = family_with_a_backup(data)

    listed = run_console_script("--data-dir", data, "restore", "--list", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[0] == "2026-11-25  good"

    restored = run_console_script("--data-dir", data, "restore", "2026-11-25", cwd=tmp_path)
    assert restored.returncode == 0, restored.stderr
    assert "Restored the backup 2026-11-25." in restored.stdout
    assert records_in((state(data) / "family.json").read_bytes()) == records_in(backed_up)


def test_another_home_s_backup_is_listed_by_its_device_and_restored_by_that_name(cli, data_dir: Path, tmp_path: Path):
    family_with_a_backup(data_dir)
    # Grandma's house: the same family synced there (its local folder never travels), its own backup.
    grandma = tmp_path / "grandma"
    for path in data_dir.rglob("*"):
        relative = path.relative_to(data_dir)
        if path.is_file() and ".family-tui-local" not in relative.parts and relative.parts[0] != "backups":
            (grandma / relative).parent.mkdir(parents=True, exist_ok=True)
            (grandma / relative).write_bytes(path.read_bytes())
    for _ in range(2):  # the first opening makes this computer's copy, the second the day's backup
        FamilyStore(grandma, clock=FixedClock(datetime(2026, 11, 25, 9, 0)))
    theirs = backup_root(grandma) / "2026-11-25"
    synced_here = data_dir / theirs.relative_to(grandma)
    shutil.copytree(theirs, synced_here)
    name = f"{theirs.parent.name}/2026-11-25"
    here = FamilyStore(data_dir, clock=FixedClock(datetime(2026, 11, 25, 10, 0)))
    here.save(here.program().child("leo").model_copy(update={"name": "Leon"}))

    listed = cli("restore", "--list")

    assert listed.out.splitlines() == [
        f"{name}  good",
        f"{'2026-11-25':<{len(name)}}  good",
        "family-tui restore brings back 2026-11-25, the newest good one; or name another good one.",
    ]
    restored = cli("restore", name)
    assert restored.code == 0, restored.err
    assert restored.out.splitlines()[0] == f"Restored the backup {name}."
    assert FamilyStore(data_dir).program().child("leo").name == "Leonardo"  # as grandma's backup holds it
