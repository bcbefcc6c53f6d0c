"""The weekly update as data: per child and goal, the numbers and notes a therapist reads.

Built from the same numbers as the progress screens (:mod:`family_tui.domain.progress`),
arranged so a therapist can read it in two minutes: per child, how many planned days
had practice, how much help was needed and whether that is changing, where it
happened, the wins, what the family noticed, and what they want to ask.

The tone is the family's own: it says what was done ("practised 5 of 6 planned
days"), never what was not. Skip days are listed with their reasons, because "Leo
was sick on Tuesday" is useful to a therapist; they are not counted against anyone.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ...clock import family_day
from ..cue_history import CueChange, cue_change_between
from ..help_order import USUAL, HelpOrder, help_order
from ..history import Practice
from ..mastery import describe_mastery, mastery_run
from ..measures import measure_text
from ..models import (
    Child,
    Discipline,
    Goal,
    Note,
    NoteKind,
    PracticeEntry,
    PracticeStatus,
    Program,
    Setting,
    Settings,
    SkipDay,
    Strategy,
    Win,
)
from ..planned_minutes import times_a_week
from ..progress import (
    PracticeSummary,
    ProgressIndex,
    Scope,
    days_between,
    generalization_phrase,
    ordered_settings,
    practice_summary,
)
from .period import days_line, format_day, format_range
from .samples import EARLY_DAYS, HelpChange, Sample, Slot, day_over, help_change, routines_past, sample_of, slots_of

# -- the report's structure --------------------------------------------------------------


@dataclass(frozen=True)
class StrategyReport:
    strategy: str
    title: str
    summary: PracticeSummary
    trials: Sample | None = None
    trials_before: Sample | None = None
    on_a_routine: bool = True
    """False when no routine in use holds it: never on Today, so never planned."""
    media: str = ""
    """Its link to how it is done ("" when none)."""
    help: HelpChange | None = None
    cue_change: CueChange | None = None
    """The cue changed within the period: before and after, told apart."""
    measured: str = ""
    """Seconds, steps or a count in words ("best 7 s left, 4 s right; aim 10 s"; see ``domain/measures.py``)."""

    @property
    def days_text(self) -> str:
        """:func:`days_line`, or why nothing is planned when it is in no routine."""
        s = self.summary
        if not self.on_a_routine and not (s.days_planned or s.days_open or s.extra_days):
            return "not on any routine yet, so not planned"
        return days_line(s)

    def trials_text(self, before_words: str = "the week before") -> str:
        """``72% correct (18 of 25 tries, 4 days); 60% the week before (6 of 10, 1 day)``."""
        if self.trials is None or self.trials.percent is None:
            return ""
        now = self.trials
        text = f"{now.percent:.0f}% correct ({now.correct} of {now.total} tries, {now.days} {'day' if now.days == 1 else 'days'})"
        before = self.trials_before
        if before is not None and before.percent is not None:
            text += f"; {before.percent:.0f}% {before_words} ({before.text})"
        return text


@dataclass(frozen=True)
class PracticeNote:
    """A note written on a practice entry, with the day and the strategy it belongs to."""

    day: date
    strategy: str
    """The strategy's title."""
    text: str
    who: str = ""
    """The caregiver's name, when the entry says who practised."""


