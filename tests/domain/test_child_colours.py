"""Children a file gives no colour get different ones, the same each time (issue 27)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from family_tui.domain.child_colours import PALETTE, assign_colours, next_colour
from family_tui.domain.program_file import load_program_file
from family_tui.storage import FamilyStore
from family_tui.usecases.program_import import import_program

THREE = Path(__file__).parent.parent / "fixtures" / "three_children_no_colours.toml"
DAY = date(2026, 12, 7)


def colours(store: FamilyStore) -> dict[str, str]:
    return {c.name: c.color for c in store.program().children}


def test_three_children_without_colours_get_three_different_ones_in_order():
    program = load_program_file(THREE)
    assert [c.color for c in program.children] == list(PALETTE[:3])
    assert load_program_file(THREE) == program  # the same file, the same colours


def test_a_colour_the_file_gives_is_kept_and_the_others_avoid_it():
    assert assign_colours(["violet", None, None]) == ["violet", "cyan", "yellow"]
    assert assign_colours([None, "Cyan"]) == ["violet", "Cyan"]


def test_more_children_than_colours_start_the_palette_again():
    assert assign_colours([None] * (len(PALETTE) + 1))[-1] == PALETTE[0]


def test_a_child_added_in_the_editor_takes_a_colour_no_child_has():
    assert next_colour(["cyan", "yellow"]) == "violet"


def test_importing_again_parts_children_who_were_all_cyan(tmp_path, clock):
    """Families imported before the fix have every child cyan: the next import tells them apart."""
    store = FamilyStore(tmp_path / "data", clock=clock)
    import_program(store, THREE, today=DAY)
    store.save_many([c.model_copy(update={"color": "cyan"}) for c in store.program().children])
    import_program(store, THREE, today=DAY)
    assert colours(store) == {"Ana-Lucía": "cyan", "Sam": "violet", "Noor": "yellow"}


def test_importing_a_file_without_colours_keeps_a_colour_chosen_in_the_editor(tmp_path, clock):
    store = FamilyStore(tmp_path / "data", clock=clock)
    import_program(store, THREE, today=DAY)
    sam = next(c for c in store.program().children if c.name == "Sam")
    store.save_many([sam.model_copy(update={"color": "orange"})])
    plan = import_program(store, THREE, today=DAY)
    assert plan.saves == []
    assert colours(store) == {"Ana-Lucía": "cyan", "Sam": "orange", "Noor": "yellow"}
