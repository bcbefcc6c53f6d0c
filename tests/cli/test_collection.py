"""A data command runs without the garbage collector (a third of a large import went to it); the app keeps it."""

from __future__ import annotations

import gc
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
