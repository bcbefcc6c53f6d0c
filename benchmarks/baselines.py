"""The data folders the benchmark runs on, and the stock-TinyDB baseline for a check-in."""

from __future__ import annotations

import json
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

REFERENCE = dict(years=5, children=3, items_per_day=30, seed=7)
"""The reference family: 3 children, 30 checklist items a day, five years (about 55,000 entries)."""


def build_history(folder: Path, years: float, devices: int = 1) -> int:
    """A generated history ending yesterday (today is left open for check-ins), in ``devices`` computers' logs.

    With more than one device the logs are folded once here, as the first opening on a
    computer does, so the figures are of a computer that has seen the folder before.
    """
    from reference_history import generate_reference_history, spread_over_devices

    from family_tui.storage import FamilyStore

    yesterday = date.today() - timedelta(days=1)
    settings = {**REFERENCE, "years": years}
    count = generate_reference_history(folder, last_day=yesterday, **settings)
    if devices > 1:
        spread_over_devices(folder, devices)
        FamilyStore(folder, maintain=False)
    return count


def stock_tinydb_file(data_dir: Path, target: Path) -> int:
    """Every practice entry of ``data_dir`` in one stock TinyDB JSON file; returns how many."""
    from tinydb import TinyDB

    docs = []
    from family_tui.storage.devices.state import state_dir

    for month in sorted((state_dir(data_dir) / "practice").glob("*.json")):
        docs.extend(json.loads(month.read_bytes()).get("practice", {}).values())
    target.unlink(missing_ok=True)
    db = TinyDB(target)  # the stock JSONStorage: no cache, no fsync
    db.table("practice").insert_multiple(docs)
    db.close()
    return len(docs)


def stock_tinydb_insert(target: Path, runs: int) -> list[float]:
    """Seconds to insert one entry into the stock TinyDB file (it reads and rewrites all of it)."""
    from tinydb import TinyDB

    entry = {
        "id": "0" * 32,
        "date": date.today().isoformat(),
        "child": "child-1",
        "strategy": "strategy-1",
        "routine": "breakfast",
        "status": "done",
        "assistance": "verbal",
        "setting": "home",
        "caregiver": "mom",
        "minutes": 2,
        "trials_correct": None,
        "trials_total": None,
        "note": "",
        "created_at": "2026-01-01T07:20:00",
        "updated_at": "2026-01-01T07:20:00",
    }
    times = []
    for n in range(runs):
        db = TinyDB(target)
        started = time.perf_counter()
        db.table("practice").insert({**entry, "id": f"{n:032x}"})
        times.append(time.perf_counter() - started)
        db.close()
    return times


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")
