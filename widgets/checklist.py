"""The one-key practice checklist: routines in time order with their practice items.

The widget is handed a :class:`~family_tui.domain.schedule.DayChecklist` and posts
:class:`PracticeChecklist.Toggled` when the user marks an item; the screen decides
what to store. Every piece of text the family or therapist wrote is shown as
:class:`Content`, never parsed as markup.

Leans on OptionList internals, checked on Textual 8.2.8 (``widgets/textual_checked.py``), to redraw only the
rows that changed and to show a routine's header with its first item: ``_options``,
``_option_to_index``, ``_id_to_option``, ``_line_cache``, ``_index_to_line``,
``_heights``, ``_update_lines`` and ``_get_left_gutter_width``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.visual import Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from family_tui.domain.light_dataclass import light_dataclass
from family_tui.domain.schedule import ChecklistItem, DayChecklist, RoutineBlock
from family_tui.widgets.counted_option_list import CountedOptionList

if TYPE_CHECKING:
    from textual.css.styles import RulesMap
    from textual.strip import Strip
    from textual.style import Style
    from textual.visual import RenderOptions

ITEM_PREFIX = "item:"
ROUTINE_PREFIX = "routine:"


def item_option_id(item: ChecklistItem) -> str:
    return ITEM_PREFIX + "|".join(item.key)


def routine_label(block: RoutineBlock, due: bool, marker: str = "now") -> ItemLabel:
    """The routine's header; ``due`` points at it with "◀ now" (or ``marker``, e.g. "next").

    A long name wraps under the name, not under the time.
    """
    routine = block.routine
    planned = block.planned_count
    parts: list[str | tuple[str, str]] = [(routine.name, "bold $accent" if due else "bold")]
    if due:
        parts.append((f" ◀ {marker}", "bold $accent"))
    if planned:
        parts.append((f"  {block.marked_count} of {planned}", "" if due else "dim"))
    return ItemLabel(Content.styled(f"{routine.time:%H:%M} ", "bold"), Content.assemble(*parts))


MARK_WIDTH = 4
"""Cells taken by "  ✓ " before an item's text; wrapped lines are indented as far."""
RIGHT_MARGIN = 2
"""Cells kept free right of an item's text."""


def hanging(mark: Content, body: Content, width: int | None) -> Content:
    """``mark`` then ``body``, with the body's wrapped lines indented under its first.

    Each line of a body of several lines is wrapped the same way, under the mark's width.
    """
    return _hanging_lines(mark, body, width)[0]


def _hanging_lines(mark: Content, body: Content, width: int | None) -> tuple[Content, int | None]:
    """:func:`hanging`, and how many lines it is when each fits in ``width`` (None: not wrapped to it)."""
    hang = mark.cell_length
    if not width or width <= hang + 8:
        return mark + body, None
    indent = Content(" " * hang)
    lines = [wrapped for line in body.split("\n") for wrapped in (line.wrap(width - hang) or [line])]
    if any(line.cell_length > width - hang for line in lines):
        return Content("\n").join([mark + lines[0], *(indent + line for line in lines[1:])]), None
    return Content("\n").join([mark + lines[0], *(indent + line for line in lines[1:])]), len(lines)


