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
from datetime import datetime
from typing import Any, TypeVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static

from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import Group, NotRecorded, User
from cogtui.describe.pools import unread_text
from cogtui.describe.users import format_date, status_meaning
from cogtui.screens.base import CogtuiScreen
from cogtui.screens.user_admin import ADMIN_BINDINGS, UserAdminActions
from cogtui.text_safety import safe_text
from cogtui.widgets.connection_bar import ConnectionBar
from cogtui.widgets.field_list import Field, FieldList, Row
from cogtui.widgets.status_line import StatusLine

T = TypeVar("T")
# An optional read: the items, why they could not be read, that the pool keeps none, or None when the
# endpoint does not implement the operation.
Extra = list[dict[str, Any]] | CogtuiError | NotRecorded | None

NO_DEVICES = "This endpoint does not report devices."
NO_EVENTS = "This endpoint does not report sign-in events."


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


def _when(value: Any) -> str:
    return format_date(value, seconds=True) if isinstance(value, datetime) else "—"


def summary_rows(user: User, groups: tuple[Group, ...], groups_error: CogtuiError | None = None) -> list[Row]:
    rows: list[Row] = [
        "User",
        Field("Username", user.username),
        Field("Sub", user.sub),
        Field("Status", user.status, note=status_meaning(user.status)),
        Field(
            "Enabled",
            "✔ enabled" if user.enabled else "✘ disabled",
            copyable=False,
            note="" if user.enabled else "cannot sign in",
        ),
        Field("Created", format_date(user.created, seconds=True)),
        Field("Last modified", format_date(user.modified, seconds=True)),
        "MFA",
        Field("MFA methods", ", ".join(user.mfa_settings) or "none", copyable=bool(user.mfa_settings)),
        Field("Preferred MFA", user.preferred_mfa or "none", copyable=bool(user.preferred_mfa)),
        "Groups",
    ]
    if groups_error is not None:
        rows.append(_unread("Groups", groups_error))
    if groups:
        for g in sorted(
            groups, key=lambda g: (g.precedence if g.precedence is not None else 1 << 30, g.name)
        ):
            precedence = f"precedence {g.precedence}" if g.precedence is not None else "no precedence"
            if groups_error is not None:
                precedence += " · as read before"
            rows.append(Field(g.name, g.role_arn or "no role", note=precedence, copyable=bool(g.role_arn)))
    elif groups_error is None:
        rows.append(Field("Groups", "in no group", copyable=False))
    rows.append("Attributes")
    standard = sorted(k for k in user.attributes if ":" not in k)
    custom = sorted(k for k in user.attributes if ":" in k)
    rows.extend(Field(name, user.attributes[name]) for name in standard + custom)
    return rows


def _unread(label: str, err: CogtuiError) -> Field:
    return Field(label, f"✘ could not be read: {err.code}", note=unread_text(err), copyable=False)


def _not_recorded(label: str, off: NotRecorded) -> Field:
    return Field(label, f"– not recorded: {off.reason}", note=off.code, copyable=False)


def device_rows(devices: Extra, loaded: bool = True) -> list[Row]:
    rows: list[Row] = ["Devices"]
    if not loaded:
        return [*rows, Field("Remembered devices", "loading…", copyable=False)]
    if isinstance(devices, CogtuiError):
        return [*rows, _unread("Remembered devices", devices)]
    if isinstance(devices, NotRecorded):
        return [*rows, _not_recorded("Remembered devices", devices)]
    if devices is None:
        return [*rows, Field("Remembered devices", NO_DEVICES, copyable=False)]
    if not devices:
        return [*rows, Field("Remembered devices", "none", copyable=False)]
    for d in devices:
        attrs = {a.get("Name"): a.get("Value", "") for a in d.get("DeviceAttributes") or []}
        name = attrs.get("device_name") or "device"
        note = f"last sign-in {_when(d.get('DeviceLastAuthenticatedDate'))}"
        rows.append(Field(name, d.get("DeviceKey", ""), note=note))
    return rows


def event_rows(events: Extra, loaded: bool = True) -> list[Row]:
    rows: list[Row] = ["Recent sign-in events"]
    if not loaded:
        return [*rows, Field("Sign-in events", "loading…", copyable=False)]
    if isinstance(events, CogtuiError):
        return [*rows, _unread("Sign-in events", events)]
    if isinstance(events, NotRecorded):
        return [*rows, _not_recorded("Sign-in events", events)]
    if events is None:
        return [*rows, Field("Sign-in events", NO_EVENTS, copyable=False)]
    if not events:
        return [*rows, Field("Sign-in events", "none recorded", copyable=False)]
    for e in events:
        result = e.get("EventResponse") or "?"
        glyph = "✔" if result == "Pass" else "✘" if result == "Fail" else "–"
        context = e.get("EventContextData") or {}
        risk = (e.get("EventRisk") or {}).get("RiskLevel")
        parts = [f"{glyph} {e.get('EventType', 'event')} {result}"]
        parts += [
            p
            for p in (f"risk {risk}" if risk else "", context.get("IpAddress"), context.get("DeviceName"))
            if p
        ]
        rows.append(Field(_when(e.get("CreationDate")), " · ".join(parts), copyable=False))
    return rows


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
        yield Footer()

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
        found = () if error is not None else tuple(groups)
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
