"""The month journal: check-ins are appended durably, folded into the month file, never lost."""

from __future__ import annotations

import hashlib
import json
import subprocess
from collections import Counter
from datetime import date, timedelta

import pytest

from family_tui.clock import FixedClock
from family_tui.storage import FamilyStore
from family_tui.storage.backups import make_backup
from family_tui.storage.devices.device import device_id
from family_tui.storage.devices.oplog import log_files
from family_tui.storage.months import FOLD_AFTER
from family_tui.storage.restore import restore
from tests.storage.storage_helpers import (
    DAY,
    NOON,
    entry,
    journal_ops,
    journal_path,
    month_file,
    practice_on_disk,
    raw_ids,
    start_python,
)

KEY = "2026-11"


def keys_on_disk(data_dir) -> Counter:
    return Counter((d["date"], d["child"], d["strategy"], d["routine"]) for d in practice_on_disk(month_file(data_dir)))


def test_a_full_journal_is_folded_into_the_month_file_in_the_background(store, data_dir):
    saved = [store.record_practice(entry(f"strategy-{i}")) for i in range(FOLD_AFTER)]
    store.wait_for_folds(timeout=30)

    path = month_file(data_dir)
    assert journal_path(path).read_bytes() == b""
    assert {d["id"] for d in json.loads(path.read_bytes())["practice"].values()} == {e.id for e in saved}
    assert {e.id for e in FamilyStore(data_dir, maintain=False).practice_on(DAY)} == {e.id for e in saved}


def test_opening_the_folder_folds_what_the_journals_hold(data_dir, clock):
    store = FamilyStore(data_dir, clock=clock)
    first = store.record_practice(entry("straw-drinking"))
    october = store.record_practice(entry("lip-closure", day=date(2026, 10, 31)))
    assert journal_ops(month_file(data_dir)) and not month_file(data_dir).exists()

    FamilyStore(data_dir, clock=clock)  # the command line opens with maintenance

    assert raw_ids(month_file(data_dir), "practice") == {first.id}
    assert journal_ops(month_file(data_dir)) == []
    october_file = month_file(data_dir, date(2026, 10, 31))
    assert {d["id"] for d in json.loads(october_file.read_bytes())["practice"].values()} == {october.id}


def test_unmarking_and_replacing_go_through_the_journal(store, data_dir):
    first = store.record_practice(entry("straw-drinking"))
    store.fold(KEY)
    replaced = store.record_practice(entry("straw-drinking", minutes=5))  # same item, same day
    other = store.record_practice(entry("lip-closure"))
    store.remove_practice(DAY, "maya", "lip-closure", "breakfast")
    store.remove_practice(DAY, "maya", "nothing-here", "breakfast")  # nothing to remove: nothing written

    assert [op["op"] for op in journal_ops(month_file(data_dir))] == ["put", "put", "del"]
    assert raw_ids(month_file(data_dir), "practice") == {replaced.id}
    reader = FamilyStore(data_dir, maintain=False)
    assert [(e.id, e.minutes) for e in reader.practice_on(DAY)] == [(replaced.id, 5)]
    assert first.id not in raw_ids(month_file(data_dir), "practice") and other.id != replaced.id


def test_another_copy_sees_journal_appends_and_removals(data_dir, clock):
    kitchen = FamilyStore(data_dir, clock=clock)
    bedroom = FamilyStore(data_dir, clock=clock, maintain=False)
    token = bedroom.change_token(DAY)
    assert bedroom.practice_on(DAY) == []

    first = kitchen.record_practice(entry("straw-drinking"))
    assert bedroom.change_token(DAY) != token
    assert [e.id for e in bedroom.practice_on(DAY)] == [first.id]

    token = bedroom.change_token(DAY)
    kitchen.remove_practice(DAY, "maya", "straw-drinking", "breakfast")
    second = kitchen.record_practice(entry("lip-closure"))
    assert bedroom.change_token(DAY) != token
    assert [e.id for e in bedroom.practice_on(DAY)] == [second.id]

    # A fold in the kitchen, then more check-ins: the bedroom reads the new month file.
    kitchen.fold(KEY)
    third = kitchen.record_practice(entry("chewy-tube"))
    assert {e.id for e in bedroom.practice_on(DAY)} == {second.id, third.id}
    # And the bedroom's own writes keep the kitchen's.
    fourth = bedroom.record_practice(entry("straw-drinking"))
    assert {e.id for e in kitchen.practice_on(DAY)} == {second.id, third.id, fourth.id}


