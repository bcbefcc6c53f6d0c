"""Progress numbers against examples worked out by hand (see builders.py for the calendar)."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest

from family_tui.domain.models import (
    Assistance,
    Discipline,
    Goal,
    GoalStatus,
    PracticeStatus,
    Setting,
    SkipDay,
    SkipReason,
    Strategy,
)
from family_tui.domain.progress import (
    AssistanceMix,
    HeatState,
    ProgressIndex,
    Scope,
    assistance_mix,
    calendar_weeks,
    consistency,
    consistency_series,
    days_between,
    explain_score,
    generalization,
    generalization_phrase,
    habit_multiplier,
    heatmap,
    independence_by_week,
    minutes_per_day,
    practice_summary,
    streaks,
)

from .builders import (
    FRI27,
    MON16,
    MON23,
    MON30,
    SAT28,
    SUN29,
    THU26,
    TUE24,
    WED25,
    day,
    entry,
    leo_sick_tuesday,
    leo_week_entries,
    program,
    win,
)

LEO = Scope("leo")
LEO_S = Scope("leo", "leo-s")
LEO_STAIRS = Scope("leo", "leo-stairs")
MIA = Scope("mia")

# Daily plan, f = 1: m = 0.5 ** (1/13) = 0.948077514...
M_DAILY = 0.5 ** (1 / 13)
# Weekdays only, f = 5/7: m = 0.5 ** (sqrt(5/7)/13) = 0.955937455...
M_WEEKDAYS = 0.5 ** (math.sqrt(5 / 7) / 13)


def leo_index(**kw) -> ProgressIndex:
    return ProgressIndex(program(), leo_week_entries(), [leo_sick_tuesday()], **kw)


# -- the plan -----------------------------------------------------------------------


def test_planned_items_follow_routine_weekdays_and_goal_created_date():
    index = ProgressIndex(program())
    items = index.planned_items
    # Before Thu 26 (stairs goal not there yet): snake x2 (breakfast, bath) + s-cards (school run).
    assert items(LEO, MON23) == {("snake", "breakfast"), ("snake", "bath"), ("s-cards", "school-run")}
    # Sunday before: no school run -> snake x2 only.
    assert len(items(LEO, day(22))) == 2
    # From Thu 26 the stairs goal adds "step" in the bath: 4 on a weekday, 3 on Saturday.
    assert len(items(LEO, THU26)) == 4
    assert len(items(LEO, SAT28)) == 3
    assert items(LEO_STAIRS, WED25) == frozenset()
    assert items(LEO_STAIRS, THU26) == {("step", "bath")}
    # Mia's only strategy is in the Mon-Fri school run: nothing planned at weekends.
    assert len(items(MIA, FRI27)) == 1
    assert items(MIA, SAT28) == frozenset()


def test_inactive_goals_archived_strategies_and_children_are_not_planned():
    prog = program()
    prog.goals[0].status = GoalStatus.MET  # leo-s
    prog.strategies[3].archived = True  # pencil
    index = ProgressIndex(prog)
    assert index.planned_items(LEO, MON23) == frozenset()
    assert index.planned_items(MIA, MON23) == frozenset()


def test_a_met_goal_keeps_the_days_it_was_planned_until_the_day_it_was_met():
    prog = program()
    prog.goals[0].status = GoalStatus.MET  # leo-s: snake (breakfast + bath), s-cards (school run)
    prog.goals[0].met_on = THU26
    index = ProgressIndex(prog, leo_week_entries())
    assert index.planned_items(Scope("leo", "leo-s"), WED25) == {
        ("snake", "breakfast"),
        ("snake", "bath"),
        ("s-cards", "school-run"),
    }
    assert index.planned_items(Scope("leo", "leo-s"), THU26) == frozenset()
    # Mon-Wed planned and practised Mon and Wed; from Thursday it is met, so the
    # practice on Thu-Sat counts as extra, never as days missed.
    s = practice_summary(index, Scope("leo", "leo-s"), MON23, SUN29)
    assert (s.days_planned, s.days_practised, s.extra_days) == (3, 2, 3)
    # Leo's whole plan from Thursday is the stairs goal alone.
    assert index.planned_items(LEO, FRI27) == {("step", "bath")}


def test_frequency_changes_when_a_goal_is_added_midway():
    # Mia gets a second goal on Wed 25 with a strategy in the Saturday-only park routine.
    prog = program(
        extra_goals=[Goal(id="mia-jump", child="mia", discipline=Discipline.PT, title="Jumps", created=WED25)],
        extra_strategies=[Strategy(id="hop", goal="mia-jump", title="Hop", routines=["park"])],
    )
    index = ProgressIndex(prog)
    # Before: Mon-Fri planned -> 5/7. From Wed 25: Mon-Sat -> 6/7.
    assert index.frequency(MIA, TUE24) == pytest.approx(5 / 7)
    assert index.frequency(MIA, WED25) == pytest.approx(6 / 7)
    assert index.frequency(Scope("mia", "mia-jump"), TUE24) == 0
    assert index.frequency(Scope("mia", "mia-jump"), SAT28) == pytest.approx(1 / 7)
    assert index.planned_items(MIA, day(21)) == frozenset()  # Saturday before the goal existed
    assert index.planned_items(MIA, SAT28) == {("hop", "park")}


# -- days practised out of days planned ------------------------------------------------------


def test_leo_week_practised_5_of_6_planned_days():
    index = leo_index()
    s = practice_summary(index, LEO, MON23, SUN29, target_minutes=10)
    # Mon-Sun = 7 days, Tue sick -> 6 planned; practised Mon, Wed, Thu, Fri, Sat -> 5.
    assert (s.days_planned, s.days_practised, s.extra_days) == (6, 5, 0)
    assert s.phrase == "practised 5 of 6 planned days"
    # Minutes per day: Mon 3, Tue 0, Wed 3+4+3, Thu 3+5, Fri 2, Sat 16, Sun 0 -> 39.
    assert s.minutes_per_day == (3, 0, 10, 8, 2, 16, 0)
    assert s.minutes == 39
    assert s.days_on_target == 2  # Wed (10) and Sat (16) reach 10 minutes
    assert [k.reason for k in s.skip_days] == [SkipReason.SICK]
    assert minutes_per_day(index, LEO, MON23, SUN29) == [3, 0, 10, 8, 2, 16, 0]


def test_per_goal_and_strategy_summaries():
    index = leo_index()
    # leo-s: planned every day but sick Tue -> 6; practised Mon, Wed, Thu, Fri, Sat; 3+10+3+2+16 = 34 min.
    s = practice_summary(index, LEO_S, MON23, SUN29)
    assert (s.days_planned, s.days_practised, s.minutes) == (6, 5, 34)
    # Stairs, added Thu 26: planned Thu-Sun = 4, practised Thu only.
    s = practice_summary(index, LEO_STAIRS, MON23, SUN29)
    assert (s.days_planned, s.days_practised, s.minutes) == (4, 1, 5)
    assert s.phrase == "practised 1 of 4 planned days"
    # S cards: school run Mon-Fri minus sick Tue = 4 planned; practised Wed.
    s = practice_summary(index, Scope("leo", "leo-s", "s-cards"), MON23, SUN29)
    assert (s.days_planned, s.days_practised) == (1 + 3, 1)


def test_today_not_yet_practised_is_not_counted_and_later_days_wait():
    index = leo_index()
    # Today Sunday, nothing logged yet: Sunday is not counted -> 5 of 5.
    s = practice_summary(index, LEO, MON23, SUN29, today=SUN29)
    assert (s.days_planned, s.days_practised) == (5, 5)
    # Today Saturday: Sunday is still to come -> Mon, Wed, Thu, Fri, Sat = 5 of 5.
    s = practice_summary(index, LEO, MON23, SUN29, today=SAT28)
    assert (s.days_planned, s.days_practised) == (5, 5)
    assert len(s.minutes_per_day) == 7


def test_family_skip_day_and_practice_on_unplanned_days_are_extra():
    family_holiday = SkipDay(date=FRI27, reason=SkipReason.HOLIDAY, note="Day after Thanksgiving")
    mia = [entry(day(n), "pencil", "school-run", child="mia") for n in (23, 24, 25, 26)]
    mia.append(entry(SAT28, "pencil", "park", child="mia"))  # Saturday: nothing planned
    index = ProgressIndex(program(), leo_week_entries() + mia, [leo_sick_tuesday(), family_holiday])
    # Mia: Mon-Thu planned and practised, Fri family holiday, weekend nothing planned.
    s = practice_summary(index, MIA, MON23, SUN29)
    assert (s.days_planned, s.days_practised, s.extra_days) == (4, 4, 1)
    assert s.phrase == "practised 4 of 4 planned days, plus 1 extra day"
    # Leo: Tue sick, Fri holiday -> planned Mon, Wed, Thu, Sat, Sun = 5; practised 4 of
    # them; his Friday practice counts as an extra day, not as a planned one.
    s = practice_summary(index, LEO, MON23, SUN29)
    assert (s.days_planned, s.days_practised, s.extra_days) == (5, 4, 1)
    assert [k.date for k in s.skip_days] == [TUE24, FRI27]


def test_tried_counts_as_practice():
    index = ProgressIndex(program(), [entry(MON23, "pencil", "school-run", child="mia", status=PracticeStatus.TRIED)])
    s = practice_summary(index, MIA, MON23, MON23)
    assert (s.days_planned, s.days_practised) == (1, 1)


def test_nothing_planned_phrase():
    index = ProgressIndex(program())
    s = practice_summary(index, MIA, SAT28, SUN29)
    assert (s.days_planned, s.phrase) == (0, "no practice days planned")


# -- heatmap ------------------------------------------------------------------------------


def test_heatmap_states_and_levels():
    index = leo_index()
    cells = heatmap(index, LEO, MON23, SUN29, target_minutes=20)
    # level = max(ceil(4 * done/planned), ceil(4 * minutes/target)), capped at 4:
    # Mon: 1 of 3 items -> ceil(1.33) = 2; 3 min -> ceil(0.6) = 1        -> 2
    # Tue: sick                                                           -> skipped
    # Wed: 3 of 3 items -> 4                                              -> 4
    # Thu: 2 of 4 items -> 2; 8 min -> ceil(1.6) = 2                      -> 2
    # Fri: 1 of 4 items -> 1; 2 min -> ceil(0.4) = 1                      -> 1
    # Sat: 1 of 3 items -> 2; 16 min -> ceil(3.2) = 4 (minutes raise it)  -> 4
    # Sun: planned, nothing logged                                        -> not practised
    assert [(c.state, c.level) for c in cells] == [
        (HeatState.PRACTISED, 2),
        (HeatState.SKIPPED, 0),
        (HeatState.PRACTISED, 4),
        (HeatState.PRACTISED, 2),
        (HeatState.PRACTISED, 1),
        (HeatState.PRACTISED, 4),
        (HeatState.NOT_PRACTISED, 0),
    ]
    assert cells[1].skip is not None and cells[1].skip.note == "fever"
    assert (cells[3].planned_items, cells[3].done_items, cells[3].minutes) == (4, 2, 8)


def test_heatmap_for_a_goal_added_midway_and_future_days():
    index = leo_index()
    cells = heatmap(index, LEO_STAIRS, MON23, SUN29, today=FRI27)
    # Mon, Wed: goal not there yet. Tue: Leo's sick day. Thu: 1 of 1 -> level 4.
    # Fri: today, planned, not yet. Sat, Sun: still to come.
    assert [c.state for c in cells] == [
        HeatState.NONE_PLANNED,
        HeatState.SKIPPED,
        HeatState.NONE_PLANNED,
        HeatState.PRACTISED,
        HeatState.NOT_PRACTISED,
        HeatState.FUTURE,
        HeatState.FUTURE,
    ]
    assert cells[3].level == 4
    # Per goal, minutes don't count against the child's daily target: Saturday for leo-s is
    # 1 of 2 items -> ceil(2) = 2, though its 16 minutes alone would make level 4.
    sat = heatmap(index, LEO_S, SAT28, SAT28, target_minutes=10)[0]
    assert sat.level == 2


def test_calendar_weeks_pad_to_monday_and_sunday():
    index = leo_index()
    cells = heatmap(index, LEO, WED25, day(30) + timedelta(days=1))  # Wed 25 Nov .. Tue 1 Dec
    weeks = calendar_weeks(cells)
    assert len(weeks) == 2
    assert weeks[0][:2] == (None, None) and weeks[0][2].day == WED25 and weeks[0][6].day == SUN29
    assert weeks[1][0].day == MON30 and weeks[1][2:] == (None,) * 5


# -- consistency score ---------------------------------------------------------------------


def test_habit_multiplier():
    assert habit_multiplier(1.0) == pytest.approx(0.9480775143)
    assert habit_multiplier(5 / 7) == pytest.approx(0.9559374553)


def test_score_after_three_practised_daily_days():
    # Leo's plan is daily (f = 1). Score: 0 -> (1-m) -> 1-m^2 -> 1-m^3.
    # m^3 = 0.5 ** (3/13) = 0.852180 -> score 0.147820.
    entries = [entry(day(n), "snake", "breakfast") for n in (23, 24, 25)]
    c = consistency(ProgressIndex(program(), entries), LEO, WED25)
    assert c.score == pytest.approx(1 - M_DAILY**3) == pytest.approx(0.1478196)
    assert (c.planned_days, c.practised_days) == (3, 3)


def test_skip_day_leaves_score_unchanged_but_a_missed_day_lowers_it():
    entries = [entry(day(n), "snake", "breakfast") for n in (23, 25)]
    # Tue sick: Mon (1-m), Tue unchanged, Wed 1-m^2 = 0.101149.
    c = consistency(ProgressIndex(program(), entries, [leo_sick_tuesday()]), LEO, WED25)
    assert c.score == pytest.approx(1 - M_DAILY**2) == pytest.approx(0.1011490)
    # Tue simply not practised: Mon 1-m, Tue (1-m)m, Wed (1-m)m^2 + (1-m) = (1-m)(1+m^2) = 0.098593.
    c = consistency(ProgressIndex(program(), entries), LEO, WED25)
    assert c.score == pytest.approx((1 - M_DAILY) * (1 + M_DAILY**2)) == pytest.approx(0.0985931)


def test_today_not_yet_practised_leaves_score_unchanged():
    entries = [entry(day(n), "snake", "breakfast") for n in (23, 24)]
    c = consistency(ProgressIndex(program(), entries), LEO, WED25)
    assert c.score == pytest.approx(1 - M_DAILY**2)
    assert c.planned_days == 2


def test_weekday_plan_uses_its_frequency_and_weekends_change_nothing():
    # Mia, Mon-Fri plan (f = 5/7): practised Mon 23 - Fri 27 and Mon 30 = 6 planned days.
    # Score 1 - m^6 with m = 0.955937 -> 0.236908; Sat/Sun leave it at 1 - m^5.
    entries = [entry(day(n), "pencil", "school-run", child="mia") for n in (23, 24, 25, 26, 27, 30)]
    index = ProgressIndex(program(), entries)
    c = consistency(index, MIA, MON30)
    assert c.score == pytest.approx(1 - M_WEEKDAYS**6) == pytest.approx(0.2369081)
    series = dict(consistency_series(index, MIA, MON23, MON30))
    assert series[FRI27] == series[SAT28] == series[SUN29] == pytest.approx(1 - M_WEEKDAYS**5)


def test_strong_habit_explanation_and_a_missed_day_only_dips_it():
    # 60 daily days practised: 1 - 0.5 ** (60/13) = 0.9592 -> strong.
    start = MON23 - timedelta(days=59)
    entries = [entry(d, "snake", "breakfast") for d in days_between(start, MON23)]
    index = ProgressIndex(program(), entries)
    c = consistency(index, LEO, MON23)
    assert c.score == pytest.approx(1 - 0.5 ** (60 / 13))
    assert c.label == "Strong habit"
    assert c.explanation == (
        "Strong habit: practice is happening most planned days; a missed day only dips it a little."
    )
    # Tue 24 not practised (today is Wed 25, practised): 0.9592 * m * m + (1 - m) -> still strong.
    index = ProgressIndex(program(), entries + [entry(WED25, "snake", "breakfast")])
    after = consistency(index, LEO, WED25)
    assert after.score == pytest.approx(c.score * M_DAILY**2 + (1 - M_DAILY))
    assert after.label == "Strong habit"


def test_explanations_cover_every_band_in_plain_words():
    assert explain_score(0.0, 0)[0] == "Not started"
    assert explain_score(0.05, 3)[0] == "Just starting"
    assert explain_score(0.3, 10)[0] == "Building"
    assert explain_score(0.6, 30)[0] == "Growing habit"
    for score in (0.05, 0.3, 0.6, 0.9):
        text = explain_score(score, 10)[1]
        assert "missed" not in text.split(";")[0] and "fail" not in text and "behind" not in text


# -- streaks -----------------------------------------------------------------------------


def test_streak_steps_over_skip_days_and_today_open():
    index = leo_index()
    # Mon16 Tue17 Wed18 practised, Thu19-Sun22 not -> run of 3 ends.
    # Mon23 yes, Tue24 sick (stepped over), Wed25-Sat28 yes -> run of 5; Sun29 is today, open.
    s = streaks(index, LEO, SUN29)
    assert (s.current, s.best, s.today_open) == (5, 5, True)
    # A day later Sunday was not practised and Monday is open: current 0, best still 5.
    s = streaks(index, LEO, MON30)
    assert (s.current, s.best, s.today_open) == (0, 5, True)


def test_streak_steps_over_unplanned_weekend_and_extra_practice_does_not_extend_it():
    days = (23, 24, 25, 26, 27, 30)
    entries = [entry(day(n), "pencil", "school-run", child="mia") for n in days]
    entries.append(entry(SAT28, "pencil", "park", child="mia"))  # bonus, nothing planned
    s = streaks(ProgressIndex(program(), entries), MIA, MON30)
    assert (s.current, s.best, s.today_open) == (6, 6, False)
    # Without Monday's entry, Monday is today and still open: the run of 5 stands.
    s = streaks(ProgressIndex(program(), entries[:5]), MIA, MON30)
    assert (s.current, s.best, s.today_open) == (5, 5, True)


# -- independence -------------------------------------------------------------------------


def test_assistance_shares_and_percent_correct_per_iso_week():
    index = leo_index()
    weeks = independence_by_week(index, LEO_S, MON16, SUN29)
    assert [w.week for w in weeks] == ["2026-W47", "2026-W48"]
    w47, w48 = weeks
    # W47: Model, Model, Visual -> 2/3 Model, 1/3 Visual; trials (2+1+3)/(5+5+5) = 6/15 = 40%.
    assert w47.monday == MON16
    assert w47.assistance.share(Assistance.MODEL) == pytest.approx(2 / 3)
    assert w47.assistance.share(Assistance.VISUAL) == pytest.approx(1 / 3)
    assert w47.assistance.mostly is Assistance.MODEL
    assert (w47.trials.correct, w47.trials.total, w47.trials.percent) == (6, 15, pytest.approx(40.0))
    # W48 (leo-s only): Model Mon, Wed x2 = 3; Verbal Wed (cards), Thu, Fri, Sat = 4 -> 3/7, 4/7.
    # Trials: 3+2+4+4+5+8 = 26 of 5+5+5+5+5+10 = 35 -> 74.2857%.
    assert w48.assistance.share(Assistance.MODEL) == pytest.approx(3 / 7)
    assert w48.assistance.share(Assistance.VERBAL) == pytest.approx(4 / 7)
    assert w48.assistance.mostly is Assistance.VERBAL
    assert (w48.trials.correct, w48.trials.total) == (26, 35)
    assert w48.trials.percent == pytest.approx(100 * 26 / 35)
    # Shares are listed least help first.
    assert [level for level, _ in w48.assistance.shares] == list(Assistance)
    # Whole child in W48 adds the stairs entry (partial physical): 3/8, 4/8, 1/8.
    leo48 = independence_by_week(index, LEO, MON23, SUN29)[0].assistance
    assert leo48.share(Assistance.PARTIAL_PHYSICAL) == pytest.approx(1 / 8)
    assert leo48.share(Assistance.VERBAL) == pytest.approx(0.5)


def test_weeks_without_entries_are_listed_empty():
    index = ProgressIndex(program())
    (week,) = independence_by_week(index, LEO, MON23, SUN29)
    assert week.assistance.recorded == 0 and week.assistance.mostly is None
    assert week.trials.percent is None


def test_unrecorded_assistance_is_left_out_and_ties_go_to_less_help():
    mix = assistance_mix(
        [
            entry(MON23, "snake", "breakfast", assistance=Assistance.MODEL),
            entry(MON23, "snake", "bath", assistance=Assistance.VERBAL),
            entry(TUE24, "snake", "breakfast"),
        ]
    )
    assert isinstance(mix, AssistanceMix)
    assert (mix.recorded, mix.unrecorded) == (2, 1)
    assert mix.share(Assistance.MODEL) == 0.5
    assert mix.mostly is Assistance.VERBAL


# -- generalization ----------------------------------------------------------------------


def test_generalization_per_goal():
    wins = [
        win(WED25, "Said 'sun' to his teacher", setting=Setting.SCHOOL, who="Ms Green"),
        win(WED25, "Climbed into the bus", goal=None, setting=Setting.COMMUNITY),  # no goal: not counted
        win(THU26, "Held the crayon right", child="mia", goal="mia-grasp", setting=Setting.SCHOOL),
    ]
    index = ProgressIndex(program(), leo_week_entries(), [leo_sick_tuesday()], wins)
    leo = {g.goal: g for g in generalization(index, "leo")}
    # leo-s practised at home, school (cards Wed) and community (Sat); won at school.
    assert leo["leo-s"].practised_in == (Setting.HOME, Setting.SCHOOL, Setting.COMMUNITY)
    assert leo["leo-s"].wins_in == (Setting.SCHOOL,)
    assert leo["leo-s"].phrase == "Home, school and community"
    assert leo["leo-stairs"].phrase == "Only at home so far"
    (mia,) = generalization(index, "mia")
    assert (mia.practised_in, mia.wins_in, mia.phrase) == ((), (Setting.SCHOOL,), "Only at school so far")
    # Limited to W47: only the home breakfast practice.
    w47 = {g.goal: g for g in generalization(index, "leo", MON16, day(22))}
    assert w47["leo-s"].phrase == "Only at home so far"
    assert w47["leo-stairs"].phrase == "Not practised yet"


def test_generalization_phrases():
    assert generalization_phrase([]) == "Not practised yet"
    assert generalization_phrase([Setting.SCHOOL, Setting.HOME]) == "Home and school"
    assert generalization_phrase([Setting.COMMUNITY]) == "Only in the community so far"
    assert generalization_phrase([Setting.SOCIAL, Setting.HOME]) == "Home and social settings"
