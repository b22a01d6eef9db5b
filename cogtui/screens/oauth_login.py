"""Managed login and client credentials in the sign-in debugger: the OAuth 2.0 flows, step by step.

Reached with ``l`` from the sign-in screen (and "Managed login" in the command palette). Choose the
flow: "Managed login (authorization code + PKCE)" listens on the client's registered localhost
callback and shows the authorize URL and its QR code while it waits for the browser (``b`` opens the
system browser); "Client credentials" asks the token endpoint for an access token. Everything runs in
one worker; every HTTP exchange lands on the timeline, each failure with its explanation. The tokens
go to the app state as after InitiateAuth, so the token and identity screens follow. Then ``f``
refreshes through /oauth2/token, ``v`` revokes the refresh token (/oauth2/revoke) and proves it dead
with a refused refresh, ``u`` calls /oauth2/userInfo with the access token and ``o`` calls the logout
URL (its answer on the timeline). Escape goes back.
"""

from __future__ import annotations

import time
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.await_remove import AwaitRemove
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Select, Static

from cogtui.auth.oauth.flow import CLIENT_CREDENTIALS, MANAGED_LOGIN, OAuthRequest, OAuthSession, Stopped
from cogtui.aws.errors import CogtuiError
from cogtui.screens.base import CogtuiScreen
from cogtui.state import Tokens
from cogtui.text_safety import safe_text
from cogtui.widgets.key_bar import KeyBar
from cogtui.widgets.qr import QrCode
from cogtui.widgets.status_line import StatusLine
from cogtui.widgets.timeline import Timeline

FLOWS = [
    ("Managed login (authorization code + PKCE)", MANAGED_LOGIN),
    ("Client credentials", CLIENT_CREDENTIALS),
]
HINT = "Enter (or s) starts; every HTTP exchange appears on the timeline. Esc goes back."
AFTER_JOBS = {
    "refresh": "Refreshing through /oauth2/token",
    "revoke": "Revoking at /oauth2/revoke, then proving the refresh token dead",
    "userinfo": "Asking /oauth2/userInfo with the access token",
    "logout": "Calling the logout URL",
}