def test_a_month_with_only_a_journal_is_a_month_with_practice(store, data_dir):
    december = store.record_practice(entry(day=date(2026, 12, 1)))
    assert not month_file(data_dir, date(2026, 12, 1)).exists()
    assert "2026-12" in store.practice_months()
    assert [e.id for e in FamilyStore(data_dir, maintain=False).all_practice()] == [december.id]
    assert (
        FamilyStore(data_dir, maintain=False).last_practice("maya", "straw-drinking", date(2026, 12, 31)).id
        == december.id
    )


def test_torn_last_line_is_ignored_then_cut_off_by_the_next_check_in(store, data_dir):
    kept = store.record_practice(entry("straw-drinking"))
    path = journal_path(month_file(data_dir))
    with open(path, "ab") as handle:  # a crash in the middle of an append: never acknowledged
        handle.write(b'{"op":"put","entry":{"id":"half-writ')

    reader = FamilyStore(data_dir, maintain=False)
    assert [e.id for e in reader.practice_on(DAY)] == [kept.id]
    assert reader.problems == []

    later = reader.record_practice(entry("lip-closure"))
    assert path.read_bytes().endswith(b"\n")
    assert [op["entry"]["id"] for op in journal_ops(month_file(data_dir))] == [kept.id, later.id]
    assert {e.id for e in store.practice_on(DAY)} == {kept.id, later.id}


DAMAGE = {
    "garbage": b"\x00\x9f not json\n",
    "a list": b"[1, 2, 3]\n",
    "a blank line": b"\n",
    "an unknown operation": b'{"op":"drop","key":["2026-11-26","maya","a","b"]}\n',
    "a put without a key": b'{"op":"put","entry":{"id":"x","date":"2026-11-26"}}\n',
    "a delete with a bad key": b'{"op":"del","key":["2026-11-26",3,"a","b"]}\n',
}


def family_with_a_backup_and_two_check_ins(data_dir) -> tuple[FamilyStore, FixedClock]:
    """Yesterday's check-in (folded, and in today's backup) and today's (in the journal)."""
    clock = FixedClock(NOON - timedelta(days=1))
    store = FamilyStore(data_dir, clock=clock)
    store.record_practice(entry("straw-drinking"))
    clock.set(NOON)
    FamilyStore(data_dir, clock=clock)  # a new day: the journal is folded and a backup made
    store = FamilyStore(data_dir, clock=clock, maintain=False)
    store.record_practice(entry("lip-closure"))
    return store, clock


def strategies(entries) -> set[str]:
    return {e.strategy for e in entries}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_state_journal_line_is_made_again_from_the_logs(data_dir, damage):
    """The state journal is this computer's copy: damage in it is made again from the logs, not reported."""
    store, clock = family_with_a_backup_and_two_check_ins(data_dir)
    path = journal_path(month_file(data_dir))
    with open(path, "ab") as handle:  # damage in the middle: a good line follows it
        handle.write(DAMAGE[damage])
        handle.write(json.dumps({"op": "put", "entry": entry("chewy-tube").model_dump(mode="json")}).encode() + b"\n")

    written = {"straw-drinking", "lip-closure"}  # the chewy-tube line is in no log: it never was the family's

    def damage_again() -> None:  # the journal as made again, damaged again before the next read
        with open(path, "ab") as handle:
            handle.write(DAMAGE[damage] + b"{}\n")

    reader = FamilyStore(data_dir, clock=clock, maintain=False)
    assert strategies(reader.practice_on(DAY)) == written
    damage_again()
    assert strategies(reader.all_practice()) == written
    damage_again()
    assert strategies(store.practice_on(DAY)) == written
    damage_again()
    store.record_practice(entry("pencil-grip"))
    damage_again()
    opened = FamilyStore(data_dir, clock=clock)  # opening folds the journals
    damage_again()
    store.fold_journals()
    for each in (reader, store, opened, FamilyStore(data_dir, clock=clock)):
        assert strategies(each.practice_on(DAY)) == written | {"pencil-grip"}
        assert each.problems == []


