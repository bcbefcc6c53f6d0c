"""A link as a QR code in a printed page, made on this computer, so a phone can open it from paper.

segno encodes it (a correct QR encoder, with its error correction and masks, is far more
code than a page of cards needs); nothing is sent anywhere to draw it. The code is an
inline SVG, sharp at any printer resolution, sized in centimetres: 2.9 cm with its
white margin, so the code itself is 2.1 cm or more, above the ~2 cm a phone camera
reads from arm's length. Black on white,
with the highest error correction that fits, so a crease or a smudge on the fridge
still scans.
"""

from __future__ import annotations

import segno

QR_SIZE_CM = 2.9
"""The code's side on paper, its white margin included: the smallest code (21 modules and 8 of margin) is 2.1 cm."""

QUIET_MODULES = 4
"""The white margin QR codes need around them to be found, in modules (the standard's four)."""


def qr_svg(link: str, *, size_cm: float = QR_SIZE_CM) -> str:
    """``link`` as an inline ``<svg>`` of ``size_cm`` a side, titled with the link for a screen reader."""
    code = segno.make(link, micro=False, boost_error=True)
    modules, _ = code.symbol_size(border=QUIET_MODULES)
    svg: str = code.svg_inline(
        scale=size_cm / modules,
        unit="cm",
        border=QUIET_MODULES,
        dark="#000",
        light="#fff",
        svgclass="qr",
        lineclass=None,
        title=f"QR code: {link}",  # segno escapes it
    )
    return svg
