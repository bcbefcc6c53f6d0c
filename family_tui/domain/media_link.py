"""A strategy's link to how it is done: a web page or a video the therapist chose.

The link is opened from the terminal and printed as a QR code, so it must be a web
address a phone and a browser open and nothing else: ``http://`` or ``https://`` only
(never ``javascript:``, ``file:`` or a local path), with a site after it, no spaces or
quotes, no control or invisible characters, and short enough to print as a QR code a phone still reads.
It is kept exactly as typed, so an export writes back what the therapist gave.
"""

from __future__ import annotations

import unicodedata
from typing import Annotated
from urllib.parse import urlsplit

from .constraints import Check
from .text import find_control_character

MEDIA_MAX = 300
"""Characters: a share link is far shorter; longer is a paste gone wrong, or too dense a QR code to read from paper."""

EXAMPLE = "https://example.org/straw-sips"

_NOT_IN_LINKS = frozenset('<>"`')


def _media_check(value: str) -> str:
    if not value:
        return value
    bad = find_control_character(value, multiline=False) or next(
        (c for c in value if unicodedata.category(c) == "Cf"), None
    )
    if bad is not None:
        # Cf: a zero-width space or a right-to-left mark would hide what the link really is.
        what = "a control character" if find_control_character(bad, multiline=False) else "an invisible character"
        raise ValueError(f"contains {what} (U+{ord(bad):04X}); copy the link again from the browser")
    if any(c.isspace() for c in value):
        raise ValueError(
            "contains a space; a link has none. Copy it again from the browser's address bar or the site's Share button"
        )
    quote = next((c for c in value if c in _NOT_IN_LINKS), None)
    if quote is not None:
        # Never in a link (RFC 3986); in Markdown, HTML or a terminal they would end it early.
        raise ValueError(f"contains {quote}; a link has none. Copy it again from the browser's address bar")
    if len(value) > MEDIA_MAX:
        raise ValueError(
            f"is {len(value)} characters long; please keep it under {MEDIA_MAX} "
            "(the site's Share button gives a short link)"
        )
    scheme = value.split("://", 1)[0].lower() if "://" in value else ""
    if scheme not in ("http", "https"):
        raise ValueError(f'only http:// or https:// links can be opened and printed, such as "{EXAMPLE}"')
    if not _site(value):
        raise ValueError(f'needs the name of a site after {scheme}://, such as "{EXAMPLE}"')
    return value


def _site(link: str) -> str | None:
    """The host a browser would go to, or None when there is none or the address is broken (a bad port)."""
    try:
        parts = urlsplit(link)
        parts.port  # noqa: B018 -- reading it checks it: a port that is not a number raises ValueError
        return parts.hostname
    except ValueError:  # also an unclosed [IPv6] address
        return None


MediaLink = Annotated[str, Check(_media_check)]
"""Optional: an ``http://`` or ``https://`` link to a page or video showing how a strategy is done."""