class ItemLabel(Visual):
    """An item's label, wrapped with a hanging indent at whatever width it is drawn.

    Wrapping when drawn, not when the options are made, lets the list be filled before
    it has a size: Today's first layout is then its last, where filling it again once
    the width was known cost a second layout, a second drawing and the card shown twice.
    """

    def __init__(self, mark: Content, body: Content, *, right_margin: int = RIGHT_MARGIN) -> None:
        self.mark = mark
        self.body = body
        self.right_margin = right_margin
        self._laid_out: tuple[int, Content, int | None] | None = None
        """The label at a width, and its lines when each fits in that width (see :meth:`get_height`)."""
        self._height: tuple[tuple[int, object, object], int] | None = None
        """The height last worked out, for (width, overflow, wrap): counting a list's lines asks it again."""

    @property
    def least_lines(self) -> int:
        """Lines it takes at any width: one for each line of its text (wrapping only adds)."""
        return self.body.plain.count("\n") + 1

    def __str__(self) -> str:
        return self.mark.plain + self.body.plain

    def _laid_out_at(self, width: int) -> tuple[int, Content, int | None]:
        laid_out = self._laid_out
        if laid_out is None or laid_out[0] != width:
            text_width = width - self.right_margin
            laid_out = self._laid_out = (
                width,
                *_hanging_lines(self.mark, self.body, text_width if text_width > 0 else None),
            )
        return laid_out

    def _at(self, width: int) -> Content:
        return self._laid_out_at(width)[1]

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self._at(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return (self.mark + self.body).get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return (self.mark + self.body).get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        key = (width, rules.get("text_overflow"), rules.get("text_wrap"))
        if self._height is None or self._height[0] != key:
            _, content, lines = self._laid_out_at(width)
            if lines is None or rules.get("line_pad", 0):
                lines = content.get_height(rules, width)
            # Otherwise its lines, wrapped to fit, are its height: a line that fits is one line,
            # wrapped or not, and Content would only wrap every line again to count them.
            self._height = (key, lines)
        return self._height[1]


class HangingRows(Visual):
    """Rows one under another, each an :class:`ItemLabel`: its wrapped lines hang under its text."""

    def __init__(self, rows: list[ItemLabel]) -> None:
        self.rows = rows
        self._joined: tuple[int, Content] | None = None

    @property
    def least_lines(self) -> int:
        """Lines it takes at any width (see :attr:`ItemLabel.least_lines`)."""
        return sum(row.least_lines for row in self.rows)

    def __str__(self) -> str:
        return "\n".join(str(row) for row in self.rows)

    @property
    def content(self) -> Content:
        """The rows unwrapped, styles and all."""
        return Content("\n").join(row.mark + row.body for row in self.rows)

    def _at(self, width: int) -> Content:
        """The rows laid out at ``width``, joined once a width: a note is drawn from it at every repaint."""
        joined = self._joined
        if joined is None or joined[0] != width:
            joined = self._joined = (width, Content("\n").join(row._at(width) for row in self.rows))
        return joined[1]

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        return self._at(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((row.get_optimal_width(rules, container_width) for row in self.rows), default=0)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return max((row.get_minimal_width(rules) for row in self.rows), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        # Each row's lines, added up: a line's wrapping never depends on the lines around it, so
        # this is the height of the rows joined, without joining them. Counting a list's lines
        # asks every note; only the few drawn are joined.
        return sum(row.get_height(rules, width) for row in self.rows)


def item_label(item: ChecklistItem, dimmed: bool = False) -> ItemLabel:
    """The practice that happened keeps its mark on a skipped day: ✓ (or ~ tried) beside the skip's reason.

    ``dimmed``: on a short day, an item after today's first minutes: still there and tickable, only quieter.
    """
    colour = item.child.color or "cyan"
    if item.tried:
        mark: tuple[str, str] = ("  ~ ", "bold $success")
    elif item.done:
        mark = ("  ✓ ", "bold $success")
    elif item.skipped is not None:
        mark = ("  – ", "dim")
    elif item.done_for_week:
        mark = ("  ✓ ", "dim $success")
    else:
        mark = ("  ○ ", "dim")
    parts: list[str | tuple[str, str]] = [
        (item.child.name, f"bold {colour}"),
        ("  ", ""),
        (item.strategy.title, "dim" if item.skipped and not item.done else ""),
    ]
    if item.tried:
        parts.append(("  tried", "italic $success"))
    if item.keeping_up:
        parts.append(("  keeping it up", "italic"))
    if item.week_words:
        parts.append(
            (
                f"  {item.week_words}",
                "italic $success" if item.week_count >= (item.strategy.times_per_week or 0) else "dim italic",
            )
        )
    if item.skipped is not None:
        parts.append((f"  ({item.skipped.reason.label.lower()})", "dim italic"))  # the row names the child already
    body = Content.assemble(*parts)
    if dimmed:
        return ItemLabel(Content.assemble(mark).stylize("dim"), body.stylize("dim"))
    return ItemLabel(Content.assemble(mark), body)


@light_dataclass
class Row:
    """What one line of the list is: a routine header or a practice item."""

    block_index: int
    item: ChecklistItem | None = None


class PracticeChecklist(CountedOptionList):
    """Today's routines and their practice items; space or enter marks one practised."""

    DEFAULT_CSS = """
    PracticeChecklist {
        height: 1fr;
        border: round $primary 50%;
        padding: 0 1;
    }
    PracticeChecklist:focus {
        border: round $primary;
    }
    /* Routine headers are disabled options so the cursor steps from item to item;
       they keep their own colours instead of the greyed-out look. */
    PracticeChecklist > .option-list--option-disabled {
        color: $foreground;
    }
    """

    BINDINGS = [
        # Priority: taken when the key reaches the app, not after it has been to the list and back
        # up through the screen to the app (a millisecond of every check-in, before anything was saved).
        Binding("space", "select", "Done", id="toggle", priority=True),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    @light_dataclass
    class Toggled(Message):
        """The user asked to mark (or un-mark) the item practised."""

        checklist: PracticeChecklist
        item: ChecklistItem

        @property
        def control(self) -> PracticeChecklist:
            return self.checklist

    @light_dataclass
    class ItemHighlighted(Message):
        """The cursor moved onto a practice item (None: onto a header)."""

        checklist: PracticeChecklist
        item: ChecklistItem | None

        @property
        def control(self) -> PracticeChecklist:
            return self.checklist

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.rows: list[Row] = []
        self.day_checklist: DayChecklist | None = None
        self._looks: list[tuple[object, ...]] = []
        """What each row shows, as last filled: rows that look the same are kept as drawn."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select" and not any(row.item is not None for row in self.rows):
            return False  # nothing on the day to mark: the footer leaves "Done" out
        return True

    def show_day(
        self,
        checklist: DayChecklist,
        due_block: int | None,
        keep_cursor: bool = True,
        *,
        is_today: bool = True,
        marker: str = "now",
        dimmed: frozenset[tuple[str, str, str]] = frozenset(),
    ) -> None:
        """Show a day's checklist, keeping the cursor on the same item where it still exists.

        ``is_today``: whether the day is today; another day's list never says "today".
        ``marker``: what the due routine's header says, "now" or "next".
        ``dimmed``: keys of items shown quieter (a short day's rest).
        """
        previous = self.highlighted_item if keep_cursor else None
        previous_index = self.highlighted
        self.day_checklist = checklist
        options: list[Option] = []
        looks: list[tuple[object, ...]] = []
        self.rows = []
        for index, block in enumerate(checklist.blocks):
            # Disabled: j/k, the arrows and a click go from item to item, never onto a header.
            due = index == due_block
            header = routine_label(block, due, marker)
            options.append(Option(header, id=f"{ROUTINE_PREFIX}{block.routine.id}", disabled=True))
            looks.append((options[-1].id, str(header), due))
            self.rows.append(Row(index))
            if not block.items:
                words = (
                    "Nothing to practise here today: enjoy it." if is_today else "Nothing to practise here on this day."
                )
                nothing = Content.styled(words, "dim italic")
                options.append(Option(ItemLabel(Content(" " * MARK_WIDTH), nothing), disabled=True))
                looks.append((None, words))
                self.rows.append(Row(index))
            for item in block.items:
                dim = item.key in dimmed
                label = item_label(item, dim)
                options.append(Option(label, id=item_option_id(item)))
                looks.append((options[-1].id, str(label), item.child.color, item.skipped is not None, dim))
                self.rows.append(Row(index, item))
        with self.prevent(OptionList.OptionHighlighted):
            if not self._replace_changed(options, looks):
                self.set_options(options)
        self._looks = looks
        target: int | None = None
        if previous is not None:
            target = self.index_of(previous)
        if target is None and keep_cursor and previous_index is not None and self.rows:
            target = min(previous_index, len(self.rows) - 1)
        if target is None:
            target = self.first_open_index(due_block)
        if target is not None:
            self.highlighted = target
        self.post_message(self.ItemHighlighted(self, self.highlighted_item))

    def _replace_changed(self, options: list[Option], looks: list[tuple[object, ...]]) -> bool:
        """Swap in only the rows that look different; False when the list must be filled anew.

        A check-in changes one row (its mark) and its routine's count. Filling the list
        anew threw away every row's drawing and drew the whole list again before the ✓
        could show; swapping the two changed options keeps the others' drawings. Only
        when every row keeps its place and its height: otherwise the line count changes.

        Leans on OptionList internals (``_options``, ``_id_to_option``,
        ``_option_to_index``, ``_line_cache``), pinned with Textual; the tests of Today
        compare what is drawn with a freshly filled list.
        """
        old_looks = self._looks
        if len(old_looks) != len(looks) or any(a[0] != b[0] for a, b in zip(old_looks, looks)):
            return False
        changed = [index for index, (a, b) in enumerate(zip(old_looks, looks)) if a != b]
        if not changed:
            return True
        heights = self._line_cache.heights  # Textual private: the counted height of each option
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        padding = self.get_component_styles("option-list--option").padding.width
        rules = cast("RulesMap", self.styles)
        for index in changed:
            prompt = options[index].prompt
            if not isinstance(prompt, Visual) or heights.get(index) != prompt.get_height(rules, width - padding):
                return False
        for index in changed:
            old, new = self._options[index], options[index]
            self._options[index] = new
            del self._option_to_index[old]
            self._option_to_index[new] = index
            if new.id is not None:
                self._id_to_option[new.id] = new
            # Only these lines are drawn again; the rest of the list stays as drawn.
            self.refresh_lines(self._line_cache.index_to_line[index], heights[index])
        return True

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Bring the cursor's item into view together with its routine's header.

        The cursor never rests on a header, so on the first item of a routine the
        header ("07:15 Breakfast ◀ now") would otherwise stay scrolled out of sight
        above it, with no key left that reaches it.
        """
        highlighted = self.highlighted
        first_of_block = (
            highlighted is not None
            and 0 < highlighted < len(self.rows)
            and self.rows[highlighted - 1].item is None
            and self.rows[highlighted - 1].block_index == self.rows[highlighted].block_index
        )
        if not first_of_block or not self.is_mounted:
            super().scroll_to_highlight(top)
            return
        assert highlighted is not None
        self._update_lines()
        try:
            header_y = self._index_to_line[highlighted - 1]
            item_y = self._index_to_line[highlighted]
        except KeyError:
            super().scroll_to_highlight(top)
            return
        height = item_y + self._heights[highlighted] - header_y
        self.scroll_to_region(
            Region(0, header_y, self.scrollable_content_region.width, height),
            force=True,
            animate=False,
            top=top,
            immediate=True,
        )

    def index_of(self, item: ChecklistItem) -> int | None:
        for index, row in enumerate(self.rows):
            if row.item is not None and row.item.key == item.key:
                return index
        return None

    def first_open_index(self, block_index: int | None) -> int | None:
        """First not-yet-done item of the given routine (or of the day); else its header."""
        if not self.rows:
            return None
        start = 0
        if block_index is not None:
            start = next((i for i, r in enumerate(self.rows) if r.block_index == block_index), 0)
        for index in list(range(start, len(self.rows))) + list(range(0, start)):
            row = self.rows[index]
            if row.item is not None and not row.item.done and not row.item.skipped and not row.item.done_for_week:
                return index
        for index in range(start, len(self.rows)):
            if self.rows[index].item is not None:
                return index
        return start

    @property
    def highlighted_item(self) -> ChecklistItem | None:
        if self.highlighted is None or self.highlighted >= len(self.rows):
            return None
        return self.rows[self.highlighted].item

    @property
    def current_block(self) -> int | None:
        if self.highlighted is None or self.highlighted >= len(self.rows):
            return None
        return self.rows[self.highlighted].block_index

    def nth_item_in_current_block(self, n: int) -> int | None:
        """Row index of the n-th (1-based) item of the routine under the cursor."""
        block = self.current_block
        if block is None:
            return None
        indexes = [i for i, r in enumerate(self.rows) if r.block_index == block and r.item is not None]
        return indexes[n - 1] if 0 < n <= len(indexes) else None

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.ItemHighlighted(self, self.highlighted_item))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = self.highlighted_item
        if item is not None:
            self.post_message(self.Toggled(self, item))
