"""The details form asks for what a strategy measures (issue 26, point 4), at 80x24.

Seconds on each side for a timed strategy, the steps done on her own for a task broken
into steps, a count for a counted one; typed straight through with Tab, the values are
on disk and every field is in view as it is reached.
"""

from __future__ import annotations

from datetime import date, datetime

from family_tui.domain.models import Measure, PracticeEntry, Side
from family_tui.storage import FamilyStore
from tests.app.test_form_focus import in_view
from tests.app.test_progress import open_progress
from tests.screen_text import static_text

SMALL = (80, 24)
STAMPED = {
    "date": date(2026, 11, 24),
    "child": "leo",
    "strategy": "snack-s",
    "routine": "breakfast",
    "created_at": datetime(2026, 11, 24, 8, 0),
    "updated_at": datetime(2026, 11, 24, 8, 0),
}
"""Leo's S-words at breakfast on Tuesday, before the Thursday the tests run on."""
STEPS = ["Find the lowest button", "Pinch the button", "Hold the hole open", "Push it through", "Pull it", "Next one"]


def measured(store: FamilyStore, **update) -> None:
    """Breakfast's S-words (the first item on Today) measured another way."""
    strategy = store.program().strategy("snack-s")
    store.save_many([strategy.model_copy(update={"uses_trials": False, **update})])


def saved(data_dir, clock) -> PracticeEntry:
    (entry,) = [e for e in FamilyStore(data_dir, clock=clock).all_practice() if e.strategy == "snack-s"]
    return entry


async def tab_to(pilot, widget_id: str) -> None:
    for _ in range(12):
        if pilot.app.focused is not None and pilot.app.focused.id == widget_id:
            assert in_view(pilot.app.screen, pilot.app.focused), widget_id
            return
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached #{widget_id}; at {pilot.app.focused}")


async def test_seconds_on_each_side_typed_straight_through(make_app, store, data_dir, clock):
    measured(store, measure=Measure.SECONDS, sides=[Side.LEFT, Side.RIGHT])
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("d")
        await pilot.pause()
        form = app.screen
        assert not form.query("#trials-total") and not form.query("#counted")
        assert "Seconds left" in str(form.query_one("#seconds-left").parent.children[0].render())
        await tab_to(pilot, "seconds-left")
        await pilot.press("7", "tab", "4")
        assert app.focused.id == "seconds-right"
        await pilot.press("ctrl+s")
        await pilot.pause()
    entry = saved(data_dir, clock)
    assert (entry.seconds_left, entry.seconds_right, entry.seconds) == (7, 4, None)
    assert entry.trials_total is None and entry.steps_alone is None


async def test_seconds_out_of_range_is_refused_with_a_message(make_app, store, data_dir, clock):
    measured(store, measure=Measure.SECONDS)
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("d")
        await pilot.pause()
        await tab_to(pilot, "seconds")
        await pilot.press("9", "9", "9", "9", "ctrl+s")
        await pilot.pause()
        assert "Seconds must be between 0 and 3600" in str(app.screen.query_one("#seconds-error").render())
        await pilot.press("end", *["backspace"] * 4, "minus")  # a lone sign, all the field lets through
        assert app.screen.query_one("#seconds").value == "-"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Seconds must be between 0 and 3600" in str(app.screen.query_one("#seconds-error").render())
    assert not [e for e in FamilyStore(data_dir, clock=clock).all_practice() if e.strategy == "snack-s"]


async def test_steps_done_on_her_own_are_ticked_and_saved(make_app, store, data_dir, clock):
    measured(store, measure=Measure.STEPS, steps=STEPS)
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("d")
        await pilot.pause()
        steps = app.screen.query_one("#steps-alone")
        assert steps.option_count == 6
        await tab_to(pilot, "steps-alone")
        await pilot.press("space", "down", "space", "down", "down", "space", "down", "space")
        await pilot.press("tab")
        assert app.focused.id == "note"
        await pilot.press("ctrl+s")
        await pilot.pause()
    entry = saved(data_dir, clock)
    assert (entry.steps_alone, entry.steps_total) == ([0, 1, 3, 4], 6)


async def test_a_count(make_app, store, data_dir, clock):
    measured(store, measure=Measure.COUNT)
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("d")
        await pilot.pause()
        await tab_to(pilot, "counted")
        await pilot.press("8", "ctrl+s")
        await pilot.pause()
    assert saved(data_dir, clock).counted == 8


async def test_the_form_opens_on_last_saved_values(make_app, store, data_dir, clock):
    measured(store, measure=Measure.STEPS, steps=STEPS)
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("d")
        await pilot.pause()
        await tab_to(pilot, "steps-alone")
        await pilot.press("down", "space", "ctrl+s")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.query_one("#steps-alone").selected == [1]


async def test_progress_shows_the_steps_and_seconds_in_words(make_app, store):
    buttons = store.program().strategy("buttons")
    store.save_many([buttons.model_copy(update={"measure": Measure.STEPS, "steps": STEPS})])
    measured(store, measure=Measure.SECONDS, sides=[Side.LEFT, Side.RIGHT])
    stamp = datetime(2026, 11, 24, 8, 0)

    def practised(strategy, routine, **values):
        return PracticeEntry(
            date=date(2026, 11, 24),
            child="leo",
            strategy=strategy,
            routine=routine,
            created_at=stamp,
            updated_at=stamp,
            **values,
        )

    store.record_many(
        [
            practised("buttons", "dressing", steps_alone=[2, 3, 4, 5], steps_total=6),
            practised("snack-s", "breakfast", seconds_left=7, seconds_right=4),
        ]
    )
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await open_progress(app, pilot)
        text = static_text(app, "#progress-measures")
    assert "S-words at breakfast: best 7 s left, 4 s right" in text
    assert "Buttons from the bottom up: 4 of 6 steps on their own" in text


async def test_a_strategy_that_counted_tries_before_asks_only_for_its_steps(make_app, store, data_dir, clock):
    store.record_many([PracticeEntry(**{**STAMPED, "trials_correct": 3, "trials_total": 5})])
    measured(store, measure=Measure.STEPS, steps=STEPS)
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.query("#steps-alone") and not app.screen.query("#trials-total")
