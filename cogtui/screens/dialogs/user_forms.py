"""The forms of the user administration: edit a user's attributes, create a user.

Each is a ``Dialog`` that gathers values and dismisses with them (None on Esc); the confirmation naming
the user and the pool, and the call, come after, in :mod:`cogtui.screens.user_admin`. Forms open with
the caret in their first empty field; a temporary password is masked until Ctrl+R shows it.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Static

from cogtui.aws.user_edits import AttributeField, NewUser
from cogtui.screens.dialogs.base import Dialog, DialogButton

_FORM_CSS = """
{name} > .dialog-box {{ max-height: 95%; }}
{name} .form-row {{ height: auto; }}
{name} .form-row Label {{ width: 22; color: $text-muted; }}
{name} .form-row Input {{ width: 1fr; }}
{name} .form-note {{ color: $text-muted; padding-left: 22; height: auto; }}
{name} .form-error {{ color: $text-error; height: auto; }}
{name}.-narrow .form-row Label {{ width: 18; }}
{name}.-narrow .form-note {{ padding-left: 18; }}
"""


def _first_empty(inputs: list[Input]) -> Input | None:
    editable = [i for i in inputs if not i.disabled]
    empty = [i for i in editable if not i.value]
    found = empty or editable
    return found[0] if found else None


class _Form(Dialog[object]):
    """What the forms share: label/input rows, an error line, Enter submits from any field."""

    BOX = VerticalScroll

    def on_mount(self) -> None:
        target = _first_empty(list(self.query(Input)))
        if target is not None:
            target.focus()

    def show_error(self, text: str) -> None:
        self.query_one(".form-error", Static).update(Text(f"✘ {text}" if text else ""))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id and event.button.id.endswith("-ok"):
            self.submit()
        else:
            self.action_cancel()

    def submit(self) -> None:  # pragma: no cover - every form defines it
        raise NotImplementedError


class AttributeForm(_Form):
    """The user's attributes as fields; dismisses with {name: value} of the editable ones, or None.

    Attributes the pool's schema does not let change are shown disabled, with the reason under them.
    """

    DEFAULT_CSS = _FORM_CSS.format(name="AttributeForm")
    BUTTONS = (DialogButton("Continue", "attributes-ok", "primary"), DialogButton("Cancel", "attributes-no"))

    def __init__(self, username: str, pool_label: str, fields: list[AttributeField]) -> None:
        super().__init__(f"Edit the attributes of {username!r} in pool {pool_label}")
        self.fields = fields

    def compose_body(self) -> ComposeResult:
        yield Static(
            Text("Empty a field to delete the attribute. Enter continues to the confirmation · Esc cancels."),
            classes="dialog-keys",
        )
        for f in self.fields:
            with Horizontal(classes="form-row"):
                yield Label(Text(f.name))
                yield Input(
                    f.value, id=f"attr-{_safe_id(f.name)}", compact=True, disabled=f.locked is not None
                )
            if f.locked:
                yield Static(Text(f"⊘ {f.locked}"), classes="form-note")
        yield Static("", classes="form-error")

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for f in self.fields:
            if f.locked is None:
                out[f.name] = self.query_one(f"#attr-{_safe_id(f.name)}", Input).value.strip()
        return out

    def submit(self) -> None:
        before = {f.name: f.value for f in self.fields if f.locked is None}
        values = self.values()
        if values == before:
            self.show_error("Nothing changed yet.")
            return
        self.dismiss(values)


def _box_label(text: str, value: bool) -> str:
    return f"{text}: {'yes' if value else 'no'}"


def _safe_id(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in name)


class CreateUserDialog(_Form):
    """Username, attributes, an optional temporary password (masked) and how to send the invitation."""

    DEFAULT_CSS = _FORM_CSS.format(name="CreateUserDialog")
    BUTTONS = (DialogButton("Continue", "create-ok", "primary"), DialogButton("Cancel", "create-no"))
    BINDINGS = [Binding("ctrl+r", "reveal", "Show/hide password", id="create_user.reveal")]
    ATTRIBUTES = (("email", "Email"), ("phone_number", "Phone (E.164)"), ("name", "Name"))
    CHOICES = (
        ("create-email-invite", "Email the invitation", True),
        ("create-sms-invite", "Text the invitation (SMS)", False),
        ("create-suppress", "Send no invitation (SUPPRESS)", False),
    )

    def __init__(self, pool_label: str, username_note: str = "") -> None:
        super().__init__(f"Create a user in pool {pool_label}")
        self.username_note = username_note

    def compose_body(self) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label("Username")
            yield Input(id="create-username", compact=True)
        if self.username_note:
            yield Static(Text(self.username_note), classes="form-note")
        for name, label in self.ATTRIBUTES:
            with Horizontal(classes="form-row"):
                yield Label(label)
                yield Input(id=f"create-{name}", compact=True, placeholder="optional")
        with Horizontal(classes="form-row"):
            yield Label("Temp. password")
            yield Input(id="create-password", compact=True, password=True, placeholder="empty: generated")
        for box_id, text, value in self.CHOICES:
            yield Checkbox(_box_label(text, value), value=value, id=box_id, compact=True)
        yield Static("", classes="form-error")
        yield self.keys_line(
            "Enter continues to the confirmation · Ctrl+R shows/hides the password · Esc cancels"
        )

    @on(Checkbox.Changed)
    def _ticked(self, event: Checkbox.Changed) -> None:
        """Each box says yes or no in words: its state never rests on colour alone."""
        text = next(t for box_id, t, _ in self.CHOICES if box_id == event.checkbox.id)
        event.checkbox.label = _box_label(text, event.value)

    def new_user(self) -> NewUser:
        def value(widget_id: str) -> str:
            return self.query_one(f"#{widget_id}", Input).value.strip()

        delivery = tuple(
            medium
            for medium, box in (("EMAIL", "create-email-invite"), ("SMS", "create-sms-invite"))
            if self.query_one(f"#{box}", Checkbox).value
        )
        return NewUser(
            username=value("create-username"),
            attributes={
                name: value(f"create-{name}") for name, _ in self.ATTRIBUTES if value(f"create-{name}")
            },
            temporary_password=self.query_one("#create-password", Input).value,
            delivery=delivery,
            suppress=self.query_one("#create-suppress", Checkbox).value,
        )

    def submit(self) -> None:
        user = self.new_user()
        problems = user.problems()
        if problems:
            self.show_error("Not sent: " + "; ".join(problems) + ".")
            return
        self.dismiss(user)

    def action_reveal(self) -> None:
        field = self.query_one("#create-password", Input)
        field.password = not field.password
