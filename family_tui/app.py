"""The Textual app: one store, one clock, the Today screen first.

Leans on Textual internals, checked on Textual 8.2.8 (``widgets/textual_checked.py``): in kiosk mode it
overrides ``App._handle_exception`` and ``App._fatal_error`` and calls
``App._close_messages_no_wait``, so an error goes to the log and not on the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.reactive import reactive
from textual.screen import Screen

from family_tui.widgets import textual_leaks
from family_tui.widgets.option_list_paging import guard_page_keys

from .clock import Clock, SystemClock, family_day
from .domain.kiosk import IdleWatch, KioskNeedsPinError, PinGate, PinResult
from .domain.models import RECORD_TYPES
from .domain.permissions import Write, allowed
from .domain.records import warm_up
from .screens.commands import ScreenKeys
from .screens.family import Family
from .screens.kept_screen import KeptScreen
from .screens.too_small import SizeGuard
from .storage import FamilyStore
from .storage.lockout import KeptPinGate
from .ui_support.collector import StartUpCollector
from .ui_support.data_problems import DataProblems, LockWaited
from .ui_support.progress_memo import ProgressMemo
from .ui_support.typeahead import KeyOrder
from .usecases.practising import Practising

if TYPE_CHECKING:
    from .screens.progress import ProgressScreen
    from .screens.today import TodayScreen

guard_page_keys()  # Textual's PageDown in a dropdown with no room (see the module)

KIOSK_TICK_SECONDS = 1.0
MAINTENANCE_DELAY = 1.0
"""Seconds after start-up before the journals are folded and the day's backup made."""


KIOSK_REFUSED_ACTIONS = frozenset({"command_palette", "suspend_process", "help_quit"})
"""Actions with no place on a kiosk: Textual's palette, ctrl+z suspend, and ctrl+c's quit hint."""


