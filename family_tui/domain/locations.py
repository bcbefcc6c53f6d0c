"""Where things live. Functions, not import-time work: nothing is created on import."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "family-tui"
DATA_DIR_ENV = "FAMILY_TUI_DATA_DIR"


def default_data_dir() -> Path:
    """``$FAMILY_TUI_DATA_DIR`` if set, else the platform's user data folder."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return user_data_path(APP_NAME, appauthor=False)


def shipped_data_dir() -> Path:
    """The ``data/`` the app ships: inside the wheel, or at the top of a checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_data"
    if installed.is_dir():
        return installed
    return package.parent / "data"


def demo_program_file() -> Path:
    return shipped_data_dir() / "demo-family.toml"


def starter_library_file() -> Path:
    return shipped_data_dir() / "starter-library.toml"
