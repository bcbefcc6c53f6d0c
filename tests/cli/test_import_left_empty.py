"""An empty routine or a goal with no strategies is imported, with a warning that names it (issue 21).

Neither shows anything on Today, yet the editor calls such a goal "Active: on Today";
import says so, on standard error like the other import warnings, and still imports:
a therapist may send the routines or the goals first and the strategies later.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from family_tui.storage import FamilyStore

LEFT_EMPTY = """\
format = "family-tui/program@1"

[[children]]
id = "zoe"
name = "Zoë"

[[routines]]
name = "Breakfast"
time = "07:30"

[[routines]]
name = "Bath time"
time = "19:00"

[[goals]]
child = "zoe"
discipline = "OT"
title = "Waits for a turn"

  [[goals.strategies]]
  title = "Turn-taking game"
  routines = ["breakfast"]

[[goals]]
child = "zoe"
discipline = "SLP"
title = "Asks for help with words"
"""

ROUTINE_WARNING = (
    'family-tui: warning: the routine "Bath time" has no strategies, so nothing shows in it on Today. '
    'Name it in a strategy\'s routines (routines = ["bath-time"]) in the file and import again, '
    "or choose it for a strategy in the program editor.\n"
)
GOAL_WARNING = (
    'family-tui: warning: the goal "Asks for help with words" has no strategies, so nothing of it shows on Today. '
    "Add a [[goals.strategies]] entry under it in the file and import again, "
    "or add a strategy in the program editor.\n"
)


@pytest.mark.parametrize("dry_run", [True, False])
def test_an_empty_routine_and_a_goal_with_no_strategies_are_named_and_imported(
    cli, data_dir: Path, program_file, dry_run
):
    result = cli("import", *(["--dry-run"] if dry_run else []), program_file(LEFT_EMPTY))
    assert result.code == 0, result.err
    assert result.err == ROUTINE_WARNING + GOAL_WARNING
    assert "Breakfast" not in result.err and "Waits for a turn" not in result.err
    if dry_run:
        assert "Would add 6 records." in result.out
        assert not (data_dir / "family.json").exists()
    else:
        assert "Added 6 records." in result.out
        program = FamilyStore(data_dir).program()
        assert program.routine("bath-time") is not None
        assert program.goal("asks-for-help-with-words") is not None


def test_a_strategy_the_family_already_has_fills_the_routine_the_file_leaves_empty(cli, program_file):
    first = LEFT_EMPTY.replace('  routines = ["breakfast"]\n', '  routines = ["breakfast", "bath-time"]\n')
    assert cli("import", program_file(first)).code == 0
    # The next file leaves the strategy out: the family keeps it, on Bath time, so the routine is not empty.
    later = first.replace(
        '  [[goals.strategies]]\n  title = "Turn-taking game"\n  routines = ["breakfast", "bath-time"]\n', ""
    )
    result = cli("import", program_file(later, "later.toml"))
    assert result.code == 0, result.err
    assert result.err == GOAL_WARNING


def test_a_met_goal_with_no_strategies_is_not_warned_about(cli, program_file):
    text = LEFT_EMPTY.replace(
        'title = "Asks for help with words"\n', 'title = "Asks for help with words"\nstatus = "met"\n'
    )
    result = cli("import", program_file(text))
    assert result.code == 0, result.err
    assert result.err == ROUTINE_WARNING
