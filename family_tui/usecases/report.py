"""The weekly update behind ``family-tui report`` and the app's report key.

Turns what a person typed (a child's name, ``--week 2026-W48``, ``--from``/``--to``)
into a range and a list of children, with messages that say how to fix a mistake,
and renders :mod:`family_tui.domain.report`. The app writes the same Markdown file into the
data folder's ``reports/`` folder with :func:`write_report_file`.

No Textual here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from ..clock import family_day
from ..domain.names import find_child
from ..domain.report import WeeklyReport, build_report, render_html, render_markdown, report_range
from ..storage import FamilyStore
from ..storage.atomic import atomic_write_bytes, ensure_private_dir

FORMATS = ("md", "html")
REPORTS_DIR = "reports"


class ReportError(ValueError):
    """What the person asked for cannot be reported; the message says how to fix it."""


def store_today(store: FamilyStore) -> date:
    """The family's day now, by the store's clock and the family's day start."""
    return family_day(store.clock.local_now(), store.settings().day_start)


def run_report(
    store: FamilyStore,
    child: str | None = None,
    week: str | None = None,
    first: str | None = None,
    last: str | None = None,
    fmt: str = "md",
) -> str:
    """The weekly update as Markdown (``md``) or printable HTML (``html``).

    Default range: the last seven days ending today (the family's day). ``child`` is a
    name (any case) or an id; the error lists the children there are.
    """
    if fmt not in FORMATS:
        raise ReportError(f'Unknown report format "{fmt}": use md or html.')
    today = store_today(store)
    try:
        start, end = report_range(today, week=week, first=first, last=last)
    except ValueError as error:
        raise ReportError(str(error)) from None
    child_ids = None
    if child is not None:
        program = store.program()
        if not program.children:
            raise ReportError("There are no children in the program yet: import the home program first.")
        try:
            child_ids = [find_child(program, child).id]
        except ValueError as error:
            raise ReportError(str(error)) from None
    report = report_from_store(store, start, end, child_ids, today=today)
    return render_html(report) if fmt == "html" else render_markdown(report)


def report_from_store(
    store: FamilyStore,
    first: date,
    last: date,
    child_ids: Sequence[str] | None = None,
    *,
    today: date | None = None,
) -> WeeklyReport:
    """:func:`~family_tui.domain.report.build_report` over a :class:`~family_tui.storage.store.FamilyStore`."""
    length = (last - first).days + 1
    return build_report(
        store.program(),
        store.practice_between(first - timedelta(days=length), last),
        store.notes(),
        store.wins(),
        store.skip_days(),
        store.settings(),
        first,
        last,
        child_ids,
        today=today,
    )


def report_file_path(data_dir: Path, today: date, fmt: str = "md") -> Path:
    """``<data folder>/reports/weekly-update-2026-11-26.md``."""
    return Path(data_dir) / REPORTS_DIR / f"weekly-update-{today.isoformat()}.{fmt}"


def write_report_file(store: FamilyStore, fmt: str = "md") -> Path:
    """Write this week's update (the last seven days, every child) into ``reports/``.

    Durable: the file is replaced atomically, so a crash leaves the old one or the new
    one. Writing again the same day replaces that day's file. Returns the path.
    """
    text = run_report(store, fmt=fmt)
    path = report_file_path(store.data_dir, store_today(store), fmt)
    ensure_private_dir(path.parent)
    atomic_write_bytes(path, text.encode("utf-8"))
    return path
