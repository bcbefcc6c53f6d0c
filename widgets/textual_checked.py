"""The Textual version that the code leaning on Textual's private parts was checked on.

A few modules reach past Textual's public API (a private method overridden or called, a
private attribute read or set, a private module imported) to avoid an extra frame, a
crash or a restyle. Textual may change any of that in any release, so the version is
pinned exactly in ``pyproject.toml``, each of those modules names this version in its
docstring, and ``tests/test_textual_private.py`` fails on any other installed Textual,
naming the modules to check again. Upgrading: read each module's private uses against
the new Textual, run the tests they name, then move this constant and the pin together.
"""

TEXTUAL_CHECKED = "8.2.8"

LEANS_ON_TEXTUAL_PRIVATES = (
    "family_tui/app.py",
    "family_tui/screens/report_view.py",
    "family_tui/screens/update_markdown.py",
    "family_tui/ui_support/typeahead.py",
    "widgets/checklist.py",
    "widgets/counted_option_list.py",
    "widgets/heatmap.py",
    "widgets/marks.py",
    "widgets/minutes_chart.py",
    "widgets/option_list_paging.py",
    "widgets/settled_layout.py",
    "widgets/textual_leaks.py",
)
"""Every module that uses a Textual private, as a path from the project folder."""
