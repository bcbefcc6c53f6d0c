"""``family-tui calendar``: the file a phone imports, who it is for, and a real calendar client reading it.

The clock of most tests says Thursday 26 November 2026. The last tests import the file
into khal, a calendar program from Debian: skipped where khal is missing, except in CI
(``CI`` set), where that fails: ``.ci/run`` installs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from family_tui.cli import main
from family_tui.clock import FixedClock
from family_tui.domain.models import Weekday
from family_tui.domain.program_file import ProgramFileError, load_program_file, program_to_toml

IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
KHAL = shutil.which("khal")


def summaries(text: str) -> list[str]:
    return [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")]


def test_the_calendar_on_standard_output(cli, store):
    result = cli("calendar")
    assert result.code == 0, result.err
    assert result.out.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert result.out.endswith("END:VCALENDAR\r\n")
    assert summaries(result.out) == [
        "Breakfast: practice (Leo, Maya)",
        "Getting dressed: practice (Leo)",
        "Play time: practice (Maya)",
        "Bath time: practice (Leo)",
    ]
    assert "DTSTART:20261126T071500\r\n" in result.out  # the test clock knows no zone: the times float


def test_the_calendar_written_to_a_file(cli, store, tmp_path: Path):
    target = tmp_path / "practice.ics"
    result = cli("calendar", "--child", "maya", "-o", target)
    assert result.code == 0, result.err
    assert f"Wrote {target}" in result.err
    data = target.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")  # every line ends in CRLF
    assert summaries(data.decode()) == ["Breakfast: practice (Maya)", "Play time: practice (Maya)"]
    assert b"X-WR-CALNAME:Home practice: Maya\r\n" in data


def test_the_familys_time_zone_names_the_times(data_dir: Path, store, capsys):
    chicago = FixedClock(datetime(2026, 11, 26, 7, 20), ZoneInfo("America/Chicago"))
    assert main(["--data-dir", str(data_dir), "calendar"], clock=chicago) == 0
    out = capsys.readouterr().out
    assert "DTSTART;TZID=America/Chicago:20261126T183000\r\n" in out
    assert "BEGIN:VTIMEZONE\r\nTZID:America/Chicago\r\n" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--child", "Zed"), 'No child called "Zed". Children: Leo (id leo), Maya (id maya).'),
        (("--caregiver", "Gran"), 'No caregiver called "Gran". Caregivers: Mom (id mom), Dad (id dad).'),
    ],
)
def test_a_name_that_fits_nobody_is_explained(cli, store, args, message):
    result = cli("calendar", *args)
    assert result.code == 1
    assert message in result.err
    assert result.out == ""


def test_nothing_to_remind_is_said_not_written(cli, store, tmp_path: Path):
    program = store.program()
    store.save_many([s.model_copy(update={"routines": []}) for s in program.strategies if s.goal == "maya-straw"])
    target = tmp_path / "maya.ics"
    result = cli("calendar", "--child", "Maya", "-o", target)
    assert result.code == 1
    assert "No routine holds Maya's practice" in result.err
    assert not target.exists()


def test_a_caregivers_days_come_from_the_program_file(cli, program_file, example_text):
    text = example_text.replace('name = "Grandpa Joe"\n', 'name = "Grandpa Joe"\ndays = ["Tuesday", "sat"]\n')
    assert cli("import", program_file(text)).code == 0
    result = cli("calendar", "--caregiver", "joe")
    assert result.code == 0, result.err
    events = icalendar.Calendar.from_ical(result.out).walk("VEVENT")
    assert events and {tuple(e["RRULE"]["BYDAY"]) for e in events} <= {("TU", "SA"), ("TU",), ("SA",)}
    assert all(str(e["UID"]).endswith(".grandpa-joe@family-tui") for e in events)


def test_caregiver_days_are_written_back_by_export_program(program_file, example_text):
    text = example_text.replace('name = "Grandpa Joe"\n', 'name = "Grandpa Joe"\ndays = ["sat", "Tue"]\n')
    program = load_program_file(program_file(text))
    joe = next(c for c in program.caregivers if c.name == "Grandpa Joe")
    assert joe.days == [Weekday.TUE, Weekday.SAT]
    assert program.caregivers[0].days == list(Weekday)  # left out: every day
    written = program_to_toml(program)
    assert 'name = "Grandpa Joe"\ndays = ["tue", "sat"]\n' in written
    assert 'name = "Mom"\n\n' in written  # every day is not written
    assert load_program_file(program_file(written, "again.toml")) == program


@pytest.mark.parametrize(
    ("days", "message"),
    [
        ('["tuesdy"]', 'caregivers[2].days: "tuesdy" is not a day of the week; use mon, tue'),
        ("[]", "caregivers[2].days: needs at least one day of the week; leave days out for every day"),
        ('"tue"', 'caregivers[2].days: should be a list of days, such as ["mon", "wed", "fri"]'),
    ],
)
def test_wrong_caregiver_days_are_refused_by_place(program_file, example_text, days, message):
    text = example_text.replace('name = "Grandpa Joe"\n', f'name = "Grandpa Joe"\ndays = {days}\n')
    with pytest.raises(ProgramFileError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_program_file(program_file(text))


def test_the_demo_familys_calendar(capsys):
    assert main(["--demo", "calendar", "--caregiver", "sitter"], clock=FixedClock(datetime(2026, 12, 7, 9))) == 0
    out = capsys.readouterr().out
    assert "Bath time: practice (Leo, Maya)" in summaries(out)
    assert "RRULE:FREQ=WEEKLY;BYDAY=TU,TH\r\n" in out


# -- a real calendar client ---------------------------------------------------------------

needs_khal = pytest.mark.skipif(
    KHAL is None and not IN_CI,
    reason="khal is not installed; `apt-get install khal` (.ci/run does this in CI) to import the calendar into it",
)


def khal(home: Path, *args: str, zone: str = "Europe/London") -> str:
    """Run khal on a calendar of its own under ``home``, showing times in ``zone``."""
    if KHAL is None:
        pytest.fail("CI is set but khal is not installed: .ci/run installs it with apt-get; check that it could")
    config = home / "khal.conf"
    (home / "calendar").mkdir(parents=True, exist_ok=True)
    config.write_text(
        f"[calendars]\n[[home]]\npath = {home / 'calendar'}\ntype = calendar\n"
        f"[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
        f"datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        f"local_timezone = {zone}\ndefault_timezone = {zone}\n"
        f"[default]\ndefault_calendar = home\n[sqlite]\npath = {home / 'khal.db'}\n",
        encoding="utf-8",
    )
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "C.UTF-8", "TZ": zone}
    done = subprocess.run(
        [KHAL, "-c", str(config), *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def listed(home: Path, first: str, days: int, zone: str = "Europe/London") -> list[str]:
    out = khal(
        home, "list", "--format", "{start-date} {start-time} {title}", "--day-format", "", first, f"{days}d", zone=zone
    )
    return [line for line in out.splitlines() if line.strip()]


@needs_khal
def test_khal_imports_the_calendar_and_keeps_the_routines_time_when_the_clocks_change(
    data_dir: Path, store, tmp_path: Path
):
    """London moves to summer time on Sunday 28 March 2027: bath time stays at 18:30 on both sides.

    Seen from New York (already on summer time then) the same events move an hour: the
    file gave khal instants in London, not times that float.
    """
    london = FixedClock(datetime(2027, 3, 20, 9, 0), ZoneInfo("Europe/London"))
    ics = tmp_path / "practice.ics"
    assert main(["--data-dir", str(data_dir), "calendar", "-o", str(ics)], clock=london) == 0
    home = tmp_path / "khal"
    khal(home, "import", "--batch", "-a", "home", str(ics))

    baths = [line for line in listed(home, "2027-03-26", 4) if "Bath time" in line]
    assert baths == [f"2027-03-{day} 18:30 Bath time: practice (Leo)" for day in (26, 27, 28, 29)]
    from_new_york = [line for line in listed(home, "2027-03-27", 2, zone="America/New_York") if "Bath" in line]
    assert from_new_york == [
        "2027-03-27 14:30 Bath time: practice (Leo)",
        "2027-03-28 13:30 Bath time: practice (Leo)",
    ]
    dressing = [line for line in listed(home, "2027-03-26", 4) if "dressed" in line]
    assert [line.split()[0] for line in dressing] == ["2027-03-26", "2027-03-29"]  # weekdays only


@needs_khal
def test_importing_a_new_export_into_khal_replaces_the_events(data_dir: Path, store, tmp_path: Path):
    clock = FixedClock(datetime(2027, 3, 20, 9, 0), ZoneInfo("Europe/London"))
    home = tmp_path / "khal"
    first = tmp_path / "before.ics"
    assert main(["--data-dir", str(data_dir), "calendar", "-o", str(first)], clock=clock) == 0
    khal(home, "import", "--batch", "-a", "home", str(first))

    bath = store.program().routine("bath")
    assert bath is not None
    store.save_many([bath.model_copy(update={"name": "Bath and bed", "time": time(19, 0)})])
    clock.advance(days=2)
    second = tmp_path / "after.ics"
    assert main(["--data-dir", str(data_dir), "calendar", "-o", str(second)], clock=clock) == 0
    khal(home, "import", "--batch", "-a", "home", str(second))

    evening = [line for line in listed(home, "2027-03-23", 1) if "Bath" in line]
    assert evening == ["2027-03-23 19:00 Bath and bed: practice (Leo)"]
