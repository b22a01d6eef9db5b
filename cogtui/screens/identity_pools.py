"""Identity pools: a list (filter as you type) and a detail screen with providers, guest access,
the classic flow, roles and role mappings read as rules where the endpoint can report them, and the
pool's findings (f)."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static, TabbedContent, TabPane

from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import IdentityPool, IdentityPoolRoles, IdentityPoolSummary
from cogtui.describe.identity_pools import ROLES_UNAVAILABLE, identity_pool_rows
from cogtui.identity.pool_review import review_identity_pool
from cogtui.screens.base import CogtuiScreen
from cogtui.widgets.connection_bar import ConnectionBar
from cogtui.widgets.field_list import FieldList
from cogtui.widgets.findings_view import FindingsView
from cogtui.widgets.key_bar import KeyBar
from cogtui.widgets.sortable_table import SortableTable
from cogtui.widgets.status_line import StatusLine


class IdentityPoolsScreen(CogtuiScreen):
    """Every identity pool; Enter opens one."""

    CSS_PATH = "../styles/identity_pools.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="ipools.back"),
        Binding("r", "refresh", "Refresh", id="ipools.refresh"),
        Binding("slash", "focus_filter", "Filter", id="ipools.filter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pools: dict[str, IdentityPoolSummary] = {}

    def compose(self) -> ComposeResult:
        app = self.app
        yield ConnectionBar(sandbox=app.settings.sandbox, read_only=app.settings.read_only)
        yield Static("Identity pools", classes="screen-title")
        yield Input(placeholder="Filter identity pools by name or id…  (/)", id="ipool-filter")
        table = SortableTable(id="ipools-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("Name", "Identity pool id")
        yield table
        yield StatusLine(id="ipools-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.load_pools()

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    @work(exclusive=True, group="ipools.load", exit_on_error=False)
    async def load_pools(self) -> None:
        self.status.busy("Loading identity pools…")
        fresh: dict[str, IdentityPoolSummary] = {}
        try:
            async for page in self.app.gateway.iter_identity_pools():
                fresh.update({p.id: p for p in page})
                self.pools = dict(fresh)
                self.render_rows()
        except CogtuiError as err:
            self.status.error(err)
            self.app.notify(err.message, title=err.title, severity="error", markup=False)
            return
        self.pools = fresh
        self.render_rows()
        n = len(fresh)
        self.status.ok(f"{n} identity pool{'s' if n != 1 else ''}. Enter opens one.")

    def render_rows(self) -> None:
        table = self.query_one(DataTable)
        needle = self.query_one("#ipool-filter", Input).value.strip().lower()
        selected = self.selected_id()
        table.clear()
        for pool in sorted(self.pools.values(), key=lambda p: p.name.lower()):
            if not needle or needle in pool.name.lower() or needle in pool.id.lower():
                table.add_row(Text(pool.name), Text(pool.id), key=pool.id)
        if selected is not None and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected))

    def selected_id(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_back(self) -> None:
        filter_input = self.query_one("#ipool-filter", Input)
        if filter_input.has_focus and filter_input.value:
            filter_input.value = ""
            self.query_one(DataTable).focus()
            return
        self.app.pop_screen()

    def action_refresh(self) -> None:
        self.load_pools()

    def action_focus_filter(self) -> None:
        self.query_one("#ipool-filter", Input).focus()

    @on(Input.Changed, "#ipool-filter")
    def filter_changed(self) -> None:
        self.render_rows()

    @on(Input.Submitted, "#ipool-filter")
    def filter_submitted(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected, "#ipools-table")
    def open_pool(self, event: DataTable.RowSelected) -> None:
        summary = self.pools.get(str(event.row_key.value))
        if summary is not None:
            self.app.push_screen(IdentityPoolDetailScreen(summary.id, summary.name))


class IdentityPoolDetailScreen(CogtuiScreen):
    """One identity pool: its providers and client ids, guest access, classic flow, roles."""

    CSS_PATH = "../styles/identity_pools.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="ipool.back"),
        Binding("r", "refresh", "Refresh", id="ipool.refresh"),
        Binding("o", "open_client", "Open app client", id="ipool.open_client"),
        Binding("f", "show_tab('ipool-findings-tab')", "Findings", id="ipool.tab_findings"),
        Binding("s", "show_tab('ipool-settings')", "Settings", id="ipool.tab_settings"),
        Binding("j", "raw_json", "Raw JSON", id="ipool.raw_json"),
    ]

    def __init__(self, identity_pool_id: str, name: str = "") -> None:
        super().__init__()
        self.identity_pool_id = identity_pool_id
        self.pool_name = name or identity_pool_id
        self.pool: IdentityPool | None = None
        self.roles: IdentityPoolRoles | None = None
        self.findings_ready = False

    def compose(self) -> ComposeResult:
        app = self.app
        yield ConnectionBar(sandbox=app.settings.sandbox, read_only=app.settings.read_only)
        title = Text(f"Identity pool {self.pool_name}  ")
        title.append(self.identity_pool_id, style="dim")
        yield Static(title, classes="screen-title")
        with TabbedContent(initial="ipool-settings", id="ipool-tabs"):
            with TabPane("Settings", id="ipool-settings"):
                yield FieldList(id="ipool-fields", label_width=26, empty="Loading…")
            with TabPane("Findings", id="ipool-findings-tab"):
                yield FindingsView(id="ipool-findings")
        yield StatusLine(id="ipool-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(FieldList).focus()
        self.load_pool()

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    @work(exclusive=True, group="ipool.load", exit_on_error=False)
    async def load_pool(self) -> None:
        gateway = self.app.gateway
        self.status.busy("Loading the identity pool…")
        try:
            pool = await gateway.describe_identity_pool(self.identity_pool_id)
        except CogtuiError as err:
            self.status.error(err)
            self.app.notify(err.message, title=err.title, severity="error", markup=False)
            return
        self.pool = pool
        self.query_one(FieldList).set_fields(identity_pool_rows(pool, None))
        self.status.busy("Asking for roles and role mappings…")
        unavailable = ROLES_UNAVAILABLE
        try:
            self.roles = await gateway.identity_pool_roles(self.identity_pool_id)
        except CogtuiError as err:
            self.roles, unavailable = None, f"not available: {err.message}"
        self.query_one(FieldList).set_fields(identity_pool_rows(pool, self.roles, unavailable))
        self.status.busy("Reading the trusted user pools and the roles' trust policies…")
        review = await review_identity_pool(gateway, pool, self.roles)
        findings = review.findings(pool, self.roles, "" if self.roles else unavailable)
        self.query_one(FindingsView).show(
            findings, clean="No findings for this identity pool.", incomplete=review.unread
        )
        self.findings_ready = True
        checked = f" ({review.trust_summary})" if review.trust_summary else ""
        n = len(findings)
        counted = f"{pool.name}: {n} finding{'s' if n != 1 else ''}{checked}"
        if self.roles is None:
            self.status.ok(f"{counted}; roles are not available from this endpoint. f shows the findings.")
        else:
            self.status.ok(f"{counted}. f shows the findings, c copies the highlighted value.")

    def highlighted_client(self) -> tuple[str, str] | None:
        """(user pool id, client id) of the highlighted user pool provider."""
        field = self.query_one(FieldList).highlighted_field
        if field is None or not field.key.startswith("client:"):
            return None
        _, pool_id, client_id = field.key.split(":", 2)
        return pool_id, client_id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_client":
            return True if self.highlighted_client() else None
        return True

    @on(FieldList.OptionHighlighted, "#ipool-fields")
    def field_highlighted(self) -> None:
        self.refresh_bindings()

    def action_raw_json(self) -> None:
        """DescribeIdentityPool, then GetIdentityPoolRoles (n goes from one to the other)."""
        from cogtui.exports import raw
        from cogtui.screens.dialogs.raw_json import RawJsonScreen

        self.app.push_screen(RawJsonScreen(raw.identity_pool(self.identity_pool_id, self.pool_name)))

    def action_open_client(self) -> None:
        target = self.highlighted_client()
        if target:
            self.app.open_client(*target)

    def action_show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self.query_one(FieldList if tab == "ipool-settings" else FindingsView).focus()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_refresh(self) -> None:
        self.findings_ready = False
        self.load_pool()
