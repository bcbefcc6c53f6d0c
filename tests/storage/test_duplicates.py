"""Two records where the app keeps one (a hand edit, a sync tool's merge): one is shown, the other reported."""

from __future__ import annotations

import json
from datetime import datetime

from family_tui.domain.history import PracticeHistory
from family_tui.domain.models import Child
from family_tui.storage import FamilyStore
from tests.storage.storage_helpers import state

from .storage_helpers import DAY, entry, month_file


def add_doc(path, table: str, doc: dict) -> None:
    data = json.loads(path.read_bytes())
    data[table][str(max(int(i) for i in data[table]) + 1)] = doc
    path.write_text(json.dumps(data))


def test_a_second_child_with_the_same_id_is_reported_and_kept_on_disk(data_dir, clock):
    FamilyStore(data_dir, clock=clock).save_many([Child(id="leo", name="Leo"), Child(id="maya", name="Maya")])
    main = state(data_dir) / "family.json"
    add_doc(main, "children", {"id": "leo", "name": "Leonard", "color": "cyan"})
    on_disk = main.read_bytes()

    reader = FamilyStore(data_dir, clock=clock)

    assert [(c.id, c.name) for c in reader.program().children] == [("leo", "Leo"), ("maya", "Maya")]
    assert len(reader.problems) == 1
    problem = reader.problems[0]
    assert "family.json children record leo" in problem and '"Leo"' in problem and '"Leonard"' in problem
    assert "kept on disk, not shown" in problem
    assert main.read_bytes() == on_disk
    reader.program()  # read again: said once
    assert len(reader.problems) == 1


def test_two_entries_for_one_item_show_the_one_changed_last(data_dir, clock):
    store = FamilyStore(data_dir, clock=clock)
    first = store.record_practice(entry("straw-drinking", minutes=3))
    store.fold_journals()
    later = first.model_copy(update={"id": "merged-copy", "minutes": 7, "updated_at": datetime(2026, 11, 26, 18, 0)})
    add_doc(month_file(data_dir), "practice", later.model_dump(mode="json"))

    reader = FamilyStore(data_dir, clock=clock)

    assert [(e.id, e.minutes) for e in reader.practice_on(DAY)] == [("merged-copy", 7)]
    assert [e.id for e in reader.all_practice()] == ["merged-copy"]
    assert reader.last_practice("maya", "straw-drinking", DAY).id == "merged-copy"
    history: PracticeHistory = reader.practice_history(None)
    assert [f.minutes for f in history.facts] == [7]  # counted once in Progress and the updates
    assert len(reader.problems) == 1
    problem = reader.problems[0]
    assert problem.startswith(f"practice/2026-11.json entry {first.id}: 2 entries for one item")
    assert "(merged-copy) is shown" in problem and "kept on disk, not shown" in problem
    assert "press d and save" in problem


def test_saving_the_item_again_keeps_only_one_entry(data_dir, clock):
    store = FamilyStore(data_dir, clock=clock)
    first = store.record_practice(entry("straw-drinking", minutes=3))
    store.fold_journals()
    add_doc(month_file(data_dir), "practice", first.model_dump(mode="json") | {"id": "copy"})

    reader = FamilyStore(data_dir, clock=clock)
    kept = reader.practice_on(DAY)[0]
    reader.record_practice(kept.model_copy(update={"minutes": 5}))
    reader.fold_journals()

    docs = json.loads(month_file(data_dir).read_bytes())["practice"].values()
    assert [d["minutes"] for d in docs] == [5]
    again = FamilyStore(data_dir, clock=clock)
    assert [e.minutes for e in again.practice_on(DAY)] == [5] and again.problems == []
