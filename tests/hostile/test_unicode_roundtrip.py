"""Whatever a family types comes back exactly as typed, wherever it goes; control characters never get in.

Every text field (child, caregiver, routine, goal title and target, strategy title, how,
cue, visual and dose, practice note, note text and answer, win text, skip-day note, and
the people named as author and who) is filled with arbitrary Unicode: markup-looking
brackets, backslashes, emoji with zero-width joiners and flags, right-to-left text,
combining marks, lines as long as the limits allow. It must come back unchanged from

* the store (a fresh ``FamilyStore`` reading the files back),
* ``family-tui export`` (JSON),
* ``family-tui export-program`` then ``family-tui import`` (no changes; and into a new family),
* ``family-tui export --format csv`` (only the documented ``'`` before a formula),
* ``family-tui report`` as Markdown and as HTML (escaped: the page's tags are the same
  whatever the text).

Control characters (category Cc, and U+2028/U+2029 in single-line fields) are refused by
the models and by import, with a message naming the field and the character.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
import tomllib
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from family_tui.clock import FixedClock
from family_tui.domain.csv_export import safe_cell
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
    Settings,
    SkipDay,
    SkipReason,
    Strategy,
    Win,
)
from family_tui.domain.program_file import ProgramFileError, load_program_file, program_to_toml
from family_tui.domain.report import build_report, render_html
from family_tui.domain.text import LINE_MAX, NAME_MAX, TEXT_MAX
from family_tui.storage import FamilyStore

from .helpers import EXAMPLE_PROGRAM, NOON, examples, run_cli

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FIRST, LAST = date(2026, 11, 20), date(2026, 11, 26)
DAY = date(2026, 11, 25)
AT = datetime(2026, 11, 25, 17, 30)

# -- what people type -----------------------------------------------------------------------

AWKWARD = [
    "[b]x[/b]",
    "O'Brien [Jr] [/x] [@click=app.quit]x[/]",
    "[red]not red[/red] [link=https://example.com]link[/link] :smile: $name ${x}",
    "back\\slash \\n \\t \\u0041 \\",
    "\"quoted\" 'single' \"\"\"three\"\"\" '''three'''",
    "👨‍👩‍👧‍👦 🇳🇿 🇺🇦 🏳️‍🌈 👍🏽 ❤️",
    "مرحبا يا ليو",
    "שלום, מאיה",
    "Leo ‏(ليو)‎ and ‮reversed‬",
    "e\u0301 n\u0303 a\u0308\u0323 Z\u0335\u0321a\u0336\u0322l\u0337g\u0338o\u0334",
    "zero\u200bwidth\u200d\u2060join\ufeff",
    "<script>alert('x')</script> & &amp; &lt; &not",
    "=SUM(A1:A9)",
    "+1",
    "-2",
    "@home",
    "# heading",
    "- item",
    "* star",
    "> quote",
    "`code`",
    "[[goals]]",
    'key = "value"',
    "Zoë Ångström-Øre",
    "\u3000ideographic space\u00a0nbsp",
    "𝕳𝖊𝖑𝖑𝖔 𐍈 𓀀",
]
LONG_PIECES = ["x", "é", "👨‍👩‍👧", "ليو ", "[/x]", "\\", "e\u0301", "🇳🇿"]

_single_line_chars = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\u2028\u2029")
_multi_line_chars = st.one_of(_single_line_chars, st.sampled_from("\n\t"))


def _long(limit: int) -> st.SearchStrategy[str]:
    """Text exactly as long as the limit allows (cut wherever: a flag or a joiner may be split)."""
    return st.sampled_from(LONG_PIECES).map(lambda piece: (piece * limit)[:limit])


def typed(limit: int, *, required: bool, multiline: bool = False) -> st.SearchStrategy[str]:
    chars = _multi_line_chars if multiline else _single_line_chars
    parts = [
        st.text(chars, min_size=1 if required else 0, max_size=min(limit, 60)),
        st.sampled_from([a for a in AWKWARD if len(a) <= limit]),
        _long(limit),
    ]
    if multiline:
        parts.append(st.lists(st.sampled_from(AWKWARD), min_size=2, max_size=5).map("\n".join))
        parts.append(st.lists(st.text(chars, max_size=20), min_size=2, max_size=4).map("\n\n\t".join))
    text = st.one_of(parts).filter(lambda s: len(s) <= limit)
    return text.filter(lambda s: bool(s.strip())) if required else text


name = typed(NAME_MAX, required=True)
line = typed(LINE_MAX, required=False)
long_text = typed(TEXT_MAX, required=False, multiline=True)
required_long_text = typed(TEXT_MAX, required=True, multiline=True)


@dataclass(frozen=True)
class Typed:
    """One family's worth of typed text."""

    child: str
    caregiver: str
    routine: str
    goal_title: str
    goal_target: str
    strategy_title: str
    how: str
    cue: str
    visual: str
    dose: str
    practice_note: str
    observation: str
    question: str
    answered_question: str
    answer: str
    author: str
    win: str
    who: str
    skip_note: str


