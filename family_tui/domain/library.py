"""The starter library: general home-practice ideas a family can copy into its program.

The shipped ``data/starter-library.toml`` (format ``family-tui/library@1``) holds
strategies that are not yet anyone's: no goal, no routines. Each names the kinds of
routine it suits (``routine_kinds``) so the editor can suggest where to embed it.
No Textual here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import tomli
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .ids import ID_PATTERN
from .locations import starter_library_file
from .models import Discipline, Goal, Routine, Strategy
from .text import Line, LongText, Name

LIBRARY_FORMAT = "family-tui/library@1"

ROUTINE_KINDS: tuple[str, ...] = (
    "breakfast",
    "dressing",
    "mealtime",
    "bath",
    "bedtime",
    "play",
    "homework",
    "errands",
    "outdoors",
)
"""The kinds of routine library strategies name, in the order of a usual day."""

# Words in a routine's name that say which kind it is; first match wins.
_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("breakfast", ("breakfast",)),
    ("dressing", ("dress", "clothes", "getting ready", "get ready")),
    ("bath", ("bath", "shower", "wash")),
    ("bedtime", ("bed", "sleep", "night", "story")),
    ("mealtime", ("lunch", "dinner", "supper", "snack", "meal", "tea", "eat")),
    ("homework", ("homework", "school work", "schoolwork", "reading", "study")),
    ("errands", ("errand", "shop", "grocer", "car", "drive", "market")),
    ("outdoors", ("outside", "outdoor", "park", "walk", "garden", "playground", "yard")),
    ("play", ("play", "game", "toy")),
)

RoutineKind = Literal["breakfast", "dressing", "mealtime", "bath", "bedtime", "play", "homework", "errands", "outdoors"]


class LibraryError(Exception):
    """The starter library could not be read; the message says which file and why."""


class LibraryStrategy(BaseModel):
    """One idea from the library, not yet tied to a child, goal or routine."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=ID_PATTERN)]
    """Stable id in the library; also the suggested id of the copy."""
    discipline: Discipline
    title: Name
    how: LongText = ""
    cue: Line = ""
    visual: Line = ""
    dose: Line = ""
    minutes: int = Field(default=3, ge=0, le=240)
    routine_kinds: list[RoutineKind] = Field(default_factory=list)
    """The kinds of routine this practice fits into (see ``ROUTINE_KINDS``)."""
    skill: Line = ""
    """The area it works on ("Self-care", "Articulation"); the title of a goal made from it."""
    uses_trials: bool = False
    """Whether practice is counted as tries correct out of total."""

    @property
    def counts_trials(self) -> bool:
        """Speech-sound practice is counted in tries even where the file does not say so."""
        return self.uses_trials or self.skill.strip().lower() == "articulation"

    def label(self) -> str:
        return f"{self.discipline.value} · {self.title}"

    def strategy_fields(self, routine_ids: list[str]) -> dict[str, Any]:
        """The fields a copy starts with (everything but its id and goal)."""
        return {
            "title": self.title,
            "how": self.how,
            "cue": self.cue,
            "visual": self.visual,
            "dose": self.dose,
            "minutes": self.minutes,
            "routines": list(routine_ids),
            "uses_trials": self.counts_trials,
        }

    def to_strategy(self, strategy_id: str, goal_id: str, routine_ids: list[str]) -> Strategy:
        """A copy for the family's program: from here on it is theirs to change."""
        return Strategy(id=strategy_id, goal=goal_id, **self.strategy_fields(routine_ids))

    def to_goal(self, goal_id: str, child_id: str, created: date | None) -> Goal:
        """A goal to hold this strategy when the family has none for it yet."""
        title = self.skill.strip() or self.title
        return Goal(id=goal_id, child=child_id, discipline=self.discipline, title=title, created=created)

    def suggested_routines(self, routines: list[Routine]) -> list[str]:
        """Ids of the family's routines whose kind this strategy fits (none if nothing fits)."""
        return [r.id for r in routines if not r.archived and routine_kind(r.name) in self.routine_kinds]


class StarterLibrary(BaseModel):
    """The whole library file."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["family-tui/library@1"]
    strategies: list[LibraryStrategy] = Field(default_factory=list)

    def get(self, strategy_id: str) -> LibraryStrategy | None:
        return next((s for s in self.strategies if s.id == strategy_id), None)

    def for_discipline(self, discipline: Discipline) -> list[LibraryStrategy]:
        return [s for s in self.strategies if s.discipline is discipline]

    def for_kind(self, kind: str) -> list[LibraryStrategy]:
        return [s for s in self.strategies if kind in s.routine_kinds]


def routine_kind(name: str) -> str | None:
    """Guess the kind of a routine from its name: "Bath time" is a bath, "Lunch" a mealtime."""
    lowered = name.lower()
    for kind, words in _KIND_WORDS:
        if any(word in lowered for word in words):
            return kind
    return None


def load_library(path: Path | None = None) -> StarterLibrary:
    """Read and check the library file (the shipped one unless ``path`` is given)."""
    path = path or starter_library_file()
    try:
        raw = tomli.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LibraryError(f"The starter library is missing: {path} was not found.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise LibraryError(f"The starter library {path} could not be read: {error}") from None
    except tomli.TOMLDecodeError as error:
        raise LibraryError(f"The starter library {path} is not valid TOML: {error}") from None
    if raw.get("format") != LIBRARY_FORMAT:
        raise LibraryError(
            f"The starter library {path} is not in the {LIBRARY_FORMAT} format (it says {raw.get('format')!r})."
        )
    try:
        library = StarterLibrary.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise LibraryError(f"The starter library {path} has a problem at {where}: {first['msg']}") from None
    seen: set[str] = set()
    for strategy in library.strategies:
        if strategy.id in seen:
            raise LibraryError(f"The starter library {path} has two strategies with the id {strategy.id!r}.")
        seen.add(strategy.id)
    return library
