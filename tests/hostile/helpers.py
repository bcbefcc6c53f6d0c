"""Shared by the hostile-input tests: the example file, folder snapshots, the CLI in-process."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from family_tui.cli import main
from family_tui.clock import FixedClock

REPO = Path(__file__).resolve().parents[2]
FIXTURE_PROGRAM = REPO / "tests" / "fixtures" / "home-program.toml"
SHARED_PROGRAM = REPO.parent / "shared" / "examples" / "home-program.toml"
# The shared example when it is next to this checkout; the fixture is a verbatim copy of it.
EXAMPLE_PROGRAM = SHARED_PROGRAM if SHARED_PROGRAM.exists() else FIXTURE_PROGRAM

# Thursday 26 November 2026, noon: the day every hostile test lives on.
NOON = datetime(2026, 11, 26, 12, 0)


LOCAL = ".family-tui-local"
"""This computer's own folder (lock, device id, the state files made from the logs): never synced, made again freely."""


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every synced file under ``folder`` (relative path -> bytes): what "nothing changed" compares.

    The local folder is left out: what it holds is made from the logs and may be made
    again on any opening (a copied folder is another device, a damaged state file is
    folded again), which changes nothing of the family's data.
    """
    return {
        name: path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not (name := path.relative_to(folder).as_posix()).startswith(LOCAL + "/")
    }


def logs(folder: Path) -> dict[str, bytes]:
    """Every device's log (relative path -> bytes): the family's data, which reading must never rewrite."""
    return {name: raw for name, raw in snapshot(folder).items() if name.startswith("devices/")}


def assert_unchanged(before: dict[str, bytes], after: dict[str, bytes]) -> None:
    """Same synced files with the same bytes; only the ``.stignore`` naming the local folder may have appeared."""
    added = sorted(set(after) - set(before) - {".stignore"})
    removed = sorted(set(before) - set(after))
    changed = sorted(name for name in set(before) & set(after) if before[name] != after[name])
    assert not (added or removed or changed), f"added {added}, removed {removed}, changed {changed}"


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str | Path) -> Result:
    """``family-tui ARGS...`` in-process at NOON, its output captured (usable inside hypothesis tests)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(arg) for arg in args], clock=FixedClock(NOON))
    return Result(code, out.getvalue(), err.getvalue())


def examples(count: int) -> int:
    """``max_examples`` for a property test, scaled by ``FAMILY_TUI_FUZZ_SCALE`` (default 1) for a longer hunt."""
    import os

    return max(1, int(count * float(os.environ.get("FAMILY_TUI_FUZZ_SCALE", "1"))))
