"""Notes and wins as the family sees them: the pinned focus, open questions, the wins log.

No Textual here. The notes pane, the wins log, the header line and the tests all read
the same answers from these functions:

* the *focus* of a child is the latest therapist update about them (``None``: the
  whole family); it stays pinned at the top of the notes pane;
* a question is *open* until it is answered; answering keeps the question and records
  the answer, who gave it and the time it was first given;
* a therapist update is written by a therapist: the forms offer the program's active
  therapists as its author, and as who answered a question (or the family);
* a *week* is Monday to Sunday of the family day (see :func:`~family_tui.clock.family_day`).

Every change returns a new, validated record: nothing here touches the store.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from ..clock import family_day
from .light_dataclass import light_dataclass
from .models import Caregiver, Discipline, Goal, Note, NoteKind, Program, Setting, Therapist, Win
from .text import RequiredLongText

ANY = "*"
"""Filter value: every child and the whole family."""
WHOLE_FAMILY = "@family"
"""Filter value: only what is about the whole family (never a valid child id)."""
NO_GOAL = "@none"
"""Win filter value: only wins not tied to a goal."""
DEFAULT_AUTHOR = "Parent"


# -- who wrote it --------------------------------------------------------------------


def current_author(caregiver: Caregiver | None) -> str:
    """The caregiver practising at this screen, else "Parent"."""
    return caregiver.name if caregiver is not None else DEFAULT_AUTHOR


def therapist_label(therapist: Therapist) -> str:
    """``Ms. Rivera (Speech therapy)``: the name a note stores, with what they do."""
    return f"{therapist.name} ({therapist.discipline.label})"


def active_therapists(therapists: Iterable[Therapist]) -> list[Therapist]:
    """The therapists a note or an answer can be by: the program's, not archived, each name once."""
    seen: set[str] = set()
    active = []
    for therapist in therapists:
        if not therapist.archived and therapist.name not in seen:
            seen.add(therapist.name)
            active.append(therapist)
    return active


def default_therapist(
    therapists: Iterable[Therapist], child: str | None, discipline: Discipline | None = None
) -> str | None:
    """Who most likely wrote about ``child``: the therapist who sees them (the first, if several).

    With a ``discipline``, the child's therapist of that discipline comes first. For
    the whole family, or a child no active therapist sees, the program's first active
    therapist; None when there is none.
    """
    active = active_therapists(therapists)
    theirs = [t for t in active if child is not None and child in t.children]
    same = [t for t in theirs if t.discipline is discipline]
    chosen = (same or theirs or active)[:1]
    return chosen[0].name if chosen else None


def question_discipline(program: Program, note: Note) -> Discipline | None:
    """The therapy a question is about, when its words name one of its child's goals or practices.

    A note records no goal; a question that quotes a goal's title, or a practice's title
    or cue, of one discipline only is taken to be about that discipline. None otherwise.
    """
    if note.child is None:
        return None
    words = note.text.casefold()
    found: set[Discipline] = set()
    for goal in program.goals:
        if goal.child != note.child:
            continue
        names = [goal.title] + [
            part for s in program.strategies if s.goal == goal.id for part in (s.title, s.cue) if part
        ]
        if any(name.strip() and name.casefold() in words for name in names):
            found.add(goal.discipline)
    return found.pop() if len(found) == 1 else None


def author_choices(therapists: Iterable[Therapist], keep: str | None = None) -> list[tuple[str, str]]:
    """``(label, name)`` for "Written by" on a therapist update: each active therapist.

    ``keep`` (the author of the note being changed) comes first when it is not one of
    them, so changing the words never changes who wrote them unasked.
    """
    choices = [(therapist_label(t), t.name) for t in active_therapists(therapists)]
    if keep and keep not in {name for _, name in choices}:
        choices.insert(0, (keep, keep))
    return choices


def answerer_choices(therapists: Iterable[Therapist], family: str, keep: str = "") -> list[tuple[str, str]]:
    """``(label, name)`` for who answered a question: each active therapist, then the family.

    ``family`` is the caregiver writing the answer down; ``keep`` (who answered before)
    is offered too when it is neither.
    """
    choices = [(therapist_label(t), t.name) for t in active_therapists(therapists)]
    names = {name for _, name in choices}
    if family not in names:
        choices.append((f"{family} (the family)", family))
        names.add(family)
    if keep and keep not in names:
        choices.insert(0, (keep, keep))
    return choices


