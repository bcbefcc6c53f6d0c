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
    Caregiver,
    Child,
    Discipline,
    Goal,
    GoalStatus,
    Note,
    NoteKind,
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


# -- cards for each adult ----------------------------------------------------------------------

MOM = Caregiver(id="mom", name="Mom", parent=True)
DAD = Caregiver(id="dad", name="Dad", parent=True)
SAM = Caregiver(id="sam", name="Sam (sitter)", days=[Weekday.TUE, Weekday.THU])
WEEKEND = Caregiver(id="rose", name="Grandma Rose", days=[Weekday.SAT, Weekday.SUN])


def with_people(*caregivers: Caregiver, buttons_on: list[str] | None = None) -> Program:
    """The family with these caregivers; ``buttons_on``: the buttons strategy's routines instead."""
    program = family()
    program.caregivers.extend(caregivers)
    if buttons_on is not None:
        program.strategies[1] = program.strategies[1].model_copy(update={"routines": buttons_on})
    return program


def test_a_caregivers_cards_hold_only_what_falls_on_their_days():
    program = with_people(MOM, DAD, WEEKEND, SAM, buttons_on=["dressing"])  # buttons only on weekdays
    weekend = build_cue_cards(program, [], TODAY, child_ids=["leo"], caregiver=WEEKEND)
    assert [c.strategy for c in weekend.cards] == ["S-words at breakfast"]
    assert weekend.place == "For Grandma Rose, on Sat and Sun"
    tuesday = build_cue_cards(program, [], TODAY, child_ids=["leo"], caregiver=SAM)
    assert [c.strategy for c in tuesday.cards] == ["S-words at breakfast", "Buttons from the bottom up"]
    assert build_cue_cards(program, [], TODAY, child_ids=["leo"], caregiver=MOM).place == "For Mom"


def test_a_strategy_in_no_routine_is_on_nobodys_days_and_a_child_with_nothing_then_is_said_so():
    program = with_people(WEEKEND, buttons_on=[])
    program.strategies[0] = program.strategies[0].model_copy(update={"routines": ["dressing"]})
    everyone = build_cue_cards(program, [], TODAY, child_ids=["leo"])
    assert len(everyone.cards) == 2  # the family's own page keeps every card
    deck = build_cue_cards(program, [], TODAY, child_ids=["leo"], caregiver=WEEKEND)
    assert deck.cards == ()
    assert "Nothing to practise for Leo on Grandma Rose&#x27;s days." in render_cards_html(deck)


def test_cards_for_others_say_when_the_family_practises_at_home():
    program = with_people(MOM, DAD, SAM)
    for deck in (
        build_cue_cards(program, [], TODAY, child_ids=["leo"], place=CardPlace.DAYCARE),
        build_cue_cards(program, [], TODAY, child_ids=["leo"], caregiver=SAM),
    ):
        snake, buttons = deck.cards
        assert snake.when == "At home: at Breakfast and Bath time, every day"
        assert buttons.when == "At home: at Getting dressed (Mon–Fri) and Bath time (every day)"
        assert deck.send_home
        assert "<dt>When</dt><dd>At home: at Breakfast and Bath time, every day</dd>" in render_cards_html(deck)
    # The family's own cards, and a parent's, give the routines as theirs.
    for deck in (
        build_cue_cards(program, [], TODAY, child_ids=["leo"]),
        build_cue_cards(program, [], TODAY, child_ids=["leo"], place=CardPlace.HOME),
        build_cue_cards(program, [], TODAY, child_ids=["leo"], caregiver=DAD),
    ):
        assert deck.cards[0].when == "At Breakfast and Bath time, every day"
        assert not deck.send_home


def test_each_card_has_a_tally_strip_of_the_days_it_is_practised_there():
    program = with_people(SAM, WEEKEND, buttons_on=["dressing"])
    snake, buttons = build_cue_cards(program, [], TODAY, child_ids=["leo"]).cards
    assert snake.tally == ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    assert buttons.tally == ("Mon", "Tue", "Wed", "Thu", "Fri")  # its routine's days
    school = build_cue_cards(program, [], TODAY, child_ids=["leo"], place=CardPlace.SCHOOL)
    assert {c.tally for c in school.cards} == {("Mon", "Tue", "Wed", "Thu", "Fri")}
    sitter = build_cue_cards(program, [], TODAY, child_ids=["leo"], caregiver=SAM)
    assert {c.tally for c in sitter.cards} == {("Tue", "Thu")}
    weekend = build_cue_cards(program, [], TODAY, child_ids=["leo"], caregiver=WEEKEND)
    assert [c.tally for c in weekend.cards] == [("Sat", "Sun")]


def test_the_tally_strip_is_printed_with_its_legend_and_sent_home_from_others():
    program = with_people(SAM)
    page = render_cards_html(build_cue_cards(program, [], TODAY, child_ids=["leo"], caregiver=SAM))
    card = page.split("S-words at breakfast", 1)[1].split("</article>", 1)[0]
    assert '<span class="label">Mark and send home:</span>' in card
    assert card.count('<span class="box"></span>') == 2
    assert '<span class="legend">✓ did it &nbsp; ~ tried</span>' in card
    own = render_cards_html(build_cue_cards(program, [], TODAY, child_ids=["leo"]))
    assert own.count('<span class="label">Mark each day:</span>') == 2
    assert own.count('<span class="box"></span>') == 14
    assert "send home" not in own


