"""Upgrading the data format: a copy of the old files first, then the upgrade."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from family_tui.clock import FixedClock
from family_tui.storage import SCHEMA_VERSION, FamilyStore, NewerSchemaError, migrations
from family_tui.storage import store as store_module
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


def test_upgrade_keeps_a_copy_of_the_old_files_first(data_dir, monkeypatch, version_one_family):
    first, practiced = version_one_family
    old_main = (state(data_dir) / "family.json").read_bytes()
    old_month = (state(data_dir) / "practice" / "2026-11.json").read_bytes()
    old_journal = (state(data_dir) / "practice" / "2026-11.journal").read_bytes()
    assert old_journal
    upgrade_to_two(monkeypatch)

    store = FamilyStore(data_dir, clock=FixedClock(NOON))

    kept = data_dir / "backups" / f"before-v{NOW}-migration"
    assert (kept / "family.json").read_bytes() == old_main
    assert (kept / "practice" / "2026-11.json").read_bytes() == old_month
    assert (kept / "practice" / "2026-11.journal").read_bytes() == old_journal
    upgraded = json.loads((state(data_dir) / "family.json").read_bytes())
    assert upgraded["_meta"]["1"]["schema_version"] == NEXT
    assert upgraded["v2_marker"] == {"1": {"upgraded": True}}
    assert store.schema_version() == NEXT
    assert [(n.id, n.author) for n in store.notes()] == [(first.id, "Mom (v2)")]
    assert practiced.id in {e.id for e in store.practice_on(DAY)}
    assert len(store.practice_on(DAY)) == 2
    # Opening again does not migrate twice.
    again = FamilyStore(data_dir, clock=FixedClock(NOON))
    assert [n.author for n in again.notes()] == ["Mom (v2)"]


def test_failed_upgrade_changes_nothing(data_dir, monkeypatch, version_one_family):
    old_main = (state(data_dir) / "family.json").read_bytes()

    def broken(tables):
        raise RuntimeError("bug in the migration")

    upgrade_to_two(monkeypatch, broken)
    with pytest.raises(RuntimeError):
        FamilyStore(data_dir, clock=FixedClock(NOON))
    assert (state(data_dir) / "family.json").read_bytes() == old_main
    assert (data_dir / "backups" / f"before-v{NOW}-migration" / "family.json").read_bytes() == old_main


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


def test_version_one_goals_become_active_or_paused(data_dir, monkeypatch):
    """The real step to version 2: ``active`` false reads as paused, true as active; nothing else changes."""
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", 1)
    monkeypatch.setattr(migrations, "MIGRATIONS", {})
    FamilyStore(data_dir, clock=FixedClock(NOON))
    main = state(data_dir) / "family.json"
    tables = json.loads(main.read_bytes())
    goal = {"id": "leo-s", "child": "leo", "discipline": "SLP", "title": "Say /s/", "target": "", "created": None}
    tables["goals"] = {
        "1": {**goal, "active": True},
        "2": {**goal, "id": "leo-old", "active": False},
        "3": {**goal, "id": "leo-odd", "active": "yes"},
    }
    main.write_text(json.dumps(tables), encoding="utf-8")
    monkeypatch.undo()

    store = FamilyStore(data_dir, clock=FixedClock(NOON))

    statuses = {g.id: (g.status.value, g.active) for g in store.program().goals}
    assert statuses == {"leo-s": ("active", True), "leo-old": ("paused", False)}
    upgraded = json.loads(main.read_bytes())
    assert upgraded["goals"]["2"] == {**goal, "id": "leo-old", "status": "paused"}
    assert upgraded["goals"]["3"]["active"] == "yes"  # not as version 1 wrote it: reported, kept on disk
    assert any("leo-odd" in problem for problem in store.problems)
    assert (data_dir / "backups" / "before-v1-migration" / "family.json").is_file()
