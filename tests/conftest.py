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


@pytest.fixture(autouse=True)
def local_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """What the app keeps on "this computer" (who practised last) goes to a temporary folder.

    Set in the environment, so the app's subprocesses (the CLI, a second copy) use it too:
    no test writes to the real home's state folder.
    """
    from family_tui.domain.locations import STATE_DIR_ENV

    folder = tmp_path_factory.mktemp("local-state")
    monkeypatch.setenv(STATE_DIR_ENV, str(folder))
    return folder


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


# The slow parts, marked by where they live so a new test there is marked too:
# `uv run pytest -m "not slow"` is the quick loop, `uv run pytest` runs everything.
_SLOW_FOLDERS = {"e2e": "terminal", "snapshots": "snapshot", "browser": "browser"}
_SOAK_MODULES = {
    "test_import_fuzz.py",
    "test_kiosk_fuzz.py",
    "test_random_concurrency.py",
    "test_unicode_roundtrip.py",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    tests = Path(__file__).parent
    for item in items:
        try:
            where = item.path.relative_to(tests)
        except ValueError:
            continue
        kind = _SLOW_FOLDERS.get(where.parts[0])
        if where.parts[0] == "hostile" and where.name in _SOAK_MODULES:
            kind = "soak"
        if kind is not None:
            item.add_marker(kind)
            item.add_marker("slow")
