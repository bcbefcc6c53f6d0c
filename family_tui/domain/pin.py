"""The parent PIN: stored only as a salted, deliberately slow scrypt hash.

``hashlib`` and ``hmac`` are imported when a PIN is set or checked: loading OpenSSL cost every
start of the app a millisecond, and most starts never ask for the PIN.
"""

from __future__ import annotations

import base64
import os
import re

PIN_RE = re.compile(r"^[0-9]{4,12}$")
_N, _R, _P = 2**14, 8, 1


class PinError(ValueError):
    """The PIN is not acceptable; the message says why."""


def check_pin_format(pin: str) -> None:
    if not PIN_RE.fullmatch(pin):
        raise PinError("The PIN must be 4 to 12 digits (0-9), nothing else.")


def hash_pin(pin: str) -> str:
    import hashlib

    check_pin_format(pin)
    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_pin(pin: str, stored: str | None) -> bool:
    import hashlib
    import hmac

    if not stored or not PIN_RE.fullmatch(pin or ""):
        return False
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=len(expected)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)
