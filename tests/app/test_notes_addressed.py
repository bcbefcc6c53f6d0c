"""A note is for someone: the note form's "For", the notes pane, and who answered a question.

The small family's Ms. Rivera (SLP) sees Leo and Maya; here Mr. Chen (OT) sees Leo and
Ms. Okafor (PT) sees Maya. Driven by the keys at 80x24, as a parent would.
"""

from __future__ import annotations

from textual.widgets import Select

from family_tui.domain.models import Discipline, NoteKind, Therapist
from family_tui.screens.note_form import AnswerForm, NoteForm
from family_tui.widgets.checklist import PracticeChecklist
from family_tui.widgets.choice_field import ChoiceField
from tests.app.test_notes import open_pane, pane_rows, stored, write
from tests.app.test_notes_therapists import a_question

SIZE = (80, 24)
CHEN = Therapist(id="chen", name="Mr. Chen", discipline=Discipline.OT, children=["leo"])
OKAFOR = Therapist(id="okafor", name="Ms. Okafor", discipline=Discipline.PT, children=["maya"])


def with_three_therapists(store) -> None:
    store.save(CHEN)
    store.save(OKAFOR)


async def open_note_form(pilot) -> NoteForm:
    await pilot.press("a")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, NoteForm)
    return form


def for_field(form) -> ChoiceField:
    return form.query_one("#for", ChoiceField)


async def test_for_offers_the_childs_therapists_and_starts_at_the_selected_practices(make_app, store):
    with_three_therapists(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        checklist = app.screen.query_one(PracticeChecklist)
        item = checklist.highlighted_item
        assert (item.child.id, item.goal.discipline) == ("leo", Discipline.SLP)
        form = await open_note_form(pilot)
        field = for_field(form)
        assert field.value == "rivera" and field.label == "Ms. Rivera (SLP)"
        # Leo's therapists, their disciplines, everyone: never Maya's physiotherapist.
        assert [form_label for form_label in field._labels] == [
            "Ms. Rivera (SLP)",
            "Mr. Chen (OT)",
            "Occupational therapy (OT)",
            "Speech therapy (SLP)",
            "Everyone who sees Leo",
        ]
        await pilot.press("escape")
        await pilot.pause()
        # On Leo's buttons practice (OT), the note is first for Mr. Chen.
        for _ in range(20):
            if checklist.highlighted_item.goal.discipline is Discipline.OT:
                break
            await pilot.press("down")
        assert checklist.highlighted_item.goal.id == "leo-buttons"
        form = await open_note_form(pilot)
        assert for_field(form).value == "chen"


async def test_typed_straight_through_with_tab_it_saves_for_whom_was_chosen(make_app, store, data_dir):
    with_three_therapists(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await open_note_form(pilot)
        await pilot.press("shift+tab")
        assert app.focused is for_field(form)
        await pilot.press("right")  # Ms. Rivera -> Mr. Chen
        await pilot.press("tab")
        await write(pilot, "Would loop scissors be OK for now?")
        await pilot.press("tab")
        assert app.focused is form.query_one("#save")
        await pilot.press("enter")
        await pilot.pause()
        [note] = stored(data_dir)
        assert (note.text, note.child, note.addressed_to) == ("Would loop scissors be OK for now?", "leo", "chen")
        assert any("for Mr. Chen" in row for row in pane_rows(app))


async def test_another_child_offers_their_therapists_and_everyone_when_hers_does_not_see_them(
    make_app, store, data_dir
):
    with_three_therapists(store)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = await open_note_form(pilot)
        for_field(form).value = "chen"
        form.query_one("#child", Select).value = "maya"
        await pilot.pause()
        field = for_field(form)
        assert field.value is None and field.label == "Everyone who sees Maya"
        assert "Ms. Okafor (PT)" in field._labels and "Mr. Chen (OT)" not in field._labels
        await write(pilot, "Her left foot turns in when she runs.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [note] = stored(data_dir)
        assert (note.child, note.addressed_to) == ("maya", None)


async def test_the_answer_form_lists_the_childs_therapists_and_starts_at_the_one_asked(make_app, store, clock):
    with_three_therapists(store)
    for_chen = a_question(clock, text="Loop scissors?", addressed_to="chen")
    for_pt = a_question(clock, text="Is hopping enough?", child="maya", addressed_to="PT")
    store.save(for_chen)
    store.save(for_pt)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_pane(pilot)
        pane.select_note(for_chen.id)
        await pilot.press("r")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AnswerForm)
        by = form.query_one("#answered-by", Select)
        assert by.value == "Mr. Chen"
        assert [str(p) for p, _ in by._options] == [
            "Mr. Chen (Occupational therapy)",
            "Ms. Rivera (Speech therapy)",
            "Mom (the family)",
        ]
        await pilot.press("escape")
        await pilot.pause()
        pane.select_note(for_pt.id)
        await pilot.press("r")
        await pilot.pause()
        by = app.screen.query_one("#answered-by", Select)
        assert by.value == "Ms. Okafor"
        assert "Mr. Chen (Occupational therapy)" not in [str(p) for p, _ in by._options]


async def test_a_question_changed_keeps_whom_it_is_for(make_app, store, data_dir, clock):
    with_three_therapists(store)
    question = a_question(clock, text="Loop scissors?", addressed_to="chen")
    store.save(question)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pane = await open_pane(pilot)
        pane.select_note(question.id)
        await pilot.press("e")
        await pilot.pause()
        assert for_field(app.screen).value == "chen"
        await write(pilot, " Or spring ones?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [note] = stored(data_dir)
        assert note.kind is NoteKind.QUESTION and note.addressed_to == "chen" and "spring" in note.text
