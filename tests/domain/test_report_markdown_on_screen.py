"""The update's Markdown for the screen: typed text escaped, so that rendered it reads as typed."""

from __future__ import annotations

from markdown_it import MarkdownIt

from family_tui.domain.report.document import Document, Heading, Items, typed, words
from family_tui.domain.report.markdown import markdown

TYPED = "# not a heading *nor bold* [a link](https://example.org) <b>html</b> | a | b | 1. `code`"


def document() -> Document:
    return Document(
        title="Weekly practice update",
        period="20–26 November 2026",
        blocks=(Heading(2, (words("Questions"),)), Items(((typed("Leo"), words(": "), typed(TYPED)),))),
    )


def test_the_file_keeps_typed_text_as_typed():
    assert f"- Leo: {TYPED}" in markdown(document())


def test_on_screen_typed_text_renders_as_plain_text():
    shown = markdown(document(), escape_typed=True)
    tokens = MarkdownIt("gfm-like").parse(shown)
    inline = [t for t in tokens if t.type == "inline"]
    assert [t.content for t in inline][:2] == ["Weekly practice update", "20–26 November 2026"]
    item = inline[-1]
    assert [c.type for c in item.children] == ["text"] * len(item.children)  # no link, emphasis, html or code
    assert "".join(c.content for c in item.children) == f"Leo: {TYPED}"
    assert [t.type for t in tokens].count("heading_open") == 2  # the title and "Questions" only
