"""The guided setup's answers saved: the family's first program, in one write."""

from __future__ import annotations

from datetime import date

from ..domain.first_run import SetupAnswers, starter_records
from ..domain.models import Caregiver
from ..storage import FamilyStore


def save_setup(store: FamilyStore, answers: SetupAnswers, today: date) -> None:
    """Add the child, helpers, routines and first strategies; the first helper is practising, if nobody was."""
    records = starter_records(store.program(), answers, today)
    store.apply_changes(records)
    first_helper = next((r for r in records if isinstance(r, Caregiver)), None)
    if first_helper is not None and store.settings().caregiver is None:
        store.update_settings(caregiver=first_helper.id)
