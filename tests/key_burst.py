"""Keys sent the way a fast typist or a paste sends them: all at once, no pause between.

``pilot.press`` waits for the app to go idle after every key, so it never shows what
happens to a key that arrives while the one before is still being handled.
"""

from __future__ import annotations

import asyncio
import unicodedata

import pytest
from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key


def key_event(key: str) -> events.Key:
    """The Key event Textual's driver makes for ``key`` (as pilot.press names keys)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


SETTLE_SECONDS = 30.0
"""How long the app may take over keys already sent before the test fails (a busy machine is slow)."""


async def settled(pilot) -> None:
    """Wait until the app has handled every key it was sent; fail, saying which, if it never does.

    The app sends typed-ahead keys one at a time (``family_tui/ui_support/typeahead.py``), so
    a key can still be waiting after ``pilot.press`` or ``pilot.pause`` returned: their waits
    end when the process looks idle, which on a busy machine it does too soon.
    """
    order = getattr(pilot.app, "key_order", None)
    if order is not None:
        try:
            await asyncio.wait_for(order.settled(), SETTLE_SECONDS)
        except TimeoutError:
            waiting = [key.key for key in order.waiting]
            in_flight = order.in_flight.key if order.in_flight is not None else None
            pytest.fail(
                f"the app did not handle its keys within {SETTLE_SECONDS:.0f} s: "
                f"{in_flight!r} on its way, {waiting!r} waiting",
                pytrace=False,
            )
    await pilot.pause()


async def burst(pilot, *keys: str) -> None:
    """Post every key to the app in one go, then wait until the app has dealt with them."""
    app: App = pilot.app
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        app.post_message(event)
    await pilot.pause()
    await settled(pilot)
    await pilot.pause()
