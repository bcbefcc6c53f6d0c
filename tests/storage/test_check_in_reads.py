"""After a check-in, reading the week again decodes only the entry that is new.

Today reads the week's entries after every check-in to draw the ✓; decoding every entry
of the month again took a millisecond or two of the time between the check-in being on
disk and the ✓ on screen.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from family_tui.domain.models import PracticeEntry
from family_tui.storage import FamilyStore
from tests.storage.storage_helpers import DAY, entry, month_file


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


def _month_with_a_damaged_entry_before_the_week(store, data_dir):
    """Entries on most days of November, and one dated the 3rd that only pydantic refuses (9999 minutes)."""
    store.record_many([entry(f"s{n}", DAY - timedelta(days=n % 25)) for n in range(75)])
    store.wait_for_folds(10)  # a fold the check-ins asked for, in the background, would write the file again
    store.fold_journals()
    path = month_file(data_dir)
    data = json.loads(path.read_bytes())
    bad = entry("lip-closure", date(2026, 11, 3)).model_dump(mode="json") | {"id": "bad-record", "minutes": 9999}
    data["practice"]["999"] = bad
    path.write_text(json.dumps(data))


def test_todays_week_is_read_without_decoding_the_rest_of_its_month(data_dir, store, monkeypatch):
    """Today shows a week: it decoded every entry of the month (up to 900 at its end) to keep a week's."""
    from family_tui.storage import checks

    _month_with_a_damaged_entry_before_the_week(store, data_dir)
    week = (DAY - timedelta(days=3), DAY + timedelta(days=3))
    validated = FamilyStore(data_dir, clock=store.clock, maintain=False).practice_between(*week)
    decoded: list[str] = []
    decode = checks.decode

    def counted(model, doc):
        decoded.append(doc["date"])
        return decode(model, doc)

    monkeypatch.setattr(checks, "decode", counted)
    quick = FamilyStore(data_dir, clock=store.clock, quick_start=True, maintain=False)

    assert quick.practice_between(*week) == validated
    assert len(validated) > 5
    assert decoded and all(week[0].isoformat() <= day <= week[1].isoformat() for day in decoded)


def test_damage_elsewhere_in_the_month_is_still_reported_once_checked(data_dir, store):
    _month_with_a_damaged_entry_before_the_week(store, data_dir)
    week = (DAY - timedelta(days=3), DAY + timedelta(days=3))
    validated = FamilyStore(data_dir, clock=store.clock, maintain=False)

    quick = FamilyStore(data_dir, clock=store.clock, quick_start=True, maintain=False)
    assert quick.practice_between(*week) == validated.practice_between(*week)
    assert quick.verify() is False  # nothing shown that pydantic takes back
    assert any("bad-record" in p and "minutes" in p for p in quick.problems)  # checked in the background
    validated.practice_between(*week)
    assert sorted(quick.problems) == sorted(validated.problems)
    assert quick.practice_between(DAY.replace(day=1), DAY) == validated.practice_between(DAY.replace(day=1), DAY)
