"""Textual's Markdown widget with each bulleted list one widget, as the update draws them.

Textual builds each item of a bulleted list as four widgets (a row holding the bullet and a
column holding the paragraph). The update is mostly lists (five years of open questions are
a list of 500), and styling and laying out those widgets was most of the time between enter
and the update drawn: a screenful of questions is a hundred and twenty of them. Here a list
whose items are each one paragraph, as every list of the update is, is one widget that draws
each bullet and wraps each paragraph beside it, as Textual's rows and columns do. A list with
anything else in an item (a nested list, two paragraphs) is built as Textual builds it.

The update's first parts are parsed and built while the picker is open
(:meth:`UpdateMarkdown.built`): the blocks are composed with the widget, and its ``update()``
on mount (Textual's ``_on_mount`` calls it) only records the source, as Textual's own
``update()`` would after parsing and mounting them. Parsing and building two parts was half
the time between enter and the update drawn.

It reads the blocks Textual's parser built (``MarkdownBlock._blocks``, ``_content``, ``_token``,
``MarkdownListItem.bullet``, from ``textual.widgets._markdown``), calls ``Markdown._parse_markdown``
and ``MarkdownBlock._token_to_content`` (for the items :func:`parsed` folded into their list)
and sets what ``Markdown.update`` sets (``_theme``, ``_markdown``, ``_table_of_contents``,
``_last_parsed_line``), checked on Textual 8.2.8 (``widgets/textual_checked.py``);
``tests/app/test_update_parts.py`` compares what it draws with what Textual's own list draws.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Self

from markdown_it import MarkdownIt
from markdown_it.token import Token
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.content import Content, Span
from textual.geometry import Size
from textual.widgets import Markdown
from textual.widgets._markdown import (  # Textual's Markdown blocks: the classes BLOCKS maps to
    MarkdownBlock,
    MarkdownBulletList,
    MarkdownH1,
    MarkdownH2,
    MarkdownH3,
    MarkdownH4,
    MarkdownH5,
    MarkdownH6,
    MarkdownListItem,
    MarkdownParagraph,
)

LINES_KEPT = 4
"""Widths a list keeps its wrapped lines for: the two it is laid out at (before and after the
scroll bar is placed) and a window resized back and forth."""


def _uses_inline_styles(text: Content) -> bool:
    """Does ``text`` have a span styled by a block's component class (``.em``, ``.code_inline``…)?"""
    return any(isinstance(span.style, str) and span.style.startswith(".") for span in text.spans)


if TYPE_CHECKING:
    _BlockMixin = MarkdownBlock
else:
    _BlockMixin = object


class InlineStylesWhenUsed(_BlockMixin):
    """For a Markdown block: a block of the update that has the styles of emphasis, bold, struck-through and inline code
    (Textual's ``MarkdownBlock.COMPONENT_CLASSES``) only when its text uses one of them.

    Textual works out those four styles for every block as it is styled (four more nodes styled
    with the block itself, again on every restyle): a third of the time to mount the update's
    first parts. The update's own words use none of them and what people typed is escaped, so
    they are never looked up; a block whose text does use one (its spans name ``.em``, ``.strong``,
    ``.s`` or ``.code_inline``, as ``MarkdownBlock._token_to_content`` makes them) has all four, as in Textual.
    ``tests/app/test_update_parts.py`` draws the update with Textual's own blocks and compares.

    A plain mixin listed before the block's class: Textual styles a widget by the classes of its
    first DOMNode base and theirs (``MarkdownH1``, ``MarkdownHeader``…), as Textual's own block.
    """

    def _get_component_classes(self) -> frozenset[str]:  # type: ignore[override]  # Textual's is a classmethod
        # Textual private: what Stylesheet._process_component_classes styles for this node.
        if any(_uses_inline_styles(text) for text in self._texts()):
            return super()._get_component_classes()
        return frozenset()

    def _texts(self) -> list[Content]:
        """The text the block draws (set before it is mounted: built from its tokens)."""
        return [self._content]


