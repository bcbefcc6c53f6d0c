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


def test_the_process_sets_what_its_command_made_aside_as_it_ends(tmp_path: Path):
    """The first collection after a large import, and Python's last one on the way out, walked everything
    it made (0.12 s and 0.8 s): frozen, they skip it. A command run in-process (these tests) freezes nothing."""
    script = (
        "import gc, sys\n"
        "from family_tui.cli import main\n"
        "sys.argv = ['family-tui', '--data-dir', sys.argv[1], 'import', sys.argv[2]]\n"
        "main()\n"
        "print(gc.get_freeze_count(), gc.isenabled(), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "data"), str(FIXTURE_PROGRAM)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    frozen, enabled = done.stderr.split()[-2:]
    assert int(frozen) > 0 and enabled == "True"


def test_a_command_run_in_process_sets_nothing_aside(cli):
    before = gc.get_freeze_count()  # the app's tests may have frozen their start-up
    assert cli("import", FIXTURE_PROGRAM).code == 0
    assert gc.get_freeze_count() == before
