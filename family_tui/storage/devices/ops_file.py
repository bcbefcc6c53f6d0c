"""The local state's ``ops`` files: per record, the operations that made it, as JSON.

Written again at every write to a part (a month, or the main tables), so they are built
from each operation's canonical JSON, kept once made, rather than encoded anew.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring_ascii

from family_tui.domain.sync.ops import Op

RecordKey = tuple[str, str]
"""(table, record id)."""


def _stored(op: Op) -> str:
    """An operation's document as JSON: its canonical JSON, or for a value only a line written by
    another program holds (NaN: JSON's reader takes it, our writer refuses it), as JSON's reader reads it back."""
    try:
        return op.json_text()
    except ValueError:
        return json.dumps(op.document(), sort_keys=True)


def ops_file_bytes(held: dict[RecordKey, list[Op]]) -> bytes:
    """A part's ``ops`` file: per record (its table and id, a tab between), its ops' documents; JSON.

    Built from each operation's canonical JSON, which it keeps once made (its log line
    holds the same): a part of 15,000 records is written again at every write to it.
    """
    names = sorted((f"{key[0]}\t{key[1]}", key) for key in held)
    return (
        "{"
        + ",".join(
            encode_basestring_ascii(name) + ":[" + ",".join(map(_stored, held[key])) + "]" for name, key in names
        )
        + "}"
    ).encode("ascii")
