"""`family-tui set-pin`, and `family-tui --kiosk` refusing to start without a PIN."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from family_tui import cli
from family_tui.domain.pin import verify_pin
from family_tui.storage import FamilyStore

PIN = "97531"


def set_pin(monkeypatch, data_dir: Path, typed: str) -> int:
    """Run set-pin with ``typed`` on standard input (not a terminal: one PIN a line)."""
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    return cli.main(["--data-dir", str(data_dir), "set-pin"])


def stored_hash(data_dir: Path) -> str | None:
    return FamilyStore(data_dir).settings().pin_hash


def test_two_matching_lines_set_the_pin(monkeypatch, data_dir, capsys):
    assert set_pin(monkeypatch, data_dir, f"{PIN}\n{PIN}\n") == 0
    assert "Parent PIN set" in capsys.readouterr().out
    assert verify_pin(PIN, stored_hash(data_dir))


def test_only_the_hash_is_stored(monkeypatch, data_dir):
    set_pin(monkeypatch, data_dir, f"{PIN}\n{PIN}\n")
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert PIN not in path.read_text(errors="replace"), path
    assert stored_hash(data_dir).startswith("scrypt$")


def test_windows_line_endings_are_fine(monkeypatch, data_dir):
    assert set_pin(monkeypatch, data_dir, f"{PIN}\r\n{PIN}\r\n") == 0
    assert verify_pin(PIN, stored_hash(data_dir))


def test_two_different_pins_change_nothing(monkeypatch, data_dir, capsys):
    set_pin(monkeypatch, data_dir, "1111\n1111\n")
    before = stored_hash(data_dir)
    assert set_pin(monkeypatch, data_dir, f"{PIN}\n{PIN}0\n") == 1
    assert "different" in capsys.readouterr().err
    assert stored_hash(data_dir) == before and verify_pin("1111", before)


@pytest.mark.parametrize("bad", ["123", "12ab", "1234567890123", ""])
def test_a_pin_that_is_not_4_to_12_digits_changes_nothing(monkeypatch, data_dir, capsys, bad):
    assert set_pin(monkeypatch, data_dir, f"{bad}\n{bad}\n") == 1
    err = capsys.readouterr().err
    assert "4 to 12 digits" in err and "Nothing was changed" in err
    assert stored_hash(data_dir) is None


def test_no_input_at_all_changes_nothing(monkeypatch, data_dir, capsys):
    assert set_pin(monkeypatch, data_dir, "") == 1
    assert "No PIN" in capsys.readouterr().err
    assert stored_hash(data_dir) is None


def test_a_pin_too_short_is_asked_for_again(monkeypatch, data_dir, capsys):
    assert set_pin(monkeypatch, data_dir, f"123\n{PIN}\n{PIN}\n") == 0
    captured = capsys.readouterr()
    assert "4 to 12 digits" in captured.err and "try again" in captured.err
    assert "Parent PIN set" in captured.out
    assert verify_pin(PIN, stored_hash(data_dir))


def test_two_different_pins_are_asked_for_again(monkeypatch, data_dir, capsys):
    assert set_pin(monkeypatch, data_dir, f"{PIN}\n{PIN}0\n{PIN}\n{PIN}\n") == 0
    assert "different" in capsys.readouterr().err
    assert verify_pin(PIN, stored_hash(data_dir))


def test_three_bad_tries_give_up_and_change_nothing(monkeypatch, data_dir, capsys):
    set_pin(monkeypatch, data_dir, "1111\n1111\n")
    before = stored_hash(data_dir)
    # Too short, not the same twice, letters; the fourth, good, entry is never read.
    typed = f"12\n{PIN}\n{PIN}1\n12ab\n{PIN}\n{PIN}\n"
    assert set_pin(monkeypatch, data_dir, typed) == 1
    err = capsys.readouterr().err
    assert err.count("Please try again") == 2
    assert "4 to 12 digits" in err and "different" in err
    assert "No PIN was set after 3 tries" in err and "Nothing was changed" in err
    assert stored_hash(data_dir) == before and verify_pin("1111", before)


# -- kiosk mode needs the PIN first ----------------------------------------------------


def test_kiosk_without_a_pin_says_how_to_set_one_and_exits_1(monkeypatch, data_dir, capsys):
    from family_tui.app import FamilyApp

    def must_not_run(self, *args, **kwargs):
        raise AssertionError("the app started without a PIN")

    monkeypatch.setattr(FamilyApp, "run", must_not_run)
    assert cli.main(["--data-dir", str(data_dir), "--kiosk"]) == 1
    err = capsys.readouterr().err
    assert "family-tui set-pin" in err and "PIN" in err


def test_kiosk_starts_once_the_pin_is_set(monkeypatch, data_dir):
    from family_tui.app import FamilyApp

    started: list[FamilyApp] = []

    def run(self, *args, **kwargs) -> None:
        started.append(self)
        self.parent_quit = True  # as if a parent quit with the PIN: the kiosk restarts after anything else

    monkeypatch.setattr(FamilyApp, "run", run)
    set_pin(monkeypatch, data_dir, f"{PIN}\n{PIN}\n")
    monkeypatch.setenv("TEXTUAL_ALLOW_SIGNALS", "1")
    assert cli.main(["--data-dir", str(data_dir), "--kiosk"]) == 0
    assert len(started) == 1 and started[0].kiosk
    # ctrl+c and ctrl+z must reach the app as keys, not as signals that stop it.
    assert "TEXTUAL_ALLOW_SIGNALS" not in os.environ
