"""How the fault suite drives each screen's main operation: open it (loaded through the proxy), run the
operation again (its retry key), tell when it has finished, whether it failed, what it says, and what
it had already loaded.

Only public behaviour is read: what the screens expose (``loaded``, ``streaming``, ``finished_at``,
``result``, ``reports``...), the status line's text and classes, the app state and the worker manager.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.faults.helpers import (
    SIZE,
    busy,
    owned_busy,
    poke,
    sign_in_through,
    status_failed,
    status_text,
    unexpected_errors,
    wait_for,
)

__all__ = [
    "IDENTITY",
    "IDP_OPS",
    "SIGNIN",
    "SIZE",
    "TOKENS",
    "Driver",
    "busy",
    "poke",
    "sign_in_through",
    "status_failed",
    "status_text",
    "unexpected_errors",
    "wait_for",
]


@dataclass
class Driver:
    """One screen's main operation. Subclasses fill in the hooks."""

    name: str
    retry_key: str = "r"
    # the retry key as the message names it; None: the footer offers the key instead
    retry_hint: str | None = "r: retry"
    # operations of the main operation; drop_after lets ``restart_after`` of them through first
    restart_ops: frozenset[str] | None = None
    restart_after: int = 0
    # the IAM action named by an access-denied message (a regex)
    denied_action: str = ""
    # whether credential and IAM faults (which spare unsigned calls) make the operation fail
    signed: bool = True
    # the operations frozen, slowed or failed (None: every request); refused always hits everything
    fault_ops: frozenset[str] | None = None

    def __str__(self) -> str:  # pytest ids
        return self.name

    async def push(self, app: Any, info: Any) -> Any:
        """Show the screen (its load starts); returns it without waiting."""
        raise NotImplementedError

    async def open(self, app: Any, pilot: Any, info: Any) -> Any:
        """Show the screen and wait until its main operation has loaded (through the proxy)."""
        raise NotImplementedError

    async def start(self, pilot: Any, screen: Any) -> Any:
        """Run the operation again; returns a marker ``done`` compares with."""
        marker = self.marker(screen)
        await pilot.press(self.retry_key)
        return marker

    def marker(self, screen: Any) -> Any:
        return None

    def done(self, app: Any, screen: Any, marker: Any) -> bool:
        raise NotImplementedError

    def failed(self, screen: Any) -> bool:
        return status_failed(screen)

    def message(self, screen: Any) -> str:
        return status_text(screen)

    def kept(self, screen: Any) -> Any:
        raise NotImplementedError

    def retry_offered(self, app: Any, screen: Any) -> bool:
        """The message names the retry key, or the footer shows it, enabled."""
        if self.retry_hint is not None:
            return self.retry_hint in self.message(screen)
        active = screen.active_bindings.get(self.retry_key)
        return active is not None and active.enabled and active.binding.show


def with_hint(text: str, error: Any) -> str:
    """The text shown, then the error's own hint (attempts made, command to run) after a marker: the
    sign-in and identity timelines show the catalogue's explanation rather than this hint."""
    hint = getattr(error, "hint", "") if error is not None else ""
    return f"{text} | hint: {hint}" if hint else text


class PoolsDriver(Driver):
    async def push(self, app: Any, info: Any) -> Any:
        return app.screen

    async def open(self, app: Any, pilot: Any, info: Any) -> Any:
        screen = await self.push(app, info)
        await wait_for(pilot, lambda: screen.loaded and not busy(app, "pools.load"), "the pools")
        return screen

    def done(self, app: Any, screen: Any, marker: Any) -> bool:
        return not busy(app, "pools.load")

    def kept(self, screen: Any) -> Any:
        table = screen.query_one("#pools-table")
        return sorted(str(table.get_row_at(i)[1]) for i in range(table.row_count))


