"""``family-tui cards``: the right child, the place, the level of help, clear errors."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from family_tui.domain.models import Assistance, Child, PracticeEntry, Setting
from family_tui.storage import FamilyStore
from family_tui.usecases.cards import cards_file_path, run_cards, write_cards_file


def practised(day: int, strategy: str, level: Assistance, setting: Setting = Setting.HOME) -> PracticeEntry:
    stamp = datetime.combine(date(2026, 11, day), time(8, 0))
    return PracticeEntry(
        date=date(2026, 11, day),
        child="leo",
        strategy=strategy,
        routine="breakfast",
        assistance=level,
        setting=setting,
        created_at=stamp,
        updated_at=stamp,
    )


@pytest.fixture
def seeded(store: FamilyStore) -> FamilyStore:
    """Leo's S-words: a model at school, verbal cues at home lately. Buttons: practised in September only."""
    store.record_many(
        [
            practised(20, "snack-s", Assistance.MODEL, Setting.SCHOOL),
            practised(24, "snack-s", Assistance.VERBAL),
            practised(25, "snack-s", Assistance.VERBAL),
            PracticeEntry(
                date=date(2026, 9, 1),
                child="leo",
                strategy="buttons",
                routine="dressing",
                created_at=datetime(2026, 9, 1, 8),
                updated_at=datetime(2026, 9, 1, 8),
            ),
        ]
    )
    return store


def card_of(page: str, title: str) -> str:
    """The HTML of the card whose strategy is ``title``."""
    start = page.index(f"</span>{title}</p>")
    return page[start : page.index("</article>", start)]


def test_every_childs_cards_on_standard_output(cli, seeded):
    result = cli("cards")
    assert result.code == 0, result.err
    assert result.out.startswith("<!DOCTYPE html>")
    assert "<h1>Cue cards</h1>" in result.out
    assert "<h2>Leo</h2>" in result.out and "<h2>Maya</h2>" in result.out
    assert "Leo&#x27;s therapists: Ms. Rivera (speech therapy)." in result.out
    assert result.out.count('<article class="card">') == 4
    assert "“Lips tight like a fish”" in result.out
    assert "Made on 26 November 2026" in result.out


def test_the_level_of_help_comes_from_recent_practice(cli, seeded):
    page = cli("cards", "--child", "leo").out
    assert "<strong>Verbal cue.</strong> Lately, Leo needs a spoken reminder" in card_of(page, "S-words at breakfast")
    assert "Not practised yet: start with the cue words; if Leo needs more" in card_of(page, "S-toys in the bath")
    assert "Not practised lately: start with the cue words" in card_of(page, "Buttons from the bottom up")


@pytest.mark.parametrize(
    ("word", "heading", "where"), [("school", "For school", "at school"), ("daycare", "For daycare", "at daycare")]
)
def test_a_setting_heads_the_page_and_reads_the_level_there(cli, seeded, word, heading, where):
    page = cli("cards", "--child", "Leo", "--setting", word).out
    assert f'<p class="place">{heading}</p>' in page
    assert f"<title>Leo&#x27;s cue cards — {heading}</title>" in page
    assert f"<strong>Model.</strong> Lately {where}, Leo needs to see it done" in card_of(page, "S-words at breakfast")
    assert page.count('<article class="card">') == 3  # every card still: the same cues everywhere


def test_an_unknown_setting_is_refused_by_the_command_line(cli, seeded, capsys):
    with pytest.raises(SystemExit) as stopped:
        cli("cards", "--setting", "moon")
    assert stopped.value.code == 2
    assert "invalid choice: 'moon'" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["Leo", "leo", "LEO", " Leo "])
def test_child_by_name_any_case_or_id(cli, seeded, name):
    result = cli("cards", "--child", name)
    assert result.code == 0, result.err
    assert "<h1>Leo&#x27;s cue cards</h1>" in result.out
    assert "Maya" not in result.out


def test_child_by_first_name_without_its_accent(cli, store):
    store.save(Child(id="zoe", name="Zoë Parker"))
    result = cli("cards", "--child", "zoe parker")
    assert result.code == 0, result.err
    assert "<h1>Zoë Parker&#x27;s cue cards</h1>" in result.out
    assert cli("cards", "--child", "ZOE").out == result.out


def test_unknown_child_lists_the_children_and_writes_nothing(cli, seeded, tmp_path: Path):
    target = tmp_path / "cards.html"
    result = cli("cards", "--child", "Bob", "-o", target)
    assert result.code == 1
    assert result.out == ""
    assert result.err == (
        'family-tui: No child called "Bob". Children: Leo (id leo), Maya (id maya). '
        "Give a name, an id, or a first name only one child has.\n"
    )
    assert not target.exists()


def test_output_file_is_written_and_named_on_stderr(cli, seeded, tmp_path: Path):
    target = tmp_path / "cue-cards.html"
    result = cli("cards", "--setting", "home", "-o", target)
    assert result.code == 0, result.err
    assert result.out == ""
    assert f"Wrote {target}" in result.err
    assert target.read_text(encoding="utf-8") == run_cards(seeded, setting="home")


def test_an_unwritable_file_exits_1_with_a_message(cli, seeded, tmp_path: Path):
    result = cli("cards", "-o", tmp_path / "nowhere" / "cards.html")
    assert result.code == 1
    assert result.err.startswith("family-tui: Could not write ")
    assert "No such file or directory" in result.err


def test_write_cards_file_goes_into_reports(seeded, data_dir):
    path = write_cards_file(seeded, "leo")
    assert path == cards_file_path(data_dir, date(2026, 11, 26), "leo")
    assert path == data_dir / "reports" / "cue-cards-leo-2026-11-26.html"
    assert path.read_text(encoding="utf-8") == run_cards(seeded, child="leo")
