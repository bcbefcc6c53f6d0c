"""Compact summaries of month files, cached on disk for the progress views.

Progress would otherwise parse and validate every month file of years of history; it needs
only an outline of old months and the detail of recent ones (see
:mod:`family_tui.domain.history`). So whenever the store writes a month file it also writes
the month's summary to ``.family-tui-local/cache/progress/YYYY-MM.json``, and a summary that is missing
or stale is rebuilt from the month file the first time progress needs it.

A summary is derived data: it names the month file it was made from (inode, size,
modification time) and is used only while that is still the file on disk. Anything
wrong with it (missing, stale, damaged, another version) just means rebuilding it. It
is never backed up, and deleting that ``cache`` folder is always safe.

The file is two lines of JSON, so the outline of an old month is read without parsing
its detail::

    {"v":2,"source":[ino,size,mtime_ns],"pairs":[[child,strategy,days,settings,count],...],"problems":[...]}
    [[day,child,strategy,routine,status,assistance,setting,minutes,correct,total],...]
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.history import MonthPractice, PracticeFact
from ..domain.models import Assistance, PracticeEntry, PracticeStatus, Setting
from .atomic import atomic_write_bytes, ensure_private_dir
from .durable import Signature
from .journal import Op
from .local import LOCAL_DIR

VERSION = 3
"""2: a second entry for one item is left out (and reported), where 1 counted both.
3: each row ends with the measured seconds, steps and count (issue 26)."""
CACHE_DIR = Path(LOCAL_DIR) / "cache" / "progress"

_STATUS = {s.value: s for s in PracticeStatus}
_ASSISTANCE: dict[str | None, Assistance | None] = {a.value: a for a in Assistance}
_ASSISTANCE[None] = None
_SETTING = {s.value: s for s in Setting}


@dataclass
class MonthSummary:
    key: str
    outline: MonthPractice
    problems: list[str]
    rows: list[list[Any]] | None = None
    """The entries' detail as stored rows; None when not read."""

    def facts(self, first: date | None = None, children: frozenset[str] | None = None) -> list[PracticeFact]:
        """The detail of entries on or after ``first`` (all when None), of ``children`` (None: all)."""
        assert self.rows is not None, "read with detail=True"
        year, month = self.outline.year, self.outline.month
        if first is not None and (first.year, first.month) > (year, month):
            return []
        low = first.day if first is not None and (first.year, first.month) == (year, month) else 1
        days: dict[int, date] = {}
        # The same few ids thousands of times: one string each, not one per entry.
        ids: dict[str, str] = {}
        make = tuple.__new__  # a NamedTuple without its Python-level __new__: the fields are in order
        status_of, assistance_of, setting_of = _STATUS, _ASSISTANCE, _SETTING
        out: list[PracticeFact] = []
        append = out.append
        for d, child, strategy, routine, status, assistance, setting, minutes, correct, total, *measured in self.rows:
            if d < low or (children is not None and child not in children):
                continue
            day = days.get(d)
            if day is None:
                day = days[d] = date(year, month, d)
            append(
                make(
                    PracticeFact,
                    (
                        day,
                        ids.setdefault(child, child),
                        ids.setdefault(strategy, strategy),
                        ids.setdefault(routine, routine),
                        status_of[status],
                        assistance_of[assistance],
                        setting_of[setting],
                        minutes,
                        correct,
                        total,
                        *measured,
                    ),
                )
            )
        return out


def replay(
    base: MonthSummary | None,
    key: str,
    ops: Iterable[Op],
    validate: Callable[[dict[str, Any]], PracticeEntry | None],
) -> MonthSummary:
    """The summary of a month file with journal operations applied on top.

    ``validate(doc)`` returns the entry, or None when it is not valid (reported by the
    caller): such an entry is left out, as it would be from the month as a whole.
    """
    rows: list[list[Any]] = list(base.rows or []) if base is not None else []
    year, month = int(key[:4]), int(key[5:7])
    prefix = f"{key}-"
    for op in ops:
        day_text, child, strategy, routine = op.key
        if not day_text.startswith(prefix):
            continue
        try:
            day = int(day_text[len(prefix) :])
        except ValueError:
            continue
        rows = [r for r in rows if not (r[0] == day and r[1] == child and r[2] == strategy and r[3] == routine)]
        if op.kind == "put" and op.doc is not None:  # a put always carries its entry
            entry = validate(op.doc)
            if entry is not None and (entry.date.year, entry.date.month) == (year, month):
                rows.append(_row(entry))
    rows.sort(key=lambda r: r[0])
    outline = MonthPractice(year, month)
    setting_of = _SETTING
    for d, child, strategy, _routine, _status, _assistance, setting, *_ in rows:
        outline.add(child, strategy, d, setting_of[setting])
    return MonthSummary(key, outline, list(base.problems) if base is not None else [], rows)


