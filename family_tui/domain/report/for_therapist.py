"""One therapist's update: only the notes for her, and what she herself told the family.

A question for the physiotherapist is not in the speech therapist's update, nor counted
among "open questions for you" there (the rule is :func:`~..addressing.note_is_for`).
A note for everyone who sees the child is marked so in hers. Her own therapist updates
of the period come back to her, so the next session starts from what she said.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from ..addressing import notes_and_own_updates
from ..models import Note, Program, Therapist
from .build import WeeklyReport, build_report


def build_therapist_report(
    therapist: Therapist, program: Program, entries: Iterable[Any], notes: Iterable[Note], *args: Any, **options: Any
) -> WeeklyReport:
    """:func:`~.build.build_report` (same arguments after ``therapist``) with only the notes for her."""
    for_her, own = notes_and_own_updates(notes, therapist, program)
    report = build_report(program, entries, for_her, *args, **options)
    in_period = tuple(n for n in own if report.first <= report.day_of(n.created_at) <= report.last)
    return replace(report, therapist=therapist.id, own_updates=in_period)
