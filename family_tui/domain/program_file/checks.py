"""What pydantic cannot check entry by entry: ids unique and well formed, references defined, the format line."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..ids import ID_PATTERN, slugify
from .errors import shown
from .schema import FORMAT, NAME_KEY

if TYPE_CHECKING:
    from .build import FileProgram

_ID_RE = re.compile(ID_PATTERN)


def _entry_id(entry: Any, name_key: str) -> str | None:
    """The id an entry stands for: its own, or one made from its name or title."""
    if not isinstance(entry, dict):
        return None
    given = entry.get("id")
    if given is not None:
        return given if isinstance(given, str) else None
    name = entry.get(name_key)
    return slugify(name) if isinstance(name, str) and name.strip() else None


def _list_of_tables(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [(i, e) for i, e in enumerate(value) if isinstance(e, dict)]


def check_ids_and_references(data: dict[str, Any]) -> list[str]:
    """Ids well formed and unique; every reference names something defined in the file."""
    errors: list[str] = []
    defined: dict[str, list[str]] = {}

    def collect(kind: str, entries: list[tuple[str, dict[str, Any]]]) -> None:
        seen: dict[str, str] = {}
        order: list[str] = []
        for where, entry in entries:
            given = entry.get("id")
            if given is not None and isinstance(given, str) and not _ID_RE.match(given):
                errors.append(
                    f'{where}.id: {shown(given)} is not a usable id; use lower-case letters, digits, "-" or "_" '
                    f'(at most 80, starting with a letter or digit), such as "{slugify(given)}"'
                )
                continue
            if given is not None and not isinstance(given, str):
                continue  # reported as a wrong type already
            entry_id = _entry_id(entry, NAME_KEY[kind])
            if entry_id is None:
                continue
            if entry_id in seen:
                made = "" if given is not None else f" (made from its {NAME_KEY[kind]})"
                errors.append(
                    f'{where}: id "{entry_id}"{made} is already used by {seen[entry_id]}; '
                    "give one of them a different id"
                )
                continue
            seen[entry_id] = where
            order.append(entry_id)
        defined[kind] = order

    for kind in ("children", "caregivers", "therapists", "routines", "goals"):
        collect(kind, [(f"{kind}[{i}]", e) for i, e in _list_of_tables(data, kind)])
    strategies: list[tuple[str, dict[str, Any]]] = []
    for gi, goal in _list_of_tables(data, "goals"):
        for si, strategy in _list_of_tables(goal, "strategies"):
            strategies.append((f"goals[{gi}].strategies[{si}]", strategy))
    collect("goals.strategies", strategies)

    def known(kind: str, noun: str) -> str:
        names = defined.get(kind, [])
        return f"known {noun}: {', '.join(names)}" if names else f"the file defines no {noun}"

    def check(where: str, ref: Any, kind: str, singular: str, plural: str) -> None:
        if isinstance(ref, str) and ref not in defined.get(kind, []):
            errors.append(f"{where}: {singular} {shown(ref)} is not defined; {known(kind, plural)}")

    for i, therapist in _list_of_tables(data, "therapists"):
        refs = therapist.get("children")
        for ref in refs if isinstance(refs, list) else []:
            check(f"therapists[{i}]", ref, "children", "child", "children")
    for gi, goal in _list_of_tables(data, "goals"):
        check(f"goals[{gi}]", goal.get("child"), "children", "child", "children")
        for si, strategy in _list_of_tables(goal, "strategies"):
            refs = strategy.get("routines")
            for ref in refs if isinstance(refs, list) else []:
                check(f"goals[{gi}].strategies[{si}]", ref, "routines", "routine", "routines")
    return errors


def check_format(data: dict[str, Any]) -> list[str]:
    if "format" not in data:
        return [f'the format line is missing; the file should start with: format = "{FORMAT}"']
    value = data["format"]
    if value != FORMAT:
        return [
            f'format is {shown(value)}, but this version of family-tui reads "{FORMAT}"; '
            "check that this is a family-tui home-program file"
        ]
    return []


def check_times_a_week(strategy_places: list[str], program: FileProgram) -> list[str]:
    """A strategy practised N times a week needs routines that come at least N times a week.

    ``strategy_places``: where each of ``program.strategies`` is in the file, in the same order.
    """
    routines = {r.id: r for r in program.routines}
    errors = []
    for where, strategy in zip(strategy_places, program.strategies):
        times = strategy.times_per_week
        if times is None:
            continue
        held = [routines[r] for r in strategy.routines if r in routines]
        chances = sum(len(r.days) for r in held)
        if held and chances < times:
            names = ", ".join(r.id for r in held)
            errors.append(
                f"{where}.times_per_week: {times} times a week, but its routines ({names}) come only "
                f"{chances} times a week; lower it or add a routine"
            )
    return errors
