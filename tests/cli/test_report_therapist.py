"""``family-tui report --therapist`` and ``--discipline``: one therapist's children and goals, since the last session.

The family: Ana Núñez (SLP, sessions on Tuesdays) sees Leo and Maya, Mr. Chen (OT, no
session days) sees Leo, Ana Lee (PT) sees Maya. Today is Thursday 26 November 2026.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from family_tui.domain.models import Assistance, Note, NoteKind, PracticeEntry
from family_tui.storage import FamilyStore

FAMILY = Path(__file__).resolve().parents[1] / "fixtures" / "two-therapists.toml"


def practised(day: date, child: str, strategy: str, routine: str, **fields) -> PracticeEntry:
    stamp = datetime.combine(day, time(8, 0))
    return PracticeEntry(
        date=day,
        child=child,
        strategy=strategy,
        routine=routine,
        created_at=stamp,
        updated_at=stamp,
        minutes=3,
        **fields,
    )


@pytest.fixture
def family(cli, data_dir, clock) -> FamilyStore:
    assert cli("import", FAMILY).code == 0
    store = FamilyStore(data_dir, clock=clock)
    store.record_many(
        [
            practised(
                date(2026, 11, 23),
                "leo",
                "snack-s",
                "breakfast",
                trials_correct=4,
                trials_total=5,
                assistance=Assistance.VERBAL,
                caregiver="dad",
            ),
            practised(
                date(2026, 11, 25),
                "leo",
                "snack-s",
                "breakfast",
                trials_correct=5,
                trials_total=5,
                assistance=Assistance.INDEPENDENT,
                caregiver="mom",
                note="He asked for soup!",
            ),
            practised(date(2026, 11, 25), "leo", "buttons", "bath", caregiver="mom"),
            practised(date(2026, 11, 26), "maya", "hop", "bath", caregiver="dad"),
        ]
    )
    stamp = datetime(2026, 11, 24, 20, 0)
    store.save(
        Note(
            kind=NoteKind.QUESTION,
            child="leo",
            author="Mom",
            text="Can we add /s/ blends?",
            created_at=stamp,
            updated_at=stamp,
        )
    )
    return store


def children_in(out: str) -> list[str]:
    return [
        line[3:]
        for line in out.splitlines()
        if line.startswith("## ") and line[3:] not in ("At a glance", "Questions for you", "The whole family")
    ]


@pytest.mark.parametrize("typed", ["nunez", "Ana Núñez", "ana nunez", "ANA NÚÑEZ", "Núñez", "  nunez  "])
def test_a_therapist_by_id_name_or_one_word_of_it_accents_and_case_aside(cli, family, typed):
    result = cli("report", "--therapist", typed)
    assert result.code == 0, result.err
    assert result.out.startswith("# Practice update for Ana Núñez, Speech therapy\n")
    assert children_in(result.out) == ["Leo", "Maya"]
    assert "Say /s/ at the start of words" in result.out and "Say /r/" in result.out
    assert "Button his own shirt" not in result.out and "Hop on one foot" not in result.out


def test_the_period_runs_from_the_day_after_the_last_session_through_today(cli, family):
    # Thursday 26 November: the last Tuesday session was the 24th, so Wednesday 25 to Thursday 26.
    result = cli("report", "--therapist", "nunez")
    assert "\n25–26 November 2026\n" in result.out
    assert "He asked for soup!" in result.out  # Wednesday's note
    assert "practised 1 of 2 planned days" in result.out or "practised 1 of 1 planned day" in result.out


def test_without_session_days_the_last_seven_days(cli, family):
    result = cli("report", "--therapist", "chen")
    assert result.code == 0, result.err
    assert result.out.startswith("# Weekly practice update for Mr. Chen, Occupational therapy\n\n20–26 November 2026\n")
    assert children_in(result.out) == ["Leo"]
    assert "Button his own shirt" in result.out and "Say /s/" not in result.out


def test_week_from_and_to_still_choose_the_days(cli, family):
    result = cli("report", "--therapist", "nunez", "--week", "2026-W48")
    assert "\n23–29 November 2026\n" in result.out
    result = cli("report", "--therapist", "nunez", "--from", "2026-11-20", "--to", "2026-11-23")
    assert "\n20–23 November 2026\n" in result.out


def test_a_first_name_two_therapists_share_lists_them(cli, family):
    result = cli("report", "--therapist", "ana")
    assert result.code == 1
    assert 'More than one therapist is called "ana"' in result.err
    assert "Ana Núñez (SLP, id nunez)" in result.err and "Ana Lee (PT, id ana-lee)" in result.err


def test_an_unknown_therapist_lists_the_therapists(cli, family):
    result = cli("report", "--therapist", "Rivera")
    assert result.code == 1
    assert 'No therapist called "Rivera". Therapists: Ana Núñez (SLP, id nunez), Mr. Chen (OT, id chen)' in result.err
    assert result.out == ""


@pytest.mark.parametrize("typed", ["slp", "SLP", " Slp "])
def test_a_discipline_covers_every_therapist_of_it(cli, family, typed):
    result = cli("report", "--discipline", typed)
    assert result.code == 0, result.err
    # Since the last session of its therapist (Ana Núñez, Tuesdays).
    assert result.out.startswith("# Practice update for Speech therapy\n\n25–26 November 2026\n")
    assert children_in(result.out) == ["Leo", "Maya"]
    assert "Hop on one foot" not in result.out


def test_an_unknown_discipline_says_what_to_write(cli, family):
    result = cli("report", "--discipline", "speech")
    assert result.code == 1
    assert 'Unknown discipline "speech": use OT, PT or SLP.' in result.err


def test_the_whole_family_update_without_the_options_still_has_everyone(cli, family):
    result = cli("report")
    assert result.code == 0, result.err
    assert result.out.startswith("# Weekly practice update\n")
    assert "Button his own shirt" in result.out and "Hop on one foot" in result.out


def test_the_update_opens_at_a_glance_and_asks_the_questions_before_the_goals(cli, family):
    out = cli("report", "--therapist", "nunez", "--week", "2026-W48").out
    assert out.index("## At a glance") < out.index("## Questions for you") < out.index("### Speech therapy")
    assert "- 1 open question for you, just below." in out
    assert "- Leo: Can we add /s/ blends? (Mom, Tue 24 Nov)" in out
    # Who practised, and the note under its goal with its day.
    assert "with Mom and Dad" in out or "with Dad and Mom" in out
    assert "- Wed 25 Nov: He asked for soup! (Mom)" in out


def test_mastery_in_the_update(cli, family):
    out = cli("report", "--therapist", "nunez", "--week", "2026-W48").out
    # Mon 23: 80% with a verbal cue, Wed 25: 100% independent: two days in a row meet 80% with a verbal cue.
    # Her criterion, where and with whom it was met; and no "ask the therapist" in an update to her.
    assert (
        "- Meets your mastery criterion (80% correct on 2 practised days in a row, with a verbal cue at most)"
        " since Wed 25 Nov; met only at home, with Dad and Mom." in out
    )
    assert "Meets your mastery criterion: Leo, Say /s/ at the start of words (since Wed 25 Nov, only at home)." in out
    assert "ask the therapist" not in out
    page = cli("report", "--therapist", "nunez", "--week", "2026-W48", "--format", "html").out
    assert "Meets your mastery criterion (80% correct on 2 practised days in a row" in page
    assert "met only at home, with Dad and Mom." in page
