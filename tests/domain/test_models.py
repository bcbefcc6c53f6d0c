"""What the models accept and refuse, with the messages a parent would see; ids stay put."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from pydantic import ValidationError

from family_tui.clock import FixedClock
from family_tui.domain.ids import new_id
from family_tui.domain.models import Child, Note, NoteKind, PracticeEntry, Routine, Strategy, Win
from family_tui.domain.text import LINE_MAX, NAME_MAX, TEXT_MAX

NOON = datetime(2026, 11, 26, 12, 0)


def message(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return error.value.errors()[0]["msg"]


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ("\x1b[31mMaya", "001B"),
        ("Ma\x00ya", "0000"),
        ("Maya\nRose", "000A"),
        ("Maya\r", "000D"),
        ("Maya\u2028", "2028"),
        ("Maya\x7f", "007F"),
    ],
)
def test_names_refuse_control_characters_and_line_breaks(bad, code):
    with pytest.raises(ValidationError) as caught:
        Child(id="maya", name=bad)
    expected = (
        "contains a line break; this field is a single line"
        if code in ("000A", "000D", "2028")
        else f"contains a control character (U+{code})"
    )
    assert expected in message(caught)
    assert "remove it and try again" in message(caught)


def test_free_text_allows_line_breaks_and_tabs_but_not_escape_codes():
    text = "Step 1:\tsit at the table\nStep 2:\tsip through the straw"
    assert Note(kind=NoteKind.UPDATE, author="Ms. Lee", text=text, created_at=NOON, updated_at=NOON).text == text
    with pytest.raises(ValidationError) as caught:
        Win(child="maya", text="Clapped \x1b[5mtwice", when=NOON, who="Dad")
    assert "control character (U+001B)" in message(caught)


def test_text_is_kept_exactly_as_typed():
    typed = "  Zoë said «more» 🎉 – then <b>laughed</b> & ran off  "
    note = Note(kind=NoteKind.OBSERVATION, author="Grandpa Joe", text=typed, created_at=NOON, updated_at=NOON)
    assert note.text == typed


@pytest.mark.parametrize(
    ("build", "limit"),
    [
        (lambda s: Child(id="maya", name=s), NAME_MAX),
        (lambda s: Strategy(id="s", goal="g", title="Straw", cue=s), LINE_MAX),
        (lambda s: Strategy(id="s", goal="g", title="Straw", how=s), TEXT_MAX),
        (lambda s: Win(child="maya", text=s, when=NOON, who="Dad"), TEXT_MAX),
    ],
)
def test_over_long_text_is_refused_with_the_limit(build, limit):
    assert build("a" * limit)  # exactly at the limit is fine
    with pytest.raises(ValidationError) as caught:
        build("a" * (limit + 1))
    assert f"is {limit + 1} characters long; please keep it under {limit}" in message(caught)


@pytest.mark.parametrize("blank", ["", "   ", "\n\t"])
def test_required_text_must_not_be_blank(blank):
    with pytest.raises(ValidationError) as caught:
        Note(kind=NoteKind.QUESTION, author="Mom", text=blank, created_at=NOON, updated_at=NOON)
    assert "must not be empty" in message(caught)


def test_unknown_fields_are_refused():
    with pytest.raises(ValidationError, match="colour"):
        Child(id="maya", name="Maya", colour="red")


def test_practice_entry_checks_trials_and_minutes():
    base = dict(date=date(2026, 11, 26), child="maya", strategy="s", routine="r", created_at=NOON, updated_at=NOON)
    with pytest.raises(ValidationError, match="6 correct out of 5 is more than the total"):
        PracticeEntry(**base, trials_correct=6, trials_total=5)
    with pytest.raises(ValidationError, match="both a number correct and a total"):
        PracticeEntry(**base, trials_correct=3)
    with pytest.raises(ValidationError):
        PracticeEntry(**base, minutes=-1)
    assert PracticeEntry(**base, trials_correct=4, trials_total=5).trials_correct == 4


def test_ids_are_made_once_and_survive_renaming_and_round_trips(tmp_path):
    from family_tui.storage import FamilyStore

    store = FamilyStore(tmp_path / "data", clock=FixedClock(NOON))
    child = Child(id=new_id("Maya Rose"), name="Maya Rose")
    assert child.id == "maya-rose"
    routine = Routine(id=new_id("Breakfast"), name="Breakfast", time=time(7, 30))
    store.save_many([child, routine])
    practiced = store.record_practice(
        PracticeEntry(
            date=date(2026, 11, 26),
            child=child.id,
            strategy="straw",
            routine=routine.id,
            created_at=NOON,
            updated_at=NOON,
        )
    )

    store.save(child.model_copy(update={"name": "Maya"}))
    store.save(routine.model_copy(update={"name": "Morning meal"}))

    reopened = FamilyStore(tmp_path / "data", clock=FixedClock(NOON))
    program = reopened.program()
    assert [(c.id, c.name) for c in program.children] == [("maya-rose", "Maya")]
    assert [(r.id, r.name) for r in program.routines] == [("breakfast", "Morning meal")]
    [entry] = reopened.practice_on(date(2026, 11, 26))
    assert entry.id == practiced.id
    assert (entry.child, entry.routine) == ("maya-rose", "breakfast")


def test_new_ids_do_not_clash_and_are_valid():
    taken = {"breakfast", "breakfast-2"}
    assert new_id("Breakfast", taken) == "breakfast-3"
    assert new_id("Zoë's Bath!") == "zoe-s-bath"
    made = Child(id=new_id("!!!"), name="Someone")
    assert made.id == "item"
    a, b = (
        PracticeEntry(date=date(2026, 11, 26), child="m", strategy="s", routine="r", created_at=NOON, updated_at=NOON)
        for _ in range(2)
    )
    assert a.id != b.id
    with pytest.raises(ValidationError):
        Child(id="Maya!", name="Maya")
