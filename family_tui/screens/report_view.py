"""The weekly update on screen: choose whom it is for, read it, save it for the therapist.

Progress → ``r`` asks "Update for whom?" (each active therapist, or the whole family),
then shows the update rendered (Textual's Markdown widget: headings, lists, no ``#``
marks). What people typed is shown exactly as typed: escaped before rendering, so it is
never a heading, a table or HTML, and a link in it is shown but opens nothing (nor does
any other: a kiosk has no way out). ``s`` writes the Markdown file into ``reports/``.

The picker writes the update for the highlighted choice while it is open, parses its first
two parts and builds their blocks (:class:`WrittenAhead`); the view composes those, so enter
draws the update in one frame (``tests/app/test_settled_layout.py``) with no parsing between. When enter comes before the writing is done, the view
writes it and shows "Writing the update…" first; to draw the update in one frame after that
line, the view reads and
sets a few of Textual's private parts (``Screen._dirty_widgets``, ``Screen._compositor``'s
``full_map``, ``Widget._layout_required``), checked on Textual 8.2.8 (``widgets/textual_checked.py``);
``tests/app/test_settled_layout.py`` counts its frames.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Self

from textual import work
from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.css.stylesheet import Stylesheet
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from family_tui.widgets.choice_list import ChoiceList
from family_tui.widgets.footer import KeyFooter
from family_tui.widgets.settled_layout import SettlesLayout

from ..domain.models import Therapist
from ..ui_support.collector import StartUpCollector
from ..ui_support.early_css import read_css_early
from . import DIALOGS_CSS
from .dialog import Dialog, StyledOnceOnFirstShowing
from .family import UsesFamily

if TYPE_CHECKING:
    from markdown_it.token import Token

    from ..usecases.report import UpdateTexts
    from .update_markdown import UpdateMarkdown

WHOLE_FAMILY = "*whole-family*"
"""The picker's choice for the whole family's update (never a therapist's id: ids have no ``*``)."""


def screenfuls(markdown: str, lines: int) -> list[str]:
    """The Markdown cut into parts of at least ``lines`` lines, each whole blocks or whole list items.

    A part is cut before a heading, or between two items of a list (a hundred open questions
    are one list). A heading or an item starts at the left edge; typed text never does (it is
    escaped and indented), so a cut never splits what someone typed. Either way what follows
    a cut has a top margin at least that of the block before it, or none and neither has that
    block (a list going on): the last block of a part marked ``-goes-on`` loses its bottom margin
    (``_no_bottom_margin``), and the parts read as one document.
    """
    parts: list[list[str]] = [[]]
    previous = ""
    for line in markdown.splitlines():
        in_a_list = line.startswith("- ") and previous.startswith(("- ", " "))  # not its first item
        if len(parts[-1]) >= lines and (line.startswith("#") or in_a_list):
            parts.append([])
        parts[-1].append(line)
        previous = line
    return ["\n".join(part) + "\n" for part in parts]


FIRST_PARTS = 2
"""Parts in the update's first frame: the screen shown and, a part being a screen or more, one below it."""


@dataclass
class WrittenAhead:
    """An update written while the picker was open, and its first parts built for a window ``height`` rows high."""

    texts: UpdateTexts
    height: int
    parts: list[str]
    """All of the update's parts (:func:`screenfuls`) for that height."""
    built: list[UpdateMarkdown]
    """The first parts' widgets, built and not mounted: shown once, by the view the choice opens."""


def list_widths(window_width: int) -> set[int]:
    """The widths the update's lists are laid out at in a window that wide: with no scroll bar
    (its first layout) and with one. From ``report_view.tcss`` (the scroll's padding, the text's
    ``max-width``) and Textual's scroll bar; ``tests/app/test_update_ahead.py`` checks them."""
    return {min(TEXT_WIDTH, window_width - 2 * SCROLL_PADDING - bar) for bar in (0, SCROLL_BAR)}


TEXT_WIDTH = 100
SCROLL_PADDING = 1
SCROLL_BAR = 2


def _read_css_early(stylesheet: Stylesheet) -> None:
    """The update's CSS read while the picker waits (:func:`read_css_early`): its rules select only
    the update's own ids and parts. The path is the one ``push_screen`` looks for: the file
    beside this module, resolved."""
    read_css_early(stylesheet, [(Path(__file__).parent / REPORT_VIEW_CSS).resolve()])


REPORT_VIEW_CSS = "report_view.tcss"


def _part_classes(last: bool) -> str:
    """A part another follows ends without its bottom margin (``_no_bottom_margin``), the last keeps it."""
    return "report-part" if last else "report-part -goes-on"


END_PARTS_A_STEP = 4
"""Parts built between two frames as ``end`` goes on to the end: a list is one widget, so four
parts are a few milliseconds (one a frame took two seconds to the end of five years at 80x24)."""


class UpdateScroll(VerticalScroll):
    """The update's scroll: ``end`` goes on to the end as the parts not built yet are built."""

    def __init__(self, to_end: Callable[[], bool], *, id: str) -> None:
        super().__init__(id=id)
        self._to_end = to_end
        self.following_end = False
        """Going on to the end as it is built; any other scroll asked for stops it."""

    def watch_has_focus(self, has_focus: bool) -> None:
        # Textual restyles the focused widget and all it holds, as a ``:focus`` rule could style
        # what it holds; no rule styles what a focused scroll holds (the update looks the same
        # focused or not), and restyling the update's first parts as the view took the focus was
        # a tenth of the time to its first frame.
        self.app.stylesheet.update_nodes([self], animate=True)

    def action_scroll_end(self) -> None:
        if not self._to_end():  # all of it built: Textual's own end
            super().action_scroll_end()

    def action_scroll_home(self) -> None:
        self.following_end = False
        super().action_scroll_home()

    def action_scroll_up(self) -> None:
        self.following_end = False
        super().action_scroll_up()

    def action_page_up(self) -> None:
        self.following_end = False
        super().action_page_up()

    def on_mouse_scroll_up(self) -> None:
        self.following_end = False


class ReportAudiencePicker(UsesFamily, Dialog[str | None]):
    """Update for whom? One choice per active therapist, then the whole family.

    Dismisses with the therapist's id, :data:`WHOLE_FAMILY`, or None (escape).
    """

    CSS_PATH = DIALOGS_CSS

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="cancel")]

    AUTO_FOCUS = "#report-audiences"
    """Focused before the first frame: a focus() in on_mount moves it after, in a second frame."""

    def __init__(self, therapists: list[Therapist]) -> None:
        super().__init__()
        self.therapists = therapists
        self._drawn = False
        self._written: dict[str, WrittenAhead] = {}
        """The updates written while the picker is open, by choice."""
        self._writing: set[str] = set()

    def compose(self) -> ComposeResult:
        with Vertical(classes="form-box picker-box report-picker") as box:
            box.border_title = "Update for whom?"
            yield Label(
                "Pick a therapist: their update covers the days since their last session.", classes="form-title"
            )
            options = [
                Option(Content.assemble(t.name, (f"  {t.discipline.label}", "dim")), id=t.id) for t in self.therapists
            ]
            options.append(Option(Content("The whole family"), id=WHOLE_FAMILY))
            yield ChoiceList(*options, id="report-audiences", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._drawn = False
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        self._drawn = True
        self._load_markdown()
        _read_css_early(self.app.stylesheet)
        self._write_highlighted()

    @work(thread=True, group="markdown")
    def _load_markdown(self) -> None:
        """Textual's Markdown (and markdown-it) loaded while the reader picks, once the picker is drawn:
        loaded when the update opens, they were a tenth of a second more before it is drawn."""
        from . import update_markdown  # noqa: F401

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self._drawn:  # the first one once the picker is drawn: writing it would delay that frame
            self._write_highlighted()

    def _write_highlighted(self) -> None:
        """The update for the highlighted choice written while the reader picks, so that enter shows
        it in the update's first frame (writing it takes 40-190 ms on five years of notes)."""
        option = self.query_one("#report-audiences", OptionList).highlighted_option
        if option is None or option.id is None or option.id in self._written or option.id in self._writing:
            return
        self._writing.add(option.id)
        self._write(option.id)

    @work(thread=True, group="write-ahead")
    def _write(self, choice: str) -> None:
        from ..usecases.report import update_texts
        from .update_markdown import parsed

        try:
            texts = update_texts(self.family_app.store, None if choice == WHOLE_FAMILY else choice)
        except Exception:  # noqa: BLE001 - the update view writes it again and says what went wrong
            self.app.call_from_thread(self._written_for, choice, None)
            return
        # Cut for the window as it is now (the view cuts it again if it has changed by enter).
        height = self.app.size.height
        parts = screenfuls(texts.shown, height)
        tokens = [parsed(part) for part in parts[:FIRST_PARTS]]
        self.app.call_from_thread(self._written_for, choice, (texts, height, parts, tokens))

    def _written_for(self, choice: str, written: tuple[UpdateTexts, int, list[str], list[list[Token]]] | None) -> None:
        self._writing.discard(choice)
        if written is None or not self.is_attached:
            return
        from .update_markdown import UpdateMarkdown

        texts, height, parts, tokens = written
        # The blocks are widgets: built here, on the app's thread (a few milliseconds a part).
        widths = list_widths(self.app.size.width)
        built = [
            UpdateMarkdown.built(part, part_tokens, classes=_part_classes(n == len(parts) - 1), list_widths=widths)
            for n, (part, part_tokens) in enumerate(zip(parts, tokens, strict=False))
        ]
        self._written[choice] = WrittenAhead(texts, height, parts, built)

    def written(self, choice: str) -> WrittenAhead | None:
        """The update for ``choice`` if written while the picker was open; taken once."""
        return self._written.pop(choice, None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReportView(UsesFamily, StyledOnceOnFirstShowing, SettlesLayout, Screen[None]):
    """The update, scrollable; ``s`` saves it, ``escape`` goes back to Progress."""

    CSS_PATH = REPORT_VIEW_CSS

    AUTO_FOCUS = "#report-scroll"
    """Focused before the first frame: a focus() in on_mount moves it after, in a second frame."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "save", "Save", id="save_report"),
        Binding("escape", "back", "Back", id="report_back"),
    ]

    HELP_KEYS = [
        ("↑ ↓  pgup pgdn", "Scroll the update"),
        ("home / end", "Go to its start or end"),
    ]
    """Keys the ? screen lists before the bindings."""

    def __init__(self, therapist_id: str | None = None, written: WrittenAhead | None = None) -> None:
        """``written``: the update if already written (by the picker, while it was open)."""
        super().__init__()
        self.therapist_id = therapist_id
        self._written = written
        self._collector = StartUpCollector()
        """Collection paused while the update written ahead is built and first drawn."""
        self.text: str | None = None
        self._parts: deque[str] = deque()
        """The update's parts not on screen yet, built as the reader scrolls towards them."""
        self._building = False
        self._filling = False
        self._drawn_children: tuple[Widget, ...] = ()
        """The screen's children when it was first drawn."""

    def before_first_drawing(self) -> None:
        self._drawn_children = tuple(self.children)
        self.call_later(self._collector.resume)  # once drawn

    def on_unmount(self) -> None:
        self._collector.resume()

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if layout and not regions and not recompose and self._as_drawn():
            # The picker that opened the update is removed while the update is built, and once it
            # is gone Textual lays the top screen out again and draws all of it (App._prune):
            # the same update, a second frame. Nothing of this screen asked for it.
            layout = repaint = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _as_drawn(self) -> bool:
        """Is the screen as last laid out and drawn whole: no widget added, removed or asking for a layout?"""
        if self._drawn_whole_at == float("-inf") or self._mount_request_due or self._layout_required:
            return False  # not drawn yet, or push_screen's own request still to come (SettlesLayout takes it)
        if tuple(self.children) != self._drawn_children:
            return False
        return not any(w._layout_required or not w.is_attached for w in self._compositor.full_map)

    def compose(self) -> ComposeResult:
        built: list[UpdateMarkdown] = []
        written = self._written
        if written is not None:
            # A full collection walks all the notes and practice read so far (30-50 ms on five
            # years): one landing here, as the picker's writing made one due, delayed the update.
            self._collector.pause()
            if written.height == self.app.size.height:  # built for this window: shown as built
                self._written = None
                self.text = written.texts.saved
                built = written.built
                self._parts = deque(written.parts[len(built) :])
        with UpdateScroll(self._follow_to_end, id="report-scroll"):
            status = Static(Content("Writing the update…"), id="report-status", markup=False)
            status.display = written is None
            yield status
            yield from built
        yield KeyFooter()

    async def on_mount(self) -> None:
        scroll = self.query_one("#report-scroll")
        self.watch(scroll, "scroll_y", self._scrolled, init=False)
        if self.text is not None:  # composed with the parts built ahead
            for markdown in self.query(".report-part"):
                if markdown.has_class("-goes-on") and markdown.children:
                    _no_bottom_margin(markdown.children[-1])
            return
        if self._written is None:
            self.load()
            return
        # Written ahead for another window height: cut for this one and built before the screen
        # is first laid out (it is, once its Mount handlers are done), still in the first frame.
        written, self._written = self._written.texts, None
        self.text = written.saved
        self._parts = deque(screenfuls(written.shown, self.app.size.height))
        for _ in range(FIRST_PARTS):
            await self._build_next()

    @work(thread=True, exclusive=True, group="report")
    def load(self) -> None:
        from ..usecases.report import update_texts

        try:
            texts = update_texts(self.family_app.store, self.therapist_id)
        except Exception as error:  # noqa: BLE001 - anything from the disk or the report: say it
            self.app.call_from_thread(self._show_problem, f"The update could not be written: {error}")
            return
        self.app.call_from_thread(self._show, texts.saved, texts.shown)

    def _show_problem(self, problem: str) -> None:
        self.query_one("#report-status", Static).update(Content(problem))

    def _show(self, saved: str, shown: str) -> AwaitComplete:
        """The update's first screens built; ``call_from_thread`` waits until they are (the tests' settle too)."""
        self.text = saved
        # A line of Markdown is a row or more on screen (a blank line between blocks, wrapped items).
        self._parts = deque(screenfuls(shown, self.size.height))
        return AwaitComplete(self._show_first())

    async def _show_first(self) -> None:
        """The first part and the next, drawn at once in place of the status line: the screen shown
        and, a part being a screen or more, one below it (as the picker builds them when it
        wrote the update ahead). Two frames in all, where building one part a frame drew four.

        Textual lays a Markdown document out as a widget a block: a whole update took a second to
        appear where its first screenful alone takes a tenth, and five years of open questions (a
        list of 500) took six seconds of frames after the first. What lies more than a screen
        below the reader is built when they scroll towards it.
        """
        with self.app.batch_update():
            for _ in range(FIRST_PARTS):
                await self._build_next()
            self.query_one("#report-status", Static).display = False
            # Drawn whole (Textual private: the screen among the widgets to draw), as SettlesLayout
            # counts a drawing: what the new parts ask to have drawn again after their first layout
            # is in it, where it drew the same update a frame later.
            self._dirty_widgets.add(self)

    def _short_below(self) -> bool:
        """Is less than a screen of the update built below the screen shown?"""
        scroll = self.query_one("#report-scroll", VerticalScroll)
        return scroll.max_scroll_y - scroll.scroll_y < scroll.size.height

    async def _fill_ahead(self) -> None:
        """Build parts, each once the one before is laid out, until a screen is ready below the reader."""
        if self._filling:
            return
        self._filling = True
        try:
            while self._parts:
                await self._next_frame()  # laid out: how much is below now?
                if not self._short_below():
                    return
                await self._build_next()
        finally:
            self._filling = False

    def _scrolled(self) -> None:
        if self._parts and not self._filling and self._short_below():
            self.run_worker(self._fill_ahead(), group="report-parts")

    async def _build_next(self) -> None:
        """One more part of the update under the ones built."""
        if not self._parts or self._building:
            return
        self._building = True
        try:
            await self._mount_parts([self._parts.popleft()])
        finally:
            self._building = False

    def _follow_to_end(self) -> bool:
        """``end`` with parts not built yet: build them a few at a time, going to the end after each.

        Building all of a long update at once took seconds with no key answered; this way the
        reader sees it go by and any other scroll stops it. False when all of it is built.
        """
        if not self._parts:
            return False
        scroll = self.query_one("#report-scroll", UpdateScroll)
        scroll.scroll_end(animate=False, immediate=True)  # now: a key typed next scrolls from there
        scroll.following_end = True
        self.run_worker(self._following_to_end(scroll.scroll_y), group="report-end", exclusive=True)
        return True

    async def _following_to_end(self, at_end: float) -> None:
        scroll = self.query_one("#report-scroll", UpdateScroll)
        while self._parts:
            for _ in range(END_PARTS_A_STEP):
                await self._build_next()
            await self._next_frame()  # laid out, and a key pressed meanwhile handled
            if scroll.scroll_y != at_end or not scroll.following_end:
                return  # the reader scrolled elsewhere (home's scroll starts after a refresh: the flag tells)
            scroll.scroll_end(animate=False, immediate=True)
            at_end = scroll.scroll_y

    async def _mount_parts(self, parts: list[str]) -> None:
        from .update_markdown import UpdateMarkdown

        box = self.query_one("#report-scroll")
        # Each written on its mount (once, where an empty one mounted then updated parsed twice).
        widgets = [
            UpdateMarkdown(part, open_links=False, classes=_part_classes(not self._parts and n == len(parts) - 1))
            for n, part in enumerate(parts)
        ]
        with self.app.batch_update():  # one frame a part, not one empty and one filled
            await box.mount_all(widgets)
            for markdown in widgets:
                if markdown.has_class("-goes-on") and markdown.children:
                    _no_bottom_margin(markdown.children[-1])

    def on_resize(self) -> None:
        self.call_after_refresh(self._scrolled)  # a taller window shows more of the update

    def _next_frame(self) -> asyncio.Future[None]:
        drawn: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def done() -> None:
            if not drawn.done():
                drawn.set_result(None)

        self.call_after_refresh(done)
        return drawn

    def action_back(self) -> None:
        self.dismiss()

    def action_save(self) -> None:
        if self.text is None:
            self.notify("The update is still being written.", markup=False)
            return
        self._save(self.text)

    @work(thread=True, exclusive=True, group="report-save")
    def _save(self, text: str) -> None:
        from ..usecases.report import save_report_text

        try:
            path = save_report_text(self.family_app.store, text, self.therapist_id)
        except Exception as error:  # noqa: BLE001 - anything from the disk: say it, keep the app
            self.app.call_from_thread(
                self.notify,
                f"The weekly update was not written: {error}",
                title="Not written",
                severity="error",
                markup=False,
                timeout=10,
            )
            return
        self.app.call_from_thread(
            self.notify, f"Weekly update saved to {path}", title="Report written", markup=False, timeout=10
        )


def _no_bottom_margin(block: Widget) -> None:
    """The last block of a part another follows ends without its margin, as in one document:
    the next part starts with a heading (its margin is the space) or the next item of a list.

    Set on the block itself: a class added restyles the block and all it holds (a list of thirty
    questions is ninety widgets, a fifth of a second), and a ``*:last-child`` rule made every
    widget of the app be restyled again each time its parent mounted something.
    """
    top, right, _bottom, left = block.styles.margin
    block.styles.margin = (top, right, 0, left)
