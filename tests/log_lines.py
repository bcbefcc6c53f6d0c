"""Writing a line into a device's log as another computer's family-tui would: for tests of what the logs may hold.

The line is correct (canonical JSON, its checksum): only what it says may be wrong, as a
record whose values another program, or another version, wrote and this one refuses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from family_tui.domain.sync.hlc import Stamp
from family_tui.domain.sync.ops import Op, encode_line
from family_tui.storage.devices.oplog import log_name, read_logs

OTHER_HOME = "otherhome"


def add_to_log(folder: Path, op: Op) -> Path:
    """Append ``op`` as a correct line to its device's log in the data folder ``folder``; the log's path."""
    path = folder / "devices" / op.device / log_name(op)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "ab") as handle:
        handle.write(encode_line(op))
    return path


def another_home_sets(folder: Path, table: str, record: str, fields: dict[str, Any]) -> tuple[Path, bytes]:
    """Another computer sets ``fields`` of one record, a second after every write the logs hold.

    Returns the log it went to and the line, as written.
    """
    latest = max(op.stamp for op in read_logs(folder).ops)
    op = Op(Stamp(latest.wall + 1000, 0, OTHER_HOME), "set", table, record, fields)
    return add_to_log(folder, op), encode_line(op)
