"""A widget is styled when it joins the app, not while it is being built (FamilyApp.update_styles)."""

from __future__ import annotations

from textual.css.stylesheet import Stylesheet
from textual.widgets import Input


async def test_a_widget_built_in_the_app_is_styled_once_mounted_and_not_before(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        styled: list[object] = []
        apply = Stylesheet.apply

        def counting_apply(self, node, *args, **kwargs):
            styled.append(node)
            return apply(self, node, *args, **kwargs)

        monkeypatch.setattr(Stylesheet, "apply", counting_apply)
        field = Input("typed", compact=True)  # its constructor sets classes: Textual restyled it each time
        assert field not in styled
        await app.screen.mount(field)
        await pilot.pause()
        assert field in styled
        assert field.has_class("-textual-compact")
        assert field.outer_size.height == 1  # the compact style, from the class set before it was mounted
