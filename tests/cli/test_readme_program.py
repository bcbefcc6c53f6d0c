"""The README's home-program example imports as it stands, and names every key the format has."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import tomli_w

from .conftest import REPO

UNKNOWN = "zz_not_a_key"


def readme_program() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The home program file", 1)[1]
    return re.search(r"```toml\n(.*?)```", section, re.DOTALL).group(1)


def test_the_readme_example_imports(cli, tmp_path: Path):
    program = tmp_path / "program.toml"
    program.write_text(readme_program(), encoding="utf-8")

    result = cli("import", program)

    assert result.code == 0, result.err
    assert "child Leo" in result.out and "strategy S-words at breakfast" in result.out


def test_the_readme_example_names_every_key_of_the_format(cli, tmp_path: Path):
    """import lists the keys allowed where it meets an unknown one: each must be in the README."""
    example = tomllib.loads(readme_program())
    goal = example["goals"][0]
    tables = {
        "": example,
        "children[0]": example["children"][0],
        "caregivers[0]": example["caregivers"][0],
        "therapists[0]": example["therapists"][0],
        "routines[0]": example["routines"][0],
        "goals[0]": goal,
        "goals[0].mastery": goal["mastery"],
        "goals[0].strategies[0]": goal["strategies"][0],
    }
    for table in tables.values():
        table[UNKNOWN] = 1
    program = tmp_path / "program.toml"
    program.write_bytes(tomli_w.dumps(example).encode())

    result = cli("import", program, "--dry-run")

    # "program.toml: goals[0].mastery: unknown key ...; the keys allowed here are: percent, days, level"
    found = re.findall(
        r"program\.toml: (?:([\w\[\].]+)(?: \([^)]*\))?: )?unknown key \""
        + UNKNOWN
        + r"\"; the keys allowed here are: ([a-z_, ]+)",
        result.err,
    )
    assert sorted(where for where, _ in found) == sorted(tables), result.err
    # A strategy's keys go with one measure or another (sides with seconds, steps with steps):
    # the example's strategies name them between them.
    strategy_keys = {key for g in example["goals"] for s in g.get("strategies", []) for key in s}
    for where, keys in found:
        named = strategy_keys if where == "goals[0].strategies[0]" else tables[where]
        missing = [key for key in keys.split(", ") if key not in named]
        assert not missing, f"the README's example leaves out {missing} in {where or 'the file'}"
