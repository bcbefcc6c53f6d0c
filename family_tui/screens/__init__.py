"""The app's screens. Today's styles are in ``app.tcss``; the rest share ``dialogs.tcss``."""

from pathlib import Path

DIALOGS_CSS = Path(__file__).with_name("dialogs.tcss")
"""CSS_PATH of every screen but Today: read when the first of them opens, not at start-up."""
