"""A short day: what to do first when only a few minutes are left.

Adherence falls as the list grows; on a busy evening the family needs to know which
practice matters most, in the therapist's order (a strategy's ``priority``). Each
child's open items are taken in that order while they fit the lower end of the aim;
the rest stay on the list, never called missed.
"""

from __future__ import annotations

from datetime import time

from .planned_minutes import AIM_LOW
from .schedule import ChecklistItem, DayChecklist

NO_PRIORITY = 1000
"""Where a strategy without a priority sorts: after every numbered one."""


def _order(item: ChecklistItem, position: int) -> tuple[int, int]:
    """The therapist's order, then the day's order (earlier routines first)."""
    priority = item.strategy.priority
    return (priority if priority is not None else NO_PRIORITY, position)


def short_day_items(checklist: DayChecklist, minutes: int = AIM_LOW) -> set[tuple[str, str, str]]:
    """The keys of each child's open items that fit ``minutes``, highest priority first.

    The minutes a child already practised today count towards them, so a child who did
    three minutes at breakfast gets two minutes' worth more. A child with nothing that
    fits still gets the first item in order (a 6-minute strategy is better than none).
    """
    chosen: set[tuple[str, str, str]] = set()
    practised: dict[str, int] = {}
    open_items: dict[str, list[tuple[tuple[int, int], ChecklistItem]]] = {}
    for position, item in enumerate(checklist.items):
        if item.entry is not None:
            practised[item.child.id] = practised.get(item.child.id, 0) + item.entry.minutes
        elif item.counts:
            open_items.setdefault(item.child.id, []).append((_order(item, position), item))
    for child_id, candidates in open_items.items():
        left = minutes - practised.get(child_id, 0)
        if left <= 0:
            continue
        taken = False
        for _order_key, item in sorted(candidates, key=lambda found: found[0]):
            if item.strategy.minutes <= left or not taken:
                chosen.add(item.key)
                left -= item.strategy.minutes
                taken = True
            if left <= 0:
                break
    return chosen


def offer_short_day(checklist: DayChecklist, now: time, after: time | None) -> bool:
    """Whether to offer the short day: past the family's hour, with most of the day still open.

    ``after``: the hour the family chose in Settings (None: never offered).
    """
    if after is None or now < after:
        return False
    counted = checklist.counted_items
    if not counted:
        return False
    still_open = sum(1 for item in counted if item.entry is None)
    return still_open * 2 > len(counted)
