"""``family-tui note`` and ``family-tui win``: saved on disk as the forms save them, or refused with the choices.

The family of two-therapists.toml: Ana Núñez (SLP) sees Leo and Maya, Mr. Chen (OT)
sees Leo, Ana Lee (PT) sees Maya.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from family_tui.domain.models import NoteKind
from family_tui.storage import FamilyStore

FAMILY = Path(__file__).resolve().parents[1] / "fixtures" / "two-therapists.toml"


@pytest.fixture
def family(cli, data_dir):
    assert cli("import", FAMILY).code == 0


def on_disk(data_dir, clock):
    store = FamilyStore(data_dir, clock=clock)
    return store.notes(), store.wins()


def test_a_question_for_one_therapist_is_saved_and_printed(cli, family, data_dir, clock):
    result = cli("note", "--child", "leo", "--question", "--for", "chen", "Would loop scissors be OK for now?")
    assert result.code == 0, result.err
    assert result.out == (
        "Question for the therapist about Leo saved, for Mr. Chen: Would loop scissors be OK for now?\n"
    )
    [note], _ = on_disk(data_dir, clock)
    assert (note.kind, note.child, note.addressed_to, note.author) == (NoteKind.QUESTION, "leo", "chen", "Parent")
    assert note.created_at == clock.now()


def test_an_observation_for_a_discipline_words_without_quotes_child_as_typed(cli, family, data_dir, clock):
    result = cli("note", "--child", "MAYA", "--for", "pt", "Her", "left", "foot", "turns", "in.")
    assert result.code == 0, result.err
    assert result.out == "Observation about Maya saved, for Physical therapy (PT): Her left foot turns in.\n"
    [note], _ = on_disk(data_dir, clock)
    assert (note.kind, note.child, note.addressed_to, note.text) == (
        NoteKind.OBSERVATION,
        "maya",
        "PT",
        "Her left foot turns in.",
    )


def test_without_for_or_child_a_note_for_everyone_about_the_family(cli, family, data_dir, clock):
    result = cli("note", "Grandma visits all week.")
    assert result.code == 0, result.err
    assert (
        result.out
        == "Observation about the whole family saved, for everyone who sees the family: Grandma visits all week.\n"
    )
    [note], _ = on_disk(data_dir, clock)
    assert (note.child, note.addressed_to) == (None, None)


def test_a_wrong_child_lists_the_children_and_saves_nothing(cli, family, data_dir, clock):
    result = cli("note", "--child", "Zoe", "Hello")
    assert result.code == 1
    assert 'Not saved. No child called "Zoe". Children: Leo (id leo), Maya (id maya).' in result.err
    assert on_disk(data_dir, clock) == ([], [])
    result = cli("win", "--child", "Zoe", "Hello")
    assert result.code == 1 and 'No child called "Zoe"' in result.err
    assert on_disk(data_dir, clock) == ([], [])


def test_for_someone_unknown_or_who_does_not_see_the_child_lists_the_choices(cli, family, data_dir, clock):
    result = cli("note", "--child", "leo", "--for", "Rivera", "Hello")
    assert result.code == 1
    assert 'No therapist called "Rivera"' in result.err
    assert "For a note about Leo: Ana Núñez (SLP, id nunez), Mr. Chen (OT, id chen), OT, SLP;" in result.err
    result = cli("note", "--child", "leo", "--for", "Ana Lee", "Hello")
    assert result.code == 1 and "Ana Lee does not see Leo." in result.err
    result = cli("note", "--child", "leo", "--for", "PT", "Hello")
    assert result.code == 1 and "No one who sees Leo does physical therapy (PT)." in result.err
    assert on_disk(data_dir, clock) == ([], [])


def test_the_words_follow_the_forms_rules(cli, family, data_dir, clock):
    result = cli("note", "--child", "leo", "   ")
    assert result.code == 1
    assert result.err.startswith("family-tui: Not saved. The note ")
    assert on_disk(data_dir, clock) == ([], [])


def test_question_and_observation_do_not_go_together(cli, family):
    with pytest.raises(SystemExit):
        cli("note", "--question", "--observation", "Hello")


def test_a_win_with_its_goal_is_saved_and_celebrated(cli, family, data_dir, clock):
    result = cli("win", "--child", "Leo", "--goal", "leo-buttons", "Buttoned", "his", "coat!")
    assert result.code == 0, result.err
    assert (
        result.out == "🎉 A win for Leo! Saved for the weekly update: Buttoned his coat! (goal: Button his own shirt)\n"
    )
    _, [win] = on_disk(data_dir, clock)
    assert (win.child, win.goal, win.text, win.when) == ("leo", "leo-buttons", "Buttoned his coat!", clock.now())


def test_a_win_needs_a_child_and_one_of_their_goals(cli, family, data_dir, clock):
    result = cli("win", "Hello")
    assert result.code == 1
    assert "Pick the child this win is for: --child NAME. Children: Leo (id leo), Maya (id maya)." in result.err
    result = cli("win", "--child", "maya", "--goal", "leo-buttons", "Hello")
    assert result.code == 1
    assert 'No goal "leo-buttons" on Today for Maya. Goals: ' in result.err and "(id maya-r)" in result.err
    assert on_disk(data_dir, clock) == ([], [])