def signed(doc: dict) -> bytes:
    """A log line as family-tui writes one (canonical JSON, then its checksum), whatever the line says."""
    body = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")
    return body[:-1] + b',"sum":"' + hashlib.sha256(body).hexdigest()[:16].encode("ascii") + b'"}\n'


def op_doc(owner: str, **changes) -> dict:
    """A check-in of the whistle as an operation of device ``owner``, with ``changes`` made to it."""
    doc = {
        "device": owner,
        "hlc": f"{int(NOON.timestamp() * 1000) + 1:013d}-00000-{owner}",
        "op": "set",
        "table": "practice",
        "id": json.dumps(["2026-11-26", "maya", "whistle", "breakfast"], separators=(",", ":")),
        "fields": entry("whistle").model_dump(mode="json"),
    }
    return doc | changes


LOG_DAMAGE = {
    "garbage": lambda device: b"\x00\x9f not json\n",
    "a list": lambda device: b"[1, 2, 3]\n",
    "an operation without its checksum": lambda device: json.dumps(op_doc(device)).encode() + b"\n",
    "a flipped byte": lambda device: signed(op_doc(device)).replace(b"whistle", b"whistlf", 1),
    "half a line": lambda device: signed(op_doc(device))[:60] + b"\n",
    "an unknown operation": lambda device: signed(op_doc(device, op="drop")),
    "an operation without a record": lambda device: signed(op_doc(device, id="")),
    "a stamp of another device": lambda device: signed(op_doc(device) | {"device": "elsewhere"}),
    "a batch holding another device's operation": lambda device: signed(
        {"device": device, "hlc": op_doc(device)["hlc"], "op": "batch", "ops": [op_doc(device), op_doc("elsewhere")]}
    ),
}


@pytest.mark.parametrize("damage", list(LOG_DAMAGE))
def test_a_damaged_log_line_is_named_left_alone_and_the_rest_still_counts(data_dir, damage):
    store, clock = family_with_a_backup_and_two_check_ins(data_dir)
    (log,) = log_files(data_dir)
    line = log.read_bytes().count(b"\n") + 1
    with open(log, "ab") as handle:  # damage in the middle: the app writes on after it
        handle.write(LOG_DAMAGE[damage](device_id(data_dir)))
    store.record_practice(entry("chewy-tube"))
    damaged = log.read_bytes()

    def named_once(problems: list[str]) -> None:
        named = [p for p in problems if str(log) in p]
        assert len(named) == 1 and f"line {line}:" in named[0], problems

    written = {"straw-drinking", "lip-closure", "chewy-tube"}  # the damaged line's whistle is not shown
    reader = FamilyStore(data_dir, clock=clock, maintain=False)
    for each in (reader, store):
        assert strategies(each.practice_on(DAY)) == written
        assert strategies(each.all_practice()) == written
        named_once(each.problems)

    reader.record_practice(entry("pencil-grip"))  # writing goes on
    opened = FamilyStore(data_dir, clock=clock)  # opening with its upkeep (journals folded, a backup)
    store.fold_journals()
    for each in (reader, store, opened, FamilyStore(data_dir, clock=clock)):
        assert strategies(each.practice_on(DAY)) == written | {"pencil-grip"}
        named_once(each.problems)
    assert log.read_bytes().startswith(damaged)  # never rewritten: only appended to


