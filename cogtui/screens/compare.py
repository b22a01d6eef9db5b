"""Two pools or two app clients side by side (e.g. staging against production).

One table: a marker (= same, ≠ different, ◀ left only, ▶ right only), the setting once, then the value on
each side; differences are in bold as well as marked. ``d`` shows only the differences; the line under the
table gives the highlighted setting's two values in full, wrapped, so a narrow terminal loses nothing.
Both configurations are read concurrently in a worker (a pool's with the configuration export's reader,
secrets left out); the comparison itself is :mod:`cogtui.findings.compare`.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from cogtui.aws.errors import CogtuiError
from cogtui.exports.configuration import read_configuration
from cogtui.findings.compare import ABSENT, CompareRow, compare_clients, compare_pools, differences, summary
from cogtui.screens.base import CogtuiScreen
from cogtui.text_safety import safe_text
from cogtui.widgets.connection_bar import ConnectionBar
from cogtui.widgets.key_bar import KeyBar
from cogtui.widgets.status_line import StatusLine

IDP = "cognito-idp"
MARKER_WIDTH = 1


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a pool, or an app client of a pool."""

    pool_id: str
    pool_name: str
    client_id: str | None = None
    client_name: str | None = None

    @property
    def label(self) -> str:
        if self.client_id:
            return self.client_name or self.client_id
        return self.pool_name or self.pool_id

    @property
    def full(self) -> str:
        if self.client_id:
            return f"app client {self.client_name or self.client_id} ({self.client_id}) of {self.pool_name}"
        return f"pool {self.pool_name} ({self.pool_id})"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _cut_start(text: str, width: int) -> str:
    """The end of a long setting path, its most specific part: ``…PasswordPolicy.MinimumLength``."""
    return text if len(text) <= width else "…" + text[len(text) - width + 1 :]


