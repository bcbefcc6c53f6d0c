"""``-o FILE`` of every command: a file written whole, a FIFO or device written into, the data folder refused."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from family_tui.storage import FamilyStore
from family_tui.usecases.program_import import import_program

from .conftest import FIXTURE_PROGRAM

# Every command that has -o, with what it needs besides.
COMMANDS = [
    ("export",),
    ("export", "--format", "csv"),
    ("export-program",),
    ("report",),
    ("cards",),
    ("calendar",),
    ("chart",),
]


@pytest.fixture
def family(data_dir: Path, clock) -> Path:
    import_program(FamilyStore(data_dir, clock=clock), FIXTURE_PROGRAM)
    return data_dir


def folder_listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_the_data_folders_own_file_is_refused_and_left_as_it_was(cli, family: Path, command):
    before = folder_listing(family)

    result = cli(*command, "-o", family / "family.json")

    assert result.code == 1
    assert "inside the family-tui data folder" in result.err and "Nothing was changed" in result.err
    assert "somewhere else" in result.err
    assert folder_listing(family) == before
    assert FamilyStore(family).program().child("leo") is not None


def test_export_o_family_json_run_inside_the_data_folder_is_refused(cli, family: Path, monkeypatch):
    """The README's own example, typed in the data folder."""
    before = (family / "family.json").read_bytes()
    monkeypatch.chdir(family)

    result = cli("export", "-o", "family.json")

    assert result.code == 1 and "inside the family-tui data folder" in result.err
    assert (family / "family.json").read_bytes() == before


@pytest.mark.parametrize(
    "inside", ["practice/2026-11.json", "backups/x.json", ".family-tui-local/lock", "notes.txt", "."]
)
def test_anything_else_in_the_data_folder_is_refused(cli, family: Path, inside: str):
    result = cli("export", "-o", family / inside)
    assert result.code == 1 and "inside the family-tui data folder" in result.err


def test_a_link_into_the_data_folder_is_refused(cli, family: Path, tmp_path: Path):
    before = (family / "family.json").read_bytes()
    link = tmp_path / "out.json"
    link.symlink_to(family / "family.json")

    result = cli("export", "-o", link)

    assert result.code == 1 and "inside the family-tui data folder" in result.err
    assert (family / "family.json").read_bytes() == before


def test_the_reports_folder_inside_the_data_folder_is_allowed(cli, family: Path):
    (family / "reports").mkdir()
    result = cli("report", "-o", family / "reports" / "update.md")
    assert result.code == 0, result.err
    assert (family / "reports" / "update.md").read_text(encoding="utf-8").startswith("# ")


def test_a_fifo_is_written_into_not_replaced(cli, family: Path, tmp_path: Path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as reader:
            received.append(reader.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result = cli("export-program", "-o", fifo)
    reader.join(10)

    assert result.code == 0, result.err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert received and received[0].startswith(b"# A family-tui home program")


def test_dev_null_stays_a_device(cli, family: Path):
    result = cli("export", "-o", "/dev/null")
    assert result.code == 0, result.err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_dash_is_standard_output(cli, family: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("export-program", "-o", "-")
    assert result.code == 0
    assert result.out.startswith("# A family-tui home program")
    assert not (tmp_path / "-").exists()


def test_a_failed_write_leaves_the_old_file_and_no_partial_one(cli, family: Path, tmp_path: Path, monkeypatch):
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "export.json"
    target.write_text("the export of last week\n", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    result = cli("export", "-o", target)

    assert result.code == 1
    assert "Could not write" in result.err and "No space left" in result.err
    assert target.read_text(encoding="utf-8") == "the export of last week\n"
    assert [p.name for p in target.parent.iterdir()] == ["export.json"]


def test_a_regular_file_is_replaced_whole(cli, family: Path, tmp_path: Path):
    target = tmp_path / "program.toml"
    target.write_text("x" * 100_000, encoding="utf-8")
    old_inode = target.stat().st_ino

    result = cli("export-program", "-o", target)

    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# A family-tui home program") and "x" * 10 not in text
    assert target.stat().st_ino != old_inode  # a new file renamed into place, not the old one overwritten


def test_a_folder_is_refused(cli, family: Path, tmp_path: Path):
    result = cli("export", "-o", tmp_path)
    assert result.code == 1 and "it is a folder" in result.err


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path):
    """``family-tui --demo export | head -2``: the command ends quietly."""
    import subprocess
    import sys

    from .conftest import REPO

    env = dict(os.environ, PYTHONPATH=str(REPO), TMPDIR=str(tmp_path))
    process = subprocess.Popen(
        [sys.executable, "-m", "family_tui", "--demo", "export"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=tmp_path,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(2) == b"{\n"
    process.stdout.close()  # the demo's export is far more than a pipe holds
    err = process.stderr.read().decode()
    assert process.wait(60) == 141
    assert "Traceback" not in err and "Broken pipe" not in err
