"""Cards for each adult: whose days they cover, whom to call, what the therapists have answered.

A sitter who comes on Tuesdays and Thursdays gets only what falls on those days
(``[[caregivers]] days``), a box per day of theirs to mark, and the family's practice
told as the family's ("At home: at Bath time, every day") rather than as a routine of
theirs. Everyone outside the family, the teacher and the daycare too, gets a line
naming the parents to call (``parent = true`` in the program) and the therapists'
latest answers to the family's questions, which hold for whoever is with the child
("if he gets upset, stop on a success").

No Textual here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..models import Caregiver, Note, NoteKind, Program, Strategy, Weekday
from .place import CardPlace

ANSWERS_SHOWN = 3
"""How many of a child's answered questions a page carries: the latest, kept short."""

SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class TherapistAnswer:
    """A family's question a therapist answered, as the cards print it."""

    question: str
    answer: str
    therapist: str


def for_others(place: CardPlace | None, caregiver: Caregiver | None) -> bool:
    """The cards are for someone other than the family: school, daycare, friends, a sitter, a grandparent.

    Their cards tell when the family practises instead of giving them the family's
    routines, and ask them to send the tally home. The page for no place and no one in
    particular stays the family's own.
    """
    if caregiver is not None and not caregiver.parent:
        return True
    return place is not None and place is not CardPlace.HOME


def strategy_days(program: Program, strategy: Strategy) -> tuple[Weekday, ...]:
    """The days the family practises ``strategy``: the days of its routines in use (none: no day)."""
    days: set[Weekday] = set()
    for routine_id in strategy.routines:
        routine = program.routine(routine_id)
        if routine is not None and not routine.archived:
            days.update(routine.days)
    return tuple(d for d in Weekday if d in days)


def falls_on_their_days(program: Program, strategy: Strategy, caregiver: Caregiver) -> bool:
    """A routine holding ``strategy`` happens on one of the caregiver's days.

    A strategy in no routine never comes up on Today, so it falls on nobody's days.
    """
    return any(day in caregiver.days for day in strategy_days(program, strategy))


def tally_days(
    program: Program, strategy: Strategy, place: CardPlace | None, caregiver: Caregiver | None
) -> tuple[str, ...]:
    """The boxes of a card's tally strip: ``("Tue", "Thu")``.

    Away from home, the place's days (school and daycare: Mon–Fri); at home, the days
    of the strategy's routines (every day for a strategy in none). A caregiver's card
    keeps only their days.
    """
    if place is not None and place is not CardPlace.HOME:
        days: tuple[Weekday, ...] = place.days
    else:
        days = strategy_days(program, strategy) or tuple(Weekday)
    if caregiver is not None:
        days = tuple(d for d in days if d in caregiver.days) or tuple(caregiver.days)
    return tuple(SHORT_DAYS[list(Weekday).index(d)] for d in days)


def at_home(when: str) -> str:
    """``At Bath time, every day`` -> ``At home: at Bath time, every day``: the family's, not theirs."""
    if not when:
        return ""
    return f"At home: {when[0].lower()}{when[1:]}"


def call_line(program: Program, caregiver: Caregiver | None = None) -> str:
    """``Questions? Call Mom or Dad.``: the parents, not counting the person the cards are for.

    Nobody marked ``parent = true``: "Questions? Ask the family."; the cards are for the
    only parent: "" (no line).
    """
    parents = [c for c in program.caregivers if c.parent and not c.archived]
    others = [c.name for c in parents if caregiver is None or c.id != caregiver.id]
    if others:
        return f"Questions? Call {_or(others)}."
    return "" if parents else "Questions? Ask the family."


def therapist_answers(
    program: Program, notes: Iterable[Note], child_id: str, limit: int = ANSWERS_SHOWN
) -> tuple[TherapistAnswer, ...]:
    """The latest questions about the child (or the whole family) that a therapist answered, newest first.

    An answer the family wrote down themselves is left out: the cards pass on what the
    therapists said.
    """
    therapists = {t.name for t in program.therapists}
    answered = [
        n
        for n in notes
        if n.kind is NoteKind.QUESTION
        and n.answered_at is not None
        and n.answer.strip()
        and n.answered_by in therapists
        and n.child in (child_id, None)
    ]
    answered.sort(key=lambda n: (n.answered_at, n.updated_at), reverse=True)
    return tuple(TherapistAnswer(n.text, n.answer, n.answered_by) for n in answered[:limit])


def _or(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]
