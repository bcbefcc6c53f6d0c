"""The wheel carries the app, the widgets and the shipped data, and runs from anywhere."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is not on PATH")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([uv, "build", "--wheel", "--out-dir", str(out), str(ROOT)], check=True, capture_output=True)
    return next(out.glob("family_tui-*.whl"))


def test_wheel_contains_both_packages_and_the_data(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    assert "family_tui/app.tcss" in names
    assert "family_tui/widgets/checklist.py" in names
    assert "family_tui/_data/demo-family.toml" in names
    assert "family_tui/_data/starter-library.toml" in names


def test_wheel_claims_no_top_level_name_but_family_tui(wheel: Path):
    """A top-level ``widgets`` package would be overwritten by, or delete, another distribution's."""
    tops = {name.split("/", 1)[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert tops == {"family_tui", wheel.name.split("-")[0] + "-" + wheel.name.split("-")[1] + ".dist-info"}


def test_installed_wheel_finds_its_data_from_another_directory(wheel: Path, tmp_path: Path):
    uv = shutil.which("uv")
    venv = tmp_path / "venv"
    subprocess.run([uv, "venv", "--python", sys.executable, str(venv)], check=True, capture_output=True)
    python = venv / "bin" / "python"
    subprocess.run([uv, "pip", "install", "--python", str(python), str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "from family_tui.domain.locations import demo_program_file, starter_library_file;"
        "import family_tui.widgets.checklist;"
        "print(demo_program_file()); assert demo_program_file().is_file(); assert starter_library_file().is_file()"
    )
    result = subprocess.run([str(python), "-c", script], cwd=elsewhere, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "site-packages" in result.stdout
    help_run = subprocess.run(
        [str(venv / "bin" / "family-tui"), "--help"], cwd=elsewhere, capture_output=True, text=True
    )
    assert help_run.returncode == 0 and "--data-dir" in help_run.stdout
