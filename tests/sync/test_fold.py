"""Folding all devices' operations: latest write per field, both values kept when two homes
wrote the same field apart, deletes as operations, the same state whatever the order or copies."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from family_tui.domain.sync.fold import Alternative, RecordFold, fold
from family_tui.domain.sync.hlc import Stamp
from family_tui.domain.sync.ops import Op
from tests.sync.helpers import at, delete_op, set_op


def test_two_homes_editing_different_fields_of_a_note_both_keep_their_change():
    made = set_op(at(1), text="Straw", answer="")
    kitchen = set_op(at(5), text="Straw at lunch", base={"text": (at(1),)})
    dad = set_op(at(6, "dad"), answer="Try a thinner one", base={"answer": (at(1),)})
    state = fold([made, kitchen, dad])
    assert state.tables == {"notes": {"n1": {"text": "Straw at lunch", "answer": "Try a thinner one"}}}
    assert state.conflicts == []


def test_the_same_field_written_in_both_homes_apart_keeps_the_other_value_beside_it():
    made = set_op(at(1), text="Straw")
    kitchen = set_op(at(5), text="Straw at lunch", base={"text": (at(1),)})
    dad = set_op(at(6, "dad"), text="Straw at dinner", base={"text": (at(1),)})
    state = fold([made, kitchen, dad])
    assert state.tables["notes"]["n1"]["text"] == "Straw at dinner"
    [conflict] = state.conflicts
    assert (conflict.field, conflict.value, conflict.others) == (
        "text",
        "Straw at dinner",
        (Alternative("Straw at lunch", at(5)),),
    )
    # Writing the field again having seen both settles it.
    settled = set_op(at(9), text="Straw at lunch and dinner", base=state.base_for("notes", "n1", ["text"]))
    assert fold([made, kitchen, dad, settled]).conflicts == []


def test_a_write_made_knowing_the_earlier_value_replaces_it_without_a_conflict():
    made = set_op(at(1), text="Straw")
    edit = set_op(at(3, "dad"), text="Straw at lunch", base={"text": (at(1),)})
    assert fold([made, edit]).conflicts == []


def test_a_third_home_that_wrote_after_one_value_but_never_saw_the_other_still_shows_it():
    # kitchen and dad wrote apart; granny saw only dad's value and wrote later: kitchen's is still unseen.
    made = set_op(at(1), text="a")
    kitchen = set_op(at(5), text="b", base={"text": (at(1),)})
    dad = set_op(at(7, "dad"), text="c", base={"text": (at(1),)})
    granny = set_op(at(9, "granny"), text="d", base={"text": (at(7, "dad"),)})
    [conflict] = fold([made, kitchen, dad, granny]).conflicts
    assert conflict.value == "d" and conflict.others == (Alternative("b", at(5)),)


def test_a_delete_after_every_write_removes_the_record_and_a_later_edit_revives_all_of_it():
    made = set_op(at(1), text="Straw", answer="ok")
    deleted = delete_op(at(5))
    assert fold([made, deleted]).tables == {}
    edit_apart = set_op(at(7, "dad"), answer="Thinner straw", base={"answer": (at(1),)})
    assert fold([made, deleted, edit_apart]).tables["notes"]["n1"] == {"text": "Straw", "answer": "Thinner straw"}
    assert fold([made, deleted, edit_apart, delete_op(at(9))]).tables == {}


def test_an_operation_read_twice_counts_once():
    ops = [set_op(at(1), text="a"), set_op(at(2, "dad"), text="b", base={"text": (at(1),)})]
    assert fold(ops + ops) == fold(ops)


def test_the_latest_stamp_is_known_for_the_devices_clock_to_observe():
    assert fold([set_op(at(1), text="a"), set_op(at(8, "dad"), text="b")]).latest == at(8, "dad")
    assert fold([]).latest is None


# -- any order, any split ------------------------------------------------------------------

_devices = st.sampled_from(["kitchen", "dad", "granny"])
_stamps = st.builds(Stamp, st.integers(1, 30), st.integers(0, 2), _devices)
_values = st.sampled_from(["a", "b", "c", 1, None])
_fields = st.dictionaries(st.sampled_from(["text", "answer", "pinned"]), _values, max_size=3)
_bases = st.dictionaries(st.sampled_from(["text", "answer"]), st.lists(_stamps, max_size=2).map(tuple), max_size=2)
_ops = st.one_of(
    st.builds(
        lambda s, r, f, b: Op(s, "set", "notes", r, f, b), _stamps, st.sampled_from(["n1", "n2"]), _fields, _bases
    ),
    st.builds(lambda s, r: Op(s, "delete", "notes", r), _stamps, st.sampled_from(["n1", "n2"])),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ops, max_size=25), st.randoms(use_true_random=False))
def test_the_same_operations_fold_to_the_same_state_in_any_order_and_with_copies(ops, rnd):
    shuffled = list(ops) + rnd.sample(ops, k=len(ops) // 2)  # some lines read twice
    rnd.shuffle(shuffled)
    assert fold(shuffled) == fold(ops)


@settings(max_examples=200, deadline=None)
@given(_ops)
def test_a_record_written_once_folds_as_the_whole_fold_makes_it(op):
    assert fold([op]) == fold(iter([op]))  # a list of one set takes the short way; an iterator the whole fold


# -- one record's fold kept while newer operations come -------------------------------------

_record_ops = st.one_of(
    st.builds(lambda s, f, b: Op(s, "set", "notes", "n1", f, b), _stamps, _fields, _bases),
    st.builds(lambda s: Op(s, "delete", "notes", "n1"), _stamps),
    st.builds(lambda s, f: Op(s, "set", "notes", "n1", f, {name: (s,) for name in f}), _stamps, _fields),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_record_ops, max_size=25), st.integers(0, 25))
def test_a_record_folded_one_newer_operation_at_a_time_is_folded_as_from_all_of_them(ops, split):
    newest_first = sorted({op.stamp: op for op in reversed(ops)}.values(), key=lambda op: op.stamp)
    kept = RecordFold(newest_first[:split])
    for op in newest_first[split:]:
        assert kept.add(op)
        assert kept.folded() == fold(newest_first[: newest_first.index(op) + 1])
    assert kept.folded() == fold(newest_first)
    assert RecordFold(ops).folded() == fold(ops)  # in any order, with copies: as fold picks


@settings(max_examples=200, deadline=None)
@given(st.lists(_record_ops, min_size=1, max_size=12), _record_ops)
def test_an_operation_not_newer_than_all_is_refused_and_changes_nothing(ops, late):
    kept = RecordFold(ops)
    before = kept.folded()
    if kept.latest is not None and late.stamp > kept.latest:
        return
    assert not kept.add(late)
    assert kept.folded() == before


def test_an_operation_of_another_record_is_refused():
    kept = RecordFold([set_op(at(1), text="a")])
    assert not kept.add(set_op(at(2), record="n2", text="b"))
    assert kept.folded() == fold([set_op(at(1), text="a")])
