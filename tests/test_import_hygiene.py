"""The domain never imports Textual: models, storage, schedule, reports run without a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "family_tui"

# The user interface and what starts it; everything else must work without Textual.
UI_MODULES = {"family_tui.app", "family_tui.launch", "family_tui.__main__"}
UI_PACKAGES = ("family_tui.screens", "family_tui.widgets", "family_tui.ui")
CORE = {"family_tui.models", "family_tui.storage", "family_tui.schedule", "family_tui.clock"}


def non_ui_modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        name = ".".join(parts)
        if name in UI_MODULES or any(name == p or name.startswith(p + ".") for p in UI_PACKAGES):
            continue
        names.append(name)
    return names


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
    modules = non_ui_modules()
    assert CORE <= set(modules)
    assert not any(m.startswith("family_tui.screens") or m == "family_tui.app" for m in modules)

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", CHECK, json.dumps(modules)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report == {"culprits": [], "textual": False}, (
        f"{report['culprits'][0]} pulls in Textual; keep UI imports in app.py and screens/"
    )


def test_the_check_would_notice_textual():
    """Guard against a check that cannot fail: a module that loads Textual is named."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", CHECK, json.dumps(["family_tui.models", "textual.app"])],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"culprits": ["textual.app"], "textual": True}
