"""What a therapist's reply changes, as the family sees it: the new cue on Today, her answer in the notes."""

from __future__ import annotations

from datetime import timedelta

from family_tui.usecases.reply import import_reply
from tests.app.test_media_on_card import highlighted_strategy
from tests.app.test_notes import open_pane, pane_rows
from tests.app.test_notes_therapists import a_question
from tests.screen_text import static_text

HEAD = 'format = "family-tui/reply@1"\ntherapist = "rivera"\ndate = {day}\n'


def reply(day, body: str) -> str:
    return HEAD.format(day=day.isoformat()) + body


async def test_today_says_the_cue_is_new_from_her_for_a_week(make_app, store, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)):
        first = highlighted_strategy(app)
    today = clock.now().date()
    since = today - timedelta(days=2)
    import_reply(store, reply(since, f'[[cues]]\nstrategy = "{first}"\ncue = "Snake teeth: sss"\nfrom = {since}\n'))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert static_text(app, "#card-cue") == "Snake teeth: sss"
        assert static_text(app, "#card-new-cue") == "New cue from Ms. Rivera since Tue 24 Nov"
        assert app.screen.query_one("#card-new-cue").display


async def test_a_cue_changed_more_than_a_week_ago_is_no_longer_new(make_app, store, clock):
    app = make_app()
    async with app.run_test(size=(80, 24)):
        first = highlighted_strategy(app)
    since = clock.now().date() - timedelta(days=7)
    import_reply(store, reply(since, f'[[cues]]\nstrategy = "{first}"\ncue = "Snake teeth: sss"\nfrom = {since}\n'))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert static_text(app, "#card-cue") == "Snake teeth: sss"
        assert not app.screen.query_one("#card-new-cue").display


async def test_the_notes_pane_says_the_answer_came_in_her_reply(make_app, store, clock):
    question = a_question(clock, days_ago=2)
    store.save(question)
    today = clock.now().date()
    import_reply(store, reply(today, f'[[answers]]\nquestion = "{question.id}"\ntext = "Model it: sssnake."\n'))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot)
        pane.select_note(question.id)
        await pilot.pause()
        rows = pane_rows(app)
        assert any("answered by Ms. Rivera, reply of Thu 26 Nov" in r for r in rows), rows


async def test_progress_names_the_cue_change_so_before_is_told_from_after(make_app, store, clock):
    from tests.app.test_progress import open_progress

    since = clock.now().date() - timedelta(days=2)
    import_reply(store, reply(since, f'[[cues]]\nstrategy = "snack-s"\ncue = "Snake teeth: sss"\nfrom = {since}\n'))
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await open_progress(app, pilot)
        assert "Leo" in static_text(app, "#progress-header")
        assert static_text(app, "#progress-cues") == (
            "Cue changes\nS-words at breakfast: “Snake teeth: sss” from Tue 24 Nov (Ms. Rivera); "
            "before: “Teeth together, let the snake out: sss”"
        )
