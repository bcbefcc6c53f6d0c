"""The weekly update a parent hands the therapist: Markdown or printable HTML.

- :mod:`.period`: the days a report covers (``--week``, ``--from``, ``--to``) and how dates read;
- :mod:`.build`: the report as data, from the same numbers as the progress screens;
- :mod:`.samples`: what each figure rests on (tries and days, help day by day, routines);
- :mod:`.document`: the one walk that lays the report out as sections, headings,
  paragraphs and lists;
- :mod:`.markdown` and :mod:`.html_page`: two renderers that only format that layout.
  Everything a person typed goes through ``html.escape`` in HTML.

No Textual here.
"""

from .build import (
    ChildReport,
    GoalReport,
    StrategyReport,
    WeeklyReport,
    build_report,
)
from .document import STILL_OPEN, Document, report_document
from .html_page import render_html
from .markdown import render_markdown
from .period import (
    DAYS,
    MONTHS,
    days_line,
    default_range,
    format_day,
    format_range,
    minutes_text,
    parse_day,
    parse_iso_week,
    report_range,
)
from .samples import EARLY_DAYS, HelpChange, Sample, Slot

__all__ = [
    "DAYS",
    "EARLY_DAYS",
    "MONTHS",
    "STILL_OPEN",
    "ChildReport",
    "Document",
    "GoalReport",
    "HelpChange",
    "Sample",
    "Slot",
    "StrategyReport",
    "WeeklyReport",
    "build_report",
    "days_line",
    "default_range",
    "format_day",
    "format_range",
    "minutes_text",
    "parse_day",
    "parse_iso_week",
    "render_html",
    "render_markdown",
    "report_document",
    "report_range",
]
