"""Month summaries and the compact history: the same progress answers as the full entries."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from benchmarks.reference_history import generate_reference_history
from family_tui.clock import FixedClock
from family_tui.domain.models import Discipline, Goal, SkipDay, SkipReason, Strategy
from family_tui.domain.progress import (
    ProgressIndex,
    Scope,
    consistency,
    consistency_series,
    generalization,
    heatmap,
    independence_by_week,
    streaks,
)
from family_tui.domain.progress.view import build_progress_view, detail_from
from family_tui.storage import FamilyStore
from family_tui.storage import summary as summary_module
from tests.storage.storage_helpers import entry, state

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def family(tmp_path_factory) -> Path:
    """A year and a half of a generated family (half a year older than the detail), with awkward cases."""
    folder = tmp_path_factory.mktemp("history") / "family"
    generate_reference_history(
        folder, years=1.5, children=2, items_per_day=6, last_day=TODAY - timedelta(days=1), seed=5
    )
    store = FamilyStore(folder, clock=FixedClock(datetime.combine(TODAY, time(12))))
    program = store.program()
    # A goal added half-way, a strategy no longer in the program, skip days, an unmarked item.
    late = Goal(id="late-goal", child="child-1", discipline=Discipline.PT, title="Late goal", created=date(2026, 9, 14))
    store.save_many(
        [
            late,
            Strategy(id="late-strategy", goal="late-goal", title="Late", routines=["bath"], minutes=4),
            SkipDay(date=date(2026, 10, 7), reason=SkipReason.HOLIDAY),
            SkipDay(date=date(2026, 11, 3), child="child-2", reason=SkipReason.SICK),
        ]
    )
    for day in (date(2026, 9, 20), date(2026, 10, 2), TODAY - timedelta(days=3)):
        store.record_practice(entry("late-strategy", day, child="child-1", routine="bath"))
    store.record_practice(entry("gone-strategy", date(2025, 8, 1), child="child-2"))
    store.record_practice(entry("gone-strategy", date(2026, 6, 1), child="child-2"))
    store.record_practice(entry("gone-strategy", TODAY - timedelta(days=2), child="child-2"))
    first = program.strategies[0]
    store.remove_practice(TODAY - timedelta(days=1), "child-1", first.id, first.routines[0])
    store.fold_journals()
    # Left in the journal: a new entry, one removed and one replaced.
    store.record_practice(entry("late-strategy", TODAY - timedelta(days=1), child="child-1", routine="bath"))
    other = next(s for s in program.strategies if store.program().goal(s.goal).child == "child-2")
    store.remove_practice(TODAY - timedelta(days=4), "child-2", other.id, other.routines[0])
    store.record_practice(
        entry(other.id, TODAY - timedelta(days=5), child="child-2", routine=other.routines[0], minutes=9)
    )
    assert store.practice_history().months  # and the summaries of the month files are all written
    return folder


def scopes(program, child: str) -> list[Scope]:
    found = [Scope(child), Scope(child, strategy="gone-strategy")]
    for goal in program.goals:
        if goal.child == child:
            found.append(Scope(child, goal.id))
            found += [Scope(child, goal.id, s.id) for s in program.strategies if s.goal == goal.id]
    return found


@pytest.mark.parametrize("child", ["child-1", "child-2"])
def test_the_compact_history_gives_the_same_answers_as_every_entry(family, child):
    store = FamilyStore(family, maintain=False)
    program, skips, wins = store.program(), store.skip_days(), store.wins()
    full = ProgressIndex(program, store.all_practice(), skips, wins)
    first = detail_from(TODAY)
    compact = ProgressIndex.from_history(program, store.practice_history(first, children=[child]), skips, wins)
    assert compact.detail_from == first

    for scope in scopes(program, child):
        assert consistency(compact, scope, TODAY) == consistency(full, scope, TODAY), scope
        assert streaks(compact, scope, TODAY) == streaks(full, scope, TODAY), scope
        assert compact.history_start(scope, TODAY) == full.history_start(scope, TODAY), scope
        assert consistency_series(compact, scope, first, TODAY) == consistency_series(full, scope, first, TODAY)
        assert heatmap(compact, scope, first, TODAY, today=TODAY) == heatmap(full, scope, first, TODAY, today=TODAY)
        recent = TODAY - timedelta(weeks=6)
        assert independence_by_week(compact, scope, recent, TODAY) == independence_by_week(full, scope, recent, TODAY)
    assert generalization(compact, child) == generalization(full, child)
    # Within the detail, a range that cuts months in two is answered too.
    assert generalization(compact, child, first + timedelta(days=9), TODAY - timedelta(days=5)) == generalization(
        full, child, first + timedelta(days=9), TODAY - timedelta(days=5)
    )
    with pytest.raises(ValueError, match="only in outline"):
        generalization(compact, child, date(2025, 7, 10), TODAY)
    # Questions about entries before the detail are refused rather than answered wrong.
    with pytest.raises(ValueError, match="holds them only from"):
        heatmap(compact, Scope(child), first - timedelta(days=1), TODAY)
    with pytest.raises(ValueError, match="holds them only from"):
        compact.entries_between(Scope(child), date(2025, 8, 1), TODAY)
    # The outline does cover whole months before the detail.
    assert generalization(compact, child, date(2025, 7, 1), TODAY) == generalization(
        full, child, date(2025, 7, 1), TODAY
    )
    assert compact.history_start(Scope(child), TODAY) < first

    kid = program.child(child)
    for scope in (Scope(child), *scopes(program, child)[2:4]):
        assert build_progress_view(compact, kid, scope, TODAY, 10) == build_progress_view(full, kid, scope, TODAY, 10)


def test_summaries_are_written_with_the_month_and_used_while_it_is_unchanged(family, monkeypatch):
    store = FamilyStore(family, maintain=False)
    cache = family / ".family-tui-local" / "cache" / "progress"
    month_files = sorted(p.stem for p in (state(family) / "practice").glob("*.json"))
    assert sorted(p.stem for p in cache.glob("20*.json")) == month_files
    assert set(json.loads((cache / "outlines.json").read_bytes())["months"]) == set(month_files)

    # Warm: no month file is parsed.
    reads = []
    original = summary_module.summarise
    monkeypatch.setattr(summary_module, "summarise", lambda *a, **k: reads.append(a[0]) or original(*a, **k))
    assert store.history_summarised()
    history = store.practice_history(detail_from(TODAY))
    assert reads == []  # the month with a journal: its file's summary, with the journal replayed
    assert len(history.months) == len(month_files)


def test_the_outlines_file_is_read_only_while_a_month_is_not_kept(family, tmp_path, monkeypatch):
    """Every month's outline is kept after one history: the next (the editor's delete dialog
    counts a child's entries from one) reads no file, until a month changes."""
    import shutil

    folder = tmp_path / "copy"
    shutil.copytree(family, folder)
    store = FamilyStore(folder, maintain=False)
    first = store.practice_history(date.max, children=())
    listed = []
    original = summary_module.load_outlines
    monkeypatch.setattr(summary_module, "load_outlines", lambda *a: listed.append(1) or original(*a))
    assert store.practice_history(date.max, children=()) == first
    assert listed == []

    # Another copy adds an entry to an old month: that month is read again, and counted.
    writer = FamilyStore(folder, maintain=False)
    writer.record_practice(entry("gone-strategy", date(2025, 9, 15), child="child-1"))
    writer.fold("2025-09")
    again = store.practice_history(date.max, children=())
    september = next(m for m in again.months if (m.year, m.month) == (2025, 9))
    before = next(m for m in first.months if (m.year, m.month) == (2025, 9))
    assert (
        september.pairs[("child-1", "gone-strategy")][2]
        == before.pairs.get(("child-1", "gone-strategy"), (0, 0, 0))[2] + 1
    )


