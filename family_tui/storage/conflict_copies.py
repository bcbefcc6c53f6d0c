"""Copies a sync tool made when two computers changed one file while apart: named, never read.

Syncthing keeps one version of such a file and renames the other
``<name>.sync-conflict-<date>-<time>-<device>.<ext>`` (Dropbox and Nextcloud write
"conflicted copy"). Read as data, a conflict copy of a month file would count that
month's practice twice; left unmentioned, what only it holds would silently leave the
app. So the app reads only files of the exact names it writes, and names every
conflict copy among :attr:`FamilyStore.problems`, which the CLI prints and the app shows,
except a copy of a device's log: its operations are read, each once, so nothing is left out.
"""

from __future__ import annotations

from pathlib import Path

from .devices.oplog import conflict_copies, log_conflict_copies

__all__ = ["conflict_copies", "conflict_problems"]


def conflict_problems(data_dir: Path) -> list[str]:
    """One message per conflict copy in the data folder (none when there are none)."""
    try:
        # A conflict copy of a log is read like any log (each operation once): nothing in it is
        # left out, and moving it away, as the message below asks, would lose what only it holds.
        found = sorted(set(conflict_copies(data_dir)) - set(log_conflict_copies(data_dir)))
    except OSError:
        return []
    return [
        f"{path.relative_to(data_dir)}: a copy a sync tool made when two computers changed "
        f"{_original(path.name)} while apart. family-tui does not read it, so what only it holds is not "
        "shown. With the app closed on every computer, compare it with the file it copies and keep what "
        "is needed, then move the copy out of the data folder."
        for path in found
    ]


def _original(name: str) -> str:
    """The name of the file a conflict copy was made of, as far as its name tells."""
    stem, dot, suffix = name.rpartition(".")
    for marker in (".sync-conflict-", " (conflicted copy", ".conflict"):
        at = (stem if dot else name).lower().find(marker.lower())
        if at > 0:
            return (stem if dot else name)[:at] + (f".{suffix}" if dot else "")
    return "a file"
