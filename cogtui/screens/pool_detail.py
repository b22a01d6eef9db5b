"""One user pool, in tabs: overview, sign-in settings, schema, triggers, app clients, groups,
identity providers and findings. ``u`` opens its users; Enter on an app client opens the client."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import AppClient, MfaConfig, UserPool
from cogtui.findings import client_findings, pool_findings, summary_text
from cogtui.screens.base import CogtuiScreen
from cogtui.screens.pool_sections import overview_rows, schema_cells, sign_in_rows, trigger_rows
from cogtui.screens.pool_tabs import GroupsPane, ProvidersPane
from cogtui.widgets.connection_bar import ConnectionBar
from cogtui.widgets.field_list import FieldList
from cogtui.widgets.findings_view import FindingsView
from cogtui.widgets.status_line import StatusLine

TABS = (
    ("overview", "Overview"),
    ("sign-in", "Sign-in"),
    ("schema", "Schema"),
    ("triggers", "Triggers"),
    ("clients", "App clients"),
    ("groups", "Groups"),
    ("idps", "Identity providers"),
    ("findings", "Findings"),
)
# The widget that takes the focus when a tab is shown with its number key.
TAB_FOCUS = {
    "overview": "#overview-fields",
    "sign-in": "#signin-fields",
    "schema": "#schema-table",
    "triggers": "#trigger-fields",
    "clients": "#clients-table",
    "groups": "#groups-table",
    "idps": "#idps-table",
    "findings": "#pool-findings",
}
DETAIL_CONCURRENCY = 4


FLOW_NAMES = {
    "USER_SRP": "SRP",
    "USER_PASSWORD": "password",
    "ADMIN_USER_PASSWORD": "admin password",
    "ADMIN_NO_SRP": "admin password",
    "REFRESH_TOKEN": "refresh",
    "CUSTOM": "custom",
    "CUSTOM_AUTH_FLOW_ONLY": "custom",
    "USER_AUTH": "choice",
}


def short_flow(flow: str) -> str:
    """``ALLOW_USER_SRP_AUTH`` -> ``SRP``; unknown flows keep their name without ALLOW_/_AUTH."""
    name = flow.upper().removeprefix("ALLOW_").removesuffix("_AUTH")
    return FLOW_NAMES.get(name, name)


def client_cells(client: AppClient, pool: UserPool | None) -> tuple[Text, ...]:
    flows = ", ".join(short_flow(f) for f in client.explicit_auth_flows) or "default (SRP, custom, refresh)"
    oauth = ", ".join(client.oauth_flows) if client.oauth_enabled and client.oauth_flows else "—"
    findings = client_findings(client, pool)
    return (
        Text(client.name),
        Text(client.id),
        Text("✔ secret" if client.has_secret else "– public"),
        Text(summary_text(findings) if findings else "✔ none"),
        Text(oauth),
        Text(flows),
    )


class PoolDetailScreen(CogtuiScreen):
    """Everything about one user pool that matters for signing in."""

    CSS_PATH = "../styles/pool_detail.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="pool.back"),
        Binding("r", "refresh", "Refresh", id="pool.refresh"),
        Binding("u", "users", "Users", id="pool.users"),
        Binding("right_square_bracket", "next_tab(1)", "Next tab", id="pool.next_tab"),
        Binding("left_square_bracket", "next_tab(-1)", "Previous tab", show=False, id="pool.previous_tab"),
        Binding("a", "show_tab('clients')", "App clients", show=False, id="pool.tab_clients"),
        Binding("f", "show_tab('findings')", "Findings", id="pool.tab_findings"),
    ]

    def __init__(self, pool_id: str, pool_name: str = "") -> None:
        super().__init__()
        self.pool_id = pool_id
        self.pool_name = pool_name or pool_id
        self.pool: UserPool | None = None
        self.mfa: MfaConfig | None = None
        self.clients: list[AppClient] | None = None

    def compose(self) -> ComposeResult:
        app = self.app
        yield ConnectionBar(sandbox=app.settings.sandbox, read_only=app.settings.read_only)  # type: ignore[attr-defined]
        title = Text(f"User pool {self.pool_name}  ")
        title.append(self.pool_id, style="dim")
        yield Static(title, classes="screen-title")
        with TabbedContent(initial="overview", id="pool-tabs"):
            with TabPane("Overview", id="overview"):
                yield FieldList(id="overview-fields", empty="Loading…")
            with TabPane("Sign-in", id="sign-in"):
                yield FieldList(id="signin-fields", label_width=28, empty="Loading…")
            with TabPane("Schema", id="schema"):
                schema: DataTable[str] = DataTable(id="schema-table", cursor_type="row", zebra_stripes=True)
                schema.add_columns("Attribute", "Type", "Kind", "Required", "Mutable")
                yield schema
            with TabPane("Triggers", id="triggers"):
                yield FieldList(id="trigger-fields", label_width=30, empty="Loading…")
            with TabPane("App clients", id="clients"):
                clients: DataTable[Text] = DataTable(
                    id="clients-table", cursor_type="row", zebra_stripes=True
                )
                clients.add_columns("App client", "Client id", "Secret", "Findings", "OAuth", "Auth flows")
                yield clients
                yield Static("Enter opens the highlighted app client.", classes="pane-note")
            with TabPane("Groups", id="groups"):
                yield GroupsPane(self.pool_id, id="groups-pane")
            with TabPane("Identity providers", id="idps"):
                yield ProvidersPane(self.pool_id, id="idps-pane")
            with TabPane("Findings", id="findings"):
                yield FindingsView(id="pool-findings")
        yield StatusLine(id="pool-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#overview-fields", FieldList).focus()
        self.load_pool()

    @property
    def status(self) -> StatusLine:
        return self.query_one("#pool-status", StatusLine)

    # -- loading -----------------------------------------------------------------------------------

    @work(exclusive=True, group="pool.load", exit_on_error=False)
    async def load_pool(self) -> None:
        gateway = self.app.gateway  # type: ignore[attr-defined]
        self.status.busy(f"Loading {self.pool_name}…")
        try:
            pool, mfa = await asyncio.gather(gateway.describe_user_pool(self.pool_id), self._mfa_config())
        except CogtuiError as err:
            self.status.error(err)
            self.app.notify(err.message, title=err.title, severity="error", markup=False)
            return
        self.pool, self.mfa = pool, mfa
        self.pool_name = pool.name
        self.render_pool()
        self.status.busy("Loading app clients…")
        try:
            self.clients = await self._clients()
        except CogtuiError as err:
            self.status.error(err)
            self.app.notify(err.message, title=err.title, severity="error", markup=False)
            return
        self.render_pool()
        self.render_clients()
        n = len(self.clients)
        self.status.ok(
            f"{pool.name}: {n} app client{'s' if n != 1 else ''}. f shows the findings, u lists the users."
        )

    async def _mfa_config(self) -> MfaConfig | None:
        try:
            return await self.app.gateway.get_mfa_config(self.pool_id)  # type: ignore[attr-defined]
        except CogtuiError:
            return None  # the pool's MfaConfiguration still says OFF/ON/OPTIONAL

    async def _clients(self) -> list[AppClient]:
        gateway = self.app.gateway  # type: ignore[attr-defined]
        summaries = []
        async for page in gateway.iter_clients(self.pool_id):
            summaries.extend(page)
        limit = asyncio.Semaphore(DETAIL_CONCURRENCY)

        async def describe(client_id: str) -> AppClient:
            async with limit:
                return await gateway.describe_client(self.pool_id, client_id)

        clients = await asyncio.gather(*(describe(s.id) for s in summaries))
        return sorted(clients, key=lambda c: c.name.lower())

    # -- rendering ---------------------------------------------------------------------------------

    def render_pool(self) -> None:
        pool = self.pool
        if pool is None:
            return
        self.query_one("#overview-fields", FieldList).set_fields(overview_rows(pool, self.clients))
        self.query_one("#signin-fields", FieldList).set_fields(sign_in_rows(pool, self.mfa, self.clients))
        schema = self.query_one("#schema-table", DataTable)
        schema.clear()
        for cells in schema_cells(pool):
            schema.add_row(*cells, key=cells[0])
        triggers = self.query_one("#trigger-fields", FieldList)
        triggers.empty = "No Lambda triggers: none are configured."
        triggers.set_fields(trigger_rows(pool))
        self.render_findings()

    def render_findings(self) -> None:
        if self.pool is None:
            return
        found: list = [("pool", f) for f in pool_findings(self.pool, self.mfa)]
        for client in self.clients or ():
            found += [(f"client {client.name}", f) for f in client_findings(client, self.pool)]
        view = self.query_one("#pool-findings", FindingsView)
        view.show(found, clean="No findings for this pool and its app clients.")
        tabs = self.query_one(TabbedContent)
        tabs.get_tab("findings").label = f"Findings ({len(found)})"  # type: ignore[assignment]

    def render_clients(self) -> None:
        table = self.query_one("#clients-table", DataTable)
        selected = self.selected_client_id()
        table.clear()
        for client in self.clients or ():
            table.add_row(*client_cells(client, self.pool), key=client.id)
        if selected is not None and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected))
        self.query_one(TabbedContent).get_tab("clients").label = f"App clients ({table.row_count})"  # type: ignore[assignment]

    def selected_client_id(self) -> str | None:
        table = self.query_one("#clients-table", DataTable)
        if table.row_count == 0:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    # -- actions -----------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_refresh(self) -> None:
        self.load_pool()
        self.query_one(GroupsPane).load_groups()
        self.query_one(ProvidersPane).load_providers()

    def action_next_tab(self, step: int) -> None:
        ids = [tab for tab, _ in TABS]
        current = self.query_one(TabbedContent).active
        index = ids.index(current) if current in ids else 0
        self.action_show_tab(ids[(index + step) % len(ids)])

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self.query_one(TAB_FOCUS[tab]).focus()

    def action_users(self) -> None:
        from cogtui.screens.users import UsersScreen

        self.app.update_state(pool_id=self.pool_id, pool_name=self.pool_name)  # type: ignore[attr-defined]
        self.app.push_screen(UsersScreen(self.pool_id, self.pool_name))

    @on(DataTable.RowSelected, "#clients-table")
    def open_client(self, event: DataTable.RowSelected) -> None:
        self.app.open_client(self.pool_id, str(event.row_key.value))  # type: ignore[attr-defined]
