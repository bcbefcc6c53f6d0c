"""The garbage collector around start-up: the app's one use of :mod:`gc`."""

from __future__ import annotations

import gc


class StartUpCollector:
    """No collection while the app starts; once it is up, one collection and a freeze; one after each closed screen.

    Start-up makes objects that live as long as the app: the imported modules, Today's
    widgets, the program and notes, pydantic's validators. Measured with the benchmark,
    the collector ran many times while they were made, each full run walking all of them
    again, and after start-up every full collection still walked them, landing on
    whatever key came next (such as opening Progress). Nothing made while starting is
    cyclic garbage worth chasing, so collection waits until the app is up (:meth:`settle`);
    then one collection frees whatever start-up left behind, and a freeze sets the rest
    aside so that later collections skip it. Everything made afterwards is collected as
    usual.

    The freeze happens once a process: an app started again in the same process (the
    kiosk after an error, the tests) pauses and resumes collection, but a second freeze
    would keep the first app's objects out of reach of the collector for good.
    """

    _frozen = False
    """Whether this process has already set start-up's objects aside."""

    def __init__(self) -> None:
        self._paused = False

    def pause(self) -> None:
        """The app runs: no collection from here until :meth:`settle` or :meth:`resume`.

        Also used alone (pause, then resume) by the update view around its first frame.
        """
        if gc.isenabled():
            gc.disable()
            self._paused = True

    def resume(self) -> None:
        """Collection as before the pause (an app closed before it was up freezes nothing)."""
        if self._paused:
            self._paused = False
            gc.enable()

    def settle(self) -> None:
        """The app is up: resume, and (once a process) collect and freeze what start-up made."""
        self.resume()
        if not StartUpCollector._frozen:
            StartUpCollector._frozen = True
            gc.collect()
            gc.freeze()

    def screen_closed(self) -> None:
        """A dialog or screen was closed and what was under it drawn again: collect it now.

        A closed screen's widgets refer to each other, so only a full collection frees them,
        and by the time they are closed they have lived long enough to wait for one. Python
        starts one when enough such objects have piled up, which is while the next screen
        is being built: in the middle of a key press, 30-130 ms on the reference history.
        Collected here, after the frame, the same work is done while the family reads the
        screen, and (measured) no full collection is left to land on the next keys.
        """
        if gc.isenabled():  # not while the app starts (see pause)
            gc.collect()