def _row(e: PracticeEntry) -> list[Any]:
    return [
        e.date.day,
        e.child,
        e.strategy,
        e.routine,
        e.status.value,
        e.assistance.value if e.assistance is not None else None,
        e.setting.value,
        e.minutes,
        e.trials_correct,
        e.trials_total,
        e.seconds,
        e.seconds_left,
        e.seconds_right,
        e.steps_alone,
        e.steps_total,
        e.counted,
    ]


def summarise(key: str, entries: Iterable[PracticeEntry], problems: list[str]) -> MonthSummary:
    """The summary of a month's valid entries."""
    year, month = int(key[:4]), int(key[5:7])
    outline = MonthPractice(year, month)
    rows: list[list[Any]] = []
    for e in entries:
        if (e.date.year, e.date.month) != (year, month):
            continue  # not this month's: only reachable by editing the file by hand
        outline.add(e.child, e.strategy, e.date.day, e.setting)
        rows.append(_row(e))
    rows.sort(key=lambda r: r[0])
    return MonthSummary(key, outline, list(problems), rows)


def _encode(summary: MonthSummary, source: Signature = None) -> bytes:
    head = {
        "v": VERSION,
        "source": list(source) if source else None,
        "pairs": [[c, s, *v] for (c, s), v in summary.outline.pairs.items()],
        "problems": summary.problems,
    }
    dump = json.dumps
    return (
        dump(head, ensure_ascii=False, separators=(",", ":")).encode()
        + b"\n"
        + dump(summary.rows, ensure_ascii=False, separators=(",", ":")).encode()
        + b"\n"
    )


def cache_path(data_dir: Path, key: str) -> Path:
    return data_dir / CACHE_DIR / f"{key}.json"


def save(data_dir: Path, summary: MonthSummary, source: Signature) -> None:
    """Write the month's cache file (best effort: a cache that cannot be written is rebuilt later)."""
    if source is not None:
        _write(cache_path(data_dir, summary.key), _encode(summary, source))


def load(data_dir: Path, key: str, source: Signature, *, detail: bool) -> MonthSummary | None:
    """The cached summary of the month file with signature ``source``; None if there is none."""
    if source is None:
        return None
    try:
        raw = cache_path(data_dir, key).read_bytes()
        head_end = raw.index(b"\n")
        head = json.loads(raw[:head_end])
        if head.get("v") != VERSION or head.get("source") != list(source) or not raw.endswith(b"\n"):
            return None
        outline = _outline(key, head["pairs"])
        rows = json.loads(raw[head_end + 1 :]) if detail else None
        return MonthSummary(key, outline, list(head.get("problems") or []), rows)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def _outline(key: str, pairs: list[list[Any]]) -> MonthPractice:
    outline = MonthPractice(int(key[:4]), int(key[5:7]))
    outline.pairs = {(c, s): (days, settings, count) for c, s, days, settings, count in pairs}
    return outline


# -- every month's outline in one file ---------------------------------------------------
#
# Progress needs the outline of every month but the detail of only the last year: one
# small file for the outlines spares reading sixty month summaries each time.

OUTLINES = "outlines.json"


ListedOutlines = dict[str, tuple[list[int], MonthSummary]]
"""Month -> (its month file's signature, its summary without detail), as the outlines file lists them."""

NewOutlines = dict[str, tuple[Signature, MonthSummary]]
"""Month -> (its month file's signature, None when it is gone; its summary), to record in the outlines file."""


def load_outlines(data_dir: Path) -> ListedOutlines:
    """Month -> (source signature, summary without detail), from the outlines file."""
    try:
        data = json.loads((data_dir / CACHE_DIR / OUTLINES).read_bytes())
        if data.get("v") != VERSION:
            return {}
        return {
            key: (source, MonthSummary(key, _outline(key, pairs), list(problems)))
            for key, (source, pairs, problems) in data["months"].items()
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def save_outlines(data_dir: Path, summaries: NewOutlines) -> None:
    """Record these months' outlines in the outlines file (the caller holds the data-folder lock)."""
    path = data_dir / CACHE_DIR / OUTLINES
    try:
        data = json.loads(path.read_bytes())
        months = data["months"] if data.get("v") == VERSION and isinstance(data.get("months"), dict) else {}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        months = {}
    for key, (source, summary) in summaries.items():
        if source is None:
            months.pop(key, None)
        else:
            months[key] = [list(source), [[c, s, *v] for (c, s), v in summary.outline.pairs.items()], summary.problems]
    payload = json.dumps({"v": VERSION, "months": months}, ensure_ascii=False, separators=(",", ":")).encode()
    _write(path, payload)


def _write(path: Path, payload: bytes) -> None:
    """Replace a cache file (no fsync: a cache lost in a crash is rebuilt; failing to write one is harmless)."""
    try:
        ensure_private_dir(path.parent.parent)
        ensure_private_dir(path.parent)
        atomic_write_bytes(path, payload, durable=False)
    except OSError:
        pass