def child_name(program: Program, child_id: str | None) -> str:
    """A note's or win's child as words; an id no longer in the program stays visible."""
    if child_id is None:
        return "Whole family"
    child = program.child(child_id)
    return child.name if child is not None else child_id


def child_in_sentence(program: Program, child_id: str | None) -> str:
    """:func:`child_name` inside a sentence: "about the whole family", not "about Whole family"."""
    return "the whole family" if child_id is None else child_name(program, child_id)


# -- text checks the forms share -----------------------------------------------------


@functools.cache
def _required_text() -> Any:
    """Built when a form first checks text, not when the app starts."""
    from pydantic import TypeAdapter

    return TypeAdapter(RequiredLongText)


def text_problem(text: str, what: str = "The note") -> str | None:
    """Why ``text`` cannot be saved as a note or win, in words; None when it can."""
    from pydantic import ValidationError

    try:
        _required_text().validate_python(text)
    except ValidationError as error:
        message = str(error.errors()[0].get("msg", "is not valid"))
        message = message.removeprefix("Value error, ")
        return f"{what} {message}."
    return None


# -- notes ---------------------------------------------------------------------------


def _validated_note(note: Note, **changes: object) -> Note:
    return Note.model_validate({**note.model_dump(), **changes})


def new_note(
    kind: NoteKind, child: str | None, text: str, author: str, now: datetime, addressed_to: str | None = None
) -> Note:
    """``addressed_to``: a therapist's id or a discipline; None for everyone who sees the child."""
    return Note(
        kind=kind, child=child, text=text, author=author, created_at=now, updated_at=now, addressed_to=addressed_to
    )


_KEEP: Any = object()


def edit_note(
    note: Note,
    *,
    kind: NoteKind,
    child: str | None,
    text: str,
    now: datetime,
    author: str | None = None,
    addressed_to: str | None = _KEEP,
) -> Note:
    """The note with new words, kind, child or addressee; its time and any answer are kept.

    ``author`` None keeps who wrote it; a therapist update may be put under another
    therapist's name. ``addressed_to`` left out keeps who it is for.
    """
    changes: dict[str, Any] = {"author": author} if author else {}
    if addressed_to is not _KEEP:
        changes["addressed_to"] = addressed_to
    return _validated_note(note, kind=kind, child=child, text=text, updated_at=now, **changes)


def reply_byline(note: Note) -> str:
    """``answered by Ms. Park, reply of Tue 8 Dec`` for an answer that came in her reply file; "" otherwise.

    Told apart from an answer a parent typed (and put under a therapist's name): these
    are the therapist's own words, as she sent them.
    """
    day = note.answered_via_reply
    if day is None or not note.answer:
        return ""
    return f"answered by {note.answered_by or 'the therapist'}, reply of {day:%a} {day.day} {day:%b}"


def answer_question(note: Note, answer: str, now: datetime, answered_by: str = "") -> Note:
    """Record the answer to a question, and who gave it; the question itself is kept.

    The answer's date is when it was first given: correcting the wording later keeps
    it. An empty answer opens the question again (and forgets who answered).
    """
    if note.kind is not NoteKind.QUESTION:
        raise ValueError("Only a question for the therapist can be answered.")
    if not answer.strip():
        return _validated_note(
            note, answer="", answered_at=None, answered_by="", answered_via_reply=None, updated_at=now
        )
    answered_at = note.answered_at or now
    # Words a parent changed are no longer the reply's as the therapist sent them.
    same = answer == note.answer and answered_by == note.answered_by
    via = note.answered_via_reply if same else None
    return _validated_note(
        note, answer=answer, answered_at=answered_at, answered_by=answered_by, answered_via_reply=via, updated_at=now
    )


def newest_key(note: Note) -> tuple[datetime, datetime, str]:
    return (note.created_at, note.updated_at, note.id)


def newest_first(notes: Iterable[Note]) -> list[Note]:
    return sorted(notes, key=newest_key, reverse=True)


def pinned_focus(notes: Iterable[Note]) -> dict[str | None, Note]:
    """The latest therapist update per child (key None: the whole family)."""
    focus: dict[str | None, Note] = {}
    for note in notes:
        if note.kind is not NoteKind.UPDATE:
            continue
        current = focus.get(note.child)
        if current is None or newest_key(note) > newest_key(current):
            focus[note.child] = note
    return focus


