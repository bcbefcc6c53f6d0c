"""Stable identifiers.

An id is made once, when a thing is created, and never again derived from its name:
renaming a routine must not orphan a year of practice entries.
"""

from __future__ import annotations

import re
import unicodedata
import uuid

_SLUG_RE = re.compile(r"[^a-z0-9]+")
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,79}$"


def slugify(text: str) -> str:
    """Lower-case words joined by ``-``, as the home-program format describes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _SLUG_RE.sub("-", ascii_text.lower()).strip("-")
    return slug[:60].strip("-") or "item"


def new_id(name: str = "", taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A fresh id, readable where a name is given, unique among ``taken``."""
    if not name:
        return uuid.uuid4().hex[:12]
    base = slugify(name)
    candidate = base
    counter = 2
    while candidate in taken:
        candidate = f"{base}-{counter}"
        counter += 1
    return candidate


def entry_id() -> str:
    """An id for a record made many times a day (practice entries, notes, wins)."""
    return uuid.uuid4().hex
