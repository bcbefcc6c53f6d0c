"""The hybrid logical clock: monotonic, past what it saw, a total order, and a fast clock cannot win forever."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from family_tui.clock import FixedClock
from family_tui.domain.sync.hlc import MAX_COUNTER, HybridClock, Stamp

START = datetime(2026, 12, 7, 14, 0)
PROPERTY = settings(max_examples=200, deadline=None)

devices = st.sampled_from(["kitchen", "dad", "granny", "a", "zz9"])
stamps = st.builds(Stamp, st.integers(0, 10**13 - 1), st.integers(0, MAX_COUNTER), devices)
# A step of the world: the wall clock moves (forwards, or backwards when set by hand), a local write, or a remote stamp seen.
steps = st.one_of(
    st.tuples(st.just("jump"), st.integers(-3_600_000, 3_600_000)),
    st.tuples(st.just("now"), st.none()),
    st.tuples(st.just("at_once"), st.integers(1, 5)),  # the writes of one change (an import)
    # Seen stamps end a little before the last representable one: past it no later stamp exists
    # (a device claiming the year 2286 is the bound on remote stamps still to build, see the doc).
    st.tuples(
        st.just("observe"), st.builds(Stamp, st.integers(0, 10**13 - 10**6), st.integers(0, MAX_COUNTER), devices)
    ),
)


def test_a_stamp_reads_the_apps_clock():
    clock = FixedClock(START)
    hlc = HybridClock("kitchen", clock)
    stamp = hlc.now()
    assert stamp == Stamp(int(START.replace(tzinfo=UTC).timestamp() * 1000), 0, "kitchen")
    # Within the same second (the app's clocks answer to the second) the counter orders the writes.
    assert hlc.now() == Stamp(stamp.wall, 1, "kitchen")
    clock.advance(seconds=1)
    assert hlc.now() == Stamp(stamp.wall + 1000, 0, "kitchen")


def test_a_clock_set_back_never_stamps_before_what_it_wrote():
    clock = FixedClock(START)
    hlc = HybridClock("kitchen", clock)
    first = hlc.now()
    clock.jump(START - timedelta(hours=2))
    assert hlc.now() > first


def test_the_writes_of_one_change_are_stamped_at_one_moment_in_order():
    clock = FixedClock(START)
    hlc = HybridClock("kitchen", clock)
    now = hlc.at_once()
    clock.advance(seconds=1)  # the clock is read once for the whole change
    wall = int(START.replace(tzinfo=UTC).timestamp() * 1000)
    assert [now(), now(), now()] == [Stamp(wall, n, "kitchen") for n in range(3)]
    assert hlc.now() == Stamp(wall + 1000, 0, "kitchen")


def test_a_restart_continues_after_the_last_stamp_written():
    clock = FixedClock(START)
    before = HybridClock("kitchen", clock).now()
    clock.jump(START - timedelta(days=1))  # the laptop's clock was reset while it was off
    assert HybridClock("kitchen", clock, last=before).now() > before


def test_a_full_counter_carries_into_the_next_millisecond():
    clock = FixedClock(START)
    wall = HybridClock("a", clock).physical()
    hlc = HybridClock("a", clock, last=Stamp(wall, MAX_COUNTER, "a"))
    assert hlc.now() == Stamp(wall + 1, 0, "a")


def test_a_clock_running_ahead_wins_only_until_the_others_have_seen_it():
    """Dad's laptop runs an hour fast. Its edit beats the kitchen's next edit made without seeing it,
    but once the kitchen has read dad's log, the kitchen's next edit comes after it."""
    kitchen = HybridClock("kitchen", FixedClock(START))
    dad = HybridClock("dad", FixedClock(START + timedelta(hours=1)))
    dads_edit = dad.now()
    assert kitchen.now() < dads_edit
    kitchen.observe(dads_edit)
    assert kitchen.now() > dads_edit
    # The kitchen's stamp stays within the counter of dad's wall time, not an hour beyond it.
    assert kitchen.last.wall == dads_edit.wall


@PROPERTY
@given(st.lists(steps, max_size=40))
def test_every_stamp_is_later_than_all_the_clock_made_or_saw(script):
    clock = FixedClock(START)
    hlc = HybridClock("kitchen", clock)
    latest = hlc.now()
    for action, arg in script:
        if action == "jump":
            clock.jump(clock.now() + timedelta(milliseconds=arg))
            continue
        if action == "at_once":
            now = hlc.at_once()
            for _ in range(arg):
                stamp = now()
                assert stamp > latest
                latest = stamp
            continue
        stamp = hlc.now() if action == "now" else hlc.observe(arg)
        assert stamp > latest
        if action == "observe":
            assert stamp > arg
            latest = max(latest, arg)
        latest = max(latest, stamp)
        assert stamp.device == "kitchen"


@PROPERTY
@given(stamps, stamps, stamps)
def test_stamps_are_totally_ordered_and_their_text_sorts_the_same(a, b, c):
    assert (a < b) + (a == b) + (a > b) == 1
    assert (a == b) == (a.text() == b.text())
    assert (a < b) == (a.text() < b.text())
    if a <= b and b <= c:
        assert a <= c
    assert Stamp.parse(a.text()) == a


@pytest.mark.parametrize(
    "text", ["", "1-2-a", "0000000000001-00001-", "0000000000001-00001-Kitchen", "0000000000001-00001-a/b"]
)
def test_text_that_is_not_a_stamp_is_refused(text):
    with pytest.raises(ValueError):
        Stamp.parse(text)
