"""The weekly update laid out once: sections, headings, paragraphs and lists of spans.

:func:`report_document` is the one walk over a :class:`~.build.WeeklyReport` that decides
what is said and in which order. The Markdown and HTML renderers only format what it
gives them, so the two can never disagree about the content.

Every span says whether a person typed it: a renderer must keep typed text whole
(Markdown) and escape it (HTML), and may treat the app's own words as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum

from ..cue_history import CueChange
from ..models import Note, SkipDay, Win
from ..notes import reply_byline
from .build import ChildReport, GoalReport, WeeklyReport
from .glance import Mention, glance, settings_words
from .period import days_line, format_day, minutes_text


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
    LINK = "link"
    """A strategy's http(s) link to how it is done: a link on screen, with a QR code on paper."""


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
    """The whole update in order: at a glance, the questions, each child, then the whole family."""
    blocks: list[Block] = []
    if not report.children:
        blocks.append(Paragraph((words("No children in this update."),)))
    else:
        blocks.append(_glance_section(report))
    questions = _questions_section(report)
    if questions is not None:
        blocks.append(questions)
    updates = _own_updates_section(report)
    if updates is not None:
        blocks.append(updates)
    blocks += [_child_section(report, child) for child in report.children]
    if report.family_observations:
        blocks.append(
            Section(
                (
                    Heading(2, (words("The whole family"),)),
                    *_notes(report, (), report.family_observations),
                )
            )
        )
    return Document(report.title, report.period, tuple(blocks))


# -- at a glance ---------------------------------------------------------------------


def _glance_section(report: WeeklyReport) -> Section:
    """Six lines at most: practice, going well, mastery, worth a look, days off, questions."""
    facts = glance(report)
    several = len(report.children) > 1
    lines: list[Line] = []
    if several:  # one short clause per child; the sentence each would get is too long side by side
        practice: list[Span] = []
        for child in facts.practice:
            practice += [words("; " if practice else ""), typed(child.name), words(f" {_child_clause(child)}")]
        lines.append((*practice, words(".")))
    else:
        lines.append((typed(" ".join(_child_sentence(report, child) for child in facts.practice)),))
    for label, mentions in (("Going well: ", facts.going_well), ("Worth a look: ", facts.worth_a_look)):
        if mentions:
            lines.append((words(label), *_mentions(mentions, several), words(".")))
    if facts.mastery:
        lines.append(
            (
                words(f"Meets {_whose(report)} mastery criterion: "),
                *_mentions(facts.mastery, several),
                words("."),
            )
        )
    if facts.days_off:
        days = "; ".join(_skip_text(s, short=True, whose=whose or "whole family") for whose, s in facts.days_off)
        lines.append((words("Days off: "), typed(days + ".")))
    count = facts.open_questions
    if count:
        lines.append((words(f"{count} open {'question' if count == 1 else 'questions'} for you, just below."),))
    else:
        lines.append((words("No open questions this time."),))
    return Section((Heading(2, (words("At a glance"),)), Items(tuple(lines))))


def _mentions(mentions: tuple[Mention, ...], several: bool) -> Line:
    spans: list[Span] = []
    for n, mention in enumerate(mentions):
        if n:
            spans.append(words("; "))
        if several:
            spans += [typed(mention.child), words(", ")]
        spans += [typed(mention.subject), words(f" ({mention.detail})")]
    return tuple(spans)


# -- the questions ---------------------------------------------------------------------


def _questions_section(report: WeeklyReport) -> Section | None:
    """Open questions, questions answered in the period, questions from before still open."""
    several = len(report.children) > 1

    def gather(pick: Callable[[ChildReport], Iterable[Note]]) -> list[tuple[str, Note]]:
        found = [(c.name, n) for c in report.children for n in pick(c)]
        return found

    open_now = gather(lambda c: c.questions) + [("", n) for n in report.family_questions]
    answered = gather(lambda c: c.answered) + [("", n) for n in report.family_answered]
    still_open = gather(lambda c: c.still_open) + [("", n) for n in report.family_still_open]
    if not (open_now or answered or still_open):
        return None
    blocks: list[Block] = [Heading(2, (words("Questions for you"),))]
    if open_now:
        blocks.append(Items(tuple(_question(report, name, n, several) for name, n in open_now)))
    if answered:
        blocks += [
            Heading(3, (words("Answered"),)),
            Items(tuple(_question(report, name, n, several, with_answer=True) for name, n in answered)),
        ]
    if still_open:
        blocks += [
            Heading(3, (words(STILL_OPEN),)),
            Items(tuple(_question(report, name, n, several) for name, n in still_open)),
        ]
    return Section(tuple(blocks))


