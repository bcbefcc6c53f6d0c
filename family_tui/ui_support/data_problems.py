"""What the store found wrong in the data, and another copy holding the folder, told on screen.

The store keeps records it could not read in ``store.problems`` and the lock says on
standard error when it waits for another copy: neither reached a family looking at the
app (Textual keeps standard error to itself while it runs). Here they become a calm
notification and a list on the help screen, each with what to do.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.message import Message

from ..storage import FamilyStore

WHAT_TO_DO = (
    "Nothing else is affected, and nothing was deleted. To get those records back, "
    "restore a backup (family-tui restore) or ask whoever looks after the data folder."
)


class LockWaited(Message):
    """From the lock's timer thread: this copy is waiting for another one."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class DataProblems:
    """The problems to show: the store's (read afresh each time) and the lock waits seen."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.lock_waits: list[str] = []

    def watch(self, store: FamilyStore) -> None:
        """Hear of the lock's waits on ``store``'s folder (instead of standard error)."""
        store.lock.on_wait = self._waited

    def _found(self) -> list[str]:
        store: FamilyStore = getattr(self.app, "store")  # noqa: B009 (the app's store of the moment)
        return [str(p) for p in store.problems]

    def _waited(self, text: str) -> None:
        # Runs on the lock's timer thread; post_message is the thread-safe way in.
        self.app.post_message(LockWaited(text))

    def _notices(self) -> list[str]:
        store: FamilyStore = getattr(self.app, "store")  # noqa: B009 (the app's store of the moment)
        return list(store.notices)

    def all(self) -> list[str]:
        found = self._found() + self._notices()
        return found + [w for w in self.lock_waits if w not in found]

    def notice(self) -> str | None:
        """One notification for what the data check found (None: nothing)."""
        found = self._found()
        if not found:
            told = self._notices()
            if not told:
                return None
            more = f" (and {len(told) - 1} more)" if len(told) > 1 else ""
            return f"{told[0]}{more} Press ? to see the list."
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        return (
            f"Some saved records could not be read and are left out: {found[0]}{more}. "
            f"{WHAT_TO_DO} Press ? to see the list."
        )

    def help_lines(self) -> list[str]:
        """For the help screen: each problem, then what to do (empty: nothing to say)."""
        problems = self.all()
        if not problems:
            return []
        lines = [f"• {p}" for p in problems]
        if self._found():
            lines.append(WHAT_TO_DO)
        return lines
