"""The therapist's example program, imported as it stands, checked off on Today, found in export."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from family_tui.app import make_app
from family_tui.cli import main
from family_tui.clock import FixedClock
from family_tui.storage import FamilyStore
from family_tui.usecases.program_import import import_program
from family_tui.widgets.checklist import PracticeChecklist
from tests.screen_text import option_texts, routine_names

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "home-program.toml"


async def test_example_program_checked_off_on_today_appears_in_export(tmp_path: Path, capsys):
    data_dir = tmp_path / "data"
    clock = FixedClock(datetime(2026, 11, 26, 18, 35))  # Thursday, bath time
    # Imported that morning (the CLI would date the new goals by the real clock).
    import_program(FamilyStore(data_dir, clock=clock), EXAMPLE)
    app = make_app(data_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = app.screen.query_one(PracticeChecklist)
        rows = option_texts(checklist)
        assert routine_names(rows) == ["Breakfast", "Getting dressed", "Bath time", "Bedtime book"]
        # Bath time is due: the cursor is on its first item, Leo's S-toys.
        assert checklist.highlighted_item.strategy.id == "bath-s-toys"
        await pilot.press("space", "2")  # S-toys, then the stairs (second bath item)
        await pilot.press("k", "k")  # back over S-toys to getting dressed (headers are stepped over)
        assert checklist.highlighted_item.routine.id == "dressing"
        await pilot.press("1")  # first item of the routine now in view
    assert main(["--data-dir", str(data_dir), "export"]) == 0
    exported = json.loads(capsys.readouterr().out)
    done = {(p["strategy"], p["routine"], p["date"]) for p in exported["practice"]}
    assert ("bath-s-toys", "bath", "2026-11-26") in done
    assert ("stairs-to-bath", "bath", "2026-11-26") in done
    assert len(done) == 3
    goals = {g["id"]: g for g in exported["goals"]}
    assert [s["id"] for s in goals["leo-s-start"]["strategies"]] == ["snack-s-words", "bath-s-toys"]