typed_family = st.builds(
    Typed,
    child=name,
    caregiver=name,
    routine=name,
    goal_title=name,
    goal_target=line,
    strategy_title=name,
    how=long_text,
    cue=line,
    visual=line,
    dose=line,
    practice_note=long_text,
    observation=required_long_text,
    question=required_long_text,
    answered_question=required_long_text,
    answer=long_text,
    author=name,
    win=required_long_text,
    who=name,
    skip_note=line,
)


@dataclass
class Family:
    program: Program
    entry: PracticeEntry
    notes: list[Note]
    win: Win
    skip: SkipDay


def build_family(t: Typed) -> Family:
    created = datetime(2026, 11, 25, 9, 0)
    program = Program(
        children=[Child(id="kid", name=t.child, color="magenta")],
        caregivers=[Caregiver(id="carer", name=t.caregiver)],
        routines=[Routine(id="routine", name=t.routine, time=time(7, 15))],
        goals=[
            Goal(
                id="goal",
                child="kid",
                discipline=Discipline.SLP,
                title=t.goal_title,
                target=t.goal_target,
                created=date(2026, 1, 1),
            )
        ],
        strategies=[
            Strategy(
                id="strategy",
                goal="goal",
                title=t.strategy_title,
                how=t.how,
                cue=t.cue,
                visual=t.visual,
                dose=t.dose,
                minutes=3,
                routines=["routine"],
                uses_trials=True,
            )
        ],
    )
    entry = PracticeEntry(
        id="entry",
        date=DAY,
        child="kid",
        strategy="strategy",
        routine="routine",
        caregiver="carer",
        minutes=4,
        trials_correct=3,
        trials_total=5,
        note=t.practice_note,
        created_at=created,
        updated_at=created,
    )
    answer_at = created + timedelta(hours=2) if t.answer.strip() else None
    notes = [
        Note(
            id="observation",
            kind=NoteKind.OBSERVATION,
            child="kid",
            author=t.author,
            text=t.observation,
            created_at=created,
            updated_at=created,
        ),
        Note(
            id="question",
            kind=NoteKind.QUESTION,
            child="kid",
            author=t.author,
            text=t.question,
            created_at=created + timedelta(minutes=1),
            updated_at=created,
        ),
        Note(
            id="answered",
            kind=NoteKind.QUESTION,
            child="kid",
            author=t.author,
            text=t.answered_question,
            answer=t.answer,
            answered_at=answer_at,
            created_at=created,
            updated_at=created,
        ),
    ]
    win = Win(id="win", child="kid", goal="goal", text=t.win, when=AT, who=t.who)
    skip = SkipDay(id="skip", date=DAY - timedelta(days=1), child="kid", reason=SkipReason.SICK, note=t.skip_note)
    return Family(program, entry, notes, win, skip)


def store_family(data_dir: Path, family: Family) -> FamilyStore:
    store = FamilyStore(data_dir, clock=FixedClock(NOON))
    p = family.program
    store.save_many(
        [*p.children, *p.caregivers, *p.routines, *p.goals, *p.strategies, *family.notes, family.win, family.skip]
    )
    store.record_practice(family.entry)
    return store


