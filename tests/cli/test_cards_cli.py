"""``family-tui cards``: the right child, the place, the caregiver's days, the level of help, clear errors."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest

from family_tui.cli import main
from family_tui.clock import FixedClock
from family_tui.domain.models import Assistance, Caregiver, Child, PracticeEntry, Setting, Weekday
from family_tui.domain.program_file import ProgramFileError, load_program_file, program_to_toml
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


# -- cards for each adult ----------------------------------------------------------------------


def test_the_demo_sitters_cards_are_for_tuesday_and_thursday(capsys):
    assert main(["--demo", "cards", "--caregiver", "sitter"], clock=FixedClock(datetime(2026, 12, 7, 9))) == 0
    page = capsys.readouterr().out
    assert '<p class="place">For Sam (sitter), on Tue and Thu</p>' in page
    assert page.count('<p class="call">Questions? Call Mom or Dad.</p>') == 2  # Leo's sheet and Maya's
    assert "Yes: stop on a success." in page  # the therapist's answer to the family's question
    cards = page.split('<article class="card">')[1:]
    assert len(cards) >= 10
    for card in cards:
        assert '<span class="label">Mark and send home:</span>' in card
        assert [day.split("<", 1)[0] for day in card.split('<span class="day">')[1:]] == ["Tue", "Thu"]
        assert "<dt>When</dt><dd>At home: at " in card  # the family's practice, not the sitter's routines
    assert "<dd>At Breakfast" not in page


def test_a_caregiver_gets_only_what_falls_on_their_days(cli, seeded):
    seeded.save(Caregiver(id="rose", name="Grandma Rose", days=[Weekday.SAT, Weekday.SUN]))
    page = cli("cards", "--child", "Leo", "--caregiver", "rose").out
    assert "S-words at breakfast" in page and "S-toys in the bath" in page
    assert "Buttons from the bottom up" not in page  # dressing is on weekdays only
    assert page.count('<span class="day">Sat<span class="box"></span></span>') == 2
    assert '<span class="day">Mon' not in page
    # Without --caregiver every card is there.
    assert "Buttons from the bottom up" in cli("cards", "--child", "Leo").out


def test_an_unknown_caregiver_lists_the_caregivers_and_writes_nothing(cli, seeded, tmp_path: Path):
    target = tmp_path / "cards.html"
    result = cli("cards", "--caregiver", "Bob", "-o", target)
    assert result.code == 1
    assert result.err == 'family-tui: No caregiver called "Bob". Caregivers: Mom (id mom), Dad (id dad).\n'
    assert not target.exists()


def test_the_parents_are_marked_in_the_program_file_and_written_back(cli, program_file, example_text):
    text = example_text.replace('name = "Dad"\n', 'name = "Dad"\nparent = true\n')
    program = load_program_file(program_file(text))
    assert [c.name for c in program.caregivers if c.parent] == ["Dad"]
    written = program_to_toml(program)
    assert 'name = "Dad"\nparent = true\n' in written and written.count("parent = true") == 1
    assert load_program_file(program_file(written, "again.toml")) == program
    assert cli("import", program_file(text)).code == 0
    assert '<p class="call">Questions? Call Dad.</p>' in cli("cards", "--caregiver", "Grandpa Joe").out
    with pytest.raises(ProgramFileError, match=r"caregivers\[1\]\.parent: should be true or false"):
        load_program_file(program_file(text.replace("parent = true", 'parent = "yes"')))
