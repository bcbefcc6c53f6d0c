"""A goal's mastery criterion in Progress: said in words, with the day it began to hold; never marked met."""

from __future__ import annotations

from datetime import date

from family_tui.domain.models import Assistance, GoalStatus, Mastery
from family_tui.domain.progress import Scope
from family_tui.storage import FamilyStore
from tests.screen_text import all_text

from .test_progress import entry, open_progress, settle


async def test_the_goal_view_says_since_when_practice_meets_the_mastery_criterion(make_app, store: FamilyStore):
    goal = store.program().goal("leo-s")
    store.save(goal.model_copy(update={"mastery": Mastery(percent=80, days=2, level=Assistance.VERBAL)}))
    store.record_many(
        [
            entry(date(2026, 11, 23), "leo", "snack-s", "breakfast", trials_correct=2, trials_total=5),
            entry(
                date(2026, 11, 24),
                "leo",
                "snack-s",
                "breakfast",
                trials_correct=4,
                trials_total=5,
                assistance=Assistance.VERBAL,
            ),
            entry(
                date(2026, 11, 25),
                "leo",
                "snack-s",
                "breakfast",
                trials_correct=5,
                trials_total=5,
                assistance=Assistance.INDEPENDENT,
            ),
        ]
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_progress(app, pilot)
        screen.query_one("#progress-scope").value = Scope("leo", "leo-s")
        await settle(app, pilot)
        text = all_text(app)
        assert "Mastered when: 80% correct on 2 practised days in a row, with a verbal cue at most." in text
        assert "Meets the mastery criterion since Wed 25 Nov: ask the therapist whether to move on." in text
    assert FamilyStore(store.data_dir).program().goal("leo-s").status is GoalStatus.ACTIVE  # never marked met
