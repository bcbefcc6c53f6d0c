"""The kiosk rule, every kind of write in every mode: adding is for everyone, the rest waits for a parent."""

from __future__ import annotations

import pytest

from family_tui.domain.permissions import Write, allowed, answer_kind

# Written out by hand from the README's kiosk section, not read from the enum.
EVERYONE = {
    Write.CHECK_IN,
    Write.UNDO,
    Write.SKIP_DAY,
    Write.ADD_NOTE,
    Write.ANSWER_QUESTION,
    Write.ADD_WIN,
    Write.CHOOSE_CAREGIVER,
}
PARENT = {
    Write.CHANGE_NOTE,
    Write.CHANGE_ANSWER,
    Write.CHANGE_SKIP,
    Write.DELETE_NOTE,
    Write.CHANGE_WIN,
    Write.DELETE_WIN,
    Write.EDIT_PROGRAM,
    Write.CHANGE_SETTINGS,
    Write.SET_UP,
    Write.WRITE_REPORT,
    Write.WRITE_CARDS,
    Write.QUIT,
}


def test_every_kind_is_in_exactly_one_list():
    assert EVERYONE | PARENT == set(Write)
    assert not EVERYONE & PARENT


MODES = {
    # name: (kiosk, parent_unlocked)
    "normal": (False, False),
    "normal, unlocked flag stray": (False, True),
    "kiosk, no PIN given": (True, False),
    "kiosk, parent mode": (True, True),
}


@pytest.mark.parametrize("kind", list(Write), ids=lambda k: k.name)
@pytest.mark.parametrize("mode", list(MODES))
def test_allowed_for_every_kind_in_every_mode(kind, mode):
    kiosk, unlocked = MODES[mode]
    expected = not kiosk or unlocked or kind in EVERYONE
    assert allowed(kind, kiosk, unlocked) is expected


def test_every_kind_has_words_for_the_pin_prompt():
    for kind in Write:
        assert kind.reason and kind.reason[0].islower() and not kind.reason.endswith(".")


def test_a_first_answer_adds_and_a_second_one_changes():
    assert answer_kind("") is Write.ANSWER_QUESTION
    assert answer_kind("   ") is Write.ANSWER_QUESTION
    assert answer_kind("Yes, three times a day.") is Write.CHANGE_ANSWER
