"""The first screen: every user pool, with MFA mode and estimated users filled in as they arrive."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widget import MountError
from textual.widgets import DataTable, Input, Static

from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import UserPool, UserPoolSummary
from cogtui.clock import format_time
from cogtui.screens.base import CogtuiScreen
from cogtui.screens.compare_keys import MARK, PoolCompareKeys
from cogtui.widgets.connection_bar import ConnectionBar
from cogtui.widgets.key_bar import KeyBar
from cogtui.widgets.sortable_table import SortableTable
from cogtui.widgets.status_line import StatusLine

MFA_WIDTH = len("OPTIONAL")  # the longest of MfaConfiguration's values (OFF, ON, OPTIONAL)


@dataclass(frozen=True)
class PoolRow:
    summary: UserPoolSummary
    detail: UserPool | None = None
    unreadable: bool = False  # DescribeUserPool failed: "?" instead of a "…" that never ends

    def cells(self) -> tuple[str, str, str, str, str]:
        d = self.detail
        created = format_time(self.summary.created, "date") if self.summary.created else "—"
        pending = "?" if self.unreadable else "…"
        mfa = d.mfa if d else pending
        users = str(d.estimated_users) if d and d.estimated_users is not None else (pending if not d else "—")
        # The id, the longest cell, comes last: a narrow terminal cuts its end, not the other columns.
        return (self.summary.name, mfa, users, created, self.summary.id)


class PoolsScreen(PoolCompareKeys, CogtuiScreen):
    """A table of user pools: filter as you type, refresh with r, open with Enter."""

    CSS_PATH = "../styles/pools.tcss"
    BINDINGS = [
        Binding("r", "refresh", "Refresh", id="pools.refresh"),
        Binding("slash", "focus_filter", "Filter", id="pools.filter"),
        Binding("i", "identity_pools", "Identity pools", id="pools.identity_pools"),
        Binding("m", "mark_compare", "Mark to compare", id="pools.mark_compare"),
        Binding("c", "compare", "Compare with marked", id="pools.compare"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="pools.clear"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, PoolRow] = {}
        self.loaded = False
        self.footer_requested = False

    def compose(self) -> ComposeResult:
        app = self.app
        yield ConnectionBar(sandbox=app.settings.sandbox, read_only=app.settings.read_only)
        yield Static("User pools", classes="screen-title")
        yield Input(placeholder="Filter pools by name or id…  (/)", id="pool-filter")
        table = SortableTable(id="pools-table", cursor_type="row", zebra_stripes=True)
        table.add_column("Name")
        # As wide as its widest value (OPTIONAL) from the start: the details arrive after the rows, and a
        # column that widened then would shift every column after it.
        table.add_column("MFA", width=MFA_WIDTH)
        table.add_columns("Est. users", "Created", "Pool id")
        yield table
        yield StatusLine(id="pools-status")
        # The key bar (some 20 ms of widgets at startup) is mounted once the first rows are painted.

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.load_pools()

    def show_footer(self) -> None:
        """Mount the key bar after the next paint (idempotent): at startup the pools come first."""
        if not self.footer_requested:
            self.footer_requested = True
            self.call_after_refresh(self._mount_footer)

    async def _mount_footer(self) -> None:
        try:
            await self.mount(KeyBar())
        except MountError:  # the app quit (q at once) before the first paint ended: nothing to show
            return
        self.refresh_bindings()  # a Footer mounted late waits for this signal to show the keys

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    def action_refresh(self) -> None:
        self.load_pools()

    def action_identity_pools(self) -> None:
        self.app.open_identity_pools()

    def action_focus_filter(self) -> None:
        self.query_one("#pool-filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#pool-filter", Input).value = ""
        self.query_one(DataTable).focus()

    @work(exclusive=True, group="pools.load", exit_on_error=False)
    async def load_pools(self) -> None:
        gateway = self.app.gateway
        sandbox = self.app.settings.sandbox
        self.status.busy(
            "Starting the local sandbox and seeding demo pools…"
            if sandbox and not self.loaded
            else "Loading user pools…"
        )
        fresh: dict[str, PoolRow] = {}
        try:
            async for page in gateway.iter_user_pools():
                for summary in page:
                    old = self.rows.get(summary.id)
                    fresh[summary.id] = PoolRow(summary, old.detail if old else None)
                self.rows = dict(fresh)
                self.render_rows()
                self.show_footer()
        except CogtuiError as err:
            self.status.error(err)
            self.app.notify(err.message, title=err.title, severity="error", markup=False)
            return
        finally:
            self.show_footer()
        self.loaded = True
        self.status.ok(f"{len(self.rows)} user pool{'s' if len(self.rows) != 1 else ''}. Enter opens a pool.")
        await self.fill_details(list(self.rows))

    async def fill_details(self, pool_ids: list[str]) -> None:
        gateway = self.app.gateway
        limit = asyncio.Semaphore(4)
        failures: list[CogtuiError] = []

        async def one(pool_id: str) -> None:
            async with limit:
                try:
                    detail = await gateway.describe_user_pool(pool_id)
                except CogtuiError as err:
                    failures.append(err)
                    if pool_id in self.rows and self.rows[pool_id].detail is None:
                        self.rows[pool_id] = replace(self.rows[pool_id], unreadable=True)
                        self.update_row(pool_id)
                    return
            if pool_id in self.rows:
                self.rows[pool_id] = replace(self.rows[pool_id], detail=detail)
                self.update_row(pool_id)

        await asyncio.gather(*(one(p) for p in pool_ids))
        if failures:  # the list stands; say why some details are missing
            n = len(failures)
            first = failures[0]
            self.status.error(
                replace(
                    first,
                    message=f"The details of {n} pool{'s' if n != 1 else ''} could not be read: {first.message}",
                )
            )

    def matches(self, row: PoolRow) -> bool:
        needle = self.query_one("#pool-filter", Input).value.strip().lower()
        return not needle or needle in row.summary.name.lower() or needle in row.summary.id.lower()

    def render_rows(self) -> None:
        table = self.query_one(DataTable)
        selected = self.selected_pool_id()
        table.clear()
        for pool_id, row in sorted(self.rows.items(), key=lambda kv: kv[1].summary.name.lower()):
            if self.matches(row):
                table.add_row(*self.cells_of(pool_id), key=pool_id)
        if selected is not None and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected))

    def update_row(self, pool_id: str) -> None:
        table = self.query_one(DataTable)
        if pool_id not in table.rows:
            return
        for column, value in zip(table.columns, self.cells_of(pool_id), strict=False):
            table.update_cell(pool_id, column, value, update_width=True)

    def cells_of(self, pool_id: str) -> tuple[str, ...]:
        """A pool's row; the pool marked to compare wears the marker the status line names it with."""
        name, *rest = self.rows[pool_id].cells()
        return (f"{MARK} {name}" if pool_id == self.compare_mark else name, *rest)

    def selected_pool_id(self) -> str | None:
        # The key bar asks (through check_action) while the screen is being dismantled, too: a switch of
        # connection made during another removes the table before the bar. No table, nothing selected.
        table = next(iter(self.query(DataTable)), None)
        if table is None or table.row_count == 0:
            return None
        try:
            return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        except Exception:
            return None

    @on(Input.Changed, "#pool-filter")
    def filter_changed(self) -> None:
        self.render_rows()

    @on(Input.Submitted, "#pool-filter")
    def filter_submitted(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected, "#pools-table")
    def open_pool(self, event: DataTable.RowSelected) -> None:
        pool_id = str(event.row_key.value)
        row = self.rows.get(pool_id)
        if row:
            self.app.open_pool(row.summary)
