"""Hostile home-program files: import refuses them with a message that says where, and writes nothing.

Property-based (hypothesis). Two sources of files:

* documents built from the real format (the shared example, parsed) with values swapped
  for wrong types, keys removed or invented, bad times, dangling references, duplicate
  ids, huge strings and control characters, written back out as TOML;
* byte-level mutations of the shared example file (flips, inserts of TOML tokens and
  stray bytes, deletions, duplicated ranges, truncation).

For every file: import either succeeds (and importing it again changes nothing) or raises
:class:`ProgramFileError` and nothing else; on error no file in the data folder changed
and none appeared but the lock; every problem names the file and the place in it (an
entry path such as ``goals[0].strategies[1].title``, ``line N``, the format line or a
top-level key); and the command line says the same thing and exits with 1.
"""

from __future__ import annotations

import copy
import re
import shutil
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from family_tui.clock import FixedClock
from family_tui.domain.models import Note, NoteKind, PracticeEntry
from family_tui.domain.program_file import ProgramFileError
from family_tui.domain.text import find_control_character
from family_tui.storage import FamilyStore
from family_tui.usecases.program_import import import_program

from .helpers import EXAMPLE_PROGRAM, NOON, assert_unchanged, examples, run_cli, snapshot

EXAMPLE_BYTES = EXAMPLE_PROGRAM.read_bytes()
EXAMPLE: dict[str, Any] = tomllib.loads(EXAMPLE_BYTES.decode("utf-8"))
FILE_NAME = "home.toml"

FUZZ = settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)

# Where a problem is: a TOML line, an entry path, the format line or a top-level key.
_ENTRY_PATH = r"(?:children|caregivers|therapists|routines|goals)(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*"
PLACE = re.compile(
    rf"^(?:(?P<line>line (?P<number>\d+)(?:, column \d+)?)"
    rf"|(?P<path>{_ENTRY_PATH})(?=: )"
    r"|(?P<format>format is |the format line is missing)"
    r'|(?P<key>unknown key "))'
)
MESSAGE_LINE_MAX = 1500  # a problem is a sentence, not an echo of a pasted novel


# -- the data folder an import goes into ----------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A family that imported the example and has practice and notes; today's backups exist."""
    folder = tmp_path_factory.mktemp("import-fuzz") / "family-data"
    clock = FixedClock(NOON)
    store = FamilyStore(folder, clock=clock)
    import_program(store, EXAMPLE_PROGRAM)
    store.record_practice(
        PracticeEntry(
            date=NOON.date(),
            child="leo",
            strategy="snack-s-words",
            routine="breakfast",
            created_at=NOON,
            updated_at=NOON,
        )
    )
    store.save(
        Note(kind=NoteKind.OBSERVATION, child="leo", author="Mom", text="Said 'sun'.", created_at=NOON, updated_at=NOON)
    )
    FamilyStore(folder, clock=clock)  # makes the fixed day's backup now, not during a test
    FamilyStore(folder)  # and the real day's, for the command line (system clock)
    return folder


@contextmanager
def workspace(template: Path) -> Iterator[Path]:
    """A fresh copy of the template family per example: ``root/data`` and room for the file."""
    root = Path(tempfile.mkdtemp(dir=template.parent))
    try:
        shutil.copytree(template, root / "data")
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


# -- the properties -----------------------------------------------------------------------------


def _parts(path: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in re.findall(r"[a-z_]+|\d+", path)]


def _exists(document: Any, parts: list[str | int]) -> bool:
    node = document
    for part in parts:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            node = node[part]
        elif isinstance(part, str) and isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return False
    return True


def check_problem(problem: str, raw: bytes, document: Any | None) -> None:
    """One problem: it says where, the place is really in the file, and it is safe to print."""
    place = PLACE.match(problem)
    assert place, f"no place in the file named: {problem!r}"
    if place["number"]:
        assert 1 <= int(place["number"]) <= raw.count(b"\n") + 1, problem
    if place["path"] and isinstance(document, dict):
        parts = _parts(place["path"])
        # The entry named is in the file; only a missing key may be absent itself.
        assert _exists(document, parts[:-1]), f"{problem!r} names a place that is not in the file"
        if " is missing" not in problem:
            assert _exists(document, parts), f"{problem!r} names a place that is not in the file"
    assert find_control_character(problem, multiline=False) is None, f"raw control character in {problem!r}"
    assert len(problem) <= MESSAGE_LINE_MAX, f"a {len(problem)}-character message: {problem[:200]!r}..."


