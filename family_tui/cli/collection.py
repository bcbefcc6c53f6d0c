"""The garbage collector while a data command runs: paused, as the app pauses it while it starts."""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager

from ..storage.collection import collection_paused

_set_aside_at_exit = False
"""Whether this process sets its objects aside when it ends (see :func:`command_collection`)."""


@contextmanager
def command_collection() -> Iterator[None]:
    """No collection while one command runs (``import``, ``report``...); as before afterwards.

    A command runs once and the process ends: what it makes lives until then (see
    :func:`..storage.collection.collection_paused`). For the same reason the process sets
    everything aside (``gc.freeze``) once it is ending: Python's last collection on the
    way out, which runs even with collection paused, walked it all again (0.8 s after a
    5,000-goal import, 0.07 s with the freeze). Nothing is lost: every write is durable
    before its command says done, and the process ends.
    """
    global _set_aside_at_exit
    if not _set_aside_at_exit:
        _set_aside_at_exit = True
        atexit.register(gc.freeze)
    with collection_paused():
        yield
