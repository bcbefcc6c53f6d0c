"""The weekly update: concrete lines a therapist would read, and safe HTML."""

from __future__ import annotations

from datetime import date, datetime, time
from html.parser import HTMLParser

import pytest

from family_tui.clock import FixedClock
from family_tui.domain.models import NoteKind, Setting, Settings, SkipDay, SkipReason
from family_tui.domain.names import find_child
from family_tui.domain.report import (
    build_report,
    default_range,
    format_range,
    parse_iso_week,
    render_html,
    render_markdown,
    report_range,
)
from family_tui.usecases.report import report_from_store

from .builders import (
    FRI27,
    MON23,
    SUN29,
    THU26,
    WED25,
    day,
    leo_sick_tuesday,
    leo_week_entries,
    note,
    program,
    win,
)


def leo_notes():
    return [
        note(NoteKind.OBSERVATION, THU26, "Tired after swimming, so we kept bath practice short."),
        note(NoteKind.OBSERVATION, day(20), "An older observation from last week."),
        note(NoteKind.QUESTION, day(10), "Should we add /s/ blends yet?"),
        note(NoteKind.QUESTION, FRI27, "Can we practise the snake sound in the car?"),
        note(NoteKind.QUESTION, day(12), "Is humming along OK?", answered=True),
        note(NoteKind.QUESTION, day(21), "Can we get a copy of the picture cards?", child=None, author="Dad"),
    ]


def leo_wins():
    return [
        win(WED25, "Said 'sun' to his teacher without a reminder", setting=Setting.SCHOOL, who="Ms Green"),
        win(day(18), "An older win from last week"),
    ]


def leo_report(prog=None, *, notes=None, wins=None, skips=None, settings=None, child_ids=("leo",), **kw):
    return build_report(
        prog or program(),
        leo_week_entries(),
        leo_notes() if notes is None else notes,
        leo_wins() if wins is None else wins,
        [leo_sick_tuesday()] if skips is None else skips,
        settings or Settings(),
        MON23,
        SUN29,
        list(child_ids) if child_ids is not None else None,
        **kw,
    )


def lines(markdown: str) -> list[str]:
    return markdown.splitlines()


def test_markdown_reads_like_an_update_for_the_therapist():
    md = render_markdown(leo_report())
    got = lines(md)
    print(md)
    assert got[0] == "# Weekly practice update"
    assert "23–29 November 2026" in got
    assert "## Leo" in got
    # 6 planned days (Tue sick), practised 5, 3 + 10 + 8 + 2 + 16 = 39 minutes; 5/6 >= 80% -> strong.
    assert got[got.index("## At a glance") + 2] == "- Leo practised 5 of 6 planned days this week, 39 minutes in all."
    assert got[got.index("## Leo") + 2] == "A strong week of practice (5 of 6 planned days)."
    assert "Daily aim of 10 minutes reached on 2 days." in got  # Wed 10, Sat 16
    # The /s/ goal: 5 of 6 days, 34 minutes; the snake sound from a model on Monday to a verbal cue on Saturday.
    assert "### Speech therapy: Says /s/ at the start of words" in got
    assert "Aim: 4 of 5 tries with no reminder" in got
    assert "- Days: practised 5 of 6 planned days, 34 minutes" in got
    assert "- Where: Home, school and community" in got
    # Snake: 3+3+3+3+2+16 = 30 min; 26 of 35 tries = 74%; the week before 6 of 15 = 40%, on 3 days.
    assert (
        "- Snake sound: practised 5 of 6 planned days, 30 minutes; 74% correct (26 of 35 tries, 5 days);"
        " 40% the week before (6 of 15, 3 days); help: Model on Mon 23 Nov → Verbal cue on Sat 28 Nov"
    ) in got
    assert "- S picture cards: practised 1 of 4 planned days, 4 minutes; help: Verbal cue" in got
    # The stairs goal started Thu 26: 4 planned days, practised Thursday.
    assert "### Physical therapy: Climbs stairs with alternating feet" in got
    # its one strategy, with the help it needed
    assert "- One foot per step: practised 1 of 4 planned days, 5 minutes; help: Partial physical help" in got
    assert "- Where: Only at home so far" in got
    # Wins, observations, questions, days off.
    assert "- Said 'sun' to his teacher without a reminder (School or daycare, Ms Green, Wed 25 Nov)" in got
    assert "An older win" not in md
    assert "- Tired after swimming, so we kept bath practice short. (Mom, Thu 26 Nov)" in got
    assert "An older observation" not in md
    assert "## Questions for you" in got
    assert "- Can we practise the snake sound in the car? (Mom, Fri 27 Nov)" in got
    # Questions of other weeks are not this week's (still-open ones show only in a week reaching today).
    assert "blends" not in md and "humming" not in md and "picture cards?" not in md
    assert "## The whole family" not in got
    assert "### Days off" in got
    assert "- Tue 24 Nov: Sick day — fever" in got
    # Encouraging, never scolding; short enough to read in two minutes.
    assert "missed" not in md.lower() and "failed" not in md.lower()
    assert "Mia" not in md
    assert len(got) < 60 and len(md.split()) < 400


