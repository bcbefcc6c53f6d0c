"""After a check-in, reading the week again decodes only the entry that is new.

Today reads the week's entries after every check-in to draw the ✓; decoding every entry
of the month again took a millisecond or two of the time between the check-in being on
disk and the ✓ on screen.
"""

from __future__ import annotations

from datetime import timedelta

from family_tui.domain.models import PracticeEntry
from tests.storage.storage_helpers import DAY, entry


def test_a_check_in_decodes_only_its_own_entry_when_the_week_is_read_again(store, monkeypatch):
    store.record_many([entry(f"s{n}", DAY - timedelta(days=n % 20)) for n in range(60)])
    week = (DAY - timedelta(days=6), DAY)
    store.practice_between(*week)
    decoded: list[object] = []
    checks = store._practice.checks
    real = checks.maker

    def counting(model):
        make = real(model)
        return lambda doc: decoded.append(doc.get("strategy")) or make(doc)

    monkeypatch.setattr(checks, "maker", counting)

    store.record_practice(entry("straw-drinking"))
    seen = store.practice_between(*week)

    assert decoded == ["straw-drinking"]
    assert "straw-drinking" in {e.strategy for e in seen}
    assert all(isinstance(e, PracticeEntry) for e in seen)
    store.remove_practice(DAY, "maya", "straw-drinking", "breakfast")
    assert "straw-drinking" not in {e.strategy for e in store.practice_between(*week)}
    assert len(store.practice_between(*week)) == len(seen) - 1
