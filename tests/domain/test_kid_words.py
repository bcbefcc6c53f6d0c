"""A strategy's words and emoji for the child's chart: read from the file, checked by place, written back unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from family_tui.domain.program_file import ProgramFileError, load_program_file, program_to_toml
from family_tui.domain.text import symbol_count

PROGRAM = """\
format = "family-tui/program@1"

[[children]]
id = "maya"
name = "Maya"

[[routines]]
id = "bath"
name = "Bath time"
time = "18:30"

[[goals]]
id = "balance"
child = "maya"
discipline = "PT"
title = "Stand on one foot for 10 seconds"

  [[goals.strategies]]
  id = "flamingo"
  title = "Flamingo stand into pajamas"
  routines = ["bath"]
{extra}
  [[goals.strategies]]
  id = "plain"
  title = "Heel-to-toe walk"
  routines = ["bath"]
"""


def write(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "program.toml"
    path.write_text(PROGRAM.format(extra=extra), encoding="utf-8")
    return path


def test_kid_title_and_emoji_are_read_and_written_back_unchanged(tmp_path: Path):
    program = load_program_file(write(tmp_path, '  kid_title = "Flamingo stand"\n  kid_emoji = "🦩"\n'))
    flamingo, plain = program.strategies
    assert (flamingo.kid_title, flamingo.kid_emoji) == ("Flamingo stand", "🦩")
    assert (plain.kid_title, plain.kid_emoji) == ("", "")

    text = program_to_toml(program)
    assert 'kid_title = "Flamingo stand"' in text and 'kid_emoji = "🦩"' in text
    assert text.count("kid_title") == 1, "a strategy without them is written without them"
    again = tmp_path / "again.toml"
    again.write_text(text, encoding="utf-8")
    assert load_program_file(again) == program


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (
            '  kid_title = "' + "Stand like a flamingo " * 3 + '"\n',
            "goals[0].strategies[0].kid_title: is 66 characters long; please keep it under 40",
        ),
        (
            '  kid_emoji = "Flamingo"\n',
            'goals[0].strategies[0].kid_emoji: is 8 symbols long; use one emoji (two at most), such as "🦩"; '
            "the words go in kid_title",
        ),
        (
            '  kid_emoji = "🦩 "\n',
            'goals[0].strategies[0].kid_emoji: should be one emoji with no spaces around it, such as "🦩"',
        ),
        ("  kid_emoji = 3\n", "goals[0].strategies[0].kid_emoji: should be text in quotes"),
    ],
)
def test_a_wrong_kid_title_or_emoji_is_refused_by_place(tmp_path: Path, lines: str, message: str):
    with pytest.raises(ProgramFileError) as refused:
        load_program_file(write(tmp_path, lines))
    assert message in str(refused.value)


@pytest.mark.parametrize(
    ("text", "count"),
    [("🦩", 1), ("👍🏽", 1), ("👨‍👩‍👧", 1), ("🇫🇷", 1), ("⭐️", 1), ("1️⃣", 1), ("🐍🛁", 2), ("S", 1), ("abc", 3)],
)
def test_an_emoji_counts_as_one_symbol_however_many_code_points_make_it(text: str, count: int):
    assert symbol_count(text) == count
