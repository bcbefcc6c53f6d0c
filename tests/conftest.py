"""Fixture chain: tmp_path -> data folder -> seeded store -> app, with a fixed clock."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from family_tui.clock import FixedClock
from family_tui.storage import FamilyStore
from tests.factories import small_family

# Thursday 26 November 2026, just after breakfast.
TODAY_MORNING = datetime(2026, 11, 26, 7, 20)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TODAY_MORNING)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "family-data"


@pytest.fixture
def store(data_dir: Path, clock: FixedClock) -> FamilyStore:
    store = FamilyStore(data_dir, clock=clock)
    store.save_many(small_family())
    store.update_settings(caregiver="mom")
    return store


@pytest.fixture
def make_app(data_dir: Path, clock: FixedClock, store: FamilyStore):
    from family_tui.app import make_app as factory

    def build(kiosk: bool = False):
        return factory(data_dir, kiosk=kiosk, clock=clock)

    return build
