"""Today: the day's routines, the cue words, and the one-key checklist."""

from __future__ import annotations

from datetime import date, datetime, time

from textual.widgets import TextArea

from family_tui.domain.models import Assistance, PracticeEntry, PracticeStatus, Setting
from family_tui.storage import FamilyStore
from family_tui.storage.errors import WriteFailedError
from family_tui.storage.this_computer import last_caregiver
from family_tui.widgets.checklist import PracticeChecklist
from tests.screen_text import all_text, option_texts, routine_names, static_text
from tests.waits import wait_until

THURSDAY = date(2026, 11, 26)


def entries(data_dir, day=THURSDAY) -> list[PracticeEntry]:
    """What is on disk, read by a fresh store as another process would."""
    return FamilyStore(data_dir).practice_on(day)


async def test_routines_in_time_order_with_each_childs_items(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)):
        rows = option_texts(app.screen.query_one(PracticeChecklist))
        headers = [r for r in rows if r[:2].isdigit()]
        assert routine_names(rows) == ["Breakfast", "Getting dressed", "Play time", "Bath time"]
        breakfast = rows[rows.index(headers[0]) + 1 : rows.index(headers[1])]
        assert any("Leo" in r and "S-words at breakfast" in r for r in breakfast)
        assert any("Maya" in r and "Straw drinking" in r for r in breakfast)
        # A strategy embedded in two routines is two items.
        assert sum("Straw drinking" in r for r in rows) == 2


async def test_weekday_only_routine_is_absent_at_the_weekend(make_app, clock):
    clock.set(datetime(2026, 11, 28, 9, 0))  # Saturday
    app = make_app()
    async with app.run_test(size=(100, 32)):
        rows = option_texts(app.screen.query_one(PracticeChecklist))
        assert not any("Getting dressed" in r for r in rows)
        assert any("Breakfast" in r for r in rows)


async def test_item_under_cursor_shows_the_therapists_cue_and_goal(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)):
        checklist = app.screen.query_one(PracticeChecklist)
        item = checklist.highlighted_item
        assert item is not None
        card = all_text(app)
        assert item.strategy.cue in static_text(app, "#card-cue")
        assert item.goal.title in card and item.goal.target in card
        if item.strategy.dose:
            assert item.strategy.dose in card


async def test_cursor_starts_on_first_open_item_of_the_routine_due_now(make_app, store, clock):
    # 07:20 on Thursday: breakfast (07:15) is due; Leo's S-words already done.
    now = clock.now()
    store.record_practice(
        PracticeEntry(
            date=THURSDAY, child="leo", strategy="snack-s", routine="breakfast", created_at=now, updated_at=now
        )
    )
    app = make_app()
    async with app.run_test(size=(100, 32)):
        checklist = app.screen.query_one(PracticeChecklist)
        item = checklist.highlighted_item
        assert item is not None and item.routine.id == "breakfast" and item.strategy.id == "straw"
        rows = option_texts(checklist)
        breakfast_header = next(r for r in rows if "Breakfast" in r)
        assert "now" in breakfast_header
        assert not any("now" in r for r in rows if "Bath time" in r)


async def test_routine_with_nothing_embedded_says_so_kindly(make_app, store):
    from family_tui.domain.models import Routine

    store.save(Routine(id="errands", name="Errands", time=time(10, 0)))
    app = make_app()
    async with app.run_test(size=(100, 32)):
        rows = option_texts(app.screen.query_one(PracticeChecklist))
        index = next(i for i, r in enumerate(rows) if "Errands" in r)
        assert "Nothing to practise here today" in rows[index + 1]


