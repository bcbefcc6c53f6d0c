"""Three versions of one record: as a screen loaded it, as the person left it, as it is on disk now.

A screen can stay open for a long time while another copy of the app (or ``family-tui
import``) changes the same record. Writing the screen's whole record would silently undo
that change; instead only the fields the person touched are written on top of what is
on disk now, and when both changed the same field, or the record is gone, nothing is
written and :class:`ChangedElsewhere` says so.
"""

from __future__ import annotations

from typing import Any

from .errors import StorageError

Document = dict[str, Any]


class ChangedElsewhere(StorageError):
    """The record changed (or went) elsewhere in a way this change cannot be put on top of.

    ``current`` is the record as it is on disk now (None when it was deleted), so the
    screen can show it.
    """

    def __init__(self, message: str, current: Any = None) -> None:
        super().__init__(message)
        self.current = current


def _is_timestamp(name: str) -> bool:
    """When a record was last changed: the newest change's own time wins, never a clash."""
    return name.endswith("_at")


def describe(document: Document | None, fallback: str = "This record") -> str:
    """How the message names a record: its name or title, a note's or win's first words."""
    if not document:
        return fallback
    for key in ("name", "title"):
        if isinstance(document.get(key), str) and document[key].strip():
            return f"'{document[key]}'"
    text = document.get("text")
    if isinstance(text, str) and text.strip():
        words = " ".join(text.split())
        return f"'{words[:40].rstrip()}…'" if len(words) > 40 else f"'{words}'"
    return fallback


def _labels(names: list[str]) -> str:
    return ", ".join(name.replace("_", " ") for name in names)


def touched(before: Document, after: Document) -> list[str]:
    """The fields the person changed."""
    return [name for name in after if before.get(name) != after.get(name)]


def merge(before: Document | None, after: Document | None, disk: Document | None, what: str = "") -> Document | None:
    """What to write now (None: delete), or :class:`ChangedElsewhere` (without ``current``).

    ``before`` None: the record is new. ``after`` None: it is being deleted. ``disk``
    None: it is not (or no longer) on disk. ``what`` names the record in messages.
    """
    what = what or describe(after or before)
    if before is None:
        if after is None:
            return None
        if disk is not None and disk != after:
            raise ChangedElsewhere(f"Not saved: {what} was just added on another screen or computer.")
        return after
    if disk is None:
        if after is None:
            return None  # deleted here and there: nothing left to do
        raise ChangedElsewhere(f"Not saved: {what} was deleted on another screen or computer meanwhile.")
    theirs = [name for name in before if not _is_timestamp(name) and disk.get(name) != before.get(name)]
    if after is None:
        if theirs:
            raise ChangedElsewhere(
                f"Not deleted: {what} was changed on another screen or computer meanwhile "
                f"({_labels(theirs)}). Here it is as it is now; delete it again if it should still go."
            )
        return None
    mine = touched(before, after)
    clashes = [name for name in mine if name in theirs and disk.get(name) != after.get(name)]
    if clashes:
        raise ChangedElsewhere(
            f"Not saved: {what} was changed on another screen or computer meanwhile "
            f"({_labels(clashes)}). Here it is as it is now; make your change again if it is still needed."
        )
    merged = dict(disk)
    for name in mine:
        merged[name] = after[name]
    return merged


__all__ = ["ChangedElsewhere", "describe", "merge", "touched"]
