"""The cue cards behind ``family-tui cards`` and the app's cue-card key.

Turns what a person typed (``--child Zoe``, ``--setting school``, ``--caregiver sitter``) into the cards of
:mod:`family_tui.domain.cards`, with messages that say how to fix a mistake. The level
of help on each card comes from the last eight weeks of practice. The app writes the
same page into the data folder's ``reports/`` folder with :func:`write_cards_file`.

No Textual here.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from ..domain.cards import CardPlace, CueCardDeck, build_cue_cards, render_cards_html
from ..domain.cards.deck import child_strategies
from ..domain.names import find_caregiver, find_child
from ..storage import FamilyStore
from ..storage.atomic import atomic_write_bytes, ensure_private_dir
from .report import REPORTS_DIR, store_today

LEVEL_WEEKS = 8
"""How far back the level of help is read: recent enough to be where the family is now."""


class CardsError(ValueError):
    """What the person asked for cannot be made into cards; the message says how to fix it."""


def run_cards(
    store: FamilyStore, child: str | None = None, setting: str | None = None, caregiver: str | None = None
) -> str:
    """The cue cards as one printable HTML page (see :func:`cards_deck` for what is asked)."""
    return render_cards_html(cards_deck(store, child, setting, caregiver))


def cards_deck(
    store: FamilyStore, child: str | None = None, setting: str | None = None, caregiver: str | None = None
) -> CueCardDeck:
    """The cue cards as data.

    ``child`` is an id, a name or a first name only one child has (accents and case
    aside); default every child not archived. ``setting`` is one of
    :data:`~family_tui.domain.cards.PLACE_WORDS`. ``caregiver`` (found the same way):
    only what falls on that person's days.
    """
    try:
        place = CardPlace.named(setting) if setting is not None else None
    except ValueError as error:
        raise CardsError(str(error)) from None
    program = store.program()
    child_ids = None
    try:
        if child is not None:
            child_ids = [find_child(program, child).id]
        person = find_caregiver(program, caregiver) if caregiver is not None else None
    except ValueError as error:
        raise CardsError(str(error)) from None
    today = store_today(store)
    first = today - timedelta(weeks=LEVEL_WEEKS) + timedelta(days=1)
    recent = store.practice_between(first, today)
    practised_recently = {(e.child, e.strategy) for e in recent}
    older = {
        (c.id, s.id)
        for c in program.children
        if child_ids is None or c.id in child_ids
        for s in child_strategies(program, c.id)
        if (c.id, s.id) not in practised_recently and store.last_practice(c.id, s.id, first - timedelta(days=1))
    }
    return build_cue_cards(
        program,
        recent,
        today,
        child_ids=child_ids,
        place=place,
        practised_before=older,
        caregiver=person,
        notes=store.notes(),
    )


def cards_file_path(data_dir: Path, today: date, child_id: str | None = None) -> Path:
    """``<data folder>/reports/cue-cards-2026-11-26.html`` (``cue-cards-leo-...`` for one child)."""
    who = f"{child_id}-" if child_id else ""
    return Path(data_dir) / REPORTS_DIR / f"cue-cards-{who}{today.isoformat()}.html"


def write_cards_file(store: FamilyStore, child_id: str | None = None) -> Path:
    """Write the cue cards (one child's, or every child's) into ``reports/``; returns the path.

    Durable: the file is replaced atomically, so a crash leaves the old one or the new
    one. Writing again the same day replaces that day's file.
    """
    html = run_cards(store, child=child_id)
    path = cards_file_path(store.data_dir, store_today(store), child_id)
    ensure_private_dir(path.parent)
    atomic_write_bytes(path, html.encode("utf-8"))
    return path
