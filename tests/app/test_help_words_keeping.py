"""Issue 26, points 5-7 on screen: her levels in the details form, the editor's cue notice, "keeping it up"."""

from __future__ import annotations

from datetime import date, datetime

from family_tui.domain.models import Assistance, GoalStatus, Maintenance, PracticeEntry
from family_tui.screens.practice_form import PracticeForm
from family_tui.storage import FamilyStore
from family_tui.widgets.choice_field import ChoiceField
from tests.screen_text import all_text

from .test_editor import fill, highlight, open_editor, save

IND, V, VIS, M = Assistance.INDEPENDENT, Assistance.VERBAL, Assistance.VISUAL, Assistance.MODEL


async def test_the_details_form_offers_her_levels_in_her_order(make_app, store: FamilyStore):
    rivera = next(t for t in store.program().therapists if t.id == "rivera")
    store.save(rivera.model_copy(update={"help_levels": [IND, VIS, V, M]}))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d")  # Leo's S-words at breakfast: an SLP goal of hers
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PracticeForm)
        assert form.query_one("#assistance", ChoiceField).values == [None, IND, VIS, V, M]


def keep_up(store: FamilyStore) -> None:
    goal = store.program().goal("leo-s")
    store.save(
        goal.model_copy(
            update={"status": GoalStatus.MET, "met_on": date(2026, 11, 20), "maintenance": Maintenance.WEEKLY}
        )
    )


async def test_a_met_goal_kept_up_shows_on_today_until_checked_that_week(make_app, store: FamilyStore):
    keep_up(store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = all_text(app)
        assert "S-words at breakfast  keeping it up" in text
        assert "S-toys in the bath" not in text  # one check a week, not the goal's every strategy


async def test_checked_earlier_in_the_week_it_stays_off_today(make_app, store: FamilyStore):
    keep_up(store)
    stamp = datetime(2026, 11, 24, 8, 0)
    store.record_many(
        [
            PracticeEntry(
                date=date(2026, 11, 24),
                child="leo",
                strategy="snack-s",
                routine="breakfast",
                created_at=stamp,
                updated_at=stamp,
            )
        ]
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "keeping it up" not in all_text(app)


async def test_the_editor_says_when_a_strategys_cue_differs_from_its_goals_other(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        editor = await open_editor(app, pilot, "strategies")
        await highlight(pilot, editor, "bath-s")
        await pilot.press("enter")
        await pilot.pause()
        await fill(pilot, app.screen, cue="Snake sound")
        await save(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any(
            '"S-toys in the bath" says "Snake sound" but "S-words at breakfast" of the same goal says '
            '"Teeth together, let the snake out: sss"' in m
            for m in messages
        ), messages
        assert FamilyStore(store.data_dir).program().strategy("bath-s").cue == "Snake sound"  # saved all the same


async def test_the_editor_sets_her_order_and_says_a_wrong_word_under_the_field(make_app, store):
    from .test_editor import error_text

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot, "therapists")
        await highlight(pilot, editor, "rivera")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        await fill(pilot, form, help_levels="independent, nudge")
        await save(pilot)
        assert app.screen is form
        assert error_text(form, "help_levels").startswith('"nudge" is not a level of help')
        assert FamilyStore(store.data_dir).program().therapists[0].help_levels == []  # nothing saved
        await fill(pilot, form, help_levels="independent, Visual or gesture cue, verbal")
        await save(pilot)
        rivera = next(t for t in FamilyStore(store.data_dir).program().therapists if t.id == "rivera")
        assert rivera.help_levels == [IND, VIS, V]


async def test_the_editor_sets_a_weekly_check_for_a_met_goal(make_app, store):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        editor = await open_editor(app, pilot, "goals")
        await highlight(pilot, editor, "leo-s")
        await pilot.press("enter")
        await pilot.pause()
        await fill(pilot, app.screen, status=GoalStatus.MET, met_on="2026-11-20", maintenance=Maintenance.WEEKLY)
        await save(pilot)
        goal = FamilyStore(store.data_dir).program().goal("leo-s")
        assert goal.status is GoalStatus.MET and goal.maintenance is Maintenance.WEEKLY
        await pilot.press("escape")
        await pilot.pause()
        assert "S-words at breakfast  keeping it up" in all_text(app)
