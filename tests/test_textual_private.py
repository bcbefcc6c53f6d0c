"""The code that leans on Textual's private parts runs on the Textual it was checked on.

Textual may change a private method or attribute in any release, and then these modules
crash or draw wrong (``widgets/textual_checked.py``). So: an installed Textual other than
the one they were checked on fails here, naming them; each names that version in its
docstring; the pin's comment in pyproject.toml lists them; and a module that starts
using a private without being listed fails here too.
"""

from __future__ import annotations

import ast
import functools
import importlib
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import textual

from family_tui.widgets.textual_checked import LEANS_ON_TEXTUAL_PRIVATES, TEXTUAL_CHECKED

ROOT = Path(__file__).resolve().parent.parent
# Where Textual objects live (the layer contracts keep Textual out of the others).
UI_CODE = ["family_tui/app.py", "family_tui/screens", "family_tui/ui_support", "widgets"]
# Class attributes Textual's metaclass gives every DOM class: not an override of ours.
MADE_BY_TEXTUAL = {
    "_computes",
    "_css_type_name",
    "_css_type_names",
    "_decorated_handlers",
    "_inherit_bindings",
    "_inherit_component_classes",
    "_inherit_css",
    "_merged_bindings",
    "_reactives",
    "_abc_impl",
}
# Private by name only: the documented API of named tuples and enums.
NOT_TEXTUAL = {"_replace", "_asdict", "_fields", "_make", "_value2member_map_", "_member_map_"}


def ui_modules() -> list[Path]:
    found: list[Path] = []
    for entry in UI_CODE:
        path = ROOT / entry
        found += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return found


def listed() -> str:
    return "\n  ".join(LEANS_ON_TEXTUAL_PRIVATES)


def test_the_installed_textual_is_the_one_the_private_uses_were_checked_on():
    installed = version("textual")
    assert installed == TEXTUAL_CHECKED, (
        f"Textual {installed} is installed; these modules use Textual privates checked on "
        f"{TEXTUAL_CHECKED} only. Check each against {installed}, then move TEXTUAL_CHECKED "
        f"(widgets/textual_checked.py), their docstrings and the pin in pyproject.toml:\n  {listed()}"
    )


def test_the_pin_is_the_checked_version_and_its_comment_lists_every_module():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f"textual=={TEXTUAL_CHECKED}" in tomllib.loads(text)["project"]["dependencies"]
    lines = text.splitlines()
    pin = next(n for n, line in enumerate(lines) if line.strip().startswith('"textual=='))
    comment = []
    for line in reversed(lines[:pin]):
        if not line.strip().startswith("#"):
            break
        comment.append(line)
    comment_text = " ".join(comment)
    missing = [module for module in LEANS_ON_TEXTUAL_PRIVATES if module not in comment_text]
    assert not missing, f"the comment above the textual pin in pyproject.toml should name {missing}"


def test_each_module_names_the_checked_version_in_its_docstring():
    wrong = []
    for module in LEANS_ON_TEXTUAL_PRIVATES:
        docstring = ast.get_docstring(ast.parse((ROOT / module).read_text(encoding="utf-8"))) or ""
        if f"Textual {TEXTUAL_CHECKED}" not in docstring:
            wrong.append(module)
    assert not wrong, f"these docstrings should say 'checked on Textual {TEXTUAL_CHECKED}': {wrong}"


def test_every_textual_version_the_code_names_is_the_checked_one():
    named = {
        (path.relative_to(ROOT).as_posix(), found)
        for path in ui_modules()
        for found in re.findall(r"Textual (\d+\.\d+\.\d+)", path.read_text(encoding="utf-8"))
        if found != TEXTUAL_CHECKED
    }
    assert not named, f"checked on {TEXTUAL_CHECKED}, but these name another Textual: {sorted(named)}"


def textual_private_names() -> frozenset[str]:
    """Every ``_name`` Textual defines: methods, class attributes and attributes set on self."""
    return textual_parsed()[0]


