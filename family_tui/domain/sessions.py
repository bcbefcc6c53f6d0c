"""A therapist's session days, and the last session before a day.

The weekly report for a therapist can cover the days since their last session: what
happened at home in between is what they want to hear about when they next see the child.
"""

from __future__ import annotations

from datetime import date, timedelta

from .models import Therapist, Weekday


def last_session_before(therapist: Therapist, day: date) -> date | None:
    """The latest session day strictly before ``day``; None when the therapist has no session days.

    A session on ``day`` itself is not "before": a Tuesday therapist asked on a Tuesday
    gets the Tuesday a week earlier, so the period runs up to (and includes) today.
    """
    if not therapist.sessions:
        return None
    for back in range(1, 8):
        earlier = day - timedelta(days=back)
        if Weekday.of(earlier) in therapist.sessions:
            return earlier
    return None  # pragma: no cover - seven days back always meet a session weekday


def days_since_last_session(therapist: Therapist, today: date) -> tuple[date, date]:
    """The days an update for ``therapist`` covers by default: since the last session, through today.

    From the day after :func:`last_session_before` today, or the last seven days when the
    therapist has no session days.
    """
    last = last_session_before(therapist, today)
    if last is None:
        return today - timedelta(days=6), today
    return last + timedelta(days=1), today
