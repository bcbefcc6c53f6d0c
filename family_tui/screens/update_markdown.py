"""Textual's Markdown widget with each bulleted list one widget, as the update draws them.

Textual builds each item of a bulleted list as four widgets (a row holding the bullet and a
column holding the paragraph). The update is mostly lists (five years of open questions are
a list of 500), and styling and laying out those widgets was most of the time between enter
and the update drawn: a screenful of questions is a hundred and twenty of them. Here a list
whose items are each one paragraph, as every list of the update is, is one widget that draws
each bullet and wraps each paragraph beside it, as Textual's rows and columns do. A list with
anything else in an item (a nested list, two paragraphs) is built as Textual builds it.

It reads the blocks Textual's parser built (``MarkdownBlock._blocks``, ``_content``, ``_token``,
``MarkdownListItem.bullet``, from ``textual.widgets._markdown``), checked on Textual 8.2.8
(``widgets/textual_checked.py``); ``tests/app/test_update_parts.py`` compares what it draws
with what Textual's own list draws.
"""

from __future__ import annotations

from markdown_it.token import Token
from textual.app import ComposeResult
from textual.content import Content, Span
from textual.geometry import Size
from textual.widgets import Markdown
from textual.widgets._markdown import (  # Textual's Markdown blocks: the classes BLOCKS maps to
    MarkdownBlock,
    MarkdownBulletList,
    MarkdownListItem,
    MarkdownParagraph,
)


class BulletList(MarkdownBulletList):
    """Textual's bulleted list; when each item is one paragraph, the list is one widget drawing
    every bullet and every paragraph beside its bullet, as Textual's rows and columns would.

    The bullets are drawn as ``MarkdownBullet`` draws them (``$text-primary``, ``$text-secondary``
    on a light theme); each line of an item starts after its bullet.
    """

    def __init__(self, markdown: Markdown, token: Token) -> None:
        super().__init__(markdown, token)
        self._items: list[tuple[str, Content]] = []
        self._lines_cache: tuple[int, list[Content]] = (-1, [])

    def compose(self) -> ComposeResult:
        items = [
            (block.bullet, block._blocks[0]._content)
            for block in self._blocks
            if isinstance(block, MarkdownListItem)
            and len(block._blocks) == 1
            and type(block._blocks[0]) is MarkdownParagraph
        ]
        if len(items) != len(self._blocks):  # something else in an item: as Textual builds it
            yield from super().compose()
            return
        self._items = items
        self._content = Content("\n").join(text for _, text in items)  # what selecting it copies
        self._blocks.clear()

    def _lines(self, width: int) -> list[Content]:
        if self._lines_cache[0] != width:
            style = "$text-primary" if self.app.current_theme.dark else "$text-secondary"
            lines: list[Content] = []
            for bullet, text in self._items:
                first = Content(bullet, spans=[Span(0, len(bullet), style)])
                indent = Content(" " * len(bullet), spans=[Span(0, len(bullet), style)])
                wrapped = text.wrap(max(1, width - len(bullet)))
                lines.extend((first if n == 0 else indent) + line for n, line in enumerate(wrapped))
            self._lines_cache = (width, lines)
        return self._lines_cache[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not self._items:
            return super().get_content_height(container, viewport, width)
        return len(self._lines(width)) if width else 0

    def render(self) -> Content:
        if not self._items:
            return super().render()  # type: ignore[return-value]
        return Content("\n").join(self._lines(self.content_region.width))


class UpdateMarkdown(Markdown):
    """Textual's Markdown widget, its bulleted lists built by :class:`BulletList`."""

    BLOCKS: dict[str, type[MarkdownBlock]] = {**Markdown.BLOCKS, "bullet_list_open": BulletList}
