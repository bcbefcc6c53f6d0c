"""``family.json`` in a folder on device logs only marks the version; damage to it loses nothing."""

from __future__ import annotations

import json

import pytest

from family_tui.storage import FamilyStore, NewerSchemaError
from tests.storage.storage_helpers import note


@pytest.mark.parametrize("damage", [b"", b'{"_meta": {"1": {"schema', b"\x00\x00\x00", b"[]"])
def test_a_damaged_marker_beside_the_logs_is_made_again_and_everything_is_there(store, data_dir, damage):
    kept = note("Said 'sun' at breakfast.")
    store.save(kept)
    marker = data_dir / "family.json"
    good = marker.read_bytes()
    marker.write_bytes(damage)

    reopened = FamilyStore(data_dir, clock=store.clock)
    assert [n.id for n in reopened.notes()] == [kept.id]
    assert reopened.problems == []
    assert marker.read_bytes() == good


def test_a_marker_from_a_newer_family_tui_is_refused_and_left_alone(store, data_dir):
    marker = data_dir / "family.json"
    newer = json.dumps({"_meta": {"1": {"schema_version": 99}}}).encode()
    marker.write_bytes(newer)
    with pytest.raises(NewerSchemaError, match="newer version of family-tui"):
        FamilyStore(data_dir, clock=store.clock)
    assert marker.read_bytes() == newer
