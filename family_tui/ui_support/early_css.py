"""A screen's CSS file read into the app's stylesheet before ``push_screen`` reads it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.css.stylesheet import Stylesheet


def read_css_early(stylesheet: Stylesheet, paths: Iterable[str | Path]) -> None:
    """Add these CSS files to the app's stylesheet, each parsed alone.

    ``push_screen`` (``App._load_screen_css``, Textual 8.2.8) reads a screen's CSS_PATH the
    first time the screen is shown, after it has styled the screen; then it parses every
    stylesheet of the app afresh and restyles every node of every screen (some 15 ms before
    Progress's first frame, half the update's first opening). Read beforehand, a file is
    parsed alone (``parse`` keeps the parse cache that ``reparse`` starts without), the
    screen is styled with it as it is built, and ``push_screen`` finds it read. The files
    read this way select their own screen's ids and parts only, so no other node needs
    restyling. ``paths`` are the ones ``push_screen`` looks for (``Screen.css_path``).
    """
    for path in paths:
        if not stylesheet.has_source(str(path)):
            stylesheet.read(path)
            stylesheet.parse()  # also forgets the rules map that read() leaves stale
