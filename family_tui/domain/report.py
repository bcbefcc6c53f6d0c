"""The weekly update a parent hands the therapist: Markdown or printable HTML.

Built from the same numbers as the progress screens (:mod:`family_tui.domain.progress`),
arranged so a therapist can read it in two minutes: per child, how many planned days
had practice, how much help was needed and whether that is changing, where it
happened, the wins, what the family noticed, and what they want to ask.

The tone is the family's own: it says what was done ("practised 5 of 6 planned
days"), never what was not. Skip days are listed with their reasons, because "Leo
was sick on Tuesday" is useful to a therapist; they are not counted against anyone.

No Textual here. Everything a person typed goes through ``html.escape`` in HTML.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from ..clock import family_day
from .models import Assistance, Child, Goal, Note, NoteKind, PracticeEntry, Program, Settings, SkipDay, Strategy, Win
from .progress import (
    PracticeSummary,
    ProgressIndex,
    Scope,
    Trials,
    assistance_mix,
    days_between,
    generalization_phrase,
    ordered_settings,
    practice_summary,
    trials_of,
)

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


# -- the range --------------------------------------------------------------------

_WEEK_RE = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)


def parse_iso_week(text: str) -> tuple[date, date]:
    """``2026-W48`` -> (Monday, Sunday) of that ISO week."""
    match = _WEEK_RE.match(text)
    if not match:
        raise ValueError(
            f'Could not read the week "{text}": write it as year, W and week number, like 2026-W48.'
        )
    year, week = int(match.group(1)), int(match.group(2))
    weeks_in_year = date(year, 12, 28).isocalendar()[1]
    if not 1 <= week <= weeks_in_year:
        raise ValueError(
            f'There is no week {week} in {year}: its weeks run from {year}-W01 to {year}-W{weeks_in_year:02d}.'
        )
    monday = date.fromisocalendar(year, week, 1)
    return monday, monday + timedelta(days=6)


def parse_day(text: str) -> date:
    """``2026-11-26`` -> a date, with a message that says how to write it."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f'Could not read the date "{text}": write it as YYYY-MM-DD, like 2026-11-26.') from None


def default_range(today: date) -> tuple[date, date]:
    """The last seven days, ending today (the family's day, see ``clock.family_day``)."""
    return today - timedelta(days=6), today


def report_range(
    today: date, *, week: str | None = None, first: str | None = None, last: str | None = None
) -> tuple[date, date]:
    """The range the ``report`` command asks for: an ISO week, from/to days, or the default.

    Only ``first``: from then until today. Only ``last``: the seven days ending then.
    """
    if week and (first or last):
        raise ValueError("Give either a week or first and last days, not both.")
    if week:
        return parse_iso_week(week)
    if not first and not last:
        return default_range(today)
    end = parse_day(last) if last else today
    start = parse_day(first) if first else end - timedelta(days=6)
    if start > end:
        raise ValueError(f"The first day ({start.isoformat()}) is after the last day ({end.isoformat()}).")
    return start, end


# -- the report's structure --------------------------------------------------------------


@dataclass(frozen=True)
class AssistanceTrend:
    """The most usual level of help before this period and during it."""

    before: Assistance | None
    now: Assistance | None

    @property
    def text(self) -> str:
        """``mostly Model → mostly Verbal cue``, or just ``mostly Verbal cue``."""
        if self.now is None:
            return ""
        if self.before is None or self.before is self.now:
            return f"mostly {self.now.label}"
        return f"mostly {self.before.label} → mostly {self.now.label}"


@dataclass(frozen=True)
class StrategyReport:
    strategy: str
    title: str
    summary: PracticeSummary
    trials: Trials | None = None
    trials_before: Trials | None = None
    on_a_routine: bool = True
    """False when no routine in use holds it: never on Today, so never planned."""

    @property
    def days_text(self) -> str:
        """:func:`_days_line`, or why nothing is planned when it is in no routine."""
        s = self.summary
        if not self.on_a_routine and not (s.days_planned or s.days_open or s.extra_days):
            return "not on any routine yet, so not planned"
        return _days_line(s)

    def trials_text(self, before_words: str = "the week before") -> str:
        """``72% correct (18 of 25 tries), 60% the week before``."""
        if self.trials is None or self.trials.percent is None:
            return ""
        text = f"{self.trials.percent:.0f}% correct ({self.trials.correct} of {self.trials.total} tries)"
        if self.trials_before is not None and self.trials_before.percent is not None:
            text += f", {self.trials_before.percent:.0f}% {before_words}"
        return text