def _cue_change_line(change: CueChange, title: tuple[str, ...]) -> Line:
    """``New cue from Ms. Rivera since Mon 7 Dec: "Snake teeth" (before: "…"); practised 3 days with the old …``."""
    which: Line = (words(" for "), Span(title[0], Style.TERM)) if title else ()
    who = f" from {change.by}" if change.by else ""
    return (
        words("New cue"),
        *which,
        words(f"{who} since {format_day(change.since)}: “"),
        typed(change.cue),
        words("” (before: “"),
        typed(change.before),
        words(f"”); {change.days_text}"),
    )


def _question(report: WeeklyReport, child: str, note: Note, several: bool, *, with_answer: bool = False) -> Line:
    about: Line = ()
    if several:
        about = (typed(child), words(": ")) if child else (words("Whole family: "),)
    line = (*about, *_note_line(report, note))
    if with_answer and note.answer.strip():
        line += (words(" Answer: "), typed(note.answer))
        if reply_byline(note):
            line += (words(" "), Span(reply_byline(note), Style.ASIDE))
        elif note.answered_by and note.answered_at is not None:
            line += (
                words(" "),
                Span(f"answered by {note.answered_by}, {format_day(report.day_of(note.answered_at))}", Style.ASIDE),
            )
    return line


# -- each child --------------------------------------------------------------------


def _child_section(report: WeeklyReport, child: ChildReport) -> Section:
    blocks: list[Block] = [
        Heading(2, (typed(child.name),)),
        # The days and minutes are in "At a glance": here only the word of encouragement.
        Paragraph((Span(child.headline, Style.HEADLINE),)),
    ]
    if child.summary.days_on_target and not report.disciplines:
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
    rare = child.rarely_done
    if rare:
        slots = "; ".join(f"{slot.routine}: {slot.text}" for slot in rare)
        blocks.append(Paragraph((words("Rarely done — "), typed(slots), words("."))))
    if not child.goals and child.program_start is None:
        blocks.append(Paragraph((words("No goals on the home program yet."),)))
    for goal in child.goals:
        blocks.append(_goal_section(report, goal))
    blocks += _notes(report, child.wins, child.observations)
    if child.skip_days:
        blocks += [
            Heading(3, (words("Days off"),)),
            Items(tuple((typed(_skip_text(s)),) for s in child.skip_days)),
        ]
    return Section(tuple(blocks))


def _goal_section(report: WeeklyReport, goal: GoalReport) -> Section:
    """A goal's figures; a goal with one strategy gets one line of them, not two alike."""
    heading: Line = (words(f"{goal.discipline}: "), typed(goal.title))
    if goal.status:
        heading += (words(f" ({goal.status})"),)
    blocks: list[Block] = [Heading(3, heading)]
    if goal.target:  # in every update: the figures below are read against it
        blocks.append(Paragraph((words("Aim: "), typed(goal.target)), role="aim"))
    single = goal.strategies[0] if len(goal.strategies) == 1 else None
    if single is not None:  # the strategy's figures are the goal's: one line, under the strategy's name
        first: Line = (Span(single.title, Style.TERM), words(f": {single.days_text}"))
    else:
        first = (words(f"Days: {days_line(goal.summary)}"),)
    if goal.tried:
        first += (words(f" ({goal.done} done, {goal.tried} tried)"),)
    if single is not None and single.trials_text(report.before_words):
        first += (words(f"; {single.trials_text(report.before_words)}"),)
    if single is not None and single.help is not None:
        first += (words(f"; {single.help.text}"),)
    if single is not None and single.measured:
        first += (words(f"; {single.measured}"),)
    lines: list[Line] = [first]
    where: Line = (words(f"Where: {goal.settings_phrase}"),) if goal.settings_phrase else ()
    if goal.who:
        who = (typed(_and(goal.who)),)
        where = (*where, words("; with "), *who) if where else (words("With "), *who)
    if where:
        lines.append(where)
    if single is None:
        for strategy in goal.strategies:
            line: Line = (Span(strategy.title, Style.TERM), words(f": {strategy.days_text}"))
            if strategy.trials_text(report.before_words):
                line += (words(f"; {strategy.trials_text(report.before_words)}"),)
            if strategy.help is not None:
                line += (words(f"; {strategy.help.text}"),)
            if strategy.measured:
                line += (words(f"; {strategy.measured}"),)
            lines.append(line)
    for strategy in goal.strategies:
        if strategy.cue_change is not None:
            lines.append(_cue_change_line(strategy.cue_change, () if single is not None else (strategy.title,)))
    for strategy in goal.strategies:
        if strategy.media:
            which: Line = () if single is not None else (words(", "), Span(strategy.title, Style.TERM))
            lines.append((words("See how"), *which, words(": "), Span(strategy.media, Style.LINK)))
    for note in goal.notes:
        aside = ", ".join(part for part in (note.strategy if single is None else "", note.who) if part)
        said: Line = (words(f"{format_day(note.day)}: "), typed(note.text))
        lines.append((*said, words(" "), Span(aside, Style.ASIDE)) if aside else said)
    if goal.mastery_since is not None:
        lines.append(_mastery_line(report, goal, goal.mastery_since))
    blocks.append(Items(tuple(lines)))
    return Section(tuple(blocks), role="goal")


