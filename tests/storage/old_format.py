"""A data folder as family-tui wrote it before version 3, for the tests of converting one.

Before the logs, the family's data was ``family.json`` and ``practice/YYYY-MM.json`` (with
journals) in the data folder itself, in the very TinyDB format the state folder keeps
today. So an old folder is made by writing a family with today's store and copying its
state files out, marked with the old version.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.storage.storage_helpers import state


def old_format_copy(data_dir: Path, version: int = 2, destination: Path | None = None) -> Path:
    """``data_dir``'s family as a folder of data version ``version`` (2 or less) that no version 3 opened yet."""
    destination = destination or data_dir.parent / f"{data_dir.name}-v{version}"
    destination.mkdir()
    tables = json.loads((state(data_dir) / "family.json").read_bytes())
    tables["_meta"]["1"]["schema_version"] = version
    (destination / "family.json").write_text(json.dumps(tables), encoding="utf-8")
    practice = destination / "practice"
    practice.mkdir()
    for path in sorted((state(data_dir) / "practice").iterdir()):
        if path.suffix in (".json", ".journal"):
            shutil.copyfile(path, practice / path.name)
    return destination


def every_file(folder: Path) -> dict[str, bytes]:
    """Every file of the family's data under ``folder`` by relative path, with its bytes: to show nothing changed.

    Left out: this computer's own folder (its lock and device id, made when the folder
    is opened) and ``.stignore`` (written at every start), which hold none of the data.
    """
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] not in (".family-tui-local", ".stignore")
    }
