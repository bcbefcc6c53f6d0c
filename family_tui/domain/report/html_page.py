"""The weekly update as one self-contained HTML page that prints on one or two sheets.

Every span goes through ``html.escape``: nothing a person typed can become markup.
"""

from __future__ import annotations

import html

from ..qr_code import qr_svg
from .build import WeeklyReport
from .document import Block, Document, Heading, Items, Line, Paragraph, Section, Style, report_document

_STYLE = """
  :root { color-scheme: light; }
  body { font: 11pt/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
         color: #1d1d1f; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.5rem; margin: 0; }
  .period { color: #555; margin: 0.2rem 0 1rem; }
  h2 { font-size: 1.25rem; border-bottom: 2px solid #cfd8dc; margin: 1.4rem 0 0.4rem; padding-bottom: 0.1rem; }
  h3 { font-size: 1.02rem; margin: 0.9rem 0 0.2rem; }
  p { margin: 0.3rem 0; }
  ul { margin: 0.2rem 0 0.5rem; padding-left: 1.3rem; }
  li { margin: 0.1rem 0; white-space: pre-line; }
  .aim, .meta { color: #555; }
  .headline { font-weight: 600; }
  section.goal { break-inside: avoid; page-break-inside: avoid; display: flow-root; }
  a { color: inherit; overflow-wrap: anywhere; }
  li .qr { float: right; margin: 0 0 0.2rem 0.8rem; }
  @page { margin: 1.4cm; }
  @media print {
    body { font-size: 9.5pt; margin: 0; max-width: none; padding: 0; }
    h1 { font-size: 14pt; }
    h2 { font-size: 12pt; margin-top: 0.8rem; }
    h3 { font-size: 10pt; margin-top: 0.5rem; }
    h2, h3 { break-after: avoid; page-break-after: avoid; }
    li, p { orphans: 2; widows: 2; }
  }
"""


def render_html(report: WeeklyReport, ending: str = "") -> str:
    """One self-contained page; prints on one or two sheets. ``ending``: HTML to end the page with
    (a therapist's reply form, which is not printed)."""
    return html_page(report_document(report), ending)


def html_page(document: Document, ending: str = "") -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(document.title)} — {_e(document.period)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(document.title)}</h1>",
        f'<p class="period">{_e(document.period)}</p>',
    ]
    _blocks(document.blocks, out)
    if ending:
        out.append(ending)
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _blocks(blocks: tuple[Block, ...], out: list[str]) -> None:
    for block in blocks:
        if isinstance(block, Section):
            out.append(f'<section class="{block.role}">' if block.role else "<section>")
            _blocks(block.blocks, out)
            out.append("</section>")
        elif isinstance(block, Heading):
            out.append(f"<h{block.level}>{_line(block.line)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            opening = f'<p class="{block.role}">' if block.role else "<p>"
            out.append(f"{opening}{_line(block.line)}</p>")
        elif isinstance(block, Items):
            out += ["<ul>", *(f"  <li>{_line(line)}</li>" for line in block.lines), "</ul>"]


def _line(line: Line) -> str:
    parts = []
    for span in line:
        if span.style is Style.HEADLINE:
            parts.append(f'<span class="headline">{_e(span.text)}</span>')
        elif span.style is Style.ASIDE:
            parts.append(f'<span class="meta">({_e(span.text)})</span>')
        elif span.style is Style.LINK:
            parts.append(f'{qr_svg(span.text)}<a href="{_e(span.text)}">{_e(span.text)}</a>')
        else:
            parts.append(_e(span.text))
    return "".join(parts)


def _e(text: str) -> str:
    return html.escape(text, quote=True)
