"""The guided setup's answers saved: the family's first program, in one write."""

from __future__ import annotations

from datetime import date

from ..domain.first_run import SetupAnswers, starter_records
from ..domain.records import Record
from ..storage import FamilyStore


def save_setup(store: FamilyStore, answers: SetupAnswers, today: date) -> list[Record]:
    """Add the child, helpers, routines and first strategies in one write; returns the records saved."""
    records = starter_records(store.program(), answers, today)
    store.apply_changes(records)
    return records
