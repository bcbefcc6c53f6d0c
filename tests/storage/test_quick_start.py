"""Quick start: the app reads records without pydantic, then has pydantic check them.

What a family sees must not depend on which way a record was read: the same records
whichever way, and a record pydantic refuses leaves the screen once it is checked.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from family_tui.clock import FixedClock
from family_tui.domain.models import Child
from family_tui.storage import FamilyStore
from family_tui.usecases.demo import create_demo_data_dir
from tests.storage.storage_helpers import DAY, entry, month_file, note, state, win


def everything(store: FamilyStore, day: date) -> tuple:
    return (
        store.settings(),
        store.program(),
        store.notes(),
        store.wins(),
        store.skip_days(),
        store.practice_on(day),
        store.practice_between(day - timedelta(days=40), day),
    )


def test_quick_start_reads_the_demo_family_exactly_as_pydantic_does():
    clock = FixedClock(datetime(2026, 11, 26, 7, 30))
    folder = create_demo_data_dir(clock)
    yesterday = DAY - timedelta(days=1)

    quick = FamilyStore(folder, clock=clock, quick_start=True, maintain=False)
    decoded = everything(quick, yesterday)
    validated = everything(FamilyStore(folder, clock=clock, maintain=False), yesterday)

    assert decoded == validated
    assert len(decoded[2]) > 10 and len(decoded[5]) > 3  # notes and a day's practice were read
    assert quick.verify() is False  # nothing to take back
    assert quick.problems == []


def _break_practice_minutes(data_dir: Path, store: FamilyStore) -> str:
    """A stored entry with 9999 minutes: the right type, only pydantic's limit (240) refuses it."""
    good = store.record_practice(entry("straw-drinking"))
    store.fold_journals()
    path = month_file(data_dir)
    data = json.loads(path.read_bytes())
    data["practice"]["2"] = entry("lip-closure").model_dump(mode="json") | {"id": "bad-record", "minutes": 9999}
    path.write_text(json.dumps(data))
    return good.id


def test_a_record_only_pydantic_rules_refuse_is_never_shown_and_reported_at_once(data_dir, store):
    good = _break_practice_minutes(data_dir, store)
    before = (state(data_dir) / "practice" / "2026-11.json").read_bytes()

    quick = FamilyStore(data_dir, clock=store.clock, quick_start=True)
    assert [e.id for e in quick.practice_on(DAY)] == [good]
    assert any("bad-record" in p and "minutes" in p for p in quick.problems)
    assert quick.verify() is False  # nothing shown that pydantic takes back
    assert [e.id for e in quick.practice_on(DAY)] == [good]
    assert (state(data_dir) / "practice" / "2026-11.json").read_bytes() == before  # kept on disk as it was


def _family_file_with_child_named(data_dir: Path, store: FamilyStore, name: str) -> None:
    store.save(Child(id="maya", name="Maya"))
    store.save(Child(id="leo", name="Leo"))
    main = state(data_dir) / "family.json"
    data = json.loads(main.read_bytes())
    for doc in data["children"].values():
        if doc["id"] == "leo":
            doc["name"] = name
    main.write_text(json.dumps(data))


@pytest.mark.parametrize("name", ["Leo\nRose", "Leo\u2028Rose", "x" * 81, "   "])
def test_a_child_name_pydantic_refuses_is_reported_at_start_up_as_after_verify(data_dir, store, name):
    _family_file_with_child_named(data_dir, store, name)
    validated = FamilyStore(data_dir, clock=store.clock)
    validated_children = [c.id for c in validated.program().children]

    quick = FamilyStore(data_dir, clock=store.clock, quick_start=True)
    assert [c.id for c in quick.program().children] == validated_children == ["maya"]
    assert quick.problems == validated.problems
    assert any("children record leo" in p and "name" in p for p in quick.problems)
    assert quick.verify() is False
    assert [c.id for c in quick.program().children] == ["maya"]


def test_a_record_of_the_wrong_shape_is_checked_by_pydantic_at_once(data_dir, store):
    good = note("A fine note.")
    store.save(good)
    main = state(data_dir) / "family.json"
    data = json.loads(main.read_bytes())
    data["notes"]["98"] = note("x").model_dump(mode="json") | {"id": "bell", "text": "ring \x07 the bell"}
    data["notes"]["99"] = note("x").model_dump(mode="json") | {"id": "rant", "kind": "rant"}
    main.write_text(json.dumps(data))

    quick = FamilyStore(data_dir, clock=store.clock, quick_start=True)
    assert [n.id for n in quick.notes()] == [good.id]  # never on screen, not even before verify
    assert any("bell" in p and "control character" in p for p in quick.problems)
    assert any("rant" in p and "kind" in p for p in quick.problems)
    assert quick.verify() is False


