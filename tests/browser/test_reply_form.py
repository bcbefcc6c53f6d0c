"""The reply form in a therapist's HTML update, in headless Chromium: fill it, "Save reply", import the file.

The page is the one ``family-tui report --therapist rivera --format html`` writes; the
file is the one Chromium really downloads (the DevTools protocol allows downloads into a
folder of the test's own). Nothing reaches the network.

Skipped where Chromium is missing, except in CI (see test_printing.py).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from family_tui.domain.models import GoalStatus, Note, NoteKind
from family_tui.storage import FamilyStore
from family_tui.usecases.reply import import_reply
from family_tui.usecases.report import run_report

from .devtools import Browser, wait_for_download
from .printing import chromium_path
from .test_printing import IN_CI

pytestmark = pytest.mark.skipif(
    chromium_path() is None and not IN_CI,
    reason="not installed: chromium (`apt-get install chromium`; .ci/run does this in CI)",
)

ASKED = datetime(2026, 11, 24, 20, 0)
ANSWER = 'Yes: say "sss" once,\nthen wait. A \\ is fine; so is Zoë 🐍.'


@pytest.fixture
def page(store: FamilyStore, tmp_path: Path) -> Path:
    store.save(
        Note(
            id="q-sss",
            kind=NoteKind.QUESTION,
            child="leo",
            author="Mom",
            text="Can we <b>stop</b> after one try?",
            created_at=ASKED,
            updated_at=ASKED,
        )
    )
    path = tmp_path / "update.html"
    path.write_text(run_report(store, therapist="rivera", fmt="html"), encoding="utf-8")
    return path


FILL = """
document.querySelector('textarea[data-question="q-sss"]').value = ANSWER;
document.querySelector('input[data-cue="straw"]').value = 'Kiss the straw';
document.querySelector('select[data-goal="leo-s"]').value = 'paused';
document.querySelector('input[data-goal-note="leo-s"]').value = 'A break over the holidays.';
document.querySelector('textarea[data-child="maya"]').value = 'Maya: whole cup next week.';
document.getElementById('save-reply').click();
document.getElementById('reply-saved').textContent;
"""


def test_the_reply_saved_in_the_browser_imports_as_she_wrote_it(page: Path, store: FamilyStore, tmp_path: Path):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser = Browser(tmp_path / "profile")
    try:
        browser.send("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads))
        session = browser.open(page.resolve().as_uri())
        # What the family typed is text on the page, never markup.
        assert "Can we <b>stop</b> after one try?" in browser.evaluate(session, "document.body.innerText")
        said = browser.evaluate(session, FILL.replace("ANSWER", repr(ANSWER)))
        saved = wait_for_download(downloads)
    finally:
        browser.close()
    assert saved.name == "reply-rivera-2026-11-26.toml"
    assert said == f"Saved as {saved.name} in your downloads: send it to the family."

    plan = import_reply(store, saved.read_text(encoding="utf-8"))
    assert len(plan.changes) == 5, plan.describe()
    (answered,) = [n for n in store.notes() if n.id == "q-sss"]
    assert answered.answer == ANSWER and answered.answered_by == "Ms. Rivera"
    program = store.program()
    assert program.strategy("straw").cue == "Kiss the straw"
    assert program.goal("leo-s").status is GoalStatus.PAUSED
    texts = {n.text for n in store.notes() if n.kind is NoteKind.UPDATE}
    assert texts == {
        'Goal "Say /s/ at the start of words" (paused): A break over the holidays.',
        "Maya: whole cup next week.",
    }


def test_the_form_is_not_printed_and_an_untouched_form_saves_a_reply_that_changes_nothing(
    page: Path, store: FamilyStore, tmp_path: Path
):
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser = Browser(tmp_path / "profile")
    try:
        browser.send("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads))
        session = browser.open(page.resolve().as_uri())
        browser.send("Emulation.setEmulatedMedia", session, media="print")
        assert browser.evaluate(session, "getComputedStyle(document.querySelector('.reply')).display") == "none"
        browser.evaluate(session, "document.getElementById('save-reply').click(); 1")
        saved = wait_for_download(downloads)
    finally:
        browser.close()
    assert import_reply(store, saved.read_text(encoding="utf-8")).saves == []