# Records entries (some replaced, some un-marked), then dies the moment the folded month
# file is on disk, before the journal is emptied: a crash in the middle of a fold.
FOLD_CRASH = r"""
import os, sys
from datetime import date, datetime
from pathlib import Path
from family_tui.clock import FixedClock
from family_tui.domain.models import PracticeEntry
from family_tui.storage import FamilyStore, journal

noon = datetime(2026, 11, 26, 12, 0)
store = FamilyStore(Path(sys.argv[1]), clock=FixedClock(noon), maintain=False)
day = date(2026, 11, 26)
def put(strategy, minutes=3):
    e = store.record_practice(PracticeEntry(date=day, child="maya", strategy=strategy, routine="bath",
                                            minutes=minutes, created_at=noon, updated_at=noon))
    print("put", strategy, e.id, flush=True)
for i in range(10):
    put(f"s{i}")
put("s3", minutes=9)  # replaced: same item, same day
store.remove_practice(day, "maya", "s5", "bath")
print("del s5", flush=True)
put("s5", minutes=7)   # and marked again
store.remove_practice(day, "maya", "s7", "bath")
print("del s7", flush=True)
journal.reset = lambda path: os._exit(17)
store.fold("2026-11")
"""


def test_a_crash_between_fold_and_journal_reset_loses_and_duplicates_nothing(data_dir, clock):
    FamilyStore(data_dir, clock=clock)
    crashed = start_python(FOLD_CRASH, str(data_dir), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = crashed.communicate(timeout=60)
    assert crashed.returncode == 17, err
    acknowledged: dict[str, str] = {}
    for line in out.splitlines():
        kind, strategy, *rest = line.split()
        if kind == "put":
            acknowledged[strategy] = rest[0]
        else:
            acknowledged.pop(strategy)

    # The month file holds every operation, and the journal still holds them too.
    path = month_file(data_dir)
    folded = {d["strategy"]: d["id"] for d in json.loads(path.read_bytes())["practice"].values()}
    assert folded == acknowledged
    assert len(journal_ops(path)) == 14

    # Replaying them again changes nothing: each entry once, none back from the dead.
    reader = FamilyStore(data_dir, clock=clock, maintain=False)
    assert {e.strategy: e.id for e in reader.practice_on(DAY)} == acknowledged
    assert len(reader.practice_on(DAY)) == len(acknowledged) == 9
    assert keys_on_disk(data_dir).most_common(1)[0][1] == 1
    assert {e.minutes for e in reader.practice_on(DAY) if e.strategy in ("s3", "s5")} == {9, 7}

    # The next fold (here: opening the folder) finishes the job.
    FamilyStore(data_dir, clock=clock)
    assert journal_ops(path) == []
    assert {d["strategy"]: d["id"] for d in json.loads(path.read_bytes())["practice"].values()} == acknowledged


def test_backups_copy_journals_and_restore_brings_back_exactly_the_backup(store, data_dir):
    folded = store.record_practice(entry("straw-drinking"))
    store.fold(KEY)
    pending = store.record_practice(entry("lip-closure"))
    backup = make_backup(data_dir, "with-journal")
    assert (backup / "practice" / f"{KEY}.journal").read_bytes() == journal_path(month_file(data_dir)).read_bytes()

    store.record_practice(entry("chewy-tube"))  # after the backup
    restore(data_dir, backup, "before-restore", FixedClock(NOON))
    assert raw_ids(month_file(data_dir), "practice") == {folded.id, pending.id}
    assert {e.id for e in store.practice_on(DAY)} == {folded.id, pending.id}

    # A backup made once the journal was folded takes out a check-in written since, whether
    # it is still in the journal or folded into the month file too.
    store.fold(KEY)
    clean = make_backup(data_dir, "no-journal")
    assert not (clean / "practice" / f"{KEY}.journal").read_bytes()
    store.record_practice(entry("chewy-tube"))
    store.record_practice(entry("blowing"))
    store.fold(KEY)
    restore(data_dir, clean, "before-restore-2", FixedClock(NOON))
    assert raw_ids(month_file(data_dir), "practice") == {folded.id, pending.id}
    assert {e.id for e in FamilyStore(data_dir, maintain=False).practice_on(DAY)} == {folded.id, pending.id}
    assert {e.id for e in store.practice_on(DAY)} == {folded.id, pending.id}
