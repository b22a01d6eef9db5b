"""The users of one pool: the first page at once, the rest streamed in, filtered by Cognito itself.

Rows go into a ``VirtualTable``, which draws only the rows on screen and appends a page at the cost
of that page, so each page is shown as soon as it arrives, even at 10,000 users; the next page is
fetched while the previous one is being drawn. ``s`` stops the stream. The filter box takes
Cognito's own syntax (``email ^= "ali"``), checked locally first so a mistake is explained
instead of sent; ``f`` opens a helper that builds the expression.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import aclosing
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Input, Static

from cogtui.aws.errors import CogtuiError, ThrottledError
from cogtui.aws.models import User
from cogtui.aws.user_filter import check_filter, parse_filter
from cogtui.screens.base import CogtuiScreen
from cogtui.screens.dialogs.filter_builder import FilterBuilderScreen
from cogtui.screens.user_format import Palette, enabled_text, format_date, palette_from, status_text
from cogtui.widgets.connection_bar import ConnectionBar
from cogtui.widgets.status_line import StatusLine
from cogtui.widgets.virtual_table import Cell, Column, RowKey, VirtualTable

PAGE_SIZE = 60  # ListUsers' maximum
COUNT_INTERVAL = 0.2  # seconds between two updates of the "N users loaded" count while pages stream in
# At 80 columns the row does not fit at these widths: the columns with a min_width give up cells first
# (a status keeps its glyph and a readable start, a date its day), so no sideways scrolling is needed.
COLUMNS = (
    Column("Username", 14, flex=1, min_width=8),
    Column("Status", 23, min_width=13),  # "! FORCE_CHANGE_PASSWORD"; "! UNCONFIRMED" whole when narrow
    Column("Enabled", 7),
    Column("Email", 22, flex=2, min_width=12),
    Column("Phone", 14, min_width=8),  # most E.164 numbers; longer ones end with "…"
    Column("Created (UTC)", 16, min_width=10),  # the day, when narrow
)


class UsersScreen(CogtuiScreen):
    """A pool's users: stream, filter on the server, open one with Enter."""

    CSS_PATH = "../styles/users.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="users.back"),
        Binding("slash", "focus_filter", "Filter", id="users.filter"),
        Binding("f", "filter_helper", "Filter helper", id="users.filter_helper"),
        Binding("x", "clear_filter", "Clear filter", id="users.clear_filter"),
        Binding("s", "stop", "Stop loading", id="users.stop"),
        Binding("r", "reload", "Reload", id="users.reload"),
        Binding("e", "export", "Export…", id="users.export"),
    ]

    def __init__(self, pool_id: str, pool_name: str, filter_expression: str | None = None) -> None:
        super().__init__()
        self.pool_id = pool_id
        self.pool_name = pool_name
        self.active_filter = filter_expression or None
        self.users: dict[RowKey, User] = {}
        self.loaded = 0
        self.streaming = False
        self.first_page_at: float | None = None
        self.finished_at: float | None = None
        self._generation = 0
        self._stop_requested = False
        self._restore_username: str | None = None
        self._palette: Palette | None = None
        self._glyph_cells: dict[tuple[str, object], Cell] = {}
        self._resume: tuple[str | None, str | None] | None = None  # (filter, token) of a throttled stop

    # -- layout -----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        settings = self.app.settings  # type: ignore[attr-defined]
        yield ConnectionBar(sandbox=settings.sandbox, read_only=settings.read_only)
        yield Static(self._title(), classes="screen-title", id="users-title", markup=False)
        yield Input(
            self.active_filter or "",
            placeholder='Cognito filter, e.g. email ^= "ali" or cognito:user_status = "UNCONFIRMED"  (Enter applies)',
            id="users-filter",
        )
        yield VirtualTable(COLUMNS, id="users-table")
        yield StatusLine(id="users-status")
        yield Footer()

    def on_mount(self) -> None:
        self._palette = palette_from(self.app.get_css_variables())
        self.table.focus()
        retries = getattr(self.app.gateway, "retries", None)  # type: ignore[attr-defined]
        if retries is not None:
            self.status.follow_retries(retries, "ListUsers")
        self.load_users(self.active_filter)

    def _title(self) -> str:
        where = f"Users · {self.pool_name} ({self.pool_id})"
        parsed = parse_filter(self.active_filter or "")
        return f"{where} · where {parsed.describe()}" if parsed else where

    @property
    def table(self) -> VirtualTable:
        return self.query_one("#users-table", VirtualTable)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#users-status", StatusLine)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#users-filter", Input)

    # -- streaming --------------------------------------------------------------------------------

    @work(exclusive=True, group="users.load", exit_on_error=False)
    async def load_users(self, filter_expression: str | None, resume_from: str | None = None) -> None:
        """List the users; ``resume_from`` (a throttled listing's token) appends the rest of that listing."""
        gateway = self.app.gateway  # type: ignore[attr-defined]
        self._generation += 1
        generation = self._generation
        self._stop_requested = False
        self.streaming = True
        self.first_page_at = self.finished_at = None
        started = time.perf_counter()
        self.refresh_bindings()
        self.status.busy("Loading users…")
        first, resuming, self._resume = resume_from is None, resume_from is not None, None
        last_count = 0.0
        pages = gateway.iter_users(
            self.pool_id, filter_expression, page_size=PAGE_SIZE, starting_token=resume_from
        )
        try:
            async with aclosing(pages):
                async for page in pages:
                    if first:  # the old rows stay until the new listing has something to show
                        first = False
                        self._replace_listing(filter_expression)
                        self.first_page_at = time.perf_counter() - started
                    self._append(page)  # costs the page, whatever the table holds already
                    now = time.perf_counter()
                    if now - last_count >= COUNT_INTERVAL:
                        last_count = now
                        self.status.busy(f"{self.loaded:,} users loaded…  (s: stop)")
            if first:
                self._replace_listing(filter_expression)
        except asyncio.CancelledError:
            if generation == self._generation and self._stop_requested:
                self.status.info(f"! Stopped after {self.loaded:,} users.  r reloads.")
            raise
        except CogtuiError as err:
            if generation == self._generation and isinstance(err, ThrottledError) and (resuming or not first):
                self._resume = (filter_expression, err.resume_token)  # the rows loaded stay
                self.status.info(f"! Stopped after {self.loaded:,} users: throttled — r resumes.")
            elif generation == self._generation:
                self.status.error(err)
                self.app.notify(err.message, title=err.title, severity="error", markup=False)
            return
        finally:
            if generation == self._generation:
                self.streaming = False
                self.refresh_bindings()
        self.finished_at = time.perf_counter() - started
        self.status.ok(self._summary())

    def _summary(self) -> str:
        parsed = parse_filter(self.active_filter or "")
        if self.loaded == 0:
            return f"No users match {parsed.expression}." if parsed else "This pool has no users."
        plural = "s" if self.loaded != 1 else ""
        where = f" matching {parsed.expression}" if parsed else ""
        return f"{self.loaded:,} user{plural}{where}. Enter opens a user."

    def _replace_listing(self, filter_expression: str | None) -> None:
        table = self.table
        if self._restore_username is None and table.row_count:
            selected = self.selected_user()
            self._restore_username = selected.username if selected else None
        table.clear()
        self.users.clear()
        self.loaded = 0
        self.active_filter = filter_expression
        self.query_one("#users-title", Static).update(self._title())

    def _append(self, users: list[User]) -> None:
        if not users:
            return
        table = self.table
        keys = table.add_rows(self._cells(u) for u in users)
        self.users.update(zip(keys, users, strict=True))
        self.loaded += len(users)
        if self._restore_username is not None:
            for key, user in zip(keys, users, strict=True):
                if user.username == self._restore_username:
                    self._restore_username = None
                    if table.cursor_row == 0:
                        table.move_cursor(row=table.get_row_index(key))
                    break

    def _cells(self, user: User) -> tuple[Cell, ...]:
        """The cells of ``user_cells``, made for 10,000 rows: the status and enabled cells (a handful of
        distinct values) are built once and shared, the other values stay plain strings."""
        glyphs = self._glyph_cells
        status = glyphs.get(("status", user.status))
        if status is None:
            status = glyphs[("status", user.status)] = status_text(user.status, self._palette)
        enabled = glyphs.get(("enabled", user.enabled))
        if enabled is None:
            enabled = glyphs[("enabled", user.enabled)] = enabled_text(user.enabled, self._palette)
        return (
            user.username,
            status,
            enabled,
            user.email or "—",
            user.phone or "—",
            format_date(user.created),
        )

    # -- actions ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stop":
            return True if self.streaming else None
        if action == "clear_filter":
            return True if self.active_filter else None
        return True

    def action_stop(self) -> None:
        if self.streaming:
            self._stop_requested = True
            self.workers.cancel_group(self, "users.load")

    def action_reload(self) -> None:
        if self._resume is not None:  # a listing stopped by throttling goes on from where it stopped
            self.load_users(*self._resume)
            return
        self.load_users(self.active_filter)

    def action_export(self) -> None:
        """The listing's users (its server-side filter included) as CSV or JSON Lines."""
        from cogtui.screens.exports import export_users

        export_users(self.app, self.pool_id, self.pool_name, self.active_filter)

    def action_back(self) -> None:
        if self.focused is self.filter_input:
            self.filter_input.value = self.active_filter or ""
            self.table.focus()
            return
        self.dismiss(None)

    def action_focus_filter(self) -> None:
        self.filter_input.focus()

    def action_clear_filter(self) -> None:
        self.filter_input.value = ""
        self.apply_filter("")

    def action_filter_helper(self) -> None:
        initial = None
        try:
            initial = parse_filter(self.filter_input.value)
        except ValueError:
            initial = None
        self.app.push_screen(FilterBuilderScreen(initial), self._filter_built)

    def _filter_built(self, expression: str | None) -> None:
        if expression is None:
            self.status.info("Filter helper cancelled: the filter is unchanged.")
            return
        self.filter_input.value = expression
        self.apply_filter(expression)

    @on(Input.Submitted, "#users-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self.apply_filter(event.value)

    def apply_filter(self, text: str) -> bool:
        """Check ``text`` locally; when Cognito would accept it, list the users it matches."""
        problem = check_filter(text)
        if problem:
            self.status.error(problem)  # the rows already listed stay
            return False
        self.table.focus()
        self.load_users(text.strip() or None)
        return True

    # -- opening a user ---------------------------------------------------------------------------

    def selected_user(self) -> User | None:
        key = self.table.cursor_row_key
        return None if key is None else self.users.get(key)

    @on(VirtualTable.RowSelected, "#users-table")
    def _open_user(self, event: VirtualTable.RowSelected) -> None:
        user = self.users.get(event.row_key)
        if user is None:
            return
        from cogtui.screens.user_detail import UserDetailScreen

        self.app.push_screen(
            UserDetailScreen(self.pool_id, self.pool_name, user.username),
            lambda outcome: self._detail_closed(event.row_key, outcome),
        )

    def _detail_closed(self, row_key: RowKey, outcome: Any) -> None:
        """Reflect what happened on the detail screen in the row; the cursor stays where it was."""
        table = self.table
        if outcome is None or row_key not in self.users:
            table.focus()
            return
        if outcome.deleted:
            table.remove_row(row_key)
            del self.users[row_key]
            self.loaded -= 1
            self.status.ok(f"{outcome.username} was deleted. {self.loaded:,} users listed.")
        elif outcome.user is not None:
            self.users[row_key] = outcome.user
            table.update_row(row_key, self._cells(outcome.user))
        table.focus()
