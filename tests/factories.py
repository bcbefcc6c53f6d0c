"""One small, hand-made family for the app tests (independent of the shipped demo data)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from family_tui.domain.models import (
    Caregiver,
    Child,
    Discipline,
    Goal,
    Note,
    NoteKind,
    Routine,
    Strategy,
    Therapist,
    Weekday,
)

WEEKDAYS = [Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI]


def small_family() -> list:
    """Leo and Maya, four routines, five strategies; dressing only on weekdays."""
    return [
        Child(id="leo", name="Leo", color="cyan"),
        Child(id="maya", name="Maya", color="magenta"),
        Caregiver(id="mom", name="Mom"),
        Caregiver(id="dad", name="Dad"),
        Therapist(id="rivera", name="Ms. Rivera", discipline=Discipline.SLP, children=["leo", "maya"]),
        Routine(id="breakfast", name="Breakfast", time=time(7, 15)),
        Routine(id="dressing", name="Getting dressed", time=time(7, 45), days=WEEKDAYS),
        Routine(id="play", name="Play time", time=time(16, 0)),
        Routine(id="bath", name="Bath time", time=time(18, 30)),
        Goal(
            id="leo-s",
            child="leo",
            discipline=Discipline.SLP,
            title="Say /s/ at the start of words",
            target="4 of 5 tries with no reminder",
            created=date(2026, 1, 1),
        ),
        Goal(
            id="leo-buttons",
            child="leo",
            discipline=Discipline.OT,
            title="Button his own shirt",
            target="3 large buttons",
            created=date(2026, 1, 1),
        ),
        Goal(
            id="maya-straw",
            child="maya",
            discipline=Discipline.SLP,
            title="Drink from a straw",
            target="Whole cup with lips closed",
            created=date(2026, 1, 1),
        ),
        Strategy(
            id="snack-s",
            goal="leo-s",
            title="S-words at breakfast",
            how="Offer two foods that start with /s/.",
            cue="Teeth together, let the snake out: sss",
            dose="5 tries",
            minutes=3,
            routines=["breakfast"],
            uses_trials=True,
        ),
        Strategy(
            id="bath-s",
            goal="leo-s",
            title="S-toys in the bath",
            how="Name the sponge, the ship and the seal.",
            cue="Teeth together, let the snake out: sss",
            dose="5 tries",
            minutes=3,
            routines=["bath"],
            uses_trials=True,
        ),
        Strategy(
            id="buttons",
            goal="leo-buttons",
            title="Buttons from the bottom up",
            how="Start with the lowest button.",
            cue="Pinch, push, pull",
            dose="3 buttons",
            minutes=4,
            routines=["dressing"],
        ),
        Strategy(
            id="straw",
            goal="maya-straw",
            title="Straw drinking",
            how="Thick smoothie, short straw.",
            cue="Lips tight like a fish",
            visual="Fish card",
            dose="1 cup",
            minutes=2,
            routines=["breakfast", "play"],
        ),
    ]


def open_questions(asked: Iterable[datetime]) -> list[Note]:
    """Leo's open questions, numbered, one asked at each time: an update with a long list to build."""
    return [
        Note(
            kind=NoteKind.QUESTION,
            child="leo",
            author="Mom",
            text=f"Question number {n}: is this still the right cue?",
            created_at=when,
            updated_at=when,
        )
        for n, when in enumerate(asked)
    ]
