"""One user of a pool: status, attributes, MFA, groups, devices and recent sign-in events.

Devices and auth events come from calls some endpoints do not implement; the screen says so plainly
instead of showing an empty list, and says why when they failed for another reason (access denied). The admin actions (confirm, enable/disable, passwords, groups,
sign-out, delete) live in :mod:`cogtui.screens.user_admin`; after each one the user is fetched again
and what changed is shown at the top.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass, replace
from typing import TypeVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import Group, User
from cogtui.describe.pools import unread_text
from cogtui.describe.users import Extra, device_rows, event_rows, summary_rows
from cogtui.screens.base import CogtuiScreen
from cogtui.screens.user_admin import ADMIN_BINDINGS, UserAdminActions
from cogtui.text_safety import safe_text
from cogtui.widgets.connection_bar import ConnectionBar
from cogtui.widgets.field_list import FieldList
from cogtui.widgets.key_bar import KeyBar
from cogtui.widgets.status_line import StatusLine

T = TypeVar("T")

__all__ = ["DetailOutcome", "UserDetailScreen", "UserSnapshot"]


async def _or_error(call: Awaitable[T]) -> T | CogtuiError:
    try:
        return await call
    except CogtuiError as err:
        return err


@dataclass(frozen=True)
class DetailOutcome:
    """What the users table needs to know when the detail screen closes."""

    username: str
    user: User | None
    deleted: bool = False


@dataclass(frozen=True)
class UserSnapshot:
    """Everything the screen shows, fetched together."""

    user: User
    groups: tuple[Group, ...]
    devices: Extra  # None: the endpoint does not report them
    events: Extra
    extras_loaded: bool = False
    groups_error: CogtuiError | None = None  # the groups could not be read: membership is unknown

    @property
    def group_names(self) -> tuple[str, ...]:
        return tuple(g.name for g in self.groups)


class UserDetailScreen(UserAdminActions, CogtuiScreen):
    """Everything about one user; the admin keys act on this user after a confirmation."""

    CSS_PATH = "../styles/user_detail.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="user.back"),
        Binding("r", "refresh", "Refresh", id="user.refresh"),
        Binding("w", "why", "Why can't sign in?", id="user.why"),
        Binding("j", "raw_json", "Raw JSON", id="user.raw_json"),
        *ADMIN_BINDINGS,
    ]

    def __init__(self, pool_id: str, pool_name: str, username: str) -> None:
        super().__init__()
        self.pool_id = pool_id
        self.pool_name = pool_name
        self.username = username
        self.snapshot: UserSnapshot | None = None
        self.deleted = False

    @property
    def user(self) -> User | None:
        return self.snapshot.user if self.snapshot else None

    def compose(self) -> ComposeResult:
        settings = self.app.settings
        yield ConnectionBar(sandbox=settings.sandbox, read_only=settings.read_only)
        yield Static(
            Text(safe_text(f"User {self.username} · pool {self.pool_name} ({self.pool_id})")),
            classes="screen-title",
        )
        yield Static("", id="user-last-change", classes="-hidden")
        yield FieldList(id="user-fields", empty="Loading…")
        yield StatusLine(id="user-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(FieldList).focus()
        self.load_user()

    @property
    def status(self) -> StatusLine:
        return self.query_one("#user-status", StatusLine)

    # -- loading ----------------------------------------------------------------------------------

    async def fetch(self) -> UserSnapshot:
        """The user and its groups, fetched concurrently. Devices and events already shown are kept
        (admin actions do not change them). Groups that cannot be read leave the user on screen, with
        the reason in place of the groups; a user that cannot be read raises."""
        gateway = self.app.gateway
        user, groups = await asyncio.gather(
            gateway.get_user(self.pool_id, self.username),
            _or_error(gateway.groups_for_user(self.pool_id, self.username)),
        )
        error = groups if isinstance(groups, CogtuiError) else None
        found = () if isinstance(groups, CogtuiError) else tuple(groups)
        if error is not None and self.snapshot is not None:
            found = self.snapshot.groups  # what was read before stays, marked as not re-read
        if self.snapshot is not None:
            return replace(self.snapshot, user=user, groups=found, groups_error=error)
        return UserSnapshot(user, found, None, None, groups_error=error)

    @work(exclusive=True, group="user.load", exit_on_error=False)
    async def load_user(self) -> None:
        """The user first; devices and events (slower, maybe unsupported) when they come."""
        gateway = self.app.gateway
        self.status.busy(f"Loading {self.username}…")
        try:
            self.show(await self.fetch())
        except CogtuiError as err:
            if self.snapshot is None:  # nothing to show: say so where the user would be
                fields = self.query_one(FieldList)
                fields.empty = safe_text(f"✘ {self.username} could not be read: {unread_text(err)}")
                fields.set_fields([])
            self.status.error(err)
            self.app.notify(err.message, title=err.title, severity="error", markup=False)
            return
        devices, events = await asyncio.gather(  # each shows its own failure; the user stays on screen
            _or_error(gateway.user_devices(self.pool_id, self.username)),
            _or_error(gateway.user_auth_events(self.pool_id, self.username)),
        )
        if self.snapshot is not None:
            self.show(replace(self.snapshot, devices=devices, events=events, extras_loaded=True))
            unread = [
                (what, x)
                for what, x in (
                    ("groups", self.snapshot.groups_error),
                    ("devices", devices),
                    ("sign-in events", events),
                )
                if isinstance(x, CogtuiError)
            ]
            if unread:
                names = ", ".join(what for what, _ in unread)
                self.status.error(
                    f"{self.username} shown; incomplete: the {names} could not be read "
                    f"({unread_text(unread[0][1])}).  (r: retry)"
                )
                return
            user = self.snapshot.user
            self.status.ok(f"{self.username}: {user.status}, {'enabled' if user.enabled else 'disabled'}.")

    def show(self, snapshot: UserSnapshot) -> None:
        self.snapshot = snapshot
        loaded = snapshot.extras_loaded
        rows = [
            *summary_rows(snapshot.user, snapshot.groups, snapshot.groups_error),
            *device_rows(snapshot.devices, loaded),
            *event_rows(snapshot.events, loaded),
        ]
        self.query_one(FieldList).set_fields(rows)
        self.refresh_bindings()

    def show_change(self, text: str) -> None:
        banner = self.query_one("#user-last-change", Static)
        banner.update(Text(safe_text(text)))
        banner.remove_class("-hidden")

    # -- navigation -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "refresh" and self.deleted:
            return None
        return super().check_action(action, parameters)

    def action_refresh(self) -> None:
        self.load_user()

    def action_raw_json(self) -> None:
        from cogtui.exports import raw
        from cogtui.screens.dialogs.raw_json import RawJsonScreen

        self.app.push_screen(RawJsonScreen(raw.user(self.pool_id, self.username)))

    def action_why(self) -> None:
        """The sign-in doctor for this user."""
        from cogtui.screens.signin_doctor import SignInDoctorScreen

        self.app.push_screen(SignInDoctorScreen(self.pool_id, self.username, pool_name=self.pool_name))

    def action_back(self) -> None:
        self.dismiss(DetailOutcome(self.username, self.user, deleted=self.deleted))
