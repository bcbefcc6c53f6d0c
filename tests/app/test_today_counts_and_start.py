"""Today with one child's day skipped, before the program's start, and the card's time of practice."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from family_tui.app import make_app
from family_tui.clock import FixedClock
from family_tui.domain.models import (
    Child,
    Discipline,
    Goal,
    PracticeEntry,
    PracticeStatus,
    SkipDay,
    SkipReason,
    Strategy,
)
from family_tui.storage import FamilyStore
from family_tui.usecases.program_import import import_program
from family_tui.widgets.checklist import PracticeChecklist
from tests.screen_text import footer_keys, option_texts, static_text

THURSDAY = date(2026, 11, 26)


def routine_line(app, name: str) -> str:
    return next(r for r in option_texts(app.screen.query_one(PracticeChecklist)) if name in r and r[:2].isdigit())


def add_noa(store: FamilyStore) -> None:
    """A third child, practising at breakfast and bath time."""
    store.save_many(
        [
            Child(id="noa", name="Noa", color="green"),
            Goal(id="noa-more", child="noa", discipline=Discipline.SLP, title="Ask for more", created=date(2026, 1, 1)),
            Strategy(id="sign-more", goal="noa-more", title="Sign 'more'", minutes=2, routines=["breakfast", "bath"]),
        ]
    )


async def skip_child(pilot, downs_to_child: int, downs_to_reason: int) -> None:
    """s, then choose the child and the reason by keyboard (counted from the top), then save."""
    await pilot.press("s")
    await pilot.pause()
    await pilot.press("enter", "home", *["down"] * downs_to_child, "enter")
    await pilot.press("tab", "enter", "home", *["down"] * downs_to_reason, "enter")
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_a_skipped_child_s_practice_still_shows_and_counts(make_app, store, clock, data_dir):
    """Issue 21.7: a ✓ made before the child's day is skipped stays a ✓, its minutes in the header."""
    add_noa(store)
    now = clock.now()
    stamps = {"date": THURSDAY, "created_at": now, "updated_at": now}
    leo_buttons = PracticeEntry(child="leo", strategy="buttons", routine="dressing", minutes=4, **stamps)
    noa_tried = PracticeEntry(
        child="noa", strategy="sign-more", routine="bath", minutes=2, status=PracticeStatus.TRIED, **stamps
    )
    store.record_practice(leo_buttons)
    store.record_practice(noa_tried)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("1", "2", "3")  # Leo, Maya and Noa at breakfast (due now)
        await pilot.pause()
        assert len(FamilyStore(data_dir).practice_on(THURSDAY)) == 5
        header = static_text(app, "#day-header")
        assert "4 done, 1 tried, of 7" in header and "13 of 10 min" in header, header

        await skip_child(pilot, 1, 0)  # Leo, sick day: his bath is off, his breakfast and buttons happened
        [skip] = FamilyStore(data_dir).skip_days()
        assert skip.child == "leo"
        header = static_text(app, "#day-header")
        assert "4 done, 1 tried, of 6" in header, header
        assert "13 of 10 min" in header, header
        assert "Leo's day skipped: sick day" in header
        assert routine_line(app, "Breakfast").endswith("3 of 3")
        assert routine_line(app, "Getting dressed").endswith("1 of 1")
        assert routine_line(app, "Bath time").endswith("1 of 1")  # Noa's, tried
        rows = [r.strip() for r in option_texts(app.screen.query_one(PracticeChecklist))]
        leo = [r for r in rows if "Leo" in r and not r[:2].isdigit()]
        assert sorted(r[0] for r in leo) == ["–", "✓", "✓"], leo
        assert all(r.endswith("(sick day)") for r in leo), leo
        assert any(r.startswith("~ Noa") and "tried" in r for r in rows), rows
        checklist = app.screen.query_one(PracticeChecklist)
        checklist.highlighted = next(
            i for i, r in enumerate(checklist.rows) if r.item and r.item.key[:2] == ("leo", "buttons")
        )
        await pilot.pause()
        card = static_text(app, "#card-entry")
        assert "Done at 07:20" in card and "Leo: sick day; this practice still counts." in card, card

        await skip_child(pilot, 2, 1)  # Maya, holiday: her breakfast straw happened, play time is off
        header = static_text(app, "#day-header")
        assert "4 done, 1 tried, of 5" in header, header
        assert "13 of 10 min" in header, header
        assert "Leo's day skipped: sick day" in header and "Maya's day skipped: holiday" in header
        assert routine_line(app, "Breakfast").endswith("3 of 3")
        assert " of " not in routine_line(app, "Play time")


