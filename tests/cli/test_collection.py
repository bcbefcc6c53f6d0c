"""A data command runs without the garbage collector (a third of a large import went to it); the app keeps it."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from family_tui.storage import FamilyStore

from .conftest import FIXTURE_PROGRAM


def test_an_import_writes_without_collections_and_gives_the_collector_back(cli, monkeypatch):
    seen: list[bool] = []
    original = FamilyStore.apply_changes
    monkeypatch.setattr(
        FamilyStore, "apply_changes", lambda self, *args: seen.append(gc.isenabled()) or original(self, *args)
    )
    result = cli("import", FIXTURE_PROGRAM)
    assert result.code == 0
    assert seen == [False]
    assert gc.isenabled()


def test_a_refused_command_gives_the_collector_back(cli, tmp_path: Path):
    result = cli("import", tmp_path / "no-such-file.toml")
    assert result.code == 1
    assert gc.isenabled()


def test_the_app_starts_with_the_collector_as_it_was(cli, monkeypatch):
    seen: list[bool] = []
    monkeypatch.setattr("family_tui.cli.launch.run_app", lambda args, clock: seen.append(gc.isenabled()) or 0)
    assert cli().code == 0
    assert seen == [True]  # the app pauses it itself while it starts, and freezes what start-up made


def test_the_process_sets_what_a_command_made_aside_as_it_ends(tmp_path: Path):
    """Python's last collection on the way out walked everything a large import made (0.8 s): frozen, it is skipped."""
    script = (
        "import atexit, gc, sys\n"
        "from family_tui.cli import main\n"
        "main(['--data-dir', sys.argv[1], 'import', sys.argv[2]])\n"
        "atexit._run_exitfuncs()\n"
        "print(gc.get_freeze_count(), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "data"), str(FIXTURE_PROGRAM)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stderr.strip().splitlines()[-1]) > 0
