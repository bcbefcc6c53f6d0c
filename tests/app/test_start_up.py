"""Today is drawn before pydantic is loaded; pydantic then checks what it showed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from family_tui.domain.models import PracticeEntry
from family_tui.domain.sync.records import record_id
from tests.log_lines import another_home_sets
from tests.screen_text import all_text, static_text
from tests.waits import wait_until

ROOT = Path(__file__).resolve().parents[2]

START_WITHOUT_PYDANTIC = r"""
import asyncio, sys
from pathlib import Path

class NoPydantic:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("pydantic", "pydantic_core"):
            raise ImportError(f"{name} imported before Today was shown")

sys.meta_path.insert(0, NoPydantic())
from family_tui.app import make_app
from family_tui.widgets.checklist import PracticeChecklist

async def main():
    app = make_app(Path(sys.argv[1]))
    async with app.run_test(size=(120, 40)) as pilot:
        shown = app.screen.query_one(PracticeChecklist).option_count  # Today is up, drawn without pydantic
        sys.meta_path.pop(0)  # the background check may import it from now on, however slow the machine
        await pilot.pause()
        print(shown)

asyncio.run(main())
"""


def run_start(script: str, data_dir) -> subprocess.CompletedProcess[str]:
    """``script`` in a fresh Python, as the app starts: what it imports is what a start imports."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", script, str(data_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_today_is_drawn_without_importing_pydantic(data_dir, store):
    """Importing pydantic and building its validators took a third of a bare Textual app's
    start-up; Today does not wait for it (the check follows in the background)."""
    result = run_start(START_WITHOUT_PYDANTIC, data_dir)
    assert int(result.stdout.strip().splitlines()[-1]) > 5


async def test_an_entry_pydantic_refuses_is_never_on_today(make_app, store, data_dir, clock, today_ticks):
    now = clock.now()
    entry = PracticeEntry(
        date=now.date(), child="maya", strategy="straw", routine="breakfast", created_at=now, updated_at=now
    )
    store.record_practice(entry)
    # Another computer's family-tui writes minutes over the 240-minute limit.
    another_home_sets(data_dir, "practice", record_id("practice", entry.model_dump(mode="json")), {"minutes": 9999})

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        assert "0 of" in static_text(app, "#day-header")  # refused by the quick read too
        assert any("minutes" in p for p in app.store.problems)
        app.maintain_in_background()  # the background check, as its timer starts it a second after start-up
        await app.workers.wait_for_complete()
        await today_ticks.next(pilot)  # Today has looked for changes since
        assert "0 of" in static_text(app, "#day-header")


async def test_a_child_name_with_a_line_break_is_reported_at_start_up_not_shown(make_app, store, data_dir, today_ticks):
    another_home_sets(data_dir, "children", "leo", {"name": "Leo\nRose"})  # a single-line field: pydantic refuses it

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        at_start = all_text(app)
        problems_at_start = list(app.store.problems)
        app.maintain_in_background()  # the background check, as its timer starts it a second after start-up
        await app.workers.wait_for_complete()
        await today_ticks.next(pilot)  # Today has looked for changes since
        after_check = all_text(app)
        problems_after = list(app.store.problems)

    assert "Maya" in at_start and "Rose" not in at_start
    assert "Maya" in after_check and "Rose" not in after_check
    assert any("children record leo" in p and "name" in p and "computer otherhome" in p for p in problems_at_start)
    assert problems_after == problems_at_start


async def test_the_collector_waits_while_the_app_starts_and_resumes_after(make_app):
    import gc

    assert gc.isenabled()
    make_app()  # made but never run: the collector is left alone
    assert gc.isenabled()
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        assert not gc.isenabled()
        await wait_until(pilot, gc.isenabled, "the collector to resume after start-up")
    app = make_app()
    async with app.run_test(size=(100, 32)):
        pass  # closed before the second was up
    assert gc.isenabled()


START_AND_LIST_MODULES = r"""
import asyncio, sys
from pathlib import Path
from family_tui.app import make_app
from family_tui.widgets.checklist import PracticeChecklist

async def main():
    app = make_app(Path(sys.argv[1]))
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.screen.query_one(PracticeChecklist).option_count
        print(" ".join(sorted(m for m in sys.modules if m.startswith("family_tui"))))

asyncio.run(main())
"""


def test_today_starts_without_the_modules_only_its_keys_open(data_dir, store):
    """What a key opens (a note's dialogs, the practice form's help levels, the report) is
    imported when the key is pressed: importing it while the app starts is start-up time."""
    result = run_start(START_AND_LIST_MODULES, data_dir)
    loaded = set(result.stdout.split())
    assert "family_tui.screens.today" in loaded
    for key_only in (
        "family_tui.screens.note_actions",
        "family_tui.screens.confirm",
        "family_tui.domain.help_order",
        "family_tui.domain.report",
    ):
        assert key_only not in loaded, key_only


def test_today_starts_without_the_progress_history_modules(data_dir, store):
    """The month summaries and the practice history are Progress's (and a fold's, in the
    background), ``secrets`` makes a new device's id: importing them while the app starts
    was start-up time Today never used."""
    script = START_AND_LIST_MODULES.replace('if m.startswith("family_tui")', "")
    result = run_start(script, data_dir)
    loaded = set(result.stdout.split())
    assert "family_tui.screens.today" in loaded
    for later in (
        "family_tui.storage.summary",
        "family_tui.storage.progress_cache",
        "family_tui.domain.history",
        "secrets",
    ):
        assert later not in loaded, later
