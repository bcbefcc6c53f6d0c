"""Upgrading the data format: a copy of the old files first, then the upgrade."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from family_tui.clock import FixedClock
from family_tui.storage import SCHEMA_VERSION, CorruptDataError, FamilyStore, NewerSchemaError, migrations
from family_tui.storage import store as store_module
from family_tui.storage.backups import backup_root
from family_tui.storage.data_format import MARKER
from family_tui.storage.devices.oplog import read_logs
from family_tui.storage.restore import restore
from tests.storage.old_format import every_file, old_format_copy
from tests.storage.storage_helpers import DAY, NOON, entry, note, raw_ids, state

NOW = SCHEMA_VERSION
NEXT = SCHEMA_VERSION + 1


def rename_notes_author(tables: dict) -> dict:
    """A pretend next-version change: every note's author gains a suffix, and a table appears."""
    tables = dict(tables)
    tables["notes"] = {k: {**doc, "author": doc["author"] + " (v2)"} for k, doc in tables.get("notes", {}).items()}
    tables["v2_marker"] = {"1": {"upgraded": True}}
    return tables


@pytest.fixture
def version_one_family(data_dir):
    clock = FixedClock(NOON - timedelta(days=1))
    store = FamilyStore(data_dir, clock=clock)
    first = note("Written by version 1.", author="Mom")
    store.save(first)
    practiced = store.record_practice(entry())
    store.fold_journals()  # into the month file...
    store.record_practice(entry("lip-closure"))  # ...and one still in the journal
    return first, practiced


def upgrade_to_two(monkeypatch, step=rename_notes_author) -> None:
    """Pretend the app's next version: the current one becomes the old one."""
    monkeypatch.setattr(migrations, "MIGRATIONS", {NOW: step})
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", NEXT)


@pytest.fixture
def version_two_folder(data_dir, version_one_family):
    """The family above as version 2 wrote it: ``family.json`` and ``practice/`` in the data folder."""
    return old_format_copy(data_dir, 2)


def test_converting_keeps_a_copy_of_the_old_files_first(version_two_folder, version_one_family):
    first, practiced = version_one_family
    folder = version_two_folder
    old = every_file(folder)
    assert {"family.json", "practice/2026-11.json", "practice/2026-11.journal"} <= set(old)
    assert old["practice/2026-11.journal"]  # a check-in still in the journal

    store = FamilyStore(folder, clock=FixedClock(NOON))

    kept = backup_root(folder) / "before-v2-migration"
    for name in ("family.json", "practice/2026-11.json", "practice/2026-11.journal"):
        assert (kept / name).read_bytes() == old[name], name
    assert (folder / "family.json").read_bytes() == MARKER
    assert not (folder / "practice").exists()
    assert read_logs(folder).ops and read_logs(folder).damaged == []
    assert [(n.id, n.author) for n in store.notes()] == [(first.id, "Mom")]
    assert practiced.id in {e.id for e in store.practice_on(DAY)}
    assert len(store.practice_on(DAY)) == 2
    # Opening again converts nothing twice: no second copy, not one more log line.
    logs = {p: p.read_bytes() for p in (folder / "devices").rglob("*.log")}
    again = FamilyStore(folder, clock=FixedClock(NOON))
    assert [n.author for n in again.notes()] == ["Mom"]
    assert len(again.practice_on(DAY)) == 2
    assert {p: p.read_bytes() for p in (folder / "devices").rglob("*.log")} == logs
    assert not (backup_root(folder) / "before-v2-migration-2").exists()


@pytest.mark.parametrize("damaged", ["family.json", "practice/2026-11.json", "practice/2026-11.journal"])
def test_an_old_file_that_cannot_be_read_stops_the_conversion_named_and_changes_nothing(version_two_folder, damaged):
    folder = version_two_folder
    path = folder / damaged
    path.write_bytes(path.read_bytes()[:-25] if damaged != "practice/2026-11.journal" else b'{"op":"put"}\n')
    before = every_file(folder)

    with pytest.raises(CorruptDataError) as caught:
        FamilyStore(folder, clock=FixedClock(NOON))

    assert Path(caught.value.path) == path
    assert str(path) in str(caught.value)
    assert every_file(folder) == before  # no copy, no log, no marker: as it was