async def test_the_whole_family_skipped_keeps_its_short_header(make_app, store, data_dir):
    add_noa(store)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await skip_child(pilot, 0, 0)
        header = static_text(app, "#day-header")
        assert "sick day" in header and "skipped" not in header and " done" not in header


PROGRAM = """\
format = "family-tui/program@1"
start = 2026-11-30

[[children]]
id = "ava"
name = "Ava"

[[children]]
id = "ben"
name = "Ben"
color = "orange"

[[routines]]
id = "breakfast"
name = "Breakfast"
time = "07:30"

[[routines]]
id = "bath"
name = "Bath time"
time = "18:30"

[[goals]]
child = "ava"
discipline = "SLP"
title = "Say /k/ at the end of words"

  [[goals.strategies]]
  id = "duck-k"
  title = "Duck sounds"
  routines = ["breakfast"]

[[goals]]
child = "ben"
discipline = "PT"
title = "Hop on one foot"

  [[goals.strategies]]
  id = "hop"
  title = "Hop to the bath"
  routines = ["bath"]
"""


async def test_a_program_started_on_monday_can_be_filled_in_from_monday(tmp_path: Path):
    """Started Monday 30 November, installed Thursday 3 December: Tuesday can be logged."""
    clock = FixedClock(datetime(2026, 12, 3, 9, 0))
    data_dir = tmp_path / "data"
    program = tmp_path / "program.toml"
    program.write_text(PROGRAM, encoding="utf-8")
    import_program(FamilyStore(data_dir, clock=clock), program)
    app = make_app(data_dir, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert "Tuesday 1 December" in static_text(app, "#day-header")
        await pilot.press("space")
        await pilot.pause()
        [entry] = FamilyStore(data_dir).practice_on(date(2026, 12, 1))
        assert (entry.child, entry.strategy) == ("ava", "duck-k")

        await pilot.press("left_square_bracket", "left_square_bracket")  # Sunday 29 November
        header = static_text(app, "#day-header")
        assert "Sunday 29 November" in header and "The program starts on Mon 30 Nov" in header
        card = static_text(app, "#card-title")
        assert card.startswith("The program starts on Mon 30 Nov")
        assert "Nothing is planned" not in card and "Add routines" not in card
        # How to let practice start earlier: the goals' start in the editor, or in the file.
        assert "To record earlier days" in card and "“Starts on”" in card and "(e)" in card
        assert "start =" in card
        keys = dict(footer_keys(app))  # nothing on the day to mark or give details of
        assert "space" not in keys and "d" not in keys
        rows = option_texts(app.screen.query_one(PracticeChecklist))
        assert "Nothing to practise here on this day." in [r.strip() for r in rows]
        assert not any("today" in r.lower() for r in rows)


async def test_another_days_card_and_list_never_say_today(make_app, store):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        assert "Not yet today" in static_text(app, "#card-entry")
        await pilot.press("left_square_bracket")
        entry_line = static_text(app, "#card-entry")
        assert "today" not in entry_line.lower() and "Space marks it practised" in entry_line


async def test_the_card_keeps_the_time_it_was_done_when_details_are_edited_later(make_app, clock, data_dir):
    clock.set(datetime(2026, 11, 26, 18, 22))
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("space")  # Leo's S-toys at bath time, due now
        await pilot.pause()
        assert "Done at 18:22" in static_text(app, "#card-entry")
        clock.set(datetime(2026, 11, 26, 18, 24))
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        [entry] = FamilyStore(data_dir).practice_on(THURSDAY)
        assert entry.updated_at.time() == time(18, 24)
        card = static_text(app, "#card-entry")
        assert "Done at 18:22" in card and "18:24" not in card


async def test_a_day_filled_in_afterwards_says_when_it_was_recorded(make_app, clock, data_dir):
    app = make_app()  # Thursday 26 November, 07:20
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("left_square_bracket", "space")
        await pilot.pause()
        assert len(FamilyStore(data_dir).practice_on(date(2026, 11, 25))) == 1
        card = static_text(app, "#card-entry")
        assert "recorded on Thu 26 Nov" in card and "07:20" not in card


async def test_details_on_a_skipped_childs_item_say_why_and_open_no_form(make_app, store, data_dir):
    from family_tui.screens.today import TodayScreen

    store.save_many([SkipDay(date=THURSDAY, child="leo", reason=SkipReason.SICK)])
    app = make_app()
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        checklist = app.screen.query_one(PracticeChecklist)
        checklist.highlighted = next(
            i for i, row in enumerate(checklist.rows) if row.item and row.item.child.id == "leo"
        )
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert any("Leo: sick day" in n.message for n in app._notifications)
        assert FamilyStore(data_dir).practice_on(THURSDAY) == []


async def test_the_goal_form_edits_when_the_goal_starts(make_app, store, data_dir):
    from tests.app.test_editor import fill, highlight, open_editor, save

    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        editor = await open_editor(app, pilot, "goals")
        await highlight(pilot, editor, "leo-s")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert str(form.query_one("#f-created").value) == "2026-01-01"
        await fill(pilot, form, created="30/11")
        await save(pilot)
        assert "year-month-day" in static_text(app, "#created-error")
        await fill(pilot, form, created="2026-11-30")
        await save(pilot)
        assert FamilyStore(data_dir).program().goal("leo-s").created == date(2026, 11, 30)


async def test_a_crowded_header_with_tried_items_fits_80_columns(make_app, store, clock):
    """The longest day label, a long name, done and tried, minutes, questions, wins and a skip: whole phrases per line."""
    from family_tui.domain.models import Caregiver, Note, NoteKind, Win
    from family_tui.storage.this_computer import remember_caregiver

    add_noa(store)
    now = clock.now()
    wednesday = date(2026, 11, 25)
    store.save(Caregiver(id="rosalind", name="Grandma Rosalind"))
    remember_caregiver(store.data_dir, "rosalind")
    stamps = {"date": wednesday, "created_at": now, "updated_at": now}
    for child, strategy, routine, status in (
        ("leo", "snack-s", "breakfast", PracticeStatus.DONE),
        ("maya", "straw", "breakfast", PracticeStatus.TRIED),
        ("noa", "sign-more", "breakfast", PracticeStatus.TRIED),
        ("leo", "buttons", "dressing", PracticeStatus.DONE),
    ):
        store.record_practice(
            PracticeEntry(child=child, strategy=strategy, routine=routine, minutes=40, status=status, **stamps)
        )
    store.save_many(
        [
            SkipDay(date=wednesday, child="maya", reason=SkipReason.CANCELLED),
            *(
                Note(
                    kind=NoteKind.QUESTION,
                    child="leo",
                    text=f"Question {n}?",
                    author="Mom",
                    created_at=now,
                    updated_at=now,
                )
                for n in range(12)
            ),
            *(Win(child="leo", text=f"Win {n}", when=now, who="Dad") for n in range(12)),
        ]
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("left_square_bracket")  # yesterday: "Yesterday, Wednesday 25 November"
        await pilot.pause()
        header = app.screen.query_one("#day-header")
        lines = static_text(app, "#day-header").split("\n")
        assert any("2 done, 2 tried, of 6" in line for line in lines), lines
        assert all(len(line) <= 78 for line in lines), lines  # one column of padding a side
        assert header.region.height == len(lines) <= 3, lines  # nothing wrapped again inside a phrase
        assert "160 of 10 min" in " ".join(lines)
