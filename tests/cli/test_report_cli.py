"""``family-tui report`` and ``export --format csv``: the right week, the right child, clear errors."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time
from pathlib import Path

import pytest

from family_tui.clock import FixedClock
from family_tui.domain.models import Assistance, PracticeEntry, Win
from family_tui.storage import FamilyStore
from family_tui.usecases.report import ReportError, report_file_path, run_report, write_report_file


def practised(day: date, child: str, strategy: str, routine: str, **fields) -> PracticeEntry:
    stamp = datetime.combine(day, time(8, 0))
    return PracticeEntry(
        date=day, child=child, strategy=strategy, routine=routine, created_at=stamp, updated_at=stamp, **fields
    )


@pytest.fixture
def seeded(store: FamilyStore) -> FamilyStore:
    """Practice in ISO week 2026-W47 (16-22 Nov) and W48 (23-29 Nov)."""
    store.record_many(
        [
            practised(
                date(2026, 11, 17),
                "leo",
                "snack-s",
                "breakfast",
                minutes=3,
                trials_correct=2,
                trials_total=5,
                assistance=Assistance.MODEL,
            ),
            practised(
                date(2026, 11, 24),
                "leo",
                "snack-s",
                "breakfast",
                minutes=3,
                trials_correct=4,
                trials_total=5,
                assistance=Assistance.VERBAL,
            ),
            practised(date(2026, 11, 25), "maya", "straw", "play", minutes=2, note='said "=1+1", then laughed'),
        ]
    )
    store.save(Win(child="leo", text="Said <sun> & [soap] clearly", when=datetime(2026, 11, 25, 18, 0), who="Mom"))
    return store


# -- the range -----------------------------------------------------------------------


def test_week_gives_that_iso_week(cli, seeded):
    result = cli("report", "--week", "2026-W48")
    assert result.code == 0, result.err
    assert result.out.startswith("# Weekly practice update\n\n23–29 November 2026\n")
    assert "S-words at breakfast: practised 1 of" in result.out
    assert "80% correct (4 of 5 tries, 1 day); 40% the week before (2 of 5, 1 day)" in result.out


def test_from_and_to_give_those_days(cli, seeded):
    result = cli("report", "--from", "2026-11-16", "--to", "2026-11-18")
    assert result.code == 0, result.err
    assert "# Practice update\n\n16–18 November 2026" in result.out
    assert "40% correct (2 of 5 tries, 1 day)" in result.out
    assert "Maya had no practice days planned" not in result.out


def test_default_is_the_last_seven_days_ending_the_family_day(seeded):
    # The store's clock: Thursday 26 November 2026.
    assert "20–26 November 2026" in run_report(seeded)


def test_default_range_follows_the_familys_day_start(data_dir, seeded):
    seeded.update_settings(day_start=time(3, 0))
    late = FamilyStore(data_dir, clock=FixedClock(datetime(2026, 11, 27, 1, 30)))
    assert "20–26 November 2026" in run_report(late)  # 01:30 on Friday is still Thursday
    later = FamilyStore(data_dir, clock=FixedClock(datetime(2026, 11, 27, 3, 30)))
    assert "21–27 November 2026" in run_report(later)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--week", "2026-W60"], "There is no week 60 in 2026"),
        (["--week", "48"], 'Could not read the week "48": write it as year, W and week number, like 2026-W48.'),
        (["--from", "26/11/2026"], 'Could not read the date "26/11/2026": write it as YYYY-MM-DD'),
        (
            ["--from", "2026-11-26", "--to", "2026-11-20"],
            "The first day (2026-11-26) is after the last day (2026-11-20).",
        ),
        (["--week", "2026-W48", "--from", "2026-11-20"], "Give either a week or first and last days, not both."),
    ],
)
def test_a_bad_range_exits_1_with_a_message_saying_how_to_fix_it(cli, seeded, args, message):
    result = cli("report", *args)
    assert result.code == 1
    assert result.out == ""
    assert result.err.startswith("family-tui: ")
    assert message in result.err


# -- the child -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Leo", "leo", "LEO", " Leo "])
def test_child_by_name_any_case_or_id(cli, seeded, name):
    result = cli("report", "--week", "2026-W48", "--child", name)
    assert result.code == 0, result.err
    assert "## Leo" in result.out
    assert "## Maya" not in result.out


def test_unknown_child_lists_the_children(cli, seeded):
    result = cli("report", "--child", "Bob")
    assert result.code == 1
    assert 'No child called "Bob". Children: Leo (id leo), Maya (id maya).' in result.err


def test_no_children_at_all(data_dir, clock):
    store = FamilyStore(data_dir, clock=clock)
    with pytest.raises(ReportError, match="no children in the program yet"):
        run_report(store, child="Leo")


# -- formats and output --------------------------------------------------------------


def test_html_is_a_whole_page_with_typed_text_escaped(cli, seeded):
    result = cli("report", "--week", "2026-W48", "--format", "html")
    assert result.code == 0, result.err
    assert result.out.startswith("<!DOCTYPE html>")
    assert "Said &lt;sun&gt; &amp; [soap] clearly" in result.out
    assert "<sun>" not in result.out
    assert result.out.rstrip().endswith("</html>")


def test_markdown_keeps_the_win(cli, seeded):
    result = cli("report", "--week", "2026-W48")
    assert "### Wins" in result.out and "Said <sun> & [soap] clearly" in result.out


def test_output_file_is_written_and_named_on_stderr(cli, seeded, tmp_path: Path):
    target = tmp_path / "out" / "update.html"
    target.parent.mkdir()
    result = cli("report", "--week", "2026-W48", "--format", "html", "-o", target)
    assert result.code == 0, result.err
    assert result.out == ""
    assert f"Wrote {target}" in result.err
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_output_into_a_missing_folder_exits_1(cli, seeded, tmp_path: Path):
    result = cli("report", "-o", tmp_path / "nowhere" / "update.md")
    assert result.code == 1
    assert "Could not write" in result.err


def test_write_report_file_goes_into_reports(seeded, data_dir):
    path = write_report_file(seeded)
    assert (
        path == report_file_path(data_dir, date(2026, 11, 26)) == data_dir / "reports" / "weekly-update-2026-11-26.md"
    )
    assert path.read_text(encoding="utf-8") == run_report(seeded)


# -- export --format csv -------------------------------------------------------------


def test_export_csv_has_a_header_and_a_row_per_entry(cli, seeded):
    result = cli("export", "--format", "csv")
    assert result.code == 0, result.err
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows[0][:5] == ["date", "child", "goal", "strategy", "routine"]
    body = [r for r in rows[1:] if r]
    assert [r[0] for r in body] == ["2026-11-17", "2026-11-24", "2026-11-25"]
    assert body[0][1:4] == ["Leo", "Say /s/ at the start of words", "S-words at breakfast"]
    assert body[2][-1] == 'said "=1+1", then laughed'


def test_export_csv_to_a_file(cli, seeded, tmp_path: Path):
    target = tmp_path / "practice.csv"
    result = cli("export", "--format", "csv", "-o", target)
    assert result.code == 0, result.err
    with target.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 4
    assert rows[3][1] == "Maya"


# -- names as parents type them ------------------------------------------------------------

ACCENTED = """format = "family-tui/program@1"

