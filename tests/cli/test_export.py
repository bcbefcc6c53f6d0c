"""``family-tui export`` and ``export-program``: everything out as JSON; the program back as TOML."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

from family_tui.clock import FixedClock
from family_tui.domain.models import (
    Caregiver,
    Child,
    Discipline,
    Goal,
    Note,
    NoteKind,
    PracticeEntry,
    Program,
    Routine,
    SkipDay,
    Strategy,
    Therapist,
    Weekday,
    Win,
)
from family_tui.domain.program_file import load_program_file, program_to_toml
from family_tui.storage import SCHEMA_VERSION, FamilyStore
from family_tui.usecases.demo import create_demo_data_dir
from family_tui.usecases.export import export_data
from tests.storage.storage_helpers import state

from .conftest import FIXTURE_PROGRAM, run_console_script

KEYS = [
    "schema_version",
    "children",
    "caregivers",
    "therapists",
    "routines",
    "goals",
    "practice",
    "notes",
    "wins",
    "skip_days",
]
STAMP = datetime(2026, 11, 25, 7, 30)


def seeded(data_dir: Path) -> FamilyStore:
    store = FamilyStore(data_dir)
    store.save_many(
        [
            Child(id="leo", name="Leo"),
            Caregiver(id="mom", name="Mom"),
            Therapist(id="rivera", name="Ms. Rivera", discipline=Discipline.SLP, children=["leo"]),
            Routine(id="breakfast", name="Breakfast", time=time(7, 15)),
            Goal(id="leo-s", child="leo", discipline=Discipline.SLP, title="Say /s/", created=date(2026, 11, 1)),
            Strategy(
                id="snack-s", goal="leo-s", title="S-words at breakfast", routines=["breakfast"], uses_trials=True
            ),
            Note(
                kind=NoteKind.QUESTION,
                child="leo",
                author="Mom",
                text="O'Brien [Jr] asks: more tries?",
                created_at=STAMP,
                updated_at=STAMP,
            ),
            Win(child="leo", goal="leo-s", text="Said 'soup'!", when=STAMP, who="Mom"),
            SkipDay(date=date(2026, 11, 20), reason="sick"),
        ]
    )
    store.record_practice(
        PracticeEntry(
            date=date(2026, 11, 25),
            child="leo",
            strategy="snack-s",
            routine="breakfast",
            trials_correct=4,
            trials_total=5,
            minutes=3,
            created_at=STAMP,
            updated_at=STAMP,
        )
    )
    store.update_settings(pin_hash="scrypt$secret")
    return store


def test_export_has_exactly_the_documented_keys_and_nests_strategies(cli, data_dir: Path):
    seeded(data_dir)

    result = cli("export")

    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert list(data) == KEYS
    assert data["schema_version"] == SCHEMA_VERSION
    assert [g["id"] for g in data["goals"]] == ["leo-s"]
    assert [s["id"] for s in data["goals"][0]["strategies"]] == ["snack-s"]
    assert data["goals"][0]["strategies"][0]["uses_trials"] is True
    assert data["practice"][0]["trials_correct"] == 4 and data["practice"][0]["date"] == "2026-11-25"
    assert data["notes"][0]["text"] == "O'Brien [Jr] asks: more tries?"
    assert data["wins"][0]["text"] == "Said 'soup'!"
    assert data["skip_days"][0]["reason"] == "sick"
    assert data["routines"][0]["time"] == "07:15:00"
    assert "secret" not in result.out  # the PIN hash stays home


def test_export_to_a_file(cli, data_dir: Path, tmp_path: Path):
    seeded(data_dir)
    target = tmp_path / "out" / "family.json"
    target.parent.mkdir()

    result = cli("export", "-o", target)

    assert result.code == 0
    assert result.out == ""
    assert f"Wrote {target}" in result.err
    assert list(json.loads(target.read_text(encoding="utf-8"))) == KEYS


def test_export_of_an_empty_family(data_dir: Path):
    data = export_data(FamilyStore(data_dir))
    assert data == {"schema_version": SCHEMA_VERSION, **{key: [] for key in KEYS[1:]}}
    json.dumps(data)


def test_export_program_round_trips_through_import_with_no_changes(cli, data_dir: Path, tmp_path: Path):
    assert cli("import", FIXTURE_PROGRAM).code == 0
    target = tmp_path / "program.toml"

    exported = cli("export-program", "-o", target)
    assert exported.code == 0, exported.err
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# A family-tui home program")
    assert 'format = "family-tui/program@1"' in text
    assert "  [[goals.strategies]]" in text

    before = (state(data_dir) / "family.json").read_bytes()
    again = cli("import", target)
    assert again.code == 0
    assert again.out.splitlines()[0] == "Nothing to change: the program is already up to date."
    assert (state(data_dir) / "family.json").read_bytes() == before


def test_export_program_to_standard_output_reads_back_the_same(cli, data_dir: Path, tmp_path: Path):
    assert cli("import", FIXTURE_PROGRAM).code == 0
    result = cli("export-program")
    assert result.code == 0
    copy = tmp_path / "copy.toml"
    copy.write_text(result.out, encoding="utf-8")
    # The file has no start: the goals start on the import day, and the export says so.
    assert "\nstart = 2026-11-26\n" in result.out
    expected = load_program_file(FIXTURE_PROGRAM)
    expected.goals = [replace(g, created=date(2026, 11, 26)) for g in expected.goals]
    assert load_program_file(copy) == expected


def test_the_demo_family_round_trips_into_a_new_data_folder(tmp_path: Path):
    demo = create_demo_data_dir(FixedClock(datetime(2026, 11, 26, 9, 0)))
    original = FamilyStore(demo).program()
    path = tmp_path / "demo.toml"
    path.write_text(program_to_toml(original), encoding="utf-8")

    fresh = FamilyStore(tmp_path / "fresh")
    from family_tui.usecases.program_import import import_program

    import_program(fresh, path, today=date(2026, 10, 2))
    copied = fresh.program()

    def without_created(program: Program) -> Program:
        return program.model_copy(update={"goals": [g.model_copy(update={"created": None}) for g in program.goals]})

    assert without_created(copied) == without_created(original)
    assert import_program(FamilyStore(demo), path).saves == []


def test_awkward_text_survives_the_round_trip(tmp_path: Path):
    program = Program(
        children=[Child(id="zoe", name='Zoë "Z" O\'Brien [Jr]', color="#ff00aa")],
        routines=[Routine(id="tea", name="Tea \\ time", time=time(16, 5), days=[Weekday.SAT, Weekday.SUN])],
        goals=[Goal(id="g", child="zoe", discipline=Discipline.OT, title="Cut [/x] a circle", target="")],
        strategies=[
            Strategy(
                id="s",
                goal="g",
                title='Snip "snakes"',
                how='First line\n\tthen a tab\n""" three quotes\nends with a backslash \\',
                cue="[@click=app.quit]x[/]",
                minutes=0,
                routines=["tea"],
            )
        ],
    )
    path = tmp_path / "awkward.toml"
    path.write_text(program_to_toml(program), encoding="utf-8")
    assert load_program_file(path) == program


def test_archived_records_are_left_out_and_kept_on_import(data_dir: Path, tmp_path: Path):
    store = FamilyStore(data_dir)
    from family_tui.usecases.program_import import import_program

    import_program(store, FIXTURE_PROGRAM)
    program = store.program()
    store.save_many(
        [
            program.routine("bath").model_copy(update={"archived": True}),
            program.caregiver("dad").model_copy(update={"archived": True}),
        ]
    )
    text = program_to_toml(store.program())
    assert 'name = "Bath time"' not in text and 'name = "Dad"' not in text
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")

    assert import_program(store, path).saves == []  # references to the archived bath are kept
    assert store.program().strategy("bath-s-toys").routines == ["bath"]


def test_the_console_script_exports(tmp_path: Path):
    data = tmp_path / "data"
    assert run_console_script("--data-dir", data, "import", FIXTURE_PROGRAM, cwd=tmp_path).returncode == 0
    result = run_console_script("--data-dir", data, "export", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data_out = json.loads(result.stdout)
    assert list(data_out) == KEYS
    assert sum(len(g["strategies"]) for g in data_out["goals"]) == 4
