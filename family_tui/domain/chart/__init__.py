"""The child's own chart for the fridge: a row per strategy, a box per planned day, a star per try.

- :mod:`.week`: the week as data, from the same schedule as Today;
- :mod:`.html_page`: one printable sheet; everything typed goes through ``html.escape``.

No Textual here.
"""

from .html_page import render_chart_html
from .week import ChartRow, ChildChart, Mark, build_chart, kid_words, week_monday

__all__ = ["ChartRow", "ChildChart", "Mark", "build_chart", "kid_words", "render_chart_html", "week_monday"]