def focus_in_order(notes: Iterable[Note], program: Program) -> list[Note]:
    """Pinned updates in the program's order of children, the whole family's last."""
    focus = pinned_focus(notes)
    order = {c.id: i for i, c in enumerate(program.children)}
    return sorted(
        focus.values(),
        key=lambda n: (n.child is None, order.get(n.child or "", len(order)), n.child or ""),
    )


def open_questions(notes: Iterable[Note]) -> list[Note]:
    """Questions still waiting for an answer, oldest first (the first one asked waits longest)."""
    return sorted((n for n in notes if n.is_open_question), key=newest_key)


@light_dataclass(frozen=True)
class NoteFilter:
    """What the notes pane shows: whose notes, which kind, and words to look for."""

    child: str = ANY
    """ANY, WHOLE_FAMILY or a child's id."""
    kind: NoteKind | None = None
    """None: every kind."""
    open_only: bool = False
    """Only questions still waiting for an answer."""
    search: str = ""
    """Words that must all appear (any case) in the text, answer, author, who answered or child."""

    @property
    def is_active(self) -> bool:
        return self != NoteFilter()

    def matches(self, note: Note, program: Program) -> bool:
        if self.child == WHOLE_FAMILY and note.child is not None:
            return False
        if self.child not in (ANY, WHOLE_FAMILY) and note.child != self.child:
            return False
        if self.kind is not None and note.kind is not self.kind:
            return False
        if self.open_only and not note.is_open_question:
            return False
        return matches_search(
            self.search,
            note.text,
            note.answer,
            note.author,
            note.answered_by,
            child_name(program, note.child),
            note.kind.label,
        )

    def describe(self, program: Program) -> str:
        """``Leo · questions · "snake"``; "Everything" when nothing is filtered."""
        parts = []
        if self.child == WHOLE_FAMILY:
            parts.append("Whole family")
        elif self.child != ANY:
            parts.append(child_name(program, self.child))
        if self.open_only:
            parts.append("open questions")
        elif self.kind is not None:
            parts.append(KIND_PLURALS[self.kind])
        if self.search.strip():
            parts.append(f"“{self.search.strip()}”")
        return " · ".join(parts) if parts else "Everything"


KIND_PLURALS = {
    NoteKind.UPDATE: "therapist updates",
    NoteKind.OBSERVATION: "observations",
    NoteKind.QUESTION: "questions",
}

KIND_STEPS: tuple[tuple[NoteKind | None, bool], ...] = (
    (None, False),
    (NoteKind.UPDATE, False),
    (NoteKind.OBSERVATION, False),
    (NoteKind.QUESTION, False),
    (NoteKind.QUESTION, True),
)
"""The order ``k`` steps through: all, updates, observations, questions, open questions."""


def matches_search(search: str, *fields: str) -> bool:
    words = search.casefold().split()
    if not words:
        return True
    haystack = "\n".join(fields).casefold()
    return all(word in haystack for word in words)


def next_child_filter(current: str, program: Program) -> str:
    """The child filter after ``current``: everyone, each child, the whole family, again."""
    steps = [ANY] + [c.id for c in program.children if not c.archived] + [WHOLE_FAMILY]
    if current not in steps:
        return ANY
    return steps[(steps.index(current) + 1) % len(steps)]


def next_kind_filter(kind: NoteKind | None, open_only: bool) -> tuple[NoteKind | None, bool]:
    steps = list(KIND_STEPS)
    current = (kind, open_only)
    if current not in steps:
        return steps[0]
    return steps[(steps.index(current) + 1) % len(steps)]


@light_dataclass(frozen=True)
class NotesView:
    """The notes pane's contents: the pinned focus, then every other note newest first."""

    pinned: tuple[Note, ...]
    others: tuple[Note, ...]
    total: int
    """All notes, before filtering."""
    older: int = 0
    """Other notes after ``others``, not at hand (a glance holds the first page; see :mod:`.notes_glance`)."""

    @property
    def shown(self) -> int:
        return len(self.pinned) + len(self.others)


def notes_view(notes: Sequence[Note], program: Program, note_filter: NoteFilter = NoteFilter()) -> NotesView:  # noqa: B008  (frozen)
    # Unfiltered (how Today opens), every note matches: not asking saves looking at thousands.
    matches = note_filter.matches if note_filter.is_active else None
    pinned = [n for n in focus_in_order(notes, program) if matches is None or matches(n, program)]
    pinned_ids = {n.id for n in pinned}
    others = [n for n in newest_first(notes) if n.id not in pinned_ids and (matches is None or matches(n, program))]
    return NotesView(tuple(pinned), tuple(others), len(notes))