def without_created(program: Program) -> Program:
    return program.model_copy(update={"goals": [g.model_copy(update={"created": None}) for g in program.goals]})


def markdown_form(text: str) -> str:
    """How the Markdown report writes typed text in a list item (``report._md``): lines kept, re-indented."""
    lines = [part.rstrip() for part in text.strip().splitlines()]
    return "\n  ".join(part for part in lines if part)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(f"<{tag} {sorted(attrs)}>")

    def handle_endtag(self, tag):
        self.tags.append(f"</{tag}>")

    def handle_data(self, data):
        self.text.append(data)


def read_page(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def plain_page(t: Typed) -> str:
    """The HTML report of the same family in plain words (blank where ``t`` is blank): its tags."""
    family = build_family(
        Typed(**{f.name: "plain" if getattr(t, f.name).strip() else getattr(t, f.name) for f in fields(Typed)})
    )
    report = build_report(
        family.program, [family.entry], family.notes, [family.win], [family.skip], Settings(), FIRST, LAST, today=LAST
    )
    return render_html(report)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("unicode")


# -- the round trip ---------------------------------------------------------------------------------


@settings(SETTINGS, max_examples=examples(40))
@given(t=typed_family)
@example(t=Typed(**{f.name: "O'Brien [Jr] [/x] [@click=app.quit]x[/]" for f in fields(Typed)}))
@example(t=Typed(**{f.name: ("👨‍👩‍👧" * NAME_MAX)[:NAME_MAX] for f in fields(Typed)}))
def test_typed_text_comes_back_unchanged_everywhere(scratch, t):
    family = build_family(t)
    root = Path(tempfile.mkdtemp(dir=scratch))
    try:
        check_everywhere(root, family, t)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def check_everywhere(root: Path, family: Family, t: Typed) -> None:
    data = root / "data"
    store_family(data, family)

    # The store: a fresh copy reads back exactly what was saved.
    fresh = FamilyStore(data, clock=FixedClock(NOON))
    assert fresh.program() == family.program
    assert sorted(fresh.notes(), key=lambda n: n.id) == sorted(family.notes, key=lambda n: n.id)
    assert fresh.wins() == [family.win]
    assert fresh.skip_days() == [family.skip]
    assert fresh.all_practice() == [family.entry]
    assert fresh.problems == []

    # export: JSON holding every record as it was dumped.
    result = run_cli("--data-dir", data, "export", "-o", root / "all.json")
    assert result.code == 0, result.err
    exported = json.loads((root / "all.json").read_text(encoding="utf-8"))
    dump = lambda records: [r.model_dump(mode="json") for r in records]  # noqa: E731
    assert exported["children"] == dump(family.program.children)
    assert exported["caregivers"] == dump(family.program.caregivers)
    assert exported["routines"] == dump(family.program.routines)
    assert exported["goals"] == [
        {**family.program.goals[0].model_dump(mode="json"), "strategies": dump(family.program.strategies)}
    ]
    assert exported["practice"] == dump([family.entry])
    assert sorted(exported["notes"], key=lambda n: n["id"]) == sorted(dump(family.notes), key=lambda n: n["id"])
    assert exported["wins"] == dump([family.win])
    assert exported["skip_days"] == dump([family.skip])

    # export-program, then import: nothing to change here, the same program in a new family.
    toml_path = root / "program.toml"
    result = run_cli("--data-dir", data, "export-program", "-o", toml_path)
    assert result.code == 0, result.err
    assert without_created(load_program_file(toml_path)) == without_created(family.program)
    before = (data / "family.json").read_bytes()
    result = run_cli("--data-dir", data, "import", toml_path)
    assert (result.code, result.out.splitlines()[0]) == (0, "Nothing to change: the program is already up to date."), (
        result
    )
    assert (data / "family.json").read_bytes() == before
    result = run_cli("--data-dir", root / "new-family", "import", toml_path)
    assert result.code == 0, result.err
    assert without_created(FamilyStore(root / "new-family").program()) == without_created(family.program)

    # CSV: the spreadsheet gets the text, defused only where it would start a formula.
    result = run_cli("--data-dir", data, "export", "--format", "csv", "-o", root / "practice.csv")
    assert result.code == 0, result.err
    rows = list(csv.reader(io.StringIO((root / "practice.csv").read_bytes().decode("utf-8"), newline="")))
    assert rows[1:] == [
        [
            "2026-11-25",
            safe_cell(t.child),
            safe_cell(t.goal_title),
            safe_cell(t.strategy_title),
            safe_cell(t.routine),
            "done",
            "",
            "Home",
            safe_cell(t.caregiver),
            "4",
            "3",
            "5",
            *[""] * 6,  # nothing measured in seconds, steps or a count
            safe_cell(t.practice_note),
        ]
    ]

    # The weekly report: Markdown shows the words; HTML shows them escaped, tags untouched.
    span = ("--from", FIRST.isoformat(), "--to", LAST.isoformat())
    result = run_cli("--data-dir", data, "report", *span, "-o", root / "report.md")
    assert result.code == 0, result.err
    markdown = (root / "report.md").read_text(encoding="utf-8")
    shown = [t.child, t.goal_title, t.strategy_title, t.observation, t.question, t.author, t.win, t.who]
    shown += [t.goal_target, t.skip_note]
    for text in shown:
        assert markdown_form(text) in markdown, text

    result = run_cli("--data-dir", data, "report", *span, "--format", "html", "-o", root / "report.html")
    assert result.code == 0, result.err
    html_page = (root / "report.html").read_text(encoding="utf-8")
    page = read_page(html_page)
    assert page.tags == read_page(plain_page(t)).tags  # no typed text became a tag
    words = "".join(page.text)
    for text in shown:
        assert text.strip() in words, text


# -- CSV: no cell a spreadsheet would run ------------------------------------------------------------

# OWASP's list for CSV injection: a cell starting with any of these may be read as a formula
# (a spreadsheet drops a leading tab or carriage return and then sees the "=").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@settings(SETTINGS, max_examples=examples(150))
@given(
    text=st.one_of(
        long_text, st.sampled_from(FORMULA_TRIGGERS).flatmap(lambda start: long_text.map(lambda rest: start + rest))
    )
)
@example(text='\t=HYPERLINK("https://example.com","more")')
def test_no_typed_text_reaches_a_spreadsheet_as_a_formula(text):
    cell = safe_cell(text)
    assert not cell.startswith(FORMULA_TRIGGERS), cell
    assert cell in (text, "'" + text)


# -- the program file on its own (cheap, so more examples) -------------------------------------------


@settings(SETTINGS, max_examples=examples(150))
@given(t=typed_family)
def test_program_file_round_trips_any_text(scratch, t):
    program = build_family(t).program
    path = Path(tempfile.mkdtemp(dir=scratch)) / "program.toml"
    path.write_text(program_to_toml(program), encoding="utf-8")
    try:
        assert without_created(load_program_file(path)) == without_created(program)
    finally:
        shutil.rmtree(path.parent)


# -- control characters are refused at the door -------------------------------------------------------

CONTROL = [chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))] + ["\u2028", "\u2029"]
LINE_BREAKS = {"\n", "\r", "\u2028", "\u2029"}