class CompareScreen(CogtuiScreen):
    """Settings and findings of two pools (or two app clients), the setting named once per row."""

    DEFAULT_CSS = """
    CompareScreen .screen-title { padding: 0 1; text-style: bold; color: $accent; }
    CompareScreen #compare-summary { padding: 0 1; color: $text-muted; }
    CompareScreen #compare-table { height: 1fr; margin: 0 1; overflow-x: hidden; }
    CompareScreen #compare-detail { padding: 0 1; height: auto; max-height: 5; color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "back", "Back", id="compare.back"),
        Binding("d", "toggle_differences", "Only differences", id="compare.differences"),
        Binding("r", "reload", "Reload", id="compare.reload"),
    ]

    def __init__(self, left: Side, right: Side, only_differences: bool = False) -> None:
        super().__init__()
        self.left = left
        self.right = right
        self.only_differences = only_differences
        self.rows: list[CompareRow] = []
        self.shown: list[CompareRow] = []
        self.loaded = False  # True once both sides were read and compared

    @property
    def kind(self) -> str:
        return "app clients" if self.left.client_id else "pools"

    def compose(self) -> ComposeResult:
        settings = self.app.settings
        yield ConnectionBar(sandbox=settings.sandbox, read_only=settings.read_only)
        title = f"Compare {self.kind}: ◀ {self.left.label}  with  {self.right.label} ▶"
        yield Static(Text(safe_text(title)), classes="screen-title", id="compare-title")
        yield Static("", id="compare-summary")
        yield DataTable(id="compare-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="compare-detail")
        yield StatusLine(id="compare-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.table.focus()
        self.load()

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#compare-table", DataTable)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#compare-status", StatusLine)

    # -- loading ----------------------------------------------------------------------------------

    @work(exclusive=True, group="compare.load", exit_on_error=False)
    async def load(self) -> None:
        gateway = self.app.gateway
        self.status.busy(f"Reading {self.left.full} and {self.right.full}…")
        partial = False
        try:
            if self.left.client_id and self.right.client_id:
                self.rows = await self._clients(gateway)
            else:
                left, right = await asyncio.gather(
                    read_configuration(gateway, self.left.pool_id),
                    read_configuration(gateway, self.right.pool_id),
                )
                self.rows = compare_pools(left, right)
                unread = len(left.get("NotRead") or []) + len(right.get("NotRead") or [])
                partial = bool(unread)
                if unread:
                    self.status.error(
                        f"Compared; {unread} part(s) could not be read and are left out (r: retry)."
                    )
        except CogtuiError as err:
            self.status.error(err)
            self.app.notify(err.message, title=err.title, severity="error", markup=False)
            return
        self.render_rows()
        self.loaded = True
        if not partial:
            self.status.ok(f"Compared {self.left.label} with {self.right.label}. d: only differences")

    async def _clients(self, gateway: Any) -> list[CompareRow]:
        async def client(side: Side) -> dict[str, Any]:
            r = await gateway.call(
                IDP, "DescribeUserPoolClient", UserPoolId=side.pool_id, ClientId=side.client_id
            )
            return dict(r.get("UserPoolClient") or {})

        async def pool(side: Side) -> dict[str, Any] | None:
            try:
                return dict(
                    (await gateway.call(IDP, "DescribeUserPool", UserPoolId=side.pool_id)).get("UserPool")
                    or {}
                )
            except CogtuiError:
                return None  # the pool's own findings (its domain) are then left out

        left, right, left_pool, right_pool = await asyncio.gather(
            client(self.left), client(self.right), pool(self.left), pool(self.right)
        )
        return compare_clients(left, right, left_pool, right_pool)

    # -- drawing ----------------------------------------------------------------------------------

    def widths(self) -> tuple[int, int]:
        """(setting, each value) column widths for the table's width: the setting gets about 40%."""
        room = max(self.table.size.width or self.size.width - 2, 40) - MARKER_WIDTH - 2 - 6
        setting = max(room * 9 // 20, 14)
        return setting, max((room - setting) // 2, 8)

    def render_rows(self) -> None:
        table = self.table
        table.clear(columns=True)
        setting_w, value_w = self.widths()
        table.add_column(" ", width=MARKER_WIDTH, key="marker")
        table.add_column("Setting", width=setting_w, key="setting")
        table.add_column(_cut(self.left.label, value_w), width=value_w, key="left")
        table.add_column(_cut(self.right.label, value_w), width=value_w, key="right")
        self.shown = differences(self.rows) if self.only_differences else list(self.rows)
        for i, row in enumerate(self.shown):
            style = "" if row.same else "bold"
            table.add_row(
                Text(row.marker, style=style),
                Text(_cut_start(safe_text(row.name), setting_w), style=style),
                Text(_cut(safe_text(row.left if row.left is not None else ABSENT), value_w), style=style),
                Text(_cut(safe_text(row.right if row.right is not None else ABSENT), value_w), style=style),
                key=str(i),
            )
        shown = "only differences" if self.only_differences else "every setting"
        self.query_one("#compare-summary", Static).update(
            Text(
                f"{summary(self.rows)} · showing {shown} ({len(self.shown)} rows) · = same  ≠ differs  ◀ ▶ one side only"
            )
        )
        self.show_detail(0)

    def on_resize(self) -> None:
        if self.rows:
            self.call_after_refresh(self.render_rows)

    @on(DataTable.RowHighlighted, "#compare-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail(event.cursor_row)

    def show_detail(self, index: int) -> None:
        detail = self.query_one("#compare-detail", Static)
        if not 0 <= index < len(self.shown):
            detail.update("")
            return
        row = self.shown[index]
        left = row.left if row.left is not None else f"{ABSENT} (not set)"
        right = row.right if row.right is not None else f"{ABSENT} (not set)"
        lines = (f"{row.marker} {row.name}", f"◀ {self.left.label}: {left}", f"▶ {self.right.label}: {right}")
        detail.update(Text("\n".join(safe_text(line) for line in lines)))

    # -- keys -------------------------------------------------------------------------------------

    def action_toggle_differences(self) -> None:
        self.only_differences = not self.only_differences
        self.render_rows()

    def action_reload(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.dismiss(None)