# -- wins ----------------------------------------------------------------------------


def new_win(*, child: str, text: str, goal: str | None, setting: Setting, who: str, now: datetime) -> Win:
    return Win(child=child, text=text, goal=goal, setting=setting, who=who, when=now)


def edit_win(win: Win, *, child: str, text: str, goal: str | None, setting: Setting) -> Win:
    """The win with new words, child, goal or setting; when it happened and who saw it stay."""
    return Win.model_validate({**win.model_dump(), "child": child, "text": text, "goal": goal, "setting": setting})


def week_of(day: date) -> tuple[date, date]:
    """Monday and Sunday of the week ``day`` falls in."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def wins_this_week(wins: Iterable[Win], today: date, day_start: time = time(0, 0)) -> list[Win]:
    """Wins whose family day falls in today's Monday-to-Sunday week, newest first."""
    monday, sunday = week_of(today)
    return wins_newest_first(w for w in wins if monday <= family_day(w.when, day_start) <= sunday)


def wins_newest_first(wins: Iterable[Win]) -> list[Win]:
    return sorted(wins, key=lambda w: (w.when, w.id), reverse=True)


@light_dataclass(frozen=True)
class WinFilter:
    """Which wins the log shows."""

    child: str = ANY
    """ANY or a child's id."""
    goal: str = ANY
    """ANY, NO_GOAL or a goal's id."""

    @property
    def is_active(self) -> bool:
        return self != WinFilter()

    def matches(self, win: Win) -> bool:
        if self.child != ANY and win.child != self.child:
            return False
        if self.goal == NO_GOAL:
            return win.goal is None
        return self.goal == ANY or win.goal == self.goal

    def describe(self, program: Program) -> str:
        parts = []
        if self.child != ANY:
            parts.append(child_name(program, self.child))
        if self.goal == NO_GOAL:
            parts.append("no particular goal")
        elif self.goal != ANY:
            goal = program.goal(self.goal)
            parts.append(goal.title if goal is not None else self.goal)
        return " · ".join(parts) if parts else "Every win"


def filter_wins(wins: Iterable[Win], win_filter: WinFilter = WinFilter()) -> list[Win]:  # noqa: B008  (frozen)
    return wins_newest_first(w for w in wins if win_filter.matches(w))


def next_win_child_filter(current: WinFilter, program: Program) -> WinFilter:
    """Next child; the goal filter starts again because goals belong to a child."""
    steps = [ANY] + [c.id for c in program.children if not c.archived]
    following = steps[(steps.index(current.child) + 1) % len(steps)] if current.child in steps else ANY
    return WinFilter(child=following)


def goal_choices(program: Program, wins: Iterable[Win], child: str = ANY) -> list[Goal]:
    """Goals a win can be filtered by: active goals and goals that have wins, of ``child``."""
    with_wins = {w.goal for w in wins if w.goal}
    return [g for g in program.goals if (g.active or g.id in with_wins) and (child == ANY or g.child == child)]


def next_win_goal_filter(current: WinFilter, program: Program, wins: Iterable[Win]) -> WinFilter:
    steps = [ANY] + [g.id for g in goal_choices(program, wins, current.child)] + [NO_GOAL]
    following = steps[(steps.index(current.goal) + 1) % len(steps)] if current.goal in steps else ANY
    return WinFilter(child=current.child, goal=following)


def goals_for_win(program: Program, child: str | None, keep: str | None = None) -> list[Goal]:
    """The goals a win for ``child`` can be about: active ones, plus ``keep`` (its current goal)."""
    return [g for g in program.goals if g.child == child and (g.active or g.id == keep)]


# -- times in words ------------------------------------------------------------------


def when_words(moment: datetime, today: date, day_start: time = time(0, 0)) -> str:
    """``today 07:20``, ``yesterday 18:30``, ``Mon 23 Nov``, or ``23 Nov 2025``."""
    day = family_day(moment, day_start)
    if day == today:
        return f"today {moment:%H:%M}"
    if day == today - timedelta(days=1):
        return f"yesterday {moment:%H:%M}"
    if day.year == today.year:
        return f"{moment:%a} {moment.day} {moment:%b}"
    return f"{moment.day} {moment:%b %Y}"
