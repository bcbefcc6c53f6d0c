"""A dialog or screen opened and closed leaves nothing behind, however often it is opened.

Each opening of the details form, Settings, Progress, the editor or the wins log used to
leave thousands of objects alive (the form's text field, every closed widget's drawn
lines): on a kiosk running all day every full garbage collection walked more of them, and
the pauses it makes on key presses grew (``widgets/textual_leaks.py``).
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable

from textual._styles_cache import StylesCache
from textual.widget import Widget

from tests.waits import wait_until

KEPT = {"p"}
"""Progress is kept between its openings while nothing it shows changed (screens/kept_screen.py)."""

OPENED_BY = {
    "d": "the details form",
    "S": "Settings",
    "p": "Progress",
    "e": "the editor",
    "W": "the wins log",
}


def left_behind(app) -> tuple[list[str], int]:
    """Widgets no longer in the app, and drawn-line caches of no widget in it, still alive."""
    gc.collect()
    in_app = [app.screen, *app.screen.walk_children(with_self=False)]
    live_caches = {id(widget._styles_cache) for widget in in_app}
    objects = gc.get_objects()
    widgets = [type(o).__name__ for o in objects if isinstance(o, Widget) and not o.is_attached]
    caches = sum(1 for o in objects if isinstance(o, StylesCache) and id(o) not in live_caches)
    return widgets, caches


def freed(screen: weakref.ref) -> Callable[[], bool]:
    def gone() -> bool:
        gc.collect()
        return screen() is None

    return gone


async def open_and_close_each(app, pilot, kept: dict[str, object]) -> None:
    """Each screen opened and closed; a closed one is freed, or is the one kept (shown each time)."""
    for key, screen in OPENED_BY.items():
        await pilot.press(key)
        await wait_until(pilot, lambda: len(app.screen_stack) == 2, f"{screen} to open")
        closed = weakref.ref(app.screen)
        if key in KEPT:
            assert kept.setdefault(key, app.screen) is app.screen
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(app.screen_stack) == 1, f"{screen} to close")
        if key not in KEPT:
            await wait_until(pilot, freed(closed), f"{screen} to be freed")


async def test_opening_and_closing_screens_again_and_again_keeps_nothing_of_them(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        # Start-up's objects are set aside once the app is up; counted after that, not across it.
        await wait_until(pilot, gc.isenabled, "the app to be up")
        kept: dict[str, object] = {}
        await open_and_close_each(app, pilot, kept)
        widgets_before, caches_before = left_behind(app)
        for _ in range(3):
            await open_and_close_each(app, pilot, kept)
        widgets_after, caches_after = left_behind(app)
    assert widgets_after == widgets_before == []
    assert caches_after == caches_before


async def test_a_closed_screen_is_collected_once_what_was_under_it_is_drawn(make_app):
    # Its widgets refer to each other: only a full collection frees them. Left to Python's own
    # schedule, that one came while a later key was being handled (ui_support/collector.py).
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, gc.isenabled, "the app to be up")
        await pilot.press("S")
        await wait_until(pilot, lambda: len(app.screen_stack) == 2, "Settings to open")
        closed = weakref.ref(app.screen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: closed() is None, "Settings to be freed, no key pressed", timeout=10)
