"""The sign-in debugger: walk a sign-in exactly as Cognito sees it, answer each challenge, see every call.

The root of the "signin" mode. Pick a user pool and an app client (or type their ids: listing and
describing need admin permissions, signing in does not), the client secret when the client has one
(filled in, masked, when DescribeUserPoolClient is allowed), the username, the password and the flow.
Enter (or ``s``) runs the sign-in in one worker: every call lands on the timeline as it returns, and
each question Cognito asks is put to the user in a modal (``ChallengePrompt``) with the challenge
session's countdown. A failure is a step with its explanation, repeated under the timeline. On
success the tokens go to the app state (the token inspector and the identity-pool screen follow it),
summarised here without the refresh token. ``f`` refreshes (REFRESH_TOKEN_AUTH), ``g`` rotates
(GetTokensFromRefreshToken), ``v`` revokes the refresh token and proves it dead, ``o`` signs out
everywhere, ``a`` opens the account actions (sign-up, forgot password, change password, authenticator
enrolment), ``d`` the sign-in doctor, whose prediction is set beside what the endpoint did under the outcome. Nothing
is written to disk except when the timeline is saved (``w`` on the timeline). ``clock`` can be
injected so tests render a frozen countdown.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Select, Static

from cogtui.auth.challenges import AnswerError
from cogtui.auth.context import discover_context
from cogtui.auth.flows import SignInRequest
from cogtui.auth.result import SignInResult, claims_of
from cogtui.auth.signin_session import CHALLENGE, SIGNED_IN, SignInSession
from cogtui.auth.steps import Step
from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import AppClient
from cogtui.describe.signin import client_note, sandbox_hint
from cogtui.screens.base import CogtuiScreen
from cogtui.screens.dialogs.challenge_prompt import ChallengePrompt
from cogtui.screens.signin_actions import SignedInActions
from cogtui.screens.signin_prediction import SignInPrediction
from cogtui.screens.signin_token_jobs import RefreshTokenActions
from cogtui.widgets.connection_bar import ConnectionBar
from cogtui.widgets.key_bar import KeyBar
from cogtui.widgets.signin_form import SignInForm
from cogtui.widgets.signin_outcome import SignInOutcome
from cogtui.widgets.status_line import StatusLine
from cogtui.widgets.timeline import Timeline

HINT = "Enter or s signs in; each call appears on the timeline. a: account actions."
SIGNED_IN_KEYS = "Signed in. t: inspect the tokens · f: refresh · o: sign out · 4: identity pools"


class SignInScreen(SignedInActions, RefreshTokenActions, SignInPrediction, CogtuiScreen):
    """Sign in step by step; the timeline shows each call and explains each refusal."""

    CSS_PATH = "../styles/signin.tcss"
    BINDINGS = [
        Binding("s", "start", "Sign in", id="signin.start"),
        Binding("t", "open_tokens", "Inspect tokens", id="signin.tokens"),
        Binding("f", "refresh_tokens", "Refresh", id="signin.refresh"),
        Binding("o", "sign_out", "Sign out", id="signin.sign_out"),
        Binding("g", "rotate_tokens", "GetTokensFromRefreshToken", show=False, id="signin.rotate"),
        Binding("v", "revoke_token", "Revoke the refresh token", show=False, id="signin.revoke"),
        Binding("a", "account", "Account…", id="signin.account"),
        Binding("d", "doctor", "Why? (sign-in doctor)", show=False, id="signin.doctor"),
        Binding("ctrl+r", "reveal", "Show/hide secrets", id="signin.reveal"),
        Binding("r", "reload", "Reload pools", show=False, id="signin.reload"),
        Binding("p", "replay", "Replay the last answer", show=False, id="signin.replay"),
        Binding("e", "edit", "Edit the form", show=False, id="signin.edit"),
        Binding("l", "oauth_login", "Managed login / OAuth", show=False, id="signin.oauth"),
        Binding("escape", "leave_field", "Leave the field", show=False, id="signin.leave_field"),
    ]

    def __init__(self, *, clock: Callable[[], float] | None = None) -> None:
        super().__init__()
        self.clock: Callable[[], float] = clock or time.time
        self.session: SignInSession | None = None
        self.client: AppClient | None = None
        self.client_problem = ""
        self.list_problem = ""
        self.running = False
        self.signed_out = False
        self.cancelled = False
        self._seen_selection: tuple[Any, Any] = (None, None)

    def compose(self) -> ComposeResult:
        app = self.app
        yield ConnectionBar(sandbox=app.settings.sandbox, read_only=app.settings.read_only)
        yield Static("Sign-in debugger", classes="screen-title")
        yield SignInForm(id="signin-form")
        yield Timeline(id="signin-timeline", save_name="signin-timeline.json", empty="No calls yet.")
        yield SignInOutcome(id="signin-outcome")
        yield StatusLine(id="signin-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.outcome.idle(HINT)
        self.status.info("Enter in any field starts the sign-in; Esc leaves a field, e comes back.")
        self.update_hint()
        self.watch(self.app, "state", self._state_changed, init=True)
        self.form.focus_first_empty()
        self.load_pools()

    @property
    def form(self) -> SignInForm:
        return self.query_one(SignInForm)

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def outcome(self) -> SignInOutcome:
        return self.query_one(SignInOutcome)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#signin-status", StatusLine)

    @property
    def result(self) -> SignInResult | None:
        return self.session.result if self.session is not None else None

    def _state_changed(self, state: Any) -> None:
        """Follow a pool or client picked on another screen (explore mode)."""
        selection = (state.pool_id, state.client_id)
        if selection == self._seen_selection:
            return
        self._seen_selection = selection
        if state.pool_id and state.pool_id != self.form.pool_id:
            self.form.set_pool(state.pool_id)
        if state.client_id and state.client_id != self.form.client_id:
            self.form.set_client(state.client_id)

    def update_hint(self) -> None:
        app = self.app
        if app.settings.sandbox:
            self.form.set_hint(sandbox_hint(app.runtime.sandbox_info, self.form.pool_name))

    # -- pools and clients ----------------------------------------------------------------------

    @work(exclusive=True, group="signin.pools", exit_on_error=False)
    async def load_pools(self) -> None:
        app = self.app
        found: dict[str, str] = {}
        try:
            async for page in app.gateway.iter_user_pools():
                found.update({p.id: p.name for p in page})
        except CogtuiError as err:
            self.list_problem = f"Cannot list user pools ({err.code}): type the pool id."
            self.update_note()
            return
        self.list_problem = ""
        self.form.set_pools(found)
        info = app.runtime.sandbox_info
        if not self.form.pool_id and app.settings.sandbox and info is not None and info.pools:
            self.form.set_pool(info.pools[0].id)  # a newcomer can sign in at once
        self.update_hint()

    @on(SignInForm.PoolChanged)
    def pool_changed(self, event: SignInForm.PoolChanged) -> None:
        self.update_hint()
        self.form.set_clients({})
        if event.pool_id:
            self.load_clients(event.pool_id)
            if self.form.client_id:
                self.describe_client(event.pool_id, self.form.client_id)

    @work(exclusive=True, group="signin.clients", exit_on_error=False)
    async def load_clients(self, pool_id: str) -> None:
        app = self.app
        found: dict[str, str] = {}
        try:
            async for page in app.gateway.iter_clients(pool_id):
                found.update({c.id: c.name for c in page})
        except CogtuiError as err:
            self.list_problem = f"Cannot list the app clients ({err.code}): type the client id."
            self.update_note()
            return
        if self.list_problem.startswith("Cannot list the app clients"):
            self.list_problem = ""
            self.update_note()
        self.form.set_clients(found)
        if self.form.client_id in found or (self.form.client_id and not found):
            return  # a client of this pool, or typed where the list is empty: keep it
        info = app.runtime.sandbox_info
        seeded = next((p for p in (info.pools if info else ()) if p.id == pool_id), None)
        if seeded is not None and seeded.clients:
            self.form.set_client(seeded.clients[0].id)
        elif len(found) == 1:
            self.form.set_client(next(iter(found)))
        elif self.form.client_id:
            self.form.set_client("")  # the client of another pool

    @on(SignInForm.ClientChanged)
    def client_changed(self, event: SignInForm.ClientChanged) -> None:
        self.client, self.client_problem = None, ""
        if event.client_id and self.form.pool_id:
            self.describe_client(self.form.pool_id, event.client_id)
        else:
            self.form.set_secret(None)
            self.client_problem = (
                "Type the pool id too, to read the client's settings." if event.client_id else ""
            )
            self.update_note()

    @on(SignInForm.FlowChanged)
    def flow_changed(self) -> None:
        self.update_note()

    @work(exclusive=True, group="signin.describe", exit_on_error=False)
    async def describe_client(self, pool_id: str, client_id: str) -> None:
        try:
            client = await self.app.gateway.describe_client(pool_id, client_id)
        except CogtuiError as err:
            self.client = None
            self.client_problem = (
                f"Cannot read the app client ({err.code}): type its secret if it has one; "
                "the sign-in works without, explanations know less."
            )
            self.form.set_secret(None)
        else:
            self.client, self.client_problem = client, ""
            self.form.set_secret(client.secret)
        self.update_note()

    def update_note(self) -> None:
        text, warning = client_note(self.client, self.client_problem, self.form.flow)
        if self.list_problem:
            text, warning = f"{self.list_problem} {text}".strip(), True
        self.form.set_note(text, warning)

    # -- the sign-in ----------------------------------------------------------------------------

    def build_request(self) -> SignInRequest:
        form = self.form
        username, refresh_token = form.username, None
        if form.flow == "refresh":
            tokens = self.app.state.tokens
            refresh_token = (self.result.refresh_token if self.result else None) or tokens.refresh_token
            claims = claims_of(tokens.id_token) or claims_of(tokens.access_token)
            username = str(claims.get("cognito:username") or claims.get("username") or username)
        return SignInRequest(
            pool_id=form.pool_id,
            client_id=form.client_id,
            client_secret=form.client_secret,
            username=username,
            password=form.password,
            flow=form.flow,
            refresh_token=refresh_token,
            session_validity_minutes=self.client.auth_session_validity if self.client else None,
            pool_name=form.pool_name,
        )

    @on(SignInForm.StartRequested)
    def action_start(self) -> None:
        if self.running:
            return
        self.form.flush()
        request = self.build_request()
        problems = request.problems()
        if problems:
            message = "Cannot start: " + "; ".join(problems) + "."
            self.form.set_note(message, warning=True)
            self.status.error(message)
            return
        self.timeline.clear()
        self.session, self.running, self.signed_out, self.cancelled = None, True, False, False
        self.outcome.busy(f"Signing in {request.username or '(refresh token)'} with {request.auth_flow}…")
        self.app.update_state(
            pool_id=request.pool_id or None, pool_name=request.pool_name, client_id=request.client_id
        )
        self.refresh_bindings()
        self.run_signin(request)

    def add_step(self, step: Step) -> None:
        """Show ``step`` on the timeline, numbered in the timeline's order."""
        position = len(self.timeline.steps) + 1
        self.timeline.add_step(step if step.index == position else step.with_(index=position))

    @work(exclusive=True, group="signin.run", exit_on_error=False)
    async def run_signin(self, request: SignInRequest) -> None:
        gateway = self.app.gateway
        try:
            self.status.busy("Reading what this caller may know of the client, the pool and the user…")
            facts = None
            if request.pool_id:  # the doctor predicts from reads made before the attempt
                facts, _ = await asyncio.gather(
                    discover_context(gateway, request.pool_id, request.client_id, request.username),
                    self.predict(request),
                )
            session = SignInSession(gateway, request, context=facts, on_step=self.add_step, clock=self.clock)
            self.session = session
            self.status.busy(f"{request.auth_flow}: calling Cognito…")
            step = await session.start()
            while session.state == CHALLENGE and session.pending is not None:
                question = session.pending
                self.status.info(f"? {question.challenge}: answer the prompt (Esc cancels the sign-in).")
                prompt = ChallengePrompt(
                    question,
                    seconds_left=session.seconds_left,
                    last_error=step if step.error is not None else None,
                    password_known=bool(request.password),
                )
                answer = await self.app.push_screen_wait(prompt)
                if answer is None:
                    self.cancelled = True
                    break
                self.status.busy(f"Answering {question.challenge}…")
                try:
                    step = await session.answer(answer)
                except AnswerError as exc:
                    self.status.error(f"Not sent: {exc}.")
        except CogtuiError as err:
            self.outcome.idle(HINT)
            self.status.error(err)
            return
        finally:
            self.running = False
            self.refresh_bindings()
        self.show_outcome(session)
        self.timeline.step_list.focus()  # t, f, o and a act at once; e goes back to the form

    def show_outcome(self, session: SignInSession) -> None:
        last = session.steps[-1] if session.steps else None
        if self.cancelled:
            where = f" at {session.pending.challenge}" if session.pending else ""
            self.outcome.cancelled(f"Sign-in cancelled{where}. Enter (or s) starts again.")
            self.status.info("Cancelled: Cognito's challenge session simply expires.")
        elif session.state == SIGNED_IN and session.result is not None:
            self.publish_tokens()
            self.outcome.signed_in(session.result, self.who())
            self.status.ok(SIGNED_IN_KEYS)
        elif last is not None and last.error is not None:
            self.outcome.failed(last)
            self.status.error(
                f"Refused at step {last.index}: {last.error.code}. Cause and next step above;"
                " s tries again, e edits the form."
            )
        else:
            self.outcome.idle("The sign-in stopped without tokens; the timeline shows the last response.")
        self.show_prediction(session)

    # -- keys -----------------------------------------------------------------------------------

    def action_open_tokens(self) -> None:
        self.app.switch_mode("tokens")

    def action_reveal(self) -> None:
        shown = self.form.toggle_reveal()
        self.status.info(
            "Client secret and password shown: Ctrl+R hides them." if shown else "Secrets masked."
        )

    def action_reload(self) -> None:
        self.load_pools()
        if self.form.pool_id:
            self.load_clients(self.form.pool_id)
            if self.form.client_id:
                self.describe_client(self.form.pool_id, self.form.client_id)

    def action_oauth_login(self) -> None:
        from cogtui.screens.oauth_login import OAuthLoginScreen

        self.app.push_screen(OAuthLoginScreen())

    def action_edit(self) -> None:
        self.form.query_one("#username", Input).focus()

    def action_leave_field(self) -> None:
        self.timeline.step_list.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        app = self.app
        result = self.result
        signed_in = bool(result and result.access_token and not self.signed_out and not self.running)
        refreshable = bool(signed_in and result and result.refresh_token)
        if action == "start":
            return None if self.running else True
        if action == "open_tokens":
            tokens = app.state.tokens
            return True if tokens.id_token or tokens.access_token else None
        if action == "refresh_tokens":
            return True if refreshable else None
        if action == "sign_out":
            return True if signed_in and not app.settings.read_only else None
        if action in ("rotate_tokens", "revoke_token"):
            return True if refreshable else None
        if action == "account":
            return None if app.settings.read_only or self.running else True
        if action == "replay":
            return True if self.session is not None and not self.running else None
        if action == "leave_field":
            return isinstance(self.focused, (Input, Select))
        return True
