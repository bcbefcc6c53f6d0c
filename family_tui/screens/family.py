"""What a screen may ask of the app: the family's store and clock, its day, who practises, the PIN gate.

The screens never import the app (``family_tui.app`` imports them, to show them). They
see it as a :class:`Family`, a Protocol that ``FamilyApp`` satisfies (mypy checks that in
``app.py``); Textual's side of the app (``push_screen``, ``notify``, the theme) they reach
through ``self.app`` as any Textual screen does, and widgets through messages.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from pathlib import Path

    from textual.app import App

    from ..clock import Clock
    from ..domain.kiosk import IdleWatch, PinGate, PinResult
    from ..domain.permissions import Write
    from ..storage import FamilyStore
    from ..ui_support.progress_memo import ProgressMemo
    from ..usecases.practising import Practising
    from .kept_screen import KeptScreen


class Family(Protocol):
    """The family's side of the app, as the screens and their flows use it."""

    @property
    def store(self) -> FamilyStore:
        """The family's data folder (the first-run screens may open another: read it each time)."""
        ...

    @property
    def clock(self) -> Clock: ...

    @property
    def kiosk(self) -> bool: ...

    @property
    def parent_mode(self) -> bool:
        """Outside kiosk mode always; in kiosk mode once the PIN is given."""
        ...

    @property
    def pin_gate(self) -> PinGate: ...

    @property
    def idle(self) -> IdleWatch:
        """When a key was last pressed or the mouse clicked, anywhere in the app."""
        ...

    @property
    def practising(self) -> Practising:
        """Who is practising at this screen (each running copy has its own)."""
        ...

    @property
    def progress_memo(self) -> ProgressMemo:
        """Progress's figures, kept between its openings while the data folder is unchanged."""
        ...

    @property
    def kept_progress(self) -> KeptScreen[Any]:
        """Progress, kept between its openings while nothing it shows changed (a ProgressScreen:
        named here, this module and Progress would import each other)."""
        ...

    demo_folder: Path | None
    """The demo family's folder the welcome screen made: removed when the app ends."""

    def choose_caregiver(self, caregiver_id: str) -> None: ...

    def family_today(self) -> date:
        """The family's day now: before the family's day start it is still yesterday."""
        ...

    def may(self, kind: Write) -> bool: ...

    def permit(self, kind: Write, then: Callable[[], object], reason: str | None = None) -> None:
        """The one gate every write goes through: run ``then`` now, or after the PIN in kiosk mode."""
        ...

    def try_pin(self, pin: str) -> PinResult: ...

    def maintain_in_background(self) -> None: ...

    def open_family(self, store: FamilyStore | None = None) -> None:
        """Land on a fresh Today, on ``store`` (the demo family's) or on the same one."""
        ...


def family_of(app: App[Any]) -> Family:
    """The app a screen runs in, as the family's app (the one place that says so)."""
    return cast("Family", app)


class _InApp(Protocol):
    @property
    def app(self) -> App[Any]: ...


class UsesFamily:
    """Mixed into a screen: ``self.family_app`` is its app as a :class:`Family`."""

    @property
    def family_app(self: _InApp) -> Family:
        return family_of(self.app)
