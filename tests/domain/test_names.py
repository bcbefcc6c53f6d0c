"""Finding a child from what a parent typed: accents, case, first names and ids."""

from __future__ import annotations

import pytest

from family_tui.domain.models import Child, Program
from family_tui.domain.names import find_child, name_key


def family(*children: tuple[str, str]) -> Program:
    return Program(children=[Child(id=cid, name=name) for cid, name in children])


ZOE_AND_SAM = family(("zoe-p", "Zoë Parker"), ("sam", "Sam Okoye"))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Zoe", "zoe-p"),  # first name, no accent
        ("zoë", "zoe-p"),
        ("ZOE PARKER", "zoe-p"),
        ("  Zoë   Parker ", "zoe-p"),
        ("zoe-p", "zoe-p"),  # the id
        ("Sam", "sam"),  # first name
        ("sam okoye", "sam"),
        ("Sam Okoye", "sam"),
    ],
)
def test_names_match_whatever_the_accents_case_and_first_name(typed, expected):
    assert find_child(ZOE_AND_SAM, typed).id == expected


def test_a_decomposed_accent_matches_a_composed_one():
    decomposed = "Zoe\u0308"  # e + combining diaeresis, as some keyboards send it
    assert find_child(family(("z", "Zoë")), decomposed).id == "z"
    assert name_key("Zoë") == name_key(decomposed) == "zoe"


def test_a_shared_first_name_lists_the_children_it_could_be():
    prog = family(("sam-o", "Sam Okoye"), ("sam-l", "Sam Lee"), ("zoe", "Zoë"))
    with pytest.raises(ValueError) as caught:
        find_child(prog, "sam")
    assert str(caught.value) == (
        'More than one child is called "sam": Sam Okoye (id sam-o), Sam Lee (id sam-l). Use the full name or the id.'
    )
    assert find_child(prog, "Sam Lee").id == "sam-l"
    assert find_child(prog, "sam-o").id == "sam-o"


def test_an_unknown_name_lists_every_child_and_what_is_accepted():
    with pytest.raises(ValueError) as caught:
        find_child(ZOE_AND_SAM, "Bob")
    assert str(caught.value) == (
        'No child called "Bob". Children: Zoë Parker (id zoe-p), Sam Okoye (id sam). '
        "Give a name, an id, or a first name only one child has."
    )


def test_an_id_wins_over_another_childs_name():
    prog = family(("ann", "Bea"), ("bea", "Ann"))
    assert find_child(prog, "ann").name == "Bea"
