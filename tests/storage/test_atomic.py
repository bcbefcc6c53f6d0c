"""Every write is atomic and durable; a write that fails leaves the previous file intact."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest
from storage_helpers import DAY, entry, month_file, note, raw_ids

from family_tui.storage import FamilyStore, atomic
from family_tui.storage.errors import WriteFailedError


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

    def replace(self, src, dst):
        self.calls.append(("replace", Path(src), Path(dst)))
        self._maybe_fail("replace")
        return os.replace(src, dst)

    def __getattr__(self, name):
        return getattr(os, name)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_goes_to_temp_file_in_same_folder_then_fsync_replace_fsync_folder(store, data_dir, monkeypatch):
    spy = SpyOs()
    monkeypatch.setattr(atomic, "os", spy)

    store.record_practice(entry())

    target = month_file(data_dir)
    replaces = [c for c in spy.calls if c[0] == "replace"]
    assert len(replaces) == 1
    _, src, dst = replaces[0]
    assert dst == target
    assert src.parent == target.parent and src != target
    # The data reaches the disk before the rename, and the rename itself is made durable.
    order = [c[0] if c[0] == "replace" else f"fsync-{c[1]}" for c in spy.calls]
    assert order == ["fsync-file", "replace", "fsync-dir"]
    assert leftovers(target.parent) == []


@pytest.mark.parametrize("failing", ["write", "fsync", "replace"])
def test_failed_practice_write_leaves_month_file_untouched(store, data_dir, monkeypatch, failing):
    kept = store.record_practice(entry("straw-drinking"))
    path = month_file(data_dir)
    before = path.read_bytes()

    monkeypatch.setattr(atomic, "os", SpyOs(fail=failing))
    lost = entry("lip-closure")
    with pytest.raises(WriteFailedError) as caught:
        store.record_practice(lost)
    message = str(caught.value)
    assert str(path) in message
    assert "No space left on device" in message
    assert "Nothing was changed" in message

    assert path.read_bytes() == before
    assert leftovers(path.parent) == []
    # The store does not pretend the failed entry was saved.
    assert [e.id for e in store.practice_on(DAY)] == [kept.id]

    monkeypatch.setattr(atomic, "os", os)
    later = store.record_practice(entry("chewy-tube"))
    assert raw_ids(path, "practice") == {kept.id, later.id}
    assert {e.id for e in store.practice_on(DAY)} == {kept.id, later.id}
    assert {e.id for e in FamilyStore(data_dir).practice_on(DAY)} == {kept.id, later.id}


def test_failed_main_file_write_leaves_family_json_untouched(store, data_dir, monkeypatch):
    first = note("Used the straw at lunch without a reminder.")
    store.save(first)
    path = data_dir / "family.json"
    before = path.read_bytes()

    monkeypatch.setattr(atomic, "os", SpyOs(fail="replace"))
    with pytest.raises(WriteFailedError, match="No space left on device"):
        store.save(note("This one never reaches the disk."))
    with pytest.raises(WriteFailedError):
        store.update_settings(daily_minutes_target=25)
    assert path.read_bytes() == before
    assert [n.id for n in store.notes()] == [first.id]
    assert store.settings().daily_minutes_target == 10

    monkeypatch.setattr(atomic, "os", os)
    second = note("Said 'more' at snack time.")
    store.save(second)
    store.update_settings(daily_minutes_target=25)
    reopened = FamilyStore(data_dir)
    assert {n.id for n in reopened.notes()} == {first.id, second.id}
    assert reopened.settings().daily_minutes_target == 25


def test_save_many_is_all_or_nothing(store, data_dir):
    good = note("Kept.")
    store.save(good)
    before = (data_dir / "family.json").read_bytes()

    class Boom(Exception):
        pass

    def records():
        yield note("Would be half of a batch.")
        raise Boom

    with pytest.raises(Boom):
        store.save_many(records())
    assert (data_dir / "family.json").read_bytes() == before
    assert [n.id for n in store.notes()] == [good.id]


def test_files_on_disk_are_complete_json_after_each_write(store, data_dir):
    for i in range(5):
        store.record_practice(entry(f"strategy-{i}"))
        data = json.loads(month_file(data_dir).read_bytes())
        assert len(data["practice"]) == i + 1
