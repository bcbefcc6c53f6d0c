"""Counting what the app does on the way, for tests that check it no longer does it twice."""

from __future__ import annotations

from typing import Any

from family_tui.storage import checks


def decoded_texts(monkeypatch, model: type) -> list[str]:
    """The texts of the ``model`` records decoded from here on (the store's one decoding path)."""
    decoded: list[str] = []
    decode = checks.decode

    def counted(kind: type, doc: dict[str, Any]) -> Any:
        if kind is model:
            decoded.append(doc["text"])
        return decode(kind, doc)

    monkeypatch.setattr(checks, "decode", counted)
    return decoded


def notes_drawn(pane) -> list[int]:
    """One entry each time the notes pane lays its notes out again from here on."""
    drawn: list[int] = []
    original = pane._render_notes
    pane._render_notes = lambda *a, **k: drawn.append(1) or original(*a, **k)
    return drawn
