"""What kiosk mode lets anyone do, and what waits for the parent PIN: the one rule, no screen.

On the shared laptop anyone may *add*: a check-in and its details, undoing it, a
new skipped day, a new note, question or win, the first answer to a question, choosing
who's practising. What already exists in words (a therapist's update, a win, an
answer, a skipped day and its note) is only changed or deleted by a parent, and so are the program, the
settings, what leaves the app (exports, the report, the cue cards) and quitting. Every write the app
makes is one of these kinds and goes through :meth:`FamilyApp.permit`, which asks
:func:`allowed` and, when the answer is no, the parent for the PIN.
"""

from __future__ import annotations

import enum


class Write(enum.Enum):
    """A kind of change the app can make (and quitting, which kiosk mode guards the same way)."""

    # Adding: anyone, kiosk or not.
    CHECK_IN = ("mark practice done or not done, with its details", False)
    UNDO = ("undo a check-in", False)
    SKIP_DAY = ("skip a day", False)
    """A day not skipped yet for that child (or the family): nothing written before is replaced."""
    ADD_NOTE = ("add a note or a question", False)
    ANSWER_QUESTION = ("answer a question", False)
    """The first answer to an open question: nothing written before is replaced."""
    ADD_WIN = ("note a win", False)
    CHOOSE_CAREGIVER = ("choose who's practising", False)
    # Changing what exists, and what a parent decides: the PIN in kiosk mode.
    CHANGE_NOTE = ("change a note", True)
    CHANGE_ANSWER = ("change an answer", True)
    DELETE_NOTE = ("delete a note", True)
    CHANGE_SKIP = ("change or remove a skipped day", True)
    """A skip that exists: its reason and note are what a parent wrote."""
    CHANGE_WIN = ("change a win", True)
    DELETE_WIN = ("delete a win", True)
    EDIT_PROGRAM = ("edit the program", True)
    CHANGE_SETTINGS = ("change the settings", True)
    SET_UP = ("set up the program", True)
    """The first-run screens: the demo family, an import, the guided setup."""
    WRITE_REPORT = ("write the therapist report", True)
    WRITE_CARDS = ("write the cue cards", True)
    """Like the report, the cards take the child's health information out of the app."""
    QUIT = ("quit", True)

    def __init__(self, reason: str, parent_only: bool) -> None:
        self.reason = reason
        """Completes "Enter the parent PIN to ..." on the PIN prompt."""
        self.parent_only = parent_only


def allowed(kind: Write, kiosk: bool, parent_unlocked: bool) -> bool:
    """Whether ``kind`` may happen now without asking for the PIN.

    Outside kiosk mode a parent is always in charge; in kiosk mode adding is for
    everyone and the rest needs parent mode (the PIN given, not locked since).
    """
    return not kiosk or parent_unlocked or not kind.parent_only


def answer_kind(current_answer: str) -> Write:
    """Answering an open question adds; rewording an answer given before changes it."""
    return Write.CHANGE_ANSWER if current_answer.strip() else Write.ANSWER_QUESTION


__all__ = ["Write", "allowed", "answer_kind"]
