"""store.update(before, after): only the fields changed here are written over what is on disk now."""

from __future__ import annotations

import pytest

from family_tui.storage import ChangedElsewhere, FamilyStore
from tests.factories import small_family


def strategy(store: FamilyStore, strategy_id: str):
    return FamilyStore(store.data_dir).program().strategy(strategy_id)


def test_a_clash_writes_nothing_and_runs_nothing_first(tmp_path):
    store = FamilyStore(tmp_path / "data")
    store.save_many(small_family())
    straw, buttons = store.program().strategy("straw"), store.program().strategy("buttons")
    other = FamilyStore(tmp_path / "data")
    other.save(buttons.model_copy(update={"cue": "Theirs"}))
    ran: list[str] = []
    with pytest.raises(ChangedElsewhere) as raised:
        store.update_many(
            [(straw, straw.model_copy(update={"minutes": 5})), (buttons, buttons.model_copy(update={"cue": "Mine"}))],
            first=lambda: ran.append("first"),
        )
    assert raised.value.current.cue == "Theirs"
    assert ran == []
    assert strategy(store, "straw").minutes == 2 and strategy(store, "buttons").cue == "Theirs"


def test_untouched_fields_keep_the_other_change_and_same_values_do_not_clash(tmp_path):
    store = FamilyStore(tmp_path / "data")
    store.save_many(small_family())
    straw = store.program().strategy("straw")
    FamilyStore(tmp_path / "data").save(straw.model_copy(update={"cue": "Theirs", "minutes": 4}))
    written = store.update(straw, straw.model_copy(update={"minutes": 4, "dose": "Half a cup"}))
    assert (written.cue, written.minutes, written.dose) == ("Theirs", 4, "Half a cup")
    assert strategy(store, "straw") == written
