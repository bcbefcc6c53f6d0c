"""Two and three homes kept in step by real Syncthing instances on 127.0.0.1, with nothing lost or doubled.

Each home writes only its own log (``devices/<id>/``), so Syncthing never sees two
homes change one file and never makes a conflict copy. The homes go offline, each
changes the family's data, they come back; every home then shows the same family.
"""

from __future__ import annotations

import os
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from family_tui.clock import FixedClock
from family_tui.domain.models import Note, NoteKind, PracticeEntry, PracticeStatus, Win
from family_tui.storage import FamilyStore
from family_tui.usecases.export import export_data
from tests.cli.conftest import FIXTURE_PROGRAM, run_console_script

from .syncthing_homes import Homes, syncthing_available

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not syncthing_available() and not os.environ.get("CI"),
        reason="syncthing is not installed (.ci/run installs it)",
    ),
]

MORNING = datetime(2026, 12, 7, 7, 30)
REPO = Path(__file__).resolve().parents[2]


def check_in(strategy: str, routine: str, at: datetime, **fields: object) -> PracticeEntry:
    return PracticeEntry(
        date=at.date(), child="leo", strategy=strategy, routine=routine, created_at=at, updated_at=at, **fields
    )


def import_program(data: Path, program: Path) -> None:
    done = run_console_script("--data-dir", data, "import", program, cwd=REPO)
    assert done.returncode == 0, done.stderr


def everything(data: Path, clock: FixedClock) -> dict[str, object]:
    store = FamilyStore(data, clock=clock, maintain=False)
    return export_data(store)


def conflict_files(data: Path) -> list[str]:
    return [p.name for p in data.rglob("*") if "conflict" in p.name]


@pytest.fixture
def homes(tmp_path: Path):
    started: list[Homes] = []

    def make(*names: str) -> Homes:
        found = Homes(tmp_path, list(names))
        started.append(found)
        found.start()
        return found

    yield make
    for found in started:
        found.stop()


def test_two_homes_apart_then_together_keep_every_change_once(homes, tmp_path: Path) -> None:
    both = homes("mum", "dad")
    mum_data, dad_data = both["mum"].data, both["dad"].data
    mum_clock, dad_clock = FixedClock(MORNING), FixedClock(MORNING + timedelta(minutes=2))

    import_program(mum_data, FIXTURE_PROGRAM)
    FamilyStore(mum_data, clock=mum_clock, maintain=False).save(
        question := Note(
            kind=NoteKind.QUESTION,
            child="leo",
            author="Mum",
            text="Is it fine to skip the snake card at breakfast?",
            created_at=MORNING,
            updated_at=MORNING,
        )
    )
    both.settle()
    assert [n.id for n in FamilyStore(dad_data, clock=dad_clock, maintain=False).notes()] == [question.id]

    both.offline("mum")
    mum = FamilyStore(mum_data, clock=mum_clock, maintain=False)
    dad = FamilyStore(dad_data, clock=dad_clock, maintain=False)
    mum_clock.advance(minutes=5)
    dad_clock.advance(minutes=5)

    # The same morning in two homes: each checks practice off, writes a note and a win.
    mum_entry = mum.record_practice(
        check_in("snack-s-words", "breakfast", mum_clock.now(), trials_correct=4, trials_total=5)
    )
    dad_entry = dad.record_practice(check_in("bath-s-toys", "bath", dad_clock.now(), status=PracticeStatus.TRIED))
    mum_note = Note(
        kind=NoteKind.OBSERVATION,
        child="leo",
        author="Mum",
        text="Said 'sun' twice.",
        created_at=mum_clock.now(),
        updated_at=mum_clock.now(),
    )
    dad_note = Note(
        kind=NoteKind.OBSERVATION,
        child="leo",
        author="Dad",
        text="Tired at bath.",
        created_at=dad_clock.now(),
        updated_at=dad_clock.now(),
    )
    mum.save(mum_note)
    dad.save(dad_note)
    mum.save(mum_win := Win(child="leo", text="Buttoned his coat", when=mum_clock.now(), who="Mum"))
    dad.save(dad_win := Win(child="leo", text="Three stairs alone", when=dad_clock.now(), who="Dad"))
    # One note, two fields, one in each home: the text in mum's, the answer in dad's.
    before = next(n for n in mum.notes() if n.id == question.id)
    mum.update(before, before.model_copy(update={"text": "Can we skip the snake card at breakfast?"}))
    answered = next(n for n in dad.notes() if n.id == question.id)
    dad.update(
        answered,
        answered.model_copy(
            update={"answer": "Yes, on busy days.", "answered_at": dad_clock.now(), "answered_by": "Dad"}
        ),
    )
    # And a program import in dad's home: one more strategy.
    changed = tmp_path / "program-with-one-more.toml"
    changed.write_text(
        FIXTURE_PROGRAM.read_text()
        + '\n[[goals]]\nid = "leo-blow"\nchild = "leo"\ndiscipline = "SLP"\ntitle = "Blow bubbles"\n'
        + 'target = "3 long breaths"\n\n  [[goals.strategies]]\n  id = "bubbles-bath"\n  title = "Bubbles in the bath"\n'
        + '  how = "Blow the bubbles before the bath ends."\n  cue = "Big breath, slow blow"\n  minutes = 2\n'
        + '  routines = ["bath"]\n'
    )
    import_program(dad_data, changed)

    both.online("mum")
    both.settle()

    assert conflict_files(mum_data) == [] and conflict_files(dad_data) == []
    mum_sees, dad_sees = everything(mum_data, mum_clock), everything(dad_data, dad_clock)
    assert mum_sees == dad_sees
    assert sorted(e["id"] for e in mum_sees["practice"]) == sorted([mum_entry.id, dad_entry.id])
    notes = {n["id"]: n for n in mum_sees["notes"]}
    assert set(notes) == {question.id, mum_note.id, dad_note.id}
    assert notes[question.id]["text"] == "Can we skip the snake card at breakfast?"
    assert notes[question.id]["answer"] == "Yes, on busy days."
    assert {w["id"] for w in mum_sees["wins"]} == {mum_win.id, dad_win.id}
    assert "bubbles-bath" in {s["id"] for g in mum_sees["goals"] for s in g["strategies"]}
    opened = FamilyStore(mum_data, clock=mum_clock, maintain=False)
    assert opened.problems == [] and opened.notices == []


