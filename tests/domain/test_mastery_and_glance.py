"""The mastery rule and the at-a-glance rules of the update, on hand-made weeks (see builders.py)."""

from __future__ import annotations

from datetime import date, time

import pytest

from family_tui.domain.mastery import describe_mastery, mastery_sentence, mastery_since
from family_tui.domain.models import (
    Assistance,
    Mastery,
    NoteKind,
    PracticeStatus,
    Routine,
    Setting,
    Settings,
    SkipDay,
    SkipReason,
)
from family_tui.domain.report import build_report, render_markdown
from family_tui.domain.report.glance import glance

from .builders import FRI27, MON16, MON23, SAT28, SUN29, THU26, TUE24, WED25, day, entry, note, program

M, V, IND = Assistance.MODEL, Assistance.VERBAL, Assistance.INDEPENDENT

# -- mastery ---------------------------------------------------------------------------------


def snake(on: date, correct: int, total: int = 5, help: Assistance | None = None, routine: str = "breakfast"):
    return entry(on, "snake", routine, trials=(correct, total), assistance=help)


def test_mastery_holds_from_the_day_the_run_reaches_its_length():
    rule = Mastery(percent=80, days=3)
    entries = [snake(day(20), 2), snake(MON23, 4), snake(TUE24, 4), snake(WED25, 5), snake(THU26, 5)]
    assert mastery_since(rule, entries, THU26) == WED25  # Mon, Tue, Wed: the third day in a row
    assert mastery_since(rule, entries, TUE24) is None  # only two days so far


def test_a_day_below_the_percent_starts_the_run_again():
    rule = Mastery(percent=80, days=2)
    entries = [snake(MON23, 5), snake(TUE24, 5), snake(WED25, 3), snake(THU26, 4)]
    assert mastery_since(rule, entries, THU26) is None
    assert mastery_since(rule, [*entries, snake(FRI27, 5)], FRI27) == FRI27


def test_a_days_tries_count_together_and_days_without_tries_neither_count_nor_break():
    rule = Mastery(percent=80, days=2)
    entries = [
        snake(MON23, 5),
        entry(TUE24, "s-cards", "school-run"),  # no tries logged: says nothing
        snake(WED25, 5, routine="breakfast"),
        snake(WED25, 3, routine="bath"),  # 8 of 10 that day: 80%
    ]
    assert mastery_since(rule, entries, WED25, uses_trials=True) == WED25


def test_the_level_of_help_must_be_that_or_less():
    rule = Mastery(percent=80, days=2, level=V)
    entries = [snake(MON23, 5, help=V), snake(TUE24, 5, help=M), snake(WED25, 5, help=IND), snake(THU26, 4, help=V)]
    assert mastery_since(rule, entries, THU26) == THU26  # Tuesday needed a model: the run starts on Wednesday


def test_only_practice_up_to_today_counts_and_nothing_to_judge_is_none():
    rule = Mastery(percent=80, days=1)
    assert mastery_since(rule, [snake(FRI27, 5)], THU26) is None
    assert mastery_since(rule, [entry(THU26, "s-cards", "school-run")], THU26) is None  # no tries, no level


def test_a_level_only_criterion_for_a_goal_without_tries():
    rule = Mastery(percent=80, days=2, level=IND)
    entries = [entry(MON23, "step", "bath", assistance=IND), entry(TUE24, "step", "bath", assistance=IND)]
    assert mastery_since(rule, entries, TUE24) == TUE24


def test_the_words():
    assert describe_mastery(Mastery(percent=80, days=3, level=V)) == (
        "80% correct on 3 practised days in a row, with a verbal cue at most"
    )
    assert mastery_sentence(date(2026, 12, 1)) == (
        "Meets the mastery criterion since Tue 1 Dec: ask the therapist whether to move on."
    )


# -- at a glance -----------------------------------------------------------------------------


def report(entries, *, skips=(), notes=(), prog=None, first=MON23, last=SUN29, **kw):
    return build_report(
        prog or program(), entries, list(notes), [], list(skips), Settings(), first, last, ["leo"], **kw
    )


def at_a_glance(md: str) -> list[str]:
    lines = md.splitlines()
    start = lines.index("## At a glance") + 2
    return lines[start : lines.index("", start)]


def week(on: list[date], strategy: str = "snake", routine: str = "breakfast", **fields):
    return [entry(d, strategy, routine, **fields) for d in on]


