"""This device's id, kept in the local folder that never syncs, and the ``.stignore`` that keeps it so.

The id names this device's log folder, so two devices must never share one: two
writers of one log file is exactly what a sync engine cannot merge. An id is made
once and stored with a fingerprint of where it lives (the machine's id and the data
folder's resolved path). A data folder copied to another computer, or synced there
by a tool that does not honour ``.stignore``, carries the file along; the fingerprint
no longer matches there, and that copy makes itself a new id. Moving the folder on
one computer also makes a new id: harmless, as the old log is still read by the fold.
"""

from __future__ import annotations

import hashlib
import json
import socket
from pathlib import Path

from ..atomic import atomic_write_bytes, ensure_private_dir

LOCAL_DIR = ".family-tui-local"
"""What belongs to this device only: its id, and (later) the lock, caches and folded state."""
DEVICE_FILE = "device.json"
STIGNORE = ".stignore"
STIGNORE_LINE = f"/{LOCAL_DIR}"
_STIGNORE_NOTE = "// family-tui: this device's own files (its id, lock and caches) must never sync"
MACHINE_ID_FILES = (Path("/etc/machine-id"), Path("/var/lib/dbus/machine-id"))


def local_dir(data_dir: Path) -> Path:
    return data_dir / LOCAL_DIR


def machine_id() -> str:
    """The operating system's id of this computer, or its host name where there is none (a container)."""
    for path in MACHINE_ID_FILES:
        try:
            found = path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            continue
        if found:
            return found
    return "host:" + socket.gethostname()


def fingerprint(data_dir: Path, machine: str | None = None) -> str:
    """Where this copy of the data folder lives: the computer and the folder's real path."""
    place = f"{machine if machine is not None else machine_id()}\0{data_dir.resolve()}"
    return hashlib.sha256(place.encode("utf-8", "surrogateescape")).hexdigest()


def new_device_id() -> str:
    """Sixteen hex digits: two devices of one family never draw the same."""
    import secrets  # once per device: not part of every start-up (it brings hmac and more)

    return secrets.token_hex(8)


def device_id(data_dir: Path, *, machine: str | None = None) -> str:
    """This device's id for ``data_dir``, made (and kept durably) when there is none for this place.

    A missing, unreadable or damaged id file, or one made for another place, gets a
    new id: an id is cheap, while a shared one would make two writers of one log.
    """
    here = fingerprint(data_dir, machine)
    path = local_dir(data_dir) / DEVICE_FILE
    try:
        held = json.loads(path.read_bytes())
    except (OSError, ValueError):
        held = None
    if isinstance(held, dict) and held.get("fingerprint") == here and _is_id(held.get("device")):
        kept: str = held["device"]
        return kept
    made = new_device_id()
    ensure_private_dir(path.parent)
    atomic_write_bytes(path, json.dumps({"device": made, "fingerprint": here}, indent=2).encode() + b"\n")
    return made


def known_device_id(data_dir: Path) -> str | None:
    """This device's id for ``data_dir`` when it has one already; None otherwise (nothing is written)."""
    try:
        held = json.loads((local_dir(data_dir) / DEVICE_FILE).read_bytes())
    except (OSError, ValueError):
        return None
    if isinstance(held, dict) and held.get("fingerprint") == fingerprint(data_dir) and _is_id(held.get("device")):
        kept: str = held["device"]
        return kept
    return None


def is_device_id(value: object) -> bool:
    """Is this an id :func:`new_device_id` makes (a folder of that name in ``backups/`` is a device's)?"""
    return _is_id(value)


def _is_id(value: object) -> bool:
    return isinstance(value, str) and len(value) == 16 and all(c in "0123456789abcdef" for c in value)


def write_stignore(data_dir: Path) -> bool:
    """List the local folder in ``<data>/.stignore`` (Syncthing's ignore file); True if it changed.

    Lines the family added are kept as they are, after ours: Syncthing lets the first
    pattern that matches decide, so a family's ``!`` (sync this) pattern cannot pull
    the local folder back in. Written only when the local folder is missing from it.
    """
    path = data_dir / STIGNORE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    lines = text.splitlines()
    if any(line.strip() in (STIGNORE_LINE, LOCAL_DIR, f"{STIGNORE_LINE}/") for line in lines):
        return False
    if text and not text.endswith("\n"):
        text += "\n"
    atomic_write_bytes(path, (f"{_STIGNORE_NOTE}\n{STIGNORE_LINE}\n" + text).encode("utf-8"))
    return True
