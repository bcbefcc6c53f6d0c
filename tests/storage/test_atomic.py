"""Every write is atomic and durable; a write that fails leaves the previous file intact."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest

from family_tui.storage import FamilyStore, atomic, journal
from family_tui.storage.devices import oplog
from family_tui.storage.devices.oplog import log_files, read_logs
from family_tui.storage.errors import WriteFailedError
from tests.storage.storage_helpers import DAY, entry, journal_path, month_file, note, practice_on_disk, raw_ids, state


class SpyOs:
    """Stands in for ``os`` inside ``atomic.py``: records calls, can make one of them fail."""

    def __init__(self, fail: str | None = None, error: int = errno.ENOSPC) -> None:
        self.fail = fail
        self.error = error
        self.calls: list[tuple] = []

    def _maybe_fail(self, name: str) -> None:
        if self.fail == name:
            raise OSError(self.error, os.strerror(self.error))

    def write(self, fd, data):
        self._maybe_fail("write")
        return os.write(fd, data)

    def fsync(self, fd):
        kind = "dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        self.calls.append(("fsync", kind))
        self._maybe_fail("fsync")
        return os.fsync(fd)

    def fdatasync(self, fd):
        self.calls.append(("fdatasync", "file"))
        self._maybe_fail("fdatasync")
        return os.fdatasync(fd)

    def replace(self, src, dst):
        self.calls.append(("replace", Path(src), Path(dst)))
        self._maybe_fail("replace")
        return os.replace(src, dst)

    def __getattr__(self, name):
        return getattr(os, name)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_check_in_appends_one_line_to_this_devices_log_and_syncs_it(store, data_dir, monkeypatch):
    """The durable acknowledgement of a check-in is one appended, fsynced line of this device's log.

    The state files the app reads take the check-in in without waiting for the disk: they
    are made again from the log after a crash.
    """
    spy_log, spy_journal = SpyOs(), SpyOs()
    monkeypatch.setattr(oplog, "os", spy_log)
    monkeypatch.setattr(journal, "os", spy_journal)

    store.record_practice(entry("straw-drinking"))
    first = len(spy_log.calls)
    store.record_practice(entry("lip-closure"))

    [log] = log_files(data_dir)
    lines = log.read_bytes().split(b"\n")
    assert len(lines) == 3 and lines[-1] == b""
    assert [op.fields["strategy"] for op in read_logs(data_dir).ops] == ["straw-drinking", "lip-closure"]
    assert first >= 1 and spy_log.calls[first:] == [("fsync", "file")]  # the second: one fsync, nothing else
    assert [c for c in spy_journal.calls if c[0] in ("fsync", "fdatasync")] == []
    assert not month_file(data_dir).exists()  # no month file rewritten for a check-in


def test_fold_goes_to_temp_file_in_same_folder_then_fsync_replace_fsync_folder(store, data_dir, monkeypatch):
    store.record_practice(entry())
    spy = SpyOs()
    monkeypatch.setattr(atomic, "os", spy)

    assert store.fold("2026-11")

    target = month_file(data_dir)
    replaces = [c for c in spy.calls if c[0] == "replace" and c[2] == target]
    assert len(replaces) == 1
    _, src, dst = replaces[0]
    assert src.parent == target.parent and src != target
    # The data reaches the disk before the rename, and the rename itself is made durable.
    month_write = spy.calls.index(replaces[0])
    order = [c[0] if c[0] == "replace" else f"fsync-{c[1]}" for c in spy.calls[: month_write + 2]]
    assert order == ["fsync-file", "replace", "fsync-dir"]
    # Then the checksums and the Progress caches (a power cut may lose them: see checksums.py,
    # summary.py): replaced atomically, never fsynced.
    caches = spy.calls[month_write + 2 :]
    assert caches and all(c[0] == "replace" and ("cache" in c[2].parts or c[2].name == ".checksums") for c in caches)
    assert leftovers(target.parent) == []
    # Only then is the journal emptied.
    assert journal_path(target).read_bytes() == b""
    assert len(json.loads(target.read_bytes())["practice"]) == 1


@pytest.mark.parametrize("failing", ["write", "fsync"])
def test_failed_check_in_leaves_the_files_untouched(store, data_dir, monkeypatch, failing):
    kept = store.record_practice(entry("straw-drinking"))
    path = month_file(data_dir)
    [log] = log_files(data_dir)
    before = log.read_bytes()

    monkeypatch.setattr(oplog, "os", SpyOs(fail=failing))
    lost = entry("lip-closure")
    with pytest.raises(WriteFailedError) as caught:
        store.record_practice(lost)
    message = str(caught.value)
    assert str(log) in message
    assert "No space left on device" in message
    assert "Nothing was changed" in message

    assert log.read_bytes() == before  # a line that did not reach the disk is taken back
    # The store does not pretend the failed entry was saved.
    assert [e.id for e in store.practice_on(DAY)] == [kept.id]

    monkeypatch.setattr(oplog, "os", os)
    later = store.record_practice(entry("chewy-tube"))
    assert raw_ids(path, "practice") == {kept.id, later.id}
    assert {e.id for e in store.practice_on(DAY)} == {kept.id, later.id}
    assert {e.id for e in FamilyStore(data_dir).practice_on(DAY)} == {kept.id, later.id}


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_failed_fold_leaves_month_file_and_journal_untouched(store, data_dir, monkeypatch, failing):
    kept = store.record_practice(entry("straw-drinking"))
    store.fold("2026-11")
    path = month_file(data_dir)
    before = path.read_bytes()
    later = store.record_practice(entry("lip-closure"))
    journal_before = journal_path(path).read_bytes()

    monkeypatch.setattr(atomic, "os", SpyOs(fail=failing))
    with pytest.raises(WriteFailedError) as caught:
        store.fold("2026-11")
    message = str(caught.value)
    assert str(path) in message
    assert "No space left on device" in message

    assert path.read_bytes() == before
    assert journal_path(path).read_bytes() == journal_before
    assert leftovers(path.parent) == []
    # Nothing acknowledged is lost: the journal still holds the check-in.
    assert {e.id for e in store.practice_on(DAY)} == {kept.id, later.id}
    assert {e.id for e in FamilyStore(data_dir, maintain=False).practice_on(DAY)} == {kept.id, later.id}

    monkeypatch.setattr(atomic, "os", os)
    assert store.fold("2026-11")
    assert {d["id"] for d in json.loads(path.read_bytes())["practice"].values()} == {kept.id, later.id}
    assert journal_path(path).read_bytes() == b""


def test_a_change_the_log_cannot_take_is_not_made_and_says_why(store, data_dir, monkeypatch):
    first = note("Used the straw at lunch without a reminder.")
    store.save(first)
    path = state(data_dir) / "family.json"
    before = path.read_bytes()

    monkeypatch.setattr(oplog, "os", SpyOs(fail="write"))
    with pytest.raises(WriteFailedError, match="No space left on device"):
        store.save(note("This one never reaches the disk."))
    with pytest.raises(WriteFailedError):
        store.update_settings(daily_minutes_target=25)
    assert path.read_bytes() == before
    assert [n.id for n in store.notes()] == [first.id]
    assert store.settings().daily_minutes_target == 10

    monkeypatch.setattr(oplog, "os", os)
    second = note("Said 'more' at snack time.")
    store.save(second)
    store.update_settings(daily_minutes_target=25)
    reopened = FamilyStore(data_dir)
    assert {n.id for n in reopened.notes()} == {first.id, second.id}
    assert reopened.settings().daily_minutes_target == 25


def test_a_change_saved_in_the_log_is_never_refused_when_the_state_files_cannot_be_written(
    store, data_dir, monkeypatch
):
    """The log line is the save: "try again" would make the note twice. The screen catches up once there is room."""
    first = note("Used the straw at lunch without a reminder.")
    store.save(first)

    monkeypatch.setattr(atomic, "os", SpyOs(fail="replace"))
    second = note("Said 'more' at snack time.")
    store.save(second)  # no error: it is in this device's log
    logged = {op.id for op in read_logs(data_dir).ops if op.table == "notes"}
    assert second.id in logged
    assert any("are saved" in p and "No space left on device" in p for p in store.notices)

    monkeypatch.setattr(atomic, "os", os)
    store.change_token()  # the screens poll this; the state files catch up
    assert {n.id for n in store.notes()} == {first.id, second.id}
    assert not any("are saved" in p for p in store.notices)
    assert {n.id for n in FamilyStore(data_dir).notes()} == {first.id, second.id}


def test_save_many_is_all_or_nothing(store, data_dir):
    good = note("Kept.")
    store.save(good)
    before = (state(data_dir) / "family.json").read_bytes()

    class Boom(Exception):
        pass

    def records():
        yield note("Would be half of a batch.")
        raise Boom

    with pytest.raises(Boom):
        store.save_many(records())
    assert (state(data_dir) / "family.json").read_bytes() == before
    assert [n.id for n in store.notes()] == [good.id]


def test_files_on_disk_are_complete_after_each_write(store, data_dir):
    path = month_file(data_dir)
    for i in range(6):
        store.record_practice(entry(f"strategy-{i}"))
        if i == 2:
            store.fold("2026-11")
        if path.exists():
            json.loads(path.read_bytes())
        raw = journal_path(path).read_bytes()
        assert raw == b"" or raw.endswith(b"\n")
        assert len(practice_on_disk(path)) == i + 1
