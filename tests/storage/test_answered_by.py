"""Who answered a question: files written before the field existed load, and two copies merge it."""

from __future__ import annotations

import json

import pytest

from family_tui.domain import notes as domain
from family_tui.domain.models import Note, NoteKind
from family_tui.storage import ChangedElsewhere, FamilyStore
from tests.storage.storage_helpers import NOON, state


def question(**extra) -> Note:
    return Note(
        kind=NoteKind.QUESTION,
        child="leo",
        text="Straw or cup?",
        author="Mom",
        created_at=NOON,
        updated_at=NOON,
        **extra,
    )


def written_without_answered_by(data_dir, clock, *records: Note) -> None:
    """As a family-tui from before ``answered_by`` left the folder: no such field, no checksums."""
    FamilyStore(data_dir, clock=clock).save_many(records)
    main = state(data_dir) / "family.json"
    tables = json.loads(main.read_text())
    for doc in tables["notes"].values():
        del doc["answered_by"]
    main.write_text(json.dumps(tables))
    (data_dir / ".family-tui-local" / "lock").unlink()


@pytest.mark.parametrize("quick_start", [False, True], ids=["pydantic", "decoded"])
def test_notes_written_before_answered_by_existed_load(data_dir, clock, quick_start):
    answered = question(answer="Cup first.", answered_at=NOON)
    written_without_answered_by(data_dir, clock, question(), answered)
    assert "answered_by" not in (state(data_dir) / "family.json").read_text()
    store = FamilyStore(data_dir, clock=clock, quick_start=quick_start)
    loaded = {n.id: n for n in store.notes()}
    assert loaded[answered.id].answer == "Cup first." and loaded[answered.id].answered_by == ""
    assert store.verify() is False and store.problems == []
    # And the old record takes an answer with who gave it.
    old = next(n for n in loaded.values() if n.is_open_question)
    store.update(old, domain.answer_question(old, "Straw.", NOON, answered_by="Ms. Rivera"))
    again = {n.id: n for n in FamilyStore(data_dir, clock=clock).notes()}
    assert (again[old.id].answer, again[old.id].answered_by) == ("Straw.", "Ms. Rivera")


def test_an_answer_and_a_change_of_words_from_two_copies_both_land(data_dir, clock):
    here = FamilyStore(data_dir, clock=clock)
    asked = question()
    here.save(asked)
    there = FamilyStore(data_dir, clock=clock)
    loaded_there = there.notes()[0]
    here.update(asked, domain.answer_question(asked, "Cup first.", NOON, answered_by="Ms. Rivera"))
    there.update(
        loaded_there, domain.edit_note(loaded_there, kind=NoteKind.QUESTION, child="leo", text="Straw?", now=NOON)
    )
    [saved] = FamilyStore(data_dir, clock=clock).notes()
    assert (saved.text, saved.answer, saved.answered_by, saved.answered_at) == (
        "Straw?",
        "Cup first.",
        "Ms. Rivera",
        NOON,
    )


def test_two_copies_naming_different_answerers_clash(data_dir, clock):
    here = FamilyStore(data_dir, clock=clock)
    asked = question()
    here.save(asked)
    there = FamilyStore(data_dir, clock=clock)
    here.update(asked, domain.answer_question(asked, "Cup first.", NOON, answered_by="Ms. Rivera"))
    with pytest.raises(ChangedElsewhere) as raised:
        there.update(asked, domain.answer_question(asked, "Cup first.", NOON, answered_by="Mom"))
    assert "answered by" in str(raised.value)
    assert FamilyStore(data_dir, clock=clock).notes()[0].answered_by == "Ms. Rivera"
