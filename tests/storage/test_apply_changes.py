"""Many saves and deletes in one write: the same result as TinyDB's upsert and remove, one by one."""

from __future__ import annotations

import random
from datetime import datetime

from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

from family_tui.domain.models import Child, Note, NoteKind
from family_tui.storage import FamilyStore
from family_tui.storage.store import _upsert_or_remove_by_id


def test_grouped_changes_match_tinydb_upsert_and_remove_one_at_a_time():
    rng = random.Random(5)
    start = [{"id": f"r{rng.randrange(30)}", "n": i, "keep": "old"} for i in range(40)]  # some ids twice
    changes = []
    for i in range(200):
        record_id = f"r{rng.randrange(45)}"
        changes.append((record_id, None if rng.random() < 0.25 else {"id": record_id, "n": 1000 + i}))

    stock = TinyDB(storage=MemoryStorage).table("t")
    stock.insert_multiple([dict(d) for d in start])
    for record_id, document in changes:
        if document is None:
            stock.remove(Query().id == record_id)
        else:
            stock.upsert(document, Query().id == record_id)
    expected = {doc.doc_id: dict(doc) for doc in stock.all()}

    documents = {i + 1: dict(d) for i, d in enumerate(start)}
    _upsert_or_remove_by_id(changes, documents)
    assert documents == expected


def test_one_write_saves_updates_and_deletes_across_tables(data_dir, clock):
    store = FamilyStore(data_dir, clock=clock)
    stamp = datetime(2026, 11, 26, 8, 0)
    notes = [
        Note(id=f"n{i}", kind=NoteKind.OBSERVATION, author="Mom", text=f"note {i}", created_at=stamp, updated_at=stamp)
        for i in range(5)
    ]
    store.save_many([Child(id="leo", name="Leo"), Child(id="zoe", name="Zoe"), *notes])

    store.apply_changes(
        [
            Child(id="zoe", name="Zoë"),
            Child(id="sam", name="Sam Okoye"),
            notes[1].model_copy(update={"text": "edited"}),
        ],
        [(Child, "leo"), (Note, "n3")],
    )

    again = FamilyStore(data_dir, clock=clock)
    assert [(c.id, c.name) for c in again.program().children] == [("zoe", "Zoë"), ("sam", "Sam Okoye")]
    assert [(n.id, n.text) for n in again.notes()] == [
        ("n0", "note 0"),
        ("n1", "edited"),
        ("n2", "note 2"),
        ("n4", "note 4"),
    ]
    store.save(Child(id="ann", name="Ann"))  # the next document id is worked out again
    assert [c.id for c in FamilyStore(data_dir, clock=clock).program().children] == ["zoe", "sam", "ann"]
