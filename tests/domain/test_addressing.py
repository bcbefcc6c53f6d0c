"""Who a note is for: a question for the physiotherapist does not reach the speech therapist."""

from __future__ import annotations

from datetime import datetime

import pytest

from family_tui.domain.addressing import (
    addressee_choices,
    addressee_label,
    default_addressee,
    is_own_update,
    note_is_for,
)
from family_tui.domain.models import Child, Discipline, Goal, Note, NoteKind, Program, Therapist
from family_tui.domain.records import decode

NOW = datetime(2026, 12, 7, 9, 0)

PARK = Therapist(id="park", name="Ms. Park", discipline=Discipline.SLP, children=["leo", "sam"])
IDRIS = Therapist(id="idris", name="Mx. Idris", discipline=Discipline.OT, children=["leo"])
CHEN = Therapist(id="chen", name="Mr. Chen", discipline=Discipline.PT, children=["sam"])
PROGRAM = Program(
    children=[Child(id="leo", name="Leo"), Child(id="sam", name="Sam"), Child(id="zoe", name="Zoë")],
    therapists=[PARK, IDRIS, CHEN],
    goals=[
        Goal(id="sam-curb", child="sam", discipline=Discipline.PT, title="Step down a curb"),
        Goal(id="zoe-r", child="zoe", discipline=Discipline.SLP, title="Say /r/"),
    ],
)


def note(child: str | None, to: str | None, kind: NoteKind = NoteKind.QUESTION) -> Note:
    return Note(
        kind=kind, child=child, author="Mom", text="Is this OK?", created_at=NOW, updated_at=NOW, addressed_to=to
    )


@pytest.mark.parametrize(
    ("child", "to", "who", "expected"),
    [
        ("sam", "chen", CHEN, True),  # her id
        ("sam", "chen", PARK, False),  # someone else's id, though she sees Sam
        ("zoe", "park", PARK, True),  # her id reaches her even for a child she does not see
        ("sam", "PT", CHEN, True),  # her discipline, her child
        ("sam", "PT", PARK, False),  # another discipline
        ("leo", "SLP", PARK, True),
        ("zoe", "SLP", PARK, False),  # her discipline, but she does not see Zoë
        ("leo", None, PARK, True),  # everyone, and she sees Leo
        ("leo", None, IDRIS, True),
        ("leo", None, CHEN, False),  # everyone, but she does not see Leo
        (None, None, CHEN, True),  # the whole family: she sees one of the children
        (None, "OT", CHEN, False),
        ("sam", "gone", CHEN, True),  # a therapist no longer in the program: everyone who sees Sam
        ("sam", "gone", IDRIS, False),
    ],
)
def test_note_is_for(child: str | None, to: str | None, who: Therapist, expected: bool) -> None:
    assert note_is_for(note(child, to), who, PROGRAM) is expected


def test_labels_name_the_therapist_the_discipline_or_everyone() -> None:
    assert addressee_label(note("sam", "park"), PROGRAM) == "Ms. Park"
    assert addressee_label(note("sam", "SLP"), PROGRAM) == "Speech therapy (SLP)"
    assert addressee_label(note("leo", None), PROGRAM) == "everyone who sees Leo"
    assert addressee_label(note(None, None), PROGRAM) == "everyone who sees the family"


def test_choices_are_the_childs_therapists_their_disciplines_and_everyone() -> None:
    assert addressee_choices(PROGRAM, "sam") == [
        ("Ms. Park (SLP)", "park"),
        ("Mr. Chen (PT)", "chen"),
        ("Physical therapy (PT)", "PT"),
        ("Speech therapy (SLP)", "SLP"),
        ("Everyone who sees Sam", None),
    ]


def test_default_is_the_therapist_of_the_goal_else_everyone() -> None:
    assert default_addressee(PROGRAM, PROGRAM.goal("sam-curb")) == "chen"
    assert default_addressee(PROGRAM, PROGRAM.goal("zoe-r")) is None  # no SLP sees Zoë
    assert default_addressee(PROGRAM, None) is None


def test_own_update_is_hers_by_name() -> None:
    update = Note(kind=NoteKind.UPDATE, child="sam", author="Mr. Chen", text="x", created_at=NOW, updated_at=NOW)
    assert is_own_update(update, CHEN)
    assert not is_own_update(update, PARK)


def test_an_old_note_without_the_field_is_for_everyone() -> None:
    stored = note("leo", None).model_dump(mode="json")
    del stored["addressed_to"]
    assert decode(Note, stored).addressed_to is None
    assert decode(Note, {**stored, "addressed_to": "PT"}).addressed_to == "PT"
