"""A process killed with SIGKILL in the middle of writing loses nothing it acknowledged.

The recorder checks in hundreds of entries a second, so it is killed in the middle of
journal appends, of background folds into the month file and of main-file writes.
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
from tests.storage.storage_helpers import DAY, NOON, month_file, note, raw_ids, start_python

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

        path = month_file(data_dir)
        if path.exists():
            json.loads(path.read_bytes())  # the month file parses
        on_disk = raw_ids(path, "practice")  # the month file with every complete journal line replayed
        assert all_entries <= on_disk
        # At most the one entry being written when the kill came is there unacknowledged.
        assert len(on_disk - all_entries) <= 1
        all_entries = on_disk

        after = FamilyStore(data_dir, clock=FixedClock(NOON))
        assert {e.id for e in after.practice_on(DAY)} == on_disk
        notes = {n.id for n in after.notes()}
        assert all_notes <= notes
        all_notes = notes
        assert after.problems == []

    # The copy that died does not lock the family out: writing still works.
    after.save(note("After the crash."))
    assert len(after.notes()) == len(all_notes) + 1
