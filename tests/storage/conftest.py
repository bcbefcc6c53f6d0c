"""Fixtures for the storage tests: a data folder in ``tmp_path`` and a fixed clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from family_tui.clock import FixedClock
from family_tui.storage import FamilyStore
from tests.storage.storage_helpers import NOON


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOON)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "family-data"


@pytest.fixture
def store(data_dir: Path, clock: FixedClock) -> FamilyStore:
    return FamilyStore(data_dir, clock=clock)