@dataclass(frozen=True)
class GoalReport:
    goal: str
    title: str
    discipline: str
    target: str
    summary: PracticeSummary
    strategies: tuple[StrategyReport, ...]
    assistance: AssistanceTrend
    settings: tuple[str, ...]
    """Setting labels where it was practised or a win happened, in the period."""
    settings_phrase: str


@dataclass(frozen=True)
class ChildReport:
    child: str
    name: str
    summary: PracticeSummary
    goals: tuple[GoalReport, ...]
    wins: tuple[Win, ...]
    observations: tuple[Note, ...]
    questions: tuple[Note, ...]
    """Open questions asked in the period."""
    skip_days: tuple[SkipDay, ...]
    still_open: tuple[Note, ...] = ()
    """Open questions asked before the period: listed only when the period reaches today."""
    so_far: bool = False
    """The period is not over (it ends after today): judged only on its days so far."""
    started_in_period: bool = False
    """The child's home program began after the period's first day."""

    @property
    def headline(self) -> str:
        """A sentence of encouragement matched to the days that have passed; never a telling-off.

        A week is not judged on one or two planned days: a good first day is a good
        start, not a strong week.
        """
        s = self.summary
        planned = s.days_planned + s.days_open
        if not planned:
            if s.extra_days:
                return "Some bonus practice so far this week." if self.so_far else "Some bonus practice this week."
            return "The week's practice is still to come." if self.so_far else "A week of rest from the home program."
        partial = self.so_far or self.started_in_period
        if partial and planned < EARLY_DAYS:
            return "Off to a good start." if s.days_practised else "Early days: practice is planned and ready to go."
        share = s.share or 0.0
        if partial:
            what = "the week" if self.so_far else "the home program"
            if share >= 0.8:
                return f"A strong start to {what}."
            if share >= 0.5:
                return f"A good start to {what}."
            if share > 0:
                return "Some practice fitted in so far."
            return f"A quieter start to {what}."
        if share >= 0.8:
            return "A strong week of practice."
        if share >= 0.5:
            return "A good week of practice."
        if share > 0:
            return "Some practice fitted into a busy week."
        return "A quieter week for practice."


EARLY_DAYS = 3
"""Fewer planned days than this (so far) are too few to call a week strong or quiet."""


@dataclass(frozen=True)
class WeeklyReport:
    first: date
    last: date
    target_minutes: int
    children: tuple[ChildReport, ...]
    family_observations: tuple[Note, ...]
    family_questions: tuple[Note, ...]
    day_start: time = time(0, 0)
    """When the family's day begins: a note at 00:30 may belong to the day before."""
    family_still_open: tuple[Note, ...] = ()
    today: date | None = None

    @property
    def so_far(self) -> bool:
        """The period ends after today: its later days are still to come."""
        return self.today is not None and self.today < self.last

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def title(self) -> str:
        return "Weekly practice update" if self.days == 7 else "Practice update"

    @property
    def span_words(self) -> str:
        """``this week`` for seven days, else ``in these 14 days``; ``so far`` before the end."""
        words = "this week" if self.days == 7 else f"in these {self.days} days"
        return f"so far {words}" if self.so_far else words

    @property
    def before_words(self) -> str:
        return "the week before" if self.days == 7 else f"the {self.days} days before"

    def day_of(self, moment) -> date:
        return family_day(moment, self.day_start)

    @property
    def period(self) -> str:
        return format_range(self.first, self.last)


# -- building it -----------------------------------------------------------------------


