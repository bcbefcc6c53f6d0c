"""Writing a program as a home-program file that imports back to the same program."""

from __future__ import annotations

from typing import Any

import tomli_w

from ..models import (
    ALL_WEEKDAYS,
    Discipline,
    GoalStatus,
    Program,
    Strategy,
)
from .build import strategy_measure
from .schema import FORMAT, NO_MEASURE

HEADER = """\
# A family-tui home program (format version 1), written by `family-tui export-program`.
# Import it with: family-tui import FILE
# Ids keep practice history joined up: keep them when you edit a name or title.
# Archived entries are left out. Every text field is plain text: nothing in it is markup.

"""


def _without_empty(values: dict[str, Any], *optional: str) -> dict[str, Any]:
    return {k: v for k, v in values.items() if not (k in optional and v in ("", None))}


def _literal(value: Any) -> str:
    """One TOML value, quoted by tomli-w; short lists of text kept on one line."""
    if isinstance(value, list):
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    return tomli_w.dumps({"v": value}, multiline_strings=True).removeprefix("v = ").rstrip("\n")


def _table(header: str, values: dict[str, Any], indent: str = "") -> str:
    lines = [f"{indent}[[{header}]]"]
    lines += [f"{indent}{key} = {_literal(value)}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


def _measure_keys(strategy: Strategy, discipline: Discipline) -> dict[str, Any]:
    """``measure`` when it is not the discipline's usual one, with its sides or steps."""
    keys: dict[str, Any] = {}
    measured = strategy.measured
    if measured is not strategy_measure(None, discipline):
        keys["measure"] = measured.value if measured is not None else NO_MEASURE
    if strategy.sides:
        keys["sides"] = [side.value for side in strategy.sides]
    if strategy.steps:
        keys["steps"] = list(strategy.steps)
    return keys


def program_to_toml(program: Program) -> str:
    """The program in the format :func:`load_program_file` reads, archived records left out."""
    children = [c for c in program.children if not c.archived]
    child_ids = {c.id for c in children}
    routines = [r for r in program.routines if not r.archived]
    routine_ids = {r.id for r in routines}
    blocks: list[str] = [HEADER + f"format = {_literal(FORMAT)}\n"]
    goals = [g for g in program.goals if g.child in child_ids]
    starts = {g.created for g in goals}
    shared_start = starts.pop() if len(starts) == 1 else None
    if shared_start is not None:
        blocks[0] += f"start = {_literal(shared_start)}\n"
    for c in children:
        blocks.append(_table("children", {"id": c.id, "name": c.name, "color": c.color}))
    for caregiver in program.caregivers:
        if not caregiver.archived:
            person: dict[str, Any] = {"id": caregiver.id, "name": caregiver.name}
            if list(caregiver.days) != list(ALL_WEEKDAYS):
                person["days"] = [d.value for d in caregiver.days]
            if caregiver.parent:
                person["parent"] = True
            blocks.append(_table("caregivers", person))
    for t in program.therapists:
        if not t.archived:
            therapist: dict[str, Any] = {
                "id": t.id,
                "name": t.name,
                "discipline": t.discipline.value,
                "children": [c for c in t.children if c in child_ids],
            }
            if t.sessions:
                therapist["sessions"] = [d.value for d in t.sessions]
            if t.help_levels:
                therapist["help_levels"] = [level.value for level in t.help_levels]
            blocks.append(_table("therapists", therapist))
    for r in routines:
        entry: dict[str, Any] = {"id": r.id, "name": r.name, "time": r.time.strftime("%H:%M")}
        if list(r.days) != list(ALL_WEEKDAYS):
            entry["days"] = [d.value for d in r.days]
        blocks.append(_table("routines", entry))
    for g in program.goals:
        if g.child not in child_ids:
            continue
        goal: dict[str, Any] = {
            "id": g.id,
            "child": g.child,
            "discipline": g.discipline.value,
            "title": g.title,
            "target": g.target,
        }
        if shared_start is None:
            goal["start"] = g.created
        if not g.active:
            goal["status"] = g.status.value
            goal["met"] = g.met_on if g.status is GoalStatus.MET else None
        if g.maintenance is not None:
            goal["maintenance"] = g.maintenance.value
        block = _table("goals", _without_empty(goal, "target", "start", "met"))
        if g.mastery is not None:
            mastery: dict[str, Any] = {"percent": g.mastery.percent, "days": g.mastery.days}
            if g.mastery.level is not None:
                mastery["level"] = g.mastery.level.value
            block += "\n  [goals.mastery]\n" + "".join(f"  {k} = {_literal(v)}\n" for k, v in mastery.items())
        for s in program.strategies:
            if s.goal != g.id or s.archived:
                continue
            strategy = {
                "id": s.id,
                "title": s.title,
                "how": s.how,
                "cue": s.cue,
                "visual": s.visual,
                "dose": s.dose,
                "minutes": s.minutes,
                "routines": [r for r in s.routines if r in routine_ids],
                "kid_title": s.kid_title,
                "kid_emoji": s.kid_emoji,
                "media": s.media,
                "priority": s.priority,
                "times_per_week": s.times_per_week,
            }
            strategy.update(_measure_keys(s, g.discipline))
            optional = ("how", "cue", "visual", "dose", "kid_title", "kid_emoji", "media", "priority", "times_per_week")
            block += "\n" + _table("goals.strategies", _without_empty(strategy, *optional), "  ")
        blocks.append(block)
    return "\n".join(blocks)