def check_import(root: Path, raw: bytes) -> ProgramFileError | None:
    """Import ``raw`` through the API and the command line; check every promise. Returns the error."""
    path = root / FILE_NAME
    path.write_bytes(raw)
    data = root / "data"
    try:
        document = tomllib.loads(raw.decode("utf-8-sig"))
    except Exception:
        document = None

    store = FamilyStore(data, clock=FixedClock(NOON))  # a copied folder is a new computer: its day's backup first
    before = snapshot(data)
    failure: ProgramFileError | None = None
    try:
        import_program(store, path)  # anything but ProgramFileError fails the test: a crash
    except ProgramFileError as error:
        failure = error
    if failure is not None:
        assert_unchanged(before, snapshot(data))
        assert failure.errors, "an error with no problems listed"
        assert str(failure).splitlines() == [f"{FILE_NAME}: {problem}" for problem in failure.errors]
        for problem in failure.errors:
            check_problem(problem, raw, document)

    # The real command: same message, exit status 1, nothing written; or nothing left to change.
    FamilyStore(data)  # the command's clock is the system's: its day's backup is made first
    before = snapshot(data)
    result = run_cli("--data-dir", data, "import", path)
    if failure is not None:
        assert result.code == 1, result
        assert result.out == ""
        assert result.err == f"family-tui: {failure}\n"
        assert_unchanged(before, snapshot(data))
    else:
        assert result.code == 0, result.err
        assert result.out.splitlines()[0] == "Nothing to change: the program is already up to date."
    return failure


# -- documents built from the format ------------------------------------------------------------

SECTIONS = ("children", "caregivers", "therapists", "routines", "goals")
CONTROL = [chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))] + ["\u2028", "\u2029"]

