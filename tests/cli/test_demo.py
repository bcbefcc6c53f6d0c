"""The demo family and its generated history; the big reference history for benchmarks."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from statistics import mean

import pytest

from benchmarks.reference_history import generate_reference_history
from benchmarks.reference_history import main as reference_history_main
from family_tui.clock import FixedClock
from family_tui.domain.models import Discipline, NoteKind, PracticeStatus, Setting, Weekday
from family_tui.domain.planned_minutes import AIM_HIGH, AIM_LOW, planned_minutes
from family_tui.domain.schedule import build_checklist
from family_tui.storage import FamilyStore
from family_tui.usecases.demo import create_demo_data_dir, generate_history
from family_tui.usecases.program_import import import_program

NOW = datetime(2026, 11, 26, 9, 30)  # a Thursday morning
YESTERDAY = date(2026, 11, 25)
FIRST = YESTERDAY - timedelta(weeks=8) + timedelta(days=1)


@pytest.fixture
def demo(temporary_folders_under_tmp_path: Path) -> FamilyStore:
    folder = create_demo_data_dir(FixedClock(NOW))
    return FamilyStore(folder, clock=FixedClock(NOW))


def test_demo_folder_is_fresh_and_temporary(temporary_folders_under_tmp_path: Path):
    first = create_demo_data_dir(FixedClock(NOW))
    second = create_demo_data_dir(FixedClock(NOW))
    assert first != second
    assert first.parent == temporary_folders_under_tmp_path
    assert first.name.startswith("family-tui-demo-")
    assert (first / "family.json").is_file()


def test_demo_family_program(demo: FamilyStore):
    program = demo.program()
    assert [c.name for c in program.children] == ["Leo", "Maya"]
    assert {g.discipline for g in program.goals} == set(Discipline)
    assert 5 <= len(program.routines) <= 8
    assert 8 <= len(program.strategies) <= 12
    assert {g.created for g in program.goals} == {FIRST}
    assert demo.problems == []


def test_the_demo_plan_fits_the_aim_for_each_child_on_every_day(demo: FamilyStore):
    """Issue 26.1: the example every new family sees first plans 5-10 minutes a child, every weekday."""
    program = demo.program()
    for child in program.children:
        week = planned_minutes(program, child.id)
        assert set(week) == set(Weekday)
        for day, minutes in week.items():
            assert AIM_LOW <= minutes <= AIM_HIGH, (child.name, day, minutes)


def test_demo_history_ends_yesterday_and_starts_eight_weeks_before(demo: FamilyStore):
    entries = demo.all_practice()
    assert entries[0].date == FIRST
    assert entries[-1].date == YESTERDAY
    assert demo.practice_on(date(2026, 11, 26)) == []
    assert all(e.created_at <= NOW for e in entries)
    assert all(n.created_at <= NOW for n in demo.notes())
    assert all(w.when <= NOW for w in demo.wins())


def test_demo_history_is_plausible(demo: FamilyStore):
    program = demo.program()
    entries = demo.all_practice()
    skips = demo.skip_days()
    planned = done = 0
    day = FIRST
    while day <= YESTERDAY:
        checklist = build_checklist(program, day, entries, skips)
        planned += checklist.planned_count
        done += sum(1 for i in checklist.open_items if i.done)
        assert not any(i.done for i in checklist.items if i.skipped), f"practice on a day off: {day}"
        day += timedelta(days=1)
    assert 0.68 <= done / planned <= 0.87
    assert done == len(entries)

    early = [e.assistance.rank for e in entries if e.date < FIRST + timedelta(weeks=2)]
    late = [e.assistance.rank for e in entries if e.date > YESTERDAY - timedelta(weeks=2)]
    assert mean(early) >= 2.5 and mean(late) <= 1.5  # help fades from model towards verbal cue

    settings = Counter(e.setting for e in entries)
    assert settings.most_common(1)[0][0] is Setting.HOME
    assert set(settings) == set(Setting)
    assert len({e.caregiver for e in entries}) == len(program.caregivers)
    assert Counter(e.status for e in entries)[PracticeStatus.TRIED] > 0

    trials = [e for e in entries if e.trials_total is not None]
    uses_trials = {s.id for s in program.strategies if s.uses_trials}
    assert trials and {e.strategy for e in trials} <= uses_trials
    accuracy = lambda group: mean(e.trials_correct / e.trials_total for e in group)  # noqa: E731
    assert accuracy([e for e in trials if e.date > YESTERDAY - timedelta(weeks=2)]) > accuracy(
        [e for e in trials if e.date < FIRST + timedelta(weeks=2)]
    )
    minutes = {s.id: s.minutes for s in program.strategies}
    assert all(abs(e.minutes - minutes[e.strategy]) <= 1 for e in entries)


def test_demo_days_off_notes_and_wins(demo: FamilyStore):
    assert 2 <= len(demo.skip_days()) <= 3
    notes = demo.notes()
    kinds = Counter(n.kind for n in notes)
    updates = sorted(n.created_at.date() for n in notes if n.kind is NoteKind.UPDATE)
    weeks = {(d - FIRST).days // 7 for d in updates}
    assert weeks == set(range(8))  # a therapist update every week
    therapists = {t.name for t in demo.program().therapists}
    assert {n.author for n in notes if n.kind is NoteKind.UPDATE} <= therapists
    assert kinds[NoteKind.OBSERVATION] >= 3
    questions = [n for n in notes if n.kind is NoteKind.QUESTION]
    assert len(questions) == 3
    assert 1 <= sum(1 for q in questions if q.answer and q.answered_at) <= 2
    assert all(q.answered_by in therapists for q in questions if q.answer)  # answered by the therapist
    assert all(q.answered_by == "" for q in questions if q.is_open_question)
    assert sum(1 for q in questions if q.is_open_question) >= 1

    wins = demo.wins()
    assert 6 <= len(wins) <= 10
    assert len({w.setting for w in wins}) >= 3
    goals = {g.id: g.child for g in demo.program().goals}
    assert all(goals[w.goal] == w.child for w in wins)


def test_the_demo_is_the_same_every_time(temporary_folders_under_tmp_path: Path):
    def summary(folder: Path):
        store = FamilyStore(folder)
        return [(e.date, e.strategy, e.routine, e.assistance) for e in store.all_practice()]

    assert summary(create_demo_data_dir(FixedClock(NOW))) == summary(create_demo_data_dir(FixedClock(NOW)))


def test_generate_history_uses_few_writes(data_dir: Path, monkeypatch):
    store = FamilyStore(data_dir, clock=FixedClock(NOW))
    from family_tui.domain.locations import demo_program_file

    import_program(store, demo_program_file(), today=FIRST)
    calls = Counter()
    for name in ("record_many", "save_many"):
        original = getattr(store, name)
        monkeypatch.setattr(store, name, lambda items, _o=original, _n=name: calls.update([_n]) or _o(items))
    for name in ("record_practice", "save"):
        monkeypatch.setattr(store, name, lambda *a, _n=name: pytest.fail(f"{_n} writes one record at a time"))

    generate_history(store, store.program(), FIRST, YESTERDAY, random.Random(1))

    assert calls == Counter(record_many=1, save_many=1)
    assert len(store.all_practice()) > 300  # 5-10 minutes a child a day (issue 26.1)


def test_reference_history_small(tmp_path: Path):
    folder = tmp_path / "bench"
    count = generate_reference_history(folder, years=0.25, children=2, items_per_day=6, last_day=YESTERDAY, seed=3)
    store = FamilyStore(folder)
    entries = store.all_practice()
    days = round(0.25 * 365.25)
    assert count == len(entries) == days * 6
    assert entries[-1].date == YESTERDAY and entries[0].date == YESTERDAY - timedelta(days=days - 1)
    program = store.program()
    assert len(program.children) == 2
    assert build_checklist(program, YESTERDAY).planned_count == 6
    assert len(store.notes()) == 100 and len(store.wins()) == 50
    assert store.problems == []


def test_reference_history_benchmark_size(tmp_path: Path):
    folder = tmp_path / "bench"
    # Its speed is the benchmark's business (a timed test fails on a loaded machine): only its size here.
    count = generate_reference_history(folder, years=5, children=3, items_per_day=30, last_day=YESTERDAY, seed=7)
    assert 50_000 <= count <= 60_000
    store = FamilyStore(folder)
    assert len(store.practice_months()) == 61
    assert 1_800 <= len(store.notes()) <= 2_200 and 900 <= len(store.wins()) <= 1_100
    assert len(store.practice_on(YESTERDAY)) == 30


def test_reference_history_command(data_dir: Path, clock, capsys):
    code = reference_history_main(
        ["--data-dir", str(data_dir), "--years", "0.1", "--children", "2", "--strategies", "4"], clock=clock
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.strip() == f"Wrote {37 * 4} practice entries into {data_dir}"
    assert len(FamilyStore(data_dir).program().children) == 2


# -- the demo's temporary folder goes with the app -------------------------------------------


def run_demo_app(monkeypatch, pilot_does) -> tuple[int, list[Path]]:
    """``family-tui --demo`` through the real command, the app headless and driven by ``pilot_does``."""
    from family_tui.app import FamilyApp
    from family_tui.cli import main

    seen: list[Path] = []
    original_run = FamilyApp.run

    def headless_run(self, *args, **kwargs):
        async def auto_pilot(pilot):
            await pilot.pause()
            seen.append(self.store.data_dir)
            assert self.store.data_dir.is_dir()
            await pilot_does(pilot)

        return original_run(self, headless=True, size=(100, 32), auto_pilot=auto_pilot)

    monkeypatch.setattr(FamilyApp, "run", headless_run)
    return main(["--demo"], clock=FixedClock(NOW)), seen


@pytest.mark.ui  # starts the app headless
def test_demo_folder_is_removed_after_a_clean_quit(temporary_folders_under_tmp_path: Path, monkeypatch):
    async def quit_with_q(pilot):
        await pilot.press("q")

    code, seen = run_demo_app(monkeypatch, quit_with_q)
    assert code == 0
    assert len(seen) == 1 and seen[0].parent == temporary_folders_under_tmp_path
    assert seen[0].name.startswith("family-tui-demo-")
    assert list(temporary_folders_under_tmp_path.iterdir()) == []


@pytest.mark.ui  # starts the app headless
def test_demo_folder_is_removed_when_the_app_ends_in_an_error(temporary_folders_under_tmp_path: Path, monkeypatch):
    def broken_handler():
        raise RuntimeError("something went wrong inside the app")

    async def crash(pilot):
        pilot.app.call_later(broken_handler)  # Textual shows the traceback and exits with status 1
        await pilot.pause()

    code, seen = run_demo_app(monkeypatch, crash)
    assert code == 1
    assert len(seen) == 1
    assert list(temporary_folders_under_tmp_path.iterdir()) == []


def test_demo_folder_is_removed_when_an_error_escapes_the_app(temporary_folders_under_tmp_path: Path, monkeypatch):
    from family_tui.app import FamilyApp
    from family_tui.cli import main

    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(FamilyApp, "run", interrupted)
    assert main(["--demo"], clock=FixedClock(NOW)) == 130  # "stopped; nothing was half-written"
    assert list(temporary_folders_under_tmp_path.iterdir()) == []
