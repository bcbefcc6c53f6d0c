"""How a day reads in the app (``Tue 24 Nov``), apart from the report package.

Today shows a new cue's day; importing it from the report package would load the
report's whole chain (HTML, the QR code) while the app starts.
"""

from __future__ import annotations

from datetime import date

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def format_day(day: date) -> str:
    """``Tue 24 Nov``."""
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1][:3]}"
