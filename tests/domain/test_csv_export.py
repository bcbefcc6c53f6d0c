"""The practice log as CSV: names resolved, ids as fallback, quoting done by the csv module."""

from __future__ import annotations

import csv
import io

from family_tui.domain.csv_export import HEADER, practice_csv, practice_rows, write_practice_csv
from family_tui.domain.measures import MEASURE_COLUMNS
from family_tui.domain.models import Assistance, PracticeStatus, Setting

from .builders import MON23, TUE24, WED25, entry, program


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_header_and_one_row_with_names():
    text = practice_csv(
        program(),
        [
            entry(
                WED25,
                "snake",
                "bath",
                minutes=4,
                assistance=Assistance.MODEL,
                setting=Setting.SCHOOL,
                trials=(4, 5),
                caregiver="grandpa",
                note="Liked the seal toy",
            )
        ],
    )
    assert text.splitlines()[0] == (
        "date,child,goal,strategy,routine,status,assistance,setting,caregiver,minutes,trials_correct,trials_total,"
        "seconds,seconds_left,seconds_right,steps_on_own,steps_total,count,note"
    )
    assert text.endswith("\r\n")
    (row,) = read(text)
    assert row == {
        "date": "2026-11-25",
        "child": "Leo",
        "goal": "Says /s/ at the start of words",
        "strategy": "Snake sound",
        "routine": "Bath time",
        "status": "done",
        "assistance": "Model",
        "setting": "School or daycare",
        "caregiver": "Grandpa Joe",
        "minutes": "4",
        "trials_correct": "4",
        "trials_total": "5",
        **dict.fromkeys(MEASURE_COLUMNS, ""),
        "note": "Liked the seal toy",
    }
    assert tuple(row) == HEADER


def test_missing_names_fall_back_to_ids_and_empty_fields_stay_empty():
    prog = program()
    prog.routines = [r for r in prog.routines if r.id != "bath"]  # routine deleted since
    rows = practice_rows(prog, [entry(MON23, "gone-strategy", "bath", child="sam", status=PracticeStatus.TRIED)])
    assert rows == [
        ["2026-11-23", "sam", "", "gone-strategy", "bath", "tried", "", "Home", "", "3", "", "", *[""] * 6, ""]
    ]


def test_commas_quotes_and_line_breaks_round_trip_and_rows_are_in_date_order():
    awkward = 'He said "sss", then\nlaughed, twice'
    prog = program(leo_name="O'Brien, Jr")
    entries = [
        entry(WED25, "snake", "breakfast", note=awkward),
        entry(MON23, "s-cards", "school-run"),
        entry(TUE24, "pencil", "school-run", child="mia", caregiver="mom"),
    ]
    rows = read(practice_csv(prog, entries))
    assert [r["date"] for r in rows] == ["2026-11-23", "2026-11-24", "2026-11-25"]
    assert rows[2]["note"] == awkward
    assert rows[0]["child"] == "O'Brien, Jr"
    assert (rows[1]["child"], rows[1]["goal"], rows[1]["caregiver"]) == ("Mia", "Tripod pencil grasp", "Mom")


def test_typed_text_cannot_become_a_spreadsheet_formula():
    rows = read(practice_csv(program(leo_name="=HYPERLINK(1)"), [entry(MON23, "snake", "bath", note="@SUM(A1)")]))
    assert rows[0]["child"] == "'=HYPERLINK(1)"
    assert rows[0]["note"] == "'@SUM(A1)"


def test_write_to_a_file(tmp_path):
    path = tmp_path / "log.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        count = write_practice_csv(out, program(), [entry(MON23, "snake", "bath"), entry(TUE24, "snake", "bath")])
    assert count == 2
    assert len(read(path.read_text(encoding="utf-8"))) == 2


def test_empty_log_is_just_the_header():
    assert practice_csv(program(), []) == ",".join(HEADER) + "\r\n"


def test_measured_seconds_steps_and_count_have_their_columns():
    timed = entry(MON23, "snake", "bath").model_copy(update={"seconds_left": 7, "seconds_right": 4})
    stepped = entry(WED25, "snake", "bath").model_copy(update={"steps_alone": [0, 2, 3, 5], "steps_total": 6})
    counted = entry(WED25, "snake", "breakfast").model_copy(update={"counted": 8, "seconds": 12})
    rows = read(practice_csv(program(), [timed, stepped, counted]))
    measures = [{k: row[k] for k in MEASURE_COLUMNS} for row in rows]
    assert measures == [
        {"seconds": "", "seconds_left": "7", "seconds_right": "4", "steps_on_own": "", "steps_total": "", "count": ""},
        {"seconds": "", "seconds_left": "", "seconds_right": "", "steps_on_own": "4", "steps_total": "6", "count": ""},
        {"seconds": "12", "seconds_left": "", "seconds_right": "", "steps_on_own": "", "steps_total": "", "count": "8"},
    ]
