"""Records are dataclasses that pydantic validates: the rules hold whichever way one is made."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime, time
from pathlib import Path

import pytest
from pydantic import ValidationError

from family_tui.domain.models import Child, Note, NoteKind, PracticeEntry, Routine, Weekday
from family_tui.domain.records import DecodeError, decode

ROOT = Path(__file__).resolve().parents[2]
STAMP = datetime(2026, 11, 26, 7, 30)


def test_making_a_record_validates_it():
    with pytest.raises(ValidationError, match="at least 1 character|must not be empty"):
        Child(id="maya", name="  ")
    with pytest.raises(ValidationError, match="pattern"):
        Child(id="Not An Id", name="Maya")
    with pytest.raises(ValidationError, match="colour"):
        Child(id="maya", name="Maya", colour="red")  # a typo is refused, not ignored
    with pytest.raises(ValidationError, match="more than the total"):
        PracticeEntry(
            date=date(2026, 11, 26),
            child="maya",
            strategy="s",
            routine="r",
            trials_correct=4,
            trials_total=3,
            created_at=STAMP,
            updated_at=STAMP,
        )


def test_assignment_is_validated_and_a_refused_value_changes_nothing():
    child = Child(id="maya", name="Maya")
    with pytest.raises(ValidationError):
        child.name = "x" * 81
    assert child.name == "Maya"
    child.name = "Maya Rose"
    assert child == Child(id="maya", name="Maya Rose")


def test_routine_days_are_put_in_week_order_once():
    routine = Routine(id="bath", name="Bath", time="19:00", days=["fri", "mon", "fri"])
    assert routine.days == [Weekday.MON, Weekday.FRI]
    assert routine.time == time(19, 0)


def test_dump_and_validate_round_trip():
    note = Note(
        kind=NoteKind.QUESTION,
        child=None,
        author="Mom",
        text="Is <b>this</b> [red]ok[/]?",
        created_at=STAMP,
        updated_at=STAMP,
    )
    stored = note.model_dump(mode="json")
    assert stored["kind"] == "question" and stored["created_at"] == "2026-11-26T07:30:00"
    assert Note.model_validate(stored) == note
    assert decode(Note, stored) == note


@pytest.mark.parametrize(
    "change",
    [
        {"mood": "happy"},  # a field the app never writes
        {"kind": "rant"},  # not a kind of note
        {"kind": ["question"]},  # the wrong shape altogether
        {"author": 7},  # a number where text belongs
        {"text": "ring \x07 the bell"},  # a control character
        {"created_at": "yesterday"},  # not a date and time
        {"answered_at": 5},
    ],
)
def test_decode_refuses_what_the_app_would_not_have_written(change):
    stored = Note(kind=NoteKind.OBSERVATION, author="Dad", text="Fine.", created_at=STAMP, updated_at=STAMP).model_dump(
        mode="json"
    )
    with pytest.raises(DecodeError):
        decode(Note, stored | change)


def test_decode_fills_defaults_and_needs_required_fields():
    assert decode(Child, {"id": "leo", "name": "Leo"}) == Child(id="leo", name="Leo")
    with pytest.raises(DecodeError, match="required"):
        decode(Child, {"id": "leo"})


def test_models_import_without_pydantic():
    """What makes quick start possible: defining the records does not import pydantic."""
    code = "import sys, family_tui.domain.models, family_tui.storage; print('pydantic' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