class OAuthLoginScreen(CogtuiScreen):
    """The OAuth flows of a pool's domain, with the URL, a QR code and the timeline."""

    DEFAULT_CSS = """
    OAuthLoginScreen #oauth-form { height: auto; }
    OAuthLoginScreen #oauth-form Horizontal { height: auto; }
    OAuthLoginScreen #oauth-form Input { width: 1fr; }
    OAuthLoginScreen #oauth-flow { width: 52; }
    OAuthLoginScreen #oauth-wait { height: auto; max-height: 50%; }
    OAuthLoginScreen #oauth-url { width: 1fr; padding: 0 1; }
    OAuthLoginScreen #oauth-warnings { height: auto; color: $warning; padding: 0 1; }
    """
    BINDINGS = [
        Binding("s", "start", "Start", id="oauth.start"),
        Binding("b", "browser", "Open in browser", id="oauth.browser"),
        Binding("f", "refresh", "Refresh", id="oauth.refresh"),
        Binding("v", "revoke", "Revoke", id="oauth.revoke"),
        Binding("u", "userinfo", "userInfo", id="oauth.userinfo"),
        Binding("o", "logout", "Log out", id="oauth.logout"),
        Binding("escape", "back", "Back", id="oauth.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.session: OAuthSession | None = None
        self.running = False
        self.revoked = False
        self.url = ""

    def compose(self) -> ComposeResult:
        state: Any = self.app.state
        with Vertical(id="oauth-form"):
            with Horizontal():
                yield Input(state.pool_id or "", placeholder="User pool id", id="oauth-pool")
                yield Input(state.client_id or "", placeholder="App client id", id="oauth-client")
            with Horizontal():
                yield Input(
                    placeholder="Client secret (if the client has one)", password=True, id="oauth-secret"
                )
                yield Input(placeholder="Scopes (space separated; empty: the client's)", id="oauth-scopes")
                yield Select(FLOWS, value=MANAGED_LOGIN, allow_blank=False, id="oauth-flow")
        yield Static("", id="oauth-warnings", markup=False)
        with Horizontal(id="oauth-wait"):
            yield Static("", id="oauth-url", markup=False)
        yield Timeline(save_name="oauth-timeline.json", id="oauth-timeline")
        yield StatusLine(HINT, id="oauth-status")
        yield KeyBar()

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    @on(Input.Submitted)
    def action_start(self) -> None:
        if self.running:
            return
        pool_id, client_id = self._value("oauth-pool"), self._value("oauth-client")
        if not pool_id or not client_id:
            self.status.error("Cannot start: a user pool id and an app client id are needed.")
            return
        request = OAuthRequest(
            pool_id=pool_id,
            client_id=client_id,
            client_secret=self._value("oauth-secret") or None,
            scopes=tuple(self._value("oauth-scopes").split()),
        )
        flow = str(self.query_one("#oauth-flow", Select).value)
        self.timeline.clear()
        self.session, self.revoked = None, False
        self._show_url("")
        self.running = True
        self.run_flow(request, flow)

    def _show_url(self, url: str) -> AwaitRemove:
        """Show ``url`` and its QR code ("" hides both); await the result for the old code to be gone."""
        self.url = url
        wait = self.query_one("#oauth-wait", Horizontal)
        removed = wait.query(QrCode).remove()
        text = f"Open this URL in a browser (b opens it) and sign in; cogtui waits for the callback.\n\n{url}"
        self.query_one("#oauth-url", Static).update(text if url else "")
        if url:
            wait.mount(QrCode(url), before=0)
        return removed

    def _add(self, step: Any) -> None:
        self.timeline.add_step(step)

    @work(exclusive=True, group="oauth.run", exit_on_error=False)
    async def run_flow(self, request: OAuthRequest, flow: str) -> None:
        app = self.app
        try:
            endpoint_url = (await app.gateway.info()).endpoint_url
            self.session = session = OAuthSession(app.gateway, request, endpoint_url, on_step=self._add)
            self.status.busy("Reading the pool and the client, resolving the domain's endpoints…")
            warnings = await session.prepare(flow)
            self.query_one("#oauth-warnings", Static).update("\n".join(f"⚠ {w}" for w in warnings))
            if flow == MANAGED_LOGIN:
                self._show_url(await session.begin_login())
                self.status.busy("Waiting for the browser to come back to the callback…")
                tokens = await session.finish_login()
                await self._show_url("")  # gone before the tokens are published
            else:
                self.status.busy("Asking the token endpoint (client credentials)…")
                tokens = await session.client_credentials()
        except Stopped:
            tokens = None
        except CogtuiError as err:
            self.status.error(err)
            return
        finally:
            self.running = False
            if self.session is not None and self.session.listener is not None:
                self.session.listener.close()
            self.refresh_bindings()
        self._finish(request, tokens)

    def _finish(self, request: OAuthRequest, tokens: dict[str, Any] | None) -> None:
        if tokens is None:
            last = self.session.steps[-1] if self.session and self.session.steps else None
            self._show_url("")
            if last is not None and last.error is not None:
                self.status.error(
                    f"Refused at step {last.index}: {last.error.code}. The timeline explains it."
                )
            return
        self._publish(request, tokens)
        self.timeline.step_list.focus()  # f, v, u and o act at once
        self.status.ok(
            "Tokens received: the token inspector (t on the sign-in screen) and identity pools follow. "
            "f refresh · v revoke · u userInfo · o log out"
        )

    def _publish(self, request: OAuthRequest, tokens: dict[str, Any]) -> None:
        self.app.update_state(
            pool_id=request.pool_id,
            client_id=request.client_id,
            tokens=Tokens(
                id_token=tokens.get("id_token"),
                access_token=tokens.get("access_token"),
                refresh_token=tokens.get("refresh_token"),
                pool_id=request.pool_id,
                client_id=request.client_id,
                obtained_at=time.time(),
            ),
        )

    # -- the token endpoint after the sign-in -------------------------------------------------------

    def _token(self, name: str) -> str:
        tokens = self.session.tokens if self.session is not None else None
        return str((tokens or {}).get(name) or "")

    def action_refresh(self) -> None:
        self.after_login("refresh")

    def action_revoke(self) -> None:
        self.after_login("revoke")

    def action_userinfo(self) -> None:
        self.after_login("userinfo")

    def action_logout(self) -> None:
        self.after_login("logout")

    @work(exclusive=True, group="oauth.after", exit_on_error=False)
    async def after_login(self, job: str) -> None:
        session = self.session
        if session is None or self.running:
            return
        self.running = True
        self.refresh_bindings()
        try:
            self.status.busy(f"{AFTER_JOBS[job]}…")
            said = await self._after_job(session, job)
        except CogtuiError as err:
            self.status.error(err)
            return
        finally:
            self.running = False
            self.refresh_bindings()
        last = session.steps[-1] if session.steps else None
        if said is None and last is not None and last.error is not None:
            self.status.error(f"Refused at step {last.index}: {last.error.code}. The timeline explains it.")
        elif said:
            self.status.ok(said)

    async def _after_job(self, session: OAuthSession, job: str) -> str | None:
        """Run one job; what to say when it went as it should (None: the last step says why not)."""
        if job == "refresh":
            tokens = await session.refresh(self._token("refresh_token"))
            if tokens is None:
                return None
            self._publish(session.request, tokens)
            return "Refreshed through /oauth2/token: the app state has the new tokens."
        if job == "userinfo":
            found = await session.userinfo(self._token("access_token"))
            if found is None:
                return None
            return safe_text("userInfo: " + ", ".join(f"{k}={v}" for k, v in sorted(found.items())))
        if job == "logout":
            step = await session.logout()
            return step.notes[0] if step.error is None and step.notes else None
        refresh_token = self._token("refresh_token")
        if not await session.revoke(refresh_token):
            return None
        self.revoked = True
        step, dead = await session.prove_revoked(refresh_token)
        return step.notes[-1] if dead else None

    def action_browser(self) -> None:
        if self.url:
            import webbrowser

            webbrowser.open(self.url)

    def action_back(self) -> None:
        self.app.pop_screen()

    def on_unmount(self) -> None:
        if self.session is not None and self.session.listener is not None:
            self.session.listener.close()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":
            return None if self.running else True
        if action in AFTER_JOBS:
            needs = {"refresh": "refresh_token", "revoke": "refresh_token", "userinfo": "access_token"}
            ready = not self.running and self.session is not None and self.session.tokens is not None
            if action in ("refresh", "revoke") and self.revoked:
                ready = False
            return True if ready and (action not in needs or self._token(needs[action])) else None
        if action == "browser":
            return True if self.url else None
        return True