def build_report(
    program: Program,
    entries: Iterable[PracticeEntry],
    notes: Iterable[Note],
    wins: Iterable[Win],
    skip_days: Iterable[SkipDay],
    settings: Settings,
    first: date,
    last: date,
    child_ids: Sequence[str] | None = None,
    *,
    today: date | None = None,
) -> WeeklyReport:
    """The weekly update from ``first`` to ``last`` for some children (default: all current).

    ``entries`` may reach back before ``first``: entries from the period of equal length
    just before it give the "mostly Model → mostly Verbal cue" comparison.
    ``today``: days after it are not judged yet, today counts as planned only once
    practised, and a period that reaches today also lists the questions still open
    from before it. Notes, wins and questions are otherwise those of the period.
    """
    if first > last:
        raise ValueError(f"The first day ({first.isoformat()}) is after the last day ({last.isoformat()}).")
    notes = list(notes)
    wins = list(wins)
    skip_days = list(skip_days)
    index = ProgressIndex(program, entries, skip_days, wins, day_start=settings.day_start)
    length = (last - first).days + 1
    before_first, before_last = first - timedelta(days=length), first - timedelta(days=1)

    if child_ids is None:
        children = [c for c in program.children if not c.archived]
    else:
        known = {c.id: c for c in program.children}
        missing = [cid for cid in child_ids if cid not in known]
        if missing:
            raise ValueError(f"No child with id {', '.join(missing)} in the program.")
        children = [known[cid] for cid in child_ids]

    def in_range(day: date) -> bool:
        return first <= day <= last

    def note_day(note: Note) -> date:
        return family_day(note.created_at, settings.day_start)

    reaches_today = today is not None and last >= today
    observations: dict[str | None, list[Note]] = defaultdict(list)
    questions: dict[str | None, list[Note]] = defaultdict(list)
    still_open: dict[str | None, list[Note]] = defaultdict(list)
    for note in sorted(notes, key=lambda n: n.created_at):
        day = note_day(note)
        if note.kind is NoteKind.OBSERVATION and in_range(day):
            observations[note.child].append(note)
        elif note.is_open_question and in_range(day):
            questions[note.child].append(note)
        elif note.is_open_question and reaches_today and day < first:
            still_open[note.child].append(note)
    wins_of: dict[str, list[Win]] = defaultdict(list)
    for w in sorted(wins, key=lambda w: w.when):
        if in_range(index.win_day(w)):
            wins_of[w.child].append(w)
    goals_of: dict[str, list[Goal]] = defaultdict(list)
    for goal in program.goals:
        goals_of[goal.child].append(goal)
    strategies_of: dict[str, list[Strategy]] = defaultdict(list)
    for strategy in program.strategies:
        strategies_of[strategy.goal].append(strategy)
    live_routines = {r.id for r in program.routines if not r.archived}
    target = settings.daily_minutes_target
    so_far = today is not None and today < last

    reports = []
    for child in children:
        scope = Scope(child.id)
        goal_wins: dict[str | None, list[Win]] = defaultdict(list)
        for w in wins_of[child.id]:
            goal_wins[w.goal].append(w)
        goal_reports = tuple(
            _goal_report(
                index, child, goal, strategies_of[goal.id], goal_wins[goal.id], live_routines,
                first, last, before_first, before_last, target, today,
            )
            for goal in _goals_for(index, goals_of[child.id], child, first, last)
        )
        reports.append(
            ChildReport(
                child=child.id,
                name=child.name,
                summary=practice_summary(index, scope, first, last, target_minutes=target, today=today),
                goals=goal_reports,
                wins=tuple(wins_of[child.id]),
                observations=tuple(observations[child.id]),
                questions=tuple(questions[child.id]),
                skip_days=_skips_for(skip_days, child.id, first, last),
                still_open=tuple(still_open[child.id]),
                so_far=so_far,
                started_in_period=_began_after(goals_of[child.id], first),
            )
        )
    return WeeklyReport(
        first=first,
        last=last,
        target_minutes=target,
        children=tuple(reports),
        family_observations=tuple(observations[None]),
        family_questions=tuple(questions[None]),
        day_start=settings.day_start,
        family_still_open=tuple(still_open[None]),
        today=today,
    )


