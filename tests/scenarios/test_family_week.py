"""A family week: three children, a Monday morning to the next Monday, all of it through the app.

The program comes in with ``family-tui import``, the PIN with ``family-tui set-pin``; then
a fixed clock walks the week while a caregiver and later the family kiosk use Today, the
notes, the wins and the skip dialog by keys (some sent at full speed) and clicks. Every
step reads what the family would read on screen: the header, the routines' counts, the
card. At the end ``family-tui report`` and ``export`` must tell the same week.

The week (ISO 2027-W09, the program starts Monday 1 March 2027):

* Mon: Papa ticks off 7 of 8 (space, number keys, a click, details typed at once), adds a
  note, a question about Zoë and a win; the app stays open past midnight, with the book's
  details form open (saved after midnight, they still belong to Monday's check-in).
* Tue: Theo's sick day (his items count in no total); 4 of 4 for the girls.
* Wed: nobody opens the laptop. Thu morning: Wednesday is filled in from Thursday.
* Thu afternoon: the kiosk. Oma takes over; editing and deleting (the program, a note, a
  win) and quitting ask for the PIN, wrong PINs change nothing, five of them cost a wait;
  adding a note, a win and the first answer to the question need no PIN.
* Fri: more practice at the kiosk and a question about Theo; Sat: the whole family's
  holiday; Sun: the bath and the book; Mon 8 March: a new week.
"""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

from textual.widgets import OptionList, Static

from family_tui.app import make_app
from family_tui.cli import main
from family_tui.clock import FixedClock
from tests.key_burst import burst
from tests.screen_text import all_text, option_texts, static_text

PIN = "13579"
SIZE = (100, 32)

PROGRAM = """\
format = "family-tui/program@1"
start = 2027-03-01

[[children]]
id = "zoe"
name = "Zoë"
color = "magenta"

[[children]]
id = "theo"
name = "Theo"
color = "cyan"

[[children]]
id = "amara"
name = "Amara"
color = "green"

[[caregivers]]
name = "Papa"

[[caregivers]]
name = "Oma"

[[therapists]]
name = "Ms. Ortiz"
discipline = "SLP"
children = ["zoe", "theo", "amara"]

[[therapists]]
name = "Mr. Nakamura"
discipline = "OT"
children = ["zoe", "amara"]

[[therapists]]
name = "Dr. Lindqvist"
discipline = "PT"
children = ["theo"]

[[routines]]
id = "breakfast"
name = "Breakfast"
time = "07:30"

[[routines]]
id = "school-run"
name = "School run"
time = "08:15"
days = ["mon", "tue", "wed", "thu", "fri"]

[[routines]]
id = "snack"
name = "After-school snack"
time = "15:30"
days = ["mon", "wed", "fri"]

[[routines]]
id = "bath"
name = "Bath time"
time = "18:45"
days = ["mon", "wed", "fri", "sun"]

[[routines]]
id = "bedtime"
name = "Bedtime book"
time = "19:30"

[[goals]]
id = "zoe-k"
child = "zoe"
discipline = "SLP"
title = "Say /k/ at the end of words"
target = "4 of 5 tries with no reminder"

  [[goals.strategies]]
  id = "k-words"
  title = "K-words at breakfast"
  how = "Offer milk or a cake; wait for Zoë to ask."
  cue = "Back of the tongue up: k!"
  dose = "5 tries"
  minutes = 3
  routines = ["breakfast"]

[[goals]]
id = "zoe-zip"
child = "zoe"
discipline = "OT"
title = "Zip her own jacket"

  [[goals.strategies]]
  id = "zip"
  title = "Zip the jacket"
  cue = "Hook it, hold it, pull up"
  minutes = 2
  routines = ["school-run"]

[[goals]]
id = "theo-balance"
child = "theo"
discipline = "PT"
title = "Stand on one foot for 10 seconds"

  [[goals.strategies]]
  id = "one-foot"
  title = "One foot for socks"
  cue = "Flamingo feet"
  minutes = 2
  routines = ["school-run"]

  [[goals.strategies]]
  id = "hop"
  title = "Hop to the bath"
  cue = "Bounce, bounce"
  minutes = 2
  routines = ["bath"]

[[goals]]
id = "theo-two-words"
child = "theo"
discipline = "SLP"
title = "Ask with two words"

  [[goals.strategies]]
  id = "two-words"
  title = "Two-word requests"
  cue = "More apple"
  minutes = 3
  routines = ["snack"]

[[goals]]
id = "amara-pincer"
child = "amara"
discipline = "OT"
title = "Pick up small things with a pincer grasp"

  [[goals.strategies]]
  id = "cheerios"
  title = "Cheerios one at a time"
  cue = "Pinchy fingers"
  minutes = 3
  routines = ["breakfast", "snack"]

[[goals]]
id = "amara-naming"
child = "amara"
discipline = "SLP"
title = "Name pictures in a book"

  [[goals.strategies]]
  id = "point-name"
  title = "Point and name"
  cue = "What's that?"
  minutes = 5
  routines = ["bedtime"]
"""


