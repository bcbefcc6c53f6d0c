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


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes): what "nothing changed" compares."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


def assert_unchanged(before: dict[str, bytes], after: dict[str, bytes], *, empty_journals: bool = False) -> None:
    """Same files with the same bytes; only the lock file (and the ``.stignore`` naming its folder) may have appeared.

    ``empty_journals``: an empty practice journal may have appeared too (a check-in that failed
    creates the month's journal, then takes its line back; an empty journal holds nothing).
    """
    added = sorted(
        name
        for name in set(after) - set(before) - {".family-tui-local/lock", ".stignore"}
        if not (empty_journals and name.endswith(".journal") and after[name] == b"")
    )
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