def _record(model, **text):
    """A valid record of ``model`` with the given text fields."""
    base = {
        Child: dict(id="kid", name="Kid"),
        Caregiver: dict(id="carer", name="Carer"),
        Routine: dict(id="routine", name="Routine", time=time(7, 15)),
        Goal: dict(id="goal", child="kid", discipline=Discipline.OT, title="Goal"),
        Strategy: dict(id="strategy", goal="goal", title="Strategy"),
        PracticeEntry: dict(date=DAY, child="kid", strategy="s", routine="r", created_at=AT, updated_at=AT),
        Note: dict(kind=NoteKind.QUESTION, author="Mom", text="Note", created_at=AT, updated_at=AT),
        Win: dict(child="kid", text="Win", when=AT, who="Dad"),
        SkipDay: dict(date=DAY),
    }[model]
    return model(**{**base, **text})


# (model, field, multi-line?)
TEXT_FIELDS = [
    (Child, "name", False),
    (Caregiver, "name", False),
    (Routine, "name", False),
    (Goal, "title", False),
    (Goal, "target", False),
    (Strategy, "title", False),
    (Strategy, "how", True),
    (Strategy, "cue", False),
    (Strategy, "visual", False),
    (Strategy, "dose", False),
    (PracticeEntry, "note", True),
    (Note, "text", True),
    (Note, "answer", True),
    (Note, "author", False),
    (Win, "text", True),
    (Win, "who", False),
    (SkipDay, "note", False),
]


