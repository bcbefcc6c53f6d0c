"""The weekly update behind ``family-tui report`` and the app's report key.

Turns what a person typed (a child's name, ``--week 2026-W48``, ``--from``/``--to``)
into a range and a list of children, with messages that say how to fix a mistake,
and renders :mod:`family_tui.domain.report`. The app writes the same Markdown file into the
data folder's ``reports/`` folder with :func:`write_report_file`.

No Textual here.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from ..clock import family_day
from ..domain.addressing import note_is_for_discipline
from ..domain.models import Discipline, Program, Therapist
from ..domain.names import find_child, find_therapist
from ..domain.report import WeeklyReport, build_report, render_html, render_markdown, report_range
from ..domain.report.for_therapist import build_therapist_report
from ..domain.sessions import days_since_last_session
from ..storage import FamilyStore
from ..storage.atomic import atomic_write_bytes, ensure_private_dir

FORMATS = ("md", "html")
REPORTS_DIR = "reports"


class ReportError(ValueError):
    """What the person asked for cannot be reported; the message says how to fix it."""


def store_today(store: FamilyStore) -> date:
    """The family's day now, by the store's clock and the family's day start."""
    return family_day(store.clock.local_now(), store.settings().day_start)


@dataclass(frozen=True)
class Audience:
    """Whom an update is for: the whole family (the default), one therapist, or one discipline."""

    label: str = ""
    """ "Ms. Rivera, Speech therapy"; "" for the whole family."""
    children: tuple[str, ...] | None = None
    """The children it covers; None for every current child."""
    disciplines: tuple[Discipline, ...] = ()
    """The disciplines it covers; () for all."""
    therapists: tuple[Therapist, ...] = field(default=())
    """The therapists it is for: their last session starts the default period."""
    file_id: str = ""
    """What the saved file's name ends with: the therapist's id or the discipline; "" for the family."""

    def default_range(self, today: date) -> tuple[date, date] | None:
        """The days since the latest last session of its therapists; None for the usual seven days."""
        if not self.therapists:
            return None
        return max((days_since_last_session(t, today) for t in self.therapists), key=lambda r: r[0])


WHOLE_FAMILY = Audience()


def therapist_audience(therapist: Therapist) -> Audience:
    return Audience(
        label=f"{therapist.name}, {therapist.discipline.label}",
        children=tuple(therapist.children),
        disciplines=(therapist.discipline,),
        therapists=(therapist,),
        file_id=therapist.id,
    )


def discipline_audience(program: Program, discipline: Discipline) -> Audience:
    """Every therapist of ``discipline``; without one, the children who have goals of it."""
    therapists = tuple(t for t in program.therapists if t.discipline is discipline and not t.archived)
    children = {c for t in therapists for c in t.children}
    children |= {g.child for g in program.goals if g.discipline is discipline and not therapists}
    return Audience(
        label=discipline.label,
        children=tuple(c.id for c in program.children if c.id in children),
        disciplines=(discipline,),
        therapists=therapists,
        file_id=discipline.value.lower(),
    )


def find_audience(program: Program, therapist: str | None = None, discipline: str | None = None) -> Audience:
    """The audience ``--therapist`` or ``--discipline`` names; the message lists what is accepted."""
    if therapist is not None and discipline is not None:
        raise ReportError("Give either --therapist or --discipline, not both.")
    if therapist is not None:
        try:
            return therapist_audience(find_therapist(program, therapist))
        except ValueError as error:
            raise ReportError(str(error)) from None
    if discipline is not None:
        key = discipline.strip().upper()
        if key not in Discipline.__members__:
            raise ReportError(f'Unknown discipline "{discipline}": use OT, PT or SLP.')
        return discipline_audience(program, Discipline(key))
    return WHOLE_FAMILY


def run_report(
    store: FamilyStore,
    child: str | None = None,
    week: str | None = None,
    first: str | None = None,
    last: str | None = None,
    fmt: str = "md",
    *,
    therapist: str | None = None,
    discipline: str | None = None,
) -> str:
    """The weekly update as Markdown (``md``) or printable HTML (``html``).

    Default range: the last seven days ending today (the family's day); for a therapist,
    the days since their last session. ``child`` is a name (any case) or an id; the error
    lists the children there are. ``therapist`` (an id, a name, a first name) or
    ``discipline`` (OT, PT, SLP) keeps only their children and goals.
    """
    if fmt not in FORMATS:
        raise ReportError(f'Unknown report format "{fmt}": use md or html.')
    report = _weekly_report(store, child, week, first, last, therapist=therapist, discipline=discipline)
    if fmt != "html":
        return render_markdown(report)
    audience = find_audience(store.program(), therapist, discipline)
    return render_html(report, _reply_form(store, audience, store_today(store)))