plain_text = st.text(
    st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\u2028\u2029"), min_size=1, max_size=40
)
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
scalars = st.one_of(
    any_text,
    st.integers(-(2**70), 2**70),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.times(),
    st.datetimes(),
    st.sampled_from(
        [
            "",
            " ",
            "OT",
            "pt",
            "Slp",
            "mon",
            "Monday",
            "07:15",
            "7:15",
            " 18:30 ",
            "25:00",
            "07:60",
            "7.15",
            "noon",
            "leo",
            "breakfast",
            "#ff00aa",
            "#fff",
            "chartreuse",
            "\x1b[31m",
            "[@click=app.quit]x[/]",
            "O'Brien [Jr] [/x]",
        ]
    ),
    st.sampled_from([81, 301, 5001, 100_000]).map(lambda size: "x" * size),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
bad_times = st.one_of(
    st.sampled_from(
        ["25:00", "24:00", "07:60", "7.15", "0715", "07:15:30", "-1:00", "", " ", "noon", "٠٧:١٥x", "07:15 pm", "07:5"]
    ),
    st.times().map(lambda t: t.replace(microsecond=0)),
    st.datetimes(),
    st.dates(),
    st.integers(-100, 3000),
    st.floats(),
    st.lists(st.integers(0, 59), max_size=3),
)
keys = st.one_of(
    st.sampled_from(
        [
            "colour",
            "Name",
            "titel",
            "routine",
            "strategy",
            "minute",
            "days ",
            "",
            " ",
            "format",
            "id",
            "\x1b",
            "goals.strategies",
        ]
    ),
    st.text(max_size=12),
)


def _paths(node: Any, prefix: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    yield prefix, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


def _parent(document: Any, path: tuple) -> Any:
    node = document
    for part in path[:-1]:
        node = node[part]
    return node


def _set(document: dict, path: tuple, value: Any) -> None:
    _parent(document, path)[path[-1]] = value


def _entries(document: dict) -> list[tuple[tuple, dict]]:
    """Every entry (a table in a section, or a strategy in a goal) with its path."""
    found = []
    for section in SECTIONS:
        items = document.get(section)
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, dict):
                    found.append(((section, i), item))
                    strategies = item.get("strategies") if section == "goals" else None
                    if isinstance(strategies, list):
                        found += [
                            ((section, i, "strategies", j), s) for j, s in enumerate(strategies) if isinstance(s, dict)
                        ]
    return found


def wrong_type(draw, document: dict) -> None:
    path, _ = draw(st.sampled_from([p for p in _paths(document) if p[0]]))
    _set(document, path, draw(values))


def missing_key(draw, document: dict) -> None:
    choices = [p for p, _ in _paths(document) if p and isinstance(_parent(document, p), dict)]
    if choices:
        path = draw(st.sampled_from(choices))
        del _parent(document, path)[path[-1]]


def unknown_key(draw, document: dict) -> None:
    tables = [node for _, node in _paths(document) if isinstance(node, dict)]
    draw(st.sampled_from(tables))[draw(keys)] = draw(values)


def bad_time(draw, document: dict) -> None:
    routines = [e for p, e in _entries(document) if p[0] == "routines"]
    if routines:
        draw(st.sampled_from(routines))["time"] = draw(bad_times)


def dangling_reference(draw, document: dict) -> None:
    entries = _entries(document)
    if not entries:
        return
    path, entry = draw(st.sampled_from(entries))
    ref = draw(st.one_of(st.sampled_from(["nope", "Leo", "breakfast ", "bath-time", ""]), st.text(max_size=10)))
    if path[0] == "goals" and len(path) == 2:
        entry["child"] = ref
    elif len(path) == 4 or path[0] == "therapists":
        field = "routines" if len(path) == 4 else "children"
        refs = entry.get(field)
        entry[field] = [*refs, ref] if isinstance(refs, list) else [ref]
    else:
        entry["id"] = ref


def duplicate_id(draw, document: dict) -> None:
    entries = _entries(document)
    if len(entries) < 2:
        return
    (path_a, a), (path_b, b) = draw(st.lists(st.sampled_from(entries), min_size=2, max_size=2))
    how = draw(st.sampled_from(["copy id", "copy entry", "drop ids"]))
    if how == "copy id" and "id" in a:
        b["id"] = a["id"]
    elif how == "copy entry":
        container = _parent(document, path_a)
        container.append(copy.deepcopy(a))
    else:
        a.pop("id", None)
        b.pop("id", None)
        for key in ("name", "title"):
            if key in a and key in b:
                b[key] = a[key]


def huge_string(draw, document: dict) -> None:
    texts = [p for p, v in _paths(document) if isinstance(v, str) and p]
    if texts:
        size = draw(st.sampled_from([81, 301, 5001, 100_000]))
        _set(document, draw(st.sampled_from(texts)), draw(st.sampled_from(["x", "é", "👨‍👩‍👧", "["])) * size)


def control_character(draw, document: dict) -> None:
    texts = [p for p, v in _paths(document) if isinstance(v, str) and p]
    if texts:
        path = draw(st.sampled_from(texts))
        text = _parent(document, path)[path[-1]]
        at = draw(st.integers(0, len(text)))
        _set(document, path, text[:at] + draw(st.sampled_from(CONTROL)) + text[at:])


def section_shape(draw, document: dict) -> None:
    section = draw(st.sampled_from([*SECTIONS, "format"]))
    if draw(st.booleans()):
        document.pop(section, None)
    else:
        document[section] = draw(values)


def valid_text(draw, document: dict) -> None:
    """Not hostile: a new name or note, so that plenty of documents import."""
    texts = [p for p, v in _paths(document) if isinstance(v, str) and p and p[-1] not in ("id", "format")]
    if texts:
        _set(document, draw(st.sampled_from(texts)), draw(plain_text))


MUTATIONS = [
    wrong_type,
    missing_key,
    unknown_key,
    bad_time,
    dangling_reference,
    duplicate_id,
    huge_string,
    control_character,
    section_shape,
    *[valid_text] * 4,
]


@st.composite
def mutated_documents(draw) -> bytes:
    document = copy.deepcopy(EXAMPLE)
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=4)):
        mutation(draw, document)
    return tomli_w.dumps(document, multiline_strings=draw(st.booleans())).encode("utf-8")


@FUZZ
@given(raw=mutated_documents())
def test_documents_built_from_the_format(template, raw):
    with workspace(template) as root:
        event("refused" if check_import(root, raw) else "imported")


# -- byte-level mutations of the example -----------------------------------------------------

TOKENS = [
    b"[[",
    b"]]",
    b"[",
    b"]",
    b"{",
    b"}",
    b'"',
    b"'",
    b'"""',
    b"'''",
    b"=",
    b"\n",
    b"\r\n",
    b"\r",
    b"\t",
    b"\x00",
    b"\x1b",
    b"\x7f",
    b"\xff",
    b"\xc3",
    b"\xef\xbb\xbf",
    b"\\",
    b"\\u0000",
    b"\\uD800",
    b"\\U0010FFFF",
    b"\\x1b",
    b"#",
    b",",
    b".",
    b"nan",
    b"-inf",
    b"-0",
    b"0x",
    b"0b2",
    b"1979-05-27T07:32:00Z",
    b"07:15:00",
    b"2026-02-30",
    b"true",
    b"\n[[goals.strategies]]\n",
    b"\n[[children]]\n",
    b"\n[routines]\n",
    b"\nid = ",
    b'\nid = "leo"\n',
    b'\nname = "',
    "\u2028".encode(),
    "é".encode(),
    "👨‍👩‍👧".encode(),
    b"9" * 5000,
    b"0x" + b"f" * 5000,
    b"[" * 3000,
    b"{a=" * 3000,
    b'"' + b"x" * 200_000 + b'"',
]
position = st.integers(0, 2**20)  # taken modulo the file's current length
byte_edit = st.one_of(
    st.tuples(st.just("flip"), position, st.integers(0, 255)),
    st.tuples(st.just("insert"), position, st.one_of(st.binary(min_size=1, max_size=8), st.sampled_from(TOKENS))),
    st.tuples(st.just("delete"), position, st.integers(1, 64)),
    st.tuples(st.just("duplicate"), position, st.integers(1, 400), position),
    st.tuples(st.just("truncate"), position),
)


