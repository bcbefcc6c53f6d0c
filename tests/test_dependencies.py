"""What the app imports is what it declares, and the metadata says where it runs.

A module that is imported but not declared only works while another dependency happens to pull it
in; an installer is free to leave it out (or bring a version the code was never run with).
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def canonicalize_name(name: str) -> str:
    """PEP 503's normal form: ``Pydantic_Core`` and ``pydantic-core`` are one distribution."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(spec: str) -> str:
    return canonicalize_name(re.match(r"[A-Za-z0-9._-]+", spec).group())


def _imported_top_level_modules() -> set[str]:
    """Every absolute import in the shipped code, at any depth (lazy imports inside functions too)."""
    found: set[str] = set()
    for folder in ("family_tui", "widgets"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    found.add(node.module.split(".")[0])
    return found


def test_every_third_party_import_is_a_declared_dependency():
    declared = {requirement_name(spec) for spec in PROJECT["dependencies"]}
    distributions = packages_distributions()
    third_party = _imported_top_level_modules() - set(sys.stdlib_module_names) - {"family_tui", "__future__"}
    undeclared = {
        module: distributions.get(module, ["?"])
        for module in sorted(third_party)
        if not {canonicalize_name(name) for name in distributions.get(module, [])} & declared
    }
    assert not undeclared, f"imported but not in [project] dependencies: {undeclared}"


def test_metadata_says_posix_only():
    """The data folder's lock is ``fcntl.flock``: there is no Windows version of the app."""
    assert "Operating System :: POSIX" in PROJECT["classifiers"]
    assert not any(c.startswith("Operating System :: Microsoft") for c in PROJECT["classifiers"])
    assert not any(c.startswith("Operating System :: OS Independent") for c in PROJECT["classifiers"])
