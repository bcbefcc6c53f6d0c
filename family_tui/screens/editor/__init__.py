"""The program editor: one tab per kind of thing in the home program."""

from .editor import EditorScreen

__all__ = ["EditorScreen"]