def test_all_current_children_by_default_and_a_quiet_week_stays_kind():
    report = leo_report(child_ids=None)
    assert [c.name for c in report.children] == ["Leo", "Mia"]
    md = render_markdown(report)
    # Mia: Mon-Fri school run planned, nothing logged.
    assert "A quieter week for practice." in md
    assert "Mia planned on 5 days, no practice logged" in md  # at a glance, beside Leo
    assert "- Pinch the pencil: planned on 5 days, no practice logged" in lines(md)
    assert "missed" not in md.lower()


def test_today_counts_only_once_practised():
    # Sunday is today and not practised yet: 5 of 5.
    md = render_markdown(leo_report(today=SUN29))
    assert "A strong week of practice (5 of 5 planned days)." in lines(md)
    assert "- Leo practised 5 of 5 planned days this week, 39 minutes in all." in lines(md)


def test_family_skip_day_is_listed_with_its_reason_and_not_counted():
    skips = [leo_sick_tuesday(), SkipDay(date=FRI27, reason=SkipReason.HOLIDAY, note="Day after Thanksgiving")]
    md = render_markdown(leo_report(skips=skips))
    got = lines(md)
    assert "- Fri 27 Nov: Holiday (whole family) — Day after Thanksgiving" in got
    # Planned: Mon, Wed, Thu, Sat, Sun = 5; practised Mon, Wed, Thu, Sat = 4; Friday is a bonus.
    assert ("- Leo practised 4 of 5 planned days, plus 1 extra day this week, 39 minutes in all.") in got


def test_trend_without_an_earlier_period_and_observation_after_midnight():
    # Only W48 entries: no "before" level, so just the current one.
    entries = [e for e in leo_week_entries() if e.date >= MON23]
    late = note(NoteKind.OBSERVATION, SUN29, "Bedtime story: he said 'sock' twice!")
    late = late.model_copy(update={"created_at": datetime(2026, 11, 30, 0, 30)})
    report = build_report(
        program(),
        entries,
        [late],
        [],
        [leo_sick_tuesday()],
        Settings(day_start=time(3, 0)),
        MON23,
        SUN29,
        ["leo"],
    )
    md = render_markdown(report)
    assert "help: Model on Mon 23 Nov → Verbal cue on Sat 28 Nov" in md
    assert "74% correct (26 of 35 tries, 5 days)" in md and "the week before" not in md
    # 00:30 on Mon 30 belongs to Sunday's family day when the day starts at 03:00.
    assert "- Bedtime story: he said 'sock' twice! (Mom, Sun 29 Nov)" in lines(md)


def test_multiline_notes_stay_inside_their_list_item():
    text = "Good at breakfast.\nHarder at bath time."
    md = render_markdown(leo_report(notes=[note(NoteKind.OBSERVATION, THU26, text)]))
    assert "- Good at breakfast.\n  Harder at bath time. (Mom, Thu 26 Nov)" in md


