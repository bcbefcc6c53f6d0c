"""Issue 26.2 on Today: ``h`` shows today's 5 minutes first; the rest stays, dimmed and tickable."""

from __future__ import annotations

from datetime import date, datetime, time

from family_tui.domain.models import Strategy
from family_tui.storage import FamilyStore
from family_tui.widgets.checklist import PracticeChecklist
from tests.screen_text import static_text
from tests.waits import wait_until

THURSDAY = date(2026, 11, 26)


def dimmed_rows(app) -> dict[str, bool]:
    """Each item row's strategy id and whether it is drawn dimmed."""
    checklist = app.screen.query_one(PracticeChecklist)
    found = {}
    for index, row in enumerate(checklist.rows):
        if row.item is None:
            continue
        body = checklist.get_option_at_index(index).prompt.body
        dim = any(span.start == 0 and span.end >= len(body.plain) and "dim" in str(span.style) for span in body.spans)
        found[f"{row.item.child.id}:{row.item.strategy.id}:{row.item.routine.id}"] = dim
    return found


def prioritise(store: FamilyStore, **priorities: int) -> None:
    program = store.program()
    store.save_many(
        [Strategy(**{**s.__dict__, "priority": priorities[s.id]}) for s in program.strategies if s.id in priorities]
    )


async def test_h_dims_all_but_each_child_s_first_minutes_and_the_rest_stay_tickable(make_app, store, data_dir):
    prioritise(store, **{"bath-s": 1, "buttons": 2})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not any(dimmed_rows(app).values())
        await pilot.press("h")
        await pilot.pause()
        assert dimmed_rows(app) == {
            "leo:snack-s:breakfast": True,
            "maya:straw:breakfast": False,
            "leo:buttons:dressing": True,
            "maya:straw:play": False,
            "leo:bath-s:bath": False,
        }
        header = static_text(app, "#day-header")
        assert "today's 5 minutes" in header and "missed" not in header, header
        # A dimmed item is still marked with space: the cursor starts on Leo's S-words at breakfast.
        checklist = app.screen.query_one(PracticeChecklist)
        assert checklist.highlighted_item is not None and checklist.highlighted_item.strategy.id == "snack-s"
        await pilot.press("space")
        await wait_until(pilot, lambda: len(FamilyStore(data_dir).practice_on(THURSDAY)) == 1, "the tick saved")
        assert "Leo 3 of 10" in static_text(app, "#day-header")
        # h again: everything as equals.
        await pilot.press("h")
        await pilot.pause()
        assert not any(dimmed_rows(app).values())
        assert "today's 5 minutes" not in static_text(app, "#day-header")


async def test_after_the_family_s_hour_a_gentle_line_offers_the_short_day(make_app, store, clock):
    store.update_settings(short_day_from=time(17, 0))
    clock.set(datetime(2026, 11, 26, 16, 59))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Short on time?" not in static_text(app, "#day-header")
        clock.set(datetime(2026, 11, 26, 17, 1))
        await wait_until(pilot, lambda: "Short on time?" in static_text(app, "#day-header"), "the offer")
        header = static_text(app, "#day-header")
        assert "h shows today's 5 minutes" in header and "missed" not in header and "only" not in header
        await pilot.press("h")
        await pilot.pause()
        assert "Short on time?" not in static_text(app, "#day-header")  # taken up: no need to offer it again
        lines = static_text(app, "#day-header").split("\n")
        assert all(len(line) <= 78 for line in lines), lines


async def test_without_an_hour_set_the_short_day_is_never_offered(make_app, store, clock):
    clock.set(datetime(2026, 11, 26, 20, 0))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Short on time?" not in static_text(app, "#day-header")


async def test_a_strategy_done_its_times_this_week_says_so_on_today(make_app, store, clock, data_dir):
    """Issue 26.3: Maya's straw 3 times a week, done Mon-Wed: Thursday says "3 of 3 this week ✓", counted nowhere."""
    from family_tui.domain.models import PracticeEntry

    prioritise(store)  # no priorities
    program = store.program()
    store.save(Strategy(**{**program.strategy("straw").__dict__, "times_per_week": 3}))
    now = clock.now()
    for offset in (3, 2, 1):  # Mon, Tue, Wed before Thursday 26 November
        day = date(2026, 11, 26 - offset)
        store.record_practice(
            PracticeEntry(
                date=day, child="maya", strategy="straw", routine="breakfast", minutes=2, created_at=now, updated_at=now
            )
        )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        from tests.screen_text import option_texts

        rows = option_texts(app.screen.query_one(PracticeChecklist))
        straw = [r for r in rows if "Straw drinking" in r]
        assert len(straw) == 2 and all(r.strip().startswith("✓ Maya") and "3 of 3 this week ✓" in r for r in straw), (
            rows
        )
        header = static_text(app, "#day-header")
        assert "0 of 3 done" in header and "Maya" not in header, header  # only Leo's three are open today
