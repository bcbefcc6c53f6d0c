"""How to practise the item under the cursor, with the therapist's cue words up front.

The cue sits in its own heavy box so that every caregiver (Mom, Grandpa, the sitter)
says exactly the same words the therapist chose.
"""

from __future__ import annotations

from datetime import date, time

from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from family_tui.domain.cue_history import new_cue_line
from family_tui.domain.models import SETTING_LABELS
from family_tui.domain.schedule import ChecklistItem, done_when
from family_tui.widgets.in_place import update_in_place

KIOSK_LINK = "Links open in parent mode. Or scan its QR code on the printed cue cards with a phone."


class StrategyCard(VerticalScroll):
    """Shows one checklist item: goal, cue, how, visual, dose, and the day's entry."""

    DEFAULT_CSS = """
    StrategyCard {
        height: 1fr;
        padding: 0 1;
        border: round $secondary 50%;
    }
    StrategyCard #card-title { text-style: bold; margin-bottom: 1; }
    StrategyCard #card-cue {
        width: 100%;
        border: heavy $accent;
        padding: 0 1;
        text-style: bold;
        color: $text;
        background: $accent 15%;
        margin-bottom: 1;
        border-title-color: $accent;
        border-title-style: bold;
    }
    StrategyCard #card-cue.-empty { display: none; }
    StrategyCard #card-new-cue { color: $accent; text-style: bold; }
    StrategyCard #card-new-cue.-empty { display: none; }
    StrategyCard .card-line { margin-bottom: 1; }
    StrategyCard #card-media.-empty { display: none; }
    """

    can_focus = False

    _shown: tuple[ChecklistItem | None, str, bool, time, date | None] | None = None
    """What :meth:`show` last showed: the item (by identity), the empty message, the day and day start."""

    def on_click(self, event: events.Click) -> None:
        """A click on the link opens it in the browser: the app takes the mouse, so the terminal never sees it.

        Not on a locked kiosk: a browser window would take the shared laptop out of the
        app, the thing kiosk mode is there to prevent (the app's ``parent_mode`` says).
        """
        link = event.style.link
        if not (link and link.lower().startswith(("http://", "https://"))):
            return
        event.stop()
        if getattr(self.app, "parent_mode", True):
            self.app.open_url(link)
        else:
            self.notify(KIOSK_LINK, markup=False)

    def compose(self) -> ComposeResult:
        yield Static(id="card-title", markup=False)
        cue = Static(id="card-cue", markup=False)
        cue.border_title = "Say it this way"
        yield cue
        yield Static(id="card-new-cue", classes="card-line -empty", markup=False)
        yield Static(id="card-how", classes="card-line", markup=False)
        yield Static(id="card-media", classes="card-line", markup=False)
        yield Static(id="card-goal", classes="card-line", markup=False)
        yield Static(id="card-entry", classes="card-line", markup=False)

    def show(
        self,
        item: ChecklistItem | None,
        *,
        empty_message: str = "",
        is_today: bool = True,
        day_start: time = time(0, 0),
        day: date | None = None,
    ) -> None:
        """Show an item (or, for None, the empty message); the same item again changes nothing.

        ``is_today``: whether the item's day is today, so another day's card never says
        "today"; ``day_start`` tells which family day an entry was recorded on; ``day``, the
        item's day, tells whether its cue is new (a week after the therapist changed it).

        Today shows the card as soon as it fills the checklist, and again when the
        checklist's ItemHighlighted message for the same item arrives; items are frozen
        and made afresh on every refresh, so the same object means the same card, and
        updating its five lines again would only lay the card out and draw it once more.
        """
        shown = self._shown
        if shown is not None and shown[0] is item and shown[1:] == (empty_message, is_today, day_start, day):
            return
        self._shown = (item, empty_message, is_today, day_start, day)
        title = self.query_one("#card-title", Static)
        cue = self.query_one("#card-cue", Static)
        new_cue = self.query_one("#card-new-cue", Static)
        how = self.query_one("#card-how", Static)
        media = self.query_one("#card-media", Static)
        goal = self.query_one("#card-goal", Static)
        entry_line = self.query_one("#card-entry", Static)
        if item is None:
            _put(title, Content(empty_message or "Pick an item to see how to practise it."))
            cue.set_class(True, "-empty")
            new_cue.set_class(True, "-empty")
            media.set_class(True, "-empty")
            for widget in (how, media, goal, entry_line):
                _put(widget, Content(""))
            return
        strategy = item.strategy
        colour = item.child.color or "cyan"
        _put(title, Content.assemble((item.child.name, f"bold {colour}"), ("  ", ""), (strategy.title, "bold")))
        cue.set_class(not strategy.cue, "-empty")
        _put(cue, Content(strategy.cue))
        news = new_cue_line(strategy, day) if day is not None and strategy.cue else ""
        new_cue.set_class(not news, "-empty")
        _put(new_cue, Content(news))
        how_parts: list[str | tuple[str, str]] = []
        if strategy.how:
            how_parts.append(strategy.how)
        extras = []
        if strategy.visual:
            extras.append(("Visual: ", strategy.visual))
        if strategy.dose:
            extras.append(("Dose: ", strategy.dose))
        if strategy.minutes:
            extras.append(("Time: ", f"about {strategy.minutes} min"))
        for label, value in extras:
            how_parts.extend(["\n", (label, "bold"), value])
        _put(how, Content.assemble(*how_parts))
        media.set_class(not strategy.media, "-empty")
        _put(media, media_line(strategy.media))
        goal_parts: list[str | tuple[str, str]] = [
            (f"{item.goal.discipline.value} goal: ", "bold"),
            item.goal.title,
        ]
        if item.goal.target:
            goal_parts += ["\n", ("Target: ", "bold"), item.goal.target]
        _put(goal, Content.assemble(*goal_parts))
        entry = item.entry
        if item.skipped is not None and entry is None:
            _put(entry_line, Content.styled(f"{item.skip_words}. Nothing to practise on a skipped day.", "italic"))
        elif entry is None:
            not_yet = "Not yet today." if is_today else "Not marked on this day."
            _put(entry_line, Content.styled(f"{not_yet} Space marks it practised.", "dim"))
        else:
            bits = [done_when(entry, day_start)]
            if entry.assistance is not None:
                bits.append(entry.assistance.label.lower())
            bits.append(SETTING_LABELS[entry.setting].split(" (")[0].lower())
            if entry.trials_total:
                bits.append(f"{entry.trials_correct} of {entry.trials_total} correct")
            if entry.minutes:
                bits.append(f"{entry.minutes} min")
            parts: list[str | tuple[str, str]] = [("✓ ", "bold $success"), ", ".join(bits)]
            if entry.note:
                parts += ["\n", ("Note: ", "bold"), entry.note]
            if item.skipped is not None:  # practised before the day was skipped: it still counts
                parts += ["\n", (f"{item.skip_words}; this practice still counts.", "italic")]
            _put(entry_line, Content.assemble(*parts))


def media_line(link: str) -> Content:
    """``Show me how: <link>``, the link a terminal hyperlink; "" for none.

    The link goes into a style as a value, never through markup: the program file's text
    cannot become markup or an action, and was checked at import to be an http(s) address.
    """
    if not link:
        return Content("")
    return Content.assemble(("Show me how: ", "bold"), (link, Style(underline=True, link=link)))


def _put(line: Static, content: Content) -> None:
    """Show ``content`` on a line of the card, unless it shows that already.

    After a check-in the item is a new object with the same strategy: only the last
    line (when and how it was practised) changes. Updating the others too laid the
    card out and drew its cue and how-to again before the ✓ could reach the screen.
    """
    shown = line.content
    if isinstance(shown, Content) and shown.is_same(content):
        return
    update_in_place(line, content)
