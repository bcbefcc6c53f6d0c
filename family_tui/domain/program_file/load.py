"""Reading a home-program file: every problem found at once, or the program it gives."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .build import FileProgram, build_program, dedupe
from .checks import check_format, check_ids_and_references, check_times_a_week
from .errors import ProgramFileError
from .messages import file_order, friendly, naming_the_goal
from .schema import ProgramFileSchema
from .toml_read import read_toml


def load_program_file(path: Path) -> FileProgram:
    """Read and check a home-program file; raises :class:`ProgramFileError` listing every problem."""
    path = Path(path)
    data = read_toml(path)
    errors = check_format(data)
    parsed: ProgramFileSchema | None = None
    try:
        parsed = ProgramFileSchema.model_validate(data)
    except ValidationError as error:
        errors += [naming_the_goal(message, data) for message in friendly(error)]
    errors += check_ids_and_references(data)
    if errors or parsed is None:
        errors = sorted(dedupe(errors), key=file_order)
        raise ProgramFileError(path, errors or ["the file could not be read"])
    try:
        program = build_program(parsed)
    except ValidationError as error:  # a safety net: the checks above should catch everything
        raise ProgramFileError(path, friendly(error)) from None
    places = [
        f"goals[{gi}].strategies[{si}]" for gi, goal in enumerate(parsed.goals) for si in range(len(goal.strategies))
    ]
    errors = check_times_a_week(places, program)
    if errors:
        raise ProgramFileError(path, errors)
    return program
