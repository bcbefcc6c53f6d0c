"""Cue cards for the people who see the child without the app: teacher, daycare, grandparent, sitter.

- :mod:`.place`: where the cards are for (``--setting``) and the words for it;
- :mod:`.help_level`: the level of help the family is at, as advice a sitter can follow;
- :mod:`.adults`: cards for each adult: a caregiver's days, whom to call, the therapists' answers;
- :mod:`.deck`: the cards as data, one per active strategy, grouped by child;
- :mod:`.html_page`: one printable page; everything typed goes through ``html.escape``.

No Textual here.
"""

from .adults import TherapistAnswer, call_line, therapist_answers
from .deck import ChildCards, CueCard, CueCardDeck, build_cue_cards, days_text, how_often, when_line
from .help_level import RECENT_PRACTICES, HelpLevel, family_level, help_level
from .html_page import card_end_line, render_cards_html
from .place import PLACE_WORDS, CardPlace

__all__ = [
    "PLACE_WORDS",
    "RECENT_PRACTICES",
    "TherapistAnswer",
    "CardPlace",
    "ChildCards",
    "CueCard",
    "CueCardDeck",
    "HelpLevel",
    "build_cue_cards",
    "call_line",
    "card_end_line",
    "days_text",
    "family_level",
    "help_level",
    "how_often",
    "render_cards_html",
    "therapist_answers",
    "when_line",
]
