"""``measure``, ``sides`` and ``steps`` on a strategy in a home-program file (issue 26, point 4).

Read, checked with messages by place, exported so that the export imports back unchanged.
"""

from __future__ import annotations

import pytest

from family_tui.domain.models import Measure, Side
from family_tui.storage import FamilyStore

PROGRAM = """\
format = "family-tui/program@1"

[[children]]
id = "maya"
name = "Maya"

[[routines]]
id = "bath"
name = "Bath time"
time = "19:00"

[[goals]]
id = "maya-balance"
child = "maya"
discipline = "PT"
title = "Stand on one foot"
target = "10 seconds on each foot"

  [[goals.strategies]]
  id = "flamingo"
  title = "Flamingo stand"
  routines = ["bath"]
  {flamingo}

[[goals]]
id = "maya-words"
child = "maya"
discipline = "SLP"
title = "Say /s/"

  [[goals.strategies]]
  id = "s-words"
  title = "S-words in the bath"
  routines = ["bath"]
  {speech}
"""


def text(flamingo: str = "", speech: str = "") -> str:
    return PROGRAM.format(flamingo=flamingo, speech=speech)


def test_measures_are_read_and_an_export_imports_back_unchanged(cli, program_file, data_dir, clock):
    path = program_file(
        text(
            'measure = "seconds"\n  sides = ["left", "Right"]',
            'measure = "steps"\n  steps = ["Pick a toy", "Say its name", "Put it back"]',
        )
    )
    assert cli("import", path).code == 0
    program = FamilyStore(data_dir, clock=clock).program()
    flamingo, speech = program.strategy("flamingo"), program.strategy("s-words")
    assert flamingo.measured is Measure.SECONDS and flamingo.sides == [Side.LEFT, Side.RIGHT]
    assert speech.measured is Measure.STEPS and not speech.uses_trials
    assert speech.steps == ["Pick a toy", "Say its name", "Put it back"]
    exported = cli("export-program").out
    assert 'measure = "seconds"\n  sides = ["left", "right"]\n' in exported
    assert 'measure = "steps"\n  steps = ["Pick a toy", "Say its name", "Put it back"]\n' in exported
    result = cli("import", program_file(exported, name="again.toml"))
    assert result.code == 0 and result.out.startswith("Nothing to change"), result.out


def test_left_out_tries_for_speech_none_for_the_others_and_the_export_says_only_what_differs(
    cli, program_file, data_dir, clock
):
    assert cli("import", program_file(text())).code == 0
    program = FamilyStore(data_dir, clock=clock).program()
    assert program.strategy("s-words").measured is Measure.TRIES
    assert program.strategy("flamingo").measured is None
    assert "measure" not in cli("export-program").out

    assert cli("import", program_file(text('measure = "count"', 'measure = "none"'), name="b.toml")).code == 0
    program = FamilyStore(data_dir, clock=clock).program()
    assert program.strategy("s-words").measured is None
    assert program.strategy("flamingo").measured is Measure.COUNT
    exported = cli("export-program").out
    assert 'measure = "count"\n' in exported and 'measure = "none"\n' in exported
    result = cli("import", program_file(exported, name="again.toml"))
    assert result.code == 0 and result.out.startswith("Nothing to change"), result.out


@pytest.mark.parametrize(
    ("flamingo", "message"),
    [
        ('measure = "minutes"', 'goals[0].strategies[0].measure: "minutes" is not a measure; use "tries", "seconds"'),
        ('measure = "seconds"\n  sides = ["left", "middle"]', 'goals[0].strategies[0].sides: "middle" is not a side'),
        ('measure = "seconds"\n  sides = ["left", "left"]', 'goals[0].strategies[0].sides: "left" is named twice'),
        ('sides = ["left"]', 'goals[0].strategies[0]: "sides" are the sides timed in seconds; add measure = "seconds"'),
        ('measure = "steps"', 'goals[0].strategies[0]: measure = "steps" needs the steps'),
        ('measure = "steps"\n  steps = ["Line up", ""]', "goals[0].strategies[0].steps: step 2 should be words"),
        ('steps = ["Line up"]', 'goals[0].strategies[0]: "steps" are what measure = "steps" asks about'),
    ],
)
def test_mistakes_are_named_by_place(cli, program_file, data_dir, flamingo, message):
    result = cli("import", program_file(text(flamingo)))
    assert result.code == 1
    assert f"home.toml: {message}" in result.err, result.err
    assert not (data_dir / "family.json").exists()


def test_a_file_that_leaves_measure_out_keeps_the_familys_choice(cli, program_file, data_dir, clock):
    assert cli("import", program_file(text('measure = "seconds"\n  sides = ["left", "right"]'))).code == 0
    store = FamilyStore(data_dir, clock=clock)
    store.save_many([store.program().strategy("s-words").model_copy(update={"uses_trials": False})])

    result = cli("import", program_file(text(), name="b.toml"))

    assert result.code == 0 and result.out.startswith("Nothing to change"), result.out
    program = FamilyStore(data_dir, clock=clock).program()
    assert program.strategy("flamingo").sides == [Side.LEFT, Side.RIGHT]
    assert program.strategy("s-words").measured is None
