"""The program as a phone calendar: a repeating event per routine that holds practice (RFC 5545)."""

from .document import CALENDAR_NAME, calendar_text
from .events import PracticeItem, RoutineEvent, routine_events

__all__ = ["CALENDAR_NAME", "PracticeItem", "RoutineEvent", "calendar_text", "routine_events"]
