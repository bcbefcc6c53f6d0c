"""The family's settings: changed from the Settings form, and the parent PIN (``family-tui set-pin``)."""

from __future__ import annotations

from typing import Any

from ..domain.models import Settings
from ..domain.pin import hash_pin
from ..storage import FamilyStore


def change_settings(store: FamilyStore, loaded: Settings, changes: dict[str, Any]) -> Settings:
    """Write only the settings the form changed, from ``loaded`` as it showed them; returns the saved ones.

    A change made meanwhile in another copy (another theme, say) is kept; when both changed
    the same setting, :class:`~family_tui.storage.ChangedElsewhere` is raised, nothing is
    written, and its ``current`` holds the settings as they are now.
    """
    saved: Settings = store.update(loaded, loaded.model_copy(update=changes))
    return saved


def set_pin(store: FamilyStore, pin: str) -> Settings:
    """The parent PIN kiosk mode asks for, kept only as a salted hash; the format was checked before."""
    saved: Settings = store.update_settings(pin_hash=hash_pin(pin))
    return saved