def _began_after(goals: list[Goal], first: date) -> bool:
    """Every goal of the child was added after ``first``: the home program began inside the period."""
    return bool(goals) and all(g.created is not None and g.created > first for g in goals)


def _goals_for(index: ProgressIndex, goals: list[Goal], child: Child, first: date, last: date) -> list[Goal]:
    """Of the child's goals, the active ones that existed by the end of the range, and any practised in it."""
    practised = {
        index.strategy_goal.get(e.strategy) for e in index.entries_between(Scope(child.id), first, last)
    }
    return [
        g
        for g in goals
        if (g.active and (g.created is None or g.created <= last)) or g.id in practised
    ]


def _goal_report(
    index: ProgressIndex,
    child: Child,
    goal: Goal,
    goal_strategies: list[Strategy],
    goal_wins: list[Win],
    live_routines: set[str],
    first: date,
    last: date,
    before_first: date,
    before_last: date,
    target: int,
    today: date | None,
) -> GoalReport:
    """One goal's lines; ``goal_strategies`` and ``goal_wins`` (those in the range) are the goal's own."""
    scope = Scope(child.id, goal.id)
    now_entries = index.entries_between(scope, first, last)
    before_entries = index.entries_between(scope, before_first, before_last)
    practised_ids = {e.strategy for e in now_entries}
    strategies: list[Strategy] = [s for s in goal_strategies if not s.archived or s.id in practised_ids]
    strategy_reports = []
    for strategy in strategies:
        s_scope = Scope(child.id, goal.id, strategy.id)
        trials = trials_before = None
        if strategy.uses_trials or any(e.trials_total for e in now_entries if e.strategy == strategy.id):
            trials = trials_of(e for e in now_entries if e.strategy == strategy.id)
            trials_before = trials_of(e for e in before_entries if e.strategy == strategy.id)
        strategy_reports.append(
            StrategyReport(
                strategy=strategy.id,
                title=strategy.title,
                summary=practice_summary(index, s_scope, first, last, target_minutes=target, today=today),
                trials=trials,
                trials_before=trials_before,
                on_a_routine=not live_routines.isdisjoint(strategy.routines),
            )
        )
    settings = ordered_settings([e.setting for e in now_entries] + [w.setting for w in goal_wins])
    return GoalReport(
        goal=goal.id,
        title=goal.title,
        discipline=goal.discipline.label,
        target=goal.target,
        summary=practice_summary(index, scope, first, last, target_minutes=target, today=today),
        strategies=tuple(strategy_reports),
        assistance=AssistanceTrend(assistance_mix(before_entries).mostly, assistance_mix(now_entries).mostly),
        settings=tuple(s.label for s in settings),
        settings_phrase=generalization_phrase(settings) if settings else "",
    )


def _skips_for(skip_days: list[SkipDay], child: str, first: date, last: date) -> tuple[SkipDay, ...]:
    """The child's and the family's skip days in range, one per day (the family's first)."""
    by_day: dict[date, SkipDay] = {}
    for skip in sorted(skip_days, key=lambda s: (s.date, s.child is not None)):
        if first <= skip.date <= last and (skip.child is None or skip.child == child):
            by_day.setdefault(skip.date, skip)
    return tuple(by_day[d] for d in days_between(first, last) if d in by_day)


STILL_OPEN = "Questions from before, still open"

# -- words -----------------------------------------------------------------------------


def format_day(day: date) -> str:
    """``Tue 24 Nov``."""
    return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1][:3]}"


def format_range(first: date, last: date) -> str:
    """``23–29 November 2026``, ``30 November – 6 December 2026``."""
    if first == last:
        return f"{first.day} {MONTHS[first.month - 1]} {first.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {MONTHS[last.month - 1]} {last.year}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]} – {last.day} {MONTHS[last.month - 1]} {last.year}"
    return f"{first.day} {MONTHS[first.month - 1]} {first.year} – {last.day} {MONTHS[last.month - 1]} {last.year}"


def minutes_text(minutes: int) -> str:
    return "1 minute" if minutes == 1 else f"{minutes} minutes"


