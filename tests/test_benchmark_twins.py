"""Every screen and dialog class has its opening in the benchmark, measured against a twin.

Not timed: it only checks coverage. A new screen fails here until ``benchmarks/openings.py``
says which key opens it (``OPENINGS``) or why no key does (``NOT_OPENED_BY_A_KEY``).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
from pathlib import Path

from textual.screen import Screen

import family_tui

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from openings import NOT_OPENED_BY_A_KEY, OPENINGS  # noqa: E402


def _screen_classes() -> set[str]:
    names = set()
    for info in pkgutil.walk_packages(family_tui.__path__, family_tui.__name__ + "."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__ == module.__name__:
                names.add(cls.__name__)
    return names


def test_every_screen_has_a_twin_in_the_benchmark() -> None:
    measured = {opening.screen for opening in OPENINGS}
    missing = _screen_classes() - measured - set(NOT_OPENED_BY_A_KEY)
    assert not missing, f"screens with no opening in benchmarks/openings.py: {sorted(missing)}"


def test_the_benchmark_names_only_screens_that_exist() -> None:
    stale = ({opening.screen for opening in OPENINGS} | set(NOT_OPENED_BY_A_KEY)) - _screen_classes()
    assert not stale, f"benchmarks/openings.py names screens that no longer exist: {sorted(stale)}"