class _Balance(HTMLParser):
    VOID = {"meta", "br", "link", "img"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (self.stack, tag)
        self.stack.pop()


def test_html_escapes_every_piece_of_user_text():
    wins = [win(WED25, "<script>alert('x')</script> said sun & more", setting=Setting.SCHOOL, who="Ms <b>Green</b>")]
    notes = [note(NoteKind.QUESTION, THU26, 'Is "<img src=x onerror=alert(1)>" OK?', author="O'Brien [Jr]")]
    report = leo_report(program(leo_name="O'Brien [Jr]"), wins=wins, notes=notes)
    page = render_html(report)
    assert page.startswith("<!DOCTYPE html>")
    assert "<h2>O&#x27;Brien [Jr]</h2>" in page
    assert "O'Brien" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; said sun &amp; more" in page
    assert "Ms &lt;b&gt;Green&lt;/b&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "<img" not in page
    assert "<script" not in page
    parser = _Balance()
    parser.feed(page)
    parser.close()
    assert parser.stack == [] and parser.scripts == 0
    # Self-contained and printable.
    assert "@media print" in page and "@page" in page
    assert "<link" not in page and "http" not in page
    assert "practised 5 of 6 planned days" in page
    assert "help: Model on Mon 23 Nov → Verbal cue on Sat 28 Nov" in page


def test_markdown_keeps_names_as_typed():
    md = render_markdown(leo_report(program(leo_name="O'Brien [Jr]")))
    assert "## O'Brien [Jr]" in lines(md)


def test_unknown_child_id_is_a_clear_error():
    with pytest.raises(ValueError, match="No child with id nobody"):
        leo_report(child_ids=["nobody"])


# -- ranges ----------------------------------------------------------------------------------


def test_parse_iso_week():
    assert parse_iso_week("2026-W48") == (MON23, SUN29)
    assert parse_iso_week(" 2026w48 ") == (MON23, SUN29)
    assert parse_iso_week("2026-W01") == (date(2025, 12, 29), date(2026, 1, 4))
    assert parse_iso_week("2026-W53") == (date(2026, 12, 28), date(2027, 1, 3))  # 2026 has 53 weeks


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("last week", 'Could not read the week "last week": write it as year, W and week number, like 2026-W48.'),
        ("2026-48", "like 2026-W48"),
        ("2025-W53", "There is no week 53 in 2025: its weeks run from 2025-W01 to 2025-W52."),
        ("2026-W00", "There is no week 0 in 2026"),
    ],
)
def test_parse_iso_week_errors(text, message):
    with pytest.raises(ValueError) as caught:
        parse_iso_week(text)
    assert message in str(caught.value)


def test_ranges():
    assert default_range(SUN29) == (MON23, SUN29)
    assert report_range(SUN29) == (MON23, SUN29)
    assert report_range(date(2026, 12, 2), week="2026-W48") == (MON23, SUN29)
    assert report_range(SUN29, first="2026-11-20") == (day(20), SUN29)
    assert report_range(SUN29, last="2026-11-22") == (day(16), day(22))
    with pytest.raises(ValueError, match="not both"):
        report_range(SUN29, week="2026-W48", first="2026-11-20")
    with pytest.raises(ValueError, match="is after the last day"):
        report_range(SUN29, first="2026-11-29", last="2026-11-20")
    with pytest.raises(ValueError, match="write it as YYYY-MM-DD"):
        report_range(SUN29, first="29/11/2026")
    assert format_range(day(30), date(2026, 12, 6)) == "30 November – 6 December 2026"
    assert format_range(date(2026, 12, 28), date(2027, 1, 3)) == "28 December 2026 – 3 January 2027"


def test_find_child():
    prog = program()
    assert find_child(prog, "leo").name == "Leo"
    assert find_child(prog, "mia").id == "mia"
    assert find_child(prog, "LEO").id == "leo"
    with pytest.raises(ValueError, match=r"Children: Leo \(id leo\), Mia \(id mia\)"):
        find_child(prog, "Sam")


def test_report_from_store(tmp_path):
    from family_tui.storage import FamilyStore

    store = FamilyStore(tmp_path / "data", clock=FixedClock(datetime(2026, 11, 29, 18, 0)))
    prog = program()
    store.save_many([*prog.children, *prog.caregivers, *prog.routines, *prog.goals, *prog.strategies])
    store.save_many([leo_sick_tuesday(), *leo_notes(), *leo_wins()])
    store.record_many(leo_week_entries())
    md = render_markdown(report_from_store(store, MON23, SUN29, ["leo"]))
    assert "- Days: practised 5 of 6 planned days, 34 minutes" in lines(md)
    assert "40% the week before (6 of 15, 3 days)" in md  # W47 was loaded too
    assert "- Said 'sun' to his teacher without a reminder (School or daycare, Ms Green, Wed 25 Nov)" in lines(md)


# -- a week in progress, a program that just began, the period's own notes -------------------------


def program_new_on(start: date):
    """The builders' family, every goal added on ``start`` (a program imported that day)."""
    prog = program()
    return prog.model_copy(update={"goals": [g.model_copy(update={"created": start}) for g in prog.goals]})


