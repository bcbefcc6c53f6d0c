"""Field rules that pydantic understands, defined without importing pydantic.

Defining a type with ``pydantic.Field`` or ``AfterValidator`` imports pydantic; these stand
for them and build the real thing when pydantic first makes a validator (see records.py).
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any


class Check:
    """``Annotated`` metadata: run ``check`` after pydantic's own validation of the field.

    (pydantic's ``AfterValidator``, without importing pydantic to define a type.)
    """

    def __init__(self, check: Callable[[Any], Any]) -> None:
        self.check = check

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.check, handler(source))


class Constraints:
    """``Annotated`` metadata standing for ``pydantic.Field(**constraints)`` (pattern, ge, le)."""

    def __init__(self, **constraints: Any) -> None:
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic import Field

        return handler(typing.Annotated[source, Field(**self.constraints)])
