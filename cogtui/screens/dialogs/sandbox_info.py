"""The sandbox logins: seeded pools, clients and users, so a newcomer can sign in at once.

Demo passwords are public by design (they are in the README); client secrets stay masked until `s`.
The outbox lists the latest emails and SMS the sandbox delivered (their codes masked until `s` too).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from cogtui.sandbox.strict.state import strict_state
from cogtui.screens.dialogs.base import Dialog
from cogtui.widgets.sortable_table import SortableTable

MASK = "••••••••"
OUTBOX_ROWS = 12
NARROW_BELOW = 100  # columns: below this the pool and the login share a cell and the notes wrap
MIN_NOTES = 12  # columns the notes keep at least


def _stacked(pool: str, name: str, narrow: bool) -> tuple[str, ...]:
    """The pool and the client or user: two cells, or one cell of two lines on a narrow terminal."""
    return (f"{pool}\n{name}",) if narrow else (pool, name)


class SandboxInfoScreen(Dialog[None]):
    """What the local sandbox was seeded with."""

    DEFAULT_CSS = """
    SandboxInfoScreen > .dialog-box { width: 116; max-width: 98%; height: 90%; padding: 0 1; }
    SandboxInfoScreen.-narrow > .dialog-box { width: 100%; max-width: 100%; height: 100%; border: none; }
    SandboxInfoScreen DataTable { height: auto; margin-bottom: 1; }
    SandboxInfoScreen .section { text-style: bold; color: $accent; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Close", id="sandbox.close"),
        Binding("s", "toggle_secrets", "Show/hide secrets", id="sandbox.secrets"),
        Binding("r", "reload_outbox", "Reload outbox", id="sandbox.outbox"),
    ]
    VARIANT = "warning"
    BOX = VerticalScroll

    def __init__(self, info: Any) -> None:
        super().__init__()
        self.info = info
        self.show_secrets = False
        self.narrow = False

    def compose_body(self) -> ComposeResult:
        yield Static("◆ Local sandbox — seeded logins", classes="screen-title")  # titled like a screen
        if self.info is None:
            yield Static("The sandbox is still starting…")
            return
        yield Static(f"Endpoint {self.info.endpoint_url}   region {self.info.region}", markup=False)
        yield Static("App clients", classes="section")
        yield SortableTable(id="sandbox-clients", cursor_type="row", zebra_stripes=True)
        yield Static("Users", classes="section")
        yield SortableTable(id="sandbox-users", cursor_type="row", zebra_stripes=True)
        if self.info.identity_pool:
            ip = self.info.identity_pool
            yield Static(f"Identity pool {ip.name}  {ip.id}", markup=False)
        if getattr(self.info, "outbox_path", None):
            yield Static("Outbox — latest emails and SMS with their codes (r: reload)", classes="section")
            yield Static(f"File {self.info.outbox_path}", markup=False)
            yield SortableTable(id="sandbox-outbox", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        if self.info is None:
            return
        self.narrow = self.app.size.width < NARROW_BELOW
        self.fill_users()
        self.fill_clients()
        self.fill_outbox()

    def on_resize(self) -> None:
        narrow = self.app.size.width < NARROW_BELOW
        if self.info is not None and narrow != self.narrow:
            self.narrow = narrow
            self.fill_users()
            self.fill_clients()

    def fill_users(self) -> None:
        """Every seeded user; on a narrow terminal the pool sits above the username and the notes wrap
        at word boundaries in the width left, so no column runs off the screen."""
        users = self.query_one("#sandbox-users", DataTable)
        users.clear(columns=True)
        rows = [
            (
                *_stacked(u.pool, u.username, self.narrow),
                u.password or "—",
                u.state_label,
                "; ".join(x for x in (u.note, f"TOTP secret {u.totp_secret}" if u.totp_secret else "") if x),
            )
            for u in self.info.users
        ]
        headers = ("Pool / username",) if self.narrow else ("Pool", "Username")
        users.add_columns(*headers, "Password", "State")
        if not self.narrow:
            users.add_column("Notes")
            for row in rows:
                users.add_row(*row)
            return
        others = sum(max(len(line) for row in rows for line in str(row[i]).split("\n")) + 2 for i in range(3))
        notes_width = max(MIN_NOTES, self.app.size.width - 11 - others)  # padding, scrollbars
        users.add_column("Notes", width=notes_width)
        for *cells, notes in rows:
            users.add_row(*cells, Text(notes), height=None)

    def fill_clients(self) -> None:
        table = self.query_one("#sandbox-clients", DataTable)
        table.clear(columns=True)
        narrow = self.narrow
        table.add_columns(
            *(("Pool / client",) if narrow else ("Pool", "Client")), "Client id", "Secret (— public)"
        )
        for pool in self.info.pools:
            for c in pool.clients:
                secret = (c.secret if self.show_secrets else MASK) if c.secret else "—"
                table.add_row(*_stacked(pool.name, c.name, narrow), c.id, secret, height=None)

    def fill_outbox(self) -> None:
        tables = self.query("#sandbox-outbox")
        if not tables:
            return
        table = tables.first(DataTable)
        table.clear(columns=True)
        table.add_columns("Sent (UTC)", "To", "Medium", "Purpose", "Code")
        messages = strict_state().outbox.recent(OUTBOX_ROWS)
        for m in messages:
            code = m.code if self.show_secrets else MASK
            table.add_row(m.sent_at.replace("T", " ").rstrip("Z"), m.destination, m.medium, m.purpose, code)
        if not messages:
            table.add_row("—", "nothing delivered yet", "", "", "")

    def action_toggle_secrets(self) -> None:
        if self.info is not None:
            self.show_secrets = not self.show_secrets
            self.fill_clients()
            self.fill_outbox()

    def action_reload_outbox(self) -> None:
        if self.info is not None:
            self.fill_outbox()
