"""The app's cue-card key: the child's cards written into the data folder, and where they are.

The same page as ``family-tui cards --child ID`` writes, into ``reports/`` beside the
weekly update, for a parent to print or send to the teacher, the daycare or the sitter.
Like the report, the cards leave the app with the child's health information, so in
kiosk mode writing them waits for the parent PIN (:attr:`Write.WRITE_CARDS`).
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from ..domain.models import Child
from ..domain.permissions import Write
from .family import family_of


def offer_cue_cards(screen: Screen[Any], child: Child | None) -> None:
    """Write ``child``'s cue cards (after the PIN in kiosk mode) and say where they are."""
    if child is None:
        screen.notify("Cue cards need a child in the home program first.", title="No cue cards yet", markup=False)
        return
    family_of(screen.app).permit(Write.WRITE_CARDS, lambda: _write_in_background(screen, child))


def _write_in_background(screen: Screen[Any], child: Child) -> None:
    from ..usecases.cards import write_cards_file

    app = screen.app
    family = family_of(app)

    def write() -> None:
        try:
            path = write_cards_file(family.store, child.id)
        except Exception as error:  # noqa: BLE001 - anything from the disk or the cards: say it
            app.call_from_thread(
                screen.notify,
                f"{child.name}'s cue cards were not written: {error}",
                title="Not written",
                severity="error",
                markup=False,
                timeout=10,
            )
            return
        app.call_from_thread(
            screen.notify,
            f"{child.name}'s cue cards saved to {path}: open it in a browser to print.",
            title="Cue cards written",
            markup=False,
            timeout=10,
        )

    screen.run_worker(write, thread=True, exclusive=True, group="cue-cards")
