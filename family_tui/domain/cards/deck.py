"""The cue cards as data: one card per strategy, grouped by child.

The cards are for the teacher, the daycare, a grandparent or a sitter: people who see
the child without the app. Each card says, in the program's own words, what to do, the
therapist's cue words, the visual, how often, and what to do if the child needs help.
For a caregiver (``--caregiver``) only what falls on their days; for anyone outside the
family the practice at home is told as the family's (see :mod:`.adults`). The renderers
(:mod:`.html_page`) only format what :func:`build_cue_cards` gives them.

No Textual here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..cue_history import new_cue_line
from ..day_names import MONTHS
from ..help_order import help_order
from ..models import Assistance, Caregiver, Child, Discipline, Note, PracticeEntry, Program, Strategy, Weekday
from .adults import (
    SHORT_DAYS,
    TherapistAnswer,
    at_home,
    call_line,
    falls_on_their_days,
    for_others,
    tally_days,
    therapist_answers,
)
from .help_level import help_level
from .place import CardPlace

_WORKWEEK = (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI)


@dataclass(frozen=True)
class CueCard:
    """One strategy, as a person who has never opened the app needs it."""

    child: str
    """The child's name."""
    discipline: str
    """"Speech therapy"."""
    therapist: str
    """The child's therapist of that discipline ("" when the program names none)."""
    goal: str
    strategy: str
    """The strategy's title."""
    how: str
    """The strategy in plain words, as the therapist wrote it."""
    cue: str
    """The therapist's exact cue words ("" when there are none)."""
    visual: str
    how_often: str
    """"5 tries, about 3 minutes"."""
    when: str
    """"At Breakfast and Bath time, every day"; "" when the strategy is in no routine.

    On cards for others, the family's: "At home: at Breakfast and Bath time, every day".
    """
    help_level: Assistance | None
    help_advice: str
    """What to do if the child needs help."""
    tally: tuple[str, ...] = ()
    """The days of the card's tally strip, a box each to mark: ``("Tue", "Thu")``."""
    media: str = ""
    """A link to how it is done ("" when the strategy has none): printed with a QR code."""
    new_cue: str = ""
    """For a week after the therapist changed the cue: "New cue from Ms. Park since Tue 8 Dec, instead of …"."""


@dataclass(frozen=True)
class ChildCards:
    """A child's cards, under a line saying who the child's therapists are."""

    child: str
    therapists: str
    """"Leo's therapists: Ms. Rivera (speech therapy), Mr. Chen (occupational therapy)."."""
    cards: tuple[CueCard, ...]
    answers: tuple[TherapistAnswer, ...] = ()
    """The therapists' latest answers to the family's questions about the child."""
    nothing: str = ""
    """What the page says when there are no cards: "Nothing to practise for Leo right now."."""


@dataclass(frozen=True)
class CueCardDeck:
    title: str
    """"Cue cards" or "Leo's cue cards"."""
    place: str
    """"For school", "For Sam (sitter), on Tue and Thu"; "" when no place or person was asked for."""
    made_on: str
    """"Made on 26 November 2026"."""
    children: tuple[ChildCards, ...]
    call: str = ""
    """"Questions? Call Mom or Dad."; "" when the cards are for the only parent."""
    send_home: bool = False
    """The cards are for someone outside the family, who sends the tally home."""

    @property
    def cards(self) -> tuple[CueCard, ...]:
        return tuple(card for child in self.children for card in child.cards)


def build_cue_cards(
    program: Program,
    practice: Iterable[PracticeEntry],
    today: date,
    *,
    child_ids: Sequence[str] | None = None,
    place: CardPlace | None = None,
    practised_before: Collection[tuple[str, str]] = (),
    caregiver: Caregiver | None = None,
    notes: Iterable[Note] = (),
) -> CueCardDeck:
    """The cards of every active strategy of the children asked for (default: all not archived).

    ``practice`` is the recent practice the level of help is read from;
    ``practised_before`` holds (child, strategy) pairs with older practice, so a card
    says "not practised lately" rather than "not practised yet". ``caregiver``: only the
    strategies whose routines happen on that person's days. ``notes``: where the
    therapists' answers come from.
    """
    if child_ids is None:
        children = [c for c in program.children if not c.archived]
    else:
        children = [c for c in program.children if c.id in child_ids]
    entries: dict[tuple[str, str], list[PracticeEntry]] = defaultdict(list)
    for entry in practice:
        entries[(entry.child, entry.strategy)].append(entry)
    notes = list(notes)
    others = for_others(place, caregiver)
    sections = tuple(
        ChildCards(
            child=child.name,
            therapists=therapists_line(program, child),
            cards=tuple(
                _card(
                    program,
                    child,
                    strategy,
                    entries[(child.id, strategy.id)],
                    place,
                    practised_before,
                    caregiver,
                    today,
                )
                for strategy in child_strategies(program, child.id)
                if caregiver is None or falls_on_their_days(program, strategy, caregiver)
            ),
            answers=therapist_answers(program, notes, child.id),
            nothing=f"Nothing to practise for {child.name} "
            + (f"on {caregiver.name}'s days." if caregiver is not None else "right now."),
        )
        for child in children
    )
    title = f"{children[0].name}'s cue cards" if len(children) == 1 else "Cue cards"
    return CueCardDeck(
        title=title,
        place=_heading(place, caregiver),
        made_on=f"Made on {today.day} {MONTHS[today.month - 1]} {today.year}",
        children=sections,
        call=call_line(program, caregiver),
        send_home=others,
    )


