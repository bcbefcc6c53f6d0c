"""Every device names a record the same way, so the fold merges the same record field by field."""

from __future__ import annotations

import itertools

import pytest

from family_tui.domain.sync.fold import fold
from family_tui.domain.sync.records import (
    NoRecordId,
    practice_id,
    record_id,
    settings_of,
    write_ops,
)
from tests.sync.helpers import at

CHECK_IN = {"id": "e1", "date": "2026-12-07", "child": "maya", "strategy": "straw", "routine": "lunch", "minutes": 3}


def stamps(device: str = "kitchen", start: int = 1_796_650_000_000):
    counter = itertools.count()
    return lambda: at(start + next(counter), device)


def test_a_check_in_is_named_by_its_day_child_strategy_and_routine_not_its_own_id():
    other_home = {**CHECK_IN, "id": "e2", "minutes": 5}
    assert practice_id(CHECK_IN) == practice_id(other_home) == record_id("practice", CHECK_IN)
    assert practice_id({**CHECK_IN, "routine": "dinner"}) != practice_id(CHECK_IN)


def test_a_check_in_without_its_item_cannot_be_named():
    with pytest.raises(NoRecordId):
        practice_id({**CHECK_IN, "routine": None})


def test_a_change_writes_only_the_fields_changed():
    before = {"id": "n1", "text": "Straw", "answer": ""}
    [op] = write_ops(stamps(), "notes", [(before, {**before, "answer": "Yes"})])
    assert op.kind == "set" and op.id == "n1" and op.fields == {"answer": "Yes"}


def test_a_check_in_replaces_the_whole_entry_and_an_undo_deletes_it():
    [put, undo] = write_ops(stamps(), "practice", [(None, CHECK_IN), (CHECK_IN, None)])
    assert put.fields == CHECK_IN and undo.kind == "delete" and undo.id == practice_id(CHECK_IN)


def test_settings_are_one_record_per_setting_so_two_homes_changing_two_settings_both_keep_theirs():
    before = {"theme": "dark", "daily_minutes_target": 10}
    kitchen = write_ops(stamps(), "settings", [(before, {**before, "theme": "light"})])
    dad = write_ops(stamps("dad"), "settings", [(before, {**before, "daily_minutes_target": 20})])
    assert [op.id for op in kitchen] == ["theme"] and [op.id for op in dad] == ["daily_minutes_target"]

    first = write_ops(stamps("aaa", start=1_796_640_000_000), "settings", [(None, before)])
    shown = settings_of(fold(first + kitchen + dad).tables["settings"])
    assert shown == {"theme": "light", "daily_minutes_target": 20}


def test_the_writer_s_base_goes_with_each_op():
    seen = {"text": (at(1),)}
    [op] = write_ops(stamps(), "notes", [({"id": "n1", "text": "a"}, {"id": "n1", "text": "b"})], lambda *_: seen)
    assert op.base == seen
