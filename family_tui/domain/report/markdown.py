"""The weekly update as Markdown, for a message or an email to the therapist."""

from __future__ import annotations

from .build import WeeklyReport
from .document import Block, Document, Heading, Items, Line, Paragraph, Section, Style, report_document


def render_markdown(report: WeeklyReport) -> str:
    return markdown(report_document(report))


def markdown(document: Document) -> str:
    """Every block followed by a blank line; the text ends with one newline."""
    out: list[str] = [f"# {document.title}", "", f"{document.period}", ""]
    _blocks(document.blocks, out)
    return "\n".join(out).rstrip() + "\n"


def _blocks(blocks: tuple[Block, ...], out: list[str]) -> None:
    for block in blocks:
        if isinstance(block, Section):
            _blocks(block.blocks, out)
        elif isinstance(block, Heading):
            out += [f"{'#' * block.level} {_line(block.line)}", ""]
        elif isinstance(block, Paragraph):
            out += [_line(block.line), ""]
        elif isinstance(block, Items):
            out += [f"- {_line(line)}" for line in block.lines]
            out.append("")


def _line(line: Line) -> str:
    parts = []
    for span in line:
        if span.style is Style.TYPED:
            parts.append(_md(span.text))
        elif span.style is Style.TERM:
            parts.append(_md(span.text, "    "))
        elif span.style is Style.ASIDE:
            parts.append(f"({_md(span.text)})")
        elif span.style is Style.LINK:  # checked at the door: no spaces, "<" or ">" to end it early
            parts.append(f"<{span.text}>")
        else:
            parts.append(span.text)
    return "".join(parts)


def _md(text: str, indent: str = "  ") -> str:
    """Typed text inside a list item: blank lines dropped, later lines indented so the item stays whole."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return ("\n" + indent).join(line for line in lines if line) if lines else ""