def test_accuracy_down_by_15_points_or_more_is_worth_a_look_and_up_is_going_well():
    before = [snake(d, 8, 10) for d in (MON16, day(17), day(18))]  # 80% of 30 tries on 3 days
    down = [snake(d, 6, 10) for d in (MON23, TUE24, WED25)]  # 60%: down 20 points
    facts = glance(report(before + down))
    looks = [(m.subject, m.detail) for m in facts.worth_a_look]
    assert ("Snake sound", "80% → 60% correct, 24 of 30 → 18 of 30 tries") in looks
    assert ("S picture cards", "no practice yet, 5 planned days") in looks  # on the school run
    assert facts.going_well == ()
    small = [snake(MON23, 8, 10), snake(TUE24, 8, 10), snake(WED25, 6, 10)]  # 73%: down 7 points, not a change
    assert all(m.subject != "Snake sound" for m in glance(report(before + small)).worth_a_look)
    up = [snake(d, 10, 10) for d in (MON23, TUE24, WED25)]
    assert [(m.subject, m.detail) for m in glance(report(before + up)).going_well] == [
        ("Snake sound", "80% → 100% correct, 24 of 30 → 30 of 30 tries")
    ]


def test_no_going_well_or_worth_a_look_on_fewer_than_20_tries_or_3_days_and_every_percent_shows_its_sample():
    # "60% → 75%" where the 60% was one day of 10 tries: not a trend.
    one_day = [snake(MON16, 6, 10)]
    now = [snake(d, 8, 10) for d in (MON23, TUE24, WED25)]  # 24 of 30, 80%
    md = render_markdown(report(one_day + now))
    assert "Going well" not in md
    assert "80% correct (24 of 30 tries, 3 days); 60% the week before (6 of 10, 1 day)" in md
    # Twenty tries, but on two days: not a trend either.
    two_days = [snake(MON16, 6, 10), snake(day(17), 6, 10)]
    assert "Going well" not in render_markdown(report(two_days + now))
    # Three days and 30 tries: it is.
    three = [*two_days, snake(day(18), 6, 10)]
    assert "- Going well: Snake sound (60% → 80% correct, 18 of 30 → 24 of 30 tries)." in render_markdown(
        report(three + now)
    )


def test_help_going_back_up_is_worth_a_look_and_help_fading_is_going_well():
    more = week([MON23, TUE24, WED25], assistance=V)
    more[-1] = more[-1].model_copy(update={"assistance": M})
    facts = glance(report(more))
    assert ("Snake sound", "more help over 3 days: Verbal cue → Model") in [
        (m.subject, m.detail) for m in facts.worth_a_look
    ]
    less = week([MON23, TUE24, WED25], assistance=M)
    less[-1] = less[-1].model_copy(update={"assistance": IND})
    assert [m.detail for m in glance(report(less)).going_well] == ["less help over 3 days: Model → Independent"]
    # Two days are too few to call it a change.
    assert glance(report(less[1:])).going_well == ()


def test_help_is_per_strategy_with_the_change_within_the_period():
    # The curb walk went from full physical help to a verbal cue within the week; the cards stayed at a verbal cue.
    F = Assistance.FULL_PHYSICAL
    entries = [
        entry(MON23, "snake", "breakfast", assistance=F),
        entry(WED25, "snake", "breakfast", assistance=M),
        entry(FRI27, "snake", "breakfast", assistance=V),
        *week([MON23, TUE24, WED25, THU26], strategy="s-cards", routine="school-run", assistance=V),
    ]
    md = render_markdown(report(entries))
    assert "Help needed" not in md and "mostly Verbal cue" not in md
    assert (
        "Snake sound: practised 3 of 7 planned days, 9 minutes; help: Full physical (hand over hand) on Mon 23 Nov → Verbal cue on Fri 27 Nov"
        in md
    )
    assert "S picture cards: practised 4 of 5 planned days, 12 minutes; help: Verbal cue" in md


def test_a_strategy_on_a_routine_not_practised_at_all_is_worth_a_look_and_a_new_setting_goes_well():
    before = week([MON16], strategy="s-cards", routine="school-run")
    now = week([MON23, TUE24], setting=Setting.SCHOOL)
    facts = glance(report(before + now))
    assert ("S picture cards", "no practice yet, 5 planned days") in [(m.subject, m.detail) for m in facts.worth_a_look]
    assert ("Says /s/ at the start of words", "first time at school or daycare") in [
        (m.subject, m.detail) for m in facts.going_well
    ]


