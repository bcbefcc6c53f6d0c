"""Keys sent the way a fast typist or a paste sends them: all at once, no pause between.

``pilot.press`` waits for the app to go idle after every key, so it never shows what
happens to a key that arrives while the one before is still being handled.
"""

from __future__ import annotations

import unicodedata

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


async def burst(pilot, *keys: str) -> None:
    """Post every key to the app in one go, then wait until the app has dealt with them."""
    app: App = pilot.app
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        app.post_message(event)
    await pilot.pause()
    order = getattr(app, "key_order", None)
    for _ in range(200):
        if order is None or not (order.waiting or order.in_flight):
            break
        await pilot.pause(0.01)
    await pilot.pause()
    await pilot.pause()