def apply_edits(raw: bytes, edits: list[tuple]) -> bytes:
    data = bytearray(raw)
    for kind, at, *rest in edits:
        at %= len(data) + 1
        if kind == "flip" and at < len(data):
            data[at] = rest[0]
        elif kind == "insert":
            data[at:at] = rest[0]
        elif kind == "delete":
            del data[at : at + rest[0]]
        elif kind == "duplicate":
            chunk = bytes(data[at : at + rest[0]])
            to = rest[1] % (len(data) + 1)
            data[to:to] = chunk
        elif kind == "truncate":
            del data[at:]
    return bytes(data)


@FUZZ
@given(edits=st.lists(byte_edit, min_size=1, max_size=5))
@example(edits=[("insert", 0, b"\xef\xbb\xbf")])  # a byte-order mark is fine
@example(edits=[("truncate", 0)])  # an empty file
@example(edits=[("insert", 300, b"[" * 3000)])
@example(edits=[("insert", 300, b"9" * 5000)])
def test_byte_level_mutations_of_the_example(template, edits):
    with workspace(template) as root:
        error = check_import(root, apply_edits(EXAMPLE_BYTES, edits))
    event("imported" if error is None else "refused: " + ("TOML" if "valid TOML" in str(error) else "checks"))


# -- the bugs the fuzzing found, pinned down ---------------------------------------------------

HEAD = 'format = "family-tui/program@1"\n'
GOAL = HEAD + '[[children]]\nid = "leo"\nname = "Leo"\n[[goals]]\nchild = "leo"\ntitle = "Stairs"\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            HEAD + "notes = " + "[" * 3000 + "]" * 3000 + "\n",
            "line 2: lists or tables are nested too deeply",
            id="nested-arrays",
        ),
        pytest.param(
            HEAD + "notes = " + "{a=" * 3000 + "1" + "}" * 3000 + "\n",
            "line 2: lists or tables are nested too deeply",
            id="nested-inline-tables",
        ),
        pytest.param(
            HEAD + '[[children]]\nname = "Leo"\nage = ' + "9" * 5000 + "\n",
            "line 4: a number is too long",
            id="huge-decimal-number",
        ),
        pytest.param("format = 0x" + "f" * 5000 + "\n", "format is a very large number", id="huge-hex-format"),
        pytest.param(
            GOAL + "discipline = 0x" + "f" * 5000 + "\n",
            "goals[0].discipline: a very large number is not a discipline",
            id="huge-hex-discipline",
        ),
        pytest.param(HEAD + 'notes = "not closed', "line 2, at the end of the file", id="end-of-file"),
        pytest.param(
            HEAD + '[[children]]\nid = "\\u001b[2J\\u001b]0;pwned\\u0007"\nname = "Leo"\n',
            'children[0].id: "\\u001b[2J\\u001b]0;pwned\\u0007" is not a usable id',
            id="escape-codes-echoed",
        ),
        pytest.param(
            HEAD + '[[routines]]\nname = "Bath"\ntime = "' + "7" * 100_000 + '"\n',
            'routines[0].time: "7777777777',
            id="huge-value-echoed",
        ),
    ],
)
def test_hostile_files_found_by_fuzzing(template, text, expected):
    with workspace(template) as root:
        error = check_import(root, text.encode("utf-8"))
    assert error is not None
    assert any(problem.startswith(expected) for problem in error.errors), error.errors


def test_a_refused_import_into_a_new_folder_creates_nothing(tmp_path):
    path = tmp_path / FILE_NAME
    path.write_text('format = "family-tui/program@2"\n', encoding="utf-8")
    result = run_cli("--data-dir", tmp_path / "typo", "import", path)
    assert result.code == 1
    assert not (tmp_path / "typo").exists()
