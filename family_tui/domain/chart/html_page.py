"""The fridge chart as one self-contained HTML page: one sheet, big and friendly, fine in black and white.

The child's name in large type, a row per strategy in the child's words with its
emoji, a box per planned day and a star where practice happened. No percentages and
no scores anywhere: the chart counts tries, and only as stars. A day off is a soft,
dashed mark, never an empty box. The page size is left to the printer (A4 and Letter
both fit); the rows get shorter as there are more of them, so the chart stays on one
sheet. Nothing on the page depends on colour. Under the child's part, a strip for the
grown-ups holds a QR code for each strategy's link to how it is done.

Every text goes through ``html.escape``: nothing a therapist or a family typed can
become markup.
"""

from __future__ import annotations

import html
from datetime import date

from ..qr_code import qr_svg
from ..report.period import DAYS, MONTHS, format_range
from .week import ChartRow, ChildChart, Mark

ROWS_HEIGHT_CM = 16.5
"""What the rows share on a sheet (Letter is the shorter), below the name and above the key."""
ROW_MAX_CM = 3.3
"""A few strategies get big rows, not a page of white space."""
LINKS_CM = 2.8
"""The strip of QR codes to the strategies' links, taken from the rows' share when there is one."""
LINKS_MAX = 4
"""QR codes that fit across the sheet beside their heading; the cue cards carry every link."""

STAR = "★"

_STYLE = """
  :root { color-scheme: light; }
  * { box-sizing: border-box; }
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
         color: #000; background: #fff; max-width: 19cm; margin: 1cm auto; padding: 0 0.5cm; }
  header { display: flex; align-items: baseline; justify-content: space-between; gap: 0.6cm;
           border-bottom: 3px solid #000; padding-bottom: 0.15cm; margin-bottom: 0.35cm; }
  h1 { line-height: 1; margin: 0; font-weight: 900; letter-spacing: 0.01em; overflow-wrap: anywhere; }
  .week { flex: none; font-size: 15pt; font-weight: 700; margin: 0; text-align: right; white-space: nowrap; }
  .week .title { display: block; font-size: 20pt; }
  .chart { display: grid; grid-template-columns: 7cm repeat(7, 1fr); align-items: stretch; }
  .day { text-align: center; font-size: 14pt; font-weight: 800; padding-bottom: 0.15cm; line-height: 1.1; }
  .day .date { display: block; font-size: 10pt; font-weight: 400; }
  .what, .cell { height: var(--row); border-top: 1.5px solid #000; }
  .what { display: flex; align-items: center; gap: 0.25cm; padding-right: 0.2cm; overflow: hidden; }
  .emoji { flex: none; width: var(--emoji); font-size: var(--emoji-size); line-height: 1; text-align: center; }
  .words { font-size: var(--words); font-weight: 800; line-height: 1.12; overflow-wrap: anywhere; }
  .cell { display: flex; align-items: center; justify-content: center; }
  .box { display: flex; align-items: center; justify-content: center; width: var(--box); height: var(--box);
         border: 3px solid #000; border-radius: var(--corner); font-size: var(--star); line-height: 1; }
  .dayoff { display: flex; align-items: center; justify-content: center; text-align: center;
            width: var(--box); height: var(--box); border: 1.5px dashed #000; border-radius: 2cm;
            font-size: var(--dayoff); font-style: italic; line-height: 1.05; }
  .chart > :nth-last-child(-n+8) { border-bottom: 1.5px solid #000; }
  .empty { font-size: 18pt; margin: 1cm 0; }
  footer { margin-top: 0.4cm; font-size: 13pt; }
  .key { display: flex; flex-wrap: wrap; align-items: center; gap: 0.2cm 0.6cm; margin: 0; font-weight: 700; }
  .key span.sample { display: inline-flex; align-items: center; justify-content: center; vertical-align: middle;
                     width: 0.9cm; height: 0.9cm; margin-right: 0.15cm; }
  .key .box { width: 0.85cm; height: 0.85cm; font-size: 0.65cm; border-width: 2.5px; border-radius: 0.2cm; }
  .key .dayoff { width: 0.9cm; height: 0.9cm; font-size: 6.5pt; }
  .cheer { font-size: 16pt; font-weight: 800; margin: 0.25cm 0 0; }
  .made { font-size: 9pt; margin: 0.2cm 0 0; }
  .links { display: flex; align-items: flex-start; gap: 0.3cm; margin: 0.25cm 0 0; padding-top: 0.2cm;
           border-top: 1.5px solid #000; }
  .links .for { flex: none; width: 3.2cm; font-size: 10pt; font-weight: 700; margin: 0; }
  .links .for small { display: block; font-size: 8pt; font-weight: 400; margin-top: 0.1cm; }
  .link { flex: none; width: 3.1cm; text-align: center; font-size: 8pt; line-height: 1.15; }
  .link .qr { display: block; margin: 0 auto 0.05cm; }
  @page { margin: 1.2cm; }
  @media print {
    body { margin: 0; max-width: none; padding: 0; }
  }
"""


