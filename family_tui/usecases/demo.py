"""The demo family, with a plausible history, and large generated histories for benchmarks.

``family-tui --demo`` opens the Parker family (``data/demo-family.toml``) in a fresh
temporary folder with eight weeks of practice ending yesterday: enough for the progress
views, the weekly report and the notes to show something real. Nothing here touches the
family's own data folder.
"""

from __future__ import annotations

import random
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from time import sleep
from typing import Any

from ..clock import Clock, family_day
from ..domain.locations import demo_program_file
from ..domain.models import (
    Assistance,
    Caregiver,
    Child,
    Discipline,
    Goal,
    Measure,
    Note,
    NoteKind,
    PracticeEntry,
    PracticeStatus,
    Program,
    Routine,
    Setting,
    Side,
    SkipDay,
    SkipReason,
    Strategy,
    Therapist,
    Weekday,
    Win,
)
from ..domain.schedule import build_checklist
from ..storage import FamilyStore
from ..usecases.program_import import import_program

HISTORY_WEEKS = 8
DEMO_SEED = 20261126

_LEVELS = list(Assistance)
_WEEKDAYS_ONLY = [Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI]


DEMO_PREFIX = "family-tui-demo-"


def remove_demo_data_dir(folder: Path) -> None:
    """Remove a folder :func:`create_demo_data_dir` made: the demo family is for looking, not keeping.

    Only a folder with the demo prefix is touched. Tried again briefly in case a
    background write (the daily backup) was still finishing when the app closed.
    """
    folder = Path(folder)
    if not folder.name.startswith(DEMO_PREFIX):
        return
    for _ in range(5):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        sleep(0.1)


@contextmanager
def demo_data_dir(clock: Clock) -> Iterator[Path]:
    """A fresh demo folder for the length of a ``with`` block, removed however the block ends."""
    folder = create_demo_data_dir(clock)
    try:
        yield folder
    finally:
        remove_demo_data_dir(folder)


def create_demo_data_dir(clock: Clock) -> Path:
    """A fresh temporary data folder holding the demo family and eight weeks ending yesterday."""
    folder = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))
    try:
        return _fill_demo_data_dir(folder, clock)
    except BaseException:
        remove_demo_data_dir(folder)
        raise


def _fill_demo_data_dir(folder: Path, clock: Clock) -> Path:
    store = FamilyStore(folder, clock=clock)
    last = family_day(clock.now()) - timedelta(days=1)
    first = last - timedelta(weeks=HISTORY_WEEKS) + timedelta(days=1)
    import_program(store, demo_program_file(), today=first)  # new goals start on the first day
    program = store.program()
    generate_history(store, program, first, last, random.Random(DEMO_SEED))
    if program.caregivers:
        store.update_settings(caregiver=program.caregivers[0].id)
    return folder


# -- a plausible few weeks -------------------------------------------------------------


