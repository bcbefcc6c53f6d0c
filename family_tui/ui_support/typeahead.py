"""Keys typed ahead reach what they were typed for, one after the other, in order.

A key a person typed is data. Textual hands each key to the focused widget at once and
runs a key's binding only when the key has come back up to the app, so keys typed in one
burst overtook each other: after ``d`` the Tab went to Today, not to the form ``d`` opens;
after Tab the digits went to the field Tab was leaving; and a form pushed a moment ago
has no focus until it is mounted, so what was typed then went nowhere.

:class:`KeyOrder` lets the app send one key at a time: the next goes out once the last
has been through every widget it travels to (and its binding has run), and once the
screen on top has been mounted and has focused its first field.

Keys wait for a screen for as long as it takes to be ready (an event, not a timer). A key
on its way is given up on only when it cannot come back: its widget closed, or the
widget it is at has handled nothing for :data:`GIVE_UP_CHECKS` checks. A widget that is
merely slow (a busy machine) is still handling messages, so its keys are not let go early
to whatever had the focus before them.

Leans on Textual internals, checked on Textual 8.2.8 (``widgets/textual_checked.py``):
``MessagePump._parent``, ``_closing`` and ``_closed``, ``Message._stop_propagation``
and ``_sender``.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any
from weakref import WeakSet

from textual import events
from textual.app import ScreenStackError
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.timer import Timer

if TYPE_CHECKING:
    from textual.app import App

CHECK_SECONDS = 0.1
"""While keys wait: how often to look for a key that will not come back (its widget closed)."""

GIVE_UP_CHECKS = 20
"""A key whose widget has handled nothing for this many checks in a row lets the next one go."""


class KeyOrder:
    """The app's keys, sent one at a time to whatever has the focus when each one's turn comes.

    ``send`` is Textual's own handling of a key (``App.on_event``): priority bindings,
    then the focused widget, up through its parents to the app's bindings. How far the
    key has got is followed with a callback queued behind it on each widget it reaches
    (a widget handles its messages in order), so nothing here waits on a timer when all
    goes well.
    """

    def __init__(self, app: App[Any], send: Callable[[events.Key], Awaitable[None]]) -> None:
        self.app = app
        self.send = send
        self.waiting: deque[events.Key] = deque()
        self.in_flight: events.Key | None = None
        self._at: MessagePump | None = None
        self._screen: Screen[object] | None = None
        self._checks = 0
        self._settled = asyncio.Event()
        self._settled.set()
        self._ready: WeakSet[Screen[object]] = WeakSet()
        self._asked: WeakSet[Screen[object]] = WeakSet()
        self._watch: Timer | None = None

    async def arrived(self, key: events.Key) -> None:
        """A key from the terminal: sent now if nothing is before it, else queued."""
        self.waiting.append(key)
        self._settled.clear()
        await self.send_next()
        if self.waiting and self._watch is None:
            self._watch = self.app.set_interval(CHECK_SECONDS, self._check)

    async def settled(self) -> None:
        """Return once every key that has arrived has been handled (none waiting, none on its way)."""
        await self._settled.wait()

    def _note_settled(self) -> None:
        if not self.waiting and self.in_flight is None:
            self._settled.set()

    async def send_next(self) -> None:
        """Send waiting keys while nothing is on its way (runs on the app's own task)."""
        try:
            await self._send_waiting()
        finally:
            self._note_settled()

    async def _send_waiting(self) -> None:
        while self.waiting and self.in_flight is None:
            try:
                screen = self.app.screen
            except ScreenStackError:  # closing down: Textual does what it does with keys then
                await self.send(self.waiting.popleft())
                continue
            if screen not in self._ready:
                self._ask_when_ready(screen)
                return
            key = self.waiting.popleft()
            target = self.app.focused or screen
            self.in_flight, self._screen = key, screen
            self._checks = 0
            await self.send(key)
            if key.is_forwarded and self.in_flight is key:
                self._follow(target, key)
            elif self.in_flight is key:  # a priority binding took it at the app
                self.in_flight = None

    def closed_under(self, key: events.Key) -> bool:
        """Has the screen ``key`` was sent to closed before the key came back up to the app?

        Then the key ends with it, as Textual ends keys sent to a widget of a closed screen:
        the second enter of a double press on a dialog's Save is not a key for Today.
        """
        return key is self.in_flight and self._screen is not None and not self._screen.is_active

    def _ask_when_ready(self, screen: Screen[object]) -> None:
        """A screen's messages wait until it is mounted: a callback behind them says when."""
        if screen in self._asked:
            return
        self._asked.add(screen)
        if not screen.call_later(self._screen_ready, screen):
            self._screen_ready(screen)

    def _screen_ready(self, screen: Screen[object]) -> None:
        self._ready.add(screen)
        self.app.call_later(self.send_next)

    def _follow(self, node: MessagePump, key: events.Key) -> None:
        """Queue a look behind ``key`` on ``node``: it runs once ``node`` has handled it."""
        self._watch_progress(node)
        if not node.call_later(self._passed, node, key):
            self._finish(key)  # closed: the key went no further

    def _watch_progress(self, node: MessagePump | None) -> None:
        """Count the checks from the last message the key's widget handled (see ``_check``)."""
        if self._at is not None and self._at is not node:
            self._at.message_signal.unsubscribe(self.app)
        self._checks = 0
        if node is not None and node is not self._at and node.is_running:
            node.message_signal.subscribe(self.app, self._progressed, immediate=True)
        self._at = node

    def _progressed(self, _message: object) -> None:
        self._checks = 0  # the widget is working through its messages: slow, not stuck

    def _passed(self, node: MessagePump, key: events.Key) -> None:
        if key is not self.in_flight:
            return
        parent = node._parent
        # A key bubbling to its sender (the app) is marked stopped as it is handed on.
        if node is self.app or parent is None or (key._stop_propagation and parent is not key._sender):
            self._finish(key)
        else:
            self._follow(parent, key)

    def _finish(self, key: events.Key) -> None:
        if key is self.in_flight:
            self.in_flight = None
            self._watch_progress(None)
            self._screen = None
            if self.waiting:
                self.app.call_later(self.send_next)
            self._note_settled()

    async def _check(self) -> None:
        """Keys are waiting: let them go if the one on its way was dropped with its widget."""
        key, at = self.in_flight, self._at
        if key is not None:
            gone = at is not None and (at._closing or at._closed or (at is not self.app and not at.is_attached))
            self._checks += 1
            if gone or self._checks >= GIVE_UP_CHECKS:
                self._finish(key)
            return
        if self.waiting:
            await self.send_next()
        elif self._watch is not None:
            self._watch.stop()
            self._watch = None