class FamilyApp(App[int]):
    """family-tui. Built by :func:`make_app` for the program, the tests and the benchmarks."""

    CSS_PATH = "app.tcss"
    TITLE = "family-tui"
    ENABLE_COMMAND_PALETTE = True
    # The screen's own keys. Not Textual's system commands: a theme picked there is not saved (Settings
    # saves one), and a screenshot would write the child's screen into whatever folder the app runs in.
    COMMANDS = {ScreenKeys}

    BINDINGS = [
        Binding("w", "add_win", "Win", id="add_win"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("f1", "help", "Help", show=False, id="help_f1"),  # from a text field, where ? is typed
        Binding("q", "quit", "Quit", id="quit"),
        # Textual's own keys, re-bound so that kiosk mode can ask for the PIN or refuse them.
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit_now"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
        Binding("ctrl+l", "lock", "Lock", priority=True, id="lock"),
    ]

    parent_unlocked: reactive[bool] = reactive(False, init=False)
    """Kiosk mode only: a parent gave the PIN and has not been idle or locked since."""

    def __init__(
        self,
        data_dir: Path,
        *,
        kiosk: bool = False,
        clock: Clock | None = None,
        store: FamilyStore | None = None,
    ) -> None:
        self._collector = StartUpCollector()
        textual_leaks.install()  # closed dialogs' drawings freed (Textual keeps 1024 widgets' otherwise)
        self.clock: Clock = clock or SystemClock()
        self.kiosk = kiosk
        self.data_dir = Path(data_dir)
        # The daily backup and folding the journals wait until Today is on screen.
        self.store = store or FamilyStore(self.data_dir, clock=self.clock, maintain=False, quick_start=True)
        self.practising = Practising(self.store)
        """Who is practising at this screen: this copy's own choice (see :mod:`.usecases.practising`)."""
        self.demo_folder: Path | None = None
        """The demo family's folder the welcome screen made, removed when the app ends (see cli/launch.py)."""
        if kiosk:
            if not self.store.settings().pin_hash:
                raise KioskNeedsPinError()
            # Read by App.__init__ (the ctrl+p binding), the Footer and the Header: no palette.
            self.ENABLE_COMMAND_PALETTE = False  # type: ignore[misc]
        super().__init__()
        self.key_order = KeyOrder(self, super().on_event)
        self._pin_lockout: KeptPinGate | None = None
        self._pin_gate = PinGate()
        if kiosk:  # kept on disk, so that a crash and a restart do not hand out fresh tries
            self._pin_lockout = KeptPinGate(self.store.data_dir, self.store.lock, self.clock)
        self.idle = IdleWatch(self.clock.monotonic())
        self.parent_quit = False
        """The app ends because a parent chose to quit (with the PIN, in kiosk mode)."""
        self.error_logged = False
        """Kiosk mode: an error ended the app and is in the data folder's error log."""
        self.sub_title = "Kiosk" if kiosk else ""
        self.size_guard = SizeGuard(self)
        """Covers the app with "Make the window bigger" while the terminal is too small."""
        self.data_problems = DataProblems(self)
        self.progress_memo = ProgressMemo()  # Progress's figures, kept between its openings
        self.kept_progress: KeptScreen[ProgressScreen] = KeptScreen("progress")
        """Records the store left out and waits for another copy: shown, not only logged."""
        self.data_problems.watch(self.store)

    async def _replace_screen(self, screen: Screen[object]) -> Screen[object]:
        # Textual private: removes a screen taken off the stack (popped, dismissed, switched away).
        # Its widgets that watched the app's theme (TextArea) stay in the app's watchers otherwise.
        replaced = await super()._replace_screen(screen)
        textual_leaks.forget_removed_watchers(self)
        self.call_after_refresh(self._collector.screen_closed)
        return replaced

    def on_load(self) -> None:
        self._collector.pause()  # the app runs: from here until it is up (see maintain_in_background)

    def on_unmount(self) -> None:
        self._collector.resume()  # closed before it was up

    def update_styles(self, node: DOMNode, animate: bool = True) -> None:
        """Restyle a node in the app, not one still being built: its styles are worked out when mounted.

        Textual restyles a widget (and matches every rule of the app's stylesheet against it)
        each time one of its classes changes, even in its constructor, before it is in the app:
        a compact Input does so twice as it is made. Mounting styles every widget afresh, so that
        work was thrown away: eighteen times before the editor's strategy form was first drawn,
        a tenth of the work of opening it.

        Nor one on a screen taken off the stack, being removed: the focused list of a dialog just
        closed was restyled as it lost the focus, while the screen it opened was being built. A
        screen put back on the stack is restyled whole as it is shown again.
        """
        if node is not self and (not node.is_attached or node.screen not in self.screen_stack):
            return
        super().update_styles(node, animate)

    def get_css_variables(self) -> dict[str, str]:
        """The theme's, with a deeper cursor bar: the children's colours stay readable on it.

        Textual's bar is the theme's primary, which a 16-colour terminal shows as cyan:
        a cyan name vanished on it, and a magenta one was hard to read in full colour.
        """
        variables = super().get_css_variables()
        variables["block-cursor-background"] = variables["primary-darken-2"]
        return variables

    def family_today(self) -> date:
        return family_day(self.clock.local_now(), self.store.settings().day_start)

    def get_default_screen(self) -> Screen[None]:
        """Today is the screen at the bottom of the stack, not pushed over Textual's blank one.

        (A blank screen underneath was laid out and drawn too, only to be covered: two
        more frames before the app was ready for keys.)
        """
        from .screens.today import TodayScreen

        theme = self.store.settings().theme
        if theme in self.available_themes:
            self.theme = theme  # before Today is styled, so it is styled once
        return TodayScreen()

    def on_mount(self) -> None:
        self.size_guard.check(self.size)
        if not self.kiosk and not self.store.program().children:
            self.size_guard.when_bigger(self._welcome)
        if self.kiosk:
            self.set_interval(KIOSK_TICK_SECONDS, self.kiosk_tick)
            self.call_after_refresh(self._ask_who_is_practising)
        # Counted from Today's first frame, not from mount: on a slow machine the check (and pydantic)
        # must never come before the family sees its day.
        self.call_after_refresh(self.set_timer, MAINTENANCE_DELAY, self.maintain_in_background)

    def _welcome(self) -> None:
        from .screens.welcome import WelcomeScreen

        self.push_screen(WelcomeScreen())

    def on_resize(self, event: events.Resize) -> None:
        # Runs before Textual's own handler hands the new size to the screen on top.
        self.size_guard.check(event.size)

    def maintain_in_background(self) -> None:
        """Fold the journals and make the day's backup in a thread, away from key presses."""
        # Start-up read the records without pydantic. Loading it and building the validators
        # happens here, once, on this thread: in the worker it ran no faster (the GIL) and its
        # deep schema building grew the worker's stack, and with it the app's peak memory.
        warm_up(RECORD_TYPES)
        self._collector.settle()  # the app is up, its validators built
        self.run_worker(self._maintain, thread=True, group="maintenance", exclusive=True, exit_on_error=False)

    def _maintain(self) -> None:
        # Left out of start-up; imported here, not on the first check-in, Progress or fold.
        from .domain.sync import fold  # noqa: F401
        from .storage import StorageError, progress_cache  # noqa: F401

        try:
            self.store.verify()  # what start-up decoded, checked by pydantic before anything else
            self.store.try_daily_maintenance()
            problem = self.store.maintenance_problem
        except StorageError as error:  # a month file damaged since the app started
            problem = str(error)
        if problem:
            self.call_from_thread(self.notify, problem, severity="warning", markup=False, timeout=10)
        notice = self.data_problems.notice()  # what the check (verify) left out
        if notice:
            self.call_from_thread(self.notify, notice, severity="warning", markup=False, timeout=20)

    def on_lock_waited(self, message: LockWaited) -> None:
        self.data_problems.lock_waits.append(message.text)
        self.notify(message.text, severity="warning", markup=False, timeout=20)

    # -- integration points shared by the screens -----------------------------------

    @property
    def parent_mode(self) -> bool:
        """Outside kiosk mode a parent is always in charge; in kiosk mode after the PIN."""
        return not self.kiosk or self.parent_unlocked

    def may(self, kind: Write) -> bool:
        """Whether a change of this kind may happen now without the PIN (see :mod:`.permissions`)."""
        return allowed(kind, self.kiosk, self.parent_unlocked)

    def permit(self, kind: Write, then: Callable[[], object], reason: str | None = None) -> None:
        """The one gate every write of the app goes through: run ``then`` now, or after the PIN.

        In kiosk mode adding is for everyone; changing what exists, the program, the
        settings, the report and quitting wait for parent mode. ``reason`` overrides the
        kind's own words on the PIN prompt ("Enter the parent PIN to ...").
        """
        if self.may(kind):
            then()
            return
        self.ask_for_pin(then, reason or kind.reason)

    def require_parent(self, then: Callable[[], object], reason: str) -> None:
        """Run ``then`` now if a parent is in charge, else ask for the PIN first.

        ``reason`` completes "Enter the parent PIN to ..." on the PIN prompt.
        """
        if self.parent_mode:
            then()
            return
        self.ask_for_pin(then, reason)

    def ask_for_pin(self, then: Callable[[], object], reason: str) -> None:
        """Kiosk mode: show the PIN prompt, and run ``then`` once the right PIN is given."""
        from .screens.pin_prompt import PinPrompt

        if isinstance(self.screen, PinPrompt):
            return

        def answered(unlocked: bool | None) -> None:
            if unlocked and self.parent_mode:
                then()

        self.push_screen(PinPrompt(reason), answered)

    @property
    def pin_gate(self) -> PinGate:
        """Wrong PINs so far and the wait they cost (times on ``clock.monotonic()``)."""
        return self._pin_lockout.gate if self._pin_lockout is not None else self._pin_gate

    def try_pin(self, pin: str) -> PinResult:
        """Check a PIN typed into the prompt; the right one turns parent mode on."""
        pin_hash = self.store.settings().pin_hash
        if self._pin_lockout is not None:
            result = self._pin_lockout.attempt(pin, pin_hash)
        else:
            result = self._pin_gate.attempt(pin, pin_hash, self.clock.monotonic())
        if result is PinResult.RIGHT:
            self.idle.touch(self.clock.monotonic())
            self.parent_unlocked = True
        return result

    def watch_parent_unlocked(self, unlocked: bool) -> None:
        self.sub_title = "Parent mode" if unlocked else ("Kiosk" if self.kiosk else "")
        self.refresh_bindings()

    # -- kiosk mode ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.size_guard.covering:  # no screen opens in a window too small to lay it out
            return action == "quit" and not self.kiosk
        if action == "lock":
            return self.kiosk and self.parent_unlocked
        if self.kiosk and action in KIOSK_REFUSED_ACTIONS:
            return False
        if action == "add_win":
            # A win is about a child: before there is one, the key would only explain itself.
            return bool(self.store.program().children)
        return True

    async def action_quit(self) -> None:
        """q and ctrl+q: quit at once, or in kiosk mode after the parent PIN."""
        self.permit(Write.QUIT, self._quit)

    def _quit(self) -> None:
        self.parent_quit = True
        self.exit()

    def _handle_exception(self, error: Exception) -> None:
        """Kiosk mode: the error goes to the data folder's log; the launcher starts the kiosk again."""
        if self.kiosk and not self.error_logged:
            from .usecases.kiosk_restart import log_error

            log_error(self.data_dir, self.clock, error)
            self.error_logged = True
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        if not self.kiosk:
            super()._fatal_error()
            return
        # Not Textual's traceback on the terminal: it shows local variables (a PIN being
        # typed, say) to whoever stands at the kiosk, and the log already has the traceback.
        self.bell()
        self._close_messages_no_wait()

    def action_lock(self) -> None:
        if self.parent_unlocked:
            self.lock_parent_mode()
            self.notify("Locked. The parent PIN is needed again to quit or edit.", markup=False)

    def lock_parent_mode(self) -> None:
        """Parent mode off, and back to Today so no parent-only screen stays open."""
        self.parent_unlocked = False
        # In a window too small to lay screens out, they close once it has grown.
        self.size_guard.when_bigger(self.return_to_today)

    def return_to_today(self) -> TodayScreen | None:
        """Close every screen and dialog above Today as if cancelled; returns the Today screen.

        Each one is dismissed with None (what esc does), so the screens underneath get
        their usual callback: the editor's hands Today a refresh, a form saves nothing.
        """
        from .screens.today import TodayScreen

        today = next((s for s in self.screen_stack if isinstance(s, TodayScreen)), None)
        if today is not None:
            while self.screen is not today:
                self.screen.dismiss(None)
        return today

    def open_family(self, store: FamilyStore | None = None) -> None:
        """Show a fresh Today on ``store`` (the demo family's folder), or on the same store.

        Used by the first-run screens: whatever they set up, the family lands on Today.
        """
        from .screens.today import TodayScreen

        if store is not None:
            self.store = store
            self.data_dir = store.data_dir
            self.practising = Practising(store)
            self.data_problems.watch(store)
        theme = self.store.settings().theme
        if theme in self.available_themes:
            self.theme = theme
        today = self.return_to_today()
        if today is None:
            self.push_screen(TodayScreen())
        else:
            today.start_over()

    async def on_event(self, event: events.Event) -> None:
        # Every key press and click counts as "someone is here", wherever the focus is: the kiosk's
        # idle locks, and (kiosk or not) whether the checklist may move to a routine whose time came.
        if isinstance(event, (events.Key, events.MouseDown)):
            self.idle.touch(self.clock.monotonic())
        if isinstance(event, events.Key):
            if not event.is_forwarded:
                await self.key_order.arrived(event)  # typed ahead: each key in turn, none lost
                return
            if self.key_order.closed_under(event):
                return  # its screen closed on the way (a dialog's button pressed twice at once)
        await super().on_event(event)

    def kiosk_tick(self) -> None:
        """Once a second: lock an idle parent mode; bring an idle kiosk back to Today.

        While a parent is in charge nothing is closed under them; once parent mode has
        locked, the usual idle return to Today follows.
        """
        if not self.kiosk:
            return
        now = self.clock.monotonic()
        settings = self.store.settings()
        if self.parent_unlocked and self.idle.parent_mode_expired(now, settings.parent_idle_minutes):
            self.lock_parent_mode()
        if self.size_guard.covering:
            return  # nothing to go home to in a window too small to show it; the next tick will
        if not self.parent_unlocked and self.idle.should_go_home(now, settings.kiosk_idle_minutes):
            today = self.return_to_today()
            if today is not None:
                today.action_today()

    def _ask_who_is_practising(self) -> None:
        """Kiosk start: if nobody is chosen yet, ask "Who's practising?" straight away."""
        from .screens.today import TodayScreen

        if self.size_guard.covering:
            self.size_guard.when_bigger(self._ask_who_is_practising)
            return
        program = self.store.program()
        current = self.practising.caregiver()
        if current is not None and not current.archived:
            return
        if isinstance(self.screen, TodayScreen) and any(not c.archived for c in program.caregivers):
            self.screen.action_caregiver()

    def choose_caregiver(self, caregiver_id: str) -> None:
        """Who practises at this screen from now on; remembered on this computer for the next start."""
        try:
            self.practising.choose(caregiver_id)
        except OSError as error:  # the choice holds in this copy all the same
            self.notify(f"Not remembered for the next start: {error}", severity="warning", markup=False, timeout=8)

    def action_add_win(self) -> None:
        """w, from any screen: note a win (prefilled on Today from the item under the cursor)."""
        from .screens.note_actions import add_win

        add_win(self)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))


_IS_A_FAMILY: type[Family] = FamilyApp
"""The screens know the app only as a :class:`~.screens.family.Family`; mypy checks here that it is one."""


def make_app(data_dir: Path, *, kiosk: bool = False, clock: Clock | None = None) -> FamilyApp:
    """The one factory: the CLI, the tests, the snapshots and the benchmarks build the app here."""
    return FamilyApp(data_dir, kiosk=kiosk, clock=clock)