class Week:
    """The family's data folder and the clock that walks the week; the CLI and the app on both."""

    def __init__(self, tmp_path: Path, monkeypatch, capsys) -> None:
        self.data_dir = tmp_path / "family"
        self.tmp_path = tmp_path
        self.monkeypatch = monkeypatch
        self.capsys = capsys
        self.clock = FixedClock(datetime(2027, 3, 1, 7, 0))

    def cli(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(["--data-dir", str(self.data_dir), *args], clock=self.clock)
        out = self.capsys.readouterr()
        return code, out.out, out.err

    def app(self, kiosk: bool = False):
        return make_app(self.data_dir, kiosk=kiosk, clock=self.clock)


def header(app) -> str:
    return " ".join(static_text(app, "#day-header").split())


def checklist(app) -> OptionList:
    return app.screen.query_one("#checklist", OptionList)


def rows(app) -> list[str]:
    return option_texts(checklist(app))


def routine_line(app, name: str) -> str:
    return next(r for r in rows(app) if r[:2].isdigit() and name in r)


def card(app) -> str:
    return "\n".join(static_text(app, f"#card-{part}") for part in ("title", "cue", "entry"))


def text(app) -> str:
    return all_text(app)


async def click_row(pilot, app, words: str) -> None:
    """A mouse click on the checklist row holding ``words``."""
    widget = checklist(app)
    index = next(i for i, r in enumerate(rows(app)) if words in r)
    top = widget.content_region.y - widget.region.y
    y = top + index - int(widget.scroll_offset.y)
    assert await pilot.click("#checklist", offset=(8, y))
    await pilot.pause()


async def until_day(pilot, app, words: str) -> None:
    """Wait (a second or so of real time, up to ten on a busy machine) for Today to notice midnight."""
    today = app.screen_stack[0]  # Today is the screen at the bottom, under any dialog

    def shown() -> str:
        return " ".join(str(today.query_one("#day-header", Static).content).split())

    for _ in range(100):
        if words in shown():
            return
        await pilot.pause(0.1)
    raise AssertionError(f"Today did not roll over to {words!r}: {shown()!r}")


async def test_a_family_week(tmp_path, monkeypatch, capsys, settled_keys):
    """Monday 1 March to Monday 8 March 2027, as the family lives it."""
    week = Week(tmp_path, monkeypatch, capsys)
    the_program_and_the_pin_come_in_through_the_command(week)
    await monday_and_tuesday(week)
    await thursday_morning_fills_in_wednesday(week)
    await thursday_the_kiosk(week)
    await friday_to_the_next_monday(week)

    code, out, err = week.cli("report", "--week", "2027-W09")
    assert code == 0, err
    check_report(out)
    code, out, err = week.cli("export")
    assert code == 0, err
    check_export(json.loads(out))


def the_program_and_the_pin_come_in_through_the_command(week: Week) -> None:
    """``family-tui import`` the therapists' program, ``family-tui set-pin`` (typed twice)."""
    tmp_path, monkeypatch = week.tmp_path, week.monkeypatch
    program = tmp_path / "three-children.toml"
    program.write_text(PROGRAM, encoding="utf-8")
    code, out, err = week.cli("import", str(program))
    assert code == 0, err
    assert "child Zoë" in out and "strategy Point and name" in out
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PIN}\n{PIN}\n"))
    code, out, err = week.cli("set-pin")
    assert code == 0 and "Parent PIN set" in out, err


