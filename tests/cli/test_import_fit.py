"""Issue 26.2 and 26.3 in the program file: a strategy's priority and times a week, imported and exported."""

from __future__ import annotations

from family_tui.domain.program_file import load_program_file, program_to_toml


def with_fit(example_text: str) -> str:
    return example_text.replace("minutes = 4", "minutes = 4\n  priority = 2\n  times_per_week = 3", 1)


def test_priority_and_times_a_week_are_read_and_exported_back_unchanged(program_file, example_text):
    program = load_program_file(program_file(with_fit(example_text)))
    [strategy] = [s for s in program.strategies if s.minutes == 4]
    assert (strategy.priority, strategy.times_per_week) == (2, 3)
    assert all(s.priority is None and s.times_per_week is None for s in program.strategies if s is not strategy)
    written = program_to_toml(program)
    assert "  priority = 2\n  times_per_week = 3\n" in written
    assert written.count("priority") == 1  # left out where not set
    assert load_program_file(program_file(written, "again.toml")) == program


def test_the_import_and_its_dry_run_say_times_a_week(cli, program_file, example_text):
    path = program_file(with_fit(example_text))
    dry = cli("import", path, "--dry-run")
    assert dry.code == 0, dry.err
    assert "3 times a week" in dry.out
    done = cli("import", path)
    assert done.code == 0, done.err
    assert "3 times a week" in done.out


def test_more_times_a_week_than_its_routines_come_is_refused_by_place(cli, data_dir, program_file, example_text):
    text = example_text.replace("minutes = 4", "minutes = 4\n  times_per_week = 6", 1)  # dressing: Mon-Fri
    result = cli("import", program_file(text))
    assert result.code != 0
    assert (
        "goals[1].strategies[0].times_per_week: 6 times a week, but its routines (dressing) come only 5 times a week;"
        " lower it or add a routine"
    ) in result.err
    from family_tui.storage import FamilyStore

    assert FamilyStore(data_dir).program().strategies == []  # nothing was imported