def test_three_homes_with_clocks_apart_keep_both_values_of_a_field_written_in_two(homes) -> None:
    three = homes("kitchen", "grandma", "laptop")
    kitchen, grandma, laptop = (three[name].data for name in ("kitchen", "grandma", "laptop"))
    clocks = {
        "kitchen": FixedClock(MORNING),
        "grandma": FixedClock(MORNING - timedelta(minutes=40)),  # her laptop runs slow
        "laptop": FixedClock(MORNING + timedelta(hours=3)),  # and this one far ahead
    }
    import_program(kitchen, FIXTURE_PROGRAM)
    note = Note(
        kind=NoteKind.OBSERVATION,
        child="leo",
        author="Mum",
        text="Straw at lunch.",
        created_at=MORNING,
        updated_at=MORNING,
    )
    FamilyStore(kitchen, clock=clocks["kitchen"], maintain=False).save(note)
    three.settle()

    for name in ("kitchen", "grandma", "laptop"):
        three.offline(name)
    stores = {name: FamilyStore(three[name].data, clock=clocks[name], maintain=False) for name in clocks}
    day = date(2026, 12, 7)
    for name, store in stores.items():
        store.record_practice(
            check_in("snack-s-words", "breakfast", clocks[name].now()).model_copy(
                update={"caregiver": None, "note": f"from {name}"}
            )
        )
    grandma_before = next(n for n in stores["grandma"].notes() if n.id == note.id)
    stores["grandma"].update(grandma_before, grandma_before.model_copy(update={"text": "Straw at lunch, both cups."}))
    laptop_before = next(n for n in stores["laptop"].notes() if n.id == note.id)
    stores["laptop"].update(laptop_before, laptop_before.model_copy(update={"text": "Straw at lunch, no help."}))
    stores["kitchen"].save(Win(child="leo", text="Said 'snake'", when=clocks["kitchen"].now(), who="Mum"))

    for name in ("kitchen", "grandma", "laptop"):
        three.online(name)
    three.settle()

    seen = [everything(three[name].data, clocks[name]) for name in clocks]
    assert seen[0] == seen[1] == seen[2]
    assert all(conflict_files(three[name].data) == [] for name in clocks)
    # One check-in record per day, child, strategy and routine: the three homes' writes of it
    # are one record (the latest write's fields), never three.
    assert [e["date"] for e in seen[0]["practice"]] == [day.isoformat()]
    # The same field written in two homes: the latest write by the hybrid clock is shown, and
    # the other value is kept and named, in every home.
    texts = {n["id"]: n["text"] for n in seen[0]["notes"]}
    assert texts[note.id] in {"Straw at lunch, both cups.", "Straw at lunch, no help."}
    other = ({"Straw at lunch, both cups.", "Straw at lunch, no help."} - {texts[note.id]}).pop()
    for name in clocks:
        notices = FamilyStore(three[name].data, clock=clocks[name], maintain=False).notices
        assert any(other in p and "changed on two computers" in p for p in notices), notices


def test_syncthing_carries_no_local_file(homes) -> None:
    both = homes("mum", "dad")
    import_program(both["mum"].data, FIXTURE_PROGRAM)
    both.settle()
    dad_local = both["dad"].data / ".family-tui-local"
    mum_device = (both["mum"].data / ".family-tui-local" / "device.json").read_text()
    assert not (dad_local / "device.json").exists() or (dad_local / "device.json").read_text() != mum_device
    assert shutil.which("syncthing")
