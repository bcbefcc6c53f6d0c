"""Where things live. Functions, not import-time work: nothing is created on import."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path, user_state_path

APP_NAME = "family-tui"
DATA_DIR_ENV = "FAMILY_TUI_DATA_DIR"
STATE_DIR_ENV = "FAMILY_TUI_STATE_DIR"


def default_data_dir() -> Path:
    """``$FAMILY_TUI_DATA_DIR`` if set, else the platform's user data folder."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return user_data_path(APP_NAME, appauthor=False)


def local_state_dir() -> Path:
    """What this computer keeps for itself, never in the data folder a family may share between homes.

    ``$FAMILY_TUI_STATE_DIR`` if set (the tests point it into their temporary folder),
    else the platform's user state folder (``~/.local/state/family-tui`` on Linux).
    """
    override = os.environ.get(STATE_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return user_state_path(APP_NAME, appauthor=False)


def shown_path(path: Path) -> str:
    """A path as a person reads it: the home folder as ``~``."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except (ValueError, RuntimeError):  # not under home, or no home known
        return str(path)


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