class UpdateH1(InlineStylesWhenUsed, MarkdownH1):
    pass


class UpdateH2(InlineStylesWhenUsed, MarkdownH2):
    pass


class UpdateH3(InlineStylesWhenUsed, MarkdownH3):
    pass


class UpdateH4(InlineStylesWhenUsed, MarkdownH4):
    pass


class UpdateH5(InlineStylesWhenUsed, MarkdownH5):
    pass


class UpdateH6(InlineStylesWhenUsed, MarkdownH6):
    pass


class UpdateParagraph(InlineStylesWhenUsed, MarkdownParagraph):
    pass


PARAGRAPHS = (MarkdownParagraph, UpdateParagraph)
"""A list item holding only one of these is drawn by its list (a subclass of Textual's may draw otherwise)."""


class BulletList(InlineStylesWhenUsed, MarkdownBulletList):
    """Textual's bulleted list; when each item is one paragraph, the list is one widget drawing
    every bullet and every paragraph beside its bullet, as Textual's rows and columns would.

    The bullets are drawn as ``MarkdownBullet`` draws them (``$text-primary``, ``$text-secondary``
    on a light theme); each line of an item starts after its bullet.
    """

    def __init__(self, markdown: Markdown, token: Token) -> None:
        super().__init__(markdown, token)
        self._items: list[tuple[str, Content]] = []
        self._lines_cache: dict[tuple[int, str], list[Content]] = {}
        """The lines at each width (and bullet style) the list was laid out or drawn at."""
        folded: list[Token] = token.meta.get(FOLDED_ITEMS, [])
        self._folded = [(markdown.BULLETS[0], self._token_to_content(inline)) for inline in folded]
        """The items :func:`parsed` folded into the list's token: no widget was made for them."""

    def _one_paragraph_items(self) -> list[tuple[str, Content]] | None:
        """Each item's bullet and paragraph, or None when an item holds anything else."""
        if self._folded:
            return self._folded
        items = [
            (block.bullet, block._blocks[0]._content)
            for block in self._blocks
            if isinstance(block, MarkdownListItem) and len(block._blocks) == 1 and type(block._blocks[0]) in PARAGRAPHS
        ]
        return items if len(items) == len(self._blocks) else None

    def _texts(self) -> list[Content]:
        """Its items' text too: the list draws them (when Textual's rows do, each row has its own)."""
        items = self._items or self._one_paragraph_items() or []
        return [self._content, *(text for _, text in items)]

    def wrap_ahead(self, widths: Iterable[int]) -> None:
        """Before it is mounted: its lines at the widths it is expected to be laid out at.

        Wrapping the items was half the time of laying out the update's first parts; a width
        not expected is wrapped when laid out, as any other."""
        items = self._one_paragraph_items()
        if items is not None:
            self._items = items
            for width in widths:
                self._lines(width)

    def compose(self) -> ComposeResult:
        items = self._one_paragraph_items()
        if items is None:  # something else in an item: as Textual builds it
            self._items = []
            self._lines_cache.clear()
            yield from super().compose()
            return
        self._items = items
        self._content = Content("\n").join(text for _, text in items)  # what selecting it copies
        self._blocks.clear()

    def _lines(self, width: int) -> list[Content]:
        style = "$text-primary" if self.app.current_theme.dark else "$text-secondary"
        lines = self._lines_cache.get((width, style))
        if lines is None:
            lines = []
            for bullet, text in self._items:
                first = Content(bullet, spans=[Span(0, len(bullet), style)])
                indent = Content(" " * len(bullet), spans=[Span(0, len(bullet), style)])
                wrapped = text.wrap(max(1, width - len(bullet)))
                lines.extend((first if n == 0 else indent) + line for n, line in enumerate(wrapped))
            if len(self._lines_cache) >= LINES_KEPT:  # resized again and again: the oldest go
                del self._lines_cache[next(iter(self._lines_cache))]
            self._lines_cache[width, style] = lines
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not self._items:
            return super().get_content_height(container, viewport, width)
        return len(self._lines(width)) if width else 0

    def render(self) -> Content:
        if not self._items:
            return super().render()  # type: ignore[return-value]
        return Content("\n").join(self._lines(self.content_region.width))


