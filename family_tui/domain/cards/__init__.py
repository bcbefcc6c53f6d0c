"""Cue cards for the people who see the child without the app: teacher, daycare, grandparent, sitter.

- :mod:`.place`: where the cards are for (``--setting``) and the words for it;
- :mod:`.help_level`: the level of help the family is at, as advice a sitter can follow;
- :mod:`.deck`: the cards as data, one per active strategy, grouped by child;
- :mod:`.html_page`: one printable page; everything typed goes through ``html.escape``.

No Textual here.
"""

from .deck import ChildCards, CueCard, CueCardDeck, build_cue_cards, days_text, how_often, when_line
from .help_level import RECENT_PRACTICES, HelpLevel, family_level, help_level
from .html_page import card_end_line, render_cards_html
from .place import PLACE_WORDS, CardPlace

__all__ = [
    "PLACE_WORDS",
    "RECENT_PRACTICES",
    "CardPlace",
    "ChildCards",
    "CueCard",
    "CueCardDeck",
    "HelpLevel",
    "build_cue_cards",
    "card_end_line",
    "days_text",
    "family_level",
    "help_level",
    "how_often",
    "render_cards_html",
    "when_line",
]