def _days_line(summary: PracticeSummary) -> str:
    text = summary.phrase
    if summary.minutes:
        text += f", {minutes_text(summary.minutes)}"
    return text


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


# -- Markdown --------------------------------------------------------------------------


def _md(text: str, indent: str = "  ") -> str:
    """User text inside a list item: later lines indented so the item stays whole."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return ("\n" + indent).join(line for line in lines if line) if lines else ""


def render_markdown(report: WeeklyReport) -> str:
    out: list[str] = [f"# {report.title}", "", f"{report.period}", ""]
    if not report.children:
        out += ["No children in this update.", ""]
    for child in report.children:
        out += [f"## {_md(child.name)}", "", f"{child.headline} {_md(_child_sentence(report, child))}", ""]
        if child.summary.days_on_target:
            out += [
                f"Daily aim of {minutes_text(report.target_minutes)} reached on "
                f"{child.summary.days_on_target} {'day' if child.summary.days_on_target == 1 else 'days'}.",
                "",
            ]
        if not child.goals:
            out += ["No goals on the home program yet.", ""]
        for goal in child.goals:
            out += [f"### {goal.discipline}: {_md(goal.title)}", ""]
            if goal.target:
                out += [f"Aim: {_md(goal.target)}", ""]
            out.append(f"- Days: {_days_line(goal.summary)}")
            if goal.assistance.text:
                out.append(f"- Help needed: {goal.assistance.text}")
            if goal.settings_phrase:
                out.append(f"- Where: {goal.settings_phrase}")
            for strategy in goal.strategies:
                line = f"- {_md(strategy.title, '    ')}: {strategy.days_text}"
                if strategy.trials_text(report.before_words):
                    line += f"; {strategy.trials_text(report.before_words)}"
                out.append(line)
            out.append("")
        if child.wins:
            out += ["### Wins", ""]
            out += [f"- {_md(w.text)} ({_md(_win_where(report, w))})" for w in child.wins]
            out.append("")
        if child.observations:
            out += ["### What we noticed", ""]
            out += [f"- {_md(n.text)} ({_md(_note_by(report, n))})" for n in child.observations]
            out.append("")
        if child.questions:
            out += ["### Questions for you", ""]
            out += [f"- {_md(n.text)} ({_md(_note_by(report, n))})" for n in child.questions]
            out.append("")
        if child.still_open:
            out += [f"### {STILL_OPEN}", ""]
            out += [f"- {_md(n.text)} ({_md(_note_by(report, n))})" for n in child.still_open]
            out.append("")
        if child.skip_days:
            out += ["### Days off", ""]
            out += [f"- {_md(_skip_text(s))}" for s in child.skip_days]
            out.append("")
    if report.family_observations or report.family_questions or report.family_still_open:
        out += ["## The whole family", ""]
        if report.family_observations:
            out += ["### What we noticed", ""]
            out += [f"- {_md(n.text)} ({_md(_note_by(report, n))})" for n in report.family_observations]
            out.append("")
        if report.family_questions:
            out += ["### Questions for you", ""]
            out += [f"- {_md(n.text)} ({_md(_note_by(report, n))})" for n in report.family_questions]
            out.append("")
        if report.family_still_open:
            out += [f"### {STILL_OPEN}", ""]
            out += [f"- {_md(n.text)} ({_md(_note_by(report, n))})" for n in report.family_still_open]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


# -- HTML ------------------------------------------------------------------------------

_STYLE = """
  :root { color-scheme: light; }
  body { font: 11pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
         color: #1d1d1f; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.5rem; margin: 0; }
  .period { color: #555; margin: 0.2rem 0 1rem; }
  h2 { font-size: 1.25rem; border-bottom: 2px solid #cfd8dc; margin: 1.4rem 0 0.4rem; padding-bottom: 0.1rem; }
  h3 { font-size: 1.02rem; margin: 0.9rem 0 0.2rem; }
  p { margin: 0.3rem 0; }
  ul { margin: 0.2rem 0 0.5rem; padding-left: 1.3rem; }
  li { margin: 0.1rem 0; white-space: pre-line; }
  .aim, .meta { color: #555; }
  .headline { font-weight: 600; }
  section.goal { break-inside: avoid; page-break-inside: avoid; }
  @page { margin: 1.4cm; }
  @media print {
    body { font-size: 9.5pt; margin: 0; max-width: none; padding: 0; }
    h1 { font-size: 14pt; }
    h2 { font-size: 12pt; margin-top: 0.8rem; }
    h3 { font-size: 10pt; margin-top: 0.5rem; }
    h2, h3 { break-after: avoid; page-break-after: avoid; }
    li, p { orphans: 2; widows: 2; }
  }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_list(items: list[str]) -> list[str]:
    return ["<ul>", *(f"  <li>{item}</li>" for item in items), "</ul>"]


def render_html(report: WeeklyReport) -> str:
    """One self-contained page; prints on one or two sheets."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(report.title)} — {_e(report.period)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(report.title)}</h1>",
        f'<p class="period">{_e(report.period)}</p>',
    ]
    if not report.children:
        out.append("<p>No children in this update.</p>")
    for child in report.children:
        out += [
            "<section>",
            f"<h2>{_e(child.name)}</h2>",
            f'<p><span class="headline">{_e(child.headline)}</span> {_e(_child_sentence(report, child))}</p>',
        ]
        if child.summary.days_on_target:
            days = child.summary.days_on_target
            out.append(
                f"<p>Daily aim of {_e(minutes_text(report.target_minutes))} reached on "
                f"{days} {'day' if days == 1 else 'days'}.</p>"
            )
        if not child.goals:
            out.append("<p>No goals on the home program yet.</p>")
        for goal in child.goals:
            out += ['<section class="goal">', f"<h3>{_e(goal.discipline)}: {_e(goal.title)}</h3>"]
            if goal.target:
                out.append(f'<p class="aim">Aim: {_e(goal.target)}</p>')
            items = [f"Days: {_e(_days_line(goal.summary))}"]
            if goal.assistance.text:
                items.append(f"Help needed: {_e(goal.assistance.text)}")
            if goal.settings_phrase:
                items.append(f"Where: {_e(goal.settings_phrase)}")
            for strategy in goal.strategies:
                line = f"{_e(strategy.title)}: {_e(strategy.days_text)}"
                if strategy.trials_text(report.before_words):
                    line += f"; {_e(strategy.trials_text(report.before_words))}"
                items.append(line)
            out += _html_list(items)
            out.append("</section>")
        out += _html_notes(report, child.wins, child.observations, child.questions, child.still_open)
        if child.skip_days:
            out += ["<h3>Days off</h3>", *_html_list([_e(_skip_text(s)) for s in child.skip_days])]
        out.append("</section>")
    if report.family_observations or report.family_questions or report.family_still_open:
        out += ["<section>", "<h2>The whole family</h2>"]
        out += _html_notes(
            report, (), report.family_observations, report.family_questions, report.family_still_open
        )
        out.append("</section>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _html_notes(
    report: WeeklyReport,
    wins: Iterable[Win],
    observations: Iterable[Note],
    questions: Iterable[Note],
    still_open: Iterable[Note] = (),
) -> list[str]:
    out: list[str] = []
    wins, observations, questions, still_open = list(wins), list(observations), list(questions), list(still_open)
    if wins:
        out += ["<h3>Wins</h3>", *_html_list(
            [f'{_e(w.text)} <span class="meta">({_e(_win_where(report, w))})</span>' for w in wins]
        )]
    if observations:
        out += ["<h3>What we noticed</h3>", *_html_list(
            [f'{_e(n.text)} <span class="meta">({_e(_note_by(report, n))})</span>' for n in observations]
        )]
    if questions:
        out += ["<h3>Questions for you</h3>", *_html_list(
            [f'{_e(n.text)} <span class="meta">({_e(_note_by(report, n))})</span>' for n in questions]
        )]
    if still_open:
        out += [f"<h3>{_e(STILL_OPEN)}</h3>", *_html_list(
            [f'{_e(n.text)} <span class="meta">({_e(_note_by(report, n))})</span>' for n in still_open]
        )]
    return out
