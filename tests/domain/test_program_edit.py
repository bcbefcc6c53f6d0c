"""The editor's changes without a screen: reordering, what a delete takes with it, field messages."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from pydantic import ValidationError

from family_tui.domain.field_errors import GENERAL, field_messages, normalise_time
from family_tui.domain.models import (
    Child,
    Goal,
    Note,
    NoteKind,
    PracticeEntry,
    Routine,
    Settings,
    SkipDay,
    Strategy,
    Therapist,
    Win,
)
from family_tui.domain.program_edit import KIND_BY_KEY, plan_move
from family_tui.storage import FamilyStore
from family_tui.usecases.deletion import carry_out, plan_deletion

NOW = datetime(2026, 11, 26, 7, 20)


def practise(
    store: FamilyStore, child: str, strategy: str, routine: str, days: int, caregiver: str | None = "mom"
) -> None:
    store.record_many(
        PracticeEntry(
            date=date(2026, 11, 26) - timedelta(days=n),
            child=child,
            strategy=strategy,
            routine=routine,
            caregiver=caregiver,
            created_at=NOW,
            updated_at=NOW,
        )
        for n in range(days)
    )


def test_children_swap_places_in_the_stored_order(store, data_dir):
    move = plan_move(store.program(), KIND_BY_KEY["children"], "maya", -1)
    assert move.order == ["maya", "leo"] and not move.refused
    store.reorder(Child, move.order)
    assert [c.id for c in FamilyStore(data_dir).program().children] == ["maya", "leo"]
    assert plan_move(store.program(), KIND_BY_KEY["children"], "maya", -1).refused == "'Maya' is already first."


def test_reorder_keeps_records_it_was_not_told_about(store, data_dir):
    store.save(Child(id="zoe", name="Zoe"))
    store.reorder(Child, ["maya", "leo"])
    assert [c.id for c in FamilyStore(data_dir).program().children] == ["maya", "leo", "zoe"]


def test_routines_at_the_same_time_swap_their_order_but_the_clock_wins_otherwise(store):
    store.save(Routine(id="vitamins", name="Vitamins", time=time(7, 15)))
    program = store.program()
    kind = KIND_BY_KEY["routines"]
    refused = plan_move(program, kind, "dressing", -1)
    assert refused.refused.startswith("Routines follow the clock: 'Getting dressed' is at 07:45")
    move = plan_move(program, kind, "vitamins", -1)
    assert not move.refused and move.order is None
    store.save_many(move.saves)
    ordered = [r.id for r in sorted(store.program().routines, key=lambda r: (r.time, r.order, r.name))]
    assert ordered[:2] == ["vitamins", "breakfast"]


def test_deleting_a_routine_says_how_many_entries_go_and_unhooks_its_strategies(store, data_dir):
    practise(store, "leo", "bath-s", "bath", 143)
    practise(store, "leo", "snack-s", "breakfast", 3)
    deletion = plan_deletion(store, store.program().routine("bath"))
    assert deletion.has_history and deletion.practice_count == 143
    assert deletion.lines[0] == "Deleting 'Bath time' also removes 143 practice entries."
    assert "'S-toys in the bath' will no longer be practised at Bath time" in deletion.lines[1]
    carry_out(store, deletion)
    fresh = FamilyStore(data_dir)
    assert fresh.program().routine("bath") is None
    assert fresh.program().strategy("bath-s").routines == []
    assert {e.routine for e in fresh.all_practice()} == {"breakfast"}
    assert len(fresh.all_practice()) == 3


def test_deleting_a_child_takes_goals_strategies_entries_wins_notes_and_skips(store, data_dir):
    practise(store, "leo", "snack-s", "breakfast", 5)
    practise(store, "maya", "straw", "breakfast", 2)
    store.save_many(
        [
            Win(child="leo", goal="leo-s", text="Said sun!", when=NOW, who="Mom"),
            Note(kind=NoteKind.OBSERVATION, child="leo", author="Mom", text="Tired", created_at=NOW, updated_at=NOW),
            Note(
                kind=NoteKind.QUESTION, child=None, author="Mom", text="Family question", created_at=NOW, updated_at=NOW
            ),
            SkipDay(date=date(2026, 11, 20), child="leo"),
        ]
    )
    deletion = plan_deletion(store, store.program().child("leo"))
    assert deletion.lines[0] == (
        "Deleting 'Leo' also removes Leo's 2 goals, 3 strategies, 5 practice entries, 1 win, 1 note and 1 skipped day."
    )
    carry_out(store, deletion)
    fresh = FamilyStore(data_dir)
    program = fresh.program()
    assert [c.id for c in program.children] == ["maya"]
    assert {g.child for g in program.goals} == {"maya"}
    assert [s.id for s in program.strategies] == ["straw"]
    assert program.therapists[0].children == ["maya"]
    assert {e.child for e in fresh.all_practice()} == {"maya"}
    assert fresh.wins() == [] and fresh.skip_days() == []
    assert [n.text for n in fresh.notes()] == ["Family question"]


def test_deleting_a_goal_keeps_its_wins_unlinked(store, data_dir):
    practise(store, "leo", "buttons", "dressing", 4)
    store.save(Win(child="leo", goal="leo-buttons", text="Top button!", when=NOW, who="Dad"))
    deletion = plan_deletion(store, store.program().goal("leo-buttons"))
    assert (
        deletion.lines[0]
        == "Deleting 'Button his own shirt' also removes its 1 strategy ('Buttons from the bottom up') and 4 practice entries."
    )
    assert deletion.lines[1] == "1 win stays, no longer linked to this goal."
    carry_out(store, deletion)
    fresh = FamilyStore(data_dir)
    assert fresh.program().goal("leo-buttons") is None and fresh.program().strategy("buttons") is None
    assert [(w.text, w.goal) for w in fresh.wins()] == [("Top button!", None)]
    assert fresh.all_practice() == []


def test_deleting_a_caregiver_keeps_the_entries_and_forgets_who_is_practising(store, data_dir):
    practise(store, "leo", "snack-s", "breakfast", 2, caregiver="mom")
    deletion = plan_deletion(store, store.program().caregiver("mom"))
    assert deletion.lines == ["Mom is named on 2 practice entries; the entries stay, without the name."]
    carry_out(store, deletion)
    fresh = FamilyStore(data_dir)
    assert fresh.program().caregiver("mom") is None
    assert len(fresh.all_practice()) == 2
    assert fresh.settings().caregiver is None


def test_deleting_something_new_has_no_history(store):
    store.save(Therapist(id="chen", name="Mr. Chen", discipline="OT"))
    deletion = plan_deletion(store, store.program().strategy("straw"))
    assert not deletion.has_history
    assert deletion.lines == ["Nothing has been recorded for it yet, so no history goes with it."]


def test_field_messages_are_plain_sentences_per_field():
    try:
        Routine.model_validate({"id": "x", "name": " ", "time": "25:99", "days": []})
    except ValidationError as error:
        messages = field_messages(error, {"name": "Name", "time": "Time", "days": "Days"})
    assert messages == {
        "name": "Name must not be empty.",
        "time": "Time: use HH:MM on a 24-hour clock, like 07:30 or 18:45.",
        "days": "Days needs at least one day of the week.",
    }
    try:
        Strategy.model_validate({"id": "s", "goal": "g", "title": "Bad\x07", "minutes": "lots", "surprise": 1})
    except ValidationError as error:
        messages = field_messages(error, {"title": "Title", "minutes": "Minutes"})
    assert messages["title"].startswith("Title contains a control character (U+0007)")
    assert messages["minutes"] == "Minutes should be a whole number."
    assert GENERAL in messages
    try:
        Settings.model_validate({"parent_idle_minutes": 0, "kiosk_idle_minutes": 999})
    except ValidationError as error:
        messages = field_messages(error, {"parent_idle_minutes": "Parent lock", "kiosk_idle_minutes": "Kiosk return"})
    assert messages == {
        "parent_idle_minutes": "Parent lock should be at least 1.",
        "kiosk_idle_minutes": "Kiosk return should be at most 240.",
    }


def test_times_are_accepted_the_way_people_type_them():
    assert [normalise_time(t) for t in ("7:30", "07.30", "7h30", " 18:45 ", "25:99", "soon")] == [
        "07:30",
        "07:30",
        "07:30",
        "18:45",
        "25:99",
        "soon",
    ]


def test_goal_kind_archive_is_inactive():
    from family_tui.domain.program_edit import is_archived, with_archived

    goal = Goal(id="g", child="leo", discipline="OT", title="Buttons")
    assert not is_archived(goal)
    assert with_archived(goal, True).active is False
    assert with_archived(goal, True).status_text == "paused"
    assert with_archived(with_archived(goal, True), False).active
    assert is_archived(with_archived(goal, True))


def test_what_a_delete_takes_is_counted_without_reading_every_entry(store, data_dir, monkeypatch):
    # Five years of history took over a second to read before the confirm dialog opened:
    # the counts come from the month outlines (and a routine's from their rows) instead.
    practise(store, "leo", "snack-s", "breakfast", 40)
    practise(store, "leo", "bath-s", "bath", 3)
    practise(store, "maya", "straw", "breakfast", 2)
    store.record_practice(  # still in the month's journal, not yet folded into its file
        PracticeEntry(
            date=date(2026, 11, 27), child="leo", strategy="bath-s", routine="bath", created_at=NOW, updated_at=NOW
        )
    )

    def every_entry(*_args, **_kwargs):
        raise AssertionError("read every practice entry to count what goes")

    monkeypatch.setattr(FamilyStore, "all_practice", every_entry)
    program = store.program()
    child = plan_deletion(store, program.child("leo"))
    assert child.practice_count == 44 and "44 practice entries" in child.lines[0]
    assert plan_deletion(store, program.strategy("bath-s")).practice_count == 4
    assert plan_deletion(store, program.goal("leo-s")).practice_count == 44
    assert plan_deletion(store, program.routine("breakfast")).practice_count == 42
    assert (
        plan_deletion(store, program.routine("bath")).lines[0]
        == "Deleting 'Bath time' also removes 4 practice entries."
    )
    waiting = plan_deletion(store, program.caregiver("mom"), count_caregiver=False)
    assert waiting.counting and waiting.lines == ["Counting the practice entries that name Mom…"]
