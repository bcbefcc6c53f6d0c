"""The line at the top of Today: the date, who is practising, and encouraging counts."""

from __future__ import annotations

from datetime import date

from textual.content import Content

from ..domain.models import Caregiver, Program
from ..domain.notes import week_of, wins_this_week
from ..domain.schedule import DayChecklist, program_starts_after
from ..storage import FamilyStore


def day_label(day: date, today: date) -> str:
    if day == today:
        return f"Today, {day:%A} {day.day} {day:%B}"
    if (today - day).days == 1:
        return f"Yesterday, {day:%A} {day.day} {day:%B}"
    if (day - today).days == 1:
        return f"Tomorrow, {day:%A} {day.day} {day:%B}"
    return f"{day:%A} {day.day} {day:%B %Y}"


SEPARATOR = Content.styled("  ·  ", "dim")


def header_phrases(
    store: FamilyStore, checklist: DayChecklist, today: date, caregiver: Caregiver | None
) -> list[Content]:
    """``caregiver``: who practises at this screen (this copy of the app's choice)."""
    settings = store.settings()
    program = store.program()
    phrases = [Content.styled(day_label(checklist.day, today), "bold")]
    if caregiver is not None:
        phrases.append(Content.assemble((caregiver.name, "bold $text-secondary"), " practising"))
    else:
        phrases.append(Content.styled("Who's practising? press c", "italic"))
    planned = checklist.planned_count
    if planned:
        done, tried = checklist.done_count, checklist.tried_count
        words = f"{done} done, {tried} tried, of {planned}" if tried else f"{done} of {planned} done"
        phrases.append(Content.styled(words, "bold $text-success" if done or tried else ""))
        phrases.append(Content(minutes_per_child(checklist, program, settings.daily_minutes_target)))
    starts = program_starts_after(program, checklist.day) if not checklist.items else None
    if starts is not None:
        phrases.append(Content.styled(f"The program starts on {starts:%a} {starts.day} {starts:%b}", "italic"))
    phrases += [Content.assemble(part) for part in notes_parts(store, today) if part != "  ·  "]
    if checklist.family_skip is not None:
        phrases.append(Content.styled(", ".join(checklist.skip_words(program)), "italic"))
    else:
        phrases += [Content.styled(words, "italic") for words in checklist.skip_words(program)]
    if checklist.day != today:
        phrases.append(Content.styled("t: back to today", "dim"))
    return phrases


def minutes_per_child(checklist: DayChecklist, program: Program, aim: int) -> str:
    """Each child's minutes against the aim, which is per child: "Zoë 5 of 10 · Sam 0 of 10 min".

    Children whose whole day is skipped and who practised nothing are left out (the skip says why).
    """
    minutes: dict[str, int] = {}
    names: dict[str, str] = {}
    for item in checklist.counted_items:
        names[item.child.id] = item.child.name
        minutes[item.child.id] = minutes.get(item.child.id, 0) + (item.entry.minutes if item.entry else 0)
    order = {child.id: index for index, child in enumerate(program.children)}
    children = sorted(minutes, key=lambda child: order.get(child, len(order)))
    return " · ".join(f"{names[child]} {minutes[child]} of {aim}" for child in children) + " min"


def lay_out(phrases: list[Content], width: int) -> Content:
    """Join phrases with separators, starting a new line before a phrase that would not fit
    (wrapped only between phrases, so "0 of 10 min" never breaks in two)."""
    lines: list[Content] = []
    line = Content("")
    for phrase in phrases:
        candidate = phrase if not line.plain else line + SEPARATOR + phrase
        if line.plain and width and candidate.cell_length > width:
            lines.append(line)
            line = phrase
        else:
            line = candidate
    lines.append(line)
    return Content("\n").join(lines)


def notes_parts(store: FamilyStore, today: date) -> list[str | tuple[str, str]]:
    """Open questions (so none is forgotten) and this week's wins, when there are any."""
    parts: list[str | tuple[str, str]] = []
    questions = store.notes_glance().open_questions  # counted without decoding every note
    if questions:
        words = "1 open question" if questions == 1 else f"{questions} open questions"
        parts += ["  ·  ", (words, "bold $warning")]
    # A win's family day is its date or the day before: none before Monday counts this week.
    wins = len(wins_this_week(store.wins_since(week_of(today)[0]), today, store.settings().day_start))
    if wins:
        words = "1 win this week" if wins == 1 else f"{wins} wins this week"
        parts += ["  ·  ", (words, "bold $success")]
    return parts
