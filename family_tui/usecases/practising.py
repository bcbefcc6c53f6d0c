"""Who is practising at this screen: each running copy of the app has its own answer.

Abuela at the kitchen laptop and Papa at the one upstairs use the same data folder at
the same time; a check-in, a note or a win made at one screen is by whoever stands
there. So the choice lives in the running app (this object), and is only remembered on
this computer for the next start (:mod:`~family_tui.storage.this_computer`), never in
the family's shared data.

The first start after an update still knows who practised: ``settings.caregiver``, kept
in ``family.json`` by earlier versions, is the default until someone is chosen here.
"""

from __future__ import annotations

from ..domain.locations import local_state_dir, shown_path
from ..domain.models import Caregiver
from ..storage import FamilyStore
from ..storage.this_computer import last_caregiver, remember_caregiver


class Practising:
    """This copy's caregiver: chosen here, else the last one chosen on this computer."""

    def __init__(self, store: FamilyStore) -> None:
        self.store = store
        self._chosen: str | None = None
        self._known = False

    @property
    def chosen(self) -> str | None:
        """The id chosen at this screen; read once, when first needed, from what this computer kept.

        Once read it changes only by :meth:`choose`: what another copy chooses meanwhile
        (and writes to this computer's file) is for the next start, not for this screen.
        """
        if not self._known:
            self._chosen = last_caregiver(self.store.data_dir) or self.store.settings().caregiver
            self._known = True
        return self._chosen

    def caregiver(self) -> Caregiver | None:
        """Who is practising, as the program has them now (None: nobody chosen, or since deleted)."""
        found: Caregiver | None = self.store.program().caregiver(self.chosen)
        return found

    @property
    def caregiver_id(self) -> str | None:
        """What a check-in records: only an id the program still has."""
        caregiver = self.caregiver()
        return caregiver.id if caregiver is not None else None

    def choose(self, caregiver_id: str) -> None:
        """From now on at this screen; and offered first at the next start on this computer.

        The choice holds in this copy even if remembering it fails (the OSError is raised
        so the screen can say it will not be remembered).
        """
        self._chosen, self._known = caregiver_id, True
        remember_caregiver(self.store.data_dir, caregiver_id)


def where_remembered() -> str:
    """The folder named in the picker: where this computer keeps who practised last."""
    return shown_path(local_state_dir())


__all__ = ["Practising", "where_remembered"]
