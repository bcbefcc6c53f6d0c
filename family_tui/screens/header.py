"""The line at the top of Today: the date, who is practising, and encouraging counts."""

from __future__ import annotations

from datetime import date

from textual.content import Content

from ..notes import open_questions, wins_this_week
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
    parts += notes_parts(store, today)
    if checklist.skip_days:
        reasons = sorted({s.reason.label.lower() for s in checklist.skip_days})
        parts += ["  ·  ", (", ".join(reasons), "italic")]
    if checklist.day != today:
        parts += ["  ·  ", ("t: back to today", "dim")]
    return Content.assemble(*parts)


def notes_parts(store: FamilyStore, today: date) -> list[str | tuple[str, str]]:
    """Open questions (so none is forgotten) and this week's wins, when there are any."""
    parts: list[str | tuple[str, str]] = []
    questions = len(open_questions(store.notes()))
    if questions:
        words = "1 open question" if questions == 1 else f"{questions} open questions"
        parts += ["  ·  ", (words, "bold $warning")]
    wins = len(wins_this_week(store.wins(), today, store.settings().day_start))
    if wins:
        words = "1 win this week" if wins == 1 else f"{wins} wins this week"
        parts += ["  ·  ", (words, "bold $success")]
    return parts
