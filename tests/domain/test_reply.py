"""A therapist's reply file: read, checked by place, applied whole and only once."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from family_tui.domain.cue_history import cue_on, new_cue_line
from family_tui.domain.models import (
    Child,
    Discipline,
    EarlierCue,
    GoalStatus,
    Note,
    NoteKind,
    Program,
    Strategy,
    Therapist,
)
from family_tui.domain.notes import answer_question, reply_byline
from family_tui.domain.program_file import plan_import
from family_tui.domain.reply import ReplyError, is_reply, parse_reply, plan_reply, reply_template
from tests.factories import small_family

NOW = datetime(2026, 12, 8, 18, 0)
ASKED = datetime(2026, 12, 3, 20, 0)
HEAD = 'format = "family-tui/reply@1"\ntherapist = "rivera"\ndate = 2026-12-08\n'


def program() -> Program:
    records = small_family() + [
        Child(id="zoe", name="Zoë"),
        Therapist(id="chen", name="Mr. Chen", discipline=Discipline.OT, children=["leo"]),
    ]
    tables: dict[str, list] = {}
    for record in records:
        name = {
            "Child": "children",
            "Caregiver": "caregivers",
            "Therapist": "therapists",
            "Routine": "routines",
            "Goal": "goals",
            "Strategy": "strategies",
        }[type(record).__name__]
        tables.setdefault(name, []).append(record)
    return Program(**tables)


def question(note_id: str = "q1", child: str | None = "leo", text: str = "Can we stop after three tries?") -> Note:
    return Note(
        id=note_id, kind=NoteKind.QUESTION, child=child, author="Mom", text=text, created_at=ASKED, updated_at=ASKED
    )


def apply(saves, prog: Program, notes: list[Note]) -> tuple[Program, list[Note]]:
    """The program and notes once ``saves`` are written, as the store would hold them."""
    by_id = {n.id: n for n in notes}
    strategies = {s.id: s for s in prog.strategies}
    goals = {g.id: g for g in prog.goals}
    for record in saves:
        if isinstance(record, Note):
            by_id[record.id] = record
        elif isinstance(record, Strategy):
            strategies[record.id] = record
        else:
            goals[record.id] = record
    after = prog.model_copy(update={"strategies": list(strategies.values()), "goals": list(goals.values())})
    return after, list(by_id.values())


def test_a_reply_is_known_by_its_format_line_not_a_program_file():
    assert is_reply(HEAD)
    assert not is_reply('format = "family-tui/home-program@1"\n')


def test_every_mistake_is_named_by_its_place():
    text = HEAD + (
        '[[answers]]\nquestion = "q1"\n'  # no text
        '[[cues]]\nstrategy = "snack-s"\ncue = "sss"\nfrom = "next week"\n'
        '[[goals]]\ngoal = "leo-s"\nstatus = "done"\n'
        '[[strategies]]\nstrategy = "snack-s"\npriority = 0\n'
        '[[strategies]]\nstrategy = "snack-s"\nkid_title = "Snake"\n'
    )
    with pytest.raises(ReplyError) as caught:
        parse_reply(text)
    assert caught.value.problems == [
        'answers[0]: the field "text" is missing.',
        "cues[0]: from is not a date; write it as from = 2026-12-08.",
        'goals[0]: status "done" is not one of active, met, paused.',
        "strategies[0]: priority must be a whole number from 1 to 99, as in priority = 1.",
        'strategies[1]: unknown field "kid_title" (a [[strategies]] table holds strategy, media, priority).',
    ]


def test_her_reply_can_set_a_strategys_place_in_her_order():
    reply = parse_reply(HEAD + '[[strategies]]\nstrategy = "straw"\npriority = 2\n')
    plan = plan_reply(reply, program(), [], NOW)
    (strategy,) = plan.saves
    assert (strategy.id, strategy.priority) == ("straw", 2)
    again = plan_reply(reply, apply(plan.saves, program(), [])[0], [], NOW)
    assert again.saves == []


def test_an_answer_comes_in_with_the_reply_and_its_date_told_apart_from_a_typed_one():
    notes = [question()]
    reply = parse_reply(HEAD + '[[answers]]\nquestion = "q1"\ntext = "Yes: stop on a success."\n')
    plan = plan_reply(reply, program(), notes, NOW)
    (answered,) = plan.saves
    assert answered.answer == "Yes: stop on a success."
    assert answered.answered_by == "Ms. Rivera"
    assert reply_byline(answered) == "answered by Ms. Rivera, reply of Tue 8 Dec"
    # A parent changing the words makes it theirs: no longer "reply of".
    edited = answer_question(answered, "Yes, stop early.", NOW, answered_by="Ms. Rivera")
    assert reply_byline(edited) == ""


def test_a_question_not_open_for_her_is_an_error_and_nothing_applies():
    notes = [question(), question("q2", child="zoe", text="Zoë question")]
    reply = parse_reply(
        HEAD
        + '[[answers]]\nquestion = "q1"\ntext = "Yes."\n'
        + '[[answers]]\nquestion = "q2"\ntext = "About Zoë."\n'
        + '[[answers]]\nquestion = "nope"\ntext = "Hm."\n'
    )
    with pytest.raises(ReplyError) as caught:
        plan_reply(reply, program(), notes, NOW)
    assert caught.value.problems == [
        'answers[1]: no open question "q2" for Ms. Rivera.',
        'answers[2]: no open question "nope" for Ms. Rivera.',
    ]


def test_a_reply_about_a_child_she_does_not_see_is_refused():
    reply = parse_reply(HEAD.replace("rivera", "chen") + '[[goals]]\ngoal = "maya-straw"\nstatus = "paused"\n')
    with pytest.raises(ReplyError) as caught:
        plan_reply(reply, program(), [], NOW)
    assert caught.value.problems == [
        "goals[0]: Mr. Chen does not see Maya: a reply may only change what is about her own children."
    ]
    reply = parse_reply(HEAD.replace("rivera", "chen") + '[[updates]]\nchild = "maya"\ntext = "Hello"\n')
    with pytest.raises(ReplyError, match="updates\\[0\\]: Mr. Chen does not see Maya"):
        plan_reply(reply, program(), [], NOW)


def test_empty_answers_are_skipped():
    reply = parse_reply(HEAD + '[[answers]]\nquestion = "q1"\ntext = ""\n')
    plan = plan_reply(reply, program(), [question()], NOW)
    assert plan.saves == []
    assert "answers[0] (no answer written)" in plan.describe()


FULL = HEAD + (
    '[[answers]]\nquestion = "q1"\ntext = "Yes."\n'
    '[[updates]]\nchild = "leo"\ntext = "Short phrases next week."\n'
    '[[cues]]\nstrategy = "snack-s"\ncue = "Snake teeth: sss"\nfrom = 2026-12-08\n'
    '[[goals]]\ngoal = "maya-straw"\nstatus = "met"\nnote = "Whole cup, lips closed."\n'
    '[[strategies]]\nstrategy = "straw"\nmedia = "https://example.org/straw"\n'
)


def test_importing_the_same_reply_twice_changes_nothing_the_second_time():
    prog, notes = program(), [question()]
    plan = plan_reply(parse_reply(FULL), prog, notes, NOW)
    assert len(plan.changes) == 6
    prog, notes = apply(plan.saves, prog, notes)
    again = plan_reply(parse_reply(FULL), prog, notes, datetime(2026, 12, 9, 9, 0))
    assert again.saves == []
    assert again.describe().endswith("nothing new to import (it is already in).")


def test_a_new_cue_keeps_the_old_one_with_its_days_and_is_new_on_today_for_a_week():
    prog, notes = program(), [question()]
    prog, _ = apply(plan_reply(parse_reply(FULL), prog, notes, NOW).saves, prog, notes)
    strategy = prog.strategy("snack-s")
    assert strategy is not None
    assert strategy.cue == "Snake teeth: sss"
    assert strategy.earlier_cues == [
        EarlierCue(cue="Teeth together, let the snake out: sss", since=None, until=date(2026, 12, 7), by="")
    ]
    assert cue_on(strategy, date(2026, 12, 7)) == "Teeth together, let the snake out: sss"
    assert cue_on(strategy, date(2026, 12, 8)) == "Snake teeth: sss"
    assert new_cue_line(strategy, date(2026, 12, 14)) == "New cue from Ms. Rivera since Tue 8 Dec"
    assert new_cue_line(strategy, date(2026, 12, 15)) == ""
    goal = prog.goal("maya-straw")
    assert goal is not None and goal.status is GoalStatus.MET and goal.met_on == date(2026, 12, 8)


def test_a_goal_note_is_kept_as_her_note_to_the_family():
    plan = plan_reply(parse_reply(FULL), program(), [question()], NOW)
    notes = [r for r in plan.saves if isinstance(r, Note) and r.kind is NoteKind.UPDATE]
    assert [(n.child, n.author, n.text) for n in notes] == [
        ("leo", "Ms. Rivera", "Short phrases next week."),
        ("maya", "Ms. Rivera", 'Goal "Drink from a straw" (met): Whole cup, lips closed.'),
    ]


def test_a_program_file_changing_a_cue_keeps_the_old_one_too():
    current = program()
    incoming_strategies = [
        s.model_copy(update={"cue": "Snake teeth"}) if s.id == "snack-s" else s for s in current.strategies
    ]
    incoming = current.model_copy(update={"strategies": incoming_strategies})
    plan = plan_import(current, incoming, date(2026, 12, 8))
    (changed,) = plan.saves
    assert changed.cue == "Snake teeth" and changed.cue_since == date(2026, 12, 8)
    assert [c.cue for c in changed.earlier_cues] == ["Teeth together, let the snake out: sss"]
    assert plan.updated == ["strategy S-words at breakfast (cue)"]


def test_the_template_has_her_open_questions_and_what_she_can_change():
    notes = [question(text='Can we say "sss"\nonly once?'), question("q2", child="zoe")]
    text = reply_template(program(), notes, program().therapists[0], date(2026, 12, 8))
    assert text.startswith("# A reply from Ms. Rivera (Speech therapy)")
    assert 'format = "family-tui/reply@1"\ntherapist = "rivera"\ndate = 2026-12-08\n' in text
    assert (
        '[[answers]]\n# Leo, asked Thu 3 Dec by Mom: Can we say "sss" only once?\nquestion = "q1"\ntext = ""\n' in text
    )
    assert '"q2"' not in text  # Zoë is not hers
    assert '#     strategy = "snack-s": S-words at breakfast\n#       cue now: Teeth together' in text
    # As written, it is a valid reply that changes nothing.
    plan = plan_reply(parse_reply(text), program(), notes, NOW)
    assert plan.saves == []


def test_the_reply_form_escapes_what_the_family_typed():
    from family_tui.domain.reply import build_reply_form, reply_form_html
    from tests.domain.test_report import _Balance

    hostile = '</textarea><script>alert("x")</script>'
    prog = program()
    prog = prog.model_copy(
        update={
            "strategies": [s.model_copy(update={"cue": hostile}) if s.id == "snack-s" else s for s in prog.strategies]
        }
    )
    form = build_reply_form(prog, [question(text=hostile)], prog.therapists[0], date(2026, 12, 8))
    page = reply_form_html(form)
    assert hostile not in page
    assert "&lt;/textarea&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page

    class Balance(_Balance):
        VOID = _Balance.VOID | {"input"}

    parser = Balance()
    parser.feed(page)
    parser.close()
    assert parser.stack == [] and parser.scripts == 1
    assert 'data-question="q1"' in page and 'data-cue="snack-s"' in page and 'data-goal="leo-s"' in page
    assert 'data-goal="leo-buttons"' not in page  # an OT goal: not the speech therapist's to change


def test_a_cue_changed_in_the_editor_keeps_the_old_one_and_twice_in_a_day_keeps_only_the_first():
    from family_tui.domain.cue_history import edited

    before = program().strategy("snack-s")
    once = edited(before, before.model_copy(update={"cue": "Snake teeth"}), date(2026, 12, 8))
    assert (once.cue_since, [c.cue for c in once.earlier_cues]) == (
        date(2026, 12, 8),
        ["Teeth together, let the snake out: sss"],
    )
    twice = edited(once, once.model_copy(update={"cue": "Snake"}), date(2026, 12, 8))
    assert (twice.cue, twice.cue_since, twice.earlier_cues) == ("Snake", date(2026, 12, 8), once.earlier_cues)
    assert edited(before, before.model_copy(update={"how": "x"}), date(2026, 12, 8)).earlier_cues == []


def test_only_the_questions_for_her_can_be_answered_in_her_reply():
    prog = program()
    for_pt = question("q-pt").model_copy(update={"addressed_to": "PT"})
    for_slp = question("q-slp").model_copy(update={"addressed_to": "SLP"})
    for_chen = question("q-chen").model_copy(update={"addressed_to": "chen"})
    notes = [for_pt, for_slp, for_chen]
    text = reply_template(prog, notes, prog.therapists[0], date(2026, 12, 8))
    assert '"q-slp"' in text and '"q-pt"' not in text and '"q-chen"' not in text
    reply = parse_reply(HEAD + '[[answers]]\nquestion = "q-chen"\ntext = "Loop scissors are fine."\n')
    with pytest.raises(ReplyError, match='answers\\[0\\]: no open question "q-chen" for Ms. Rivera.'):
        plan_reply(reply, prog, notes, NOW)
    chen = parse_reply(HEAD.replace("rivera", "chen") + '[[answers]]\nquestion = "q-chen"\ntext = "Fine."\n')
    (answered,) = plan_reply(chen, prog, notes, NOW).saves
    assert answered.answered_by == "Mr. Chen"
