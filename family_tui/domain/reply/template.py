"""The reply file a therapist fills in: her open questions to answer, and what she may change, as comments."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import tomli_w

from ..models import Note, Program, Therapist
from ..report.period import format_day
from .parse import REPLY_FORMAT
from .questions import open_questions_for


def toml_value(value: Any) -> str:
    """One TOML value, quoted as TOML needs (quotes, backslashes, line breaks)."""
    return tomli_w.dumps({"v": value}).removeprefix("v = ").rstrip("\n")


def _comment(text: str) -> str:
    """Text on one comment line: a line break in a question must not end the comment."""
    return " ".join(text.split())


def reply_template(program: Program, notes: Iterable[Note], therapist: Therapist, today: date) -> str:
    """The file ``family-tui reply-template`` writes: fill it in, save it, send it back to the family."""
    children = [c for c in program.children if not c.archived and c.id in therapist.children]
    lines = [
        f"# A reply from {therapist.name} ({therapist.discipline.label}) to the family's home program.",
        "# Write your answers between the quotes, save the file and send it back to the family;",
        "# they bring it in with: family-tui import FILE",
        "# Empty answers are skipped. Lines starting with # are comments: remove the # to use one.",
        f"format = {toml_value(REPLY_FORMAT)}",
        f"therapist = {toml_value(therapist.id)}",
        f"date = {today.isoformat()}",
        "",
    ]
    questions = open_questions_for(program, notes, therapist)
    names = {c.id: c.name for c in program.children}
    lines.append(f"# -- Open questions for you: {len(questions) or 'none'} " + "-" * 30)
    for question in questions:
        about = names.get(question.child or "", "Whole family")
        asked = f"{about}, asked {format_day(question.created_at.date())} by {question.author}"
        lines += [
            "",
            "[[answers]]",
            f"# {asked}: {_comment(question.text)}",
            f"question = {toml_value(question.id)}",
            'text = ""',
        ]
    lines += [
        "",
        "# -- A note to the family (as many as you like) " + "-" * 24,
        "# [[updates]]",
        "# child = " + toml_value(children[0].id if children else "child-id"),
        '# text = "Move from words to short phrases next week."',
        "",
        "# -- What you can change: copy a table below, remove its #s, fill it in " + "-" * 2,
        "# [[cues]]            new words for a strategy's cue, in use from a day",
        '# strategy = "strategy-id"',
        '# cue = "The new words to say"',
        f"# from = {today.isoformat()}",
        "#",
        "# [[goals]]           a goal's status (active, met or paused), with a note for the family",
        '# goal = "goal-id"',
        '# status = "paused"',
        '# note = "Why, and what to do meanwhile"',
        "#",
        "# [[strategies]]      a link to a page or video showing how it is done, its place in your order",
        '# strategy = "strategy-id"',
        '# media = "https://example.org/video"',
        "# priority = 1         (1 first: on a short day the family does the lowest numbers)",
    ]
    for child in children:
        goals = [g for g in program.goals if g.child == child.id and g.discipline is therapist.discipline]
        goals += [g for g in program.goals if g.child == child.id and g.discipline is not therapist.discipline]
        lines += ["", f"# {child.name} (child = {toml_value(child.id)})"]
        for goal in goals:
            status = goal.status.value + (
                "" if goal.discipline is therapist.discipline else f", {goal.discipline.value}"
            )
            lines.append(f"#   goal = {toml_value(goal.id)}: {_comment(goal.title)} ({status})")
            for strategy in program.strategies:
                if strategy.goal == goal.id and not strategy.archived:
                    lines.append(f"#     strategy = {toml_value(strategy.id)}: {_comment(strategy.title)}")
                    if strategy.cue:
                        lines.append(f"#       cue now: {_comment(strategy.cue)}")
                    if strategy.media:
                        lines.append(f"#       media now: {strategy.media}")
                    if strategy.priority is not None:
                        lines.append(f"#       priority now: {strategy.priority}")
    return "\n".join(lines) + "\n"
