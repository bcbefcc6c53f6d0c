"""Helpers shared by the storage tests (imported as ``tests.storage.storage_helpers``; fixtures are in conftest)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from family_tui.domain.models import Note, NoteKind, PracticeEntry, Win

REPO_ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 11, 26)
NOON = datetime(2026, 11, 26, 12, 0)


def entry(
    strategy: str = "straw-drinking",
    day: date = DAY,
    *,
    child: str = "maya",
    routine: str = "breakfast",
    minutes: int = 3,
    note: str = "",
) -> PracticeEntry:
    stamp = datetime.combine(day, NOON.time())
    return PracticeEntry(
        date=day,
        child=child,
        strategy=strategy,
        routine=routine,
        minutes=minutes,
        note=note,
        created_at=stamp,
        updated_at=stamp,
    )


def note(text: str, *, author: str = "Mom") -> Note:
    return Note(kind=NoteKind.OBSERVATION, child="maya", author=author, text=text, created_at=NOON, updated_at=NOON)


def win(text: str, *, who: str = "Dad") -> Win:
    return Win(child="maya", text=text, when=NOON, who=who)


def month_file(data_dir: Path, day: date = DAY) -> Path:
    return state(data_dir) / "practice" / f"{day:%Y-%m}.json"


def raw_ids(path: Path, table: str) -> set[str]:
    """Ids of the records in one table of a file, read straight from disk.

    For a month file that is the month file with its journal replayed (see
    :func:`practice_on_disk`).
    """
    if table == "practice" and path.parent.name == "practice":
        return {doc["id"] for doc in practice_on_disk(path)}
    data = json.loads(path.read_bytes())
    return {doc["id"] for doc in data.get(table, {}).values()}


def journal_path(path: Path) -> Path:
    return path.with_suffix(".journal")


def journal_ops(path: Path) -> list[dict]:
    """The complete lines of a month's journal (a torn last line is left out)."""
    journal = journal_path(path)
    if not journal.exists():
        return []
    lines = journal.read_bytes().split(b"\n")
    return [json.loads(line) for line in lines[:-1]]


def practice_on_disk(path: Path) -> list[dict]:
    """A month's entries as the files on disk say: the month file, then the journal replayed.

    Written independently of the store: an entry is (day, child, strategy, routine);
    ``put`` replaces the entry with its key, ``del`` removes it.
    """
    docs: list[dict] = []
    if path.exists():
        docs = list(json.loads(path.read_bytes()).get("practice", {}).values())

    def key(doc: dict) -> list:
        return [doc["date"], doc["child"], doc["strategy"], doc["routine"]]

    for op in journal_ops(path):
        if op["op"] == "put":
            docs = [d for d in docs if key(d) != key(op["entry"])] + [op["entry"]]
        elif op["op"] == "del":
            docs = [d for d in docs if key(d) != op["key"]]
        else:
            raise AssertionError(f"unknown journal operation {op!r}")
    return docs


def python_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONUNBUFFERED"] = "1"
    return env


def start_python(code: str, *args: str, **popen) -> subprocess.Popen:
    """Run ``python -c code args...`` with this interpreter and the checkout importable."""
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=REPO_ROOT, env=python_env(), **popen)


def state(data_dir: Path) -> Path:
    """The TinyDB files the app reads, folded from every device's log (never synced)."""
    return data_dir / ".family-tui-local" / "state"


def records_in(raw: bytes) -> dict[str, list[str]]:
    """A main or month file's records, table by table, whatever their order and TinyDB's own ids.

    A restore puts the backup's records back as operations: the files the app reads then
    hold the same records as the backup, not necessarily the same bytes.
    """
    tables = json.loads(raw)
    return {
        name: sorted(json.dumps(doc, sort_keys=True) for doc in table.values())
        for name, table in tables.items()
        if name != "_meta" and isinstance(table, dict) and table
    }
