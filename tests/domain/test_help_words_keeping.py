"""Issue 26: help in each therapist's order, one set of cue words, and keeping a met skill (see builders.py)."""

from __future__ import annotations

from datetime import timedelta

from family_tui.domain.cards.help_level import help_level
from family_tui.domain.cue_words import cue_clashes, differing_cue
from family_tui.domain.help_order import help_order, offered_levels
from family_tui.domain.models import (
    Assistance,
    Discipline,
    GoalStatus,
    Maintenance,
    Settings,
    Strategy,
    Therapist,
)
from family_tui.domain.report import build_report, render_markdown
from family_tui.domain.report.glance import glance
from family_tui.domain.schedule import build_checklist

from .builders import FRI27, MON23, SUN29, THU26, TUE24, WED25, entry, program

IND, V, VIS, M = Assistance.INDEPENDENT, Assistance.VERBAL, Assistance.VISUAL, Assistance.MODEL
GESTURE_FIRST = [IND, VIS, V, M]


def with_rivera(levels: list[Assistance]):
    family = program()
    family.therapists.append(
        Therapist(id="rivera", name="Ms. Rivera", discipline=Discipline.SLP, children=["leo"], help_levels=levels)
    )
    return family


# -- help in her order ---------------------------------------------------------------------


def help_glance(family, first: Assistance, last: Assistance):
    entries = [entry(d, "snake", "breakfast", assistance=first) for d in (MON23, TUE24)]
    entries.append(entry(WED25, "snake", "breakfast", assistance=last))
    return glance(build_report(family, entries, [], [], [], Settings(), MON23, SUN29))


def help_lines(mentions) -> list[str]:
    return [m.detail for m in mentions if "help" in m.detail]


def test_more_and_less_help_follow_her_order():
    # The usual order: a gesture is more help than a spoken cue.
    usual = help_glance(program(), V, VIS)
    assert help_lines(usual.worth_a_look) == ["more help over 3 days: Verbal cue → Visual or gesture cue"]
    # Hers: a gesture is less help than a spoken cue, so the same days are help fading.
    hers = help_glance(with_rivera(GESTURE_FIRST), V, VIS)
    assert help_lines(hers.going_well) == ["less help over 3 days: Verbal cue → Visual or gesture cue"]
    assert not help_lines(hers.worth_a_look)
    back_up = help_glance(with_rivera(GESTURE_FIRST), VIS, V)
    assert help_lines(back_up.worth_a_look) == ["more help over 3 days: Visual or gesture cue → Verbal cue"]


def test_her_order_is_for_her_goals_only():
    family = with_rivera(GESTURE_FIRST)
    assert help_order(family, family.goal("leo-s")).levels == tuple(GESTURE_FIRST)
    assert not help_order(family, family.goal("mia-grasp")).custom  # OT, and not her child
    assert not help_order(family, family.goal("leo-stairs")).custom  # PT


def test_the_form_offers_only_her_levels_in_her_order():
    family = with_rivera(GESTURE_FIRST)
    settings = Settings()
    assert offered_levels(family, family.goal("leo-s"), settings) == GESTURE_FIRST
    assert Assistance.FULL_PHYSICAL not in offered_levels(family, family.goal("leo-s"), settings)
    assert offered_levels(family, family.goal("mia-grasp"), settings) == list(Assistance)


def test_a_level_she_does_not_use_still_compares_where_the_usual_order_puts_it():
    order = help_order(with_rivera([IND, V, M]), program().goal("leo-s"))
    assert order.rank(V) < order.rank(VIS) < order.rank(M)


def test_the_card_names_her_next_step_and_starts_where_she_does():
    order = with_rivera(GESTURE_FIRST)
    hers = help_order(order, order.goal("leo-s"))
    lately = help_level("Leo", [entry(MON23, "snake", "breakfast", assistance=VIS)], order=hers)
    assert lately.advice.endswith("If that is not enough, the next step up is: verbal cue.")
    start = help_level("Leo", [], order=hers)
    assert (
        start.advice == "Not practised yet: start with this help: visual or gesture cue; if Leo needs more: verbal cue."
    )
    usual = help_level("Leo", [entry(MON23, "snake", "breakfast", assistance=VIS)])
    assert "next step" not in usual.advice


# -- one set of words ----------------------------------------------------------------------


def cued(first: str, second: str):
    family = program()
    family.strategies[0] = family.strategies[0].model_copy(update={"cue": first})
    family.strategies[1] = family.strategies[1].model_copy(update={"cue": second})
    return family


def test_different_cue_words_in_one_goal_are_named_both():
    family = cued("Tiger growl: rrr, tongue back", "Tiger growl")
    [clash] = cue_clashes(family)
    assert clash.words() == (
        'the goal "Says /s/ at the start of words" has different cue words: '
        '"Tiger growl: rrr, tongue back" (Snake sound) and "Tiger growl" (S picture cards)'
    )
    other = differing_cue(family, family.strategies[1])
    assert other is not None and other.id == "snake"


def test_case_punctuation_and_spaces_do_not_make_another_cue_and_an_empty_cue_says_nothing():
    assert cue_clashes(cued("Tiger growl: rrr!", "tiger  growl rrr")) == []
    assert cue_clashes(cued("Tiger growl", "")) == []
    family = cued("Tiger growl", "Lion roar")
    family.strategies.append(Strategy(id="other", goal="mia-grasp", title="Other", cue="Pinch"))
    assert [c.goal.id for c in cue_clashes(family)] == ["leo-s"]  # another goal's cue is its own


# -- keeping a skill -----------------------------------------------------------------------


def kept_up(met_on=MON23 - timedelta(days=3)):
    family = program()
    family.goals[0] = family.goals[0].model_copy(
        update={"status": GoalStatus.MET, "met_on": met_on, "maintenance": Maintenance.WEEKLY}
    )
    return family


def checks(family, day, entries=()):
    return [
        (i.routine.id, i.strategy.id, i.done) for i in build_checklist(family, day, list(entries)).items if i.keeping_up
    ]


def test_a_met_goal_kept_up_shows_once_a_week_until_done():
    family = kept_up()
    # Its first strategy, in the first of its routines that day, each day until it is done.
    assert checks(family, MON23) == [("breakfast", "snake", False)]
    assert checks(family, TUE24) == [("breakfast", "snake", False)]
    done = [entry(WED25, "snake", "breakfast")]
    assert checks(family, WED25, done) == [("breakfast", "snake", True)]  # done today: shows ticked
    assert checks(family, THU26, done) == []  # done for the week
    assert checks(family, FRI27, done) == []
    assert checks(family, SUN29 + timedelta(days=1), done) == [("breakfast", "snake", False)]  # a new week


def test_without_maintenance_a_met_goal_leaves_today_and_its_words_say_it_is_kept_up():
    family = kept_up()
    family.goals[0] = family.goals[0].model_copy(update={"maintenance": None})
    assert checks(family, MON23) == []
    assert all(i.goal.id != "leo-s" for i in build_checklist(family, MON23).items)
    assert kept_up().goals[0].status_text == "met on Fri 20 Nov, keeping it up weekly"
    assert checks(kept_up(met_on=WED25), TUE24) == []  # not met yet that day


def test_the_update_counts_it_as_maintenance():
    family = kept_up()
    md = render_markdown(
        build_report(family, [entry(WED25, "snake", "breakfast")], [], [], [], Settings(), MON23, SUN29)
    )
    assert "met on Fri 20 Nov, keeping it up weekly" in md
