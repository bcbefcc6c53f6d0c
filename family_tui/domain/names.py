"""Finding a child from what a parent typed: ``--child Zoe`` for Zoë, ``--child Sam`` for Sam Okoye.

People type names the way they say them: without the accent their keyboard makes hard,
in any case, and often only the first name. One function answers every ``--child``
option, so all commands accept the same things and explain them the same way.

No Textual here.
"""

from __future__ import annotations

import unicodedata

from .models import Child, Program


def name_key(text: str) -> str:
    """``"  Zoë  PARKER "`` -> ``"zoe parker"``: accents, case and spacing set aside."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def _first_name(child: Child) -> str:
    key = name_key(child.name)
    return key.split(" ", 1)[0] if key else ""


def _accepted(children: list[Child]) -> str:
    """``Zoë Parker (id zoe), Sam Okoye (id sam)``."""
    return ", ".join(f"{c.name} (id {c.id})" for c in children)


def find_child(program: Program, typed: str) -> Child:
    """The child ``typed`` names: an id, a name, or a first name only one child has.

    Accents, case and extra spaces do not matter. Raises ``ValueError`` with a message
    that lists what is accepted when no child, or more than one, fits.
    """
    children = list(program.children)
    wanted = typed.strip()
    for child in children:
        if child.id == wanted:
            return child
    key = name_key(wanted)
    if not children:
        raise ValueError("There are no children in the program yet: import the home program first.")
    if key:
        for rule in (
            lambda c: name_key(c.id) == key,
            lambda c: name_key(c.name) == key,
            lambda c: _first_name(c) == key,
        ):
            matches = [c for c in children if rule(c)]
            if len(matches) == 1:
                return matches[0]
            if matches:
                raise ValueError(
                    f'More than one child is called "{wanted}": {_accepted(matches)}. Use the full name or the id.'
                )
    raise ValueError(
        f'No child called "{wanted}". Children: {_accepted(children)}. '
        "Give a name, an id, or a first name only one child has."
    )
