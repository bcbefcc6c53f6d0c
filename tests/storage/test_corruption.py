"""Damage to the family's data is named and left alone; this computer's copy of it is made again; bad records survive."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from family_tui.clock import FixedClock
from family_tui.domain.sync.hlc import Stamp
from family_tui.domain.sync.ops import Op, encode_line
from family_tui.storage import SCHEMA_VERSION, CorruptDataError, FamilyStore, NewerSchemaError
from family_tui.storage.backups import backup_root
from family_tui.storage.data_format import MARKER
from family_tui.storage.devices.device import device_id
from family_tui.storage.devices.oplog import append, log_files, read_logs
from tests.storage.storage_helpers import DAY, NOON, entry, month_file, note, raw_ids, records_in, state


def family_with_backup(data_dir: Path) -> tuple[FamilyStore, Path]:
    """A family that has used the app on two days: there is data and a daily backup."""
    clock = FixedClock(NOON - timedelta(days=1))
    store = FamilyStore(data_dir, clock=clock)
    store.save(note("Day one."))
    store.record_practice(entry())
    clock.set(NOON)
    store = FamilyStore(data_dir, clock=clock)
    backup = backup_root(data_dir) / DAY.isoformat()
    assert (backup / "family.json").is_file()
    return store, backup


def folder_bytes(data_dir: Path) -> dict[str, bytes]:
    """Every file of the data folder that is the family's (not this computer's own folder), with its bytes."""
    return {
        p.relative_to(data_dir).as_posix(): p.read_bytes()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file() and ".family-tui-local" not in p.parts
    }


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


def marker_damage(original: bytes) -> dict[str, bytes]:
    """What can happen to the version marker (``<data>/family.json``) that leaves it no marker."""
    return {
        "empty": b"",
        "blank": b"  \n",
        "truncated": original[: len(original) // 2],
        "garbage": b"\x00\x9f\xff not json at all",
        "a list": b"[1, 2, 3]",
        "no _meta record": b'{"_meta": {}, "notes": {}}',
        "no schema version": b'{"_meta": {"1": {"created_at": "2026-11-01T09:00:00"}}}',
        "a schema version that is not a number": b'{"_meta": {"1": {"schema_version": "3"}}}',
    }


def shows_everything_written(store: FamilyStore) -> None:
    """The family with backup's note and check-in, read from a store: as the logs hold them."""
    assert [n.text for n in store.notes()] == ["Day one."]
    assert [e.strategy for e in store.practice_on(DAY)] == ["straw-drinking"]
    assert store.problems == []


# -- this computer's copy (the state files): made again from the logs, nothing reported -------------


@pytest.mark.parametrize("damage", list(damaged_versions(b"{}")))
def test_a_damaged_main_state_file_is_made_again_from_the_logs(data_dir, damage):
    family_with_backup(data_dir)
    main = state(data_dir) / "family.json"
    main.write_bytes(damaged_versions(main.read_bytes())[damage])

    store = FamilyStore(data_dir, clock=FixedClock(NOON + timedelta(days=1)))
    shows_everything_written(store)
    assert records_in(main.read_bytes())["notes"] and json.loads(main.read_bytes())["_meta"]
    store.save(note("Day two."))
    assert [n.text for n in FamilyStore(data_dir, clock=store.clock).notes()] == ["Day one.", "Day two."]


