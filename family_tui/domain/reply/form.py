"""What the reply form in a therapist's HTML update offers: her open questions and what she may change."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..models import Note, Program, Therapist
from ..report.period import format_day
from .questions import open_questions_for


@dataclass(frozen=True)
class FormQuestion:
    id: str
    about: str
    """ "Leo, asked Tue 24 Nov by Mom"."""
    text: str


@dataclass(frozen=True)
class FormStrategy:
    id: str
    child: str
    title: str
    cue: str
    media: str


@dataclass(frozen=True)
class FormGoal:
    id: str
    child: str
    title: str
    status: str


@dataclass(frozen=True)
class ReplyForm:
    therapist: str
    """Her id, written into the reply."""
    name: str
    day: date
    questions: tuple[FormQuestion, ...]
    children: tuple[tuple[str, str], ...]
    """(id, name) of the children she sees, for a note to the family."""
    goals: tuple[FormGoal, ...]
    strategies: tuple[FormStrategy, ...]


def build_reply_form(program: Program, notes: Iterable[Note], therapist: Therapist, today: date) -> ReplyForm:
    """The form's fields: her open questions, and her discipline's goals and strategies for her children."""
    names = {c.id: c.name for c in program.children}
    children = [c for c in program.children if not c.archived and c.id in therapist.children]
    questions = tuple(
        FormQuestion(
            id=n.id,
            about=f"{names.get(n.child or '', 'Whole family')}, asked {format_day(n.created_at.date())} by {n.author}",
            text=n.text,
        )
        for n in open_questions_for(program, notes, therapist)
    )
    seen = {c.id for c in children}
    goals = [g for g in program.goals if g.child in seen and g.discipline is therapist.discipline]
    goal_ids = {g.id: g for g in goals}
    strategies = tuple(
        FormStrategy(s.id, names[goal_ids[s.goal].child], s.title, s.cue, s.media)
        for s in program.strategies
        if s.goal in goal_ids and not s.archived
    )
    return ReplyForm(
        therapist=therapist.id,
        name=therapist.name,
        day=today,
        questions=questions,
        children=tuple((c.id, c.name) for c in children),
        goals=tuple(FormGoal(g.id, names[g.child], g.title, g.status.value) for g in goals),
        strategies=strategies,
    )
