"""The users of one pool: the first page at once, the rest streamed in, filtered by Cognito itself.

Rows go into a ``VirtualTable``, which draws only the rows on screen and appends a page at the cost
of that page, so each page is shown as soon as it arrives, even at 10,000 users; the next page is
fetched while the previous one is being drawn. ``s`` stops the stream. The filter box (``\\``) takes
Cognito's own syntax (``email ^= "ali"``), checked locally first so a mistake is explained
instead of sent; ``f`` opens a helper that builds the expression. Rows are kept compact
(``UserRows``, built on the fetching thread), so a million fit; ``/`` searches the loaded rows and
``<``, ``>`` or a header click sort them (``users_view``), neither of which asks Cognito anything.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import aclosing
from typing import Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Static

from cogtui.aws.errors import CogtuiError, ThrottledError
from cogtui.aws.user_filter import check_filter, parse_filter
from cogtui.aws.user_rows import RowsPage, UserRows, rows_from_user
from cogtui.screens.base import CogtuiScreen
from cogtui.screens.dialogs.filter_builder import FilterBuilderScreen
from cogtui.screens.user_format import Palette, palette_from
from cogtui.screens.users_view import UsersOrder
from cogtui.widgets.connection_bar import ConnectionBar
from cogtui.widgets.key_bar import KeyBar
from cogtui.widgets.status_line import StatusLine
from cogtui.widgets.virtual_table import Column, VirtualTable

PAGE_SIZE = 60  # ListUsers' maximum
VIEW_TICK_S = 0.1  # how often a sorted or searched order looks for new rows (it waits longer when busy)
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
        Binding("slash", "search", "Search", id="users.search"),
        Binding("backslash", "focus_filter", "Filter", id="users.filter"),
        Binding("greater_than_sign", "sort_next", "Sort", id="users.sort_next"),
        Binding("less_than_sign", "sort_reverse", "Reverse sort", show=False, id="users.sort_reverse"),
        Binding("f", "filter_helper", "Filter helper", id="users.filter_helper"),
        Binding("x", "clear_filter", "Clear filter", id="users.clear_filter"),
        Binding("s", "stop", "Stop loading", id="users.stop"),
        Binding("r", "resume", "Resume", id="users.resume"),  # shown instead of Reload after a throttled stop
        Binding("r", "reload", "Reload", id="users.reload"),
        Binding("e", "export", "Export…", id="users.export"),
        Binding("n", "create_user", "New user", id="users.create_user"),
    ]

    def __init__(self, pool_id: str, pool_name: str, filter_expression: str | None = None) -> None:
        super().__init__()
        self.pool_id = pool_id
        self.pool_name = pool_name
        self.active_filter = filter_expression or None
        self.rows = UserRows()
        self.view = UsersOrder(self.rows)
        self.loaded = 0
        self.streaming = False
        self.first_page_at: float | None = None
        self.finished_at: float | None = None
        self._generation = 0
        self._stop_requested = False
        self._restore_username: str | None = None
        self._palette: Palette | None = None
        self._resume: tuple[str | None, str | None] | None = None  # (filter, token) of a throttled stop

    # -- layout -----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        settings = self.app.settings
        yield ConnectionBar(sandbox=settings.sandbox, read_only=settings.read_only)
        yield Static(self._title(), classes="screen-title", id="users-title", markup=False)
        yield Input(
            self.active_filter or "",
            placeholder='Cognito filter, e.g. email ^= "ali" or cognito:user_status = "UNCONFIRMED"  (Enter applies)',
            id="users-filter",
        )
        with Horizontal(id="users-search-bar"):
            yield Input(placeholder="Search the loaded rows (any column)", id="users-search")
            yield Static("", id="users-search-count", markup=False)
        yield VirtualTable(COLUMNS, id="users-table")
        yield StatusLine(id="users-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self._palette = self.view.palette = palette_from(self.app.get_css_variables())
        self.table.set_source(self.view.source())
        self.table.focus()
        self.set_interval(VIEW_TICK_S, self._view_tick)
        retries = getattr(self.app.gateway, "retries", None)
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
        gateway = self.app.gateway
        self._generation += 1
        generation = self._generation
        self._stop_requested = False
        self.streaming = True
        self.first_page_at = self.finished_at = None
        started = time.perf_counter()
        first, resuming, self._resume = resume_from is None, resume_from is not None, None
        self.refresh_bindings()
        self.status.busy("Loading users…")
        last_count = 0.0
        pages = gateway.iter_user_rows(
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
            self._restore_username = self.selected_username()
        self.rows = UserRows()
        self.view.reset(self.rows)
        table.set_source(self.view.source(), keep_cursor=False)
        self.loaded = 0
        self.active_filter = filter_expression
        self.query_one("#users-title", Static).update(self._title())
        self._show_matches()

    def _append(self, page: RowsPage) -> None:
        if not len(page):
            return
        added = self.rows.extend(page)  # costs the page, whatever the store holds already
        self.loaded += len(page)
        if not self.view.active:
            self.table.rows_appended(added.start, len(added))
        if self._restore_username is not None and self._restore_username in page.usernames:
            row = added.start + page.usernames.index(self._restore_username)
            self._restore_username = None
            if self.table.cursor_row == 0 and not self.view.active:
                self.table.move_cursor(row=row)

    # -- sort and local search --------------------------------------------------------------------

    def _view_tick(self) -> None:
        """While rows stream in, put the new ones into a sorted or searched order (coalesced)."""
        if not self.view.due():
            return
        appended_at = self.view.extend()
        if appended_at is not None:
            self.table.rows_appended(appended_at, self.view.shown - appended_at)
        else:
            self.table.set_source(self.view.source())
        self._show_matches()

    def _apply_view(self) -> None:
        self.table.set_source(self.view.source())
        sort = self.view.sort
        self.table.show_sort(*(sort if sort else (None, False)))
        self._show_matches()

    def _show_matches(self) -> None:
        count = self.query_one("#users-search-count", Static)
        if self.view.query:
            count.update(f"{self.view.shown:,} of {len(self.rows):,} match")
        else:
            count.update(f"{len(self.rows):,} rows" if self.search_bar.display else "")

    @property
    def search_bar(self) -> Horizontal:
        return self.query_one("#users-search-bar", Horizontal)

    @property
    def search_input(self) -> Input:
        return self.query_one("#users-search", Input)

    def sort_by(self, column: int | None, descending: bool = False) -> None:
        """Sort the loaded rows by ``column`` (0: username ... 5: created); None: listing order."""
        self.view.sort_by(column, descending)
        self._apply_view()

    def action_sort_next(self) -> None:
        sort = self.view.sort
        column = 0 if sort is None else sort[0] + 1
        self.sort_by(column if column < len(COLUMNS) else None)

    def action_sort_reverse(self) -> None:
        sort = self.view.sort
        self.sort_by(0 if sort is None else sort[0], descending=sort is None or not sort[1])

    @on(VirtualTable.HeaderSelected, "#users-table")
    def _header_selected(self, event: VirtualTable.HeaderSelected) -> None:
        sort = self.view.sort
        same = sort is not None and sort[0] == event.column
        self.sort_by(event.column, descending=same and not sort[1] if sort else False)

    def action_search(self) -> None:
        self.search_bar.display = True
        self.search_input.focus()
        self._show_matches()

    @on(Input.Changed, "#users-search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    def search(self, text: str) -> None:
        """Show the loaded rows with ``text`` in any column (ignoring case); "" shows them all."""
        self.view.search(text)
        self._apply_view()

    @on(Input.Submitted, "#users-search")
    def _search_submitted(self) -> None:
        self.table.focus()

    def clear_search(self) -> None:
        self.search_input.value = ""
        self.search("")
        self.search_bar.display = False
        self.table.focus()

    # -- actions ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stop":
            return True if self.streaming else None
        if action == "clear_filter":
            return True if self.active_filter else None
        if action == "create_user":
            return None if self.app.settings.read_only else True
        if action in ("resume", "reload"):  # one r key: Resume after a throttled stop, Reload otherwise
            return (self._resume is not None) == (action == "resume")
        return True

    def on_key(self, event: events.Key) -> None:
        """The greyed New-user key says why it does nothing (--read-only)."""
        from cogtui.screens.user_edit_flows import explain_greyed_create

        explain_greyed_create(self, event)

    def action_create_user(self) -> None:
        """A new user of this pool (AdminCreateUser), after a form and a confirmation."""
        from cogtui.screens.user_edit_flows import start_create_user

        start_create_user(self, self.pool_id, self.pool_name)

    def action_stop(self) -> None:
        if self.streaming:
            self._stop_requested = True
            self.workers.cancel_group(self, "users.load")

    def action_resume(self) -> None:
        """A listing stopped by throttling goes on from where it stopped."""
        if self._resume is not None:
            self.load_users(*self._resume)

    def action_reload(self) -> None:
        if self._resume is not None:
            self.action_resume()
            return
        self.load_users(self.active_filter)

    def action_export(self) -> None:
        """The listing's users (its server-side filter included) as CSV or JSON Lines."""
        from cogtui.screens.exports import export_users

        export_users(self.app, self.pool_id, self.pool_name, self.active_filter)

    def action_back(self) -> None:
        if self.focused is self.search_input:
            self.clear_search()
            return
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

    def selected_username(self) -> str | None:
        key = self.table.cursor_row_key
        return self.rows.usernames[key] if isinstance(key, int) and key < len(self.rows) else None

    @on(VirtualTable.RowSelected, "#users-table")
    def _open_user(self, event: VirtualTable.RowSelected) -> None:
        """The detail screen fetches the whole user (AdminGetUser): the table keeps only its columns."""
        row = event.row_key
        if not isinstance(row, int) or row >= len(self.rows):
            return
        from cogtui.screens.user_detail import UserDetailScreen

        username, rows = self.rows.usernames[row], self.rows
        self.app.push_screen(
            UserDetailScreen(self.pool_id, self.pool_name, username),
            lambda outcome: self._detail_closed(rows, username, outcome),
        )

    def _detail_closed(self, rows: UserRows, username: str, outcome: Any) -> None:
        """Reflect what happened on the detail screen in the row; the cursor stays where it was."""
        table = self.table
        row = rows.find(username) if rows is self.rows else None
        if outcome is None or row is None:
            table.focus()
            return
        if outcome.deleted:
            position = table.cursor_row
            rows.delete(row)
            self.loaded -= 1
            self.view.sort_by(*(self.view.sort or (None, False)))  # row indices moved up: order again
            table.set_source(self.view.source(), keep_cursor=False)
            table.move_cursor(row=position)
            self._show_matches()
            self.status.ok(f"{outcome.username} was deleted. {self.loaded:,} users listed.")
        elif outcome.user is not None:
            rows.replace(row, rows_from_user(outcome.user))
            table.row_changed(table.get_row_index(row))
        table.focus()
