"""Every command that reads the data says, on standard error, what it holds but does not show."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from family_tui.domain.models import PracticeEntry
from family_tui.storage import FamilyStore
from family_tui.usecases.program_import import import_program
from tests.storage.storage_helpers import state

from .conftest import FIXTURE_PROGRAM

CHILD_PROBLEM = "family.json children record leo: two records have this id"
PRACTICE_PROBLEM = "2 entries for one item (leo, snack-s-words, breakfast"


def add_doc(path: Path, table: str, doc: dict) -> None:
    data = json.loads(path.read_bytes())
    data[table][str(max(int(i) for i in data[table]) + 1)] = doc
    path.write_text(json.dumps(data))


@pytest.fixture
def damaged_family(data_dir: Path, clock) -> Path:
    """The example family, with a second Leo (same id) and a practice entry twice (a sync tool's merge)."""
    store = FamilyStore(data_dir, clock=clock)
    import_program(store, FIXTURE_PROGRAM)
    day = clock.now().date() - timedelta(days=1)
    stamp = datetime.combine(day, datetime.min.time()).replace(hour=8)
    done = store.record_practice(
        PracticeEntry(
            date=day, child="leo", strategy="snack-s-words", routine="breakfast", created_at=stamp, updated_at=stamp
        )
    )
    store.fold_journals()
    add_doc(state(data_dir) / "family.json", "children", {"id": "leo", "name": "Leonard"})
    month = state(data_dir) / "practice" / f"{day:%Y-%m}.json"
    add_doc(month, "practice", done.model_dump(mode="json") | {"id": "copy", "minutes": 4})
    return data_dir


@pytest.mark.parametrize(
    "command",
    [
        ("import", FIXTURE_PROGRAM),
        ("import", FIXTURE_PROGRAM, "--dry-run"),
        ("export",),
        ("export", "--format", "csv"),
        ("export-program",),
        ("report",),
        ("cards",),
        ("restore", "--list"),
    ],
    ids=lambda c: " ".join(map(str, c)).replace(str(FIXTURE_PROGRAM), "FILE"),
)
def test_every_command_that_reads_the_data_tells_of_a_duplicated_child(cli, damaged_family, command):
    result = cli(*command)
    assert result.code == 0, result.err
    lines = [line for line in result.err.splitlines() if CHILD_PROBLEM in line]
    assert len(lines) == 1, result.err
    assert lines[0].startswith("family-tui: warning: ")
    assert '"Leonard"' in lines[0] and "restore" in lines[0]  # what it is, and what to do


@pytest.mark.parametrize("command", [("export",), ("report",), ("restore", "--list")])
def test_commands_that_read_practice_tell_of_an_entry_twice(cli, damaged_family, command):
    result = cli(*command)
    assert PRACTICE_PROBLEM in result.err
    assert "press d and save" in result.err


def test_the_entry_shown_is_the_one_exported_once(cli, damaged_family):
    result = cli("export")
    practice = json.loads(result.out)["practice"]
    assert [(p["id"], p["minutes"]) for p in practice] == [("copy", 4)]


def test_a_command_that_fails_still_tells(cli, damaged_family):
    result = cli("report", "--child", "Nobody")
    assert result.code == 1
    assert CHILD_PROBLEM in result.err


def test_restore_list_reads_without_writing(cli, damaged_family: Path):
    before = {p: p.read_bytes() for p in damaged_family.rglob("*") if p.is_file() and "cache" not in p.parts}
    cli("restore", "--list")
    after = {p: p.read_bytes() for p in damaged_family.rglob("*") if p.is_file() and "cache" not in p.parts}
    assert after == before
