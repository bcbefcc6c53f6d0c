"""Turn a pydantic ValidationError into one plain sentence per field.

Forms show each message on the line under its field, so the models stay the one
place that says what a valid child, routine or setting is. No Textual here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import ValidationError

GENERAL = "__form__"
"""Key for problems that belong to no single field (shown under the form's title)."""

_TIME_HINT = "use HH:MM on a 24-hour clock, like 07:30 or 18:45"

_TIME_RE = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})\s*$")


def normalise_time(text: str) -> str:
    """Accept "7:30", "07.30" and "7h30" as "07:30"; anything else is returned unchanged."""
    match = _TIME_RE.match(text)
    if not match:
        return text.strip()
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _sentence(label: str, message: str, error_type: str, ctx: Mapping[str, object]) -> str:
    if error_type.startswith("time"):
        return f"{label}: {_TIME_HINT}."
    if error_type.startswith("date"):
        return f"{label}: write the date as year-month-day, like 2026-11-30."
    if error_type in ("int_parsing", "int_type", "int_from_float"):
        return f"{label} should be a whole number."
    if error_type == "greater_than_equal" and "ge" in ctx:
        return f"{label} should be at least {ctx['ge']}."
    if error_type == "less_than_equal" and "le" in ctx:
        return f"{label} should be at most {ctx['le']}."
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    elif message.startswith("Input should "):
        message = "should " + message[len("Input should ") :]
    elif message.startswith("String should match pattern"):
        message = "has characters that cannot be used here"
    elif message == "Field required":
        message = "is needed"
    message = message.rstrip(".")
    return f"{label} {message}."


def field_messages(error: ValidationError, labels: Mapping[str, str]) -> dict[str, str]:
    """``{field: "Name must not be empty."}``; fields not in ``labels`` go under ``GENERAL``."""
    messages: dict[str, str] = {}
    for detail in error.errors():
        loc = detail.get("loc") or ()
        field = str(loc[0]) if loc else ""
        key = field if field in labels else GENERAL
        label = labels.get(field, field.replace("_", " ").capitalize() or "This")
        sentence = _sentence(
            label, str(detail.get("msg", "is not valid")), str(detail.get("type", "")), detail.get("ctx") or {}
        )
        if key in messages:
            if sentence not in messages[key]:
                messages[key] += " " + sentence
        else:
            messages[key] = sentence
    return messages
