"""The fridge chart: a box per planned day, a star for every try, a day off for a skipped day, no scores."""

from __future__ import annotations

import re
from datetime import time

from family_tui.domain.chart import Mark, build_chart, render_chart_html
from family_tui.domain.models import Discipline, Goal, GoalStatus, PracticeStatus, Routine, Strategy, Weekday

from .builders import MON23, THU26, TUE24, WED25, entry, leo_sick_tuesday, leo_week_entries, program

B, S, OFF, NO = Mark.BOX, Mark.STAR, Mark.DAY_OFF, Mark.NONE


def leo(family):
    return family.child("leo")


def marks(chart, strategy_id):
    (row,) = [r for r in chart.rows if r.strategy_id == strategy_id]
    return row.marks


def test_a_box_on_each_planned_day_and_a_star_where_practice_happened():
    family = program()
    chart = build_chart(family, leo(family), MON23, leo_week_entries())
    assert chart.child == "Leo"
    assert chart.days[0] == MON23 and len(chart.days) == 7
    # Snake sound: breakfast and bath, every day; practised Mon, Wed, Thu, Fri, Sat.
    assert marks(chart, "snake") == (S, B, S, S, S, S, B)
    # S picture cards: the school run, Mon-Fri only; practised Wednesday.
    assert marks(chart, "s-cards") == (B, B, S, B, B, NO, NO)
    # One foot per step: its goal starts on Thursday 26.
    assert marks(chart, "step") == (NO, NO, NO, S, B, B, B)
    # Mia's strategy is not on Leo's chart.
    assert [r.strategy_id for r in chart.rows] == ["snake", "s-cards", "step"]


def test_a_try_counts_as_much_as_a_success():
    family = program()
    tried = entry(TUE24, "s-cards", "school-run", status=PracticeStatus.TRIED, trials=None)
    chart = build_chart(family, leo(family), MON23, [tried])
    assert marks(chart, "s-cards")[1] is S


def test_practice_in_one_of_two_routines_is_the_days_star():
    family = program()
    chart = build_chart(family, leo(family), MON23, [entry(WED25, "snake", "bath")])
    assert marks(chart, "snake") == (B, B, S, B, B, B, B)


def test_a_skipped_day_is_a_day_off_not_an_empty_box():
    family = program()
    chart = build_chart(family, leo(family), MON23, [], [leo_sick_tuesday()])
    assert marks(chart, "snake")[1] is OFF
    assert marks(chart, "s-cards")[1] is OFF
    assert marks(chart, "step")[1] is NO  # not planned that day anyway
    # Mia was not ill: her Tuesday is a box to fill.
    assert marks(build_chart(family, family.child("mia"), MON23, [], [leo_sick_tuesday()]), "pencil")[1] is B


def test_practice_on_a_skipped_day_still_gets_its_star():
    family = program()
    chart = build_chart(family, leo(family), MON23, [entry(TUE24, "snake", "breakfast")], [leo_sick_tuesday()])
    assert marks(chart, "snake")[1] is S


def test_a_strategy_planned_three_days_has_three_boxes():
    family = program(
        extra_goals=[Goal(id="leo-jump", child="leo", discipline=Discipline.PT, title="Jump")],
        extra_strategies=[Strategy(id="hop", goal="leo-jump", title="Hop to the car", routines=["music"])],
    )
    family.routines.append(
        Routine(id="music", name="Music class", time=time(17, 0), days=[Weekday.MON, Weekday.WED, Weekday.FRI])
    )
    chart = build_chart(family, leo(family), MON23, [entry(WED25, "hop", "music")])
    (row,) = [r for r in chart.rows if r.strategy_id == "hop"]
    assert row.planned_days == 3
    assert row.marks == (B, NO, S, NO, B, NO, NO)


def test_a_strategy_with_nothing_planned_that_week_is_left_off():
    family = program()
    chart = build_chart(family, leo(family), MON23.replace(day=16), [])  # the week before the stairs goal
    assert [r.strategy_id for r in chart.rows] == ["snake", "s-cards"]


def test_the_childs_words_and_emoji_replace_the_therapists_title():
    family = program()
    family.strategies[0] = family.strategies[0].model_copy(update={"kid_title": "Snake hiss", "kid_emoji": "🐍"})
    chart = build_chart(family, leo(family), MON23, [])
    first, second = chart.rows[:2]
    assert (first.words, first.emoji) == ("Snake hiss", "🐍")
    assert (second.words, second.emoji) == ("S picture cards", "")  # no kid_title: the title


def test_the_page_shows_the_name_the_days_and_stars_and_no_percentages_or_scores():
    family = program()
    chart = build_chart(family, leo(family), MON23, leo_week_entries(), [leo_sick_tuesday()])
    page = render_chart_html(chart, made_on=THU26)
    assert ">Leo</h1>" in page
    assert "23–29 November 2026" in page
    assert page.count('class="cell is-star"') == 7  # snake 5, cards 1, stairs 1
    assert page.count('class="cell is-day-off"') == 2
    assert "%" not in page
    text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", page, flags=re.DOTALL)
    for word in ("score", "points", "correct", "accuracy", "missed"):
        assert word not in text.lower()


def test_everything_typed_is_escaped():
    family = program(leo_name="<b>Leo</b>")
    family.strategies[0] = family.strategies[0].model_copy(
        update={"kid_title": '<script>alert("hi")</script>', "kid_emoji": "<i>"}
    )
    page = render_chart_html(build_chart(family, leo(family), MON23, []))
    assert "<script>" not in page and "<b>Leo" not in page and "<i>" not in page
    assert "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;Leo&lt;/b&gt;" in page


def test_a_child_with_nothing_planned_gets_a_kind_line():
    family = program()
    family.goals[2] = family.goals[2].model_copy(update={"status": GoalStatus.PAUSED})  # Mia's only goal
    page = render_chart_html(build_chart(family, family.child("mia"), MON23, []))
    assert "Nothing is planned for Mia this week." in page
    assert 'class="chart"' not in page
