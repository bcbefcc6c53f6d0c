"""The mastery rule and the at-a-glance rules of the update, on hand-made weeks (see builders.py)."""

from __future__ import annotations

from datetime import date

import pytest

from family_tui.domain.mastery import describe_mastery, mastery_sentence, mastery_since
from family_tui.domain.models import (
    Assistance,
    Mastery,
    NoteKind,
    PracticeStatus,
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
    before = [snake(d, 4) for d in (MON16, day(17), day(18))]  # 80%
    down = [snake(d, 3) for d in (MON23, TUE24, WED25)]  # 60%: down 20 points
    facts = glance(report(before + down))
    looks = [(m.subject, m.detail) for m in facts.worth_a_look]
    assert ("Snake sound", "80% → 60% correct") in looks
    assert ("S picture cards", "no practice yet") in looks  # on the school run, not practised this week
    assert facts.going_well == ()
    small = [snake(MON23, 4), snake(TUE24, 4), snake(WED25, 3)]  # 73%: down 7 points, not a change
    assert all(m.subject != "Snake sound" for m in glance(report(before + small)).worth_a_look)
    up = [snake(d, 5) for d in (MON23, TUE24, WED25)]
    assert [(m.subject, m.detail) for m in glance(report(before + up)).going_well] == [
        ("Snake sound", "80% → 100% correct")
    ]


def test_help_going_back_up_is_worth_a_look_and_help_fading_is_going_well():
    before = week([MON16, day(17)], assistance=V, trials=None)
    more = week([MON23, TUE24], assistance=M)
    facts = glance(report(before + more))
    assert [(m.subject, m.detail) for m in facts.worth_a_look][0] == (
        "Says /s/ at the start of words",
        "more help: Verbal cue → Model",
    )
    less = week([MON23, TUE24], assistance=IND)
    assert [m.detail for m in glance(report(before + less)).going_well] == ["less help: Verbal cue → Independent"]


def test_a_strategy_on_a_routine_not_practised_at_all_is_worth_a_look_and_a_new_setting_goes_well():
    before = week([MON16], strategy="s-cards", routine="school-run")
    now = week([MON23, TUE24], setting=Setting.SCHOOL)
    facts = glance(report(before + now))
    assert ("S picture cards", "no practice yet") in [(m.subject, m.detail) for m in facts.worth_a_look]
    assert ("Says /s/ at the start of words", "first time at school or daycare") in [
        (m.subject, m.detail) for m in facts.going_well
    ]


def test_skipped_days_with_why_and_the_open_questions_in_six_lines_at_most():
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
    assert "- Days off: Tue 24 Nov, sick day (fever); Fri 27 Nov, holiday." in lines
    assert "- 2 open questions for you, just below." in lines
    assert any(line.startswith("- Worth a look: ") and "more help" in line for line in lines)
    assert "missed" not in md.lower() and "failed" not in md.lower()


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
