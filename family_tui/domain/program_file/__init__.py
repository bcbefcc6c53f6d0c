"""Home-program files: the TOML a family gets from its therapists, read, checked and imported.

The format (``format = "family-tui/program@1"``) is described in
``/work/shared/examples/home-program.toml``. Reading a file checks all of it and reports
every problem at once, each naming the entry and the field, so a parent can fix the file
in one go. Importing adds and updates records, never deletes them, and writes all or
nothing in one step; importing the same file again changes nothing.

One job a module: :mod:`.schema` (the file's shape), :mod:`.toml_read`, :mod:`.checks` and
:mod:`.messages` (reading and explaining), :mod:`.build` (the records a file stands for),
:mod:`.load` (all of that in one call), :mod:`.import_plan` and :mod:`.toml_write`.
"""

from .build import FileProgram
from .errors import ProgramFileError
from .import_plan import ImportPlan, plan_import
from .load import load_program_file
from .schema import COLOR_NAMES, FORMAT
from .toml_write import HEADER, program_to_toml

__all__ = [
    "COLOR_NAMES",
    "FORMAT",
    "HEADER",
    "FileProgram",
    "ImportPlan",
    "ProgramFileError",
    "load_program_file",
    "plan_import",
    "program_to_toml",
]