def test_a_changed_damaged_or_missing_summary_is_rebuilt(family, tmp_path):
    folder = tmp_path / "copy"
    import shutil

    shutil.copytree(family, folder)
    store = FamilyStore(folder, maintain=False)
    expected = store.practice_history(None)
    cache = folder / ".family-tui-local" / "cache" / "progress"

    (cache / "2025-09.json").write_bytes(b'{"v":1,"source":[1,2')  # damaged
    (cache / "2026-07.json").unlink()  # missing
    (cache / "outlines.json").write_bytes(b"[]")
    other = FamilyStore(folder, maintain=False)
    assert not other.history_summarised()
    assert other.practice_history(None) == expected
    assert json.loads((cache / "2025-09.json").read_bytes().split(b"\n")[0])["v"] == summary_module.VERSION
    assert (cache / "2026-07.json").exists()
    assert FamilyStore(folder, maintain=False).history_summarised()

    # A month changed by another copy: its summary no longer describes it.
    writer = FamilyStore(folder, maintain=False)
    added = writer.record_practice(entry("gone-strategy", date(2026, 7, 15), child="child-1"))
    writer.fold("2026-07")
    history = FamilyStore(folder, maintain=False).practice_history(None)
    assert any(f.strategy == "gone-strategy" and f.date == date(2026, 7, 15) for f in history.facts)
    assert len(history.facts) == len(expected.facts) + 1 and added.id

    # And deleting the whole cache is always safe.
    shutil.rmtree(folder / ".family-tui-local" / "cache")
    assert FamilyStore(folder, maintain=False).practice_history(None) == history


