"""Turning stored documents into records: validated, or decoded until :meth:`FamilyStore.verify`.

A record that fails is not shown and not touched on disk; the reason is kept in
:attr:`RecordChecks.problems` so the user hears of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ..domain.records import DecodeError, Record, decode

R = TypeVar("R", bound=Record)


class RecordChecks:
    """How documents become records, and the problems found on the way (shared by every file)."""

    def __init__(self, *, decoding: bool) -> None:
        self.problems: list[str] = []
        """Records that failed validation: shown to the user, kept on disk untouched."""
        self.decoding = decoding
        """Read records without pydantic (:func:`..domain.records.decode`) until verified."""
        self.source: Callable[[str, dict[str, Any], str], str | None] | None = None
        """Where (table, document, field) was written: the log and line, so the message points at the family's data."""

    def maker(self, model: type[R]) -> Callable[[dict[str, Any]], R]:
        """How to turn a stored document into a record: validated, or decoded while starting quickly."""
        if not self.decoding:
            return model.model_validate

        def quick(doc: dict[str, Any]) -> R:
            try:
                return decode(model, doc)
            except DecodeError:
                return model.model_validate(doc)  # not what this app writes: pydantic says why

        return quick

    def report(
        self, where: str, error: ValueError, *, table: str | None = None, doc: dict[str, Any] | None = None
    ) -> None:
        """A record that failed validation: left out of view."""
        first = error.errors()[0]  # type: ignore[attr-defined]
        field = ".".join(str(p) for p in first["loc"]) or "record"
        source = (
            self.source(table, doc, str(first["loc"][0]) if first["loc"] else "")
            if (self.source and table and doc is not None)
            else None
        )
        kept = f"written {source}; kept there, not shown" if source else "kept on disk, not shown"
        self.note(f"{where}: {field} {first['msg']} ({kept})")

    def note(self, message: str) -> None:
        """A problem found in the data, said once however often the data is read."""
        if message not in self.problems:
            self.problems.append(message)

    @staticmethod
    def differs(model: type[Record], records: list[Any]) -> bool:
        """Whether pydantic would show ``records`` other than as they are, one record at a time.

        The decoded values are validated, not the file read again: the decoder only lets
        through values of exactly the types pydantic makes, so what pydantic says of them
        is what it says of the stored record, without the file parsed a second time.
        """
        validate = model.model_validate
        for record in records:
            try:
                if validate(dict(record.__dict__)) != record:
                    return True
            except ValueError:  # pydantic's ValidationError: refused
                return True
        return False
