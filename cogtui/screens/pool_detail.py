"""One user pool, in tabs: overview, sign-in settings, schema, triggers, app clients, groups,
identity providers and findings. ``u`` opens its users; Enter on an app client opens the client."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import AppClient, AppClientSummary, MfaConfig, UserPool
from cogtui.describe.pools import (
    overview_rows,
    schema_cells,
    sign_in_rows,
    trigger_rows,
    unread_text,
)
from cogtui.findings import client_findings, pool_findings, summary_text
from cogtui.screens.base import CogtuiScreen
from cogtui.screens.pool_tabs import GroupsPane, ProvidersPane
from cogtui.tokens.pool_issuer import PoolIssuers, endpoint_pool_issuers
from cogtui.widgets.connection_bar import ConnectionBar
from cogtui.widgets.field_list import FieldList
from cogtui.widgets.findings_view import FindingsView
from cogtui.widgets.key_bar import KeyBar
from cogtui.widgets.sortable_table import SortableTable
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


def unread_client_cells(summary: AppClientSummary, err: CogtuiError) -> tuple[Text, ...]:
    """A client that was listed but could not be described: its name and id, and why the rest is missing."""
    return (
        Text(summary.name),
        Text(summary.id),
        Text("?"),
        Text(f"✘ not read ({err.code})"),
        Text("?"),
        Text("?"),
    )


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
        Binding("j", "raw_json", "Raw JSON", id="pool.raw_json"),
        Binding("c", "compare", "Compare with…", id="pool.compare"),
        Binding("e", "export_findings", "Export findings…", show=False, id="pool.export_findings"),
        Binding(
            "E", "export_configuration", "Export configuration…", show=False, id="pool.export_configuration"
        ),
    ]

    def __init__(self, pool_id: str, pool_name: str = "") -> None:
        super().__init__()
        self.pool_id = pool_id
        self.pool_name = pool_name or pool_id
        self.pool: UserPool | None = None
        self.mfa: MfaConfig | None = None
        self.clients: list[AppClient] | None = None
        self.issuers: PoolIssuers | None = None
        # What could not be read, as (what, error): the screen shows the rest and says findings are incomplete.
        self.unread: list[tuple[str, CogtuiError]] = []
        self.unread_clients: list[tuple[AppClientSummary, CogtuiError]] = []

    def compose(self) -> ComposeResult:
        app = self.app
        yield ConnectionBar(sandbox=app.settings.sandbox, read_only=app.settings.read_only)
        title = Text(f"User pool {self.pool_name}  ")
        title.append(self.pool_id, style="dim")
        yield Static(title, classes="screen-title")
        with TabbedContent(initial="overview", id="pool-tabs"):
            with TabPane("Overview", id="overview"):
                yield FieldList(id="overview-fields", empty="Loading…")
            with TabPane("Sign-in", id="sign-in"):
                yield FieldList(id="signin-fields", label_width=28, empty="Loading…")
            with TabPane("Schema", id="schema"):
                schema = SortableTable(id="schema-table", cursor_type="row", zebra_stripes=True)
                schema.add_columns("Attribute", "Type", "Kind", "Required", "Mutable")
                yield schema
            with TabPane("Triggers", id="triggers"):
                yield FieldList(id="trigger-fields", label_width=30, empty="Loading…")
            with TabPane("App clients", id="clients"):
                clients = SortableTable(id="clients-table", cursor_type="row", zebra_stripes=True)
                clients.add_columns("App client", "Client id", "Secret", "Findings", "OAuth", "Auth flows")
                yield clients
                yield Static(
                    "Enter opens the highlighted app client.",
                    id="clients-note",
                    classes="pane-note",
                    markup=False,
                )
            with TabPane("Groups", id="groups"):
                yield GroupsPane(self.pool_id, id="groups-pane")
            with TabPane("Identity providers", id="idps"):
                yield ProvidersPane(self.pool_id, id="idps-pane")
            with TabPane("Findings", id="findings"):
                yield FindingsView(id="pool-findings")
        yield StatusLine(id="pool-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#overview-fields", FieldList).focus()
        self.load_pool()

    @property
    def status(self) -> StatusLine:
        return self.query_one("#pool-status", StatusLine)

    # -- loading -----------------------------------------------------------------------------------

    @work(exclusive=True, group="pool.load", exit_on_error=False)
    async def load_pool(self) -> None:
        gateway = self.app.gateway
        self.status.busy(f"Loading {self.pool_name}…")
        self.unread, self.unread_clients = [], []
        try:
            pool, mfa = await asyncio.gather(gateway.describe_user_pool(self.pool_id), self._mfa_config())
        except CogtuiError as err:
            self.status.error(err)
            self.app.notify(err.message, title=err.title, severity="error", markup=False)
            return
        self.pool, self.mfa = pool, mfa
        self.pool_name = pool.name
        settings = self.app.runtime.settings
        self.issuers = await asyncio.to_thread(
            endpoint_pool_issuers, pool.id, settings.endpoint_url, settings.region
        )
        self.render_pool()
        self.status.busy("Loading app clients…")
        try:
            self.clients = await self._clients()
        except CogtuiError as err:  # the clients could not even be listed: the pool's own settings stay
            self.clients = []
            self.unread.append(("the app clients", err))
        self.render_pool()
        self.render_clients()
        self.report_loaded(pool)

    def report_loaded(self, pool: UserPool) -> None:
        n = len(self.clients or ()) + len(self.unread_clients)
        counted = f"{pool.name}: {n} app client{'s' if n != 1 else ''}"
        unread = self.unread + [(f"app client {s.name}", err) for s, err in self.unread_clients]
        if not unread:
            self.status.ok(f"{counted}. f shows the findings, u lists the users.")
            return
        what, err = unread[0]
        more = f" (and {len(unread) - 1} more)" if len(unread) > 1 else ""
        self.status.error(
            f"{counted}; {what}{more} could not be read: {unread_text(err)}. Findings are incomplete.  (r: retry)"
        )

    async def _mfa_config(self) -> MfaConfig | None:
        try:
            return await self.app.gateway.get_mfa_config(self.pool_id)
        except CogtuiError as err:  # the pool's MfaConfiguration still says OFF/ON/OPTIONAL
            self.unread.append(("the MFA settings", err))
            return None

    async def _clients(self) -> list[AppClient]:
        """Every client the pool lists, described; one that cannot be described is kept as unread."""
        gateway = self.app.gateway
        summaries: list[AppClientSummary] = []
        async for page in gateway.iter_clients(self.pool_id):
            summaries.extend(page)
        limit = asyncio.Semaphore(DETAIL_CONCURRENCY)

        async def describe(summary: AppClientSummary) -> AppClient | CogtuiError:
            async with limit:
                try:
                    return await gateway.describe_client(self.pool_id, summary.id)
                except CogtuiError as err:
                    return err

        described = await asyncio.gather(*(describe(s) for s in summaries))
        clients = [c for c in described if isinstance(c, AppClient)]
        self.unread_clients = sorted(
            ((s, c) for s, c in zip(summaries, described, strict=True) if isinstance(c, CogtuiError)),
            key=lambda pair: pair[0].name.lower(),
        )
        return sorted(clients, key=lambda c: c.name.lower())

    def incomplete(self) -> list[str]:
        """One line per thing that could not be read, naming the operation and the reason."""
        lines = [f"{what.capitalize()} could not be read: {unread_text(err)}" for what, err in self.unread]
        if self.unread_clients:
            names = ", ".join(s.name or s.id for s, _ in self.unread_clients)
            lines.append(
                f"App client{'s' if len(self.unread_clients) > 1 else ''} {names} could not be read: "
                f"{unread_text(self.unread_clients[0][1])}"
            )
        return lines

    # -- rendering ---------------------------------------------------------------------------------

    def render_pool(self) -> None:
        pool = self.pool
        if pool is None:
            return
        self.query_one("#overview-fields", FieldList).set_fields(
            overview_rows(pool, self.clients, self.issuers)
        )
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
        incomplete = self.incomplete()
        view.show(found, clean="No findings for this pool and its app clients.", incomplete=incomplete)
        count = f"{len(found)}, incomplete" if incomplete else str(len(found))
        tabs = self.query_one(TabbedContent)
        tabs.get_tab("findings").label = f"Findings ({count})"

    def action_compare(self) -> None:
        """This pool, or on the App clients tab the highlighted client, against another one picked."""
        from cogtui.screens.compare import Side
        from cogtui.screens.compare_keys import compare_with_any

        client_id = self.selected_client_id() if self.query_one(TabbedContent).active == "clients" else None
        client = next((c for c in self.clients or () if c.id == client_id), None)
        left = (
            Side(self.pool_id, self.pool_name, client.id, client.name)
            if client
            else Side(self.pool_id, self.pool_name)
        )
        compare_with_any(self.app, left)

    def render_clients(self) -> None:
        table = self.query_one("#clients-table", DataTable)
        selected = self.selected_client_id()
        table.clear()
        for client in self.clients or ():
            table.add_row(*client_cells(client, self.pool), key=client.id)
        for summary, err in self.unread_clients:
            table.add_row(*unread_client_cells(summary, err), key=summary.id)
        if selected is not None and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected))
        listing = next((err for what, err in self.unread if what == "the app clients"), None)
        note = self.query_one("#clients-note", Static)
        if listing is not None:
            note.update(f"✘ The app clients could not be listed: {unread_text(listing)}")
            count = "?"
        elif self.unread_clients:
            n = len(self.unread_clients)
            note.update(
                f"✘ {n} of {table.row_count} app clients could not be read: "
                f"{unread_text(self.unread_clients[0][1])}. Enter opens the highlighted app client."
            )
            count = f"{table.row_count}, {n} unread"
        else:
            note.update("Enter opens the highlighted app client.")
            count = str(table.row_count)
        self.query_one(TabbedContent).get_tab("clients").label = f"App clients ({count})"

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

    def action_raw_json(self) -> None:
        """The API's JSON of what the tab shows: the highlighted client, group or provider, else the pool."""
        from cogtui.exports import raw
        from cogtui.screens.dialogs.raw_json import RawJsonScreen

        tab = self.query_one(TabbedContent).active
        requests = raw.user_pool(self.pool_id, self.pool_name)
        if tab == "clients" and (client_id := self.selected_client_id()):
            requests = raw.app_client(self.pool_id, client_id)
        elif tab in {"groups", "idps"}:
            table = self.query_one("#groups-table" if tab == "groups" else "#idps-table", DataTable)
            if table.row_count:
                key = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
                maker = raw.group if tab == "groups" else raw.identity_provider
                requests = maker(self.pool_id, key)
        self.app.push_screen(RawJsonScreen(requests))

    def action_export_findings(self) -> None:
        from cogtui.screens.exports import export_findings

        export_findings(self.app, self)

    def action_export_configuration(self) -> None:
        from cogtui.screens.exports import export_configuration

        export_configuration(self.app, self.pool_id, self.pool_name)

    def action_users(self) -> None:
        from cogtui.screens.users import UsersScreen

        self.app.update_state(pool_id=self.pool_id, pool_name=self.pool_name)
        self.app.push_screen(UsersScreen(self.pool_id, self.pool_name))

    @on(DataTable.RowSelected, "#clients-table")
    def open_client(self, event: DataTable.RowSelected) -> None:
        self.app.open_client(self.pool_id, str(event.row_key.value))
