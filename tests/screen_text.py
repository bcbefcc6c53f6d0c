"""Read what a user would see, widget by widget, as plain text."""

from __future__ import annotations

import re

from textual.app import App
from textual.widgets import OptionList, Static

from family_tui.widgets.choice_field import ChoiceField


def static_text(app: App, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def option_texts(option_list: OptionList) -> list[str]:
    """Each option's text, with lines wrapped to fit the width joined up again."""
    return [
        re.sub(r"\n\s*", " ", str(option_list.get_option_at_index(i).prompt)) for i in range(option_list.option_count)
    ]


def all_text(app: App) -> str:
    """All Static and OptionList text on the current screen, one piece per line."""
    pieces: list[str] = []
    for widget in app.screen.query("*"):
        if isinstance(widget, Static):
            pieces.append(str(widget.content))
        elif isinstance(widget, OptionList):
            pieces.extend(option_texts(widget))
        elif isinstance(widget, ChoiceField):
            pieces.append(widget.label)
    return "\n".join(pieces)


def footer_keys(app: App) -> list[tuple[str, str]]:
    """``(key, description)`` of each key the screen's footer shows now, left to right."""
    from family_tui.widgets.footer import KeyFooter

    return [(shown.key, shown.description) for shown in app.screen.query_one(KeyFooter).keys()]


def footer_line(app: App) -> str:
    """The footer's line as it is drawn (before the terminal's edge cuts it)."""
    from family_tui.widgets.footer import KeyFooter

    return str(app.screen.query_one(KeyFooter).render())


def routine_names(rows: list[str]) -> list[str]:
    """The routine headers' names ("07:15 Breakfast ◀ now  0 of 2" -> "Breakfast")."""
    return [r[6:].split(" ◀")[0].split("  ")[0] for r in rows if r[:2].isdigit() and r[2] == ":"]
