"""The one-line choice of the details form, by keys and by mouse."""

from __future__ import annotations

from textual.app import App, ComposeResult

from family_tui.widgets.choice_field import ChoiceField


class OneChoice(App):
    def __init__(self) -> None:
        super().__init__()
        self.changes: list[object] = []

    def compose(self) -> ComposeResult:
        yield ChoiceField([("Not noted", None), ("Independent", "i"), ("Verbal cue", "v"), ("Model", "m")], "v")

    def on_choice_field_changed(self, event: ChoiceField.Changed) -> None:
        self.changes.append(event.value)


def shown(app: App) -> str:
    return str(app.query_one(ChoiceField).render())


async def test_arrows_letters_and_space_move_and_say_where_they_are():
    app = OneChoice()
    async with app.run_test(size=(40, 3)) as pilot:
        field = app.query_one(ChoiceField)
        assert field.value == "v" and "◂ Verbal cue ▸" in shown(app) and "3/4" in shown(app)
        await pilot.press("right")
        assert field.value == "m" and "▸" not in shown(app)  # the last answer: no arrow onwards
        await pilot.press("right")
        assert field.value == "m"  # → stops at the end
        await pilot.press("space")
        assert field.value is None and "Not noted" in shown(app) and "◂" not in shown(app)  # space goes round
        await pilot.press("i")
        assert field.value == "i"
        await pilot.press("left", "end", "home")
        assert field.value is None
        await pilot.pause()
        assert app.changes == ["m", None, "i", None, "m", None]


async def test_a_click_on_the_right_goes_on_and_on_the_left_goes_back():
    app = OneChoice()
    async with app.run_test(size=(40, 3)) as pilot:
        field = app.query_one(ChoiceField)
        await pilot.click(ChoiceField, offset=(35, 0))
        assert field.value == "m" and field.has_focus
        await pilot.click(ChoiceField, offset=(1, 0))
        await pilot.click(ChoiceField, offset=(1, 0))
        assert field.value == "i"


async def test_a_value_that_is_not_an_answer_is_refused():
    app = OneChoice()
    async with app.run_test(size=(40, 3)):
        field = app.query_one(ChoiceField)
        try:
            field.value = "x"
        except ValueError as error:
            assert "not one of" in str(error)
        else:  # pragma: no cover - the assertion below names the failure
            raise AssertionError("an unknown value was taken")
        assert field.value == "v"


async def test_an_answer_someone_typed_is_shown_as_typed_never_as_markup():
    class Names(App):
        def compose(self) -> ComposeResult:
            yield ChoiceField([("[b]Grandpa[/b] Joe", "joe"), ("O'Brien [@click=app.quit]x", "ob")], "joe")

    app = Names()
    async with app.run_test(size=(50, 3)) as pilot:
        assert "[b]Grandpa[/b] Joe" in shown(app)
        await pilot.press("right")
        assert "O'Brien [@click=app.quit]x" in shown(app) and app.is_running
