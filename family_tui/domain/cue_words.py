"""One set of words: the strategies of one goal should say the same cue.

A child learns a cue by hearing the same words from everyone; "Tiger growl: rrr, tongue
back" on one strategy and "Tiger growl" on another are two cues. Cues count as the same
when they differ only in case, punctuation or spacing; an empty cue says nothing. Import
and the editor warn, never refuse: the therapist may mean it.

No Textual here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Goal, Program, Strategy

_NOT_WORDS = re.compile(r"[^\w]+")


def cue_key(cue: str) -> str:
    """The cue's words, without case, punctuation or extra spaces."""
    return " ".join(_NOT_WORDS.sub(" ", cue.casefold()).split())


@dataclass(frozen=True)
class CueClash:
    goal: Goal
    first: Strategy
    second: Strategy

    def words(self) -> str:
        """``the goal "/r/" has two cues: "Tiger growl: rrr" (Growl) and "Tiger growl" (Mirror)``."""
        return (
            f'the goal "{self.goal.title}" has different cue words: '
            f'"{self.first.cue}" ({self.first.title}) and "{self.second.cue}" ({self.second.title})'
        )


def differing_cue(program: Program, strategy: Strategy) -> Strategy | None:
    """A strategy in use of the same goal whose cue is not ``strategy``'s; None if they agree."""
    key = cue_key(strategy.cue)
    if not key:
        return None
    for other in program.strategies:
        if other.id == strategy.id or other.goal != strategy.goal or other.archived:
            continue
        other_key = cue_key(other.cue)
        if other_key and other_key != key:
            return other
    return None


def cue_clashes(program: Program, goal_ids: set[str] | None = None) -> list[CueClash]:
    """Per goal (of ``goal_ids``, default all), the first two strategies in use with different cues."""
    clashes = []
    by_goal: dict[str, list[Strategy]] = {}
    for strategy in program.strategies:  # once, not once a goal: a 5,000-goal program took 20 s here
        if not strategy.archived and cue_key(strategy.cue):
            by_goal.setdefault(strategy.goal, []).append(strategy)
    for goal in program.goals:
        if goal_ids is not None and goal.id not in goal_ids:
            continue
        cued = by_goal.get(goal.id, [])
        for strategy in cued[1:]:
            if cue_key(strategy.cue) != cue_key(cued[0].cue):
                clashes.append(CueClash(goal, cued[0], strategy))
                break
    return clashes
