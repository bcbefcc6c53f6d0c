"""Each therapist's order of help: which of two levels is more help, for her goals.

Many speech and ABA hierarchies rank a gesture as less help than a spoken cue; a
therapist's ``help_levels`` lists the levels she uses, least help first. A goal
follows the order of the therapist who sees its child in its discipline; without
one, the usual six levels in :class:`Assistance` order.

No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Assistance, Goal, Program, Settings, Therapist


@dataclass(frozen=True)
class HelpOrder:
    levels: tuple[Assistance, ...] = tuple(Assistance)
    """The levels offered, least help first."""

    @property
    def custom(self) -> bool:
        """A therapist gave her own order (not the usual six in the usual order)."""
        return self.levels != tuple(Assistance)

    def rank(self, level: Assistance) -> float:
        """0 for the least help in her order, growing with the help given.

        A level she does not use (noted before she gave her order) sits between the
        levels she uses, where the usual order puts it, so old practice still compares.
        """
        if level in self.levels:
            return float(self.levels.index(level))
        below = sum(1 for used in self.levels if used.rank < level.rank)
        return below - 0.5

    def more_help(self, level: Assistance) -> Assistance | None:
        """The next level up in her order, or None at the top (or for a level she does not use)."""
        if level not in self.levels:
            return None
        at = self.levels.index(level)
        return self.levels[at + 1] if at + 1 < len(self.levels) else None


USUAL = HelpOrder()


def goal_therapist(program: Program, goal: Goal) -> Therapist | None:
    """The therapist who sees the goal's child in its discipline (the first one with an order, if several)."""
    theirs = [
        t for t in program.therapists if not t.archived and t.discipline is goal.discipline and goal.child in t.children
    ]
    return next((t for t in theirs if t.help_levels), theirs[0] if theirs else None)


def help_order(program: Program, goal: Goal | None) -> HelpOrder:
    """The order of help for ``goal``: its therapist's, else the usual one."""
    therapist = goal_therapist(program, goal) if goal is not None else None
    if therapist is None or not therapist.help_levels:
        return USUAL
    return HelpOrder(tuple(therapist.help_levels))


def offered_levels(program: Program, goal: Goal, settings: Settings) -> list[Assistance]:
    """The levels the practice form offers for ``goal``: her levels in her order, else the family's setting."""
    therapist = goal_therapist(program, goal)
    if therapist is not None and therapist.help_levels:
        return list(therapist.help_levels)
    return list(settings.assistance_levels)


def level_named(text: str) -> Assistance | None:
    """``"verbal"``, ``"Verbal cue"``, ``"partial physical"``: a level by its name or its label."""
    key = " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
    return next((lv for lv in Assistance if key in (lv.value.replace("_", " "), lv.label.lower())), None)


def parse_levels(text: str) -> list[Assistance]:
    """Levels typed one after another, separated by commas, least help first; "" for the usual order.

    Raises ValueError naming what is not a level, or a level named twice.
    """
    levels: list[Assistance] = []
    for part in (p for p in text.split(",") if p.strip()):
        level = level_named(part)
        if level is None:
            names = ", ".join(lv.value for lv in Assistance)
            raise ValueError(f'"{part.strip()}" is not a level of help; use {names}')
        if level in levels:
            raise ValueError(f'"{part.strip()}" is named twice; name each level once')
        levels.append(level)
    return levels


def levels_text(levels: list[Assistance]) -> str:
    """The levels as :func:`parse_levels` reads them back."""
    return ", ".join(level.value for level in levels)