@pytest.mark.parametrize("meta", [{}, {"1": {"created_at": "2026-11-01T09:00:00"}}, {"1": {"schema_version": "1"}}])
def test_a_main_state_file_without_a_version_is_made_again_from_the_logs(data_dir, meta):
    family_with_backup(data_dir)
    main = state(data_dir) / "family.json"
    main.write_bytes(json.dumps({"_meta": meta, "notes": {}}).encode())

    shows_everything_written(FamilyStore(data_dir, clock=FixedClock(NOON)))
    assert json.loads(main.read_bytes())["_meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_a_main_state_file_damaged_while_the_app_is_open_is_made_again(data_dir):
    store, _ = family_with_backup(data_dir)
    main = state(data_dir) / "family.json"
    main.write_bytes(main.read_bytes()[:40])

    store.save(note("Saved after the damage."))
    assert [n.text for n in store.notes()] == ["Day one.", "Saved after the damage."]
    assert store.problems == []
    again = FamilyStore(data_dir, clock=store.clock)
    assert [n.text for n in again.notes()] == ["Day one.", "Saved after the damage."]
    assert [e.strategy for e in again.practice_on(DAY)] == ["straw-drinking"]

    main.write_bytes(b"garbage")  # and a read that meets it makes it again too
    assert [n.text for n in store.notes()] == ["Day one.", "Saved after the damage."]
    assert store.problems == []


@pytest.mark.parametrize("damage", list(damaged_versions(b"{}")))
def test_a_damaged_month_state_file_is_made_again_from_the_logs(data_dir, damage):
    store, _ = family_with_backup(data_dir)
    path = month_file(data_dir)
    path.write_bytes(damaged_versions(path.read_bytes(), "practice")[damage])

    assert [e.strategy for e in store.practice_on(DAY)] == ["straw-drinking"]
    path.write_bytes(damaged_versions(path.read_bytes(), "practice")[damage])
    assert [e.strategy for e in store.all_practice()] == ["straw-drinking"]
    path.write_bytes(damaged_versions(path.read_bytes(), "practice")[damage])
    assert [e.strategy for e in FamilyStore(data_dir, clock=store.clock).practice_between(DAY, DAY)] == [
        "straw-drinking"
    ]
    path.write_bytes(damaged_versions(path.read_bytes(), "practice")[damage])
    store.record_practice(entry("lip-closure"))
    assert store.problems == []
    again = FamilyStore(data_dir, clock=store.clock)
    assert {e.strategy for e in again.practice_on(DAY)} == {"straw-drinking", "lip-closure"}
    assert again.problems == []


def test_missing_state_files_are_made_again_from_the_logs(data_dir):
    store, _ = family_with_backup(data_dir)
    store.record_practice(entry("lip-closure", DAY - timedelta(days=30)))
    shutil.rmtree(state(data_dir))

    again = FamilyStore(data_dir, clock=store.clock)
    assert [n.text for n in again.notes()] == ["Day one."]
    assert [e.strategy for e in again.all_practice()] == ["lip-closure", "straw-drinking"]
    assert again.problems == []
    assert (state(data_dir) / "family.json").is_file() and month_file(data_dir).is_file()


# -- the version marker: made again beside the logs (it holds no family data) ---------------------------


@pytest.mark.parametrize("damage", list(marker_damage(MARKER)))
def test_a_damaged_version_marker_beside_the_logs_is_made_again_with_nothing_lost(data_dir, damage):
    store, _ = family_with_backup(data_dir)
    marker = data_dir / "family.json"
    assert marker.read_bytes() == MARKER  # the family's data is in the logs, not here
    logs = {p: p.read_bytes() for p in (data_dir / "devices").rglob("*.log")}
    marker.write_bytes(marker_damage(marker.read_bytes())[damage])

    again = FamilyStore(data_dir, clock=FixedClock(NOON + timedelta(days=1)))
    assert [n.text for n in again.notes()] == ["Day one."]
    assert [e.strategy for e in again.all_practice()] == ["straw-drinking"]
    assert again.problems == []
    assert marker.read_bytes() == MARKER
    assert {p: p.read_bytes() for p in logs} == logs


def test_a_missing_version_marker_next_to_old_month_files_is_refused(data_dir, clock):
    """Month files of the old format with no ``family.json`` beside them: the main file was lost."""
    FamilyStore(data_dir, clock=clock)
    (data_dir / "family.json").unlink()
    old_month = data_dir / "practice" / "2026-11.json"
    old_month.parent.mkdir()
    old_month.write_text(json.dumps({"practice": {"1": entry().model_dump(mode="json")}}))
    before = folder_bytes(data_dir)

    with pytest.raises(CorruptDataError, match="main file is missing") as caught:
        FamilyStore(data_dir, clock=clock)
    assert str(data_dir / "family.json") in str(caught.value)
    assert folder_bytes(data_dir) == before


def test_a_missing_version_marker_next_to_backups_without_logs_is_refused(data_dir):
    _, backup = family_with_backup(data_dir)
    (data_dir / "family.json").unlink()
    shutil.rmtree(data_dir / "devices")  # no logs: only backups of a family are left
    before = folder_bytes(data_dir)

    with pytest.raises(CorruptDataError, match=str(backup)):
        FamilyStore(data_dir, clock=FixedClock(NOON))
    assert folder_bytes(data_dir) == before


def test_a_missing_version_marker_next_to_the_logs_is_written_again(data_dir):
    """The marker holds nothing of the family's (the same bytes on every device): the logs do."""
    store, _ = family_with_backup(data_dir)
    (data_dir / "family.json").unlink()
    shows_everything_written(FamilyStore(data_dir, clock=store.clock))
    assert (data_dir / "family.json").read_bytes() == MARKER


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


def test_a_newer_version_marker_is_refused_and_left_alone(data_dir, clock):
    FamilyStore(data_dir, clock=clock).save(note("In the log."))
    marker = data_dir / "family.json"
    marker.write_bytes(b'{"_meta": {"1": {"schema_version": 99}}}')
    before = folder_bytes(data_dir)

    with pytest.raises(NewerSchemaError) as caught:
        FamilyStore(data_dir, clock=clock)
    assert str(marker) in str(caught.value) and "99" in str(caught.value)
    assert folder_bytes(data_dir) == before


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
    """A note that does not validate (written by hand, or by another home's newer app) in the log."""
    good = note("A fine note.")
    store.save(good)
    bad = note("x").model_dump(mode="json") | {"id": "bad-note", "text": "ring \x07 the bell"}
    device = device_id(data_dir)
    op = Op(Stamp(int(NOON.timestamp() * 1000) + 5000, 0, device), "set", "notes", "bad-note", bad)
    append(data_dir, device, [op])
    (log,) = log_files(data_dir)
    bad_line = encode_line(op)
    assert log.read_bytes().endswith(bad_line)

    reader = FamilyStore(data_dir, clock=store.clock)
    assert [n.id for n in reader.notes()] == [good.id]
    assert any("bad-note" in p and "control character" in p for p in reader.problems)

    another = note("Another.")
    reader.save(another)
    assert {n.id for n in reader.notes()} == {good.id, another.id}
    assert [n.id for n in store.notes()] == [good.id, another.id]
    assert bad_line in log.read_bytes()  # the log keeps it as it came
    assert [o.fields for o in read_logs(data_dir).ops if o.id == "bad-note"] == [bad]
    assert raw_ids(state(data_dir) / "family.json", "notes") == {good.id, "bad-note", another.id}
    again = FamilyStore(data_dir, clock=store.clock)
    assert {n.id for n in again.notes()} == {good.id, another.id}
    assert any("bad-note" in p and "control character" in p for p in again.problems)


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