@st.composite
def text_with_control(draw, multiline: bool) -> tuple[str, str]:
    bad = draw(st.sampled_from([c for c in CONTROL if not (multiline and c in "\n\t")]))
    around = draw(st.text(_single_line_chars, min_size=1, max_size=20).filter(str.strip))  # blank: "must not be empty"
    at = draw(st.integers(0, len(around)))
    return around[:at] + bad + around[at:], bad


def expected_problem(bad: str, multiline: bool) -> str:
    if bad in LINE_BREAKS:
        return "contains a line break" + ("" if multiline else "; this field is a single line")
    return f"contains a control character (U+{ord(bad):04X})"


@settings(SETTINGS, max_examples=examples(150))
@given(data=st.data(), which=st.sampled_from(TEXT_FIELDS))
def test_models_refuse_control_characters_with_a_clear_message(data, which):
    model, field, multiline = which
    text, bad = data.draw(text_with_control(multiline))
    with pytest.raises(ValidationError) as caught:
        _record(model, **{field: text})
    (problem,) = caught.value.errors()
    assert problem["loc"] == (field,)
    assert expected_problem(bad, multiline) in problem["msg"]
    assert problem["msg"].endswith("remove it and try again")


@pytest.mark.parametrize(("model", "field", "multiline"), TEXT_FIELDS)
def test_models_keep_tabs_and_line_breaks_only_in_free_text(model, field, multiline):
    for allowed in ("\t", "\n"):
        if multiline:
            assert getattr(_record(model, **{field: f"one{allowed}two"}), field) == f"one{allowed}two"
        else:
            with pytest.raises(ValidationError):
                _record(model, **{field: f"one{allowed}two"})


EXAMPLE = tomllib.loads(EXAMPLE_PROGRAM.read_text(encoding="utf-8"))
# (path in the file, multi-line?)
FILE_TEXT_FIELDS = [
    (("children", 0, "name"), False),
    (("caregivers", 2, "name"), False),
    (("therapists", 1, "name"), False),
    (("routines", 3, "name"), False),
    (("goals", 1, "title"), False),
    (("goals", 2, "target"), False),
    (("goals", 0, "strategies", 1, "title"), False),
    (("goals", 0, "strategies", 0, "how"), True),
    (("goals", 1, "strategies", 0, "cue"), False),
    (("goals", 0, "strategies", 0, "visual"), False),
    (("goals", 2, "strategies", 0, "dose"), False),
]


def _where(path: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))


@settings(SETTINGS, max_examples=examples(100))
@given(data=st.data(), which=st.sampled_from(FILE_TEXT_FIELDS))
def test_import_refuses_control_characters_and_names_the_field(scratch, data, which):
    path, multiline = which
    text, bad = data.draw(text_with_control(multiline))
    document = json.loads(json.dumps(EXAMPLE))  # a deep copy
    node = document
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = text
    file = Path(tempfile.mkdtemp(dir=scratch)) / "home.toml"
    file.write_text(tomli_w.dumps(document), encoding="utf-8")  # tomli-w writes it as an escape

    with pytest.raises(ProgramFileError) as caught:
        load_program_file(file)
    problem = f"{_where(path)}: {expected_problem(bad, multiline)}; remove it and try again"
    assert problem in caught.value.errors
    shutil.rmtree(file.parent)
