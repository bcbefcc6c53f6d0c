"""Two processes doing random things to one data folder at once lose nothing they were told was saved.

Each worker process checks items in and out, writes and deletes notes, wins and skip days,
and changes its own setting, at random and as fast as it can, for a bounded time. Each
keeps two stores on the folder (the app and a command in the same process, say). After
every call returns it appends the operation, with its id, to its own acknowledgement log.

Each worker only touches its own ids and keys (and its own setting), so the final state
is computable: replaying a worker's log in order gives exactly what the folder must hold
for that worker. Every acknowledged change is there; every acknowledged deletion is gone
unless the same worker put it back later.

Runs for ``FAMILY_TUI_SOAK_SECONDS`` seconds of operations: by default a minute in CI (``CI``
set, as ``.ci/run`` does) and 15 seconds at a developer's desk; set it higher for a soak.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from family_tui.clock import FixedClock
from family_tui.storage import FamilyStore
from family_tui.usecases.program_import import import_program
from tests.unseen_rewrite import rewrite_family_file_unseen

from .helpers import EXAMPLE_PROGRAM, NOON, REPO

IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
SOAK_SECONDS = float(os.environ.get("FAMILY_TUI_SOAK_SECONDS", "60" if IN_CI else "15"))
WORKERS = {"a": "daily_minutes_target", "b": "parent_idle_minutes"}
"""Each worker's tag and the one setting it changes."""

WORKER = r"""
import json, os, random, sys, time
from datetime import date, datetime, timedelta
from pathlib import Path
from family_tui.clock import FixedClock
from family_tui.domain.models import Note, NoteKind, PracticeEntry, SkipDay, SkipReason, Win
from family_tui.storage import FamilyStore

data_dir, tag, seed, seconds, log_path, setting = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6]
noon = datetime(2026, 11, 26, 12, 0)
stores = [FamilyStore(data_dir, clock=FixedClock(noon)) for _ in range(2)]
rng = random.Random(seed)
log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

# Days across a month boundary (two month files); the example's children and routines.
DAYS = [date(2026, 10, 29) + timedelta(days=i) for i in range(6)]
CHILDREN = ["leo", "maya"]
STRATEGIES = [f"{tag}-s{i}" for i in range(4)]
ROUTINES = ["breakfast", "bath"]
TEXTS = ["Said 'sun' ☀️", "O'Brien [Jr] [/x] [@click=app.quit]x[/]", "قال شمس", "two\nlines", "tab\there"]
OPS = ["check-in"] * 6 + ["un-mark"] * 3 + ["note", "delete-note", "win", "delete-win", "skip", "unskip",
                                            "setting"]

(data_dir / f"ready-{tag}").touch()
while not (data_dir / "go").exists():
    time.sleep(0.005)

deadline = time.monotonic() + seconds
op = 0
while time.monotonic() < deadline:
    store = rng.choice(stores)
    kind = rng.choice(OPS)
    # Same-length values on purpose: a rewritten file of the same size must still be noticed.
    number = rng.randint(10, 99)
    text = f"{rng.choice(TEXTS)} {rng.randint(1000, 9999)}"
    if kind in ("check-in", "un-mark"):
        day, child, strategy, routine = rng.choice(DAYS), rng.choice(CHILDREN), rng.choice(STRATEGIES), rng.choice(ROUTINES)
        key = [day.isoformat(), child, strategy, routine]
        if kind == "check-in":
            store.record_practice(PracticeEntry(date=day, child=child, strategy=strategy, routine=routine,
                                                minutes=number, note=text, created_at=noon, updated_at=noon))
            record = {"kind": kind, "key": key, "minutes": number, "note": text}
        else:
            store.remove_practice(day, child, strategy, routine)
            record = {"kind": kind, "key": key}
    elif kind in ("note", "delete-note"):
        note_id = f"{tag}-n{rng.randrange(5)}"
        if kind == "note":
            store.save(Note(id=note_id, kind=NoteKind.OBSERVATION, child=rng.choice(CHILDREN), author=tag,
                            text=text, created_at=noon, updated_at=noon))
        else:
            store.delete(Note, note_id)
        record = {"kind": kind, "id": note_id, "text": text}
    elif kind in ("win", "delete-win"):
        win_id = f"{tag}-w{rng.randrange(5)}"
        if kind == "win":
            store.save(Win(id=win_id, child=rng.choice(CHILDREN), text=text, when=noon, who=tag))
        else:
            store.delete(Win, win_id)
        record = {"kind": kind, "id": win_id, "text": text}
    elif kind in ("skip", "unskip"):
        skip_id = f"{tag}-k{rng.randrange(4)}"
        if kind == "skip":
            store.save(SkipDay(id=skip_id, date=rng.choice(DAYS), child=rng.choice(CHILDREN),
                               reason=rng.choice(list(SkipReason)), note=text.replace("\n", " ").replace("\t", " ")))
        else:
            store.delete(SkipDay, skip_id)
        record = {"kind": kind, "id": skip_id, "text": text.replace("\n", " ").replace("\t", " ")}
    else:
        store.update_settings(**{setting: number})
        record = {"kind": kind, "value": number}
    # Acknowledged: the call returned.
    os.write(log, (json.dumps({"op": op, **record}, ensure_ascii=False) + "\n").encode("utf-8"))
    op += 1
for store in stores:
    wait = getattr(store, "wait_for_folds", None)
    if wait is not None:
        wait(30)
print(op)
"""


