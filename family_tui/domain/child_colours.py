"""A colour for each child the family gave none: different from the others' and readable.

A program file may leave out a child's colour. Every such child used to get cyan, so
two children looked the same. Each now takes the first colour of :data:`PALETTE` no
other child has, in the program's order, so the same file always gives the same
colours. The palette's colours stay apart in a 16-colour terminal (each becomes a
different ANSI colour) and are readable on the dark background and on the cursor bar,
in full colour and in 16 (``tests/app/test_child_colours.py`` measures both).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

PALETTE = ("cyan", "violet", "yellow", "lime", "orange", "silver")
"""Bright cyan, bright magenta, bright yellow, green, bright red and white in 16 colours."""


def assign_colours(
    wanted: Sequence[str | None],
    kept: Sequence[str | None] = (),
    reserved: Iterable[str] = (),
) -> list[str]:
    """A colour for each child in order: the one ``wanted`` gives, else one no other child has.

    ``wanted[i]``: the colour given for child ``i`` (None: none given). ``kept[i]``: the
    colour the family already has for that child, kept unless another child has it too.
    ``reserved``: colours of the family's other children, taken already. With more
    children than colours, the palette starts again.
    """
    used = {c.lower() for c in reserved} | {w.lower() for w in wanted if w}
    colours: list[str] = []
    for index, given in enumerate(wanted):
        if given:
            colours.append(given)
            continue
        old = kept[index] if index < len(kept) else None
        if old and old.lower() not in used:
            colour = old
        else:
            colour = next((c for c in PALETTE if c not in used), PALETTE[index % len(PALETTE)])
        used.add(colour.lower())
        colours.append(colour)
    return colours


def next_colour(taken: Iterable[str]) -> str:
    """The colour for a child added now: the first of the palette no child has."""
    return assign_colours([None], reserved=taken)[0]
