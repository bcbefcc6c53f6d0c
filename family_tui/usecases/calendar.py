"""The phone calendar behind ``family-tui calendar``: the program's routines as repeating reminders.

Turns what a person typed (``--child Zoe``, ``--caregiver sitter``) into the events of
:mod:`family_tui.domain.calendar`, with messages that say how to fix a mistake, in the
family's time zone: the computer's, as the app's clock reads it.

No Textual here.
"""

from __future__ import annotations

from ..clock import zone_name
from ..domain.calendar import CALENDAR_NAME, calendar_text, routine_events
from ..domain.models import Caregiver, Child
from ..domain.names import find_caregiver, find_child
from ..storage import FamilyStore
from .report import store_today


class CalendarError(ValueError):
    """What the person asked for cannot be made into a calendar; the message says how to fix it."""


def run_calendar(store: FamilyStore, child: str | None = None, caregiver: str | None = None) -> str:
    """The iCalendar file's text.

    ``child``: an id, a name or a first name only one child has; default every child not
    archived. ``caregiver``: only the routines on that person's days.
    """
    program = store.program()
    try:
        found_child = find_child(program, child) if child is not None else None
        found_caregiver = find_caregiver(program, caregiver) if caregiver is not None else None
    except ValueError as error:
        raise CalendarError(str(error)) from None
    if found_child is not None and found_child.archived:
        raise CalendarError(f"{found_child.name} is archived: nothing of theirs is practised now.")
    events = routine_events(
        program,
        store_today(store),
        child_ids=[found_child.id] if found_child is not None else None,
        caregiver=found_caregiver,
        skip_days=store.skip_days(),
    )
    if not events:
        raise CalendarError(_nothing_to_remind(found_child, found_caregiver))
    now = store.clock.local_now()
    zone = now.tzinfo
    name = CALENDAR_NAME
    if found_child is not None:
        name += f": {found_child.name}"
    if found_caregiver is not None:
        name += f" with {found_caregiver.name}"
    return calendar_text(events, now, zone=zone, tzid=zone_name(zone), name=name)


def _nothing_to_remind(child: Child | None, caregiver: Caregiver | None) -> str:
    whose = f"{child.name}'s practice" if child is not None else "practice"
    when = f" on {caregiver.name}'s days" if caregiver is not None else ""
    return (
        f"No routine holds {whose}{when}, so there is nothing to remind anyone of. "
        "Put a strategy in a routine (family-tui import, or the program editor) and export again."
    )
