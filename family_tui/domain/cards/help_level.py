"""What to do if the child needs help: the level of help the family is at, in plain words.

A sitter or a teacher should give the help the family gives now, not more (help that is
not needed slows learning) and not less (a child left stuck gives up). The level comes
from the last few practices that noted one; "not practised yet" says where to start.

No Textual here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..help_order import USUAL, HelpOrder
from ..models import Assistance, PracticeEntry, Setting
from .place import CardPlace

RECENT_PRACTICES = 5
"""How many of the newest practices with a level of help decide the level."""

_ADVICE = {
    Assistance.INDEPENDENT: "{name} does this without help: wait, and say the cue only if {name} gets stuck.",
    Assistance.VERBAL: "{name} needs a spoken reminder: say the cue words again, then wait.",
    Assistance.VISUAL: "{name} needs to see a sign: point to the picture or show the gesture, then wait.",
    Assistance.MODEL: "{name} needs to see it done: show how, then let {name} copy.",
    Assistance.PARTIAL_PHYSICAL: ("{name} needs a little hands-on help: steady or start the movement, then let go."),
    Assistance.FULL_PHYSICAL: "{name} needs hands-on help: guide {name}'s hands through it (hand over hand).",
}


_WHERE = {
    Setting.HOME: "at home",
    Setting.SCHOOL: "at school or daycare",
    Setting.SOCIAL: "with family and friends",
    Setting.COMMUNITY: "out and about",
}
"""Where practice was noted, inside "Lately at home, ...": the words of the practice form."""


@dataclass(frozen=True)
class HelpLevel:
    """The card's "If Leo needs help" part."""

    level: Assistance | None
    """None: no practice noted a level yet."""
    advice: str
    """One or two sentences a sitter can follow."""


def family_level(entries: Iterable[PracticeEntry]) -> Assistance | None:
    """The level most used in the newest :data:`RECENT_PRACTICES` practices that noted one.

    A tie goes to the level used most recently: it is where the family is heading.
    """
    recent = [e.assistance for e in _recent_noted(entries) if e.assistance is not None]
    if not recent:
        return None
    counts = Counter(recent)
    most = max(counts.values())
    return next(level for level in reversed(recent) if counts[level] == most)


def _recent_noted(entries: Iterable[PracticeEntry]) -> list[PracticeEntry]:
    """The newest :data:`RECENT_PRACTICES` practices that noted a level of help, oldest first."""
    noted = sorted((e for e in entries if e.assistance is not None), key=lambda e: (e.date, e.updated_at))
    return noted[-RECENT_PRACTICES:]


def help_level(
    child_name: str,
    entries: Iterable[PracticeEntry],
    *,
    has_cue: bool = True,
    has_visual: bool = False,
    place: CardPlace | None = None,
    practised_before: bool = False,
    order: HelpOrder = USUAL,
) -> HelpLevel:
    """What the card says to do if the child needs help.

    ``entries`` are one strategy's recent practices for this child. With a ``place``,
    the level comes from practice there when some noted a level (help often differs away
    from home); otherwise from all of them. "Lately at daycare" is said only from
    practice noted there: a place's card whose level comes from elsewhere says where
    ("Lately at home, ...") when all of it was in one setting, else just "Lately".
    ``practised_before``: there is older practice than ``entries`` cover, so "not
    practised yet" would be wrong. ``order``: the therapist's order of help, when she
    gave one: the card names her next step up, and where to start is her first help.
    """
    entries = list(entries)
    start = _where_to_start(child_name, has_cue, has_visual) if not order.custom else _her_start(child_name, order)
    if place is not None:
        here = [e for e in entries if e.setting is place.setting]
        level = family_level(here)
        if level is not None:
            return HelpLevel(level, f"Lately {place.where}, {_advice(level, child_name)}{_next_step(order, level)}")
    level = family_level(entries)
    if level is not None:
        settings = {e.setting for e in _recent_noted(entries)}
        where = f" {_WHERE[settings.pop()]}" if place is not None and len(settings) == 1 else ""
        return HelpLevel(level, f"Lately{where}, {_advice(level, child_name)}{_next_step(order, level)}")
    if entries:
        return HelpLevel(None, f"No level of help noted yet: {start}")
    if practised_before:
        return HelpLevel(None, f"Not practised lately: {start}")
    return HelpLevel(None, f"Not practised yet: {start}")


def _advice(level: Assistance, child_name: str) -> str:
    return _ADVICE[level].format(name=child_name)


def _next_step(order: HelpOrder, level: Assistance) -> str:
    """With the therapist's own order, her next level up: the usual order may not be hers."""
    step = order.more_help(level) if order.custom else None
    return f" If that is not enough, the next step up is: {step.label.lower()}." if step is not None else ""


def _her_start(child_name: str, order: HelpOrder) -> str:
    """Where to start in the therapist's order: her least help that is help at all, then her next."""
    helps = [level for level in order.levels if level is not Assistance.INDEPENDENT]
    if not helps:
        return f"wait, and let {child_name} try."
    if len(helps) == 1:
        return f"start with this help: {helps[0].label.lower()}."
    return f"start with this help: {helps[0].label.lower()}; if {child_name} needs more: {helps[1].label.lower()}."


def _where_to_start(child_name: str, has_cue: bool, has_visual: bool) -> str:
    aids = [aid for aid, there in (("the cue words", has_cue), ("the visual", has_visual)) if there]
    if not aids:
        return f"start by showing how, then let {child_name} try."
    return f"start with {' and '.join(aids)}; if {child_name} needs more, show how."
