"""A modal that picks one item from a short list (e.g. a group of the pool); dismisses with it or None."""

from __future__ import annotations

from collections.abc import Collection

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cogtui.screens.dialogs.base import Dialog


class ChoiceScreen(Dialog[str | None]):
    """``options`` are (value, label) pairs, those in ``disabled`` greyed out; Enter picks the
    highlighted one, Esc cancels."""

    DEFAULT_CSS = """
    ChoiceScreen > .dialog-box { width: 72; max-height: 80%; }
    ChoiceScreen .choice-message { margin-bottom: 1; }
    ChoiceScreen OptionList { height: auto; max-height: 16; }
    """

    VARIANT = "accent"
    TITLE_ID = "choice-title"
    MESSAGE_ID = "choice-message"
    LIST_ID = "choice-list"

    def __init__(
        self, title: str, message: str, options: list[tuple[str, str]], disabled: Collection[str] = ()
    ) -> None:
        super().__init__(title)
        self.message = message
        self.options = options
        self.disabled_values = frozenset(disabled)

    def compose_body(self) -> ComposeResult:
        yield Static(Text(self.message), id=self.MESSAGE_ID, classes="choice-message")
        yield OptionList(
            *(
                Option(Text(label), id=value, disabled=value in self.disabled_values)
                for value, label in self.options
            ),
            id=self.LIST_ID,
        )

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        option_list.focus()
        if self.options and self.options[0][0] not in self.disabled_values:
            option_list.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