FOLDED_ITEMS = "family_tui_items"
"""Where :func:`parsed` puts a list's items: in the ``meta`` of its opening token."""

ITEM_TOKENS = ["list_item_open", "paragraph_open", "inline", "paragraph_close", "list_item_close"]
"""The tokens of an item that is one paragraph."""


def parsed(markdown: str) -> list[Token]:
    """The tokens Textual's Markdown widget parses ``markdown`` into (its default parser), each
    bulleted list at the top level whose items are each one paragraph folded into its own
    opening token (``meta``): Textual made an item widget and a paragraph widget for each item,
    only for :class:`BulletList` to drop them (eighty of them a screenful of questions).

    Pure Python, no widget: the picker's writing thread parses the update's first parts."""
    tokens = MarkdownIt("gfm-like").parse(markdown)
    if UpdateMarkdown.BLOCKS["bullet_list_open"] is not BulletList:
        return tokens  # Textual's own lists build their items
    folded: list[Token] = []
    at = 0
    while at < len(tokens):
        token = tokens[at]
        if token.type == "bullet_list_open" and token.level == 0:
            items: list[Token] = []
            end = at + 1
            while [t.type for t in tokens[end : end + len(ITEM_TOKENS)]] == ITEM_TOKENS:
                items.append(tokens[end + 2])
                end += len(ITEM_TOKENS)
            if items and end < len(tokens) and tokens[end].type == "bullet_list_close":
                token.meta = {**token.meta, FOLDED_ITEMS: items}
                folded += [token, tokens[end]]
                at = end + 1
                continue
        folded.append(token)
        at += 1
    return folded


class UpdateMarkdown(Markdown):
    """Textual's Markdown widget, its bulleted lists built by :class:`BulletList`."""

    BLOCKS: dict[str, type[MarkdownBlock]] = {
        **Markdown.BLOCKS,
        "h1": UpdateH1,
        "h2": UpdateH2,
        "h3": UpdateH3,
        "h4": UpdateH4,
        "h5": UpdateH5,
        "h6": UpdateH6,
        "paragraph_open": UpdateParagraph,
        "bullet_list_open": BulletList,
    }

    _built_from: str | None = None
    """The source of the blocks built ahead, until the widget is mounted with them."""
    _built: tuple[MarkdownBlock, ...] = ()

    @classmethod
    def built(cls, markdown: str, tokens: list[Token], *, classes: str, list_widths: Iterable[int] = ()) -> Self:
        """The widget for ``markdown`` with its blocks built from ``tokens`` (:func:`parsed`), not mounted,
        and its lists wrapped at ``list_widths``.

        Made on the app's thread, as widgets are; mounted, it shows the blocks with no parsing."""
        widget = cls(markdown, open_links=False, classes=classes)
        widget._built = tuple(widget._parse_markdown(tokens))
        widget._built_from = markdown
        for block in widget._built:
            if isinstance(block, BulletList):
                block.wrap_ahead(list_widths)
        return widget

    def compose(self) -> ComposeResult:
        built, self._built = self._built, ()
        yield from built

    def update(self, markdown: str) -> AwaitComplete:
        if markdown != self._built_from:
            self._built_from = None
            return super().update(markdown)
        # Mounted with the blocks built ahead (composed above): what Textual's update sets
        # once it has parsed and mounted them.
        self._built_from = None
        self._theme = self.app.theme
        self._markdown = markdown
        self._table_of_contents = None
        lines = markdown.splitlines()
        self._last_parsed_line = len(lines) - (1 if lines and lines[-1] else 0)
        self.post_message(Markdown.TableOfContentsUpdated(self, self.table_of_contents).set_sender(self))
        return AwaitComplete(_nothing_left())


async def _nothing_left() -> None:
    """What awaiting an update of blocks already mounted waits for."""