def test_the_cards_name_the_parents_to_call_but_not_the_person_they_are_for():
    program = with_people(MOM, DAD, SAM)
    deck = build_cue_cards(program, [], TODAY, caregiver=SAM)
    assert deck.call == "Questions? Call Mom or Dad."
    page = render_cards_html(deck)
    assert page.count('<p class="call">Questions? Call Mom or Dad.</p>') == 2  # on each child's sheet
    assert build_cue_cards(program, [], TODAY, place=CardPlace.SCHOOL).call == "Questions? Call Mom or Dad."
    assert build_cue_cards(program, [], TODAY, caregiver=DAD).call == "Questions? Call Mom."
    only_mom = with_people(MOM, SAM)
    assert build_cue_cards(only_mom, [], TODAY, caregiver=MOM).call == ""
    assert '<p class="call">' not in render_cards_html(build_cue_cards(only_mom, [], TODAY, caregiver=MOM))
    nobody_marked = with_people(Caregiver(id="mom", name="Mom"), SAM)
    assert build_cue_cards(nobody_marked, [], TODAY, caregiver=SAM).call == "Questions? Ask the family."


def question(day: int, text: str, answer: str = "", by: str = "", child: str | None = "leo") -> Note:
    asked = datetime(2026, 11, day, 20, 0)
    answered = datetime(2026, 11, day + 1, 16, 0) if answer else None
    return Note(
        kind=NoteKind.QUESTION,
        child=child,
        author="Mom",
        text=text,
        created_at=asked,
        updated_at=answered or asked,
        answer=answer,
        answered_at=answered,
        answered_by=by,
    )


def test_the_therapists_latest_answers_about_the_child_go_on_the_cards():
    notes = [
        question(2, "Oldest?", "Too old to show.", "Ms. Rivera"),
        question(10, "He gets upset. Stop early?", "Yes: stop on a success.", "Ms. Rivera"),
        question(12, "Weekends too?", "When it fits the day.", "Mr. Chen", child=None),  # the whole family
        question(14, "Louder cue?", "Keep it calm.", "Ms. Rivera"),
        question(20, "Mia's straw?", "Shorter straw.", "Mr. Chen", child="mia"),  # another child
        question(21, "Skip on sick days?", "We said yes.", "Mom"),  # the family wrote the answer
        question(22, "Still open?"),
    ]
    deck = build_cue_cards(with_people(SAM), [], TODAY, caregiver=SAM, notes=notes)
    leo, mia = deck.children
    assert [(a.question, a.answer, a.therapist) for a in leo.answers] == [
        ("Louder cue?", "Keep it calm.", "Ms. Rivera"),
        ("Weekends too?", "When it fits the day.", "Mr. Chen"),
        ("He gets upset. Stop early?", "Yes: stop on a success.", "Ms. Rivera"),
    ]
    assert [a.question for a in mia.answers] == ["Mia's straw?", "Weekends too?"]
    page = render_cards_html(deck)
    assert (
        '<p><span class="q">He gets upset. Stop early?</span> <strong>Ms. Rivera:</strong> Yes: stop on a success.</p>'
        in page
    )
    assert "Too old to show." not in page and "We said yes." not in page and "Still open?" not in page


def test_lately_at_daycare_is_said_only_from_practice_noted_at_daycare():
    at_home = [practised(24, level=ALONE), practised(25, level=ALONE)]
    daycare = help_level("Leo", at_home, place=CardPlace.DAYCARE)
    assert daycare.level is ALONE
    assert daycare.advice.startswith("Lately at home, Leo does this without help")
    card = build_cue_cards(family(), at_home, TODAY, child_ids=["leo"], place=CardPlace.DAYCARE).cards[0]
    assert "daycare" not in card.help_advice
    there = [*at_home, practised(20, level=M, setting=Setting.SCHOOL)]
    assert help_level("Leo", there, place=CardPlace.DAYCARE).advice.startswith("Lately at daycare, Leo needs to see")
    # Without a place the family's level is just "lately", wherever it was practised.
    assert help_level("Leo", at_home).advice.startswith("Lately, Leo does this")


def test_the_parents_and_the_answers_are_escaped_too():
    program = with_people(Caregiver(id="mom", name=HOSTILE, parent=True), SAM)
    notes = [question(10, HOSTILE, HOSTILE, "Ms. Rivera")]
    page = render_cards_html(build_cue_cards(program, [], TODAY, child_ids=["leo"], caregiver=SAM, notes=notes))
    escaped = "O&#x27;Brien [Jr] &lt;b&gt;bold&lt;/b&gt; &amp; [@click=app.quit]x[/] &quot;quoted&quot;"
    assert page.count(escaped) == 3  # whom to call, the question, the answer
    assert "<b>bold" not in page