class PoolDetailDriver(Driver):
    async def push(self, app: Any, info: Any) -> Any:
        from cogtui.screens.pool_detail import PoolDetailScreen

        pool = info.pool("demo-app")
        screen = PoolDetailScreen(pool.id, pool.name)
        await app.push_screen(screen)
        return screen

    async def open(self, app: Any, pilot: Any, info: Any) -> Any:
        screen = await self.push(app, info)
        await wait_for(
            pilot,
            lambda: screen.clients is not None and not busy(app, "pool.load"),
            "the pool and its clients",
        )
        return screen

    def done(self, app: Any, screen: Any, marker: Any) -> bool:
        return not busy(app, "pool.load")

    def kept(self, screen: Any) -> Any:
        table = screen.query_one("#clients-table")
        clients = sorted(
            str(table.coordinate_to_cell_key((i, 0)).row_key.value) for i in range(table.row_count)
        )
        return screen.pool.id, screen.pool.name, clients


class UsersDriver(Driver):
    async def push(self, app: Any, info: Any) -> Any:
        from cogtui.screens.users import UsersScreen

        pool = info.pool("demo-large")
        screen = UsersScreen(pool.id, pool.name)
        await app.push_screen(screen)
        return screen

    async def open(self, app: Any, pilot: Any, info: Any) -> Any:
        screen = await self.push(app, info)
        await wait_for(pilot, lambda: screen.finished_at is not None, "the users")
        return screen

    def marker(self, screen: Any) -> Any:
        return screen.finished_at

    def done(self, app: Any, screen: Any, marker: Any) -> bool:
        finished = screen.finished_at is not None and screen.finished_at != marker
        return not screen.streaming and (finished or self.failed(screen)) and not owned_busy(app, screen)

    def kept(self, screen: Any) -> Any:
        return screen.loaded


class UserDetailDriver(Driver):
    async def push(self, app: Any, info: Any) -> Any:
        from cogtui.screens.user_detail import UserDetailScreen

        pool = info.pool("demo-app")
        screen = UserDetailScreen(pool.id, pool.name, "alice")
        await app.push_screen(screen)
        return screen

    async def open(self, app: Any, pilot: Any, info: Any) -> Any:
        screen = await self.push(app, info)
        await wait_for(
            pilot,
            lambda: (
                screen.snapshot is not None and screen.snapshot.extras_loaded and not busy(app, "user.load")
            ),
            "the user",
        )
        return screen

    def done(self, app: Any, screen: Any, marker: Any) -> bool:
        return not busy(app, "user.load")

    def kept(self, screen: Any) -> Any:
        user = screen.snapshot.user
        return user.username, sorted(user.attributes.items()), screen.snapshot.group_names


class TokensDriver(Driver):
    async def open(self, app: Any, pilot: Any, info: Any) -> Any:
        from cogtui.screens.tokens import TokensScreen

        tokens = await sign_in_through(app, info)
        await pilot.press("3")
        await wait_for(pilot, lambda: isinstance(app.screen, TokensScreen), "the token inspector")
        screen = app.screen
        app.update_state(tokens=tokens)  # as a sign-in does; the keys then act on the results
        await wait_for(pilot, lambda: self.done(app, screen, 0), "the first verification")
        assert screen.reports["id"].valid, "the token did not verify before any fault"
        return screen

    def marker(self, screen: Any) -> Any:
        return screen.verifications

    def done(self, app: Any, screen: Any, marker: Any) -> bool:
        return screen.verifications > marker and screen.settled and not busy(app, "tokens.verify")

    def failed(self, screen: Any) -> bool:
        report = screen.reports["id"]
        return report is not None and not report.valid and status_failed(screen)

    def kept(self, screen: Any) -> Any:
        report = screen.reports["id"]
        claims = report.token.payload
        return claims["sub"], claims["token_use"], screen.query_one("#id-claims").row_count


class IdentityDriver(Driver):
    async def open(self, app: Any, pilot: Any, info: Any) -> Any:
        from cogtui.screens.identity import IdentityScreen

        tokens = await sign_in_through(app, info, client="web-spa")
        app.update_state(tokens=tokens)
        await pilot.press("4")
        await wait_for(pilot, lambda: isinstance(app.screen, IdentityScreen), "the identity screen")
        screen = app.screen
        await wait_for(
            pilot, lambda: screen.pool is not None and screen.facts is not None, "the identity pool"
        )
        marker = await self.start(pilot, screen)
        await wait_for(pilot, lambda: self.done(app, screen, marker), "the first exchange")
        assert screen.result.ok, "the exchange failed before any fault"
        return screen

    def marker(self, screen: Any) -> Any:
        return screen.result

    def done(self, app: Any, screen: Any, marker: Any) -> bool:
        return screen.result is not marker and not screen.exchanging and not busy(app, "identity.exchange")

    def failed(self, screen: Any) -> bool:
        return screen.result is not None and screen.result.credentials is None and status_failed(screen)

    def message(self, screen: Any) -> str:
        step = screen.result.failed_step if screen.result is not None else None
        error = step.error if step is not None else None
        detail = f" | step {step.operation}: {error.message}" if error is not None else ""
        return with_hint(status_text(screen) + detail, error)

    def kept(self, screen: Any) -> Any:
        return screen.pool.id, screen.facts.iss if screen.facts else None