def test_skipped_days_with_whose_and_why_and_the_open_questions_in_six_lines_at_most():
    entries = [snake(day(16), 4, help=V), *[snake(d, 2, help=M) for d in (MON23, WED25, THU26)]]
    entries += week([day(16)], strategy="s-cards", routine="school-run", setting=Setting.SCHOOL)
    skips = [
        SkipDay(date=TUE24, child="leo", reason=SkipReason.SICK, note="fever"),
        SkipDay(date=FRI27, reason=SkipReason.HOLIDAY),
    ]
    notes = [note(NoteKind.QUESTION, WED25, "Blends yet?"), note(NoteKind.QUESTION, THU26, "Car practice?")]
    md = render_markdown(report(entries, skips=skips, notes=notes))
    lines = at_a_glance(md)
    print(md)
    assert len(lines) <= 6
    assert "- Days off: Leo, Tue 24 Nov, sick day (fever); whole family, Fri 27 Nov, holiday." in lines
    assert "- 2 open questions for you, just below." in lines
    assert "missed" not in md.lower() and "failed" not in md.lower()


def test_a_strategy_whose_planned_days_were_all_skipped_says_so():
    from family_tui.domain.models import Strategy, Weekday

    prog = program()
    prog = prog.model_copy(
        update={
            "routines": [*prog.routines, Routine(id="swim", name="Swimming", time=time(17, 0), days=[Weekday.TUE])],
            "strategies": [
                *prog.strategies,
                Strategy(id="bubbles", goal="leo-s", title="Blow bubbles", routines=["swim"]),
            ],
        }
    )
    skips = [SkipDay(date=TUE24, child="leo", reason=SkipReason.SICK)]
    md = render_markdown(report(week([MON23]), prog=prog, skips=skips))
    assert "- Blow bubbles: its 1 planned day was a day off" in md
    assert "no practice days planned" not in md
    two = [*skips, SkipDay(date=day(17), reason=SkipReason.HOLIDAY)]
    md = render_markdown(report(week([MON23]), prog=prog, skips=two, first=day(17), last=SUN29))
    assert "- Blow bubbles: all 2 planned days were days off" in md


def test_practice_notes_tried_and_done_and_who_under_the_goal():
    from family_tui.domain.models import Caregiver

    prog = program()
    prog = prog.model_copy(update={"caregivers": [*prog.caregivers, Caregiver(id="dad", name="Dad")]})
    entries = [
        entry(THU26, "step", "bath", caregiver="dad", note="he won't do it at bath time"),
        entry(FRI27, "step", "bath", caregiver="grandpa", status=PracticeStatus.TRIED),
        entry(SAT28, "step", "bath", caregiver="dad"),
    ]
    md = render_markdown(report(entries, prog=prog, first=THU26, last=SAT28))
    stairs = md[md.index("### Physical therapy") :]
    assert "- One foot per step: practised 3 of 3 planned days, 9 minutes (2 done, 1 tried)" in stairs
    assert "with Dad and Grandpa Joe" in stairs
    assert "- Thu 26 Nov: he won't do it at bath time (Dad)" in stairs


@pytest.mark.parametrize("status", ["met", "paused"])
def test_a_met_or_paused_goal_with_practice_in_the_period_is_still_reported_marked(status):
    from family_tui.domain.models import GoalStatus

    prog = program()
    goals = [
        g.model_copy(update={"status": GoalStatus(status), "met_on": WED25 if status == "met" else None})
        if g.id == "leo-stairs"
        else g
        for g in prog.goals
    ]
    md = render_markdown(
        report(week([THU26], strategy="step", routine="bath"), prog=prog.model_copy(update={"goals": goals}))
    )
    marked = "(met on Wed 25 Nov)" if status == "met" else "(paused)"
    assert f"### Physical therapy: Climbs stairs with alternating feet {marked}" in md
    assert "One foot per step: practised" in md


def test_an_update_for_one_discipline_keeps_only_its_goals():
    entries = [snake(MON23, 4), *week([THU26], strategy="step", routine="bath")]
    from family_tui.domain.models import Discipline

    md = render_markdown(report(entries, disciplines=[Discipline.PT], audience="Dr. Okafor, Physical therapy"))
    assert md.startswith("# Weekly practice update for Dr. Okafor, Physical therapy\n")
    assert "Climbs stairs" in md and "Says /s/" not in md and "Snake sound" not in md
