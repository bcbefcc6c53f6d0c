"""One rule for writes: every change to the family's data goes through ``family_tui/usecases/``.

The app, its screens, ``ui_support``, the widgets and the commands (``family_tui/cli``) read
the store as they like but never call one of its writing methods themselves (see ``family_tui/usecases/__init__.py``).
Read from the source, like the import checks in ``tests/test_layers.py``.
"""

from __future__ import annotations

import ast
import inspect

from family_tui.storage import FamilyStore
from tests.test_layers import modules

WRITES = frozenset(
    {
        "save",
        "save_many",
        "update",
        "update_many",
        "delete",
        "apply_changes",
        "reorder",
        "save_settings",
        "update_settings",
        "record_practice",
        "record_many",
        "remove_practice",
        "remove_practice_of",
    }
)
"""FamilyStore's methods that change the family's data."""

UPKEEP = frozenset({"verify", "fold", "fold_journals", "wait_for_folds", "daily_maintenance", "try_daily_maintenance"})
"""Methods that rewrite files but leave the data as it was: folding journals, the daily backup, checking."""

READS = frozenset(
    {
        "all_practice",
        "change_token",
        "history_summarised",
        "history_token",
        "last_practice",
        "list_backups",
        "newest_backup",
        "notes",
        "notes_glance",
        "practice_between",
        "practice_history",
        "practice_months",
        "practice_on",
        "problems",
        "notices",
        "also_written",
        "program",
        "schema_version",
        "settings",
        "skip_days",
        "wins",
        "wins_since",
    }
)

SHARED_NAMES = frozenset({"save", "update", "delete", "reorder"})
"""Writing methods whose names Textual uses too (``Static.update``): counted only on something called a store."""

CHECKED = ("family_tui.app", "family_tui.screens", "family_tui.ui_support", "family_tui.widgets", "family_tui.cli")


def _looks_like_a_store(node: ast.expr) -> bool:
    """``store``, ``self.store``, ``app.store``, ``self.family_app.store``, ``new_store`` ..."""
    if isinstance(node, ast.Name):
        return "store" in node.id.lower()
    if isinstance(node, ast.Attribute):
        return "store" in node.attr.lower()
    return False


def store_writes(source: str) -> list[str]:
    """Every writing method of the store the code reaches for (called, or handed on), with its line."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Attribute) or node.attr not in WRITES:
            continue
        if node.attr in SHARED_NAMES and not _looks_like_a_store(node.value):
            continue
        found.append((node.lineno, ast.unparse(node)))
    return [f"line {line}: {text}" for line, text in sorted(found)]


def test_every_method_of_the_store_is_sorted_into_writes_upkeep_or_reads():
    """A new method of FamilyStore must be put in one of the lists, so that a new write is checked too."""
    public = {name for name, _ in inspect.getmembers(FamilyStore) if not name.startswith("_")}
    assert not (WRITES & UPKEEP or WRITES & READS or UPKEEP & READS)
    assert public == WRITES | UPKEEP | READS, (
        f"not sorted: {sorted(public - WRITES - UPKEEP - READS)}; gone: {sorted((WRITES | UPKEEP | READS) - public)}"
    )


def test_the_ui_and_the_commands_change_the_data_only_through_use_cases():
    checked = {
        name: path
        for name, (path, _) in modules().items()
        if any(name == top or name.startswith(top + ".") for top in CHECKED)
    }
    assert {"family_tui.screens.note_actions", "family_tui.widgets.footer", "family_tui.cli.handlers"} <= set(checked)
    offenders = {
        name: found for name, path in checked.items() if (found := store_writes(path.read_text(encoding="utf-8")))
    }
    assert not offenders, f"write through a function in family_tui/usecases/ instead (see its docstring): {offenders}"


def test_the_check_sees_a_write_and_leaves_a_widget_alone():
    """Guard against a check that cannot fail, or that fails on every ``Static.update``."""
    source = """
def f(self, store, record, changed):
    self.family_app.store.update(record, changed)
    store.reorder(Child, ["a"])
    later = app.store.delete
    self.log.update_settings(caregiver="x")
    self.query_one(Static).update("not the store")
    self.widget.save()
"""
    assert store_writes(source) == [
        "line 3: self.family_app.store.update",
        "line 4: store.reorder",
        "line 5: app.store.delete",
        "line 6: self.log.update_settings",
    ]
