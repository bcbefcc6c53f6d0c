"""PageUp and PageDown in an option list with no room to lay its options out.

The private ``OptionList._move_page`` of Textual 8.2.8 (checked there,
``widgets/textual_checked.py``) looks the highlighted option's line up in a table that
is empty while the list has no width (a dropdown of the details form, open when the
terminal is shrunk to a sliver): ``KeyError: 0``, and the app would end. The
kiosk found it under random keys and resizes (``tests/hostile/test_kiosk_fuzz.py``).

:func:`guard_page_keys` wraps the method once, for every option list, Select's dropdown
included (Select builds that one itself, so a subclass of ours could not reach it). With
no lines laid out, PageDown goes to the last option and PageUp to the first, which is
where a page key in a list that short ends up anyway. ``tests/app/test_option_list_paging.py``
fails if an upgrade changes the method under it. The bug, reproduced with plain Textual
for upstream: ``docs/textual-optionlist-move-page.md``.
"""

from __future__ import annotations

import functools

from textual._widget_navigation import Direction
from textual.widgets import OptionList


def guard_page_keys() -> None:
    """Make ``OptionList._move_page`` safe without laid-out lines (idempotent)."""
    original = OptionList._move_page
    if getattr(original, "_family_tui_guard", False):
        return

    @functools.wraps(original)
    def _move_page(self: OptionList, direction: Direction) -> None:
        if self._options and (self.highlighted or 0) not in self._index_to_line:
            if direction > 0:
                self.action_last()
            else:
                self.action_first()
            return
        original(self, direction)

    _move_page._family_tui_guard = True  # type: ignore[attr-defined]
    OptionList._move_page = _move_page  # type: ignore[method-assign]
