"""A lock across each read-modify-write; caches refreshed when another process changed a file."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from family_tui.clock import FixedClock
from family_tui.storage import FamilyStore
from tests.storage.storage_helpers import DAY, NOON, entry, month_file, note, raw_ids, start_python, state, win
from tests.unseen_rewrite import rewrite_family_file_unseen

# Each worker waits for the "go" file so both really write at the same time, then prints
# the ids it was told were saved, as JSON.
WORKER = r"""
import json, sys, time
from datetime import date, datetime
from pathlib import Path
from family_tui.clock import FixedClock
from family_tui.domain.models import Note, NoteKind, PracticeEntry, Win
from family_tui.storage import FamilyStore

data_dir, tag, count, what = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
noon = datetime(2026, 11, 26, 12, 0)
store = FamilyStore(data_dir, clock=FixedClock(noon))
(data_dir / f"ready-{tag}").touch()
while not (data_dir / "go").exists():
    time.sleep(0.005)
ids = []
for i in range(count):
    if what == "practice":
        saved = store.record_practice(PracticeEntry(
            date=date(2026, 11, 26), child="maya", strategy=f"{tag}-{i}", routine="breakfast",
            created_at=noon, updated_at=noon))
        ids.append(saved.id)
    elif i % 2:
        n = Note(kind=NoteKind.OBSERVATION, author=tag, text=f"note {i}", created_at=noon, updated_at=noon)
        store.save(n)
        ids.append(n.id)
    else:
        w = Win(child="maya", text=f"win {i}", when=noon, who=tag)
        store.save(w)
        ids.append(w.id)
print(json.dumps(ids))
"""


def run_two_writers(data_dir: Path, count: int, what: str) -> list[str]:
    FamilyStore(data_dir, clock=FixedClock(NOON))  # create the folder before the race
    workers = [
        start_python(
            WORKER, str(data_dir), tag, str(count), what, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for tag in ("mom", "dad")
    ]
    try:
        deadline = time.monotonic() + 30
        while not all((data_dir / f"ready-{t}").exists() for t in ("mom", "dad")):
            assert time.monotonic() < deadline, "workers did not start"
            assert all(w.poll() is None for w in workers), [w.communicate() for w in workers]
            time.sleep(0.01)
        (data_dir / "go").touch()
        ids: list[str] = []
        for worker in workers:
            out, err = worker.communicate(timeout=60)
            assert worker.returncode == 0, err
            ids += json.loads(out)
        return ids
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()


def test_two_processes_recording_300_entries_each_lose_nothing(data_dir):
    acknowledged = run_two_writers(data_dir, 300, "practice")

    assert len(set(acknowledged)) == 600
    assert raw_ids(month_file(data_dir), "practice") == set(acknowledged)
    store = FamilyStore(data_dir, clock=FixedClock(NOON))
    entries = store.practice_on(DAY)
    assert {e.id for e in entries} == set(acknowledged)
    assert len(entries) == 600
    assert store.problems == []


def test_two_processes_adding_notes_and_wins_lose_nothing(data_dir):
    acknowledged = run_two_writers(data_dir, 150, "main")

    assert len(set(acknowledged)) == 300
    main = state(data_dir) / "family.json"
    assert raw_ids(main, "notes") | raw_ids(main, "wins") == set(acknowledged)
    store = FamilyStore(data_dir, clock=FixedClock(NOON))
    saved = {n.id for n in store.notes()} | {w.id for w in store.wins()}
    assert saved == set(acknowledged)
    assert {n.author for n in store.notes()} == {"mom", "dad"}
    assert {w.who for w in store.wins()} == {"mom", "dad"}


def test_a_store_sees_and_keeps_what_another_copy_wrote(data_dir, clock):
    kitchen = FamilyStore(data_dir, clock=clock)
    bedroom = FamilyStore(data_dir, clock=clock)

    first = kitchen.record_practice(entry("straw-drinking"))
    kitchen_note = note("From the kitchen laptop.")
    kitchen.save(kitchen_note)
    assert [e.id for e in bedroom.practice_on(DAY)] == [first.id]  # bedroom caches this month
    assert [n.id for n in bedroom.notes()] == [kitchen_note.id]

    second = kitchen.record_practice(entry("lip-closure"))
    later_note = note("Also from the kitchen.")
    kitchen.save(later_note)
    # The bedroom's cached view is refreshed, not served stale...
    assert {e.id for e in bedroom.practice_on(DAY)} == {first.id, second.id}
    # ...and its own writes keep the kitchen's.
    third = bedroom.record_practice(entry("chewy-tube"))
    bedroom_win = win("Climbed the stairs holding the rail.")
    bedroom.save(bedroom_win)
    kitchen.update_settings(daily_minutes_target=20)
    bedroom.update_settings(kiosk_idle_minutes=3)

    assert raw_ids(month_file(data_dir), "practice") == {first.id, second.id, third.id}
    assert {e.id for e in kitchen.practice_on(DAY)} == {first.id, second.id, third.id}
    assert {n.id for n in kitchen.notes()} == {kitchen_note.id, later_note.id}
    assert [w.id for w in kitchen.wins()] == [bedroom_win.id]
    settings = FamilyStore(data_dir, clock=clock).settings()
    assert (settings.daily_minutes_target, settings.kiosk_idle_minutes) == (20, 3)


def test_the_caches_notice_another_copy_even_when_the_files_look_unchanged(data_dir, clock):
    """Same size, same inode, same mtime (a coarse file-system clock): the lock's counter still tells."""
    app = FamilyStore(data_dir, clock=clock)
    app.update_settings(daily_minutes_target=10)
    day_token, history_token = app.change_token(DAY), app.history_token()

    rewrite_family_file_unseen(data_dir, clock)

    # What Today polls and what Progress keys its index on both change...
    assert app.change_token(DAY) != day_token
    assert app.history_token() != history_token
    # ...and the values read are the other copy's.
    assert app.settings().daily_minutes_target == 30


def test_lock_is_held_across_the_read_modify_write(data_dir, clock):
    """While another process holds the lock, a write waits for it instead of racing."""
    store = FamilyStore(data_dir, clock=clock)
    holder = start_python(
        "import sys, time\n"
        "from pathlib import Path\n"
        "from family_tui.storage.lock import DataFolderLock\n"
        "with DataFolderLock(Path(sys.argv[1]) / '.family-tui-local' / 'lock').held():\n"
        "    print('held', flush=True)\n"
        "    time.sleep(0.6)\n",
        str(data_dir),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        store.record_practice(entry())
        waited = time.monotonic() - started
    finally:
        holder.wait(timeout=10)
    assert waited > 0.3
    assert len(raw_ids(month_file(data_dir), "practice")) == 1
