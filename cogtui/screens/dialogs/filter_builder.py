"""A modal that builds a ListUsers filter from attribute, operator and value, with a live preview.

Dismisses with the expression (e.g. ``email ^= "ali"``) or None when cancelled. Values with a fixed
vocabulary (``status``, ``cognito:user_status``) are suggested as you type. Enter applies wherever the
focus is (a list opens with Down or Space); Cancel is reached only with Esc or the mouse, so Enter after
any number of Tabs never drops the filter.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Select, Static

from cogtui.aws.user_filter import KNOWN_VALUES, OPERATORS, SEARCHABLE_ATTRIBUTES, UserFilter, build_filter
from cogtui.screens.dialogs.base import Dialog, DialogButton


class FieldSelect(Select[str], inherit_bindings=False):
    """A Select that leaves Enter to the form (Enter applies); Down, Up or Space open its list."""

    BINDINGS = [Binding("down,space,up", "show_overlay", "Show menu", show=False)]


class FilterBuilderScreen(Dialog[str | None]):
    """Attribute, operator and value in three fields; Enter in the value (or Apply) returns the filter."""

    DEFAULT_CSS = """
    FilterBuilderScreen > .dialog-box { width: 96; max-width: 98%; }
    FilterBuilderScreen #builder-fields { height: auto; margin-top: 1; }
    FilterBuilderScreen #builder-attribute { width: 28; }
    FilterBuilderScreen #builder-operator { width: 22; }
    FilterBuilderScreen #builder-value { width: 1fr; }
    FilterBuilderScreen #builder-preview { margin-top: 1; }
    FilterBuilderScreen #builder-preview.-error { color: $error; }
    FilterBuilderScreen #builder-note { color: $text-muted; }
    """

    BINDINGS = [Binding("enter", "apply", "Apply", id="builder.apply")]
    DIALOG_TITLE = "Build a user filter"
    TITLE_ID = "builder-title"
    VARIANT = "accent"
    # Esc cancels; Tab never lands on Cancel, so Enter after any number of Tabs applies
    BUTTONS = (
        DialogButton("Apply (Enter)", "builder-apply", "primary"),
        DialogButton("Cancel (Esc)", "builder-cancel", focusable=False),
    )

    def __init__(self, initial: UserFilter | None = None) -> None:
        super().__init__()
        self.initial = initial or UserFilter("email", "^=", "")

    def compose_body(self) -> ComposeResult:
        yield Static(
            "Cognito searches one standard attribute at a time; custom attributes cannot be searched.",
            id="builder-note",
        )
        with Horizontal(id="builder-fields"):
            yield FieldSelect(
                [(a, a) for a in SEARCHABLE_ATTRIBUTES],
                value=self.initial.attribute,
                allow_blank=False,
                id="builder-attribute",
            )
            yield FieldSelect(
                [(f"{op} {words}", op) for op, words in OPERATORS.items()],
                value=self.initial.operator,
                allow_blank=False,
                id="builder-operator",
            )
            yield Input(self.initial.value, placeholder="value", id="builder-value")
        yield Static("", id="builder-preview")
        yield self.keys_line(
            "Tab: next field · Enter: apply · ↓ or Space: open a list · Esc: cancel", id="builder-keys"
        )

    def on_mount(self) -> None:
        self._update_suggestions()
        self._update_preview()
        self.query_one("#builder-value", Input).focus()

    @property
    def attribute(self) -> str:
        return str(self.query_one("#builder-attribute", Select).value)

    @property
    def operator(self) -> str:
        return str(self.query_one("#builder-operator", Select).value)

    @property
    def value(self) -> str:
        return self.query_one("#builder-value", Input).value

    def expression(self) -> str:
        """The filter the fields describe; raises ValueError when it cannot be built."""
        return build_filter(self.attribute, self.operator, self.value)

    def _update_suggestions(self) -> None:
        values = KNOWN_VALUES.get(self.attribute)
        self.query_one("#builder-value", Input).suggester = (
            SuggestFromList(values, case_sensitive=False) if values else None
        )

    def _update_preview(self) -> None:
        preview = self.query_one("#builder-preview", Static)
        try:
            text = self.expression()
        except ValueError as err:
            preview.set_class(True, "-error")
            preview.update(Text(f"✘ {err}"))
            return
        preview.set_class(False, "-error")
        known = KNOWN_VALUES.get(self.attribute)
        note = f"   (values: {', '.join(known)})" if known else ""
        preview.update(Text(f"Filter: {text}{note}"))

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "builder-attribute":
            self._update_suggestions()
        self._update_preview()

    @on(Input.Changed, "#builder-value")
    def _value_changed(self) -> None:
        self._update_preview()

    @on(Input.Submitted, "#builder-value")
    def _value_submitted(self) -> None:
        self.apply()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "builder-apply":
            self.apply()
        else:
            self.dismiss(None)

    def apply(self) -> None:
        try:
            expression = self.expression()
        except ValueError:
            self.query_one("#builder-value", Input).focus()
            return
        self.dismiss(expression)

    def action_apply(self) -> None:
        self.apply()