def test_a_conversion_step_that_fails_changes_nothing(data_dir, version_one_family, monkeypatch):
    folder = old_format_copy(data_dir, 1)
    before = every_file(folder)

    def broken(tables):
        raise RuntimeError("bug in the migration")

    monkeypatch.setattr(migrations, "MIGRATIONS", {1: broken})
    with pytest.raises(RuntimeError):
        FamilyStore(folder, clock=FixedClock(NOON))
    assert every_file(folder) == before


def test_version_one_app_refuses_upgraded_data(data_dir, monkeypatch, version_one_family):
    upgrade_to_two(monkeypatch)
    FamilyStore(data_dir, clock=FixedClock(NOON))
    monkeypatch.undo()
    upgraded = (state(data_dir) / "family.json").read_bytes()

    with pytest.raises(NewerSchemaError, match=f"data version {NEXT}"):
        FamilyStore(data_dir, clock=FixedClock(NOON))
    assert (state(data_dir) / "family.json").read_bytes() == upgraded


def test_new_family_starts_at_the_current_version(data_dir, clock, monkeypatch):
    upgrade_to_two(monkeypatch)
    store = FamilyStore(data_dir, clock=clock)
    store.save(note("Fresh."))
    assert json.loads((state(data_dir) / "family.json").read_bytes())["_meta"]["1"]["schema_version"] == NEXT
    assert not (data_dir / "backups").exists() or not any((data_dir / "backups").iterdir())
    assert raw_ids(state(data_dir) / "family.json", "notes") == {n.id for n in store.notes()}


def test_version_one_goals_become_active_or_paused(data_dir, version_one_family):
    """The real step to version 2: ``active`` false reads as paused, true as active; nothing else changes."""
    folder = old_format_copy(data_dir, 1)
    main = folder / "family.json"
    tables = json.loads(main.read_bytes())
    goal = {"id": "leo-s", "child": "leo", "discipline": "SLP", "title": "Say /s/", "target": "", "created": None}
    tables["goals"] = {
        "1": {**goal, "active": True},
        "2": {**goal, "id": "leo-old", "active": False},
        "3": {**goal, "id": "leo-odd", "active": "yes"},
    }
    main.write_text(json.dumps(tables), encoding="utf-8")

    store = FamilyStore(folder, clock=FixedClock(NOON))

    statuses = {g.id: (g.status.value, g.active) for g in store.program().goals}
    assert statuses == {"leo-s": ("active", True), "leo-old": ("paused", False)}
    upgraded = {g["id"]: g for g in json.loads((state(folder) / "family.json").read_bytes())["goals"].values()}
    assert upgraded["leo-old"] == {**goal, "id": "leo-old", "status": "paused"}
    assert upgraded["leo-odd"]["active"] == "yes"  # not as version 1 wrote it: reported, kept as it was
    assert any("leo-odd" in problem for problem in store.problems)
    assert (backup_root(folder) / "before-v1-migration" / "family.json").read_bytes() == main.read_bytes() or (
        json.loads((backup_root(folder) / "before-v1-migration" / "family.json").read_bytes()) == tables
    )


def test_the_copy_of_the_old_files_can_be_restored(version_two_folder, version_one_family):
    first, practiced = version_one_family
    folder = version_two_folder
    store = FamilyStore(folder, clock=FixedClock(NOON))
    store.save(note("Written after the conversion."))
    store.record_practice(entry("chewy-tube"))

    restore(folder, backup_root(folder) / "before-v2-migration", "before-restore", FixedClock(NOON))

    again = FamilyStore(folder, clock=FixedClock(NOON))
    assert [n.id for n in again.notes()] == [first.id]
    assert {e.strategy for e in again.practice_on(DAY)} == {"straw-drinking", "lip-closure"}
    assert (folder / "family.json").read_bytes() == MARKER  # still version 3: the old values came back as changes