class SignInDriver(Driver):
    async def open(self, app: Any, pilot: Any, info: Any) -> Any:
        from cogtui.screens.signin import SignInScreen

        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, SignInScreen), "the sign-in screen")
        screen = app.screen
        pool = info.pool("demo-app")
        screen.form.set_pool(pool.id)
        await wait_for(
            pilot, lambda: pool.client("legacy-password").id in screen.form._client_names, "the clients"
        )
        screen.form.set_client(pool.client("legacy-password").id)
        await wait_for(pilot, lambda: screen.client is not None, "the client's settings")
        screen.form.set_flow("password")
        screen.form.set_login("alice", info.user("alice").password)
        await pilot.pause()
        marker = await self.start(pilot, screen)
        await wait_for(pilot, lambda: self.done(app, screen, marker), "the first sign-in")
        assert screen.outcome.state == "ok", f"the sign-in failed before any fault: {screen.outcome.plain}"
        return screen

    async def start(self, pilot: Any, screen: Any) -> Any:
        marker = self.marker(screen)
        screen.timeline.step_list.focus()
        await pilot.press("s")
        return marker

    def marker(self, screen: Any) -> Any:
        return screen.session

    def done(self, app: Any, screen: Any, marker: Any) -> bool:
        return (
            not screen.running
            and not busy(app, "signin.run")
            and screen.outcome.state != "busy"
            and (screen.session is not marker or self.failed(screen))
        )

    def failed(self, screen: Any) -> bool:
        return screen.outcome.state == "failed" or status_failed(screen)

    def message(self, screen: Any) -> str:
        steps = screen.session.steps if screen.session is not None else ()
        error = steps[-1].error if steps else None
        return with_hint(f"{status_text(screen)} | {screen.outcome.plain}", error)

    def kept(self, screen: Any) -> Any:
        form = screen.form
        return form.pool_id, form.client_id, form.username


IDP_OPS = {
    "pools": PoolsDriver(
        "pools",
        restart_ops=frozenset({"ListUserPools"}),
        denied_action=r"cognito-idp:ListUserPools",
    ),
    "pool-detail": PoolDetailDriver(
        "pool-detail",
        restart_ops=frozenset({"ListUserPoolClients", "DescribeUserPoolClient"}),
        restart_after=1,
        denied_action=r"cognito-idp:(DescribeUserPool|GetUserPoolMfaConfig)\b",
    ),
    "users": UsersDriver(
        "users",
        restart_ops=frozenset({"ListUsers"}),
        restart_after=3,
        denied_action=r"cognito-idp:ListUsers",
    ),
    "user-detail": UserDetailDriver(
        "user-detail",
        restart_ops=frozenset({"AdminGetUser", "AdminListGroupsForUser"}),
        restart_after=1,
        denied_action=r"cognito-idp:Admin(GetUser|ListGroupsForUser)",
    ),
}
TOKENS = TokensDriver("tokens", restart_ops=frozenset({"GetJwks"}), signed=False)
IDENTITY = IdentityDriver(
    "identity",
    retry_key="x",
    retry_hint=None,
    restart_ops=frozenset({"GetId", "GetCredentialsForIdentity"}),
    restart_after=1,
    signed=False,
)
SIGNIN = SignInDriver(
    "signin",
    retry_key="s",
    retry_hint=None,
    restart_ops=frozenset({"InitiateAuth"}),
    signed=False,
    # the sign-in calls; the best-effort reads before them (client, pool, user) stay healthy
    fault_ops=frozenset({"InitiateAuth", "RespondToAuthChallenge"}),
)
