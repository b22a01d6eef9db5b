"""The pool detail's list tabs that load on their own: groups (with members) and identity providers.

Each pane owns its workers; leaving the screen cancels them. Errors stay inline in the pane.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from cogtui.app_type import HasCogtuiApp
from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import Group, IdentityProvider, User
from cogtui.describe.pools import fmt_date, provider_rows
from cogtui.widgets.field_list import FieldList
from cogtui.widgets.sortable_table import SortableTable


def _cell(value: Any) -> Text:
    return Text("" if value is None else str(value))


class GroupsPane(HasCogtuiApp, Vertical):
    """Groups of the pool (precedence, IAM role); Enter lists the members of the highlighted group."""

    DEFAULT_CSS = """
    GroupsPane { height: 1fr; }
    GroupsPane > #groups-table { height: 1fr; }
    GroupsPane > #members-table { height: 1fr; }
    GroupsPane > .pane-note { color: $text-muted; padding: 0 1; }
    """

    def __init__(self, pool_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pool_id = pool_id
        self.groups: dict[str, Group] = {}
        self.members_of: str | None = None

    def compose(self) -> ComposeResult:
        groups = SortableTable(id="groups-table", cursor_type="row", zebra_stripes=True)
        groups.add_columns("Group", "Precedence", "IAM role ARN", "Description")
        yield groups
        yield Static("⋯ Loading groups…", id="groups-note", classes="pane-note", markup=False)
        members = SortableTable(id="members-table", cursor_type="row", zebra_stripes=True)
        members.add_columns("Member", "Status", "Enabled", "E-mail")
        yield members

    def on_mount(self) -> None:
        self.load_groups()

    def note(self, text: str) -> None:
        self.query_one("#groups-note", Static).update(text)

    @work(exclusive=True, group="pool.groups", exit_on_error=False)
    async def load_groups(self) -> None:
        gateway = self.app.gateway
        table = self.query_one("#groups-table", DataTable)
        fresh: dict[str, Group] = {}
        try:
            async for page in gateway.iter_groups(self.pool_id):
                for group in page:
                    fresh[group.name] = group
        except CogtuiError as err:
            self.note(f"✘ {err.message}")
            self.app.notify(err.message, title=err.title, severity="error", markup=False)
            return
        self.groups = fresh
        selected = table.cursor_row
        table.clear()
        for group in sorted(fresh.values(), key=lambda g: (g.precedence is None, g.precedence or 0, g.name)):
            table.add_row(
                _cell(group.name),
                _cell(group.precedence if group.precedence is not None else "—"),
                _cell(group.role_arn or "—"),
                _cell(group.description),
                key=group.name,
            )
        if table.row_count:
            table.move_cursor(row=min(selected, table.row_count - 1))
            self.note("Enter lists the members of the highlighted group.")
        else:
            self.note("No groups in this pool.")

    @on(DataTable.RowSelected, "#groups-table")
    def group_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.load_members(str(event.row_key.value))

    @work(exclusive=True, group="pool.members", exit_on_error=False)
    async def load_members(self, group: str) -> None:
        gateway = self.app.gateway
        table = self.query_one("#members-table", DataTable)
        table.clear()
        self.members_of = group
        self.note(f"⋯ Loading the members of {group}…")
        count = 0
        try:
            async for page in gateway.iter_users_in_group(self.pool_id, group):
                for user in page:
                    self._add_member(table, user)
                count += len(page)
        except CogtuiError as err:
            self.note(f"✘ Members of {group}: {err.message}")
            return
        self.note(
            f"Members of {group}: {count}. Enter on a member opens the user."
            if count
            else f"{group} has no members."
        )

    @on(DataTable.RowSelected, "#members-table")
    def member_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        from cogtui.screens.user_detail import UserDetailScreen

        pool_name = getattr(self.screen, "pool_name", self.pool_id)
        self.app.push_screen(UserDetailScreen(self.pool_id, pool_name, str(event.row_key.value)))

    @staticmethod
    def _add_member(table: DataTable, user: User) -> None:
        table.add_row(
            _cell(user.username),
            _cell(user.status),
            _cell("✔ yes" if user.enabled else "✘ no"),
            _cell(user.email or "—"),
            key=user.username,
        )


class ProvidersPane(HasCogtuiApp, Vertical):
    """Federated identity providers: type, identifiers, attribute mapping; secrets in details masked."""

    DEFAULT_CSS = """
    ProvidersPane { height: 1fr; }
    ProvidersPane > #idps-table { height: auto; max-height: 10; }
    ProvidersPane > #idp-details { height: 1fr; }
    ProvidersPane > .pane-note { color: $text-muted; padding: 0 1; }
    """

    def __init__(self, pool_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pool_id = pool_id
        self.providers: dict[str, IdentityProvider] = {}

    def compose(self) -> ComposeResult:
        table = SortableTable(id="idps-table", cursor_type="row", zebra_stripes=True)
        table.add_columns("Provider", "Type", "Identifiers", "Created")
        yield table
        yield Static("⋯ Loading identity providers…", id="idps-note", classes="pane-note", markup=False)
        yield FieldList(id="idp-details", empty="Highlight a provider to see its details.")

    def on_mount(self) -> None:
        self.load_providers()

    def note(self, text: str) -> None:
        self.query_one("#idps-note", Static).update(text)

    @work(exclusive=True, group="pool.idps", exit_on_error=False)
    async def load_providers(self) -> None:
        gateway = self.app.gateway
        table = self.query_one("#idps-table", DataTable)
        fresh: dict[str, IdentityProvider] = {}
        try:
            async for page in gateway.iter_identity_providers(self.pool_id):
                for provider in page:
                    fresh[provider.name] = provider
        except CogtuiError as err:
            self.note(f"✘ {err.message}")
            return
        self.providers = fresh
        table.clear()
        for p in sorted(fresh.values(), key=lambda p: p.name.lower()):
            table.add_row(
                _cell(p.name),
                _cell(p.type),
                _cell(", ".join(p.identifiers)),
                _cell(fmt_date(p.created)),
                key=p.name,
            )
        if not fresh:
            self.note("No identity providers: only the pool's own users (COGNITO) can sign in.")
        else:
            self.note("s shows/hides secrets in the details; c copies the highlighted value.")

    @on(DataTable.RowHighlighted, "#idps-table")
    def provider_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.load_details(str(event.row_key.value))

    @work(exclusive=True, group="pool.idp", exit_on_error=False)
    async def load_details(self, name: str) -> None:
        details = self.query_one("#idp-details", FieldList)
        provider: IdentityProvider | None
        try:
            provider = await self.app.gateway.describe_identity_provider(self.pool_id, name)
        except CogtuiError as err:
            provider = self.providers.get(name)
            self.note(f"✘ {name}: {err.message}")
            if provider is None:
                return
        details.set_secrets_revealed(False)
        details.set_fields(provider_rows(provider))
