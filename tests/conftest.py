"""Fixture chain: tmp_path -> data folder -> seeded store -> app, with a fixed clock."""

from __future__ import annotations

import functools
from datetime import datetime
from pathlib import Path

import pytest

from family_tui.clock import FixedClock
from family_tui.storage import FamilyStore
from tests.factories import small_family

# today_ticks: wait for Today's next look at the clock, not for a second of wall time.
pytest_plugins = ["tests.waits"]

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
# `uv run pytest -m "not slow"` leaves them out, `uv run pytest` runs everything.
_SLOW_FOLDERS = {"e2e": "terminal", "snapshots": "snapshot", "browser": "browser"}
_SOAK_MODULES = {
    "test_import_fuzz.py",
    "test_kiosk_fuzz.py",
    "test_random_concurrency.py",
    "test_unicode_roundtrip.py",
}
# Slow by nature, one by one: each builds a wheel, starts other Python processes, or runs a
# property over a hundred random records. `-m "not slow"` leaves them to the full run.
_SLOW_TESTS: dict[str, str | tuple[str, ...]] = {
    "test_packaging.py": "",  # builds and installs the wheel
    "test_textual_private.py": ("test_every_module_that_uses", "test_the_check_finds"),  # parses all of Textual
    "test_decode_matches_pydantic.py": "test_decode_accepts_exactly_what_pydantic_accepts",  # 100 random records a type
    "test_crash.py": "test_sigkill_mid_write",  # kills a writing process again and again
    "test_concurrency.py": "test_two_processes_",  # two processes writing hundreds of records
    "test_import.py": "test_the_console_script_",  # a separate python -m family_tui, three times
    "test_export.py": "test_the_console_script_",
    "test_restore_cli.py": "test_the_console_script_",
    "test_demo.py": "test_reference_history_benchmark_size",  # the benchmark's whole history
}

# Tests that start the app (a pilot, a real terminal, a snapshot): every test in these folders
# and in any module that calls ``run_test``. Elsewhere a test that starts the app carries
# ``@pytest.mark.ui`` itself; the fixture below fails any test that starts an app without
# the mark, so `-m "not ui"` never starts one.
_UI_FOLDERS = {"app", "scenarios", "snapshots", "e2e"}


@functools.cache
def _calls_run_test(module: Path) -> bool:
    return "run_test(" in module.read_text(encoding="utf-8")


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
        slow_prefix = _SLOW_TESTS.get(where.name)
        if slow_prefix is not None and item.name.startswith(slow_prefix):
            item.add_marker("slow")
        if where.parts[0] in _UI_FOLDERS or _calls_run_test(item.path):
            item.add_marker("ui")


@pytest.fixture(autouse=True)
def _ui_mark_is_on_every_test_that_starts_the_app(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """A test without the ``ui`` mark that starts an app (run_test, run, run_async) fails.

    Every start of a Textual app goes through ``App.run_test`` or ``App.run_async``.
    """
    if request.node.get_closest_marker("ui") is not None:
        yield
        return
    from textual.app import App

    started: list[str] = []

    def refuse(name: str):
        def start(self, *args, **kwargs):
            started.append(f"{type(self).__name__}.{name}")
            raise AssertionError(f"{request.node.nodeid} starts {type(self).__name__} but is not marked ui")

        return start

    monkeypatch.setattr(App, "run_test", refuse("run_test"))
    monkeypatch.setattr(App, "run_async", refuse("run_async"))
    yield
    if started:
        pytest.fail(
            f"{request.node.nodeid} starts an app ({', '.join(started)}): mark it @pytest.mark.ui "
            "or move it under a folder tests/conftest.py marks ui",
            pytrace=False,
        )


@pytest.fixture
def settled_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """``pilot.press`` returns once the app has handled every key pressed (or fails saying which).

    Without it, press returns when the process looks idle, which on a busy machine can be
    before a key the app holds back (typed ahead, see ``family_tui/ui_support/typeahead.py``)
    has had its turn.
    """
    from textual.pilot import Pilot

    from tests.key_burst import settled

    press = Pilot.press

    async def press_and_settle(self: Pilot, *keys: str) -> None:
        await press(self, *keys)
        await settled(self)

    monkeypatch.setattr(Pilot, "press", press_and_settle)
