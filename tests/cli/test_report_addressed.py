"""``report --therapist``: each question reaches the therapist it is for, and her own updates come back to her.

The family of two-therapists.toml: Ana Núñez (SLP, Tuesdays) sees Leo and Maya, Mr. Chen
(OT) sees Leo, Ana Lee (PT) sees Maya. Today is Thursday 26 November 2026: Ana Núñez's
update covers 25–26 November, the others' the last seven days.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from family_tui.domain.models import Note, NoteKind
from family_tui.storage import FamilyStore

FAMILY = Path(__file__).resolve().parents[1] / "fixtures" / "two-therapists.toml"
WHEN = datetime(2026, 11, 25, 19, 0)


def a_note(text: str, child: str | None, to: str | None, kind=NoteKind.QUESTION, author="Mom") -> Note:
    return Note(kind=kind, child=child, author=author, text=text, created_at=WHEN, updated_at=WHEN, addressed_to=to)


@pytest.fixture
def family(cli, data_dir, clock) -> FamilyStore:
    assert cli("import", FAMILY).code == 0
    store = FamilyStore(data_dir, clock=clock)
    for note in (
        a_note("Is hopping on the left foot enough?", "maya", "PT"),
        a_note("Would loop scissors be OK for now?", "leo", "chen"),
        a_note("Should we correct 'thnake'?", "leo", None),
        a_note("Her left foot turns in when she runs.", "maya", "ana-lee", kind=NoteKind.OBSERVATION),
        a_note("Move from words to short phrases next week.", "maya", None, NoteKind.UPDATE, "Ana Núñez"),
    ):
        store.save(note)
    return store


def report(cli, therapist: str) -> str:
    result = cli("report", "--therapist", therapist)
    assert result.code == 0, result.err
    return result.out


def test_a_pt_question_does_not_reach_the_speech_therapist(cli, family):
    slp = report(cli, "nunez")
    assert "hopping on the left foot" not in slp and "left foot turns in" not in slp
    pt = report(cli, "ana-lee")
    assert "Is hopping on the left foot enough?" in pt and "Her left foot turns in when she runs." in pt


def test_a_question_for_one_therapist_reaches_only_her(cli, family):
    assert "loop scissors" not in report(cli, "nunez")
    assert "Would loop scissors be OK for now? (Mom, Wed 25 Nov)\n" in report(cli, "chen")


def test_a_question_for_everyone_reaches_each_of_the_childs_therapists_marked(cli, family):
    for therapist in ("nunez", "chen"):
        assert "Should we correct 'thnake'? (Mom, Wed 25 Nov) (for everyone)" in report(cli, therapist)
    assert "thnake" not in report(cli, "ana-lee")  # she does not see Leo


def test_open_questions_at_a_glance_count_only_hers(cli, family):
    assert "1 open question for you, just below." in report(cli, "nunez")
    assert "2 open questions for you, just below." in report(cli, "chen")
    assert "1 open question for you, just below." in report(cli, "ana-lee")


def test_her_own_update_since_the_last_session_is_in_her_update_only(cli, family):
    slp = report(cli, "nunez")
    assert "## Your updates to the family\n" in slp
    assert "Maya: Move from words to short phrases next week. (Wed 25 Nov)" in slp
    assert "short phrases" not in report(cli, "ana-lee")


def test_the_whole_familys_update_keeps_every_question(cli, family):
    result = cli("report")
    assert result.code == 0, result.err
    for words in ("hopping", "loop scissors", "thnake"):
        assert words in result.out
    assert "(for everyone)" not in result.out


def test_a_disciplines_update_leaves_out_the_questions_for_another_discipline(cli, family):
    def by_discipline(code: str) -> str:
        result = cli("report", "--discipline", code, "--week", "2026-W48")
        assert result.code == 0, result.err
        return result.out

    slp = by_discipline("SLP")
    assert "thnake" in slp  # for everyone who sees Leo
    for words in ("hopping", "left foot turns in", "loop scissors"):
        assert words not in slp  # for PT, for Ana Lee (PT), for Mr. Chen (OT)
    pt = by_discipline("PT")
    assert "Is hopping on the left foot enough?" in pt and "Her left foot turns in when she runs." in pt
    assert "loop scissors" not in pt
    assert "Would loop scissors be OK for now?" in by_discipline("OT")