[[children]]
name = "Zoë Parker"

[[children]]
name = "Sam Okoye"

[[children]]
name = "Sam Lee"

[[routines]]
name = "Breakfast"
time = "07:30"

[[goals]]
child = "zoe-parker"
discipline = "SLP"
title = "Says /s/"

  [[goals.strategies]]
  title = "Snake sound"
  routines = ["breakfast"]

[[goals]]
child = "sam-okoye"
discipline = "OT"
title = "Buttons"

  [[goals.strategies]]
  title = "Big buttons"
  routines = ["breakfast"]
"""


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Zoe", "Zoë Parker"),
        ("zoë parker", "Zoë Parker"),
        ("ZOE", "Zoë Parker"),
        ("Sam Okoye", "Sam Okoye"),
        ("sam-okoye", "Sam Okoye"),
        ("Sam Lee", "Sam Lee"),
    ],
)
def test_child_by_name_without_accents_or_by_first_name(cli, program_file, typed, shown):
    assert cli("import", program_file(ACCENTED)).code == 0
    result = cli("report", "--child", typed)
    assert result.code == 0, result.err
    children = [line for line in result.out.splitlines() if line.startswith("## ") and line != "## At a glance"]
    assert children == [f"## {shown}"]


def test_a_first_name_two_children_share_lists_them(cli, program_file):
    assert cli("import", program_file(ACCENTED)).code == 0
    result = cli("report", "--child", "sam")
    assert result.code == 1
    assert result.out == ""
    assert result.err == (
        'family-tui: More than one child is called "sam": Sam Okoye (id sam-okoye), Sam Lee (id sam-lee). '
        "Use the full name or the id.\n"
    )


def test_a_first_name_only_one_child_has_is_enough(cli, program_file):
    two = ACCENTED.replace('[[children]]\nname = "Sam Lee"\n\n', "")
    assert cli("import", program_file(two)).code == 0
    result = cli("report", "--child", "Sam")
    assert result.code == 0, result.err
    assert "## Sam Okoye" in result.out and "## Zoë Parker" not in result.out


# -- the first Thursday: one check-in -------------------------------------------------------


def test_report_after_one_check_in_on_the_first_thursday(cli, program_file, data_dir, clock):
    # The clock: Thursday 26 November 2026, 07:20. The program is imported this morning.
    assert cli("import", program_file(ACCENTED)).code == 0
    FamilyStore(data_dir, clock=clock).record_practice(
        practised(date(2026, 11, 26), "zoe-parker", "snake-sound", "breakfast", minutes=3)
    )
    result = cli("report", "--child", "Sam Okoye")
    assert result.code == 0, result.err
    assert "- Big buttons: planned on 1 day, not practised yet" in result.out
    assert "Early days: practice is planned and ready to go." in result.out
    assert "Sam Okoye has 1 practice day planned this week, not practised yet." in result.out
    result = cli("report", "--child", "Zoe")
    assert "Off to a good start (1 of 1 planned day).\n" in result.out
    assert "Zoë Parker practised 1 of 1 planned day this week, 3 minutes in all." in result.out
    assert "strong week" not in result.out.lower() and "no practice days planned" not in result.out