def test_one_check_in_on_the_first_thursday_is_a_start_and_the_rest_is_planned_not_missing():
    from .builders import entry

    report = build_report(
        program_new_on(THU26),
        [entry(THU26, "snake", "breakfast", minutes=3)],
        [],
        [],
        [],
        Settings(),
        day(20),
        THU26,
        today=THU26,
    )
    md = render_markdown(report)
    print(md)
    got = lines(md)
    assert "Off to a good start (1 of 1 planned day)." in got
    assert "- Leo practised 1 of 1 planned day, 3 minutes; Mia planned on 1 day, not practised yet." in got
    assert "- S picture cards: planned on 1 day, not practised yet" in got
    # The stairs goal has one strategy: one line of figures, not the same line twice.
    stairs = got[got.index("### Physical therapy: Climbs stairs with alternating feet") :]
    assert stairs[2] == "- One foot per step: planned on 1 day, not practised yet"
    assert not any(line.startswith("- Days:") for line in stairs[:5])
    assert "Early days: practice is planned and ready to go." in md
    assert "no practice days planned" not in md and "strong week" not in md.lower()
    assert "missed" not in md.lower()


def test_a_week_in_progress_is_judged_on_its_days_so_far():
    # Friday evening of W48: Mon, Wed, Thu, Fri practised; Tue was a sick day; Sat and Sun to come.
    report = leo_report(today=FRI27, notes=[], wins=[])
    got = lines(render_markdown(report))
    assert "A strong start to the week (4 of 4 planned days)." in got
    assert "- Leo practised 4 of 4 planned days so far this week, 23 minutes in all." in got
    # Mon, Wed and Thu so far (Friday is still open): the weekend is not judged yet.
    assert "- S picture cards: practised 1 of 3 planned days, 4 minutes; help: Verbal cue" in got
    # Mia: Mon-Fri planned, nothing logged yet, today still open: kind words.
    mia = leo_report(today=FRI27, notes=[], wins=[], child_ids=["mia"])
    md = render_markdown(mia)
    assert "A quieter start to the week." in lines(md)
    assert "- Mia has 5 practice days planned so far this week, not practised yet." in lines(md)


def test_a_past_week_shows_its_own_questions_and_not_later_ones():
    # ISO week 2026-W45 is 2-8 November; the report is made on Thursday 26 November.
    notes = [
        note(NoteKind.QUESTION, day(4), "Is it OK to practise at the park?"),
        note(NoteKind.QUESTION, WED25, "Should we add /s/ blends yet?"),
        note(NoteKind.OBSERVATION, WED25, "He said 'sun' at breakfast."),
    ]
    wins = [win(WED25, "Said 'sock' to Grandpa")]
    first, last = parse_iso_week("2026-W45")
    report = build_report(program(), [], notes, wins, [], Settings(), first, last, ["leo"], today=THU26)
    md = render_markdown(report)
    print(md)
    assert "- Is it OK to practise at the park? (Mom, Wed 4 Nov)" in lines(md)
    assert "blends" not in md and "sun" not in md and "sock" not in md
    assert "still open" not in md


def test_a_week_reaching_today_lists_earlier_open_questions_as_still_open():
    md = render_markdown(leo_report(child_ids=None, today=SUN29))
    got = lines(md)
    print(md)
    # The questions come before any child's goals, each saying whom it is about.
    questions = got[got.index("## Questions for you") : got.index("## Leo")]
    assert questions[2] == "- Leo: Can we practise the snake sound in the car? (Mom, Fri 27 Nov)"
    still = questions[questions.index("### Questions from before, still open") :]
    assert "- Leo: Should we add /s/ blends yet? (Mom, Tue 10 Nov)" in still
    assert "- Whole family: Can we get a copy of the picture cards? (Dad, Sat 21 Nov)" in still
    assert "humming" not in md  # answered before this week
    assert "- 3 open questions for you, just below." in got
    page = render_html(leo_report(today=SUN29))
    assert "<h3>Questions from before, still open</h3>" in page and "blends yet?" in page


def test_a_strategy_on_no_routine_says_why_nothing_was_planned():
    from family_tui.domain.models import Strategy

    prog = program(extra_strategies=[Strategy(id="song", goal="leo-s", title="Fill in the song")])
    md = render_markdown(leo_report(prog, today=SUN29))
    assert "- Fill in the song: not on any routine yet, so not planned" in lines(md)
    assert (
        "- Snake sound: practised 5 of 5 planned days, 30 minutes; 74% correct (26 of 35 tries, 5 days);"
        " 40% the week before (6 of 15, 3 days)" in md
    )


def test_an_answer_given_this_week_says_who_answered_and_when():
    asked = note(NoteKind.QUESTION, day(23), "Can he use a chewy tube at dinner?")
    answered = asked.model_copy(
        update={"answer": "Yes, for now.", "answered_at": datetime(2026, 11, 25, 17, 0), "answered_by": "Ms. Rivera"}
    )
    unsigned = note(NoteKind.QUESTION, day(24), "Shorter sessions on school days?", answered=True)
    first, last = parse_iso_week("2026-W48")
    md = render_markdown(build_report(program(), [], [answered, unsigned], [], [], Settings(), first, last, ["leo"]))
    print(md)
    assert (
        "- Can he use a chewy tube at dinner? (Mom, Mon 23 Nov) Answer: Yes, for now. (answered by Ms. Rivera, Wed 25 Nov)"
        in lines(md)
    )
    assert "- Shorter sessions on school days? (Mom, Tue 24 Nov) Answer: Yes" in lines(md)  # no one named: no byline


