"""A damaged file is never taken for a new database, never overwritten, and bad records survive."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from family_tui.clock import FixedClock
from family_tui.storage import SCHEMA_VERSION, CorruptDataError, FamilyStore, NewerSchemaError
from tests.storage.storage_helpers import DAY, NOON, entry, month_file, note, raw_ids, state


def family_with_backup(data_dir: Path) -> tuple[FamilyStore, Path]:
    """A family that has used the app on two days: there is data and a daily backup."""
    clock = FixedClock(NOON - timedelta(days=1))
    store = FamilyStore(data_dir, clock=clock)
    store.save(note("Day one."))
    store.record_practice(entry())
    clock.set(NOON)
    store = FamilyStore(data_dir, clock=clock)
    backup = data_dir / "backups" / DAY.isoformat()
    assert (backup / "family.json").is_file()
    return store, backup


def damaged_versions(original: bytes, table: str = "notes") -> dict[str, bytes]:
    meta = f'"_meta": {{"1": {{"schema_version": {SCHEMA_VERSION}}}}}'
    return {
        "empty": b"",
        "blank": b"  \n",
        "truncated": original[: len(original) // 2],
        "garbage": b"\x00\x9f\xff not json at all",
        "a list": b"[1, 2, 3]",
        "tables that are not tables": f'{{{meta}, "{table}": [1, 2]}}'.encode(),
        "a record that is not an object": f'{{{meta}, "{table}": {{"1": "hello"}}}}'.encode(),
        "a record id that is not a number": f'{{{meta}, "{table}": {{"x": {{"id": "a"}}}}}}'.encode(),
    }


@pytest.mark.parametrize("damage", list(damaged_versions(b"{}")))
def test_damaged_family_json_is_refused_and_left_alone(data_dir, damage):
    _, backup = family_with_backup(data_dir)
    main = state(data_dir) / "family.json"
    damaged = damaged_versions(main.read_bytes())[damage]
    main.write_bytes(damaged)

    with pytest.raises(CorruptDataError) as caught:
        FamilyStore(data_dir, clock=FixedClock(NOON + timedelta(days=1)))
    message = str(caught.value)
    assert str(main) in message
    assert str(backup) in message
    assert f"restore {backup.name}" in message
    assert "Nothing has been changed" in message
    assert main.read_bytes() == damaged


def test_damaged_family_json_without_backups_says_so(data_dir, clock):
    FamilyStore(data_dir, clock=clock)
    main = state(data_dir) / "family.json"
    main.write_bytes(b"")
    with pytest.raises(CorruptDataError, match="No backup was found") as caught:
        FamilyStore(data_dir, clock=clock)
    assert str(main) in str(caught.value)
    assert main.read_bytes() == b""


def test_family_json_damaged_while_app_is_open_is_not_overwritten(data_dir):
    store, backup = family_with_backup(data_dir)
    main = state(data_dir) / "family.json"
    main.write_bytes(main.read_bytes()[:40])
    damaged = main.read_bytes()

    with pytest.raises(CorruptDataError, match=str(backup)):
        store.save(note("Must not replace the damaged file."))
    with pytest.raises(CorruptDataError):
        store.notes()
    assert main.read_bytes() == damaged


@pytest.mark.parametrize("damage", list(damaged_versions(b"{}")))
def test_damaged_month_file_is_refused_and_left_alone(data_dir, damage):
    store, backup = family_with_backup(data_dir)
    path = month_file(data_dir)
    damaged = damaged_versions(path.read_bytes(), "practice")[damage]
    path.write_bytes(damaged)

    for read in (
        lambda: store.practice_on(DAY),
        store.all_practice,
        lambda: FamilyStore(data_dir, clock=store.clock).practice_between(DAY, DAY),
    ):
        with pytest.raises(CorruptDataError) as caught:
            read()
        message = str(caught.value)
        assert str(path) in message
        assert str(backup) in message
    with pytest.raises(CorruptDataError):
        store.record_practice(entry("lip-closure"))
    assert path.read_bytes() == damaged


def test_missing_family_json_next_to_practice_files_is_refused(data_dir, clock):
    store = FamilyStore(data_dir, clock=clock)
    store.record_practice(entry())
    (state(data_dir) / "family.json").unlink()

    with pytest.raises(CorruptDataError, match="main file is missing") as caught:
        FamilyStore(data_dir, clock=clock)
    assert str(state(data_dir) / "family.json") in str(caught.value)
    assert not (state(data_dir) / "family.json").exists()


def test_missing_family_json_next_to_backups_is_refused(data_dir):
    _, backup = family_with_backup(data_dir)
    (state(data_dir) / "family.json").unlink()
    for month in (state(data_dir) / "practice").iterdir():
        month.unlink()

    with pytest.raises(CorruptDataError, match=str(backup)):
        FamilyStore(data_dir, clock=FixedClock(NOON))
    assert not (state(data_dir) / "family.json").exists()


def test_newer_schema_is_refused_and_left_alone(data_dir, clock):
    FamilyStore(data_dir, clock=clock)
    main = state(data_dir) / "family.json"
    data = json.loads(main.read_bytes())
    data["_meta"]["1"]["schema_version"] = 99
    data["notes"] = {"1": {"id": "from-the-future", "shape": "unknown"}}
    main.write_bytes(json.dumps(data).encode())
    before = main.read_bytes()

    with pytest.raises(NewerSchemaError) as caught:
        FamilyStore(data_dir, clock=clock)
    message = str(caught.value)
    assert str(main) in message and "newer version" in message and "99" in message
    assert main.read_bytes() == before


@pytest.mark.parametrize("meta", [{}, {"1": {"created_at": "2026-11-01T09:00:00"}}, {"1": {"schema_version": "1"}}])
def test_missing_schema_version_is_refused(data_dir, clock, meta):
    FamilyStore(data_dir, clock=clock)
    main = state(data_dir) / "family.json"
    main.write_bytes(json.dumps({"_meta": meta, "notes": {}}).encode())
    before = main.read_bytes()

    with pytest.raises(CorruptDataError, match="no data version"):
        FamilyStore(data_dir, clock=clock)
    assert main.read_bytes() == before


def test_invalid_practice_record_is_reported_and_kept(data_dir, store):
    good = store.record_practice(entry("straw-drinking"))
    store.fold_journals()
    path = month_file(data_dir)
    data = json.loads(path.read_bytes())
    bad = entry("lip-closure").model_dump(mode="json") | {"id": "bad-record", "minutes": 9999}
    data["practice"]["2"] = bad
    path.write_text(json.dumps(data))

    reader = FamilyStore(data_dir, clock=store.clock)
    assert [e.id for e in reader.practice_on(DAY)] == [good.id]
    assert len(reader.problems) == 1
    assert "practice/2026-11.json" in reader.problems[0]
    assert "bad-record" in reader.problems[0]
    assert "minutes" in reader.problems[0]

    later = reader.record_practice(entry("chewy-tube"))
    reader.remove_practice(DAY, "maya", "straw-drinking", "breakfast")
    assert raw_ids(path, "practice") == {"bad-record", later.id}
    stored = next(d for d in json.loads(path.read_bytes())["practice"].values() if d["id"] == "bad-record")
    assert stored == bad
    assert [e.id for e in reader.practice_on(DAY)] == [later.id]
    # Folding the journal rewrites the month file: the bad record is still kept as it was.
    assert reader.fold_journals() == 1
    assert raw_ids(path, "practice") == {"bad-record", later.id}
    stored = next(d for d in json.loads(path.read_bytes())["practice"].values() if d["id"] == "bad-record")
    assert stored == bad
    assert [e.id for e in FamilyStore(data_dir, clock=store.clock).practice_on(DAY)] == [later.id]


def test_invalid_note_is_reported_and_kept(data_dir, store):
    good = note("A fine note.")
    store.save(good)
    main = state(data_dir) / "family.json"
    data = json.loads(main.read_bytes())
    bad = note("x").model_dump(mode="json") | {"id": "bad-note", "text": "ring \x07 the bell"}
    data["notes"]["99"] = bad
    main.write_text(json.dumps(data))

    reader = FamilyStore(data_dir, clock=store.clock)
    assert [n.id for n in reader.notes()] == [good.id]
    assert any("bad-note" in p and "control character" in p for p in reader.problems)

    another = note("Another.")
    reader.save(another)
    assert raw_ids(main, "notes") == {good.id, "bad-note", another.id}
    assert {n.id for n in reader.notes()} == {good.id, another.id}


def test_unreadable_settings_fall_back_to_defaults_and_are_reported(data_dir, store):
    store.update_settings(daily_minutes_target=30)
    main = state(data_dir) / "family.json"
    data = json.loads(main.read_bytes())
    next(iter(data["settings"].values()))["daily_minutes_target"] = 0
    main.write_text(json.dumps(data))
    before = main.read_bytes()

    reader = FamilyStore(data_dir, clock=store.clock)
    assert reader.settings().daily_minutes_target == 10
    assert any("settings" in p and "daily_minutes_target" in p for p in reader.problems)
    assert main.read_bytes() == before  # reading never rewrites the file


def test_json_that_only_the_standard_library_reads_still_opens(data_dir, store):
    """family.json is parsed with orjson for speed; what it refuses but ``json`` reads
    (here a lone surrogate escape) must read as it always did, not as a damaged file."""
    good = note("A fine note.")
    store.save(good)
    main = state(data_dir) / "family.json"
    raw = main.read_bytes().replace(b"A fine note.", b"A fine note \\\\ud83d.".replace(b"\\\\", b"\\"))
    main.write_bytes(raw)
    reader = FamilyStore(data_dir, clock=store.clock)
    assert [n.text for n in reader.notes()] == ["A fine note \ud83d."]