def own_names(tree: ast.Module) -> set[str]:
    """The ``_names`` a module defines itself (its own helpers and attributes)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Attribute):
            names.add(node.target.attr)
    return names


def set_on_self() -> dict[tuple[str, str], frozenset[str]]:
    """(module, class) -> the ``_names`` each Textual class sets on self."""
    return textual_parsed()[1]


@functools.cache
def textual_parsed() -> tuple[frozenset[str], dict[tuple[str, str], frozenset[str]]]:
    """One parse of Textual's source: every private name, and what each class sets on self."""
    names: set[str] = set()
    on_self: dict[tuple[str, str], frozenset[str]] = {}
    package = Path(textual.__file__).parent
    for path in package.rglob("*.py"):
        module = ".".join(("textual", *path.relative_to(package).with_suffix("").parts)).removesuffix(".__init__")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.ClassDef):
                on_self[module, node.name] = frozenset(
                    inner.attr
                    for inner in ast.walk(node)
                    if isinstance(inner, ast.Attribute) and isinstance(inner.ctx, ast.Store) and is_self(inner.value)
                )
    private = frozenset(n for n in names if n.startswith("_") and not n.startswith("__"))
    return private, on_self


def names_of(base: type) -> set[str]:
    """The ``_names`` one Textual class defines: its attributes and what it sets on self."""
    names = set(vars(base)) | set_on_self().get((base.__module__, base.__name__), frozenset())
    return {n for n in names - MADE_BY_TEXTUAL if n.startswith("_") and not n.startswith("__")}


def is_self(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "self"


def private_uses(path: Path) -> set[str]:
    """Textual privates a module imports, reads, sets, calls or overrides."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    textual_names, own = textual_private_names(), own_names(tree)
    module_name = "family_tui." + path.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
    module = importlib.import_module(module_name.replace("family_tui.family_tui.", "family_tui."))
    uses: set[str] = set()
    in_textual_class: set[int] = set()
    for cls_node in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
        cls = getattr(module, cls_node.name, None)
        if not isinstance(cls, type):
            continue
        inherited = set().union(*(names_of(b) for b in cls.__mro__[1:] if b.__module__.startswith("textual")))
        if not inherited:
            continue
        for node in ast.walk(cls_node):
            in_textual_class.add(id(node))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in inherited:
                uses.add(f"{cls.__name__}.{node.name} (overridden)")
            elif isinstance(node, ast.Attribute) and is_self(node.value) and node.attr in inherited:
                uses.add(f"self.{node.attr}")
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual"):
            if any(part.startswith("_") for part in (node.module or "").split(".")):
                uses.add(node.module or "")
            uses |= {alias.name for alias in node.names if alias.name.startswith("_")}
        elif isinstance(node, ast.Attribute) and node.attr in textual_names and node.attr not in NOT_TEXTUAL:
            if is_self(node.value) and id(node) in in_textual_class:
                continue  # decided above, against the class's own Textual bases
            on_super = isinstance(node.value, ast.Call) and getattr(node.value.func, "id", None) == "super"
            if on_super or node.attr not in own:
                uses.add(node.attr)
    return uses


def test_every_module_that_uses_a_textual_private_is_listed():
    unlisted = {}
    for path in ui_modules():
        relative = path.relative_to(ROOT).as_posix()
        if relative in LEANS_ON_TEXTUAL_PRIVATES:
            continue
        uses = private_uses(path)
        if uses:
            unlisted[relative] = sorted(uses)
    assert not unlisted, (
        "these modules use Textual privates: add them to LEANS_ON_TEXTUAL_PRIVATES "
        f"(widgets/textual_checked.py), the pin's comment and their docstrings: {unlisted}"
    )


def test_the_check_finds_the_privates_the_listed_modules_use():
    """The search above is not blind: it finds the uses each listed module documents."""
    missed = [module for module in LEANS_ON_TEXTUAL_PRIVATES if not private_uses(ROOT / module)]
    assert not missed, f"listed, but no Textual private found in {missed}"
