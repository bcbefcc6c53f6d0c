"""A strategy's ``media`` link: read from the program file, checked by place, written back unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from family_tui.domain.program_file import ProgramFileError, load_program_file, program_to_toml

PROGRAM = """\
format = "family-tui/program@1"

[[children]]
id = "maya"
name = "Maya"

[[routines]]
id = "snack"
name = "Snack time"
time = "15:30"

[[goals]]
id = "lips"
child = "maya"
discipline = "SLP"
title = "Round lips for /oo/"

  [[goals.strategies]]
  id = "plain"
  title = "Blow bubbles"
  routines = ["snack"]

  [[goals.strategies]]
  id = "straw"
  title = "Straw sips"
  routines = ["snack"]
{extra}"""


def write(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "program.toml"
    path.write_text(PROGRAM.format(extra=extra), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "link",
    [
        "https://example.org/straw-sips",
        "http://example.org/straw-sips?t=30#how",
        "HTTPS://Example.org:8443/ströh",  # kept as typed, case and all
    ],
)
def test_a_link_is_read_and_written_back_unchanged(tmp_path: Path, link: str):
    program = load_program_file(write(tmp_path, f'  media = "{link}"\n'))
    plain, straw = program.strategies
    assert (plain.media, straw.media) == ("", link)

    text = program_to_toml(program)
    assert f'media = "{link}"' in text
    assert text.count("media") == 1, "a strategy without a link is written without one"
    again = tmp_path / "again.toml"
    again.write_text(text, encoding="utf-8")
    assert load_program_file(again) == program


ONLY_WEB = 'goals[0].strategies[1].media: only http:// or https:// links can be opened and printed, such as "https://'


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"javascript:alert(1)"', ONLY_WEB),
        ('"file:///home/mom/video.mp4"', ONLY_WEB),
        ('"ftp://example.org/straw.mp4"', ONLY_WEB),
        ('"example.org/straw-sips"', ONLY_WEB),
        ('"/home/mom/straw.mp4"', ONLY_WEB),
        ('"javascript:x//https://example.org"', ONLY_WEB),
        ('"https://"', "goals[0].strategies[1].media: needs the name of a site after https://"),
        ('"https://example.org:port/"', "goals[0].strategies[1].media: needs the name of a site after https://"),
        ('"https://[::1/x"', "goals[0].strategies[1].media: needs the name of a site after https://"),
        ('"https://example.org/straw sips"', "goals[0].strategies[1].media: contains a space; a link has none"),
        ('" https://example.org/straw"', "goals[0].strategies[1].media: contains a space; a link has none"),
        ("'https://example.org/<b>'", "goals[0].strategies[1].media: contains <; a link has none"),
        ("'https://example.org/\"x'", 'goals[0].strategies[1].media: contains "; a link has none'),
        (
            r'"https://example.org/\u001b]8;;x"',
            "goals[0].strategies[1].media: contains a control character (U+001B)",
        ),
        (
            r'"https://example.org/\u202egro.elgoog"',
            "goals[0].strategies[1].media: contains an invisible character (U+202E)",
        ),
        (
            '"https://example.org/' + "a" * 290 + '"',
            "goals[0].strategies[1].media: is 310 characters long; please keep it under 300",
        ),
        ("3", "goals[0].strategies[1].media: should be text in quotes"),
    ],
)
def test_a_link_that_is_not_a_web_address_is_refused_by_place(tmp_path: Path, value: str, message: str):
    with pytest.raises(ProgramFileError) as refused:
        load_program_file(write(tmp_path, f"  media = {value}\n"))
    assert message in str(refused.value)
