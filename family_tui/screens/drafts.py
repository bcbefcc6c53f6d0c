"""What was typed into a form left without saving comes back the next time that form opens.

A form can be left with typed changes three ways: Cancel, esc, and the kiosk going back
to Today by itself (left idle, or parent mode locking). None of them may lose the typing
without a word, and nobody is there to answer a question when the kiosk goes back; so
every form keeps a draft instead. Leaving with changes keeps the fields' values (and
says so); opening the same form again (the same entry, note, record) puts them back
with a line saying they are not saved yet, and ctrl+r starts afresh. Saving drops it.

Drafts live as long as the app runs (a kiosk runs all day); they are never written to
the data folder, and a masked field (a PIN) is never kept.
"""

from __future__ import annotations

import asyncio
from collections.abc import Hashable
from typing import Any
from weakref import WeakKeyDictionary

from textual.app import App
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, SelectionList, Static, TextArea
from textual.widgets.select import InvalidSelectValueError

from family_tui.widgets.choice_field import ChoiceField

FIELD_TYPES = (Input, TextArea, Select, ChoiceField, Checkbox, SelectionList)
CHANGE_WAIT_SECONDS = 1.0
"""How long restoring waits for a choice's own handlers (a child's goals, a skip's reason) to run."""

RESTORE_TRIES = 3
RESTORE_SETTLE_SECONDS = 0.02
"""Restoring checks the draft is still shown a moment later, and puts it back if a late handler undid it."""

NOTICE = "Not saved yet: this is what you typed here last time. ctrl+r starts afresh."
KEPT = "What you typed is kept: open the same form again to finish it."

Values = dict[str, Any]


def field_widgets(root: Widget) -> list[Widget]:
    """The widgets holding what a person typed or chose, in the order of the form."""
    return [
        widget
        for widget in root.query("*")
        if isinstance(widget, FIELD_TYPES)
        and widget.id
        and not (isinstance(widget, Input) and widget.password)
        and not widget.has_class("-not-a-draft")
    ]


def read_value(widget: Widget) -> Any:
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, (Select, ChoiceField, Checkbox)):
        return widget.value
    if isinstance(widget, SelectionList):
        return frozenset(widget.selected)
    raise TypeError(widget)


def empty_value(widget: Widget) -> Any:
    """A field the form did not have when it opened (a routine row added) started empty."""
    if isinstance(widget, (Input, TextArea)):
        return ""
    if isinstance(widget, Checkbox):
        return False
    if isinstance(widget, SelectionList):
        return frozenset()
    return None


def write_value(widget: Widget, value: Any) -> None:
    """Put ``value`` back; one the field no longer offers (an option gone since) raises."""
    if isinstance(widget, Input):
        widget.value = value
    elif isinstance(widget, TextArea):
        widget.text = value
    elif isinstance(widget, (Select, ChoiceField, Checkbox)):
        widget.value = value
    elif isinstance(widget, SelectionList):
        widget.deselect_all()
        for item in value:
            widget.select(item)


def read_form(root: Widget) -> Values:
    return {widget.id: read_value(widget) for widget in field_widgets(root) if widget.id}


class Drafts:
    """The app's drafts, one per form (a form's ``draft_key``)."""

    def __init__(self) -> None:
        self._kept: dict[Hashable, Values] = {}

    def keep(self, key: Hashable, values: Values) -> None:
        self._kept[key] = dict(values)

    def get(self, key: Hashable) -> Values | None:
        kept = self._kept.get(key)
        return dict(kept) if kept is not None else None

    def drop(self, key: Hashable) -> None:
        self._kept.pop(key, None)


_DRAFTS: WeakKeyDictionary[App[Any], Drafts] = WeakKeyDictionary()


def drafts_of(app: App[Any]) -> Drafts:
    """The running app's drafts (kept beside the app, not in the family's data)."""
    drafts = _DRAFTS.get(app)
    if drafts is None:
        drafts = _DRAFTS[app] = Drafts()
    return drafts