async def test_space_marks_practised_on_disk_and_again_unmarks(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        checklist = app.screen.query_one(PracticeChecklist)
        item = checklist.highlighted_item
        await pilot.press("space")
        [entry] = entries(data_dir)
        assert (entry.child, entry.strategy, entry.routine) == item.key
        assert entry.caregiver == "mom" and entry.minutes == item.strategy.minutes
        assert "1 of 5 done" in static_text(app, "#day-header")
        assert "✓" in option_texts(checklist)[checklist.highlighted]
        await pilot.press("space")
        assert entries(data_dir) == []
        assert "0 of 5 done" in static_text(app, "#day-header")


async def test_enter_and_click_mark_too(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        assert len(entries(data_dir)) == 1
        checklist = app.screen.query_one(PracticeChecklist)
        # Click the last row (Leo's bath-time item).
        await pilot.click(PracticeChecklist, offset=(6, 1 + checklist.option_count - 1))
        await pilot.pause()
        assert {e.routine for e in entries(data_dir)} == {"breakfast", "bath"}


async def test_last_details_are_prefilled_for_the_next_check_in(make_app, store, clock, data_dir):
    yesterday = date(2026, 11, 25)
    then = datetime(2026, 11, 25, 7, 30)
    store.record_practice(
        PracticeEntry(
            date=yesterday,
            child="maya",
            strategy="straw",
            routine="breakfast",
            assistance=Assistance.VERBAL,
            setting=Setting.SCHOOL,
            minutes=6,
            created_at=then,
            updated_at=then,
        )
    )
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        checklist = app.screen.query_one(PracticeChecklist)
        checklist.highlighted = next(
            i for i, r in enumerate(checklist.rows) if r.item and r.item.strategy.id == "straw"
        )
        await pilot.press("space")
        [entry] = entries(data_dir)
        assert (entry.assistance, entry.setting, entry.minutes) == (Assistance.VERBAL, Setting.SCHOOL, 6)


async def test_j_k_and_arrows_move_and_number_keys_mark_nth_item_of_routine(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        checklist = app.screen.query_one(PracticeChecklist)
        start = checklist.highlighted
        await pilot.press("j")
        assert checklist.highlighted == start + 1
        await pilot.press("k")
        assert checklist.highlighted == start
        await pilot.press("down", "up")
        assert checklist.highlighted == start
        await pilot.press("2")  # second item of breakfast: Maya's straw drinking
        [entry] = entries(data_dir)
        assert (entry.child, entry.strategy, entry.routine) == ("maya", "straw", "breakfast")
        await pilot.press("9")  # no ninth item: nothing happens
        assert len(entries(data_dir)) == 1


async def test_the_cursor_steps_from_item_to_item_over_the_routine_headers(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        checklist = app.screen.query_one(PracticeChecklist)
        visited = []
        await pilot.press("home")
        for _ in range(len(checklist.rows)):
            visited.append(checklist.highlighted)
            assert checklist.highlighted_item is not None, f"the cursor stopped on a header at row {visited[-1]}"
            await pilot.press("j")
        items = [i for i, row in enumerate(checklist.rows) if row.item is not None]
        assert sorted(set(visited)) == items  # every item reached, in order, and nothing else
        card = all_text(app)
        assert "Pick an item" not in card


async def test_going_back_up_shows_each_routine_header_above_its_first_item(make_app):
    app = make_app()
    async with app.run_test(size=(80, 12)) as pilot:  # room for a few rows: the list scrolls
        checklist = app.screen.query_one(PracticeChecklist)
        await pilot.press("end")
        await pilot.pause()
        assert checklist.scroll_y > 0
        for _ in range(len(checklist.rows)):
            await pilot.press("k")
            await pilot.pause()
            row = checklist.highlighted
            if checklist.rows[row - 1].item is None:  # the first item of its routine
                header = checklist.get_option_at_index(row - 1)
                top_line = checklist._index_to_line[row - 1]
                assert top_line >= checklist.scroll_y, f"{header.prompt} is scrolled out of sight"
        assert checklist.highlighted == 1 and checklist.scroll_y == 0  # Breakfast's header on top


async def test_details_form_records_help_setting_trials_tried_and_note(make_app, data_dir):
    from textual.widgets import Input, TextArea

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        # By keys, as a parent does: → for Tried, a letter picks the answer that starts with it.
        await pilot.press("d", "right", "tab", "m", "tab", "c", "tab", "d")
        form = app.screen
        assert "Tried (had a go)" in all_text(app) and "Community (shops, park, errands)" in all_text(app)
        form.query_one("#minutes", Input).value = "5"
        form.query_one("#trials-correct", Input).value = "3"
        form.query_one("#trials-total", Input).value = "5"
        form.query_one("#note", TextArea).text = "Said 'soup' [clearly]\nat the café"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [entry] = entries(data_dir)
        assert entry.status is PracticeStatus.TRIED
        assert (entry.assistance, entry.setting, entry.caregiver) == (Assistance.MODEL, Setting.COMMUNITY, "dad")
        assert (entry.minutes, entry.trials_correct, entry.trials_total) == (5, 3, 5)
        assert entry.note == "Said 'soup' [clearly]\nat the café"
        assert "Said 'soup' [clearly]" in all_text(app)


async def test_details_form_refuses_impossible_trials_and_saves_nothing(make_app, data_dir):
    from textual.widgets import Input

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("d")
        app.screen.query_one("#trials-correct", Input).value = "6"
        app.screen.query_one("#trials-total", Input).value = "5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "between 0 and the total" in static_text(app, "#trials-error")
        assert entries(data_dir) == []
        await pilot.press("escape")
        assert entries(data_dir) == []


async def test_undo_takes_back_changes_step_by_step(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("1", "2")
        assert len(entries(data_dir)) == 2
        await pilot.press("2")  # un-mark Maya's
        assert len(entries(data_dir)) == 1
        await pilot.press("u")
        assert len(entries(data_dir)) == 2
        await pilot.press("u", "u")
        assert entries(data_dir) == []
        await pilot.press("u")
        assert entries(data_dir) == []


async def test_previous_day_can_be_filled_in_and_future_is_read_only(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("left_square_bracket")
        assert "Yesterday" in static_text(app, "#day-header")
        await pilot.press("space")
        assert len(entries(data_dir, date(2026, 11, 25))) == 1
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert "Tomorrow" in static_text(app, "#day-header")
        await pilot.press("space")
        await pilot.pause()
        assert entries(data_dir, date(2026, 11, 27)) == []
        await pilot.press("t")
        assert "Today" in static_text(app, "#day-header")


async def test_skip_day_counts_as_neither_and_blocks_marking(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the whole family, sick day (the defaults)
        await pilot.pause()
        [skip] = FamilyStore(data_dir).skip_days()
        assert skip.date == THURSDAY and skip.child is None and skip.reason.value == "sick"
        rows = option_texts(app.screen.query_one(PracticeChecklist))
        assert all("sick day" in r for r in rows if "Leo" in r or "Maya" in r)
        header = static_text(app, "#day-header")
        assert "sick day" in header and "missed" not in header
        await pilot.press("space")
        assert entries(data_dir) == []
        await pilot.press("u")
        assert FamilyStore(data_dir).skip_days() == []


async def test_failed_write_leaves_item_unmarked_and_says_why(make_app, monkeypatch, tmp_path):
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:

        def fail(entry):
            raise WriteFailedError(tmp_path / "practice.json", OSError(28, "No space left on device"))

        monkeypatch.setattr(app.store, "record_practice", fail)
        await pilot.press("space")
        await pilot.pause()
        checklist = app.screen.query_one(PracticeChecklist)
        assert "○" in option_texts(checklist)[checklist.highlighted]
        messages = [n.message for n in app._notifications]
        assert any("No space left on device" in m for m in messages)


async def test_day_rolls_over_at_midnight_while_left_open(make_app, clock, data_dir):
    clock.set(datetime(2026, 11, 26, 23, 59, 30))
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        assert "Thursday 26" in static_text(app, "#day-header")
        clock.set(datetime(2026, 11, 27, 0, 0, 5))
        await wait_until(pilot, lambda: "Friday 27" in static_text(app, "#day-header"), "Today to turn to Friday")
        await pilot.press("space")
        assert len(entries(data_dir, date(2026, 11, 27))) == 1


async def test_details_saved_after_midnight_keep_the_days_check_in_and_its_undo(make_app, clock, data_dir, today_ticks):
    """The form opened on Thursday's done item is saved once Today has moved on to Friday."""
    clock.set(datetime(2026, 11, 26, 23, 58))
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("space")  # Leo's S-toys at bath time, due now
        await pilot.pause()
        [done] = entries(data_dir)
        await pilot.press("d")
        await pilot.pause()
        clock.set(datetime(2026, 11, 27, 0, 1))
        await today_ticks.next(pilot)
        app.screen.query_one("#note", TextArea).insert("asleep by the end")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Friday 27" in static_text(app, "#day-header")  # Today followed the clock under the form
        [entry] = entries(data_dir)
        assert entry.note == "asleep by the end"
        assert (entry.id, entry.created_at) == (done.id, done.created_at), "Thursday's check-in was replaced"
        assert entries(data_dir, date(2026, 11, 27)) == []
        await pilot.press("u")  # takes back the note, not the check-in
        await pilot.pause()
        assert entries(data_dir) == [done]


async def test_day_start_setting_keeps_late_evening_on_the_same_day(make_app, store, clock, data_dir):
    store.update_settings(day_start=time(3, 0))
    clock.set(datetime(2026, 11, 27, 0, 30))  # half past midnight, Friday
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        assert "Thursday 26" in static_text(app, "#day-header")
        await pilot.press("space")
        assert len(entries(data_dir, THURSDAY)) == 1
        clock.set(datetime(2026, 11, 27, 3, 0, 1))
        await wait_until(pilot, lambda: "Friday 27" in static_text(app, "#day-header"), "Today to turn to Friday")


async def test_another_copys_check_in_shows_up_without_a_key(make_app, data_dir, clock):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        other = FamilyStore(data_dir)
        now = clock.now()
        other.record_practice(
            PracticeEntry(date=THURSDAY, child="leo", strategy="bath-s", routine="bath", created_at=now, updated_at=now)
        )
        await wait_until(pilot, lambda: "1 of 5 done" in static_text(app, "#day-header"), "the other copy's check-in")
        rows = option_texts(app.screen.query_one(PracticeChecklist))
        assert "✓" in rows[-1] and "S-toys in the bath" in rows[-1]
        assert "1 of 5 done" in static_text(app, "#day-header")


async def test_fits_80x24_with_footer_keys_and_help(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = app.screen.query_one(PracticeChecklist)
        assert checklist.region.width >= 36 and checklist.region.height >= 10
        assert app.screen.query_one("#card-cue").region.height >= 3
        await pilot.press("question_mark")
        help_text = all_text(app)
        for description in ("Details", "Undo", "Prev day", "Next day", "Skip day", "Who"):
            assert description in help_text
        await pilot.press("escape")
        assert app.screen.query(PracticeChecklist)


async def test_caregiver_choice_is_remembered(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("c")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert last_caregiver(data_dir) == "dad"  # on this computer, for the next start
        assert FamilyStore(data_dir).settings().caregiver == "mom"  # not in the family's shared data
        assert "Dad practising" in static_text(app, "#day-header")


def headers_at(rows: list[str]) -> dict[str, str]:
    """Routine name -> what its header says after the name ("◀ now", "◀ next" or "")."""
    found = {}
    for row in rows:
        if row[:2].isdigit() and row[2] == ":":
            name = routine_names([row])[0]
            found[name] = "◀ " + row.split("◀ ")[1].split()[0] if "◀" in row else ""
    return found


async def morning_and_evening(store) -> None:
    """Breakfast 07:15, dressing 07:45, bath 19:00 (play time put away)."""
    from family_tui.domain.models import Routine

    store.save(Routine(id="play", name="Play time", time=time(16, 0), archived=True))
    store.save(Routine(id="bath", name="Bath time", time=time(19, 0)))


async def test_at_1826_bath_is_next_not_dressing_now(make_app, store, clock):
    await morning_and_evening(store)
    clock.set(datetime(2026, 11, 26, 18, 26))
    app = make_app()
    async with app.run_test(size=(100, 32)):
        checklist = app.screen.query_one(PracticeChecklist)
        rows = option_texts(checklist)
        assert headers_at(rows) == {"Breakfast": "", "Getting dressed": "", "Bath time": "◀ next"}
        assert any(r.startswith("19:00 Bath time ◀ next") for r in rows)
        assert checklist.highlighted_item is not None and checklist.highlighted_item.routine.id == "bath"


async def test_at_0750_dressing_is_now(make_app, store, clock):
    await morning_and_evening(store)
    clock.set(datetime(2026, 11, 26, 7, 50))
    app = make_app()
    async with app.run_test(size=(100, 32)):
        checklist = app.screen.query_one(PracticeChecklist)
        assert headers_at(option_texts(checklist)) == {"Breakfast": "", "Getting dressed": "◀ now", "Bath time": ""}
        assert checklist.highlighted_item is not None and checklist.highlighted_item.routine.id == "dressing"


async def test_at_2130_after_the_last_routine_nothing_is_pointed_at(make_app, store, clock):
    await morning_and_evening(store)
    clock.set(datetime(2026, 11, 26, 21, 30))
    app = make_app()
    async with app.run_test(size=(100, 32)):
        checklist = app.screen.query_one(PracticeChecklist)
        rows = option_texts(checklist)
        assert headers_at(rows) == {"Breakfast": "", "Getting dressed": "", "Bath time": ""}
        assert not any("◀" in r for r in rows)
        # Nothing is due: the cursor is on the day's first item still to do.
        assert checklist.highlighted_item is not None and checklist.highlighted_item.routine.id == "breakfast"


def _screen_rows(app, region) -> list[str]:
    """The text drawn in ``region`` of the screen, row by row (Textual's compositor, as painted)."""
    strips = app.screen._compositor.render_strips()  # Textual private: the whole screen as drawn
    return [strip.text[region.x : region.right] for strip in strips[region.y : region.bottom]]


async def test_a_check_in_draws_the_list_as_a_fresh_start_would(make_app):
    """Only the changed rows are drawn again after space; the list must read as if filled anew."""
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("space", "down", "space", "down")
        await pilot.pause()
        after_keys = _screen_rows(app, app.screen.query_one(PracticeChecklist).content_region)
        assert sum("✓" in row for row in after_keys) == 2
    fresh = make_app()
    async with fresh.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert _screen_rows(fresh, fresh.screen.query_one(PracticeChecklist).content_region) == after_keys


async def test_the_details_form_footer_says_how_an_answer_changes(make_app):
    from tests.screen_text import footer_line

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert "← → Change" in footer_line(app) and "^s Save" in footer_line(app)
