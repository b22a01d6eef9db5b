"""One app client: auth flows, secret (masked), OAuth set-up, token lifetimes, attributes, and its findings."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static

from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import AppClient, UserPool
from cogtui.describe.clients import client_rows
from cogtui.describe.pools import unread_text
from cogtui.findings import client_findings
from cogtui.screens.base import CogtuiScreen
from cogtui.screens.client_probe import ClientProbe
from cogtui.widgets.connection_bar import ConnectionBar
from cogtui.widgets.field_list import FieldList
from cogtui.widgets.findings_view import FindingsView
from cogtui.widgets.key_bar import KeyBar
from cogtui.widgets.status_line import StatusLine


class ClientDetailScreen(ClientProbe, CogtuiScreen):
    """An app client's settings beside its findings."""

    CSS_PATH = "../styles/client_detail.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="client.back"),
        Binding("r", "refresh", "Refresh", id="client.refresh"),
        Binding("s", "toggle_secret", "Show/hide secret", id="client.secret"),
        Binding("x", "copy_secret", "Copy secret", id="client.copy_secret"),
        Binding("f", "focus_findings", "Findings", id="client.findings"),
        Binding("j", "raw_json", "Raw JSON", id="client.raw_json"),
        Binding("p", "probe_domain", "Probe the domain", show=False, id="client.probe_domain"),
    ]

    def __init__(self, pool_id: str, client_id: str) -> None:
        super().__init__()
        self.pool_id = pool_id
        self.client_id = client_id
        self.client: AppClient | None = None
        self.pool: UserPool | None = None
        self.pool_error: CogtuiError | None = None  # why the pool could not be read, if it could not

    def compose(self) -> ComposeResult:
        app = self.app
        yield ConnectionBar(sandbox=app.settings.sandbox, read_only=app.settings.read_only)
        yield Static(Text(f"App client {self.client_id}"), id="client-title", classes="screen-title")
        with Horizontal(id="client-body"):
            yield FieldList(id="client-fields", label_width=22, empty="Loading…")
            yield FindingsView(id="client-findings")
        yield StatusLine(id="client-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.update_state(pool_id=self.pool_id, client_id=self.client_id)
        self.query_one("#client-fields", FieldList).focus()
        self.load_client()

    @property
    def status(self) -> StatusLine:
        return self.query_one("#client-status", StatusLine)

    @property
    def fields(self) -> FieldList:
        return self.query_one("#client-fields", FieldList)

    @work(exclusive=True, group="client.load", exit_on_error=False)
    async def load_client(self) -> None:
        gateway = self.app.gateway
        self.status.busy("Loading the app client…")
        try:
            client, pool, resource_scopes = await asyncio.gather(
                gateway.describe_client(self.pool_id, self.client_id), self._pool(), self.resource_scopes()
            )
        except CogtuiError as err:
            self.status.error(err)
            self.app.notify(err.message, title=err.title, severity="error", markup=False)
            return
        self.client, self.pool = client, pool
        title = Text(f"App client {client.name}  ")
        title.append(f"{client.id} · pool {pool.name if pool else self.pool_id}", style="dim")
        self.query_one("#client-title", Static).update(title)
        self.fields.set_fields(client_rows(client, pool))
        findings = client_findings(client, pool, resource_scopes)
        unread = self.pool_error
        incomplete = [f"the user pool could not be read: {unread_text(unread)}"] if unread else []
        self.query_one("#client-findings", FindingsView).show(
            findings, clean="No findings for this app client.", incomplete=incomplete
        )
        if pool is not None:
            self.app.update_state(pool_name=pool.name)
        self.refresh_bindings()
        counted = f"{client.name}: {len(findings)} finding{'s' if len(findings) != 1 else ''}"
        if unread is not None:
            self.status.error(
                f"{counted} (incomplete: the pool's checks were skipped, {unread_text(unread)}).  (r: retry)"
            )
            return
        self.status.ok(f"{counted}. c copies the highlighted value.")

    async def _pool(self) -> UserPool | None:
        self.pool_error = None
        try:
            return await self.app.gateway.describe_user_pool(self.pool_id)
        except CogtuiError as err:  # the client is still worth showing; the pool's checks are skipped
            self.pool_error = err
            return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"toggle_secret", "copy_secret"}:
            return self.client is not None and self.client.has_secret
        if action == "probe_domain":
            return self.pool is not None
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_refresh(self) -> None:
        self.load_client()

    def action_toggle_secret(self) -> None:
        self.fields.action_toggle_secrets()

    def action_copy_secret(self) -> None:
        if self.client is not None and self.client.secret:
            self.app.copy_to_clipboard_text(self.client.secret, "client secret")

    def action_raw_json(self) -> None:
        from cogtui.exports import raw
        from cogtui.screens.dialogs.raw_json import RawJsonScreen

        name = self.client.name if self.client else ""
        self.app.push_screen(RawJsonScreen(raw.app_client(self.pool_id, self.client_id, name)))

    def action_focus_findings(self) -> None:
        self.query_one("#client-findings", FindingsView).focus()
