"""The inputs of a sign-in, on four compact rows: user pool, app client, client secret and flow, username
and password; then a note on the app client and, in sandbox mode, the seeded logins.

The pool and the app client are each picked from a list or typed (a typed id is the value; picking fills
it in), so the form works without permission to list anything. The client secret and the password stay
masked unless ``toggle_reveal()`` (Ctrl+R) shows them. The form collects; the screen acts on its
messages: ``PoolChanged`` and ``ClientChanged`` come at once when an item is picked and once typing
pauses otherwise, ``FlowChanged`` when another flow is picked, ``StartRequested`` when Enter is pressed in a field or Start is clicked.
``flush()`` delivers what a pending pause still holds back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Button, Input, Label, Select, Static

FLOWS = [
    ("SRP (USER_SRP_AUTH)", "srp"),
    ("password (USER_PASSWORD_AUTH)", "password"),
    ("admin (ADMIN_USER_PASSWORD_AUTH)", "admin"),
    ("refresh (REFRESH_TOKEN_AUTH)", "refresh"),
    ("custom (CUSTOM_AUTH)", "custom"),
    ("custom after SRP (CUSTOM_AUTH)", "custom_srp"),
    ("choice (USER_AUTH)", "user_auth"),
]
TYPING_DELAY_S = 0.3
TEXT_FIELDS = ("#pool-id", "#client-id", "#username", "#password")  # in the order they are filled in


class SignInForm(Vertical):
    """Fields: #pool-select, #pool-id, #client-select, #client-id, #client-secret, #flow, #username, #password."""

    DEFAULT_CSS = """
    SignInForm { height: auto; padding: 0 1; }
    SignInForm > Horizontal { height: 1; }
    SignInForm .form-label { width: 14; color: $text-muted; }
    SignInForm .field-label { width: auto; padding: 0 1 0 2; color: $text-muted; }
    SignInForm #pool-select, SignInForm #client-select { width: 1fr; max-width: 36; }
    SignInForm #pool-id, SignInForm #client-id { width: 1fr; margin-left: 1; }
    SignInForm #client-secret, SignInForm #username, SignInForm #password { width: 1fr; }
    SignInForm #flow { width: 1fr; max-width: 36; }
    SignInForm #start { min-width: 9; width: auto; margin-left: 1; }
    SignInForm .form-note { height: auto; max-height: 2; color: $text-muted; }
    SignInForm #signin-hint { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    SignInForm .form-note.-warning { color: $text-warning; }
    """

    class PoolChanged(Message):
        def __init__(self, pool_id: str) -> None:
            super().__init__()
            self.pool_id = pool_id

    class ClientChanged(Message):
        def __init__(self, client_id: str) -> None:
            super().__init__()
            self.client_id = client_id

    class FlowChanged(Message):
        def __init__(self, flow: str) -> None:
            super().__init__()
            self.flow = flow

    class StartRequested(Message):
        """Enter in a field, or the Start button."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._pool_names: dict[str, str] = {}
        self._client_names: dict[str, str] = {}
        self._posted: dict[str, str] = {"pool-id": "", "client-id": ""}
        self._pending: dict[str, tuple[Timer, Callable[[], None]]] = {}
        self._auto_secret = ""
        self._caret: Input | None = None

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label("User pool", classes="form-label")
            yield Select([], prompt="pick a user pool", compact=True, id="pool-select")
            yield Input(placeholder="or type its id", compact=True, id="pool-id")
        with Horizontal():
            yield Label("App client", classes="form-label")
            yield Select([], prompt="pick an app client", compact=True, id="client-select")
            yield Input(placeholder="or type its id", compact=True, id="client-id")
        with Horizontal():
            yield Label("Client secret", classes="form-label")
            yield Input(
                placeholder="only if the client has one", password=True, compact=True, id="client-secret"
            )
            yield Label("Flow", classes="field-label")
            yield Select(FLOWS, value="srp", allow_blank=False, compact=True, id="flow")
        with Horizontal():
            yield Label("Username", classes="form-label")
            yield Input(placeholder="as the user types it", compact=True, id="username")
            yield Label("Password", classes="field-label")
            yield Input(placeholder="password", password=True, compact=True, id="password")
            yield Button("Start", compact=True, variant="primary", id="start")
        yield Static("", classes="form-note", id="client-note")
        yield Static("", classes="form-note", id="signin-hint")

    # -- values ---------------------------------------------------------------------------------

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value.strip()

    @property
    def pool_id(self) -> str:
        return self._value("pool-id")

    @property
    def client_id(self) -> str:
        return self._value("client-id")

    @property
    def client_secret(self) -> str | None:
        return self._value("client-secret") or None

    @property
    def username(self) -> str:
        return self._value("username")

    @property
    def password(self) -> str | None:
        return self.query_one("#password", Input).value or None

    @property
    def flow(self) -> str:
        return str(self.query_one("#flow", Select).value)

    @property
    def pool_name(self) -> str | None:
        return self._pool_names.get(self.pool_id)

    @property
    def client_name(self) -> str | None:
        return self._client_names.get(self.client_id)

    @property
    def known_pools(self) -> dict[str, str]:
        """The pools listed so far (id -> name); empty when listing is not allowed."""
        return dict(self._pool_names)

    @property
    def known_clients(self) -> dict[str, str]:
        """The app clients of the pool listed so far (id -> name)."""
        return dict(self._client_names)

    @property
    def revealed(self) -> bool:
        return not self.query_one("#password", Input).password

    # -- filling in -----------------------------------------------------------------------------

    def set_pools(self, pools: Mapping[str, str]) -> None:
        """The pools to pick from (id -> name); the typed id stays."""
        self._pool_names = dict(pools)
        self._fill_select("pool", self._pool_names)

    def set_clients(self, clients: Mapping[str, str]) -> None:
        """The app clients of the pool (id -> name); the typed id stays."""
        self._client_names = dict(clients)
        self._fill_select("client", self._client_names)

    def _fill_select(self, field: str, names: dict[str, str]) -> None:
        select: Select[str] = self.query_one(f"#{field}-select", Select)
        options = sorted(((name or key, key) for key, name in names.items()), key=lambda o: o[0].lower())
        select.set_options(options)
        typed = self._value(f"{field}-id")
        if typed in names:
            select.value = typed

    def set_pool(self, pool_id: str) -> None:
        """Put ``pool_id`` in the form and announce it at once."""
        self._set_id("pool", pool_id)

    def set_client(self, client_id: str) -> None:
        self._set_id("client", client_id)

    def focus_first_empty(self) -> None:
        """Put the caret in the first empty text field (the password when all are filled): what is typed
        next lands in the form, never on the screen's one-letter keys."""
        fields = [self.query_one(selector, Input) for selector in TEXT_FIELDS]
        self._caret = next((field for field in fields if not field.value.strip()), fields[-1])
        self._caret.focus()

    def set_login(self, username: str, password: str | None = None) -> None:
        self.query_one("#username", Input).value = username
        if password is not None:
            self.query_one("#password", Input).value = password

    def set_flow(self, flow: str) -> None:
        self.query_one("#flow", Select).value = flow

    def set_secret(self, secret: str | None) -> None:
        """A secret read from the client: fills the field unless the user typed another; None clears ours."""
        field = self.query_one("#client-secret", Input)
        if field.value and field.value != self._auto_secret:
            return  # typed by hand: keep it
        field.value = secret or ""
        self._auto_secret = secret or ""

    def set_note(self, text: str, warning: bool = False) -> None:
        note = self.query_one("#client-note", Static)
        note.set_class(warning, "-warning")
        note.update(Text(text))

    def set_hint(self, text: str) -> None:
        self.query_one("#signin-hint", Static).update(Text(text))

    def toggle_reveal(self) -> bool:
        """Show or hide the client secret and the password together; True when now shown."""
        shown = not self.revealed
        for field in ("#client-secret", "#password"):
            self.query_one(field, Input).password = not shown
        return shown

    def flush(self) -> None:
        """Deliver at once what a typing pause still holds back."""
        for timer, deliver in list(self._pending.values()):
            timer.stop()
            deliver()
        self._pending.clear()

    # -- events ---------------------------------------------------------------------------------

    def _set_id(self, field: str, value: str) -> None:
        box = self.query_one(f"#{field}-id", Input)
        focused = self.screen.focused
        # The caret waits in the field being filled (or is on its way there): it moves on to the next one.
        waiting = not box.value.strip() and (focused is box or (focused is None and self._caret is box))
        box.value = value
        self._sync_select(field, value)
        self._announce(f"{field}-id", value)
        if waiting and value:
            self.focus_first_empty()

    def _sync_select(self, field: str, value: str) -> None:
        """The list shows the id in the field (or nothing), at once: a later event never sees them differ."""
        select: Select[str] = self.query_one(f"#{field}-select", Select)
        names = self._pool_names if field == "pool" else self._client_names
        if value in names and select.value != value:
            select.value = value
        elif value not in names and select.value is not Select.NULL:
            select.clear()

    def _announce(self, field: str, value: str) -> None:
        pending = self._pending.pop(field, None)
        if pending:
            pending[0].stop()
        if value == self._posted[field]:
            return
        self._posted[field] = value
        self.post_message(self.PoolChanged(value) if field == "pool-id" else self.ClientChanged(value))

    @on(Select.Changed, "#pool-select, #client-select")
    def _picked(self, event: Select.Changed) -> None:
        event.stop()
        value = event.select.value  # now, not when the event was sent: a later change may have overtaken it
        if value is Select.NULL:
            return
        field = "pool" if event.select.id == "pool-select" else "client"
        if self._value(f"{field}-id") != str(value):
            self._set_id(field, str(value))

    @on(Input.Changed, "#pool-id, #client-id")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        field = str(event.input.id)
        value = event.input.value.strip()  # now, not when the event was sent
        self._sync_select(field.removesuffix("-id"), value)
        if value == self._posted[field]:
            return
        old = self._pending.pop(field, None)
        if old:
            old[0].stop()

        def deliver() -> None:
            self._pending.pop(field, None)
            self._announce(field, self._value(field))

        self._pending[field] = (self.set_timer(TYPING_DELAY_S, deliver), deliver)

    @on(Select.Changed, "#flow")
    def _flow_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(self.FlowChanged(str(event.value)))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.flush()
        self.post_message(self.StartRequested())

    @on(Button.Pressed, "#start")
    def _start(self, event: Button.Pressed) -> None:
        event.stop()
        self.flush()
        self.post_message(self.StartRequested())
