"""What a reply changes: worked out whole, checked against the family's program and notes.

A reply applies all or nothing, and importing it twice changes nothing the second time:
an answer already given by this reply, a cue already in use, a note already kept are
"already in". Notes a reply adds get an id made from the reply itself, so a second
import finds them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..cue_history import cue_change
from ..models import Goal, GoalStatus, Note, NoteKind, Program, Record, Strategy, Therapist
from ..report.period import format_day
from .parse import Item, Reply, ReplyError
from .questions import open_questions_for, sees


@dataclass
class ReplyPlan:
    """The records to write, and words for the parent."""

    therapist: Therapist
    day: date
    saves: list[Record] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def describe(self, dry_run: bool = False) -> str:
        head = f"Reply from {self.therapist.name} of {format_day(self.day)}"
        if not self.changes:
            lines = [f"{head}: nothing new to import" + (" (it is already in)." if self.already else ".")]
        else:
            verb = "would change" if dry_run else "changed"
            lines = [f"{head}: {verb} {len(self.changes)} thing{'s' if len(self.changes) != 1 else ''}:"]
            lines += [f"  {line}" for line in self.changes]
            if self.already:
                lines.append(f"Already in from before: {len(self.already)}.")
        if self.skipped:
            lines.append("Left out: " + "; ".join(self.skipped) + ".")
        if dry_run:
            lines.append("Dry run: nothing was changed.")
        return "\n".join(lines)


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def reply_note_id(reply: Reply, what: str, *parts: str) -> str:
    """The same id for the same note of the same reply, however often it is imported."""
    digest = hashlib.sha256("\x1f".join((reply.therapist, reply.date.isoformat(), what, *parts)).encode())
    return f"reply-{digest.hexdigest()[:26]}"


def plan_reply(reply: Reply, program: Program, notes: list[Note], now: datetime) -> ReplyPlan:
    """Every change ``reply`` makes; :class:`ReplyError` lists every problem, by place, and nothing applies."""
    therapist = next((t for t in program.therapists if t.id == reply.therapist), None)
    if therapist is None or therapist.archived:
        ids = ", ".join(f"{t.id} ({t.name})" for t in program.therapists if not t.archived) or "none yet"
        raise ReplyError([f'therapist: no therapist with the id "{reply.therapist}" in this program ({ids}).'])
    planner = _Planner(reply, program, notes, therapist, now)
    planner.run()
    if planner.problems:
        raise ReplyError(planner.problems)
    return planner.plan


class _Planner:
    def __init__(self, reply: Reply, program: Program, notes: list[Note], therapist: Therapist, now: datetime):
        self.reply, self.program, self.therapist, self.now = reply, program, therapist, now
        self.notes = {n.id: n for n in notes}
        self.open = {n.id for n in open_questions_for(program, notes, therapist)}
        self.plan = ReplyPlan(therapist, reply.date)
        self.problems: list[str] = []
        self.strategies: dict[str, Strategy] = {}
        self.goals: dict[str, Goal] = {}

    def run(self) -> None:
        for kind in ("answers", "updates", "cues", "goals", "strategies"):
            for item in getattr(self.reply, kind):
                try:
                    getattr(self, f"_{kind}")(item)
                except ValueError as error:  # a text the records refuse (pydantic's ValidationError is one)
                    self.problems.append(f"{item.place}: {_first_reason(error)}")

    # -- helpers -------------------------------------------------------------------

    def _child_name(self, child: str | None) -> str:
        found = self.program.child(child) if child else None
        return found.name if found else (child or "the whole family")

    def _refuse_child(self, item: Item, child: str) -> bool:
        if sees(self.therapist, child):
            return False
        self.problems.append(
            f"{item.place}: {self.therapist.name} does not see {self._child_name(child)}: "
            "a reply may only change what is about her own children."
        )
        return True

    def _strategy(self, item: Item) -> Strategy | None:
        strategy_id = item.text("strategy")
        strategy = self.strategies.get(strategy_id) or self.program.strategy(strategy_id)
        if strategy is None:
            self.problems.append(f'{item.place}: no strategy "{strategy_id}" in this program.')
            return None
        goal = self.program.goal(strategy.goal)
        if goal is None or self._refuse_child(item, goal.child):
            return None
        return strategy

    def _note(self, item: Item, what: str, child: str | None, text: str, *parts: str) -> None:
        note_id = reply_note_id(self.reply, what, *parts)
        if note_id in self.notes:
            self.plan.already.append(f"{item.place}: note")
            return
        note = Note(
            id=note_id,
            kind=NoteKind.UPDATE,
            child=child,
            author=self.therapist.name,
            text=text,
            created_at=self.now,
            updated_at=self.now,
        )
        self.notes[note_id] = note
        self.plan.saves.append(note)
        self.plan.changes.append(f"a note for {self._child_name(child)}: {_short(text)}")

    # -- each table ----------------------------------------------------------------

    def _answers(self, item: Item) -> None:
        question_id, text = item.text("question"), item.text("text")
        if not text.strip():
            self.plan.skipped.append(f"{item.place} (no answer written)")
            return
        note = self.notes.get(question_id)
        if note is not None and note.answered_via_reply == self.reply.date and note.answer == text:
            self.plan.already.append(item.place)
            return
        if note is None or note.id not in self.open:
            said = f" (already answered by {note.answered_by or 'the family'})" if note and note.answer else ""
            self.problems.append(f'{item.place}: no open question "{question_id}" for {self.therapist.name}{said}.')
            return
        answered = Note.model_validate(
            {
                **note.model_dump(),
                "answer": text,
                "answered_at": self.now,
                "answered_by": self.therapist.name,
                "answered_via_reply": self.reply.date,
                "updated_at": self.now,
            }
        )
        self.notes[note.id] = answered
        self.open.discard(note.id)
        self.plan.saves.append(answered)
        self.plan.changes.append(f'the answer to "{_short(note.text)}"')

    def _updates(self, item: Item) -> None:
        child, text = item.text("child"), item.text("text")
        if not text.strip():
            self.plan.skipped.append(f"{item.place} (no text written)")
            return
        if self.program.child(child) is None:
            self.problems.append(f'{item.place}: no child "{child}" in this program.')
            return
        if self._refuse_child(item, child):
            return
        self._note(item, "update", child, text, child, text)

    def _cues(self, item: Item) -> None:
        strategy = self._strategy(item)
        if strategy is None:
            return
        cue = item.text("cue").strip()
        since: date = item.fields.get("from") or self.reply.date
        if cue == strategy.cue:
            self.plan.already.append(item.place)
            return
        if not cue:
            self.problems.append(f"{item.place}: the cue is empty; give the words to say, or leave the table out.")
            return
        if strategy.cue_since is not None and since < strategy.cue_since:
            self.problems.append(
                f"{item.place}: from {since.isoformat()} is before the day the current cue began "
                f"({format_day(strategy.cue_since)})."
            )
            return
        changed = _validated(strategy, **cue_change(strategy, cue, since, self.therapist.name))
        self._save_strategy(changed)
        self.plan.changes.append(f'the cue of "{strategy.title}" from {format_day(since)}: "{cue}"')

    def _goals(self, item: Item) -> None:
        goal_id = item.text("goal")
        goal = self.goals.get(goal_id) or self.program.goal(goal_id)
        if goal is None:
            self.problems.append(f'{item.place}: no goal "{goal_id}" in this program.')
            return
        if self._refuse_child(item, goal.child):
            return
        status_text = item.text("status").strip().lower()
        note = item.text("note").strip()
        if status_text and GoalStatus(status_text) is not goal.status:
            status = GoalStatus(status_text)
            met_on = self.reply.date if status is GoalStatus.MET else None
            changed = _validated(goal, status=status, met_on=met_on)
            self.goals[goal.id] = changed
            self.plan.saves.append(changed)
            self.plan.changes.append(f'goal "{goal.title}": {changed.status_text or "active again"}')
        elif status_text:
            self.plan.already.append(f"{item.place}: status")
        if note:
            words = f'Goal "{goal.title}"' + (f" ({status_text})" if status_text else "") + f": {note}"
            self._note(item, "goal", goal.child, words, goal.id, note)

    def _strategies(self, item: Item) -> None:
        strategy = self._strategy(item)
        if strategy is None:
            return
        changes = {name: _cleaned(item.fields[name]) for name in item.fields if name != "strategy"}
        if all(getattr(strategy, name) == value for name, value in changes.items()):
            self.plan.already.append(item.place)
            return
        changed = _validated(strategy, **changes)
        self._save_strategy(changed)
        self.plan.changes.append(f'"{strategy.title}": {", ".join(changes)}')

    def _save_strategy(self, strategy: Strategy) -> None:
        self.plan.saves = [r for r in self.plan.saves if not (isinstance(r, Strategy) and r.id == strategy.id)]
        self.strategies[strategy.id] = strategy
        self.plan.saves.append(strategy)


def _cleaned(value: Any) -> Any:
    """Text without the spaces around it; a number as it is."""
    return value.strip() if isinstance(value, str) else value


def _validated(record: Any, **changes: Any) -> Any:
    return type(record).model_validate({**record.__dict__, **changes})


def _first_reason(error: ValueError) -> str:
    errors = getattr(error, "errors", None)
    if callable(errors):
        found = errors()
        if found:
            where = ".".join(str(part) for part in found[0].get("loc", ()) if part)
            message = str(found[0].get("msg", error)).removeprefix("Value error, ")
            return f"{where}: {message}" if where else message
    return str(error)
