"""Progress's figures, kept from one opening of Progress to the next while nothing changed.

A parent looks at Progress, goes back to Today, and looks again: working the figures out
anew each time (the child's history grouped, about 25 ms on five years, then the view,
about 35 ms) was half of what opening Progress took. They are kept here, on the app, under
the store's ``history_token``, which changes with any write to the data folder, this
computer's or another's: the same guard that already kept them while one Progress screen
was open.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any


class ProgressMemo:
    """The last history index built (for one child) and the views worked out from it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        """Held while the index is read or built: Progress works on a thread when the history is long."""
        self._index: Any = None
        self._index_key: Hashable | None = None
        self._views: dict[Hashable, Any] = {}

    def holds_index(self, key: Hashable) -> bool:
        return self._index is not None and self._index_key == key

    def index(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """The index kept under ``key``, or ``build()``'s, kept instead (its views forgotten)."""
        with self.lock:
            if not self.holds_index(key):
                self._index = build()
                self._index_key = key
                self._views.clear()
            return self._index

    def view(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """The view kept under ``key`` (for the index now kept), or ``build()``'s, kept."""
        with self.lock:
            if key in self._views:
                return self._views[key]
        view = build()
        with self.lock:
            self._views[key] = view
        return view