async def monday_and_tuesday(week: Week) -> None:
    """Papa on Monday (the app left open past midnight) and on Theo's sick Tuesday."""
    clock = week.clock
    clock.set(datetime(2027, 3, 1, 7, 35))
    app = week.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Today, Monday 1 March" in header(app)
        assert "Who's practising? press c" in header(app)
        assert "0 of 8 done" in header(app)
        assert [r for r in rows(app) if r[:2].isdigit()] == [
            "07:30 Breakfast ◀ now  0 of 2",
            "08:15 School run  0 of 2",
            "15:30 After-school snack  0 of 2",
            "18:45 Bath time  0 of 1",
            "19:30 Bedtime book  0 of 1",
        ]
        await pilot.press("c")
        await pilot.pause()
        assert "Pick your name" in text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Papa practising" in header(app)

        # Breakfast: Zoë's K-words with space, the card says so.
        assert card(app).startswith("Zoë  K-words at breakfast\nBack of the tongue up: k!")
        await pilot.press("space")
        await pilot.pause()
        assert "1 of 8 done" in header(app) and "3 of 10 min" in header(app)
        assert routine_line(app, "Breakfast").endswith("1 of 2")
        assert "Done at 07:35" in card(app)
        # Details typed at full speed: 4 of 5 tries and a note, saved with the Save button by keyboard.
        await burst(pilot, "d", *["tab"] * 5, "4", "tab", "5", "tab", *"Said cake, milk, cookie!", "tab", "enter")
        assert "4 of 5 correct" in card(app) and "Note: Said cake, milk, cookie!" in card(app)
        assert "1 of 8 done" in header(app), "saving details counts the item once"

        # 2: the second item of the routine under the cursor (Amara's Cheerios).
        await pilot.press("2")
        await pilot.pause()
        assert "2 of 8 done" in header(app) and "6 of 10 min" in header(app)
        assert routine_line(app, "Breakfast").endswith("2 of 2")
        assert card(app).startswith("Amara  Cheerios one at a time")

        # The school run, by mouse: Theo's socks on one foot.
        clock.set(datetime(2027, 3, 1, 8, 20))
        await click_row(pilot, app, "Theo  One foot for socks")
        assert "3 of 8 done" in header(app)
        assert routine_line(app, "School run").endswith("1 of 2")
        assert card(app).startswith("Theo  One foot for socks\nFlamingo feet") and "Done at 08:20" in card(app)

        # A note about Theo (the item under the cursor), typed straight after a.
        await burst(pilot, "a", *"Theo balanced on his left foot while Papa counted to 6.", "ctrl+s")
        assert "Theo balanced on his left foot" in text(app)
        # A question for the therapist: the kind chosen by keyboard.
        clock.set(datetime(2027, 3, 1, 8, 22))
        await burst(pilot, "a", *"Should Zoë practise /k/ at the start of words too?")
        # About: Zoë (one up from Theo, past "For"); Kind: Question (one down from Observation).
        await pilot.press("shift+tab", "shift+tab", "enter", "up", "enter", "shift+tab", "enter", "down", "enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "1 open question" in header(app)
        # A win for Theo (the item under the cursor), typed at full speed.
        await burst(pilot, "w", *"Theo hopped 3 times on one foot!", "ctrl+s")
        assert "1 win this week" in header(app)
        notes = text(app)
        # The note is for the therapist of the practice under the cursor.
        assert "Theo  ● Observation for Dr. Lindqvist  Papa · today 08:20 Theo balanced on his left foot" in notes
        assert "Zoë  ? Question (open)  Papa · today 08:22 Should Zoë practise /k/" in notes

        # After school, 1 and 2 in the snack routine; the bath and the bedtime book by arrow and space.
        clock.set(datetime(2027, 3, 1, 15, 40))
        await pilot.press("down", "1", "2")
        await pilot.pause()
        assert "5 of 8 done" in header(app) and routine_line(app, "After-school snack").endswith("2 of 2")
        clock.set(datetime(2027, 3, 1, 18, 50))
        await pilot.press("down", "space")
        clock.set(datetime(2027, 3, 1, 19, 40))
        await pilot.press("down", "space")
        await pilot.pause()
        assert "7 of 8 done" in header(app) and "21 of 10 min" in header(app)
        assert routine_line(app, "Bedtime book ◀ now").endswith("1 of 1")
        assert routine_line(app, "School run").endswith("1 of 2")  # Zoë's jacket stays open: no scolding

        # Late at night Papa opens the book's details; midnight passes while he types.
        clock.set(datetime(2027, 3, 1, 23, 58))
        await pilot.press("d")
        await pilot.pause()
        clock.set(datetime(2027, 3, 2, 0, 1))
        await until_day(pilot, app, "Today, Tuesday 2 March")  # Today, under the form
        await burst(pilot, *["tab"] * 7, *"Named 6 animals", "tab", "enter")  # Correct, Out of, then Note
        # Tuesday has no snack and no bath.
        await until_day(pilot, app, "Today, Tuesday 2 March")
        assert "0 of 5 done" in header(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "Yesterday, Monday 1 March" in header(app) and "7 of 8 done" in header(app)
        assert card(app).startswith("Zoë  Zip the jacket")  # the day's one open item
        await pilot.press(*["down"] * 5)
        await pilot.pause()
        entry = card(app)
        assert entry.startswith("Amara  Point and name") and "Note: Named 6 animals" in entry
        assert "Done at 19:40" in entry, "the check-in keeps its time when its details are saved after midnight"
        clock.set(datetime(2027, 3, 2, 7, 40))  # morning: t comes back to Today on the routine due now
        await pilot.press("t")
        await pilot.pause()
        assert [r.split("  ")[0] for r in rows(app) if r[:2].isdigit()] == [
            "07:30 Breakfast ◀ now",
            "08:15 School run",
            "19:30 Bedtime book",
        ]
        assert "Theo balanced" in text(app) and "yesterday 08:20" in text(app)

        # Theo wakes up with a fever: his day is skipped (Who: the whole family, Zoë, Theo).
        await pilot.press("s")
        await pilot.pause()
        assert "Tuesday 2 March: skipped days count as neither practised nor missed." in text(app)
        await burst(pilot, "enter", "down", "down", "enter", "tab", "tab", *"fever", "tab", "enter")  # Who, Why, Note
        await pilot.pause()
        assert "Theo's day skipped: sick day" in header(app)
        assert "0 of 4 done" in header(app)
        assert routine_line(app, "School run").endswith("0 of 1")
        assert "  – Theo  One foot for socks  (sick day)" in rows(app)
        # Theo's item can be neither marked nor detailed.
        await click_row(pilot, app, "Theo  One foot for socks")
        await pilot.press("space")
        await pilot.pause()
        assert "0 of 4 done" in header(app)
        # Breakfast for the girls: 1 and 2.
        await pilot.press("up", "up", "1", "2")
        await pilot.pause()
        assert "2 of 4 done" in header(app) and routine_line(app, "Breakfast").endswith("2 of 2")
        # Zoë's jacket, detailed, the Save button clicked with the mouse.
        clock.set(datetime(2027, 3, 2, 8, 20))
        await pilot.press("down", "d")
        await pilot.pause()
        assert "Zoë  Zip the jacket" in text(app)
        await burst(pilot, *["tab"] * 5, *"Zipped it herself after one try")  # no tries to count in OT
        assert await pilot.click("#save")
        await pilot.pause()
        assert "3 of 4 done" in header(app) and routine_line(app, "School run").endswith("1 of 1")
        assert card(app).startswith("Zoë  Zip the jacket") and "Zipped it herself" in card(app)
        assert "Theo's day skipped: sick day" in header(app)
        clock.set(datetime(2027, 3, 2, 19, 45))
        await pilot.press("down", "down", "space")
        await pilot.pause()
        assert "4 of 4 done" in header(app) and "13 of 10 min" in header(app)


async def thursday_morning_fills_in_wednesday(week: Week) -> None:
    """Wednesday went by with the laptop shut; Thursday morning fills it in."""
    clock = week.clock
    # Wednesday goes by with the laptop shut. Thursday morning: fill in yesterday first.
    clock.set(datetime(2027, 3, 4, 7, 50))
    app = week.app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Today, Thursday 4 March" in header(app) and "0 of 5 done" in header(app)
        assert "1 open question" in header(app) and "1 win this week" in header(app)
        assert "skipped" not in header(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "Yesterday, Wednesday 3 March" in header(app) and "0 of 8 done" in header(app)
        assert "t: back to today" in header(app)
        assert "Not yet today" not in card(app)
        await pilot.press("space")
        await pilot.pause()
        assert "1 of 8 done" in header(app)
        assert card(app).startswith("Zoë  K-words at breakfast") and "recorded on Thu 4 Mar" in card(app)
        assert routine_line(app, "Breakfast").endswith("1 of 2")
        await pilot.press("t")
        await pilot.pause()
        assert "Today, Thursday 4 March" in header(app) and "0 of 5 done" in header(app)


async def thursday_the_kiosk(week: Week) -> None:
    """Thursday after school the laptop becomes the family kiosk."""
    clock = week.clock
    # Thursday after school the laptop becomes the family kiosk (Oma and the children use it).
    clock.set(datetime(2027, 3, 4, 16, 0))
    app = week.app(kiosk=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Papa practising" in header(app), "the caregiver is remembered: no Who's practising? prompt"
        assert "PIN" not in text(app)
        # Oma takes over (anyone may say who's practising), and ticks practice off.
        await pilot.press("c", "down", "enter")
        await pilot.pause()
        assert "Oma practising" in header(app)
        # 16:00: the school run is long past, bedtime is next and the cursor waits there.
        assert routine_line(app, "Bedtime book").startswith("19:30 Bedtime book ◀ next")
        assert card(app).startswith("Amara  Point and name")
        await pilot.press("up", "up")  # back to Zoë's jacket, missed this morning
        await pilot.pause()
        assert card(app).startswith("Zoë  Zip the jacket")
        await pilot.press("space")
        await pilot.pause()
        assert "1 of 5 done" in header(app)
        # The program editor asks for the PIN; a wrong one opens nothing.
        await pilot.press("e")
        await pilot.pause()
        assert "Enter the parent PIN to edit the program." in text(app)
        await burst(pilot, *"0000", "enter")
        assert "That PIN is not right. 4 more tries before a 30-second wait." in text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "1 of 5 done" in header(app) and "Parent mode" not in header(app)

        # The notes: changing and deleting ask for the PIN; a first answer to the question does not.
        notes_before = [line for line in text(app).splitlines() if "Papa · Mon 1 Mar" in line]
        assert len(notes_before) == 2
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert "Enter the parent PIN to change a note." in text(app)
        await burst(pilot, *"1111", "enter")
        assert "That PIN is not right. 3 more tries before a 30-second wait." in text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert "Enter the parent PIN to delete a note." in text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert [line for line in text(app).splitlines() if "Papa · Mon 1 Mar" in line] == notes_before
        # The question is the newest note, under the cursor: its first answer is for anyone.
        await pilot.press("r")
        await pilot.pause()
        assert "Zoë · asked by Papa, Mon 1 Mar" in text(app) and "PIN" not in text(app)
        await burst(pilot, *"Yes: Ms. Ortiz says try cat, car and cup.", "tab", "enter")
        assert "open question" not in header(app)
        assert (
            "Zoë  ✓ Answered  Papa · Mon 1 Mar Should Zoë practise /k/ at the start of words too? "
            "↳ Answer: Yes: Ms. Ortiz says try cat, car and cup. answered by Ms. Ortiz, today 16:00"
        ) in text(app)
        await pilot.press("n")  # back to the checklist
        await pilot.pause()

        # The wins log: changing and deleting a win ask for the PIN; adding one does not.
        await pilot.press("W")
        await pilot.pause()
        theo_win = (
            "★ Theo  Mon 1 Mar · Home · Papa Goal: Stand on one foot for 10 seconds Theo hopped 3 times on one foot!"
        )
        assert "Wins  ·  1 this week  ·  1 in all" in text(app) and theo_win in text(app)
        await pilot.press("e")
        await pilot.pause()
        assert "Enter the parent PIN to change a win." in text(app)
        await burst(pilot, *"2222", "enter")
        assert "That PIN is not right. 2 more tries before a 30-second wait." in text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert "Enter the parent PIN to delete a win." in text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Wins  ·  1 this week  ·  1 in all" in text(app) and theo_win in text(app)
        # A new win for Amara (Child: Zoë, Theo, Amara), no PIN asked.
        await burst(pilot, "a", *"Amara picked up 10 Cheerios, one at a time", "tab")
        await pilot.press("enter", "down", "down", "enter", "ctrl+s")
        await pilot.pause()
        assert "Wins  ·  2 this week  ·  2 in all" in text(app)
        assert "★ Amara  today 16:00 · Home · Oma Amara picked up 10 Cheerios, one at a time" in text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "2 wins this week" in header(app)

        # An observation, added from Today in the kiosk: no PIN either.
        # About (past "For"): Zoë is chosen (the whole family, Zoë, Theo, Amara); the item under the cursor is
        # Zoë's zip practice, so the note is for its therapist.
        await burst(
            pilot,
            "a",
            *"Zipped her coat at the door, no help!",
            "shift+tab",
            "shift+tab",
            "enter",
            "home",
            "down",
            "enter",
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Zoë  ● Observation for Mr. Nakamura  Oma · today 16:00 Zipped her coat at the door, no help!" in text(
            app
        )

        # Quitting needs the PIN: wrong ones leave the kiosk running, then the wait after five.
        await pilot.press("q")
        await pilot.pause()
        assert "Enter the parent PIN to quit." in text(app)
        await burst(pilot, *"3333", "enter")
        assert "That PIN is not right. 1 more try before a 30-second wait." in text(app)
        await burst(pilot, *"4444", "enter")
        assert "Too many tries. Try again in 30 seconds." in text(app)
        await burst(pilot, *PIN, "enter")  # even the right PIN waits
        assert app.return_code is None and "Too many tries." in text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "2 wins this week" in header(app) and "1 of 5 done" in header(app)
        clock.advance(seconds=31)
        await pilot.press("q")
        await pilot.pause()
        assert "Try again" not in text(app)
        await burst(pilot, *PIN, "enter")
        assert app.return_code == 0, "the right PIN after the wait quits the kiosk"


async def friday_to_the_next_monday(week: Week) -> None:
    """The kiosk left running from Friday morning to the next Monday."""
    clock = week.clock
    # Friday to Monday, the kiosk left running.
    clock.set(datetime(2027, 3, 5, 7, 40))
    app = week.app(kiosk=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Today, Friday 5 March" in header(app) and "Oma practising" in header(app)
        assert "0 of 8 done" in header(app) and "2 wins this week" in header(app)
        await pilot.press("2", "1")
        await pilot.pause()
        assert "2 of 8 done" in header(app) and routine_line(app, "Breakfast ◀ now").endswith("2 of 2")
        # Details of Zoë's K-words, typed at full speed in the kiosk (adding needs no PIN).
        await burst(pilot, "d", *["tab"] * 5, "5", "tab", "5", "tab", *"cake, cookie, duck", "tab", "enter")
        assert "5 of 5 correct" in card(app) and "Note: cake, cookie, duck" in card(app)
        assert "2 of 8 done" in header(app)
        clock.set(datetime(2027, 3, 5, 8, 20))
        await click_row(pilot, app, "Zoë  Zip the jacket")
        await click_row(pilot, app, "Theo  One foot for socks")
        assert "4 of 8 done" in header(app) and routine_line(app, "School run").endswith("2 of 2")
        # A click on a done item un-marks it (a slip of the finger), and again marks it.
        await click_row(pilot, app, "Theo  One foot for socks")
        assert "3 of 8 done" in header(app)
        await click_row(pilot, app, "Theo  One foot for socks")
        assert "4 of 8 done" in header(app)
        clock.set(datetime(2027, 3, 5, 15, 45))
        await click_row(pilot, app, "Theo  Two-word requests")
        assert "5 of 8 done" in header(app) and routine_line(app, "After-school snack").endswith("1 of 2")
        # A question about Theo for the therapist, asked at the kiosk: For, p for Physical therapy
        # (the item under the cursor is his speech practice); Kind: one down to Question.
        await burst(pilot, "a", *"Can hopping at the park count as his PT practice?")
        await pilot.press("shift+tab", "p", "shift+tab", "shift+tab", "enter", "down", "enter", "ctrl+s")
        await pilot.pause()
        assert "1 open question" in header(app)
        assert "Theo  ? Question (open) for PT  Oma · today 15:45 Can hopping at the park count" in text(app)

        # Saturday: the family goes to the grandparents' (a holiday for everyone).
        clock.set(datetime(2027, 3, 6, 9, 0))
        await until_day(pilot, app, "Today, Saturday 6 March")
        assert "0 of 3 done" in header(app)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("tab", "enter", "down", "enter", "tab", "tab", "enter")  # Who: the whole family; Why: holiday
        await pilot.pause()
        assert "holiday" in header(app) and " done" not in header(app) and "skipped" not in header(app)
        assert [r for r in rows(app) if r.startswith("  ")] == [
            "  – Zoë  K-words at breakfast  (holiday)",
            "  – Amara  Cheerios one at a time  (holiday)",
            "  – Amara  Point and name  (holiday)",
        ]
        assert "Whole family: holiday. Nothing to practise on a skipped day." in card(app)
        await pilot.press("space", "2")
        await pilot.pause()
        assert " done" not in header(app), "nothing can be marked on a holiday"

        # Sunday evening: the bath and the bedtime book.
        clock.set(datetime(2027, 3, 7, 18, 50))
        await until_day(pilot, app, "Today, Sunday 7 March")
        assert "0 of 4 done" in header(app) and "holiday" not in header(app)
        assert card(app).startswith("Theo  Hop to the bath")
        await pilot.press("space", "down", "space")
        await pilot.pause()
        assert "2 of 4 done" in header(app) and "7 of 10 min" in header(app)
        assert routine_line(app, "Bath time").endswith("1 of 1")
        assert routine_line(app, "Bedtime book").endswith("1 of 1")

        # The next Monday: a new week, with no wins in it yet.
        clock.set(datetime(2027, 3, 8, 7, 35))
        await until_day(pilot, app, "Today, Monday 8 March")
        assert "0 of 8 done" in header(app) and "win" not in header(app) and "1 open question" in header(app)
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert "Saturday 6 March 2027" in header(app) and "holiday" in header(app)
        await pilot.press("t", "q")
        await pilot.pause()
        await burst(pilot, *PIN, "enter")


def section(report: str, child: str) -> str:
    return report.split(f"## {child}\n", 1)[1].split("\n## ", 1)[0]


def check_report(report: str) -> None:
    """The week as the therapists read it: practice days, days off with why, notes, wins, questions."""
    assert report.startswith("# Weekly practice update\n\n1–7 March 2027\n")
    zoe = section(report, "Zoë")
    glance = report.split("## Zoë")[0]
    assert "Zoë practised 5 of 6 planned days, 18 minutes" in glance
    assert "K-words at breakfast: practised 4 of 6 planned days, 12 minutes; 90% correct (9 of 10 tries, 2 days)" in zoe
    assert "Zip the jacket: practised 3 of 5 planned days, 6 minutes" in zoe
    assert "- Zipped her coat at the door, no help! (Oma, Thu 4 Mar)" in zoe
    assert "- Sat 6 Mar: Holiday (whole family)" in zoe and "Sick day" not in zoe

    theo = section(report, "Theo")
    assert "Theo practised 3 of 5 planned days, 14 minutes" in glance  # Tuesday not planned
    assert "One foot for socks: practised 2 of 4 planned days, 4 minutes" in theo
    assert "Hop to the bath: practised 2 of 4 planned days, 4 minutes" in theo
    assert "Two-word requests: practised 2 of 3 planned days, 6 minutes" in theo
    assert "- Theo hopped 3 times on one foot! (Home, Papa, Mon 1 Mar)" in theo
    assert "- Theo balanced on his left foot while Papa counted to 6. (Papa, Mon 1 Mar)" in theo
    assert (
        "## Questions for you\n\n- Theo: Can hopping at the park count as his PT practice? (Oma, Fri 5 Mar)" in report
    )
    assert report.index("## Questions for you") < report.index("## Zoë")
    assert "- Tue 2 Mar: Sick day — fever\n- Sat 6 Mar: Holiday (whole family)" in theo

    amara = section(report, "Amara")
    assert "Amara practised 4 of 6 planned days, 27 minutes" in glance
    assert "Daily aim of 10 minutes reached on 1 day." in amara
    assert "Cheerios one at a time: practised 3 of 6 planned days, 12 minutes" in amara
    assert "Point and name: practised 3 of 6 planned days, 15 minutes" in amara
    assert "- Amara picked up 10 Cheerios, one at a time (Home, Oma, Thu 4 Mar)" in amara
    assert "Sick day" not in amara


def check_export(data: dict) -> None:
    """Everything typed in the week is in the export, as typed; what the wrong PINs met is unchanged."""
    per_day: dict[str, int] = {}
    for entry in data["practice"]:
        per_day[entry["date"]] = per_day.get(entry["date"], 0) + 1
    assert per_day == {
        "2027-03-01": 7,
        "2027-03-02": 4,
        "2027-03-03": 1,
        "2027-03-04": 1,
        "2027-03-05": 5,
        "2027-03-07": 2,
    }
    counted = {
        (e["date"], e["trials_correct"], e["trials_total"], e["note"]) for e in data["practice"] if e["trials_total"]
    }
    assert counted == {("2027-03-01", 4, 5, "Said cake, milk, cookie!"), ("2027-03-05", 5, 5, "cake, cookie, duck")}
    assert {(e["date"], e["caregiver"]) for e in data["practice"]} >= {("2027-03-01", "papa"), ("2027-03-05", "oma")}
    [book] = [e for e in data["practice"] if e["note"] == "Named 6 animals"]
    assert (book["date"], book["strategy"], book["created_at"]) == ("2027-03-01", "point-name", "2027-03-01T19:40:00")
    assert sorted((s["date"], s["child"], s["reason"], s["note"]) for s in data["skip_days"]) == [
        ("2027-03-02", "theo", "sick", "fever"),
        ("2027-03-06", None, "holiday", ""),
    ]
    notes = {n["text"]: n for n in data["notes"]}
    assert set(notes) == {
        "Theo balanced on his left foot while Papa counted to 6.",
        "Should Zoë practise /k/ at the start of words too?",
        "Zipped her coat at the door, no help!",
        "Can hopping at the park count as his PT practice?",
    }
    question = notes["Should Zoë practise /k/ at the start of words too?"]
    assert question["answer"] == "Yes: Ms. Ortiz says try cat, car and cup."
    assert question["answered_by"] == "Ms. Ortiz"  # Zoë's first therapist, as the answer form offered
    assert notes["Theo balanced on his left foot while Papa counted to 6."]["updated_at"] == "2027-03-01T08:20:00"
    assert sorted((w["child"], w["text"], w["who"]) for w in data["wins"]) == [
        ("amara", "Amara picked up 10 Cheerios, one at a time", "Oma"),
        ("theo", "Theo hopped 3 times on one foot!", "Papa"),
    ]
