"""The weekly update laid out once: sections, headings, paragraphs and lists of spans.

:func:`report_document` is the one walk over a :class:`~.build.WeeklyReport` that decides
what is said and in which order. The Markdown and HTML renderers only format what it
gives them, so the two can never disagree about the content.

Every span says whether a person typed it: a renderer must keep typed text whole
(Markdown) and escape it (HTML), and may treat the app's own words as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..models import Note, SkipDay, Win
from .build import ChildReport, WeeklyReport, days_line, minutes_text
from .period import format_day


class Style(Enum):
    """What a span is, so each renderer can format it."""

    WORDS = "words"
    """The app's own words."""
    TYPED = "typed"
    """What a person typed, or a sentence holding it."""
    TERM = "term"
    """A typed name that a list item is about (a strategy's title)."""
    HEADLINE = "headline"
    """The sentence that sums up a child's period."""
    ASIDE = "aside"
    """Who and when, typed, set in brackets after an item."""


@dataclass(frozen=True)
class Span:
    text: str
    style: Style = Style.WORDS


Line = tuple[Span, ...]


@dataclass(frozen=True)
class Heading:
    level: int
    """2 for a child or the whole family, 3 for a goal or a list of notes."""
    line: Line


@dataclass(frozen=True)
class Paragraph:
    line: Line
    role: str | None = None
    """``aim``: a goal's aim, set apart from the numbers."""


@dataclass(frozen=True)
class Items:
    """A list, one line per item."""

    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Section:
    """Blocks that belong together: a child, a goal (``role="goal"``), the whole family."""

    blocks: tuple[Block, ...]
    role: str | None = None


Block = Heading | Paragraph | Items | Section


@dataclass(frozen=True)
class Document:
    title: str
    period: str
    blocks: tuple[Block, ...]


STILL_OPEN = "Questions from before, still open"


def words(text: str) -> Span:
    return Span(text)


def typed(text: str) -> Span:
    return Span(text, Style.TYPED)


# -- the walk --------------------------------------------------------------------------


def report_document(report: WeeklyReport) -> Document:
    """The whole update in order: each child, then what concerns the whole family."""
    blocks: list[Block] = []
    if not report.children:
        blocks.append(Paragraph((words("No children in this update."),)))
    blocks += [_child_section(report, child) for child in report.children]
    if report.family_observations or report.family_questions or report.family_still_open:
        blocks.append(
            Section(
                (
                    Heading(2, (words("The whole family"),)),
                    *_notes(report, (), report.family_observations, report.family_questions, report.family_still_open),
                )
            )
        )
    return Document(report.title, report.period, tuple(blocks))


def _child_section(report: WeeklyReport, child: ChildReport) -> Section:
    blocks: list[Block] = [
        Heading(2, (typed(child.name),)),
        Paragraph((Span(child.headline, Style.HEADLINE), words(" "), typed(_child_sentence(report, child)))),
    ]
    if child.summary.days_on_target:
        days = child.summary.days_on_target
        blocks.append(
            Paragraph(
                (
                    words(
                        f"Daily aim of {minutes_text(report.target_minutes)} reached on "
                        f"{days} {'day' if days == 1 else 'days'}."
                    ),
                )
            )
        )
    if not child.goals:
        blocks.append(Paragraph((words("No goals on the home program yet."),)))
    for goal in child.goals:
        heading: Line = (words(f"{goal.discipline}: "), typed(goal.title))
        if goal.status:
            heading += (words(f" ({goal.status})"),)
        goal_blocks: list[Block] = [Heading(3, heading)]
        if goal.target:
            goal_blocks.append(Paragraph((words("Aim: "), typed(goal.target)), role="aim"))
        lines: list[Line] = [(words(f"Days: {days_line(goal.summary)}"),)]
        if goal.assistance.text:
            lines.append((words(f"Help needed: {goal.assistance.text}"),))
        if goal.settings_phrase:
            lines.append((words(f"Where: {goal.settings_phrase}"),))
        for strategy in goal.strategies:
            line: Line = (Span(strategy.title, Style.TERM), words(f": {strategy.days_text}"))
            if strategy.trials_text(report.before_words):
                line += (words(f"; {strategy.trials_text(report.before_words)}"),)
            lines.append(line)
        goal_blocks.append(Items(tuple(lines)))
        blocks.append(Section(tuple(goal_blocks), role="goal"))
    blocks += _notes(report, child.wins, child.observations, child.questions, child.still_open)
    if child.skip_days:
        blocks += [
            Heading(3, (words("Days off"),)),
            Items(tuple((typed(_skip_text(s)),) for s in child.skip_days)),
        ]
    return Section(tuple(blocks))


def _notes(
    report: WeeklyReport,
    wins: tuple[Win, ...],
    observations: tuple[Note, ...],
    questions: tuple[Note, ...],
    still_open: tuple[Note, ...],
) -> list[Block]:
    """Wins, what was noticed, questions, and questions still open: each list under its heading."""
    blocks: list[Block] = []
    if wins:
        blocks += [
            Heading(3, (words("Wins"),)),
            Items(tuple(_with_aside(w.text, _win_where(report, w)) for w in wins)),
        ]
    for title, notes in (
        ("What we noticed", observations),
        ("Questions for you", questions),
        (STILL_OPEN, still_open),
    ):
        if notes:
            blocks += [
                Heading(3, (words(title),)),
                Items(tuple(_with_aside(n.text, _note_by(report, n)) for n in notes)),
            ]
    return blocks


def _with_aside(text: str, aside: str) -> Line:
    return (typed(text), words(" "), Span(aside, Style.ASIDE))


# -- sentences -------------------------------------------------------------------------


def _child_sentence(report: WeeklyReport, child: ChildReport) -> str:
    s = child.summary
    planned = s.days_planned + s.days_open
    if planned and not s.days_practised and not s.extra_days:
        days = "day" if planned == 1 else "days"
        if s.days_open:
            return f"{child.name} has {planned} practice {days} planned {report.span_words}, not practised yet."
        return f"{child.name} had {planned} practice {days} planned {report.span_words}."
    if s.days_planned or s.extra_days:
        return f"{child.name} {s.phrase} {report.span_words}, {minutes_text(s.minutes)} in all."
    return f"{child.name} had no practice days planned {report.span_words}."


def _skip_text(skip: SkipDay) -> str:
    who = "" if skip.child is not None else " (whole family)"
    note = f" — {skip.note}" if skip.note else ""
    return f"{format_day(skip.date)}: {skip.reason.label}{who}{note}"


def _win_where(report: WeeklyReport, win: Win) -> str:
    return f"{win.setting.label}, {win.who}, {format_day(report.day_of(win.when))}"


def _note_by(report: WeeklyReport, note: Note) -> str:
    return f"{note.author}, {format_day(report.day_of(note.created_at))}"
