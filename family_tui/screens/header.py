"""The line at the top of Today: the date, who is practising, and encouraging counts."""

from __future__ import annotations

from datetime import date

from textual.content import Content

from ..schedule import DayChecklist
from ..storage import FamilyStore


def day_label(day: date, today: date) -> str:
    if day == today:
        return f"Today, {day:%A} {day.day} {day:%B}"
    if (today - day).days == 1:
        return f"Yesterday, {day:%A} {day.day} {day:%B}"
    if (day - today).days == 1:
        return f"Tomorrow, {day:%A} {day.day} {day:%B}"
    return f"{day:%A} {day.day} {day:%B %Y}"


def header_content(store: FamilyStore, checklist: DayChecklist, today: date) -> Content:
    settings = store.settings()
    program = store.program()
    caregiver = program.caregiver(settings.caregiver)
    parts: list[str | tuple[str, str]] = [(day_label(checklist.day, today), "bold")]
    parts.append("  ·  ")
    if caregiver is not None:
        parts += [(caregiver.name, "bold $secondary"), " practising"]
    else:
        parts.append(("Who's practising? press c", "italic"))
    planned = checklist.planned_count
    if planned:
        parts += [
            "  ·  ",
            (f"{checklist.done_count} of {planned} done", "bold $success" if checklist.done_count else ""),
            "  ·  ",
            f"{checklist.minutes_practised()} of {settings.daily_minutes_target} min",
        ]
    if checklist.skip_days:
        reasons = sorted({s.reason.label.lower() for s in checklist.skip_days})
        parts += ["  ·  ", (", ".join(reasons), "italic")]
    if checklist.day != today:
        parts += ["  ·  ", ("t: back to today", "dim")]
    return Content.assemble(*parts)
