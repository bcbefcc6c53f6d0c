"""Wins: one key from anywhere, prefilled from the checklist, celebrated, logged and counted."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import Select, TextArea

from family_tui.domain.models import Setting, Win
from family_tui.screens.confirm import ConfirmScreen
from family_tui.screens.today import CELEBRATE_SECONDS, TodayScreen
from family_tui.screens.win_form import WinForm
from family_tui.screens.wins import WinsScreen
from family_tui.storage import FamilyStore
from family_tui.widgets.checklist import PracticeChecklist
from family_tui.widgets.wins_log import WINS_PAGE, WinsLog
from tests.screen_text import option_texts, static_text


def stored(data_dir) -> list[Win]:
    return FamilyStore(data_dir).wins()


def make_win(when: datetime, text: str, child="leo", goal: str | None = "leo-s", **extra) -> Win:
    return Win(child=child, goal=goal, text=text, when=when, who=extra.pop("who", "Dad"), **extra)


def log_rows(app) -> list[str]:
    return option_texts(app.screen.query_one(WinsLog))


def win_texts(app) -> list[str]:
    """What each win in the log says: the indented lines after the heading and goal."""
    log = app.screen.query_one(WinsLog)
    texts = []
    for index in range(log.option_count):
        lines = str(log.get_option_at_index(index).prompt).split("\n")[1:]
        texts.append(" ".join(line.strip() for line in lines if line.strip() and not line.strip().startswith("Goal:")))
    return texts


def toasts(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_w_on_today_prefills_the_item_under_the_cursor_and_celebrates(make_app, data_dir, clock):
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        checklist = app.screen.query_one(PracticeChecklist)
        item = checklist.highlighted_item
        assert item is not None
        await pilot.press("w")
        form = app.screen
        assert isinstance(form, WinForm)
        assert form.query_one("#child", Select).value == item.child.id
        assert form.query_one("#goal", Select).value == item.goal.id
        assert form.query_one("#setting", Select).value is Setting.HOME
        await pilot.press(*"Said sun with no reminder!")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        [win] = stored(data_dir)
        assert (win.child, win.goal, win.setting) == (item.child.id, item.goal.id, Setting.HOME)
        assert win.text == "Said sun with no reminder!"
        assert win.who == "Mom" and win.when == clock.now()
        # Warm and short: one toast, and the header glows briefly with the new count.
        assert [t for t in toasts(app) if "🎉" in t] == [
            f"🎉 A win for {item.child.name}! Saved for the weekly update."
        ]
        header = app.screen.query_one("#day-header")
        assert "1 win this week" in static_text(app, "#day-header")
        assert header.has_class("-celebrate")
        await pilot.pause(CELEBRATE_SECONDS + 0.3)
        assert not header.has_class("-celebrate")


async def test_prefill_follows_the_cursor_and_another_child_gets_their_goals(make_app, data_dir, store):
    store.update_settings(caregiver=None)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = app.screen.query_one(PracticeChecklist)
        maya_row = next(i for i, r in enumerate(checklist.rows) if r.item and r.item.child.id == "maya")
        checklist.highlighted = maya_row
        await pilot.press("w")
        form = app.screen
        assert form.query_one("#child", Select).value == "maya"
        assert form.query_one("#goal", Select).value == "maya-straw"
        form.query_one("#child", Select).value = "leo"
        await pilot.pause()
        goal = form.query_one("#goal", Select)
        assert goal.value is Select.NULL
        assert [value for _, value in goal._options if value is not Select.NULL] == ["leo-s", "leo-buttons"]
        goal.value = "leo-buttons"
        form.query_one("#setting", Select).value = Setting.SCHOOL
        form.query_one("#win-text", TextArea).insert("Three buttons at school")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [win] = stored(data_dir)
        assert (win.child, win.goal, win.setting, win.who) == ("leo", "leo-buttons", Setting.SCHOOL, "Parent")


async def test_a_win_needs_words_and_esc_saves_nothing(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("w")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WinForm)
        assert "must not be empty" in static_text(app, "#text-error")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert stored(data_dir) == []


async def test_w_inside_a_form_is_just_a_letter(make_app, data_dir):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("w")
        await pilot.press(*"wow")
        assert isinstance(app.screen, WinForm)
        assert app.screen.query_one("#win-text", TextArea).text == "wow"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [w.text for w in stored(data_dir)] == ["wow"]


async def test_header_counts_only_this_weeks_wins(make_app, store, clock):
    now = clock.now()  # Thursday 26 Nov; the week is Mon 23 - Sun 29
    store.save_many(
        [
            make_win(now - timedelta(days=3, hours=1), "Monday morning"),
            make_win(now - timedelta(days=1), "Wednesday"),
            make_win(now - timedelta(days=4), "Last Sunday"),
        ]
    )
    app = make_app()
    async with app.run_test(size=(130, 40)):
        assert "2 wins this week" in static_text(app, "#day-header")


# -- the log -----------------------------------------------------------------------------------


async def test_log_lists_newest_first_with_goal_and_setting_and_filters(make_app, store, clock):
    now = clock.now()
    store.save_many(
        [
            make_win(now - timedelta(days=1), "Said sun", setting=Setting.SCHOOL),
            make_win(
                now - timedelta(hours=1),
                "Straw at the park",
                child="maya",
                goal="maya-straw",
                setting=Setting.COMMUNITY,
            ),
            make_win(now - timedelta(days=10), "First button", goal="leo-buttons"),
            make_win(now - timedelta(days=2), "Hugged his sister", goal=None),
        ]
    )
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("W")
        await pilot.pause()
        assert isinstance(app.screen, WinsScreen)
        rows = log_rows(app)
        assert win_texts(app) == [
            "Straw at the park",
            "Said sun",
            "Hugged his sister",
            "First button",
        ]
        assert rows[0].startswith("★ Maya") and "Community" in rows[0] and "Goal: Drink from a straw" in rows[0]
        assert "School" in rows[1] and "Goal: Say /s/ at the start of words" in rows[1]
        assert "Goal:" not in rows[2]
        assert "3 this week" in static_text(app, "#wins-header") and "4 in all" in static_text(app, "#wins-header")

        await pilot.press("f")  # Leo
        assert win_texts(app) == ["Said sun", "Hugged his sister", "First button"]
        await pilot.press("g")  # Leo's first goal
        assert win_texts(app) == ["Said sun"]
        assert "Leo · Say /s/ at the start of words" in static_text(app, "#wins-header")
        await pilot.press("g", "g")  # buttons, then no particular goal
        assert win_texts(app) == ["Hugged his sister"]
        await pilot.press("escape")  # clears the filter first...
        assert len(log_rows(app)) == 4
        await pilot.press("escape")  # ...then goes back to Today
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_edit_and_delete_a_win(make_app, data_dir, store, clock):
    original = make_win(clock.now() - timedelta(days=1), "Said sun")
    other = make_win(clock.now() - timedelta(days=2), "Other win")
    store.save_many([original, other])
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("W")
        await pilot.pause()
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, WinForm)
        assert form.query_one("#win-text", TextArea).text == "Said sun"
        form.query_one("#win-text", TextArea).insert("Clearly: ")
        form.query_one("#setting", Select).value = Setting.SOCIAL
        await pilot.press("ctrl+s")
        await pilot.pause()
        changed = next(w for w in stored(data_dir) if w.id == original.id)
        assert changed.text == "Clearly: Said sun" and changed.setting is Setting.SOCIAL
        assert changed.when == original.when and changed.who == "Dad"

        log = app.screen.query_one(WinsLog)
        assert log.highlighted_win.id == original.id
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert len(stored(data_dir)) == 2
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [w.id for w in stored(data_dir)] == [other.id]
        assert win_texts(app) == ["Other win"]


async def test_deleting_a_win_goes_through_the_parent_check(make_app, data_dir, store, clock):
    store.save(make_win(clock.now(), "Stays"))
    app = make_app()
    asked: list[str] = []
    async with app.run_test(size=(100, 32)) as pilot:
        app.may = lambda kind: not kind.parent_only  # a kiosk with no PIN given
        app.ask_for_pin = lambda then, reason: asked.append(reason)
        await pilot.press("W")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert asked == ["delete a win"] and isinstance(app.screen, WinsScreen)
        assert len(stored(data_dir)) == 1


async def test_w_from_the_wins_log_uses_its_filter_and_shows_the_new_win(make_app, data_dir, clock):
    app = make_app()
    async with app.run_test(size=(130, 40), notifications=True) as pilot:
        await pilot.press("W")
        await pilot.pause()
        assert "No wins yet" in log_rows(app)[0]
        await pilot.press("f", "f")  # Maya
        await pilot.press("w")
        form = app.screen
        assert form.query_one("#child", Select).value == "maya"
        form.query_one("#win-text", TextArea).insert("Whole smoothie!")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WinsScreen)
        assert "Whole smoothie!" in log_rows(app)[0]
        assert app.screen.query_one(WinsLog).highlighted == 0
        assert app.screen.query_one("#wins-header").has_class("-celebrate")
        assert "1 this week" in static_text(app, "#wins-header")
        assert any(t.startswith("🎉 A win for Maya!") for t in toasts(app))
        [win] = stored(data_dir)
        assert win.child == "maya" and win.goal is None


async def test_w_and_W_are_listed_in_help(make_app):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one("Static").content)
        for words in ("Win", "Wins log", "Notes", "Add note"):
            assert f"  {words}" in text


async def test_years_of_wins_open_a_page_at_a_time_and_enter_shows_older_ones(make_app, data_dir, store, clock):
    now = clock.now()
    store.save_many([make_win(now - timedelta(days=n), f"Win number {n}") for n in range(120)])
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("W")
        await pilot.pause()
        log = app.screen.query_one(WinsLog)
        rows = log_rows(app)
        assert len(rows) == WINS_PAGE + 1  # the newest page, then the row that shows more
        assert "Win number 0" in rows[0] and f"Win number {WINS_PAGE - 1}" in rows[WINS_PAGE - 1]
        assert rows[-1] == f"… {120 - WINS_PAGE} older wins: enter shows more"
        await pilot.press("end", "enter")
        await pilot.pause()
        assert log.highlighted_win is not None and log.highlighted_win.text == f"Win number {WINS_PAGE}"
        assert len(log_rows(app)) == 2 * WINS_PAGE + 1
        await pilot.press("end", "enter")
        await pilot.pause()
        rows = log_rows(app)
        assert len(rows) == 120 and "Win number 119" in rows[-1]  # all laid out: no "more" row left
        # A filter starts again from the newest page.
        await pilot.press("f")
        await pilot.pause()
        assert len(log_rows(app)) == WINS_PAGE + 1
