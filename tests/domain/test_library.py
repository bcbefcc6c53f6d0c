"""The starter library: the shipped file is valid, and its ideas copy cleanly into a program."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from family_tui.domain.first_run import SetupAnswers, starter_records
from family_tui.domain.library import ROUTINE_KINDS, LibraryError, load_library, routine_kind
from family_tui.domain.locations import starter_library_file
from family_tui.domain.models import Child, Discipline, Goal, Program, Routine, Strategy, Weekday


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "library.toml"
    path.write_text(text, encoding="utf-8")
    return path


ONE = """
format = "family-tui/library@1"

[[strategies]]
id = "slp-s-snake"
discipline = "SLP"
title = "S-words at breakfast"
how = "Offer two foods that start with /s/."
cue = "Let the snake out: sss"
dose = "5 tries"
minutes = 3
routine_kinds = ["breakfast", "mealtime"]
skill = "Articulation"
"""


def test_shipped_library_loads_with_every_discipline_and_known_routine_kinds():
    library = load_library()
    assert starter_library_file().is_file()
    assert len(library.strategies) >= 30
    assert len({s.id for s in library.strategies}) == len(library.strategies)
    assert {s.discipline for s in library.strategies} == set(Discipline)
    for strategy in library.strategies:
        assert strategy.routine_kinds, strategy.id
        assert set(strategy.routine_kinds) <= set(ROUTINE_KINDS)
        assert strategy.title and strategy.how and strategy.cue


def test_every_shipped_idea_can_be_copied_into_a_program():
    for idea in load_library().strategies:
        strategy = idea.to_strategy(idea.id, "goal", ["breakfast"])
        assert isinstance(strategy, Strategy)
        assert (strategy.title, strategy.cue, strategy.minutes) == (idea.title, idea.cue, idea.minutes)
        goal = idea.to_goal("goal", "leo", date(2026, 11, 26))
        assert goal.discipline is idea.discipline and goal.title


def test_a_small_library_file(tmp_path):
    library = load_library(write(tmp_path, ONE))
    [idea] = library.strategies
    assert library.get("slp-s-snake") is idea
    assert library.for_kind("mealtime") == [idea] and library.for_kind("bath") == []
    assert library.for_discipline(Discipline.SLP) == [idea] and library.for_discipline(Discipline.OT) == []
    assert idea.counts_trials  # speech sounds are counted in tries
    assert idea.to_strategy("s", "g", []).uses_trials


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('format = "family-tui/program@1"\n', "not in the family-tui/library@1 format"),
        ("format = [\n", "not valid TOML"),
        (ONE.replace("minutes = 3", "minutes = 999"), "strategies.0.minutes"),
        (ONE.replace('["breakfast", "mealtime"]', '["breakfast", "rocket launch"]'), "routine_kinds"),
        (ONE.replace('title = "S-words at breakfast"', 'title = "S-words\\u0007"'), "control character"),
        (ONE + ONE.split('format = "family-tui/library@1"')[1], "two strategies with the id 'slp-s-snake'"),
    ],
)
def test_a_broken_library_file_is_reported_with_what_is_wrong(tmp_path, text, expected):
    with pytest.raises(LibraryError) as raised:
        load_library(write(tmp_path, text))
    assert expected in str(raised.value)
    assert "library.toml" in str(raised.value)


def test_a_missing_library_file_says_where_it_looked(tmp_path):
    with pytest.raises(LibraryError, match="missing"):
        load_library(tmp_path / "nowhere.toml")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Breakfast", "breakfast"),
        ("Getting dressed", "dressing"),
        ("Bath time", "bath"),
        ("Bedtime book", "bedtime"),
        ("Lunch", "mealtime"),
        ("Play time", "play"),
        ("Homework", "homework"),
        ("Grocery shopping", "errands"),
        ("Walk to the park", "outdoors"),
        ("Piano", None),
    ],
)
def test_routine_kind_is_guessed_from_the_routine_name(name, kind):
    assert routine_kind(name) == kind


def test_suggested_routines_are_the_familys_routines_of_a_fitting_kind(tmp_path):
    [idea] = load_library(write(tmp_path, ONE)).strategies
    routines = [
        Routine(id="brekkie", name="Breakfast", time=time(7, 0)),
        Routine(id="lunch", name="Lunch", time=time(12, 0)),
        Routine(id="bath", name="Bath time", time=time(18, 0)),
        Routine(id="old-dinner", name="Dinner", time=time(17, 0), archived=True),
    ]
    assert idea.suggested_routines(routines) == ["brekkie", "lunch"]


def test_guided_setup_answers_become_a_program_with_ideas_embedded_where_they_fit(tmp_path):
    [idea] = load_library(write(tmp_path, ONE)).strategies
    current = Program(
        children=[Child(id="leo", name="Leo")],
        goals=[Goal(id="leo-articulation", child="leo", discipline=Discipline.SLP, title="x")],
    )
    answers = SetupAnswers(
        child_name="Leo",
        child_color="magenta",
        caregivers=["Mom", "Grandpa Joe"],
        routines=[("Breakfast", time(7, 30)), ("Bath time", time(18, 30))],
        strategies=[idea],
    )
    records = starter_records(current, answers, date(2026, 11, 26))
    [child] = [r for r in records if isinstance(r, Child)]
    assert child.id == "leo-2" and child.color == "magenta"  # never clashes with an existing id
    assert [r.id for r in records if isinstance(r, Routine)] == ["breakfast", "bath-time"]
    assert all(r.days == list(Weekday) for r in records if isinstance(r, Routine))
    [goal] = [r for r in records if isinstance(r, Goal)]
    assert (goal.child, goal.discipline, goal.title, goal.created) == (
        "leo-2",
        Discipline.SLP,
        "Articulation",
        date(2026, 11, 26),
    )
    assert goal.id != "leo-articulation"
    [strategy] = [r for r in records if isinstance(r, Strategy)]
    assert strategy.goal == goal.id and strategy.routines == ["breakfast"]


def test_an_idea_that_fits_no_routine_goes_into_the_first_one(tmp_path):
    [idea] = load_library(write(tmp_path, ONE.replace('["breakfast", "mealtime"]', '["bath"]'))).strategies
    answers = SetupAnswers(child_name="Maya", routines=[("Piano", time(16, 0))], strategies=[idea])
    [strategy] = [r for r in starter_records(Program(), answers, date(2026, 11, 26)) if isinstance(r, Strategy)]
    assert strategy.routines == ["piano"]