class KeepsDraft:
    """For a form's Screen: keep what was typed when it is left unsaved, offer it on the next opening.

    A plain mixin listed before the Screen class. The screen's ``dismiss`` with None
    means "left without saving" (Cancel, esc, the kiosk's return to Today), anything
    else "done" (saved, removed). A screen that ends otherwise calls :meth:`drop_draft`.
    Its handlers run after the form's own for the same message (Textual walks the MRO),
    which is what restoring waits for.
    """

    _draft_start: Values | None = None
    _draft_settled = False
    _draft_restored = False

    @property
    def draft_key(self) -> Hashable:
        """Which form this is: the same entry's details, the same note, the same record."""
        return type(self).__name__

    @property
    def _drafts(self) -> Drafts:
        return drafts_of(self.app)  # type: ignore[attr-defined]

    def _form_root(self) -> Widget:
        return self  # type: ignore[return-value]

    # -- opening ---------------------------------------------------------------------

    def on_mount(self) -> None:
        # After the form's own on_mount (most derived first): its values are the ones it opens with.
        self._draft_start = read_form(self._form_root())
        self._draft_waits: dict[Widget, asyncio.Event] = {}
        draft = self._drafts.get(self.draft_key)
        if draft is not None and any(self._draft_start.get(name) != value for name, value in draft.items()):
            # After the messages of mounting (a Select says its first value; a form's handler
            # fills in what follows from it), not before them: they would undo the draft.
            self.call_after_refresh(  # type: ignore[attr-defined]
                self.run_worker,  # type: ignore[attr-defined]
                self._restore(draft),
                group="draft",
                exclusive=True,
            )

    async def make_room_for(self, draft: Values) -> None:
        """Add what the draft had that a fresh form has not (guided setup's extra routine rows)."""

    async def _restore(self, draft: Values) -> None:
        await self.make_room_for(draft)
        for _ in range(RESTORE_TRIES):
            await self._put_values(draft)
            await asyncio.sleep(RESTORE_SETTLE_SECONDS)
            if self._shows(draft):
                break
        self._draft_restored = True
        self._show_notice(NOTICE)
        self.refresh_bindings()  # type: ignore[attr-defined]

    def _shows(self, values: Values) -> bool:
        """Every field shows the draft's value (a late handler of the form undid none of them)."""
        return all(
            read_value(widget) == values[widget.id]
            for widget in field_widgets(self._form_root())
            if widget.id in values
        )

    async def _put_values(self, values: Values, *, empty_the_rest: bool = False) -> None:
        """Field by field in the form's order; after a choice, its own handlers run first.

        A choice changes what follows it (another child's goals, the skip of whoever is
        chosen): the fields after it are filled once those handlers have run. A field
        ``values`` does not have stays as it is, or is emptied with ``empty_the_rest``
        (starting afresh: the routine rows the draft added).
        """
        for widget in field_widgets(self._form_root()):
            if widget.id is None or (widget.id not in values and not empty_the_rest):
                continue
            value = values.get(widget.id, empty_value(widget))
            if read_value(widget) == value:
                continue
            waits = isinstance(widget, (Select, ChoiceField))
            changed = self._draft_waits[widget] = asyncio.Event()
            try:
                write_value(widget, value)
            except (InvalidSelectValueError, ValueError, KeyError):  # an option gone since: it stays as it is
                self._draft_waits.pop(widget, None)
                continue
            if waits:
                try:
                    await asyncio.wait_for(changed.wait(), CHANGE_WAIT_SECONDS)
                except TimeoutError:
                    pass
            self._draft_waits.pop(widget, None)

    def _changed(self, control: Widget | None) -> None:
        waiting = getattr(self, "_draft_waits", {}).get(control)
        if waiting is not None:
            waiting.set()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._changed(event.control)

    def on_choice_field_changed(self, event: ChoiceField.Changed) -> None:
        self._changed(event.control)

    def _show_notice(self, message: str) -> None:
        for notice in self.query("#draft-notice").results(Static):  # type: ignore[attr-defined]
            notice.update(Content(message))
            notice.display = bool(message)

    # -- starting afresh ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start_afresh":
            return self._draft_restored
        allowed: bool | None = super().check_action(action, parameters)  # type: ignore[misc]
        return allowed

    def action_start_afresh(self) -> None:
        """Put back what the form opened with, and forget the draft."""
        if not self._draft_restored or self._draft_start is None:
            return
        self._drafts.drop(self.draft_key)
        self._draft_restored = False
        self._show_notice("")
        self.refresh_bindings()  # type: ignore[attr-defined]
        self.run_worker(  # type: ignore[attr-defined]
            self._put_values(self._draft_start, empty_the_rest=True), group="draft", exclusive=True
        )

    # -- leaving -------------------------------------------------------------------------

    def typed_changes(self) -> Values | None:
        """The fields whose values differ from what the form opened with; None when none do.

        Only those are kept: the next opening puts back what was changed and leaves the
        rest as that form opens (and alone, should a key typed straight after the one
        that opened it have changed it already).
        """
        if self._draft_start is None:
            return None
        changed = {
            widget.id: read_value(widget)
            for widget in field_widgets(self._form_root())
            if widget.id and read_value(widget) != self._draft_start.get(widget.id, empty_value(widget))
        }
        return changed or None

    def drop_draft(self) -> None:
        self._draft_settled = True
        self._drafts.drop(self.draft_key)

    def keep_draft(self) -> bool:
        """Keep the typed changes (True), or drop the draft when there are none."""
        self._draft_settled = True
        values = self.typed_changes()
        if values is None:
            self._drafts.drop(self.draft_key)
            return False
        self._drafts.keep(self.draft_key, values)
        self.app.notify(KEPT, title="Not saved", markup=False, timeout=6)  # type: ignore[attr-defined]
        return True

    def dismiss(self, result: Any = None) -> Any:
        if not self._draft_settled and self.is_active:  # type: ignore[attr-defined]
            if result is None:
                self.keep_draft()
            else:
                self.drop_draft()
        return super().dismiss(result)  # type: ignore[misc]
