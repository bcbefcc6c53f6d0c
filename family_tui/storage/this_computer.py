"""Who practised last on this computer: kept beside the app, never in the family's data folder.

The data folder may one day be shared between homes; who stands at this screen is not
the family's fact but this computer's. So each data folder gets one small file in the
computer's local state folder (see :func:`~family_tui.domain.locations.local_state_dir`),
named after the folder's resolved path: two families on one computer do not mix, and
two copies writing at once each replace the whole file (an atomic rename), never half of it.

A missing or damaged file only means "not remembered": the app then asks.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..domain.locations import local_state_dir
from .atomic import DIR_MODE, atomic_write_bytes

FOLDER = "practising"
FORMAT = "family-tui/practising@1"


def practising_file(data_dir: Path) -> Path:
    """The file that remembers who practised last with ``data_dir`` on this computer."""
    key = hashlib.sha256(str(_resolved(data_dir)).encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return local_state_dir() / FOLDER / f"{key}.json"


def last_caregiver(data_dir: Path) -> str | None:
    """The caregiver chosen last here for ``data_dir``; None when nothing usable is kept."""
    try:
        data = json.loads(practising_file(data_dir).read_bytes())
    except (OSError, ValueError):  # missing, unreadable, or not JSON (UnicodeDecodeError is a ValueError)
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    if data.get("data_dir") != str(_resolved(data_dir)):
        return None
    caregiver = data.get("caregiver")
    return caregiver if isinstance(caregiver, str) and caregiver else None


def remember_caregiver(data_dir: Path, caregiver_id: str) -> Path:
    """Keep ``caregiver_id`` as the one offered at the next start here; raises OSError if it cannot."""
    path = practising_file(data_dir)
    path.parent.mkdir(parents=True, mode=DIR_MODE, exist_ok=True)
    data = {"format": FORMAT, "data_dir": str(_resolved(data_dir)), "caregiver": caregiver_id}
    atomic_write_bytes(path, json.dumps(data, indent=2).encode("ascii"))
    return path


def _resolved(data_dir: Path) -> Path:
    try:
        return Path(data_dir).expanduser().resolve()
    except (OSError, RuntimeError):  # a symlink loop: the path as given
        return Path(data_dir).absolute()