# -- an update she can trust -------------------------------------------------------------------


def test_the_aim_is_in_a_therapists_update_too():
    from family_tui.domain.models import Discipline

    md = render_markdown(leo_report(disciplines=[Discipline.SLP], audience="Ms. Rivera, Speech therapy"))
    assert "Aim: 4 of 5 tries with no reminder" in lines(md)


def test_the_headline_says_the_days_it_rests_on_and_a_short_period_is_not_a_week():
    md = render_markdown(leo_report())
    assert "A strong week of practice (5 of 6 planned days)." in lines(md)
    short = build_report(program(), leo_week_entries(), [], [], [], Settings(), WED25, THU26, ["leo"])
    md = render_markdown(short)
    assert "Strong practice over these 2 days (2 of 2 planned days)." in lines(md)
    assert "week" not in md.lower()


def test_a_routine_rarely_done_is_named_though_the_days_look_full():
    from .builders import entry

    # Snake sound at breakfast every day; the school run (Mon-Fri) only on Monday.
    entries = [entry(day(n), "snake", "breakfast") for n in range(23, 30)]
    entries.append(entry(MON23, "s-cards", "school-run"))
    md = render_markdown(build_report(program(), entries, [], [], [], Settings(), MON23, SUN29, ["leo"]))
    print(md)
    assert "- Leo practised 7 of 7 planned days this week, 24 minutes in all." in lines(md)
    assert "School run (done 1 of 5 weekdays)" in md
    assert "Rarely done — School run: 1 of 5 weekdays; Bath time: 0 of 7 planned days." in lines(md)


def test_today_counts_only_once_its_routines_are_past():
    from .builders import entry

    # Sunday: breakfast (07:30) and bath (19:00) plan the snake sound; nothing practised on Sun 29 or Sat 28.
    entries = [entry(day(n), "snake", "breakfast") for n in (23, 24, 25, 26, 27)]

    def update(at: datetime) -> str:
        return render_markdown(
            build_report(program(), entries, [], [], [], Settings(), day(27), SUN29, ["leo"], today=SUN29, now=at)
        )

    early = update(datetime(2026, 11, 29, 5, 0))
    # At 5 a.m. Sunday is still to come: only Fri and Sat are judged, and two days are no trend.
    assert "Snake sound: practised 1 of 2 planned days" in early
    assert "Worth a look" not in early
    # At 10 p.m. the bath is past too: Sunday counts.
    late = update(datetime(2026, 11, 29, 22, 0))
    assert "Snake sound: practised 1 of 3 planned days" in late
    # At 10 a.m. breakfast is past, bath is not: the day is still open.
    assert "Snake sound: practised 1 of 2 planned days" in update(datetime(2026, 11, 29, 10, 0))


def test_at_5_am_todays_practice_still_to_come_is_not_worth_a_look():
    from .builders import entry

    # Wednesday: the picture cards (school run, 08:15) not practised Mon or Tue; the snake sound practised.
    entries = [entry(day(n), "snake", "breakfast") for n in (23, 24, 25)]

    def glance_at(at: datetime) -> str:
        report = build_report(program(), entries, [], [], [], Settings(), MON23, WED25, ["leo"], today=WED25, now=at)
        return render_markdown(report)

    assert "S picture cards" not in glance_at(datetime(2026, 11, 25, 5, 0)).split("## Leo")[0]
    # Once Leo's day is over (the bath at 19:00 and two hours), Wednesday counts: three planned days.
    assert "S picture cards" not in glance_at(datetime(2026, 11, 25, 10, 30)).split("## Leo")[0]
    late = glance_at(datetime(2026, 11, 25, 21, 0))
    assert "Worth a look: S picture cards (no practice yet, 3 planned days)" in late


def test_weeks_before_the_program_are_neither_rest_nor_missing():
    md = render_markdown(build_report(program_new_on(day(30)), [], [], [], [], Settings(), MON23, SUN29, ["leo"]))
    print(md)
    assert "The home program begins on Mon 30 Nov." in lines(md)
    assert "- Leo starts the home program on Mon 30 Nov." in lines(md)
    assert "rest" not in md and "no practice" not in md and "No goals" not in md
