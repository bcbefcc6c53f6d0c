"""The guided setup's answers turned into a first program. No Textual here.

A family starting from scratch names one child, who helps, two or three routines
and picks a few ideas from the starter library; this makes the records, with ids
made once from the names, each library idea embedded in the routines it suits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from .ids import new_id
from .library import LibraryStrategy
from .models import Caregiver, Child, Goal, Program, Record, Routine, Strategy

DEFAULT_ROUTINES: tuple[tuple[str, str], ...] = (
    ("Breakfast", "07:30"),
    ("Bath time", "18:30"),
    ("Bedtime", "19:30"),
)
"""The routines the routines step starts ticked; every row can be changed or emptied."""

SUGGESTED_ROUTINES: tuple[tuple[str, str], ...] = (
    ("Breakfast", "07:30"),
    ("Getting dressed", "07:45"),
    ("Outings and errands", "10:00"),
    ("Lunch", "12:00"),
    ("Homework", "16:00"),
    ("Play time", "16:30"),
    ("Dinner", "18:00"),
    ("Bath time", "18:30"),
    ("Bedtime", "19:30"),
)
"""The routines therapists name for carrying practice over (meals, dressing, bath, play,
homework, outings and errands, bedtime), offered in the routines step in time order: a
family ticks those it has, and adds rows for the rest."""


@dataclass
class SetupAnswers:
    child_name: str
    child_color: str = "cyan"
    caregivers: list[str] = field(default_factory=list)
    routines: list[tuple[str, time]] = field(default_factory=list)
    strategies: list[LibraryStrategy] = field(default_factory=list)


def starter_records(current: Program, answers: SetupAnswers, today: date) -> list[Record]:
    """The records to save in one write; ids never clash with what ``current`` holds."""
    taken = {
        kind: {r.id for r in getattr(current, kind)}
        for kind in ("children", "caregivers", "routines", "goals", "strategies")
    }

    def make(kind: str, name: str) -> str:
        made = new_id(name, taken[kind])
        taken[kind].add(made)
        return made

    child = Child(id=make("children", answers.child_name), name=answers.child_name, color=answers.child_color)
    records: list[Record] = [child]
    records += [Caregiver(id=make("caregivers", name), name=name) for name in answers.caregivers]
    routines = [
        Routine(id=make("routines", name), name=name, time=when, order=index)
        for index, (name, when) in enumerate(answers.routines)
    ]
    records += routines
    goals: dict[tuple[str, str], Goal] = {}
    strategies: list[Strategy] = []
    for idea in answers.strategies:
        key = (idea.discipline.value, idea.skill or idea.title)
        goal = goals.get(key)
        if goal is None:
            goal = idea.to_goal(make("goals", f"{child.name} {key[1]}"), child.id, today)
            goals[key] = goal
        where = idea.suggested_routines(routines) or ([routines[0].id] if routines else [])
        strategies.append(idea.to_strategy(make("strategies", idea.title), goal.id, where))
    return records + list(goals.values()) + strategies
