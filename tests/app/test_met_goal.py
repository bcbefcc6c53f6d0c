"""A met goal leaves Today; its history stays in Progress, marked in words."""

from __future__ import annotations

from datetime import date

from family_tui.domain.models import GoalStatus
from family_tui.domain.progress import Scope
from family_tui.screens.progress import ProgressScreen
from family_tui.storage import FamilyStore
from tests.screen_text import all_text

from .test_progress import entry, open_progress, settle

MET = date(2026, 11, 24)


async def test_a_met_goal_leaves_today_and_keeps_its_history_in_progress(make_app, store: FamilyStore):
    store.record_many(
        entry(day, "leo", "buttons", "dressing", minutes=4) for day in (date(2026, 11, 19), date(2026, 11, 20))
    )
    buttons = store.program().goal("leo-buttons")
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert "Buttons from the bottom up" in all_text(app)  # on Today while the goal is active
        app.store.save(buttons.model_copy(update={"status": GoalStatus.MET, "met_on": MET}))
        screen = await open_progress(app, pilot)
        options = [str(label) for label, _scope in screen.scope_options(store.program().child("leo"))]
        assert "OT: Button his own shirt (met on Tue 24 Nov)" in options
        screen.query_one("#progress-scope").value = Scope("leo", "leo-buttons")
        await settle(app, pilot)
        assert "Button his own shirt: Only at home so far" in all_text(app)  # its practice still counts
        await pilot.press("escape")
        app.screen._tick()  # Today picks up the change as its clock tick does (every few seconds)
        await settle(app, pilot)
        assert not isinstance(app.screen, ProgressScreen)
        assert "Buttons from the bottom up" not in all_text(app)  # gone from Today
        assert len(FamilyStore(app.store.data_dir).all_practice()) == 2  # history kept on disk