def _random_id(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"


def _progress(day: date, first: date, last: date) -> float:
    """0.0 on the first day, 1.0 on the last."""
    span = (last - first).days
    return (day - first).days / span if span > 0 else 1.0


def _assistance(rng: random.Random, progress: float) -> Assistance:
    """Help fades: mostly model or partial physical at first, verbal cue or none at the end."""
    centre = 3.5 - 3.0 * progress
    rank = round(rng.gauss(centre, 0.7))
    return _LEVELS[max(0, min(4, rank))]


def _setting(rng: random.Random, routine: Routine) -> Setting:
    if "park" in routine.id or "errand" in routine.id or "shop" in routine.id:
        return rng.choices([Setting.COMMUNITY, Setting.SOCIAL, Setting.HOME], [7, 2, 1])[0]
    return rng.choices([Setting.HOME, Setting.SCHOOL, Setting.SOCIAL, Setting.COMMUNITY], [82, 7, 6, 5])[0]


def _dose_count(strategy: Strategy) -> int:
    """Tries per practice, from the dose ("5 tries" -> 5); 5 when the dose has no number."""
    match = re.search(r"\d+", strategy.dose)
    return max(1, min(20, int(match[0]))) if match else 5


def _at(day: date, moment: time, minutes: int = 0) -> datetime:
    return datetime.combine(day, moment) + timedelta(minutes=minutes)


_PRACTICE_NOTES = (
    "Tired today, kept it short.",
    "Did it with a big smile.",
    "Needed a second try but got there.",
    "Asked to do it again!",
    "A bit distracted; tried again after a snack.",
)


def _pick_skip_days(rng: random.Random, program: Program, first: date, last: date) -> list[SkipDay]:
    """Two or three days off: a family holiday and a sick day or two."""
    days = [first + timedelta(days=n) for n in range(3, (last - first).days - 1)]
    if len(days) < 3:
        return []
    chosen = sorted(rng.sample(days, rng.choice([2, 3])))
    children = [c for c in program.children if not c.archived]
    skips = []
    sick_notes = rng.sample(["Fever, resting at home", "Tummy bug", "Bad cold", "Ear infection"], 2)
    for index, day in enumerate(chosen):
        if index == 0 or not children:
            skips.append(SkipDay(id=_random_id(rng), date=day, reason=SkipReason.HOLIDAY, note="Family day out"))
        else:
            child = rng.choice(children)
            skips.append(
                SkipDay(
                    id=_random_id(rng),
                    date=day,
                    child=child.id,
                    reason=SkipReason.SICK,
                    note=sick_notes[index - 1],
                )
            )
    return skips


def _measured(strategy: Strategy, day: date, progress: float, tried: bool) -> dict[str, Any]:
    """Seconds on each side, or the steps done on his own, growing over the weeks.

    Drawn from a generator of their own, so the rest of the demo stays as it always was.
    """
    rng = random.Random(f"{strategy.id} {day.isoformat()}")
    effort = progress - (0.2 if tried else 0.0)
    if strategy.measured is Measure.SECONDS:
        held = max(1, round(2 + 7 * effort + rng.uniform(-1.5, 1.5)))
        if not strategy.sides:
            return {"seconds": held}
        weaker = max(0, held - rng.choice((2, 3, 3, 4)))
        times = {Side.LEFT: held, Side.RIGHT: weaker}
        return {f"seconds_{side.value}": times[side] for side in strategy.sides}
    if strategy.measured is Measure.STEPS and strategy.steps:
        total = len(strategy.steps)
        alone = max(0, min(total, round(total * (0.15 + 0.6 * effort) + rng.uniform(-1, 1))))
        # He finishes on his own first: help with the first steps, the last ones are his.
        return {"steps_alone": list(range(total - alone, total)), "steps_total": total}
    return {}


def _practice(
    program: Program,
    first: date,
    last: date,
    rng: random.Random,
    skips: list[SkipDay],
    caregivers: Sequence[Caregiver],
) -> list[PracticeEntry]:
    entries: list[PracticeEntry] = []
    weights = [max(1, len(caregivers) - i) * 2 for i in range(len(caregivers))]
    day = first
    while day <= last:
        progress = _progress(day, first, last)
        done_rate = rng.uniform(0.70, 0.88) if day.weekday() < 5 else rng.uniform(0.62, 0.82)
        this_week = [e for e in entries if (day - e.date).days < 7]  # enough for N times a week
        for item in build_checklist(program, day, this_week, skips).items:
            if item.done_for_week or item.skipped is not None or rng.random() > done_rate:
                continue
            strategy = item.strategy
            tried = rng.random() < 0.1
            trials_total = trials_correct = None
            if strategy.uses_trials:
                trials_total = _dose_count(strategy)
                accuracy = 0.3 + 0.55 * progress + rng.uniform(-0.15, 0.15)
                if tried:
                    accuracy -= 0.2
                accuracy = max(0.0, min(1.0, accuracy))
                trials_correct = sum(1 for _ in range(trials_total) if rng.random() < accuracy)
            minutes = max(1, strategy.minutes + rng.choice((-1, 0, 0, 0, 1)))
            stamp = _at(day, item.routine.time, rng.randint(2, 25))
            # Drawn in the order they always were, so the demo stays the same day after day.
            entry_id = _random_id(rng)
            assistance = _assistance(rng, progress)
            goal = program.goal(strategy.goal)
            if goal is not None and goal.mastery is not None and (last - day).days < 7 and not tried:
                # The demo's last week shows a goal that meets its mastery criterion.
                if trials_total is not None and trials_correct is not None:
                    trials_correct = max(trials_correct, -(-goal.mastery.percent * trials_total // 100))
                if goal.mastery.level is not None and assistance.rank > goal.mastery.level.rank:
                    assistance = goal.mastery.level
            entries.append(
                PracticeEntry(
                    **_measured(strategy, day, progress, tried),
                    id=entry_id,
                    date=day,
                    child=item.child.id,
                    strategy=strategy.id,
                    routine=item.routine.id,
                    status=PracticeStatus.TRIED if tried else PracticeStatus.DONE,
                    assistance=assistance,
                    setting=_setting(rng, item.routine),
                    caregiver=rng.choices(caregivers, weights)[0].id if caregivers else None,
                    minutes=minutes,
                    trials_correct=trials_correct,
                    trials_total=trials_total,
                    note=rng.choice(_PRACTICE_NOTES) if rng.random() < 0.04 else "",
                    created_at=stamp,
                    updated_at=stamp,
                )
            )
        day += timedelta(days=1)
    return entries


_UPDATES = {
    Discipline.SLP: (
        'Great session with {child} on "{goal}". Keep the same cue at home ("{cue}") so everyone says it the same way. Count the tries you hear clearly.',
        "{child} is getting the sound right more often in single words. This week, wait about 5 seconds before giving the cue: let {child} try first.",
        'We moved on to short phrases in session. At home, stay with single words during "{strategy}" for now; phrases will come.',
        "{child} is starting to self-correct. When that happens, praise the fix, not just the word.",
    ),
    Discipline.OT: (
        'Good progress on "{goal}". Keep helping with the first step only, then let {child} finish on their own.',
        '{child} did well with "{strategy}" in session. Try a gesture instead of hand-over-hand this week, and fade it when you can.',
        "Hand strength is improving. Play-dough or clothes pegs before practice can warm up little fingers.",
        '{child} was focused today. Keep practice short and end on a success; the cue is "{cue}".',
    ),
    Discipline.PT: (
        'Balance and confidence are growing. For "{goal}", stay close but keep your hands off unless {child} needs you.',
        "{child} managed more of the session without help. This week, add one or two extra tries if {child} is keen.",
        'Keep "{strategy}" going; the cue "{cue}" is working well. Watch that the whole foot lands each time.',
        "We worked on endurance today. A few more minutes of active play each day will help.",
    ),
}
_OBSERVATIONS = (  # (text, hour it is written)
    ('{child} did "{strategy}" without being reminded this morning.', 8),
    ("{child} was very tired tonight, so we kept practice short and fun.", 20),
    ('{child} used the cue on their own: "{cue}".', 18),
    ("{child} showed Grandma how to do it on the weekend and was very proud.", 19),
    ("Practice works better before the snack than after it.", 16),
    ("{child} got frustrated after three tries; we stopped on a good one.", 19),
)


def _for_whom(question: str, therapist: Therapist | None) -> str | None:
    """A question about a practice is for the therapist of its goal; one about the week, for everyone."""
    about_practice = "{strategy}" in question or "{cue}" in question
    return therapist.id if about_practice and therapist is not None else None


_QUESTIONS = (
    (
        '{child} gets upset after a few tries at "{strategy}". Is it fine to stop early?',
        "Yes: stop on a success. Three good tries are worth more than five frustrated ones.",
    ),
    (
        "Should we keep practising on weekends, or give {child} a break?",
        "Weekends are great when practice fits into what you are doing anyway. Skip it if the day is busy.",
    ),
    (
        'When can we change the cue "{cue}" to something shorter?',
        "",
    ),
)
_WINS = {
    Setting.HOME: (
        '{child} did "{strategy}" with no help at all!',
        "{child} asked to practise before we even said anything.",
        "{child} got it right on the first try tonight.",
    ),
    Setting.SCHOOL: (
        "The teacher said {child} did it at school today without help.",
        "{child} showed the class and got a sticker for it.",
    ),
    Setting.SOCIAL: (
        "{child} did it at Grandma's house in front of the cousins.",
        "At a friend's birthday party {child} did it all alone.",
    ),
    Setting.COMMUNITY: (
        "{child} did it at the park without being asked.",
        "At the supermarket {child} remembered the cue and used it.",
    ),
}


def _fill(template: str, child: Child, goal: Goal, strategy: Strategy | None) -> str:
    return template.format(
        child=child.name,
        goal=goal.title,
        strategy=strategy.title if strategy else goal.title,
        cue=(strategy.cue if strategy and strategy.cue else "you can do it"),
    )


def _notes_and_wins(program: Program, first: date, last: date, rng: random.Random) -> tuple[list[Note], list[Win]]:
    children = {c.id: c for c in program.children if not c.archived}
    goals = [g for g in program.goals if g.active and g.child in children]
    if not goals:
        return [], []
    strategies: dict[str, list[Strategy | None]] = {
        g.id: [s for s in program.strategies if s.goal == g.id and not s.archived] for g in goals
    }
    therapists = {t.discipline: t for t in program.therapists if not t.archived}
    caregivers = [c for c in program.caregivers if not c.archived] or [Caregiver(id="parent", name="Parent")]

    def pick() -> tuple[Child, Goal, Strategy | None]:
        goal = rng.choice(goals)
        options = strategies.get(goal.id) or [None]
        return children[goal.child], goal, rng.choice(options)

    def moment(day: date, hour: int) -> datetime:
        return datetime.combine(day, time(hour, rng.choice((0, 10, 20, 30, 40, 50))))

    notes: list[Note] = []
    weeks = max(1, ((last - first).days + 1) // 7)
    for week in range(weeks):
        day = min(last, first + timedelta(days=7 * week + rng.randint(1, 4)))
        goal = goals[week % len(goals)]
        options = strategies.get(goal.id) or [None]
        strategy = rng.choice(options)
        child = children[goal.child]
        therapist = therapists.get(goal.discipline)
        author = therapist.name if therapist else f"{goal.discipline.value} therapist"
        template = _UPDATES[goal.discipline][week % len(_UPDATES[goal.discipline])]
        stamp = moment(day, 16)
        notes.append(
            Note(
                id=_random_id(rng),
                kind=NoteKind.UPDATE,
                child=child.id,
                author=author,
                text=_fill(template, child, goal, strategy),
                created_at=stamp,
                updated_at=stamp,
            )
        )
    span = max(0, (last - first).days)
    for template, hour in rng.sample(_OBSERVATIONS, min(len(_OBSERVATIONS), rng.randint(4, 5))):
        child, goal, strategy = pick()
        stamp = moment(first + timedelta(days=rng.randint(0, span)), hour)
        notes.append(
            Note(
                id=_random_id(rng),
                kind=NoteKind.OBSERVATION,
                child=child.id,
                author=rng.choice(caregivers).name,
                text=_fill(template, child, goal, strategy),
                created_at=stamp,
                updated_at=stamp,
            )
        )
    answered = rng.choice((1, 2))
    for index, (question, answer) in enumerate(_QUESTIONS):
        child, goal, strategy = pick()
        if "{cue}" in question:  # about a speech cue, whatever the draw: data/demo-reply.toml answers it
            speech = [g for g in goals if g.discipline == Discipline.SLP and strategies.get(g.id)]
            if speech:
                goal = speech[0]
                child, strategy = children[goal.child], strategies[goal.id][0]
        is_answered = index < answered and bool(answer)
        asked_on = first + timedelta(days=rng.randint(0, max(0, span - 7) if is_answered else span))
        if index == 0 and span >= 7:  # answered in the last week: the update shows the answer
            asked_on = last - timedelta(days=6)
        stamp = moment(asked_on, 20)
        _random_id(rng)  # drawn as before, so the rest of the demo stays as it was
        note = Note(
            id=f"demo-question-{index + 1}",  # named by data/demo-reply.toml
            kind=NoteKind.QUESTION,
            child=child.id,
            author=rng.choice(caregivers).name,
            text=_fill(question, child, goal, strategy),
            created_at=stamp,
            updated_at=stamp,
            addressed_to=_for_whom(question, therapists.get(goal.discipline)),
        )
        if is_answered:
            answered_at = moment(min(last, asked_on + timedelta(days=rng.randint(2, 6))), 16)
            therapist = therapists.get(goal.discipline)
            note = note.model_copy(
                update={
                    "answer": _fill(answer, child, goal, strategy),
                    "answered_at": answered_at,
                    # The therapist of the goal the question is about; the family wrote it down otherwise.
                    "answered_by": therapist.name if therapist else note.author,
                    "updated_at": answered_at,
                }
            )
        notes.append(note)

    wins: list[Win] = []
    settings = [Setting.HOME, Setting.HOME, Setting.SCHOOL, Setting.SOCIAL, Setting.COMMUNITY]
    for index in range(rng.randint(6, 10)):
        setting = settings[index % len(settings)]
        child, goal, strategy = pick()
        # Wins come more often as the weeks go by.
        day = first + timedelta(days=round(span * (1 - rng.random() ** 2)))
        wins.append(
            Win(
                id=_random_id(rng),
                child=child.id,
                goal=goal.id,
                setting=setting,
                text=_fill(rng.choice(_WINS[setting]), child, goal, strategy),
                when=moment(day, rng.choice((8, 15, 18))),
                who=rng.choice(caregivers).name,
            )
        )
    return notes, wins


def generate_history(store: FamilyStore, program: Program, first: date, last: date, rng: random.Random) -> None:
    """Plausible practice, days off, notes and wins from ``first`` to ``last`` (inclusive)."""
    if last < first:
        return
    caregivers = [c for c in program.caregivers if not c.archived]
    skips = _pick_skip_days(rng, program, first, last)
    entries = _practice(program, first, last, rng, skips, caregivers)
    notes, wins = _notes_and_wins(program, first, last, rng)
    store.record_many(entries)
    store.save_many([*skips, *notes, *wins])