def test_settings_pydantic_refuses_fall_back_to_defaults_at_once(data_dir, store):
    store.update_settings(daily_minutes_target=30, day_start=time(3, 0))
    main = state(data_dir) / "family.json"
    data = json.loads(main.read_bytes())
    next(iter(data["settings"].values()))["daily_minutes_target"] = 0
    main.write_text(json.dumps(data))

    quick = FamilyStore(data_dir, clock=store.clock, quick_start=True)
    assert quick.settings().day_start == time(0, 0)
    assert quick.settings().daily_minutes_target == 10
    assert quick.verify() is False
    assert quick.settings().daily_minutes_target == 10
    assert any("settings" in p and "daily_minutes_target" in p for p in quick.problems)


@pytest.mark.parametrize("quick_start", [False, True])
def test_records_written_after_verify_are_validated_on_reading(data_dir, store, quick_start):
    reader = FamilyStore(data_dir, clock=store.clock, quick_start=quick_start)
    reader.verify()
    reader.save(note("Later."))
    main = state(data_dir) / "family.json"
    data = json.loads(main.read_bytes())
    next(iter(data["notes"].values()))["author"] = ""
    main.write_text(json.dumps(data))
    assert reader.notes() == []
    assert any("author" in p for p in reader.problems)


def test_progress_summaries_written_while_starting_hold_only_validated_entries(data_dir, store):
    """Summaries are kept on disk: one made in the first second must not count what pydantic refuses."""
    good = _break_practice_minutes(data_dir, store)
    quick = FamilyStore(data_dir, clock=store.clock, quick_start=True)
    assert {e.id for e in quick.practice_on(DAY)} == {good}
    history = quick.practice_history(DAY)
    assert [(f.strategy, f.minutes) for f in history.facts] == [("straw-drinking", 3)]


def test_the_program_is_read_with_one_look_at_the_file_and_still_sees_another_copys_change(
    data_dir, store, monkeypatch
):
    """Today reads the program on every binding check, over a hundred times while it starts:
    each read looked at the file once per table (six ``stat`` calls), now once."""
    from family_tui.storage import durable

    quick = FamilyStore(data_dir, clock=store.clock, quick_start=True, maintain=False)
    names = [c.name for c in quick.program().children]
    main = quick.main_path
    looks: list[Path] = []
    signature = durable.file_signature

    def counted(path: Path):
        if Path(path) == main:
            looks.append(path)
        return signature(path)

    monkeypatch.setattr(durable, "file_signature", counted)
    assert [c.name for c in quick.program().children] == names
    assert len(looks) == 1
    monkeypatch.undo()

    store.save(Child(id="zoe", name="Zoë"))  # another copy of the app adds a child
    assert "Zoë" in [c.name for c in quick.program().children]


def _wins_across_the_years(store: FamilyStore) -> None:
    """Twenty wins from last year, one just before Monday's day start (last week's), two this week."""
    store.update_settings(day_start=time(3, 0))
    old = [win(f"Old win {n}").model_copy(update={"when": datetime(2025, 3, 1 + n, 18, 0)}) for n in range(20)]
    monday = DAY - timedelta(days=DAY.weekday())
    recent = [
        win("Still Sunday's").model_copy(update={"when": datetime.combine(monday, time(2, 0))}),
        win("Monday's").model_copy(update={"when": datetime.combine(monday, time(10, 0))}),
        win("Today's"),
    ]
    store.save_many([*old, *recent])


def test_this_weeks_wins_are_counted_without_checking_every_older_win(data_dir, store, monkeypatch):
    """Today's header counts this week's wins: it checked every win of the family's years to do so."""
    from family_tui.domain.models import Win
    from family_tui.ui_support.header import notes_parts
    from tests.counting import decoded_texts

    _wins_across_the_years(store)
    checked = decoded_texts(monkeypatch, Win)
    quick = FamilyStore(data_dir, clock=store.clock, quick_start=True, maintain=False)

    assert ("2 wins this week", "bold $success") in notes_parts(quick, DAY)
    assert sorted(checked) == ["Monday's", "Still Sunday's", "Today's"]


def test_a_damaged_old_win_is_still_reported_once_checked_and_the_count_is_the_same(data_dir, store):
    from family_tui.ui_support.header import notes_parts

    _wins_across_the_years(store)
    main = state(data_dir) / "family.json"
    data = json.loads(main.read_bytes())
    data["wins"]["98"] = win("x").model_dump(mode="json") | {
        "id": "bell",
        "text": "ring \x07",
        "when": "2025-01-01T10:00:00",
    }
    data["wins"]["99"] = win("x").model_dump(mode="json") | {"id": "soon", "text": "ring \x07"}  # this week's
    main.write_text(json.dumps(data))
    validated = FamilyStore(data_dir, clock=store.clock)

    quick = FamilyStore(data_dir, clock=store.clock, quick_start=True, maintain=False)
    assert notes_parts(quick, DAY) == notes_parts(validated, DAY)
    assert any("soon" in p for p in quick.problems)  # one Today would count: reported at once
    assert quick.verify() is False
    assert any("bell" in p and "control character" in p for p in quick.problems)  # checked in the background
    assert [w.id for w in quick.wins()] == [w.id for w in validated.wins()]
    assert sorted(quick.problems) == sorted(validated.problems)
