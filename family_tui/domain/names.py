"""Finding a child from what a parent typed: ``--child Zoe`` for Zoë, ``--child Sam`` for Sam Okoye.

People type names the way they say them: without the accent their keyboard makes hard,
in any case, and often only the first name. One function answers every ``--child``
option, so all commands accept the same things and explain them the same way.

No Textual here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

from .models import Caregiver, Child, Program, Therapist

Person = TypeVar("Person", Child, Therapist, Caregiver)


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


def _only_match(
    people: Sequence[Person],
    typed: str,
    rules: Sequence[Callable[[Person, str], object]],
    listed: Callable[[list[Person]], str],
    kind: str,
) -> Person | None:
    """The one person ``typed`` names, trying ``rules`` in order (the exact id first).

    A rule that fits several people is a question back, not a guess: the message lists
    them. None when no rule fits anyone.
    """
    wanted = typed.strip()
    for person in people:
        if person.id == wanted:
            return person
    key = name_key(wanted)
    if not key:
        return None
    for rule in rules:
        matches = [p for p in people if rule(p, key)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise ValueError(
                f'More than one {kind} is called "{wanted}": {listed(matches)}. Use the full name or the id.'
            )
    return None


def find_child(program: Program, typed: str) -> Child:
    """The child ``typed`` names: an id, a name, or a first name only one child has.

    Accents, case and extra spaces do not matter. Raises ``ValueError`` with a message
    that lists what is accepted when no child, or more than one, fits.
    """
    children = list(program.children)
    if not children:
        raise ValueError("There are no children in the program yet: import the home program first.")
    rules = (
        lambda c, key: name_key(c.id) == key,
        lambda c, key: name_key(c.name) == key,
        lambda c, key: _first_name(c) == key,
    )
    found = _only_match(children, typed, rules, _accepted, "child")
    if found is None:
        raise ValueError(
            f'No child called "{typed.strip()}". Children: {_accepted(children)}. '
            "Give a name, an id, or a first name only one child has."
        )
    return found


def _words(name: str) -> list[str]:
    """``"Ms. Ana Rivera-Díaz"`` -> ``["ms", "ana", "rivera", "diaz"]``."""
    return [w for w in re.split(r"[^\w]+", name_key(name)) if w]


def _therapists_list(therapists: list[Therapist]) -> str:
    """``Ms. Rivera (SLP, id rivera), Mr. Chen (OT, id chen)``."""
    return ", ".join(f"{t.name} ({t.discipline.value}, id {t.id})" for t in therapists)


def find_therapist(program: Program, typed: str) -> Therapist:
    """The therapist ``typed`` names: an id, a full name, a first name, or one word of the name.

    ``rivera`` finds Ms. Rivera, ``ana`` finds Ana Lopez, as long as only one therapist
    fits. Accents, case and extra spaces do not matter; archived therapists are left out.
    Raises ``ValueError`` listing the therapists when none, or more than one, fits.
    """
    therapists = [t for t in program.therapists if not t.archived]
    if not therapists:
        raise ValueError("There are no therapists in the program yet: import the home program first.")
    rules = (
        lambda t, key: name_key(t.id) == key,
        lambda t, key: name_key(t.name) == key,
        lambda t, key: _words(t.name)[:1] == _words(key),
        lambda t, key: _words(key) and set(_words(key)) <= set(_words(t.name)),
    )
    found = _only_match(therapists, typed, rules, _therapists_list, "therapist")
    if found is None:
        raise ValueError(f'No therapist called "{typed.strip()}". Therapists: {_therapists_list(therapists)}.')
    return found


def _caregivers_list(caregivers: list[Caregiver]) -> str:
    """``Mom (id mom), Grandpa Joe (id grandpa-joe)``."""
    return ", ".join(f"{c.name} (id {c.id})" for c in caregivers)


def find_caregiver(program: Program, typed: str) -> Caregiver:
    """The caregiver ``typed`` names: an id, a name, or one word of the name only one has.

    ``joe`` finds Grandpa Joe. Archived caregivers are left out. Raises ``ValueError``
    listing the caregivers when none, or more than one, fits.
    """
    caregivers = [c for c in program.caregivers if not c.archived]
    if not caregivers:
        raise ValueError("There are no caregivers in the program yet: add them in the program editor.")
    rules = (
        lambda c, key: name_key(c.id) == key,
        lambda c, key: name_key(c.name) == key,
        lambda c, key: _words(key) and set(_words(key)) <= set(_words(c.name)),
    )
    found = _only_match(caregivers, typed, rules, _caregivers_list, "caregiver")
    if found is None:
        raise ValueError(f'No caregiver called "{typed.strip()}". Caregivers: {_caregivers_list(caregivers)}.')
    return found