def test_invalid_entries_are_left_out_of_summaries_and_reported(tmp_path):
    folder = tmp_path / "family"
    store = FamilyStore(folder, clock=FixedClock(datetime.combine(TODAY, time(12))))
    good = store.record_practice(entry("straw", date(2026, 10, 5)))
    store.fold("2026-10")
    path = state(folder) / "practice" / "2026-10.json"
    data = json.loads(path.read_bytes())
    data["practice"]["9"] = {**data["practice"]["1"], "id": "bad-one", "minutes": 9999, "strategy": "other"}
    path.write_text(json.dumps(data))

    reader = FamilyStore(folder, maintain=False)
    history = reader.practice_history(None)
    assert [f.strategy for f in history.facts] == ["straw"] and good.id
    assert any("bad-one" in p for p in reader.problems)
    # The problem is remembered with the summary: another copy reading it is told too.
    again = FamilyStore(folder, maintain=False)
    again.practice_history(None)
    assert any("bad-one" in p for p in again.problems)


def test_last_practice_looks_back_through_months_and_skips_what_it_cannot_read(tmp_path):
    folder = tmp_path / "family"
    store = FamilyStore(folder, clock=FixedClock(datetime.combine(TODAY, time(12))))
    assert store.last_practice("maya", "straw", TODAY) is None
    august = store.record_practice(entry("straw", date(2026, 8, 20), minutes=4))
    store.record_practice(entry("other", date(2026, 10, 1)))
    store.fold_journals()
    assert store.last_practice("maya", "straw", TODAY).id == august.id
    assert store.last_practice("maya", "straw", date(2026, 8, 19)) is None

    morning = store.record_practice(entry("straw", date(2026, 11, 2), routine="breakfast"))
    later = entry("straw", date(2026, 11, 2), routine="bath").model_copy(
        update={"updated_at": datetime(2026, 11, 2, 19, 0)}
    )
    store.record_practice(later)
    assert store.last_practice("maya", "straw", TODAY).id == later.id  # same day: the one changed last
    assert store.last_practice("maya", "straw", date(2026, 11, 1)).id == august.id
    assert morning.id

    # The newest entry cannot be read: the one before it is used, and the problem reported.
    store.fold_journals()
    path = state(folder) / "practice" / "2026-11.json"
    data = json.loads(path.read_bytes())
    for doc in data["practice"].values():
        doc["minutes"] = 9999
    path.write_text(json.dumps(data))
    reader = FamilyStore(folder, maintain=False)
    assert reader.last_practice("maya", "straw", TODAY).id == august.id
    assert any("minutes" in p for p in reader.problems)
