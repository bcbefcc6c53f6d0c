"""``family-tui reply-template`` and ``family-tui import REPLY``: her reply, back in one step."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from family_tui.domain.models import Note, NoteKind
from family_tui.storage import FamilyStore

REPO = Path(__file__).resolve().parents[2]
ASKED = datetime(2026, 11, 24, 20, 0)


@pytest.fixture
def asked(store: FamilyStore) -> FamilyStore:
    store.save(
        Note(
            id="q-weekends",
            kind=NoteKind.QUESTION,
            child="leo",
            author="Mom",
            text="Should we practise on weekends?",
            created_at=ASKED,
            updated_at=ASKED,
        )
    )
    return store


def reopened(data_dir: Path, clock) -> FamilyStore:
    return FamilyStore(data_dir, clock=clock)


def test_the_template_names_her_open_questions_and_can_be_written_to_a_file(cli, asked, tmp_path):
    result = cli("reply-template", "--therapist", "rivera", "-o", tmp_path / "reply.toml")
    assert result.code == 0, result.err
    text = (tmp_path / "reply.toml").read_text(encoding="utf-8")
    assert 'format = "family-tui/reply@1"\ntherapist = "rivera"\ndate = 2026-11-26\n' in text
    assert "# Leo, asked Tue 24 Nov by Mom: Should we practise on weekends?" in text
    assert 'question = "q-weekends"\ntext = ""' in text
    assert "#       cue now: Lips tight like a fish" in text


def test_an_unknown_therapist_is_named_with_the_ones_there_are(cli, asked):
    result = cli("reply-template", "--therapist", "Okafor")
    assert result.code == 1
    assert 'No therapist called "Okafor". Therapists: Ms. Rivera (SLP, id rivera).' in result.err


def test_a_filled_in_template_imports_and_a_second_import_changes_nothing(cli, asked, data_dir, clock, tmp_path):
    text = cli("reply-template", "--therapist", "rivera").out
    text = text.replace('text = ""', 'text = "Yes, when it fits the day."', 1)
    text += '\n[[cues]]\nstrategy = "straw"\ncue = "Kiss the straw"\n'
    reply = tmp_path / "reply.toml"
    reply.write_text(text, encoding="utf-8")

    dry = cli("import", reply, "--dry-run")
    assert dry.code == 0, dry.err
    assert dry.out.startswith("Reply from Ms. Rivera of Thu 26 Nov: would change 2 things:")
    assert dry.out.rstrip().endswith("Dry run: nothing was changed.")
    assert reopened(data_dir, clock).program().strategy("straw").cue == "Lips tight like a fish"

    done = cli("import", reply)
    assert done.code == 0, done.err
    assert '  the cue of "Straw drinking" from Thu 26 Nov: "Kiss the straw"' in done.out
    store = reopened(data_dir, clock)
    (note,) = [n for n in store.notes() if n.id == "q-weekends"]
    assert (note.answer, note.answered_by, note.answered_via_reply) == (
        "Yes, when it fits the day.",
        "Ms. Rivera",
        date(2026, 11, 26),
    )
    straw = store.program().strategy("straw")
    assert straw.cue == "Kiss the straw" and straw.earlier_cues[0].cue == "Lips tight like a fish"

    again = cli("import", reply)
    assert again.code == 0
    assert again.out.strip() == "Reply from Ms. Rivera of Thu 26 Nov: nothing new to import (it is already in)."


def test_a_reply_with_a_mistake_changes_nothing_and_says_where(cli, asked, data_dir, clock, tmp_path):
    reply = tmp_path / "reply.toml"
    reply.write_text(
        'format = "family-tui/reply@1"\ntherapist = "rivera"\ndate = 2026-11-26\n'
        '[[cues]]\nstrategy = "straw"\ncue = "Kiss the straw"\n'
        '[[answers]]\nquestion = "q-nope"\ntext = "Yes"\n',
        encoding="utf-8",
    )
    result = cli("import", reply)
    assert result.code == 1
    assert "the reply was not imported; nothing was changed:" in result.err
    assert 'answers[0]: no open question "q-nope" for Ms. Rivera.' in result.err
    assert reopened(data_dir, clock).program().strategy("straw").cue == "Lips tight like a fish"


def test_the_demo_reply_imports_into_the_demo_family(capsys, clock):
    from family_tui.cli import main
    from family_tui.usecases.demo import create_demo_data_dir, remove_demo_data_dir

    folder = create_demo_data_dir(clock)
    try:
        code = main(["--data-dir", str(folder), "import", str(REPO / "data" / "demo-reply.toml")], clock=clock)
        out = capsys.readouterr().out
        assert code == 0, out
        assert "Reply from Ms. Rivera of Mon 7 Dec: changed 6 things:" in out
        store = FamilyStore(folder, clock=clock)
        (answer,) = [n for n in store.notes() if n.id == "demo-question-3"]
        assert answer.answered_via_reply == date(2026, 12, 7)
        assert store.program().strategy("breakfast-s-choices").cue == "Snake teeth: sss"
    finally:
        remove_demo_data_dir(folder)


def test_the_readme_reply_is_the_demo_reply():
    import re

    from family_tui.domain.reply import parse_reply

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The therapist's reply", 1)[1]
    sample = re.search(r"```toml\n(.*?)```", section, re.DOTALL).group(1)
    demo = (REPO / "data" / "demo-reply.toml").read_text(encoding="utf-8")
    assert parse_reply(sample) == parse_reply(demo)


def test_a_cue_changed_in_the_program_editor_keeps_the_old_one(store, data_dir, clock):
    from family_tui.usecases.program_edits import save_from_form

    before = store.program().strategy("straw")
    save_from_form(store, before, before.model_copy(update={"cue": "Kiss the straw"}))
    after = reopened(data_dir, clock).program().strategy("straw")
    assert after.cue == "Kiss the straw" and after.cue_since == date(2026, 11, 26)
    assert [(c.cue, c.until) for c in after.earlier_cues] == [("Lips tight like a fish", date(2026, 11, 25))]