def render_chart_html(chart: ChildChart, made_on: date | None = None) -> str:
    """One sheet: the child's name, the week, the chart, and a key a child can follow."""
    week = format_range(chart.days[0], chart.days[-1])
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(chart.child)}: star chart, {_e(week)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f'<h1 style="font-size: {name_size(chart.child)}pt">{_e(chart.child)}</h1>',
        f'<p class="week"><span class="title">Star chart</span>{_e(week)}</p>',
        "</header>",
    ]
    links = chart_links(chart)
    if chart.rows:
        _chart(chart, out, ROWS_HEIGHT_CM - (LINKS_CM if links else 0))
    else:
        out.append(f'<p class="empty">Nothing is planned for {_e(chart.child)} this week.</p>')
    out += [
        "<footer>",
        '<p class="key">'
        f'<span><span class="sample"><span class="box">{STAR}</span></span>a star for every try</span>'
        '<span><span class="sample"><span class="box"></span></span>colour it in after practice</span>'
        '<span><span class="sample"><span class="dayoff">day off</span></span>a rest day</span>'
        "</p>",
        f'<p class="cheer">Trying is what counts. Well done, {_e(chart.child)}!</p>',
    ]
    if links:
        _links(links, more=len({row.media for row in chart.rows if row.media}) - len(links), out=out)
    if made_on is not None:
        out.append(
            f'<p class="made">Made on {made_on.day} {MONTHS[made_on.month - 1]} {made_on.year} from the home program.</p>'
        )
    out += ["</footer>", "</body>", "</html>", ""]
    return "\n".join(out)


NAME_MAX_PT = 60
NAME_FITS = 8
"""Characters of a name that fit the width at the largest size: a longer name gets smaller, on one line."""


def name_size(name: str) -> int:
    """The name as large as fits on one line beside the week: 60pt for "Maya", less for "Alexandra-Josephine"."""
    return max(24, min(NAME_MAX_PT, NAME_MAX_PT * NAME_FITS // max(len(name), 1)))


def sizes(rows: int, height_cm: float = ROWS_HEIGHT_CM) -> dict[str, str]:
    """The chart's measures for this many rows in ``height_cm``: big for a few, shorter as they add up, one sheet always."""
    row = min(ROW_MAX_CM, height_cm / max(rows, 1))
    box = min(1.4, row - 0.4)
    return {
        "--row": f"{row:.2f}cm",
        "--box": f"{box:.2f}cm",
        "--star": f"{box * 0.8:.2f}cm",
        "--corner": f"{box * 0.2:.2f}cm",
        "--emoji": f"{min(1.6, row * 0.8):.2f}cm",
        "--emoji-size": f"{min(1.2, row * 0.6):.2f}cm",
        "--words": f"{min(19.0, max(8.0, row * 7.5)):.1f}pt",
        "--dayoff": f"{min(9.0, max(5.0, box * 6.5)):.1f}pt",
    }


def chart_links(chart: ChildChart) -> list[ChartRow]:
    """The rows whose strategy has a link, one per link, in the chart's order, as many as fit."""
    seen: set[str] = set()
    found = []
    for row in chart.rows:
        if row.media and row.media not in seen:
            seen.add(row.media)
            found.append(row)
    return found[:LINKS_MAX]


def _links(rows: list[ChartRow], *, more: int, out: list[str]) -> None:
    """For the grown-ups, under the child's part: a QR code a phone opens, under each strategy's words."""
    note = f"<small>{more} more {'link is' if more == 1 else 'links are'} on the cue cards.</small>" if more else ""
    out.append('<div class="links">')
    out.append(f'<p class="for">For grown-ups: scan to see how{note}</p>')
    for row in rows:
        words = f"{row.emoji} {row.words}" if row.emoji else row.words
        out.append(f'<div class="link">{qr_svg(row.media)}{_e(words)}</div>')
    out.append("</div>")


def _chart(chart: ChildChart, out: list[str], height_cm: float) -> None:
    style = "; ".join(f"{name}: {value}" for name, value in sizes(len(chart.rows), height_cm).items())
    out.append(f'<div class="chart" style="{style}">')
    out.append('<div class="day"></div>')
    for day in chart.days:
        out.append(
            f'<div class="day">{DAYS[day.weekday()]}<span class="date">{day.day} {MONTHS[day.month - 1][:3]}</span></div>'
        )
    for row in chart.rows:
        _row(row, out)
    out.append("</div>")


def _row(row: ChartRow, out: list[str]) -> None:
    out.append(
        f'<div class="what"><span class="emoji">{_e(row.emoji)}</span><span class="words">{_e(row.words)}</span></div>'
    )
    for mark in row.marks:
        out.append(f'<div class="cell is-{mark.value}">{_cell(mark)}</div>')


def _cell(mark: Mark) -> str:
    if mark is Mark.STAR:
        return f'<span class="box">{STAR}</span>'
    if mark is Mark.BOX:
        return '<span class="box"></span>'
    if mark is Mark.DAY_OFF:
        return '<span class="dayoff">day off</span>'
    return ""


def _e(text: str) -> str:
    return html.escape(text, quote=True)
