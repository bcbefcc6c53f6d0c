"""The cue cards as data and as HTML: what each card says, escaping, and the level of help."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from family_tui.domain.cards import (
    PLACE_WORDS,
    CardPlace,
    build_cue_cards,
    days_text,
    family_level,
    help_level,
    render_cards_html,
)
from family_tui.domain.models import (
    Assistance,
    Child,
    Discipline,
    Goal,
    GoalStatus,
    PracticeEntry,
    Program,
    Routine,
    Setting,
    Strategy,
    Therapist,
    Weekday,
)

TODAY = date(2026, 11, 26)
HOSTILE = 'O\'Brien [Jr] <b>bold</b> & [@click=app.quit]x[/] "quoted"'


def family(**strategy_fields) -> Program:
    """Leo (speech and OT) and Mia (no goals); one archived strategy, one paused goal."""
    return Program(
        children=[Child(id="leo", name="Leo"), Child(id="mia", name="Mia")],
        therapists=[
            Therapist(id="rivera", name="Ms. Rivera", discipline=Discipline.SLP, children=["leo"]),
            Therapist(id="chen", name="Mr. Chen", discipline=Discipline.OT, children=["leo", "mia"]),
        ],
        routines=[
            Routine(id="breakfast", name="Breakfast", time=time(7, 30)),
            Routine(id="dressing", name="Getting dressed", time=time(7, 45), days=list(Weekday)[:5]),
            Routine(id="bath", name="Bath time", time=time(19, 0)),
        ],
        goals=[
            Goal(id="leo-s", child="leo", discipline=Discipline.SLP, title="Say /s/ at the start of words"),
            Goal(id="leo-buttons", child="leo", discipline=Discipline.OT, title="Button his own shirt"),
            Goal(id="leo-old", child="leo", discipline=Discipline.PT, title="Paused goal", status=GoalStatus.PAUSED),
        ],
        strategies=[
            Strategy(
                **{
                    "id": "snake",
                    "goal": "leo-s",
                    "title": "S-words at breakfast",
                    "how": "Offer two foods.\nWait for Leo to ask.",
                    "cue": "Teeth together, let the snake out: sss",
                    "visual": "Snake card on the fridge",
                    "dose": "5 tries",
                    "minutes": 3,
                    "routines": ["breakfast", "bath"],
                    **strategy_fields,
                }
            ),
            Strategy(
                id="buttons",
                goal="leo-buttons",
                title="Buttons from the bottom up",
                cue="Pinch, push, pull",
                dose="3 buttons",
                minutes=4,
                routines=["dressing", "bath"],
            ),
            Strategy(id="gone", goal="leo-s", title="Archived one", cue="Old cue", archived=True),
            Strategy(id="paused", goal="leo-old", title="Of a paused goal", cue="Paused cue"),
        ],
    )


def practised(
    day: int, strategy: str = "snake", level: Assistance | None = None, setting: Setting = Setting.HOME
) -> PracticeEntry:
    stamp = datetime(2026, 11, day, 8, 0)
    return PracticeEntry(
        date=date(2026, 11, day),
        child="leo",
        strategy=strategy,
        routine="breakfast",
        assistance=level,
        setting=setting,
        created_at=stamp,
        updated_at=stamp,
    )


# -- what a card says ------------------------------------------------------------------------


def test_a_card_per_active_strategy_with_everything_a_sitter_needs():
    deck = build_cue_cards(family(), [], TODAY, child_ids=["leo"])
    assert deck.title == "Leo's cue cards"
    assert deck.made_on == "Made on 26 November 2026"
    (leo,) = deck.children
    assert leo.therapists == "Leo's therapists: Ms. Rivera (speech therapy), Mr. Chen (occupational therapy)."
    snake, buttons = leo.cards  # not the archived strategy, not the paused goal's
    assert (snake.child, snake.strategy, snake.goal) == ("Leo", "S-words at breakfast", "Say /s/ at the start of words")
    assert (snake.discipline, snake.therapist) == ("Speech therapy", "Ms. Rivera")
    assert snake.cue == "Teeth together, let the snake out: sss"
    assert snake.visual == "Snake card on the fridge"
    assert snake.how_often == "5 tries, about 3 minutes"
    assert snake.when == "At Breakfast and Bath time, every day"
    assert buttons.when == "At Getting dressed (Mon–Fri) and Bath time (every day)"
    assert (buttons.discipline, buttons.therapist) == ("Occupational therapy", "Mr. Chen")


def test_every_child_not_archived_by_default_each_with_their_therapists():
    program = family()
    program.children.append(Child(id="old", name="Older sibling", archived=True))
    deck = build_cue_cards(program, [], TODAY)
    assert deck.title == "Cue cards"
    assert [c.child for c in deck.children] == ["Leo", "Mia"]
    assert deck.children[1].therapists == "Mia's therapists: Mr. Chen (occupational therapy)."
    assert deck.children[1].cards == ()
    assert "Nothing to practise for Mia right now." in render_cards_html(deck)


def test_a_child_without_therapists_in_the_program_is_said_so():
    program = family()
    program.therapists.clear()
    (leo,) = build_cue_cards(program, [], TODAY, child_ids=["leo"]).children
    assert leo.therapists == "Leo's therapists are not named in the home program yet."
    assert leo.cards[0].therapist == ""


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (list(Weekday), "every day"),
        (list(Weekday)[:5], "Mon–Fri"),
        ([Weekday.SAT, Weekday.SUN], "Sat and Sun"),
        ([Weekday.FRI, Weekday.MON, Weekday.WED], "Mon, Wed and Fri"),
        ([Weekday.TUE], "Tue"),
    ],
)
def test_days_read_as_a_person_says_them(days, text):
    assert days_text(days) == text


def test_a_strategy_in_no_routine_and_without_dose_says_only_what_it_has():
    program = family()
    program.strategies[0] = Strategy(id="snake", goal="leo-s", title="S-words", cue="sss", minutes=1)
    card = build_cue_cards(program, [], TODAY, child_ids=["leo"]).cards[0]
    assert (card.how_often, card.when) == ("about 1 minute", "")
    page = render_cards_html(build_cue_cards(program, [], TODAY, child_ids=["leo"]))
    assert "<dt>When</dt>" not in page.split("S-words", 1)[1].split("</article>", 1)[0]


def test_a_card_without_cue_words_says_to_follow_the_steps():
    page = render_cards_html(build_cue_cards(family(cue=""), [], TODAY, child_ids=["leo"]))
    assert "No set words for this one: follow what to do below." in page


# -- the place ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "heading", "setting"),
    [
        ("school", "For school", Setting.SCHOOL),
        ("DAYCARE", "For daycare", Setting.SCHOOL),
        (" home ", "For home", Setting.HOME),
        ("social", "For family and friends", Setting.SOCIAL),
        ("community", "Out and about", Setting.COMMUNITY),
    ],
)
def test_a_place_names_the_page_and_the_setting_practice_records(word, heading, setting):
    place = CardPlace.named(word)
    assert (place.heading, place.setting) == (heading, setting)
    deck = build_cue_cards(family(), [], TODAY, place=place)
    assert deck.place == heading
    assert f'<p class="place">{heading}</p>' in render_cards_html(deck)


def test_an_unknown_place_lists_the_choices():
    with pytest.raises(
        ValueError, match='Unknown setting "moon": use one of school, daycare, home, social, community.'
    ):
        CardPlace.named("moon")
    assert PLACE_WORDS == ("school", "daycare", "home", "social", "community")


def test_a_place_keeps_every_card_the_same_cues_everywhere():
    at_home = build_cue_cards(family(), [], TODAY)
    at_school = build_cue_cards(family(), [], TODAY, place=CardPlace.SCHOOL)
    assert [c.cue for c in at_school.cards] == [c.cue for c in at_home.cards]


# -- the level of help -------------------------------------------------------------------------

V, M, ALONE = Assistance.VERBAL, Assistance.MODEL, Assistance.INDEPENDENT


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ([], None),
        ([None, None], None),
        ([M], M),
        ([M, M, V], M),  # the most used of the last five
        ([M, V], V),  # a tie: the newest, where the family is heading
        ([M, M, M, V, V, ALONE, ALONE], ALONE),  # the newest five (M, V, V, ALONE, ALONE): a tie, ALONE newer
    ],
)
def test_the_family_level_is_the_most_used_of_the_newest_five(levels, expected):
    entries = [practised(day, level=level) for day, level in enumerate(levels, start=1)]
    assert family_level(entries) == expected


def test_the_card_says_the_level_and_what_to_do():
    entries = [practised(20, level=V), practised(24, level=V), practised(25, level=M)]
    card = build_cue_cards(family(), entries, TODAY, child_ids=["leo"]).cards[0]
    assert card.help_level is V
    assert card.help_advice == "Lately, Leo needs a spoken reminder: say the cue words again, then wait."
    page = render_cards_html(build_cue_cards(family(), entries, TODAY, child_ids=["leo"]))
    assert "<strong>Verbal cue.</strong> Lately, Leo needs a spoken reminder" in page


@pytest.mark.parametrize(
    ("level", "words"),
    [
        (Assistance.INDEPENDENT, "Lately, Leo does this without help: wait, and say the cue only if Leo gets stuck."),
        (Assistance.VISUAL, "Lately, Leo needs to see a sign: point to the picture or show the gesture, then wait."),
        (Assistance.MODEL, "Lately, Leo needs to see it done: show how, then let Leo copy."),
        (Assistance.PARTIAL_PHYSICAL, "Lately, Leo needs a little hands-on help: steady or start the movement"),
        (Assistance.FULL_PHYSICAL, "Lately, Leo needs hands-on help: guide Leo's hands through it (hand over hand)."),
    ],
)
def test_every_level_has_plain_advice(level, words):
    assert help_level("Leo", [practised(25, level=level)]).advice.startswith(words)


def test_not_practised_yet_says_where_to_start():
    advice = help_level("Leo", [], has_cue=True, has_visual=True).advice
    assert advice == "Not practised yet: start with the cue words and the visual; if Leo needs more, show how."
    assert help_level("Leo", [], has_cue=True).advice.startswith("Not practised yet: start with the cue words; ")
    assert help_level("Leo", [], has_cue=False).advice == "Not practised yet: start by showing how, then let Leo try."
    assert help_level("Leo", [], practised_before=True).advice.startswith("Not practised lately: start with")


def test_practice_without_a_level_noted_says_so():
    advice = help_level("Leo", [practised(25)]).advice
    assert advice == "No level of help noted yet: start with the cue words; if Leo needs more, show how."


def test_older_practice_makes_it_not_practised_lately():
    deck = build_cue_cards(family(), [], TODAY, child_ids=["leo"], practised_before={("leo", "buttons")})
    snake, buttons = deck.cards
    assert snake.help_advice.startswith("Not practised yet")
    assert buttons.help_advice.startswith("Not practised lately")


def test_a_place_reads_the_level_from_practice_there_when_there_is_some():
    entries = [
        practised(20, level=M, setting=Setting.SCHOOL),
        practised(24, level=ALONE),
        practised(25, level=ALONE),
    ]
    at_school = help_level("Leo", entries, place=CardPlace.DAYCARE)
    assert (at_school.level, at_school.advice) == (
        M,
        "Lately at daycare, Leo needs to see it done: show how, then let Leo copy.",
    )
    # Nothing noted out and about: the family's level, from wherever it was practised.
    outside = help_level("Leo", entries, place=CardPlace.COMMUNITY)
    assert outside.level is ALONE and outside.advice.startswith("Lately, Leo does this without help")


def test_only_the_childs_own_practice_of_that_strategy_counts():
    other = PracticeEntry(
        date=date(2026, 11, 25),
        child="mia",
        strategy="snake",
        routine="breakfast",
        assistance=Assistance.FULL_PHYSICAL,
        created_at=datetime(2026, 11, 25, 8),
        updated_at=datetime(2026, 11, 25, 8),
    )
    entries = [practised(25, "buttons", level=M), other]
    snake, buttons = build_cue_cards(family(), entries, TODAY, child_ids=["leo"]).cards
    assert snake.help_level is None and buttons.help_level is M


# -- HTML ------------------------------------------------------------------------------------


def test_everything_typed_is_escaped():
    program = family(visual=HOSTILE)
    program.children[0] = Child(id="leo", name="Léo <i>")
    program.goals[0] = Goal(id="leo-s", child="leo", discipline=Discipline.SLP, title=HOSTILE)
    program.strategies[1] = Strategy(id="buttons", goal="leo-buttons", title="T", cue=HOSTILE, how=HOSTILE)
    program.therapists[0] = Therapist(id="rivera", name=HOSTILE, discipline=Discipline.SLP, children=["leo"])
    page = render_cards_html(build_cue_cards(program, [], TODAY, child_ids=["leo"], place=CardPlace.SCHOOL))
    escaped = "O&#x27;Brien [Jr] &lt;b&gt;bold&lt;/b&gt; &amp; [@click=app.quit]x[/] &quot;quoted&quot;"
    assert page.count(escaped) >= 6  # goal, visual, cue, how, the therapists line, a card's last line
    assert "<b>bold" not in page and "<i>" not in page
    assert "<h1>Léo &lt;i&gt;&#x27;s cue cards</h1>" in page


def test_the_page_prints_cards_whole_and_the_cue_large():
    page = render_cards_html(build_cue_cards(family(), [], TODAY))
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "break-inside: avoid" in page
    assert '<p class="cue">“Teeth together, let the snake out: sss”</p>' in page
    assert page.count('<article class="card">') == 2
    assert "Leo, card 2 of 2 · Occupational therapy, Mr. Chen" in page
    assert "color: #000" in page  # black on white: nothing said by colour
