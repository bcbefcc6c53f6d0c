"""Notes and wins without a screen: pinned focus, open questions, filters, the week's wins."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from pydantic import ValidationError

from family_tui.domain import notes
from family_tui.domain.models import (
    Caregiver,
    Child,
    Discipline,
    Goal,
    GoalStatus,
    Note,
    NoteKind,
    Program,
    Setting,
    Strategy,
    Therapist,
    Win,
)
from family_tui.domain.notes import ANY, NO_GOAL, WHOLE_FAMILY, NoteFilter, WinFilter

THURSDAY = date(2026, 11, 26)
MONDAY, SUNDAY = date(2026, 11, 23), date(2026, 11, 29)


def at(day: int, hour: int = 9, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute)


def note(kind: NoteKind, text: str, when: datetime, child: str | None = "leo", **extra) -> Note:
    return Note(
        kind=kind, child=child, text=text, author=extra.pop("author", "Mom"), created_at=when, updated_at=when, **extra
    )


def win(text: str, when: datetime, child: str = "leo", goal: str | None = "leo-s", **extra) -> Win:
    return Win(child=child, goal=goal, text=text, when=when, who="Mom", **extra)


@pytest.fixture
def program() -> Program:
    return Program(
        children=[
            Child(id="maya", name="Maya", color="magenta"),
            Child(id="leo", name="Leo"),
            Child(id="old", name="Sam", archived=True),
        ],
        caregivers=[Caregiver(id="mom", name="Mom"), Caregiver(id="gj", name="Grandpa Joe")],
        goals=[
            Goal(id="leo-s", child="leo", discipline=Discipline.SLP, title="Say /s/"),
            Goal(id="leo-old", child="leo", discipline=Discipline.OT, title="Old goal", status=GoalStatus.PAUSED),
            Goal(id="maya-straw", child="maya", discipline=Discipline.SLP, title="Straw"),
        ],
    )


# -- pinned focus and open questions -------------------------------------------------


def test_pinned_focus_is_the_latest_update_per_child_and_for_the_family():
    old = note(NoteKind.UPDATE, "old focus", at(16))
    new = note(NoteKind.UPDATE, "new focus", at(23))
    maya = note(NoteKind.UPDATE, "straw focus", at(20), child="maya")
    family = note(NoteKind.UPDATE, "family focus", at(18), child=None)
    later_observation = note(NoteKind.OBSERVATION, "not a focus", at(25))
    focus = notes.pinned_focus([old, new, maya, family, later_observation])
    assert focus == {"leo": new, "maya": maya, None: family}


def test_focus_follows_the_programs_order_of_children_family_last(program):
    leo = note(NoteKind.UPDATE, "leo", at(23))
    maya = note(NoteKind.UPDATE, "maya", at(20), child="maya")
    family = note(NoteKind.UPDATE, "family", at(25), child=None)
    assert notes.focus_in_order([family, leo, maya], program) == [maya, leo, family]


def test_open_questions_are_unanswered_questions_oldest_first():
    first = note(NoteKind.QUESTION, "first", at(20))
    second = note(NoteKind.QUESTION, "second", at(22), child=None)
    answered = notes.answer_question(note(NoteKind.QUESTION, "done", at(19)), "yes", at(21))
    observation = note(NoteKind.OBSERVATION, "obs", at(18))
    assert notes.open_questions([second, answered, observation, first]) == [first, second]


# -- changing notes --------------------------------------------------------------------


def test_answering_keeps_the_question_and_records_the_answer_and_its_date():
    question = note(NoteKind.QUESTION, "Should we correct 'thnake'?", at(24))
    answered = notes.answer_question(question, "Model it gently:\nsssnake.", at(26, 7, 20))
    assert answered.id == question.id
    assert answered.text == question.text and answered.kind is NoteKind.QUESTION
    assert answered.author == "Mom" and answered.created_at == question.created_at
    assert answered.answer == "Model it gently:\nsssnake."
    assert answered.answered_at == at(26, 7, 20)
    assert not answered.is_open_question
    assert question.is_open_question  # the original is untouched


def test_correcting_an_answer_keeps_its_date_and_emptying_it_reopens():
    answered = notes.answer_question(note(NoteKind.QUESTION, "q", at(24)), "yes", at(25))
    corrected = notes.answer_question(answered, "Yes, on Tuesdays.", at(26))
    assert corrected.answer == "Yes, on Tuesdays." and corrected.answered_at == at(25)
    assert corrected.updated_at == at(26)
    reopened = notes.answer_question(corrected, "   ", at(27))
    assert reopened.is_open_question and reopened.answer == "" and reopened.answered_at is None


def test_only_questions_can_be_answered_and_answers_are_validated():
    with pytest.raises(ValueError, match="Only a question"):
        notes.answer_question(note(NoteKind.OBSERVATION, "obs", at(24)), "answer", at(25))
    with pytest.raises(ValidationError):
        notes.answer_question(note(NoteKind.QUESTION, "q", at(24)), "bad \x07 bell", at(25))


def test_editing_keeps_author_time_and_answer():
    question = notes.answer_question(note(NoteKind.QUESTION, "q", at(20), author="Dad"), "a", at(21))
    edited = notes.edit_note(question, kind=NoteKind.QUESTION, child=None, text="q, clearer", now=at(26))
    assert (edited.author, edited.created_at, edited.answer, edited.answered_at) == ("Dad", at(20), "a", at(21))
    assert edited.child is None and edited.text == "q, clearer" and edited.updated_at == at(26)
    with pytest.raises(ValidationError):
        notes.edit_note(question, kind=NoteKind.QUESTION, child=None, text="   ", now=at(26))


def test_who_answered_is_recorded_kept_when_reworded_and_forgotten_when_reopened():
    question = note(NoteKind.QUESTION, "q", at(24))
    assert question.answered_by == ""
    answered = notes.answer_question(question, "yes", at(25), answered_by="Ms. Rivera")
    assert (answered.answered_by, answered.answered_at) == ("Ms. Rivera", at(25))
    by_mom = notes.answer_question(answered, "Yes.", at(26), answered_by="Mom")
    assert (by_mom.answered_by, by_mom.answered_at) == ("Mom", at(25))
    reopened = notes.answer_question(by_mom, "", at(27), answered_by="Mom")
    assert reopened.is_open_question and reopened.answered_by == ""
    with pytest.raises(ValidationError):
        notes.answer_question(question, "yes", at(25), answered_by="Two\nlines")


def test_editing_an_update_may_change_its_author_and_keeps_it_otherwise():
    update = note(NoteKind.UPDATE, "Pinch, push, pull", at(24), author="Ms. Rivera")
    kept = notes.edit_note(update, kind=NoteKind.UPDATE, child="leo", text="Pinch, push", now=at(25))
    assert kept.author == "Ms. Rivera"
    moved = notes.edit_note(update, kind=NoteKind.UPDATE, child="leo", text="x", now=at(25), author="Mr. Chen")
    assert moved.author == "Mr. Chen" and moved.created_at == update.created_at


RIVERA = Therapist(id="rivera", name="Ms. Rivera", discipline=Discipline.SLP, children=["leo", "maya"])
CHEN = Therapist(id="chen", name="Mr. Chen", discipline=Discipline.OT, children=["leo"])
OKAFOR = Therapist(id="okafor", name="Dr. Okafor", discipline=Discipline.PT, children=["maya"])
GONE = Therapist(id="gone", name="Ms. Gone", discipline=Discipline.PT, children=["leo"], archived=True)


def test_the_default_therapist_sees_the_child_and_does_the_therapy():
    team = [GONE, RIVERA, CHEN, OKAFOR]
    assert notes.default_therapist(team, "leo") == "Ms. Rivera"  # two see Leo: the first
    assert notes.default_therapist(team, "leo", Discipline.OT) == "Mr. Chen"
    assert notes.default_therapist(team, "leo", Discipline.PT) == "Ms. Rivera"  # Ms. Gone is archived
    assert notes.default_therapist([CHEN, OKAFOR], "maya") == "Dr. Okafor"  # Maya's only one
    assert notes.default_therapist(team, None) == "Ms. Rivera"  # the whole family: the first
    assert notes.default_therapist([GONE], "leo") is None


def test_choices_of_author_and_of_who_answered():
    team = [RIVERA, GONE, CHEN]
    assert notes.author_choices(team) == [
        ("Ms. Rivera (Speech therapy)", "Ms. Rivera"),
        ("Mr. Chen (Occupational therapy)", "Mr. Chen"),
    ]
    assert notes.author_choices(team, keep="Dad")[0] == ("Dad", "Dad")
    assert len(notes.author_choices(team, keep="Mr. Chen")) == 2
    assert notes.answerer_choices(team, "Mom") == [
        ("Ms. Rivera (Speech therapy)", "Ms. Rivera"),
        ("Mr. Chen (Occupational therapy)", "Mr. Chen"),
        ("Mom (the family)", "Mom"),
    ]
    assert notes.answerer_choices([], "Parent", keep="Ms. Gone") == [
        ("Ms. Gone", "Ms. Gone"),
        ("Parent (the family)", "Parent"),
    ]


def test_a_question_naming_a_practice_is_about_its_therapy(program):
    program = Program.model_validate(
        {
            **program.model_dump(),
            "goals": program.goals
            + [Goal(id="leo-buttons", child="leo", discipline=Discipline.OT, title="Button his shirt")],
            "strategies": [
                Strategy(id="snake", goal="leo-s", title="Snake sounds", cue="Let the snake out"),
                Strategy(id="btn", goal="leo-buttons", title="Bottom up"),
            ],
        }
    )
    asked = note(NoteKind.QUESTION, "Can we say 'let the snake out' at bath time?", at(24))
    assert notes.question_discipline(program, asked) is Discipline.SLP
    asked = note(NoteKind.QUESTION, "Is 'Bottom up' still right?", at(24))
    assert notes.question_discipline(program, asked) is Discipline.OT
    both = note(NoteKind.QUESTION, "Snake sounds while we do Bottom up?", at(24))
    assert notes.question_discipline(program, both) is None
    assert notes.question_discipline(program, note(NoteKind.QUESTION, "Weekends?", at(24))) is None
    assert notes.question_discipline(program, note(NoteKind.QUESTION, "Say /s/?", at(24), child=None)) is None


def test_new_note_is_stamped_now():
    made = notes.new_note(NoteKind.OBSERVATION, "maya", "Drank half a cup", "Dad", at(26, 7, 20))
    assert made.created_at == made.updated_at == at(26, 7, 20)
    assert made.kind is NoteKind.OBSERVATION and made.child == "maya" and made.author == "Dad"


def test_author_is_the_current_caregiver_or_parent(program):
    assert notes.current_author(program.caregiver("gj")) == "Grandpa Joe"
    assert notes.current_author(None) == "Parent"
    assert notes.current_author(program.caregiver("gone")) == "Parent"


def test_text_problem_explains_in_words():
    assert notes.text_problem("fine [Jr]") is None
    assert notes.text_problem("  \n ") == "The note must not be empty."
    assert "U+0007" in notes.text_problem("bell \x07", "The win")
    assert "5000" in notes.text_problem("x" * 5001)


# -- filtering and the pane's view -----------------------------------------------------


@pytest.fixture
def mixed() -> list[Note]:
    return [
        note(NoteKind.UPDATE, "Snake sounds at breakfast", at(23), author="Ms. Rivera"),
        note(NoteKind.OBSERVATION, "Drank half a cup", at(24), child="maya", author="Dad"),
        note(NoteKind.QUESTION, "Can Grandpa come along?", at(25), child=None),
        notes.answer_question(note(NoteKind.QUESTION, "Straw length?", at(22), child="maya"), "Short, 10 cm", at(23)),
        note(NoteKind.OBSERVATION, "Said SUN clearly", at(26)),
    ]


def texts(found) -> list[str]:
    return [n.text for n in found]


def test_filter_by_child_family_kind_and_open(program, mixed):
    def shown(**kw) -> list[str]:
        return texts(n for n in notes.newest_first(mixed) if NoteFilter(**kw).matches(n, program))

    assert shown(child="maya") == ["Drank half a cup", "Straw length?"]
    assert shown(child=WHOLE_FAMILY) == ["Can Grandpa come along?"]
    assert shown(kind=NoteKind.QUESTION) == ["Can Grandpa come along?", "Straw length?"]
    assert shown(kind=NoteKind.QUESTION, open_only=True) == ["Can Grandpa come along?"]
    assert shown(child="leo", kind=NoteKind.OBSERVATION) == ["Said SUN clearly"]
    assert len(shown()) == len(mixed)


def test_search_is_case_blind_and_looks_at_answers_authors_and_children(program, mixed):
    def found(words: str) -> list[str]:
        return texts(n for n in notes.newest_first(mixed) if NoteFilter(search=words).matches(n, program))

    assert found("sun") == ["Said SUN clearly"]
    assert found("10 CM") == ["Straw length?"]  # in the answer
    assert found("rivera") == ["Snake sounds at breakfast"]  # the author
    assert found("maya cup") == ["Drank half a cup"]  # every word, the child's name included
    assert found("nothing-like-this") == []


def test_filter_steps_and_descriptions(program):
    steps = [ANY]
    for _ in range(4):
        steps.append(notes.next_child_filter(steps[-1], program))
    assert steps == [ANY, "maya", "leo", WHOLE_FAMILY, ANY]  # archived Sam is skipped
    kinds = [(None, False)]
    for _ in range(5):
        kinds.append(notes.next_kind_filter(*kinds[-1]))
    assert kinds == [
        (None, False),
        (NoteKind.UPDATE, False),
        (NoteKind.OBSERVATION, False),
        (NoteKind.QUESTION, False),
        (NoteKind.QUESTION, True),
        (None, False),
    ]
    assert NoteFilter().describe(program) == "Everything"
    assert NoteFilter(child="leo", open_only=True, kind=NoteKind.QUESTION, search=" sun ").describe(program) == (
        "Leo · open questions · “sun”"
    )


def test_view_pins_the_focus_once_and_lists_the_rest_newest_first(program, mixed):
    older_update = note(NoteKind.UPDATE, "Last week's focus", at(16), author="Ms. Rivera")
    view = notes.notes_view(mixed + [older_update], program)
    assert texts(view.pinned) == ["Snake sounds at breakfast"]
    assert texts(view.others) == [
        "Said SUN clearly",
        "Can Grandpa come along?",
        "Drank half a cup",
        "Straw length?",
        "Last week's focus",
    ]
    assert view.total == 6 and view.shown == 6
    maya_only = notes.notes_view(mixed, program, NoteFilter(child="maya"))
    assert maya_only.pinned == () and maya_only.shown == 2


# -- wins --------------------------------------------------------------------------------


def test_week_is_monday_to_sunday():
    assert notes.week_of(THURSDAY) == (MONDAY, SUNDAY)
    assert notes.week_of(MONDAY) == (MONDAY, SUNDAY)
    assert notes.week_of(SUNDAY) == (MONDAY, SUNDAY)


def test_wins_this_week_use_the_family_day():
    wins = [
        win("last sunday", at(22, 20)),
        win("monday", at(23, 8)),
        win("sunday night", at(29, 22)),
        win("after midnight", at(30, 1, 30)),  # Monday 30 Nov, 01:30
    ]
    assert texts(notes.wins_this_week(wins, THURSDAY)) == ["sunday night", "monday"]
    # With the family day starting at 03:00, 01:30 on Monday still belongs to Sunday.
    late = notes.wins_this_week(wins, THURSDAY, day_start=time(3, 0))
    assert texts(late) == ["after midnight", "sunday night", "monday"]


def test_win_filter_by_child_goal_and_no_goal(program):
    wins = [
        win("s-word", at(23)),
        win("straw", at(24), child="maya", goal="maya-straw"),
        win("hug", at(25), goal=None),
        win("old goal", at(20), goal="leo-old"),
    ]
    assert texts(notes.filter_wins(wins)) == ["hug", "straw", "s-word", "old goal"]
    assert texts(notes.filter_wins(wins, WinFilter(child="leo"))) == ["hug", "s-word", "old goal"]
    assert texts(notes.filter_wins(wins, WinFilter(goal="leo-s"))) == ["s-word"]
    assert texts(notes.filter_wins(wins, WinFilter(goal=NO_GOAL))) == ["hug"]
    # Goal steps: the child's active goals and goals with wins, then "no particular goal".
    steps = [WinFilter(child="leo")]
    for _ in range(4):
        steps.append(notes.next_win_goal_filter(steps[-1], program, wins))
    assert [s.goal for s in steps] == [ANY, "leo-s", "leo-old", NO_GOAL, ANY]
    assert notes.next_win_child_filter(WinFilter(child="leo", goal="leo-s"), program) == WinFilter(child=ANY)
    assert WinFilter(child="leo", goal="leo-s").describe(program) == "Leo · Say /s/"


def test_editing_a_win_keeps_when_and_who():
    original = win("s-word", at(23))
    edited = notes.edit_win(original, child="maya", text="straw!", goal=None, setting=Setting.SCHOOL)
    assert (edited.id, edited.when, edited.who) == (original.id, original.when, original.who)
    assert (edited.child, edited.text, edited.goal, edited.setting) == ("maya", "straw!", None, Setting.SCHOOL)
    with pytest.raises(ValidationError):
        notes.edit_win(original, child="maya", text="", goal=None, setting=Setting.HOME)


def test_goals_a_win_can_be_about(program):
    assert [g.id for g in notes.goals_for_win(program, "leo")] == ["leo-s"]
    assert [g.id for g in notes.goals_for_win(program, "leo", keep="leo-old")] == ["leo-s", "leo-old"]


def test_when_words():
    today = THURSDAY
    assert notes.when_words(at(26, 7, 5), today) == "today 07:05"
    assert notes.when_words(at(25, 18, 30), today) == "yesterday 18:30"
    assert notes.when_words(at(23), today) == "Mon 23 Nov"
    assert notes.when_words(datetime(2025, 11, 23, 9), today) == "23 Nov 2025"
    assert notes.when_words(at(27, 1, 0), date(2026, 11, 26), day_start=time(3, 0)) == "today 01:00"
