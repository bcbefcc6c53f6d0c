"""Where the cards are for: ``--setting school|daycare|home|social|community``.

A practice entry records one of four :class:`~family_tui.domain.models.Setting` values;
daycare is recorded as school ("School or daycare"), but the page says "daycare" to the
people who work there. The place names the page and decides whose practice the level of
help comes from; it never hides a card, because the point of the cards is that the cue
words are the same everywhere.
"""

from __future__ import annotations

from enum import Enum

from ..models import Setting, Weekday


class CardPlace(Enum):
    """A place the cards are handed to, with the words the page uses for it."""

    SCHOOL = ("school", Setting.SCHOOL, "For school", "at school")
    DAYCARE = ("daycare", Setting.SCHOOL, "For daycare", "at daycare")
    HOME = ("home", Setting.HOME, "For home", "at home")
    SOCIAL = ("social", Setting.SOCIAL, "For family and friends", "with family and friends")
    COMMUNITY = ("community", Setting.COMMUNITY, "Out and about", "out and about")

    def __init__(self, word: str, setting: Setting, heading: str, where: str) -> None:
        self.word = word
        """What ``--setting`` accepts."""
        self.setting = setting
        """The setting practice entries record for this place."""
        self.heading = heading
        """Under the page title: "For school"."""
        self.where = where
        """Inside a sentence: "Lately at school, Leo needs ..."."""

    @property
    def days(self) -> tuple[Weekday, ...]:
        """The days the child is there, for the tally strip: school and daycare Mon–Fri, elsewhere any day."""
        return tuple(Weekday)[:5] if self.setting is Setting.SCHOOL else tuple(Weekday)

    @classmethod
    def named(cls, word: str) -> CardPlace:
        """The place ``word`` names (any case); ``ValueError`` lists the choices."""
        wanted = word.strip().casefold()
        for place in cls:
            if place.word == wanted:
                return place
        raise ValueError(f'Unknown setting "{word}": use one of {", ".join(PLACE_WORDS)}.')


PLACE_WORDS: tuple[str, ...] = tuple(place.word for place in CardPlace)