def _whose(report: WeeklyReport) -> str:
    """``your`` in an update for one therapist, ``the`` in the whole family's."""
    return "your" if report.disciplines else "the"


def _mastery_line(report: WeeklyReport, goal: GoalReport, since: date) -> Line:
    """Her criterion, since when, where and with whom: what she needs to decide whether to move on."""
    line: Line = (
        words(f"Meets {_whose(report)} mastery criterion ({goal.mastery_criterion}) since {format_day(since)}"),
    )
    if goal.mastery_where:
        line += (words(f"; met {settings_words(goal.mastery_where)}"),)
    if goal.mastery_who:
        line += (words(", with "), typed(_and(goal.mastery_who)))
    return (*line, words("."))


def _and(names: tuple[str, ...]) -> str:
    """``Mom``, ``Mom and Dad``, ``Mom, Dad and Grandpa Joe``."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _notes(report: WeeklyReport, wins: tuple[Win, ...], observations: tuple[Note, ...]) -> list[Block]:
    """Wins and what was noticed, each list under its heading."""
    blocks: list[Block] = []
    if wins:
        blocks += [
            Heading(3, (words("Wins"),)),
            Items(tuple(_with_aside(w.text, _win_where(report, w)) for w in wins)),
        ]
    if observations:
        blocks += [
            Heading(3, (words("What we noticed"),)),
            Items(tuple(_note_line(report, n) for n in observations)),
        ]
    return blocks


def _with_aside(text: str, aside: str) -> Line:
    return (typed(text), words(" "), Span(aside, Style.ASIDE))


# -- sentences -------------------------------------------------------------------------


def _child_clause(child: ChildReport) -> str:
    """What follows a child's name in the glance's practice line of several children."""
    if child.program_start is not None:
        return f"starts the home program on {format_day(child.program_start)}"
    s = child.summary
    if not (s.days_planned or s.days_open or s.extra_days):
        return "had every planned day off" if s.days_skipped else "had nothing planned"
    return days_line(s)


def _child_sentence(report: WeeklyReport, child: ChildReport) -> str:
    if child.program_start is not None:
        return f"{child.name} starts the home program on {format_day(child.program_start)}."
    s = child.summary
    planned = s.days_planned + s.days_open
    if planned and not s.days_practised and not s.extra_days:
        days = "day" if planned == 1 else "days"
        if s.days_open:
            return f"{child.name} has {planned} practice {days} planned {report.span_words}, not practised yet."
        return f"{child.name} had {planned} practice {days} planned {report.span_words}."
    if s.days_planned or s.extra_days:
        return f"{child.name} {s.phrase} {report.span_words}, {minutes_text(s.minutes)} in all."
    if s.days_skipped:
        return f"{child.name} had every planned day off {report.span_words}."
    return f"{child.name} had no practice days planned {report.span_words}."


def _skip_text(skip: SkipDay, *, short: bool = False, whose: str = "") -> str:
    """``Tue 24 Nov: Sick day — fever``; ``short``: ``Leo, Tue 24 Nov, sick day (fever)``."""
    who = "" if skip.child is not None else " (whole family)"
    if short:
        note = f" ({skip.note})" if skip.note else ""
        return f"{whose}, {format_day(skip.date)}, {skip.reason.label.lower()}{note}"
    note = f" — {skip.note}" if skip.note else ""
    return f"{format_day(skip.date)}: {skip.reason.label}{who}{note}"


def _win_where(report: WeeklyReport, win: Win) -> str:
    return f"{win.setting.label}, {win.who}, {format_day(report.day_of(win.when))}"


def _note_line(report: WeeklyReport, note: Note) -> Line:
    """The note's words, who wrote it when; in a therapist's update, "(for everyone)" when not hers alone."""
    line = _with_aside(note.text, _note_by(report, note))
    if report.therapist and note.addressed_to is None:
        line += (words(" "), Span("for everyone", Style.ASIDE))
    return line


def _own_updates_section(report: WeeklyReport) -> Section | None:
    """What she told the family since her last session, so the update carries on from it."""
    if not report.own_updates:
        return None
    names = {c.child: c.name for c in report.children}
    several = len(report.children) > 1
    items: list[Line] = []
    for note in report.own_updates:
        about: Line = ()
        if several:
            child = "Whole family" if note.child is None else names.get(note.child, note.child)
            about = (typed(child), words(": "))
        items.append((*about, *_with_aside(note.text, format_day(report.day_of(note.created_at)))))
    return Section((Heading(2, (words("Your updates to the family"),)), Items(tuple(items))))


def _note_by(report: WeeklyReport, note: Note) -> str:
    return f"{note.author}, {format_day(report.day_of(note.created_at))}"
