"""The notice on the open screen when a routine's time comes (the kiosk laptop is on all day).

Today's once-a-second tick asks :class:`RoutineNotices` to look; nothing else keeps time.
While a dialog is open nothing is shown over it: the time it covers is looked at once it
closes, with the practice as it is by then (an item marked in that dialog is not named).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from textual.app import App
from textual.screen import ModalScreen

from ..clock import family_day
from ..domain.maintenance import monday_before
from ..domain.reminders import RoutineStart, routines_starting
from .family import family_of

TYPING_PAUSE = timedelta(seconds=30)
"""No key or click for this long: nobody is typing, and the checklist may move to the routine."""

NOTICE_SECONDS = 30.0
"""A calm notice stays long enough to be read from across the kitchen."""


class RoutineNotices:
    """Remembers up to when the routines were looked at, so that each one is announced once."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.family = family_of(app)
        self.since: datetime = self.family.clock.local_now()
        """The app started (or last looked) here: a routine that started before is not announced."""

    def check(self) -> RoutineStart | None:
        """Show the notice of a routine whose time has just come; returns it, for Today to move to.

        None while a dialog is open (the time is looked at after it closes), or when no
        routine with practice left started since the last look.
        """
        app, family = self.app, self.family
        if isinstance(app.screen, ModalScreen):
            return None
        now = family.clock.local_now()
        since, self.since = self.since, now
        starts = self._starting(since, now)
        if not starts:
            return None
        for start in starts:
            app.notify(start.message, title=start.title, markup=False, timeout=NOTICE_SECONDS)
        if family.store.settings().routine_bell:
            app.bell()
        return starts[0]

    def nobody_typing(self) -> bool:
        return self.family.idle.idle_for(self.family.clock.monotonic()) >= TYPING_PAUSE

    def _starting(self, since: datetime, now: datetime) -> list[RoutineStart]:
        store = self.family.store
        program = store.program()
        settings = store.settings()
        # Most seconds no routine's time falls in the window: the practice is read only when one does.
        if not routines_starting(program, since, now, day_start=settings.day_start):
            return []
        days = {family_day(since, settings.day_start), family_day(now, settings.day_start)}
        entries = store.practice_between(monday_before(min(days)), max(days))  # a weekly check done earlier
        return routines_starting(
            program, since, now, day_start=settings.day_start, skip_days=store.skip_days(), entries=entries
        )