def _weekly_report(
    store: FamilyStore,
    child: str | None,
    week: str | None,
    first: str | None,
    last: str | None,
    *,
    therapist: str | None,
    discipline: str | None,
) -> WeeklyReport:
    today = store_today(store)
    program = store.program()
    audience = find_audience(program, therapist, discipline)
    since_session = None if (week or first or last) else audience.default_range(today)
    try:
        start, end = since_session or report_range(today, week=week, first=first, last=last)
    except ValueError as error:
        raise ReportError(str(error)) from None
    child_ids = list(audience.children) if audience.children is not None else None
    if child is not None:
        if not program.children:
            raise ReportError("There are no children in the program yet: import the home program first.")
        try:
            found = find_child(program, child)
        except ValueError as error:
            raise ReportError(str(error)) from None
        if child_ids is not None and found.id not in child_ids:
            raise ReportError(f"{found.name} is not among the children of {audience.label}.")
        child_ids = [found.id]
    report = report_from_store(
        store,
        start,
        end,
        child_ids,
        today=today,
        disciplines=audience.disciplines,
        audience=audience.label,
        now=store.clock.now(),
        therapist=audience.therapists[0] if therapist is not None and audience.therapists else None,
    )
    return report


def _reply_form(store: FamilyStore, audience: Audience, today: date) -> str:
    """For one therapist's update: the form she fills in to reply (see ``domain/reply/form_html.py``)."""
    if len(audience.therapists) != 1 or not audience.file_id == audience.therapists[0].id:
        return ""
    from ..domain.reply import build_reply_form, reply_form_html

    return reply_form_html(build_reply_form(store.program(), store.notes(), audience.therapists[0], today))


def report_from_store(
    store: FamilyStore,
    first: date,
    last: date,
    child_ids: Sequence[str] | None = None,
    *,
    today: date | None = None,
    disciplines: Collection[Discipline] = (),
    audience: str = "",
    now: datetime | None = None,
    therapist: Therapist | None = None,
) -> WeeklyReport:
    """:func:`~family_tui.domain.report.build_report` over a :class:`~family_tui.storage.store.FamilyStore`.

    Practice from :data:`HISTORY_DAYS` before the period tells a setting that is new and
    when a mastery run began (and the period of equal length before it, the trends).
    """
    length = (last - first).days + 1
    program = store.program()
    notes = store.notes()
    if disciplines and therapist is None:  # every therapist of a discipline: not the notes meant for another
        notes = [n for n in notes if any(note_is_for_discipline(n, d, program) for d in disciplines)]
    sources = (
        program,
        store.practice_between(first - timedelta(days=max(length, HISTORY_DAYS)), last),
        notes,
        store.wins(),
        store.skip_days(),
        store.settings(),
        first,
        last,
        child_ids,
    )
    if therapist is not None:
        return build_therapist_report(
            therapist, *sources, today=today, disciplines=disciplines, audience=audience, now=now
        )
    return build_report(*sources, today=today, disciplines=disciplines, audience=audience, now=now)


HISTORY_DAYS = 56
"""Days of practice read before a report's period (at least the period's own length)."""


def report_file_path(data_dir: Path, today: date, fmt: str = "md", audience_id: str = "") -> Path:
    """``<data folder>/reports/weekly-update-2026-11-26.md``, or ``...-2026-11-26-rivera.md`` for a therapist."""
    suffix = f"-{audience_id}" if audience_id else ""
    return Path(data_dir) / REPORTS_DIR / f"weekly-update-{today.isoformat()}{suffix}.{fmt}"


def update_text(store: FamilyStore, therapist_id: str | None = None, fmt: str = "md") -> str:
    """The update the app shows: the whole family's, or one therapist's (by id) since their last session."""
    return run_report(store, fmt=fmt, therapist=therapist_id)


@dataclass(frozen=True)
class UpdateTexts:
    """The update the app shows, in the two forms it needs."""

    saved: str
    """The Markdown file as ``s`` writes it (the same as ``family-tui report``)."""
    shown: str
    """The same Markdown with what people typed escaped: rendered on screen, it reads as typed."""


def update_texts(store: FamilyStore, therapist_id: str | None = None) -> UpdateTexts:
    """:func:`update_text` and its on-screen twin, from one reading of the store."""
    report = _weekly_report(store, None, None, None, None, therapist=therapist_id, discipline=None)
    return UpdateTexts(render_markdown(report), render_markdown(report, escape_typed=True))


def save_report_text(store: FamilyStore, text: str, therapist_id: str | None = None, fmt: str = "md") -> Path:
    """Write ``text`` into ``reports/`` under today's name (with the therapist's id when for one).

    Durable: the file is replaced atomically, so a crash leaves the old one or the new
    one. Writing again the same day replaces that day's file. Returns the path.
    """
    path = report_file_path(store.data_dir, store_today(store), fmt, therapist_id or "")
    ensure_private_dir(path.parent)
    atomic_write_bytes(path, text.encode("utf-8"))
    return path


def write_report_file(store: FamilyStore, fmt: str = "md", therapist_id: str | None = None) -> Path:
    """Write this week's update (every child, or one therapist's) into ``reports/``; returns the path."""
    return save_report_text(store, update_text(store, therapist_id, fmt), therapist_id, fmt)
