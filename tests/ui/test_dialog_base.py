"""The Dialog base every modal shares: title line, body, button row, colour variant, Esc's no-answer value,
and every modal of the app built on it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from textual.app import App, ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

import cogtui
import cogtui.screens.dialogs
from cogtui.screens.dialogs.base import Dialog, DialogButton
from cogtui.screens.dialogs.choice import ChoiceScreen
from cogtui.screens.dialogs.confirm import ConfirmScreen
from tests.pilot_wait import wait_for


class AskName(Dialog[str | None]):
    DIALOG_TITLE = "Name"
    TITLE_ID = "ask-title"
    VARIANT = "accent"
    BUTTONS = (DialogButton("OK", "ask-ok", "primary"), DialogButton("Mouse only", "ask-no", focusable=False))

    def compose_body(self) -> ComposeResult:
        yield Input(id="ask-name")
        yield self.keys_line("Enter sends · Esc cancels", id="ask-keys")

    def on_mount(self) -> None:
        self.query_one(Input).focus()


class YesNo(Dialog[bool]):
    NO_ANSWER = False


class Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.answers: list[object] = []

    async def ask(self, dialog: Dialog[object]) -> None:
        await self.push_screen(dialog, self.answers.append)


async def test_a_dialog_draws_its_title_body_and_buttons_and_esc_gives_its_no_answer() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.ask(AskName())
        await wait_for(pilot, lambda: isinstance(app.screen, AskName), "the dialog")
        dialog = app.screen
        assert dialog.has_class("-accent")
        title = dialog.query_one("#ask-title", Static)
        assert title.has_class("dialog-title") and str(title.render()) == "Name"
        assert dialog.query_one("#ask-keys").has_class("dialog-keys")
        buttons = list(dialog.query(".dialog-buttons Button").results(Button))
        assert [b.id for b in buttons] == ["ask-ok", "ask-no"]
        assert buttons[0].variant == "primary" and not buttons[1].can_focus
        assert app.focused is dialog.query_one("#ask-name")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.answers == [None], "Esc's answer")

        await app.ask(YesNo())
        await wait_for(pilot, lambda: isinstance(app.screen, YesNo), "the yes/no dialog")
        assert not app.screen.query(".dialog-title") and not app.screen.query(".dialog-buttons")
        assert app.screen.has_class("-primary")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.answers == [None, False], "the yes/no dialog's no-answer")


async def test_a_danger_confirmation_is_drawn_in_the_error_colour() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.ask(ConfirmScreen("Delete?", "Delete bob.", "Delete", danger=True))
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the confirmation")
        assert app.screen.has_class("-error") and not app.screen.has_class("-primary")
        assert str(app.screen.query_one("#confirm-title").render()) == "! Delete?"


async def test_a_choice_greys_out_what_does_not_apply_and_cannot_pick_it() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.ask(ChoiceScreen("Pick", "One of them.", [("a", "A"), ("b", "B")], disabled={"a"}))
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceScreen), "the choice")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.answers == ["b"], "the first enabled option picked")


def test_an_unknown_variant_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown dialog variant"):
        YesNo(variant="purple")


def test_every_modal_of_the_app_is_a_dialog_in_the_dialogs_package() -> None:
    modals = []
    for info in pkgutil.walk_packages(cogtui.__path__, "cogtui."):
        if info.name.startswith("cogtui.screenshots"):
            continue
        module = importlib.import_module(info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, ModalScreen) and value.__module__ == info.name and value is not Dialog:
                modals.append(value)
    assert modals
    assert all(issubclass(m, Dialog) for m in modals), [m for m in modals if not issubclass(m, Dialog)]
    outside = [m for m in modals if not m.__module__.startswith(cogtui.screens.dialogs.__name__ + ".")]
    assert not outside, outside
