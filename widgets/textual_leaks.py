"""Stops two ways Textual 8.2.8 keeps closed dialogs' widgets and drawings alive.

Every dialog or screen opened and closed left thousands of objects behind (its widgets'
drawn lines and their caches), and each full garbage collection walked all of them
again: on a kiosk running all day the pauses grew to hundreds of milliseconds and landed
on key presses.

- ``StylesCache.get_inner_outer`` is an instance method under ``functools.lru_cache(1024)``,
  so its cache keeps the last 1024 widgets' style caches, and all the lines they drew,
  after the widgets are gone (Textual issue #6665). Its result depends on the two colours
  only; :func:`install` puts a cache keyed by them alone in its place.
- A widget that watches the app's ``theme`` (TextArea does, on mount) stays in the app's
  list of watchers after it is removed; Textual prunes that list only when the theme
  changes. :func:`forget_removed_watchers` drops the removed ones, as Textual does then;
  the app calls it whenever a screen is closed.

Textual privates, checked on Textual 8.2.8 (``widgets/textual_checked.py``):
``textual._styles_cache``, the app's ``"__watchers"`` attribute (where ``textual.reactive._watch``
keeps ``(node, callback)`` pairs) and ``MessagePump._closing``/``_closed``. ``tests/app/test_closed_screens_freed.py``
fails if closed screens stay alive again.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from textual._styles_cache import StylesCache
from textual.app import App
from textual.color import Color
from textual.style import Style


@lru_cache(1024)
def _inner_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
    """What Textual's ``get_inner_outer`` returns, cached by the colours only."""
    return Style(background=base_background + background), Style(background=base_background)


def _get_inner_outer(_styles_cache: StylesCache, base_background: Color, background: Color) -> tuple[Style, Style]:
    return _inner_outer(base_background, background)


def install() -> None:
    """Replace Textual's widget-keeping cache (idempotent: the same function each time)."""
    StylesCache.get_inner_outer = _get_inner_outer  # type: ignore[method-assign,assignment]


def forget_removed_watchers(app: App[Any]) -> None:
    """Drop the app's watchers whose widget is no longer in the app (removed with its screen)."""
    watchers: dict[str, list[tuple[Any, Any]]] = getattr(app, "__watchers", {})
    for pairs in watchers.values():
        # Textual's own test when it prunes them (a closing node is being removed),
        # plus its result: a closed node.
        pairs[:] = [(node, callback) for node, callback in pairs if not (node._closing or node._closed)]
