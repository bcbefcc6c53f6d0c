"""The weekly update as Markdown, for a message or an email to the therapist.

The file keeps typed text whole, as typed. On screen the Markdown is rendered, so there
(``escape_typed``) every punctuation mark a person typed is backslash-escaped: a note
starting with ``#`` or holding ``[a](b)``, ``<b>`` or ``|`` shows as typed, not as a
heading, a link, HTML or a table.
"""

from __future__ import annotations

import re

from .build import WeeklyReport
from .document import Block, Document, Heading, Items, Line, Paragraph, Section, Style, report_document

PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
"""ASCII punctuation: CommonMark lets a backslash before any of it stand for the mark itself."""


def render_markdown(report: WeeklyReport, *, escape_typed: bool = False) -> str:
    return markdown(report_document(report), escape_typed=escape_typed)


def markdown(document: Document, *, escape_typed: bool = False) -> str:
    """Every block followed by a blank line; the text ends with one newline."""
    title, period = document.title, document.period  # may hold a therapist's name as typed
    if escape_typed:
        title, period = PUNCTUATION.sub(r"\\\1", title), PUNCTUATION.sub(r"\\\1", period)
    out: list[str] = [f"# {title}", "", period, ""]
    _blocks(document.blocks, out, escape_typed)
    return "\n".join(out).rstrip() + "\n"


def _blocks(blocks: tuple[Block, ...], out: list[str], escape: bool) -> None:
    for block in blocks:
        if isinstance(block, Section):
            _blocks(block.blocks, out, escape)
        elif isinstance(block, Heading):
            out += [f"{'#' * block.level} {_line(block.line, escape)}", ""]
        elif isinstance(block, Paragraph):
            out += [_line(block.line, escape), ""]
        elif isinstance(block, Items):
            out += [f"- {_line(line, escape)}" for line in block.lines]
            out.append("")


def _line(line: Line, escape: bool = False) -> str:
    parts = []
    for span in line:
        if span.style is Style.TYPED:
            parts.append(_md(span.text, escape=escape))
        elif span.style is Style.TERM:
            parts.append(_md(span.text, "    ", escape=escape))
        elif span.style is Style.ASIDE:
            parts.append(f"({_md(span.text, escape=escape)})")
        elif span.style is Style.LINK:  # checked at the door: no spaces, "<" or ">" to end it early
            parts.append(f"<{span.text}>")
        else:
            parts.append(span.text)
    return "".join(parts)


def _md(text: str, indent: str = "  ", *, escape: bool = False) -> str:
    """Typed text inside a list item: blank lines dropped, later lines indented so the item stays whole."""
    if escape:
        text = PUNCTUATION.sub(r"\\\1", text)
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return ("\n" + indent).join(line for line in lines if line) if lines else ""
