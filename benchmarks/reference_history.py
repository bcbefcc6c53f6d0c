"""The benchmark's reference history: a synthetic program and years of daily practice.

Not shipped: the app's own demo family (``family-tui --demo``) lives in
:mod:`family_tui.usecases.demo`. Write a history into a data folder with::

    uv run python benchmarks/reference_history.py --data-dir DIR --years 5 --children 3 --strategies 30
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from family_tui.clock import Clock, FixedClock, SystemClock, family_day
from family_tui.domain.models import (
    Assistance,
    Caregiver,
    Child,
    Discipline,
    Goal,
    Note,
    NoteKind,
    PracticeEntry,
    PracticeStatus,
    Program,
    Routine,
    Setting,
    Strategy,
    Therapist,
    Weekday,
    Win,
)
from family_tui.storage import FamilyStore

_LEVELS = list(Assistance)
_WEEKDAYS_ONLY = [Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI]

_REFERENCE_ROUTINES = (
    ("breakfast", "Breakfast", time(7, 15), None),
    ("dressing", "Getting dressed", time(7, 45), _WEEKDAYS_ONLY),
    ("snack", "After-school snack", time(15, 30), None),
    ("play", "Play time", time(16, 30), None),
    ("bath", "Bath time", time(18, 30), None),
    ("bedtime", "Bedtime book", time(19, 30), None),
)
_CHILD_NAMES = ("Leo", "Maya", "Sam", "Ava", "Noah", "Zoe", "Eli", "Mia")
_COLOURS = ("cyan", "magenta", "green", "yellow", "blue", "red", "orange", "purple")


def reference_program(children: int, items_per_day: int, first: date) -> Program:
    """``children`` children sharing ``items_per_day`` strategies, each in one everyday routine."""
    kids = [
        Child(
            id=f"child-{n + 1}",
            name=_CHILD_NAMES[n % len(_CHILD_NAMES)] + ("" if n < 8 else f" {n + 1}"),
            color=_COLOURS[n % len(_COLOURS)],
        )
        for n in range(max(1, children))
    ]
    everyday = [r for r in _REFERENCE_ROUTINES if r[3] is None]
    routines = [
        Routine(id=rid, name=name, time=at, days=days or list(Weekday)) for rid, name, at, days in _REFERENCE_ROUTINES
    ]
    disciplines = list(Discipline)
    goals: dict[str, Goal] = {}
    strategies: list[Strategy] = []
    for n in range(max(0, items_per_day)):
        child = kids[n % len(kids)]
        slot = n // len(kids)
        discipline = disciplines[slot % 3]
        goal_no = slot // 2  # two strategies per goal
        goal_id = f"{child.id}-goal-{goal_no + 1}"
        if goal_id not in goals:
            goals[goal_id] = Goal(
                id=goal_id,
                child=child.id,
                discipline=discipline,
                title=f"{discipline.label} goal {goal_no + 1} for {child.name}",
                target="4 of 5 tries with no reminder",
                created=first,
            )
        routine = everyday[n % len(everyday)][0]
        strategies.append(
            Strategy(
                id=f"strategy-{n + 1}",
                goal=goal_id,
                title=f"Practice {n + 1}",
                how="Practise during the routine.",
                cue="You can do it",
                dose="5 tries",
                minutes=2 + n % 4,
                routines=[routine],
                uses_trials=goals[goal_id].discipline is Discipline.SLP,
            )
        )
    return Program(
        children=kids,
        caregivers=[
            Caregiver(id="mom", name="Mom"),
            Caregiver(id="dad", name="Dad"),
            Caregiver(id="grandma", name="Grandma"),
        ],
        therapists=[
            Therapist(
                id=f"therapist-{d.value.lower()}",
                name=f"{d.label} therapist",
                discipline=d,
                children=[k.id for k in kids],
            )
            for d in Discipline
        ],
        routines=routines,
        goals=list(goals.values()),
        strategies=strategies,
    )


def generate_reference_history(
    data_dir: Path,
    years: float,
    children: int,
    items_per_day: int,
    last_day: date,
    seed: int,
) -> int:
    """Write a synthetic program and ``years`` of daily practice ending ``last_day``; returns the entry count.

    About ``items_per_day`` entries a day (55,000 for five years of 30), 400 notes and
    200 wins a year. Entries are built without re-validation and written one month per write.
    """
    rng = random.Random(seed)
    days = max(1, round(years * 365.25))
    first = last_day - timedelta(days=days - 1)
    store = FamilyStore(Path(data_dir), clock=FixedClock(datetime.combine(last_day, time(21, 0))))
    program = reference_program(children, items_per_day, first)
    store.save_many(
        [
            *program.children,
            *program.caregivers,
            *program.therapists,
            *program.routines,
            *program.goals,
            *program.strategies,
        ]
    )

    routine_of = {r.id: r for r in program.routines}
    goal_of = {g.id: g for g in program.goals}
    plan = [(s, goal_of[s.goal].child, routine_of[s.routines[0]]) for s in program.strategies]
    caregiver_ids = [c.id for c in program.caregivers]
    settings = [Setting.HOME] * 16 + [Setting.SCHOOL, Setting.SOCIAL, Setting.COMMUNITY, Setting.HOME]
    construct = PracticeEntry.model_construct
    count = 0
    month: list[PracticeEntry] = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        progress = offset / max(1, days - 1)
        centre = 3.5 - 3.0 * progress
        for strategy, child_id, routine in plan:
            stamp = datetime.combine(day, routine.time) + timedelta(minutes=rng.randint(2, 25))
            rank = max(0, min(4, round(rng.gauss(centre, 0.8))))
            if strategy.uses_trials:
                total = 5
                correct = min(total, max(0, round(total * (0.3 + 0.6 * progress) + rng.uniform(-1.5, 1.5))))
            else:
                total = correct = None
            month.append(
                construct(
                    id=f"{rng.getrandbits(128):032x}",
                    date=day,
                    child=child_id,
                    strategy=strategy.id,
                    routine=routine.id,
                    status=PracticeStatus.DONE if rng.random() < 0.9 else PracticeStatus.TRIED,
                    assistance=_LEVELS[rank],
                    setting=rng.choice(settings),
                    caregiver=rng.choice(caregiver_ids),
                    minutes=strategy.minutes,
                    trials_correct=correct,
                    trials_total=total,
                    note="",
                    created_at=stamp,
                    updated_at=stamp,
                )
            )
        next_day = day + timedelta(days=1)
        if next_day.month != day.month or offset == days - 1:
            store.record_many(month)
            count += len(month)
            month = []

    others: list[Note | Win] = []
    kids = [c for c in program.children]
    authors = [c.name for c in program.caregivers]
    kinds = [NoteKind.UPDATE, NoteKind.OBSERVATION, NoteKind.OBSERVATION, NoteKind.QUESTION]
    for _ in range(round(400 * years)):
        day = first + timedelta(days=rng.randrange(days))
        stamp = datetime.combine(day, time(rng.randint(7, 20), rng.randrange(60)))
        kind = rng.choice(kinds)
        others.append(
            Note.model_construct(
                id=f"{rng.getrandbits(128):032x}",
                kind=kind,
                child=rng.choice(kids).id,
                author="Therapist" if kind is NoteKind.UPDATE else rng.choice(authors),
                text="Practice went well this week; keep the same cue.",
                created_at=stamp,
                updated_at=stamp,
                answer="",
                answered_at=None,
            )
        )
    for _ in range(round(200 * years)):
        day = first + timedelta(days=rng.randrange(days))
        goal = rng.choice(program.goals) if program.goals else None
        others.append(
            Win.model_construct(
                id=f"{rng.getrandbits(128):032x}",
                child=goal.child if goal else kids[0].id,
                goal=goal.id if goal else None,
                text="Did it with no help!",
                setting=rng.choice(list(Setting)),
                when=datetime.combine(day, time(rng.randint(7, 20), rng.randrange(60))),
                who=rng.choice(authors),
            )
        )
    store.save_many(others)
    return count


def spread_over_devices(data_dir: Path, devices: int) -> int:
    """Rewrite the history as if ``devices`` computers had written it, each its own log; returns the line count.

    Every log line goes to one device in turn (its stamps and checksum made anew for that
    device), so the logs hold the same operations as one device's: the benchmark then
    reads, folds and writes against two or five devices' logs, as a family with that many
    computers has. This computer's folded state is removed: the next opening folds all
    the logs, as a computer does the first time it sees a synced folder.
    """
    import shutil
    from dataclasses import replace as replaced

    from family_tui.domain.sync.hlc import Stamp
    from family_tui.domain.sync.ops import decode_line, encode_batch, encode_line
    from family_tui.storage.devices.oplog import log_files
    from family_tui.storage.local import local_dir

    names = [f"{n:016x}" for n in range(0xB0, 0xB0 + devices)]
    lines = 0
    for path in log_files(data_dir):
        out: dict[str, list[bytes]] = {}
        for raw in path.read_bytes().split(b"\n"):
            if not raw.strip():
                continue
            device = names[lines % devices]
            ops = [replaced(op, stamp=Stamp(op.stamp.wall, op.stamp.counter, device)) for op in decode_line(raw)]
            out.setdefault(device, []).append(encode_line(ops[0]) if len(ops) == 1 else encode_batch(ops))
            lines += 1
        for device, encoded in out.items():
            folder = data_dir / "devices" / device
            folder.mkdir(parents=True, exist_ok=True)
            with open(folder / path.name, "ab") as handle:
                handle.write(b"".join(line if line.endswith(b"\n") else line + b"\n" for line in encoded))
        path.unlink()
    shutil.rmtree(local_dir(data_dir), ignore_errors=True)
    return lines


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Write a generated multi-year history into ``--data-dir``, ending yesterday."""
    parser = argparse.ArgumentParser(description="write a generated multi-year history (for benchmarks)")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--years", type=float, default=5)
    parser.add_argument("--children", type=int, default=3)
    parser.add_argument("--strategies", type=int, default=30, help="checklist items a day")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--devices", type=int, default=1, help="spread the history over this many computers' logs")
    args = parser.parse_args(argv)
    data_dir = args.data_dir.expanduser()
    today = family_day((clock or SystemClock()).now())
    count = generate_reference_history(
        data_dir,
        years=args.years,
        children=args.children,
        items_per_day=args.strategies,
        last_day=today,
        seed=args.seed,
    )
    if args.devices > 1:
        spread_over_devices(data_dir, args.devices)
    print(f"Wrote {count} practice entries into {data_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