@dataclass(frozen=True)
class GoalReport:
    goal: str
    title: str
    discipline: str
    target: str
    summary: PracticeSummary
    strategies: tuple[StrategyReport, ...]
    settings: tuple[str, ...]
    """Setting labels where it was practised or a win happened, in the period."""
    settings_phrase: str
    status: str = ""
    """ "met on Tue 1 Dec" or "paused": such a goal is off Today, its history still reported."""
    done: int = 0
    """Check-ins marked done in the period."""
    tried: int = 0
    """Check-ins marked tried (had a go) in the period: practice all the same."""
    who: tuple[str, ...] = ()
    """Who practised, most check-ins first (caregivers' names)."""
    notes: tuple[PracticeNote, ...] = ()
    """Notes written on the period's check-ins, in day order."""
    new_settings: tuple[Setting, ...] = ()
    """Settings (other than home) where the goal was practised in the period and never before it."""
    mastery_since: date | None = None
    """The day since which practice meets the therapist's mastery criterion (active goals only)."""
    mastery_criterion: str = ""
    """The criterion as she wrote it: ``80% correct on 3 practised days in a row``."""
    mastery_where: tuple[Setting, ...] = ()
    """Where the days that meet it were practised."""
    mastery_who: tuple[str, ...] = ()
    """Who practised on those days."""
    help_order: HelpOrder = USUAL  # the therapist's order of help: what "more help" means for this goal

    @property
    def active(self) -> bool:
        return not self.status


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
    answered: tuple[Note, ...] = ()
    """Questions answered in the period, with their answer."""
    so_far: bool = False
    """The period is not over (it ends after today): judged only on its days so far."""
    started_in_period: bool = False
    """The child's home program began after the period's first day."""
    days: int = 7
    """The period's length: only seven days are called a week."""
    slots: tuple[Slot, ...] = ()
    """The child's routines that planned practice in the period, in the day's order."""
    program_start: date | None = None
    """The day the child's home program begins, when that is after the period."""

    @property
    def rarely_done(self) -> tuple[Slot, ...]:
        """Routines done on fewer than half their days while the child practised on most planned
        days: the days count alone would hide them. On a quiet week the days count says it already."""
        if (self.summary.share or 0.0) < 0.5:
            return ()
        return tuple(slot for slot in self.slots if slot.rarely_done)

    @property
    def span(self) -> str:
        """``week`` for seven days, else ``3 days``: two days are not a week (as the glance says)."""
        return "week" if self.days == 7 else f"{self.days} days"

    @property
    def headline(self) -> str:
        """A sentence of encouragement matched to the days that have passed; never a telling-off.

        A week is not judged on one or two planned days: a good first day is a good
        start, not a strong week. Every judgement says the days it rests on, so it
        reads as practice done, not as how the child did.
        """
        s = self.summary
        planned = s.days_planned + s.days_open
        if not planned:
            if self.program_start is not None:
                return f"The home program begins on {format_day(self.program_start)}."
            if s.extra_days:
                return "Some bonus practice so far." if self.so_far else "Some bonus practice."
            if s.days_skipped:
                return "Every planned day was a day off."
            return "Practice is still to come." if self.so_far else "Nothing was planned for these days."
        count = f" ({s.days_practised} of {s.days_planned} planned {'day' if s.days_planned == 1 else 'days'})"
        partial = self.so_far or self.started_in_period
        if partial and planned < EARLY_DAYS:
            if s.days_practised:
                return f"Off to a good start{count}."
            return "Early days: practice is planned and ready to go."
        share = s.share or 0.0
        week = self.span == "week"
        if partial:
            what = " to the home program" if not self.so_far else " to the week" if week else ""
            if share >= 0.8:
                return f"A strong start{what}{count}."
            if share >= 0.5:
                return f"A good start{what}{count}."
            if share > 0:
                return f"Some practice fitted in so far{count}."
            return f"A quieter start{what}."
        these = f"these {self.days} days"
        if share >= 0.8:
            return f"A strong week of practice{count}." if week else f"Strong practice over {these}{count}."
        if share >= 0.5:
            return f"A good week of practice{count}." if week else f"Good practice over {these}{count}."
        if share > 0:
            return f"Some practice fitted into a busy week{count}." if week else f"Some practice over {these}{count}."
        return "A quieter week for practice." if week else f"A quieter time for practice, {these}."


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
    family_answered: tuple[Note, ...] = ()
    audience: str = ""
    """Who the update is for ("Ms. Rivera, Speech therapy"); "" for the whole family's update."""
    disciplines: tuple[Discipline, ...] = ()
    """The disciplines it covers when it is for one therapist or discipline; () for all."""
    therapist: str = ""  # the id of the therapist it is for (report/for_therapist.py); "" for all
    own_updates: tuple[Note, ...] = ()  # her own therapist updates of the period

    @property
    def so_far(self) -> bool:
        """The period ends after today: its later days are still to come."""
        return self.today is not None and self.today < self.last

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def title(self) -> str:
        title = "Weekly practice update" if self.days == 7 else "Practice update"
        return f"{title} for {self.audience}" if self.audience else title

    @property
    def span_words(self) -> str:
        """``this week`` for seven days, else ``in these 14 days``; ``so far`` before the end."""
        words = "this week" if self.days == 7 else f"in these {self.days} days"
        return f"so far {words}" if self.so_far else words

    @property
    def before_words(self) -> str:
        return "the week before" if self.days == 7 else f"the {self.days} days before"

    def day_of(self, moment: datetime) -> date:
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
    disciplines: Collection[Discipline] | None = None,
    audience: str = "",
    now: datetime | None = None,
) -> WeeklyReport:
    """The weekly update from ``first`` to ``last`` for some children (default: all current).

    ``entries`` may reach back before ``first``: entries from the period of equal length
    just before it give the "mostly Model → mostly Verbal cue" comparison.
    ``today``: days after it are not judged yet, today counts as planned only once
    practised, and a period that reaches today also lists the questions still open
    from before it. Notes, wins and questions are otherwise those of the period.
    ``entries`` from further back tell a setting that is new and when mastery began.
    ``disciplines``: only the goals of these (an update for one therapist); their
    practice is all the figures count. ``audience`` names who the update is for.
    ``now`` (the clock's wall time): today counts as a planned day once every routine
    that plans practice for the child today is past (:func:`routines_past`), for the
    child, each goal and strategy and each routine alike; without it, at the day's end.
    """
    if first > last:
        raise ValueError(f"The first day ({first.isoformat()}) is after the last day ({last.isoformat()}).")
    if disciplines:
        program, entries = _only_disciplines(program, entries, disciplines)
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
    answered: dict[str | None, list[Note]] = defaultdict(list)
    for note in sorted(notes, key=lambda n: n.created_at):
        day = note_day(note)
        if note.kind is NoteKind.OBSERVATION and in_range(day):
            observations[note.child].append(note)
        elif note.is_open_question and in_range(day):
            questions[note.child].append(note)
        elif note.is_open_question and reaches_today and day < first:
            still_open[note.child].append(note)
        elif (
            note.kind is NoteKind.QUESTION
            and note.answered_at is not None
            and in_range(family_day(note.answered_at, settings.day_start))
        ):
            answered[note.child].append(note)
    kept_goals = {g.id for g in program.goals}
    wins_of: dict[str, list[Win]] = defaultdict(list)
    for w in sorted(wins, key=lambda w: w.when):
        if in_range(index.win_day(w)) and (w.goal is None or w.goal in kept_goals or not disciplines):
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
    past = routines_past(program, today, now) if today is not None and now is not None else None

    reports = []
    for child in children:
        scope = Scope(child.id)
        over = today is not None and past is not None and day_over(index, scope, today, past)
        child_past = past if over else None
        goal_wins: dict[str | None, list[Win]] = defaultdict(list)
        for w in wins_of[child.id]:
            goal_wins[w.goal].append(w)
        goal_reports = tuple(
            _goal_report(
                index,
                child,
                goal,
                strategies_of[goal.id],
                goal_wins[goal.id],
                live_routines,
                first,
                last,
                before_first,
                before_last,
                target,
                today,
                child_past,
            )
            for goal in _goals_for(index, goals_of[child.id], child, first, last)
        )
        reports.append(
            ChildReport(
                child=child.id,
                name=child.name,
                summary=practice_summary(
                    index, scope, first, last, target_minutes=target, today=today, past_routines=child_past
                ),
                goals=goal_reports,
                wins=tuple(wins_of[child.id]),
                observations=tuple(observations[child.id]),
                questions=tuple(questions[child.id]),
                skip_days=_skips_for(skip_days, child.id, first, last),
                still_open=tuple(still_open[child.id]),
                so_far=so_far,
                started_in_period=_began_after(goals_of[child.id], first),
                answered=tuple(answered[child.id]),
                days=length,
                slots=slots_of(index, child.id, first, last, today, child_past),
                program_start=_program_start(goals_of[child.id], last),
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
        family_answered=tuple(answered[None]),
        audience=audience,
        disciplines=tuple(d for d in Discipline if d in set(disciplines or ())),
    )


def _only_disciplines(
    program: Program, entries: Iterable[PracticeEntry], disciplines: Collection[Discipline]
) -> tuple[Program, list[PracticeEntry]]:
    """The program with only the goals (and their strategies) of ``disciplines``, and their practice."""
    goals = [g for g in program.goals if g.discipline in disciplines]
    kept = {g.id for g in goals}
    strategies = [s for s in program.strategies if s.goal in kept]
    strategy_ids = {s.id for s in strategies}
    narrowed = program.model_copy(update={"goals": goals, "strategies": strategies})
    return narrowed, [e for e in entries if e.strategy in strategy_ids]


def _program_start(goals: list[Goal], last: date) -> date | None:
    """The day the child's first goal starts, when every goal starts after ``last``."""
    starts = [g.created for g in goals]
    if not starts or any(d is None or d <= last for d in starts):
        return None
    return min(d for d in starts if d is not None)


def _began_after(goals: list[Goal], first: date) -> bool:
    """Every goal of the child was added after ``first``: the home program began inside the period."""
    return bool(goals) and all(g.created is not None and g.created > first for g in goals)


def _goals_for(index: ProgressIndex[Practice], goals: list[Goal], child: Child, first: date, last: date) -> list[Goal]:
    """Of the child's goals, the active ones that existed by the end of the range, and any practised in it."""
    practised = {index.strategy_goal.get(e.strategy) for e in index.entries_between(Scope(child.id), first, last)}
    return [g for g in goals if (g.active and (g.created is None or g.created <= last)) or g.id in practised]


def _goal_report(
    index: ProgressIndex[PracticeEntry],
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
    past: frozenset[str] | None = None,
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
        own = [e for e in now_entries if e.strategy == strategy.id]
        if strategy.uses_trials or any(e.trials_total for e in own):
            trials = sample_of(own)
            trials_before = sample_of(e for e in before_entries if e.strategy == strategy.id)
        strategy_reports.append(
            StrategyReport(
                strategy=strategy.id,
                title=strategy.title
                if strategy.times_per_week is None
                else f"{strategy.title} ({times_a_week(strategy.times_per_week)})",
                summary=practice_summary(
                    index, s_scope, first, last, target_minutes=target, today=today, past_routines=past
                ),
                trials=trials,
                trials_before=trials_before,
                on_a_routine=not live_routines.isdisjoint(strategy.routines),
                media=strategy.media,
                help=help_change(own),
                cue_change=cue_change_between(strategy, first, last, (e.date for e in own)),
                measured=measure_text(strategy, goal, own),
            )
        )
    settings = ordered_settings([e.setting for e in now_entries] + [w.setting for w in goal_wins])
    history = index.entries_by_day(scope)
    earlier = {e.setting for day, found in history.items() if day < first for e in found}
    new_settings = (
        tuple(s for s in ordered_settings(e.setting for e in now_entries) if s is not Setting.HOME and s not in earlier)
        if earlier
        else ()
    )
    since = None
    program = index.program
    run: tuple[date, ...] = ()
    if goal.mastery is not None and goal.active:
        up_to = min(last, today) if today is not None else last
        run = mastery_run(
            goal.mastery,
            (e for day, found in history.items() if day <= up_to for e in found),
            up_to,
            uses_trials=any(s.uses_trials for s in strategies),
        )
        since = run[goal.mastery.days - 1] if run else None
    run_entries = [e for day in run for e in history.get(day, ())]
    titles = {s.id: s.title for s in goal_strategies}
    names = _who(program, now_entries)
    notes = tuple(
        PracticeNote(
            e.date,
            titles.get(e.strategy, ""),
            e.note.strip(),
            program.caregiver(e.caregiver).name if program.caregiver(e.caregiver) is not None else "",  # type: ignore[union-attr]
        )
        for e in sorted(now_entries, key=lambda e: (e.date, e.created_at))
        if e.note.strip()
    )
    return GoalReport(
        goal=goal.id,
        title=goal.title,
        discipline=goal.discipline.label,
        target=goal.target,
        summary=practice_summary(index, scope, first, last, target_minutes=target, today=today, past_routines=past),
        strategies=tuple(strategy_reports),
        settings=tuple(s.label for s in settings),
        settings_phrase=generalization_phrase(settings) if settings else "",
        status=goal.status_text,
        done=sum(1 for e in now_entries if e.status is PracticeStatus.DONE),
        tried=sum(1 for e in now_entries if e.status is not PracticeStatus.DONE),
        who=names,
        notes=notes,
        new_settings=new_settings,
        mastery_since=since,
        mastery_criterion=describe_mastery(goal.mastery) if since is not None and goal.mastery else "",
        mastery_where=ordered_settings(e.setting for e in run_entries) if since is not None else (),
        mastery_who=_who(program, run_entries) if since is not None else (),
        help_order=help_order(program, goal),
    )


def _who(program: Program, entries: Iterable[PracticeEntry]) -> tuple[str, ...]:
    """The caregivers who practised, most check-ins first."""
    names: Counter[str] = Counter()
    for e in entries:
        caregiver = program.caregiver(e.caregiver) if e.caregiver is not None else None
        if caregiver is not None:
            names[caregiver.name] += 1
    return tuple(name for name, _ in names.most_common())


def _skips_for(skip_days: list[SkipDay], child: str, first: date, last: date) -> tuple[SkipDay, ...]:
    """The child's and the family's skip days in range, one per day (the family's first)."""
    by_day: dict[date, SkipDay] = {}
    for skip in sorted(skip_days, key=lambda s: (s.date, s.child is not None)):
        if first <= skip.date <= last and (skip.child is None or skip.child == child):
            by_day.setdefault(skip.date, skip)
    return tuple(by_day[d] for d in days_between(first, last) if d in by_day)
