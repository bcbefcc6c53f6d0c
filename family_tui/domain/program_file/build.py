"""The records a checked file stands for: ids made from names, goals' strategies and their start days."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field
from typing import Any

from ..child_colours import assign_colours
from ..ids import slugify
from ..models import (
    Caregiver,
    Child,
    Discipline,
    Goal,
    GoalStatus,
    Mastery,
    Measure,
    Program,
    Routine,
    Strategy,
    Therapist,
)
from .schema import ProgramFileSchema


def dedupe(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def strategy_measure(given: Measure | str | None, discipline: Discipline) -> Measure | None:
    """The file's ``measure``: left out, tries for a speech goal and none for the others."""
    if given is None:
        return Measure.TRIES if discipline is Discipline.SLP else None
    return given if isinstance(given, Measure) else None  # "none"


def build_program(parsed: ProgramFileSchema) -> FileProgram:
    def made(entry: Any, name: str) -> str:
        return entry.id if entry.id is not None else slugify(name)

    colours = assign_colours([c.color for c in parsed.children])
    children = [Child(id=made(c, c.name), name=c.name, color=colour) for c, colour in zip(parsed.children, colours)]
    caregivers = [Caregiver(id=made(c, c.name), name=c.name, days=c.days, parent=c.parent) for c in parsed.caregivers]
    therapists = [
        Therapist(
            id=made(t, t.name),
            name=t.name,
            discipline=t.discipline,
            children=dedupe(t.children),
            sessions=t.sessions,
            help_levels=t.help_levels,
        )
        for t in parsed.therapists
    ]
    routines = [Routine(id=made(r, r.name), name=r.name, time=r.time, days=r.days) for r in parsed.routines]
    goals: list[Goal] = []
    marked_active: list[str] = []
    strategies: list[Strategy] = []
    for g in parsed.goals:
        goal = Goal(
            id=made(g, g.title),
            child=g.child,
            discipline=g.discipline,
            title=g.title,
            target=g.target,
            created=g.start or parsed.start,
            status=g.status or GoalStatus.ACTIVE,
            met_on=g.met,
            mastery=Mastery(percent=g.mastery.percent, days=g.mastery.days, level=g.mastery.level)
            if g.mastery is not None
            else None,
            maintenance=g.maintenance,
        )
        goals.append(goal)
        if g.status is GoalStatus.ACTIVE:
            marked_active.append(goal.id)
        for s in g.strategies:
            measure = strategy_measure(s.measure, goal.discipline)
            strategies.append(
                Strategy(
                    id=made(s, s.title),
                    goal=goal.id,
                    title=s.title,
                    how=s.how,
                    cue=s.cue,
                    visual=s.visual,
                    dose=s.dose,
                    minutes=s.minutes,
                    routines=dedupe(s.routines),
                    uses_trials=measure is Measure.TRIES,
                    measure=None if measure is Measure.TRIES else measure,
                    sides=s.sides,
                    steps=s.steps,
                    kid_title=s.kid_title,
                    kid_emoji=s.kid_emoji,
                    media=s.media,
                    priority=s.priority,
                    times_per_week=s.times_per_week,
                )
            )
    return FileProgram(
        children=children,
        caregivers=caregivers,
        therapists=therapists,
        routines=routines,
        goals=goals,
        strategies=strategies,
        marked_active=marked_active,
        measures_given=[
            strategy.id
            for strategy, entry in zip(strategies, (s for g in parsed.goals for s in g.strategies))
            if entry.measure is not None
        ],
        colours_given=[child.id for child, entry in zip(children, parsed.children) if entry.color is not None],
    )


class FileProgram(Program):
    """A program as a file gives it, which also says which goals the file calls active in so many words.

    A goal in the file without a status keeps the family's (met, paused or active), as
    import always kept it; ``status = "active"`` brings a met or paused goal back.
    """

    marked_active: list[str] = field(default_factory=list)
    """Goals whose entry says ``status = "active"``."""
    measures_given: list[str] | None = None
    """Strategies whose entry says ``measure``; the others keep what the family's measure (None: all say it)."""
    colours_given: list[str] | None = None
    """Children whose entry gives a colour; the others were given one here (None: every child's was given)."""

    def __eq__(self, other: object) -> bool:
        """Equal to a plain :class:`Program` with the same records: the program is what it is."""
        if not isinstance(other, Program):
            return NotImplemented
        same = all(getattr(self, name) == getattr(other, name) for name in Program.model_fields)
        return same and self.marked_active == getattr(other, "marked_active", self.marked_active)

    __hash__ = None  # type: ignore[assignment]  # mutable, like every record
