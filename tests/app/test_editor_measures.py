"""The program editor sets what a strategy measures (issue 26, point 4): sides only with seconds, steps only with steps."""

from __future__ import annotations

from family_tui.domain.models import Measure, Side
from tests.app.test_editor import error_text, fill, fresh, highlight, open_editor, save


async def edit_buttons(app, pilot):
    editor = await open_editor(app, pilot, "strategies")
    await highlight(pilot, editor, "buttons")
    await pilot.press("enter")
    await pilot.pause()
    return app.screen


async def test_seconds_on_each_side(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        form = await edit_buttons(app, pilot)
        assert not form.query_one("#f-sides").parent.display and not form.query_one("#f-steps").display
        await fill(pilot, form, measure=Measure.SECONDS)
        assert form.query_one("#f-sides").parent.display
        await fill(pilot, form, sides=[Side.LEFT, Side.RIGHT])
        await save(pilot)
    strategy = fresh(data_dir).program().strategy("buttons")
    assert strategy.measured is Measure.SECONDS and strategy.sides == [Side.LEFT, Side.RIGHT]


async def test_steps_one_a_line_and_tries_turned_off(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot, "strategies")
        await highlight(pilot, editor, "snack-s")  # counts tries
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#f-measure").value is Measure.TRIES
        await fill(pilot, form, measure=Measure.STEPS)
        await save(pilot)
        assert "Write the steps, one a line" in error_text(form, "steps")
        await fill(pilot, form, steps="Say the food\n\n  Point to it \n")
        await save(pilot)
    strategy = fresh(data_dir).program().strategy("snack-s")
    assert strategy.measured is Measure.STEPS and not strategy.uses_trials
    assert strategy.steps == ["Say the food", "Point to it"]


async def test_sides_are_dropped_when_the_measure_is_no_longer_seconds(make_app, store, data_dir):
    strategy = store.program().strategy("buttons")
    store.save_many([strategy.model_copy(update={"measure": Measure.SECONDS, "sides": [Side.LEFT]})])
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        form = await edit_buttons(app, pilot)
        assert form.query_one("#f-sides").selected == [Side.LEFT]
        await fill(pilot, form, measure=Measure.COUNT)
        await save(pilot)
    strategy = fresh(data_dir).program().strategy("buttons")
    assert strategy.measured is Measure.COUNT and strategy.sides == []
