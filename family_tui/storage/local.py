"""What belongs to this device only, in the data folder's never-synced local folder.

A sync engine (Syncthing, or any folder sync) carries the data folder to the other
home. The lock, the checksums and acknowledgements kept in it, the caches and the PIN
lockout are about this computer and the processes on it: synced, another home's copy
would replace the lock while a process here holds it, or make a sound backup look
damaged. So they live in ``.family-tui-local/``, which the app lists in ``.stignore``
itself (other sync tools: the README says to leave that folder out).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .atomic import ensure_private_dir
from .devices.device import LOCAL_DIR, local_dir, write_stignore

LOCK_NAME = "lock"
OLD_CACHE = ".cache"
"""Where earlier versions kept the derived caches, in the synced folder."""

__all__ = ["LOCAL_DIR", "local_dir", "lock_path", "prepare"]


def lock_path(data_dir: Path) -> Path:
    """The lock file every copy of the app on this computer shares (with the checksums after it)."""
    return local_dir(data_dir) / LOCK_NAME


def prepare(data_dir: Path) -> None:
    """Make the local folder and list it in ``.stignore``; the old synced cache goes (it is derived).

    Raises OSError when the local folder cannot be made. ``.stignore`` is best effort: a
    folder the family made read-only is still read.
    """
    ensure_private_dir(local_dir(data_dir))
    try:
        write_stignore(data_dir)
    except OSError:
        pass
    old = data_dir / OLD_CACHE
    if old.is_dir():
        shutil.rmtree(old, ignore_errors=True)
