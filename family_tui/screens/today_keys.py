"""Today's keys: its bindings and what the ? screen lists before them.

Kept apart from the screen so that :mod:`.today` stays about what Today does.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

TODAY_BINDINGS: list[BindingType] = [
    Binding("enter", "toggle", "Done", show=False, id="toggle_enter"),
    Binding("d", "details", "Details", id="details"),
    Binding("u", "undo", "Undo", id="undo"),
    Binding("left_square_bracket", "previous_day", "Prev day", show=False, id="previous_day"),
    Binding("right_square_bracket", "next_day", "Next day", show=False, id="next_day"),
    Binding("t", "today", "Today", show=False, id="today"),
    Binding("s", "skip_day", "Skip day", show=False, id="skip_day"),
    Binding("c", "caregiver", "Who's practising", show=False, id="caregiver"),
    Binding("e", "edit_program", "Edit program", show=False, id="edit_program"),
    # The same key, shown in the footer while nothing is set up (see check_action).
    Binding("e", "set_up_program", "Edit program", id="set_up_program"),
    Binding("S", "settings", "Settings", show=False, id="settings"),
    Binding("n", "notes", "Notes", id="notes"),
    Binding("a", "add_note", "Add note", show=False, id="add_note"),
    Binding("W", "wins_log", "Wins log", show=False, id="wins_log"),
    Binding("p", "progress", "Progress", id="progress"),
    # In the footer once the day offers it (or it is on); h works all day (footers fit 80 columns).
    Binding("h", "short_day", "Short on time", id="short_day"),
    Binding("h", "short_day('quietly')", "Short on time", show=False, id="short_day_quietly"),
    *[Binding(str(n), f"mark_nth({n})", f"Mark #{n}", show=False) for n in range(1, 10)],
]

TODAY_HELP_KEYS = [
    ("↑ ↓  j k", "Move between items"),
    ("space / enter / click", "Mark practised (again to un-mark)"),
    ("1-9", "Mark the n-th item of this routine"),
    ("p, then r", "Update for a therapist (in Progress)"),
    ("p, then c", "Cue cards to print (in Progress)"),
]
"""Keys the ? screen lists before the bindings."""
