"""A process killed with SIGKILL in the middle of writing loses nothing it acknowledged.

The recorder checks in hundreds of entries a second, so it is killed in the middle of
log appends, of writes to this computer's copy (the state files: journal lines, background
folds into the month file, main-file writes). What the store shows after, folded from the
logs, holds every entry and note it acknowledged.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time

from family_tui.clock import FixedClock
from family_tui.storage import FamilyStore
from family_tui.storage.devices.oplog import read_logs
from tests.storage.storage_helpers import DAY, NOON, month_file, note, start_python

# Records entries (and now and then a note) as fast as it can; prints each id only
# after the store said it was saved.
RECORDER = r"""
import sys
from datetime import date, datetime
from pathlib import Path
from family_tui.clock import FixedClock
from family_tui.domain.models import Note, NoteKind, PracticeEntry
from family_tui.storage import FamilyStore

noon = datetime(2026, 11, 26, 12, 0)
store = FamilyStore(Path(sys.argv[1]), clock=FixedClock(noon))
i = 0
while True:
    i += 1
    saved = store.record_practice(PracticeEntry(
        date=date(2026, 11, 26), child="maya", strategy=f"{sys.argv[2]}-{i}", routine="bath",
        note="x" * (i % 50), created_at=noon, updated_at=noon))
    print("entry", saved.id, flush=True)
    if i % 10 == 0:
        n = Note(kind=NoteKind.OBSERVATION, author="Mom", text=f"note {i}", created_at=noon, updated_at=noon)
        store.save(n)
        print("note", n.id, flush=True)
"""


def record_until_killed(data_dir, seconds: float, run: str) -> dict[str, list[str]]:
    """Run the recorder, SIGKILL it ``seconds`` after its first acknowledgement."""
    recorder = start_python(RECORDER, str(data_dir), run, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    acknowledged: dict[str, list[str]] = {"entry": [], "note": []}
    first_ack = threading.Event()

    def read_acks() -> None:
        for line in recorder.stdout:
            kind, _, record_id = line.strip().partition(" ")
            if record_id:  # a line cut short by the kill has no id yet
                acknowledged[kind].append(record_id)
                first_ack.set()

    reader = threading.Thread(target=read_acks, daemon=True)
    reader.start()
    try:
        assert first_ack.wait(timeout=30), recorder.stderr.read() if recorder.poll() is not None else "no output"
        time.sleep(seconds)
        os.kill(recorder.pid, signal.SIGKILL)
    finally:
        recorder.kill()
        recorder.wait(timeout=10)
        reader.join(timeout=10)
    assert recorder.returncode == -signal.SIGKILL
    return acknowledged


def test_sigkill_mid_write_keeps_every_acknowledged_entry(data_dir):
    earlier = FamilyStore(data_dir, clock=FixedClock(NOON))
    kept_note = note("Written before the crash.")
    earlier.save(kept_note)
    all_entries: set[str] = set()
    all_notes = {kept_note.id}

    # Kill it three times, at different moments, checking the files after each.
    for run, seconds in enumerate((1.0, 0.37, 0.61)):
        acknowledged = record_until_killed(data_dir, seconds, f"run{run}")
        assert len(acknowledged["entry"]) >= 20, "the recorder barely ran; the test proves nothing"
        all_entries |= set(acknowledged["entry"])
        all_notes |= set(acknowledged["note"])

        logs = read_logs(data_dir)
        assert logs.damaged == []  # a line cut by the kill was never acknowledged: left out, not damage
        logged = {op.fields["id"] for op in logs.ops if op.table == "practice"}
        after = FamilyStore(data_dir, clock=FixedClock(NOON))  # this computer's copy, caught up with the log
        shown = {e.id for e in after.practice_on(DAY)}
        assert shown == logged
        assert all_entries <= shown
        # At most the one entry being written when the kill came is there unacknowledged.
        assert len(shown - all_entries) <= 1
        all_entries = shown
        path = month_file(data_dir)
        if path.exists():
            json.loads(path.read_bytes())  # the month file it reads parses
        notes = {n.id for n in after.notes()}
        assert all_notes <= notes
        assert len(notes - all_notes) <= 1
        all_notes = notes
        assert after.problems == []

    # The copy that died does not lock the family out: writing still works.
    after.save(note("After the crash."))
    assert len(after.notes()) == len(all_notes) + 1