def read_log(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["op"] for r in records] == list(range(len(records))), "a gap in the acknowledgement log"
    return records


def expected_state(records: list[dict]) -> dict:
    """What the folder must hold for one worker: its log replayed in order."""
    state: dict = {"practice": {}, "notes": {}, "wins": {}, "skip_days": {}, "setting": None}
    tables = {"note": "notes", "win": "wins", "skip": "skip_days"}
    for r in records:
        kind = r["kind"]
        if kind == "check-in":
            state["practice"][tuple(r["key"])] = (r["minutes"], r["note"])
        elif kind == "un-mark":
            state["practice"].pop(tuple(r["key"]), None)
        elif kind in tables:
            state[tables[kind]][r["id"]] = r["text"]
        elif kind.startswith(("delete-", "un")):
            state[tables[kind.removeprefix("delete-").removeprefix("un")]].pop(r["id"], None)
        elif kind == "setting":
            state["setting"] = r["value"]
    return state


def actual_state(store: FamilyStore, tag: str, setting: str) -> dict:
    mine = lambda record_id: record_id.startswith(f"{tag}-")  # noqa: E731
    practice = [e for e in store.all_practice() if mine(e.strategy)]
    keys = [(e.date.isoformat(), e.child, e.strategy, e.routine) for e in practice]
    assert len(keys) == len(set(keys)), "one checklist item holds two entries"
    return {
        "practice": {k: (e.minutes, e.note) for k, e in zip(keys, practice)},
        "notes": {n.id: n.text for n in store.notes() if mine(n.id)},
        "wins": {w.id: w.text for w in store.wins() if mine(w.id)},
        "skip_days": {s.id: s.note for s in store.skip_days() if mine(s.id)},
        "setting": getattr(store.settings(), setting),
    }


def test_two_processes_doing_random_things_lose_nothing_acknowledged(data_dir: Path):
    store = FamilyStore(data_dir, clock=FixedClock(NOON))
    import_program(store, EXAMPLE_PROGRAM)
    defaults = {setting: getattr(store.settings(), setting) for setting in WORKERS.values()}
    logs = {tag: data_dir.parent / f"acknowledged-{tag}.jsonl" for tag in WORKERS}
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    first_seed = int(os.environ.get("FAMILY_TUI_SOAK_SEED", time.time()))
    seeds = {tag: first_seed + i for i, tag in enumerate(WORKERS)}  # FAMILY_TUI_SOAK_SEED replays a run
    workers = {
        tag: subprocess.Popen(
            [
                sys.executable,
                "-c",
                WORKER,
                str(data_dir),
                tag,
                str(seeds[tag]),
                str(SOAK_SECONDS),
                str(logs[tag]),
                setting,
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag, setting in WORKERS.items()
    }
    try:
        deadline = time.monotonic() + 60
        while not all((data_dir / f"ready-{tag}").exists() for tag in WORKERS):
            assert time.monotonic() < deadline, "the workers did not start"
            assert all(w.poll() is None for w in workers.values()), {t: w.communicate() for t, w in workers.items()}
            time.sleep(0.01)
        (data_dir / "go").touch()
        counts = {}
        for tag, worker in workers.items():
            out, err = worker.communicate(timeout=SOAK_SECONDS + 120)
            assert worker.returncode == 0, f"worker {tag} failed:\n{err}"
            counts[tag] = int(out)
    finally:
        for worker in workers.values():
            if worker.poll() is None:
                worker.kill()
                worker.wait()

    fresh = FamilyStore(data_dir, clock=FixedClock(NOON))
    for tag, setting in WORKERS.items():
        records = read_log(logs[tag])
        assert len(records) == counts[tag] > 0
        expected = expected_state(records)
        if expected["setting"] is None:
            expected["setting"] = defaults[setting]
        assert actual_state(fresh, tag, setting) == expected, (
            f"worker {tag} after {len(records)} operations (FAMILY_TUI_SOAK_SEED={first_seed})"
        )
    assert fresh.problems == []
    assert not [p for p in data_dir.rglob("*.tmp")], "a temporary file was left behind"
    assert len(fresh.program().strategies) == 4  # the other worker's changes never touched the program


def test_two_quick_writes_in_one_clock_tick_are_not_undone_by_another_copy(data_dir: Path):
    clock = FixedClock(NOON)
    app = FamilyStore(data_dir, clock=clock)
    app.update_settings(daily_minutes_target=10)
    app.settings()  # the app has read the file as it is now
    rewrite_family_file_unseen(data_dir, clock)  # another copy: two quick same-size changes

    app.update_settings(parent_idle_minutes=12)

    settings = FamilyStore(data_dir, clock=clock).settings()
    assert (settings.daily_minutes_target, settings.parent_idle_minutes) == (30, 12)
