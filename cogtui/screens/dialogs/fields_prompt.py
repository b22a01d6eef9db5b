"""A modal that asks for a few named fields at once (secrets masked, Ctrl+R shows them), e.g. a username
and a confirmation code for an account call; dismisses with ``{name: value}`` or None."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

from cogtui.screens.dialogs.base import Dialog

__all__ = ["Field", "FieldsPrompt"]


@dataclass(frozen=True)
class Field:
    """One field of a ``FieldsPrompt``."""

    name: str
    label: str
    value: str = ""
    secret: bool = False
    placeholder: str = ""


class FieldsPrompt(Dialog[dict[str, str] | None]):
    """A few fields; Enter in any of them sends once every ``required`` one is filled."""

    DEFAULT_CSS = """
    FieldsPrompt > .dialog-box { max-height: 95%; }
    FieldsPrompt #fields-message { color: $text-muted; }
    FieldsPrompt #fields-error { color: $text-error; height: auto; }
    FieldsPrompt #fields-error.-empty { display: none; }
    FieldsPrompt #fields-keys { margin-top: 1; }
    FieldsPrompt Horizontal { height: auto; margin-top: 1; }
    FieldsPrompt Label { width: 20; color: $text-muted; }
    FieldsPrompt Input { width: 1fr; background: $boost; }
    """
    BINDINGS = [Binding("ctrl+r", "reveal", "Show/hide secrets", id="fields.reveal")]
    TITLE_ID = "fields-title"

    def __init__(self, title: str, message: str, fields: list[Field], required: tuple[str, ...] = ()) -> None:
        super().__init__(title)
        self.message = message
        self.fields = fields
        self.required = required or tuple(f.name for f in fields)

    def compose_body(self) -> ComposeResult:
        yield Static(Text(self.message), id="fields-message")
        for field in self.fields:
            with Horizontal():
                yield Label(field.label)
                yield Input(
                    value=field.value,
                    password=field.secret,
                    placeholder=field.placeholder or field.label.lower(),
                    compact=True,
                    id=f"field-{field.name}",
                )
        yield Static("", id="fields-error", classes="-empty")
        secrets = " · Ctrl+R shows/hides secrets" if any(f.secret for f in self.fields) else ""
        yield self.keys_line(f"Enter sends · Esc cancels{secrets}", id="fields-keys")

    def on_mount(self) -> None:
        empty = [f for f in self.fields if not f.value]
        self.query_one(f"#field-{(empty or self.fields)[0].name}", Input).focus()

    def values(self) -> dict[str, str]:
        return {f.name: self.query_one(f"#field-{f.name}", Input).value.strip() for f in self.fields}

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        values = self.values()
        missing = [f for f in self.fields if f.name in self.required and not values[f.name]]
        if missing:
            error = self.query_one("#fields-error", Static)
            error.remove_class("-empty")
            error.update(Text(f"✘ Needed: {', '.join(f.label for f in missing)}."))
            self.query_one(f"#field-{missing[0].name}", Input).focus()
            return
        self.dismiss(values)

    def action_reveal(self) -> None:
        for field in self.fields:
            if field.secret:
                widget = self.query_one(f"#field-{field.name}", Input)
                widget.password = not widget.password
