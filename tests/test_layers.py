"""The layers a newcomer sees in the tree hold: imports run one way, in no circle.

``family_tui.domain`` (with ``family_tui.clock`` under it) knows nothing of storage,
Textual or the command line; ``family_tui.storage`` keeps the domain's records;
``family_tui.usecases`` joins the two; the Textual UI (``family_tui.app``,
``family_tui.screens``, ``family_tui.ui_support`` and ``family_tui.widgets``, kept in the top-level ``widgets/`` folder) and
the CLI (``family_tui.cli``) sit on top. The contracts are in ``pyproject.toml``
(``[tool.importlinter]``); these tests run them, look for circles, and import the
non-UI modules for real to be sure none of them loads Textual.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("family_tui",)


# -- the import graph ---------------------------------------------------------------------


def modules() -> dict[str, tuple[Path, bool]]:
    """Every module of the packages by dotted name, with its file and whether it is a package."""
    found: dict[str, tuple[Path, bool]] = {}
    for package in PACKAGES:
        # os.walk with followlinks: family_tui/widgets is a link to the top-level widgets/ folder.
        files = (Path(folder, f) for folder, _, names in os.walk(ROOT / package, followlinks=True) for f in names)
        for path in sorted(f for f in files if f.suffix == ".py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            if is_package:
                parts = parts[:-1]
            found[".".join(parts)] = (path, is_package)
    return found


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import, at the top or inside a function, those under ``if TYPE_CHECKING`` too.

    An import only for the type checker still ties the two modules: a screen that names
    the app in a type is no longer free of the app that imports it.
    """
    return [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))]


def _known(name: str, known: dict[str, tuple[Path, bool]]) -> str | None:
    """The longest prefix of ``name`` that is one of our modules (``a.b.Class`` -> ``a.b``)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in known:
            return candidate
    return None


def import_graph() -> dict[str, set[str]]:
    """Module -> the modules of ours it imports, relative imports resolved.

    ``from package import name`` is an import of ``package.name`` when that is a module,
    else of ``package``. Importing ``a.b`` also runs ``a/__init__``; that edge is left
    out, as Python's own order of running a package before its modules makes it no circle.
    """
    known = modules()
    graph: dict[str, set[str]] = {}
    for name, (path, is_package) in known.items():
        targets: set[str] = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                wanted = [alias.name for alias in node.names]
            else:
                if node.level:
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    prefix = ".".join(base + ([node.module] if node.module else []))
                else:
                    prefix = node.module or ""
                wanted = [
                    f"{prefix}.{alias.name}" if f"{prefix}.{alias.name}" in known else prefix for alias in node.names
                ]
            targets.update(t for w in wanted if (t := _known(w, known)) is not None and t != name)
        graph[name] = targets
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of imports (``[a, b, a]``), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return path[path.index(target) :] + [target]
            if target not in state and (cycle := visit(target)) is not None:
                return cycle
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)) is not None:
            return cycle
    return None


def test_no_circle_of_imports():
    graph = import_graph()
    assert "family_tui.app" in graph and "family_tui.widgets.footer" in graph
    cycle = find_cycle(graph)
    assert cycle is None, "import circle: " + " -> ".join(cycle)


def test_the_graph_sees_relative_function_level_imports():
    """Guard against a check that cannot fail: the CLI starts the app from inside a function."""
    graph = import_graph()
    assert "family_tui.app" in graph["family_tui.cli.launch"]
    assert "family_tui.domain.models" in graph["family_tui.storage.store"]


def test_the_graph_sees_imports_for_the_type_checker():
    """Guard against a check that cannot fail: an import under ``if TYPE_CHECKING`` is an edge too."""
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from family_tui.app import FamilyApp\n")
    assert [node.module for node in _imports(tree) if isinstance(node, ast.ImportFrom)] == ["typing", "family_tui.app"]


def test_a_circle_is_found_and_named():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


# -- the contracts ---------------------------------------------------------------------------


def test_import_linter_contracts_hold():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


# -- and for real: the domain runs without Textual ------------------------------------------

# The user interface and what starts it; everything else must work without Textual.
UI_MODULES = {"family_tui.app", "family_tui.cli.launch", "family_tui.__main__"}
UI_PACKAGES = ("family_tui.screens", "family_tui.ui_support", "family_tui.widgets")
CORE = {"family_tui.domain.models", "family_tui.storage", "family_tui.domain.schedule", "family_tui.clock"}


def non_ui_modules() -> list[str]:
    return [
        name
        for name in sorted(modules())
        if name.startswith("family_tui")
        and name not in UI_MODULES
        and not any(name == p or name.startswith(p + ".") for p in UI_PACKAGES)
    ]


CHECK = r"""
import importlib, json, sys
culprits = []
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
    if "textual" in sys.modules and not culprits:
        culprits.append(name)
print(json.dumps({"culprits": culprits, "textual": "textual" in sys.modules}))
"""


def test_domain_modules_import_without_textual():
    names = non_ui_modules()
    assert CORE <= set(names)
    assert not any(m.startswith("family_tui.screens") or m == "family_tui.app" for m in names)

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", CHECK, json.dumps(names)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report == {"culprits": [], "textual": False}, (
        f"{report['culprits'][0]} pulls in Textual; keep UI imports in app.py, screens/ and ui_support/"
    )


def test_the_check_would_notice_textual():
    """Guard against a check that cannot fail: a module that loads Textual is named."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", CHECK, json.dumps(["family_tui.domain.models", "textual.app"])],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"culprits": ["textual.app"], "textual": True}