def _heading(place: CardPlace | None, caregiver: Caregiver | None) -> str:
    """``For school``; ``For Sam (sitter), on Tue and Thu``; ``For daycare, with Sam (sitter) on Tue``."""
    if caregiver is None:
        return place.heading if place is not None else ""
    days = "" if len(caregiver.days) == len(Weekday) else f" on {days_text(caregiver.days)}"
    if place is None:
        return f"For {caregiver.name}{',' if days else ''}{days}"
    return f"{place.heading}, with {caregiver.name}{days}"


def child_strategies(program: Program, child_id: str) -> list[Strategy]:
    """The child's strategies that are practised now, goal by goal in the program's order."""
    goals = [g.id for g in program.goals if g.child == child_id and g.active]
    by_goal: dict[str, list[Strategy]] = defaultdict(list)
    for strategy in program.strategies:
        if not strategy.archived:
            by_goal[strategy.goal].append(strategy)
    return [s for goal in goals for s in by_goal[goal]]


def therapists_line(program: Program, child: Child) -> str:
    """``Leo's therapists: Ms. Rivera (speech therapy), Mr. Chen (occupational therapy).``"""
    seen = [t for t in program.therapists if child.id in t.children and not t.archived]
    if not seen:
        return f"{child.name}'s therapists are not named in the home program yet."
    names = ", ".join(f"{t.name} ({t.discipline.label.lower()})" for t in seen)
    return f"{child.name}'s therapists: {names}."


def _therapist(program: Program, child: Child, discipline: Discipline) -> str:
    for therapist in program.therapists:
        if child.id in therapist.children and therapist.discipline is discipline and not therapist.archived:
            return therapist.name
    return ""


def _card(
    program: Program,
    child: Child,
    strategy: Strategy,
    entries: list[PracticeEntry],
    place: CardPlace | None,
    practised_before: Collection[tuple[str, str]],
    caregiver: Caregiver | None,
    today: date,
) -> CueCard:
    goal = program.goal(strategy.goal)
    assert goal is not None  # child_strategies only yields strategies of the child's goals
    helping = help_level(
        child.name,
        entries,
        has_cue=bool(strategy.cue.strip()),
        has_visual=bool(strategy.visual.strip()),
        place=place,
        practised_before=(child.id, strategy.id) in practised_before,
        order=help_order(program, goal),
    )
    when = when_line(program, strategy)
    return CueCard(
        child=child.name,
        discipline=goal.discipline.label,
        therapist=_therapist(program, child, goal.discipline),
        goal=goal.title,
        strategy=strategy.title,
        how=strategy.how,
        cue=strategy.cue,
        visual=strategy.visual,
        how_often=how_often(strategy),
        when=at_home(when) if for_others(place, caregiver) else when,
        help_level=helping.level,
        help_advice=helping.advice,
        tally=tally_days(program, strategy, place, caregiver),
        media=strategy.media,
        new_cue=_new_cue(strategy, today),
    )


def _new_cue(strategy: Strategy, today: date) -> str:
    """What the card says of a cue the therapist changed this week, with the words it replaces."""
    line = new_cue_line(strategy, today)
    if not line or not strategy.earlier_cues:
        return ""
    return f"{line}, instead of “{strategy.earlier_cues[-1].cue}”."


def how_often(strategy: Strategy) -> str:
    """``5 tries, about 3 minutes``; the dose as typed, the minutes as the app counts them."""
    minutes = f"about {strategy.minutes} minute{'s' if strategy.minutes != 1 else ''}" if strategy.minutes else ""
    return ", ".join(part for part in (strategy.dose.strip(), minutes) if part)


def when_line(program: Program, strategy: Strategy) -> str:
    """``At Breakfast and Bath time, every day``; routines on other days say their days."""
    routines = [r for r in (program.routine(rid) for rid in strategy.routines) if r is not None and not r.archived]
    if not routines:
        return ""
    days = {days_text(r.days) for r in routines}
    if len(days) == 1:
        return f"At {_and([r.name for r in routines])}, {days.pop()}"
    return "At " + _and([f"{r.name} ({days_text(r.days)})" for r in routines])


def days_text(days: Sequence[Weekday]) -> str:
    """``every day``, ``Mon–Fri``, ``Sat and Sun``, ``Mon, Wed and Fri``."""
    chosen = tuple(d for d in Weekday if d in set(days))
    if len(chosen) == len(Weekday):
        return "every day"
    if chosen == _WORKWEEK:
        return "Mon–Fri"
    names = [SHORT_DAYS[list(Weekday).index(d)] for d in chosen]
    return _and(names)


def _and(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
