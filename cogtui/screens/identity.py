"""Identity pools: exchange an ID token (or a guest identity) for temporary AWS credentials, step by step.

The root of the "identity" mode. Pick the identity pool (or type its id) and see its providers and
settings next to the token's claims; the token comes from the last sign-in (app state) or is pasted.
Choose the flow (enhanced, basic, guest) and the role; ``k`` runs the doctor's pre-flight checks,
``x`` runs the exchange in a worker, each call appearing on the timeline as it returns, with the
diagnosis on a failed step. The credentials land in the credentials panel (masked, live countdown,
STS proof, export) and in the app state. ``clock`` can be injected so tests render a frozen time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Select, Static, TabbedContent, TabPane

from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import IdentityPool, IdentityPoolRoles
from cogtui.describe.identity import pool_rows, role_summary
from cogtui.identity.checks import TokenFacts, read_token
from cogtui.identity.exchange import ExchangeRequest, ExchangeResult, explain_exchange_role, run_exchange
from cogtui.identity.export import process_command_for
from cogtui.identity.logins import check_identity_pool_id
from cogtui.identity.proof import try_prove
from cogtui.screens.base import CogtuiScreen
from cogtui.screens.identity_doctor import IdentityDoctor
from cogtui.widgets.check_list import CheckListView, status_of
from cogtui.widgets.connection_bar import ConnectionBar
from cogtui.widgets.credentials_panel import CredentialsPanel
from cogtui.widgets.exchange_form import ExchangeForm
from cogtui.widgets.field_list import FieldList
from cogtui.widgets.identity_overview import TokenSummary
from cogtui.widgets.key_bar import KeyBar
from cogtui.widgets.status_line import StatusLine
from cogtui.widgets.timeline import Timeline

TABS = ("setup", "checks", "timeline", "credentials")
TAB_FOCUS = {
    "setup": "#pool-fields",
    "checks": "#checks-view",
    "timeline": "#timeline-view .timeline-steps",
    "credentials": "#credentials-panel",
}
HINT = "Pick an identity pool; x runs the exchange, k checks first; t pastes a token. Esc leaves a field."


class IdentityScreen(IdentityDoctor, CogtuiScreen):
    """From an ID token to temporary AWS credentials, and why it fails."""

    CSS_PATH = "../styles/identity.tcss"
    BINDINGS = [
        Binding("x", "exchange", "Run exchange", id="identity.exchange"),
        Binding("k", "check", "Check", id="identity.check"),
        Binding("l", "last_signin", "Last sign-in", id="identity.last_signin"),
        Binding("r", "reload", "Reload pools", id="identity.reload"),
        Binding("right_square_bracket", "next_tab(1)", "Next tab", id="identity.next_tab"),
        Binding("left_square_bracket", "next_tab(-1)", "Previous tab", show=False, id="identity.prev_tab"),
        Binding("i", "edit('pool-id')", "Type the identity pool id", show=False, id="identity.edit_pool"),
        Binding("t", "edit('id-token')", "Paste the ID token", show=False, id="identity.edit_token"),
        Binding("o", "edit('role-arn')", "Type the role ARN", show=False, id="identity.edit_role"),
        Binding("escape", "leave_field", "Leave the field", show=False, id="identity.leave_field"),
    ]

    def __init__(self, *, clock: Callable[[], float] | None = None) -> None:
        super().__init__()
        self.clock: Callable[[], float] = clock or time.time
        self.pool: IdentityPool | None = None
        self.roles: IdentityPoolRoles | None = None
        self.pool_note = ""
        self.connection_region: str | None = None
        self.facts: TokenFacts | None = None
        self.result: ExchangeResult | None = None
        self.exchanging = False
        self._described = ""
        self._seen_tokens: Any = None

    def compose(self) -> ComposeResult:
        app = self.app
        yield ConnectionBar(sandbox=app.settings.sandbox, read_only=app.settings.read_only)
        yield Static("Identity pool credentials", classes="screen-title")
        yield ExchangeForm(id="exchange-form")
        with TabbedContent(initial="setup", id="identity-tabs"):
            with TabPane("Pool & token", id="setup"), Horizontal(id="setup-sides"):
                with Vertical(id="pool-side", classes="side"):
                    yield Static("Identity pool", classes="side-title")
                    yield FieldList(id="pool-fields", label_width=16, empty="Loading identity pools…")
                with Vertical(id="token-side", classes="side"):
                    yield Static("ID token", classes="side-title")
                    yield TokenSummary(id="token-summary")
            with TabPane("Checks", id="checks"):
                yield CheckListView(id="checks-view", empty="Press k to compare the token with the pool.")
            with TabPane("Timeline", id="timeline"):
                yield Static("Press x to run the exchange.", id="exchange-summary", markup=False)
                yield Timeline(id="timeline-view", save_name="identity-timeline.json", empty="No calls yet.")
            with TabPane("Credentials", id="credentials"):
                yield CredentialsPanel(id="credentials-panel")
        yield StatusLine(id="identity-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.status.info(HINT)
        self.set_interval(1.0, self.tick, name="identity.countdown")
        self.watch(self.app, "state", self._state_changed, init=True)
        if not self.form.focus_first_empty():  # the caret waits where typing is needed, else keys act
            self.query_one("#pool-fields", FieldList).focus()
        self.refresh_checks()
        self.load_pools()

    @property
    def status(self) -> StatusLine:
        return self.query_one("#identity-status", StatusLine)

    @property
    def form(self) -> ExchangeForm:
        return self.query_one(ExchangeForm)

    @property
    def timeline(self) -> Timeline:
        return self.query_one("#timeline-view", Timeline)

    @property
    def credentials_panel(self) -> CredentialsPanel:
        return self.query_one("#credentials-panel", CredentialsPanel)

    def tick(self) -> None:
        """Once a second: the token's and the credentials' countdowns (one label each)."""
        now = self.clock()
        self.query_one(TokenSummary).tick(now)
        self.credentials_panel.tick(now)

    # -- the identity pool ----------------------------------------------------------------------

    @work(exclusive=True, group="identity.pools", exit_on_error=False)
    async def load_pools(self) -> None:
        self.status.busy("Loading identity pools…")
        found: dict[str, str] = {}
        try:
            async for page in self.app.gateway.iter_identity_pools():
                found.update({p.id: p.name for p in page})
        except CogtuiError as err:
            self.status.error(err)
            self.app.notify(err.message, title=err.title, severity="error", markup=False)
            self.render_pool()
            return
        self.form.set_pools(found)
        preferred = self.preferred_pool(found)
        if not self.form.pool_text and preferred:
            self.form.select_pool(preferred)
        elif not self.form.pool_text:
            self.render_pool()
            self.status.info(f"{len(found)} identity pools. {HINT}")

    def preferred_pool(self, found: dict[str, str]) -> str | None:
        """The identity pool to take without asking: the only one, or on the sandbox its seeded one."""
        if len(found) == 1:
            return next(iter(found))
        seeded = getattr(getattr(self.app, "runtime", None), "sandbox_info", None)
        seeded_id = getattr(getattr(seeded, "identity_pool", None), "id", None)
        return seeded_id if seeded_id in found else None

    @on(ExchangeForm.Filled)
    def _form_filled(self) -> None:
        """Nothing left to type: the keys (x, k...) act again from the pool's details."""
        self.show_tab(self.query_one(TabbedContent).active or "setup")

    @on(ExchangeForm.PoolChanged)
    def pool_changed(self, event: ExchangeForm.PoolChanged) -> None:
        self.use_pool(event.text, force=event.force)

    def use_pool(self, text: str, *, force: bool = False) -> None:
        """Describe the identity pool ``text`` names (again with ``force``), or say why it cannot."""
        parsed = check_identity_pool_id(text)
        if not parsed.ok:
            self.pool, self.roles, self._described = None, None, ""
            self.pool_note = parsed.message if text.strip() else ""
            if text.strip():
                self.status.error(parsed.message)
            self.render_pool()
        elif parsed.id != self._described or force:
            self._described = parsed.id
            self.describe_pool(parsed.id)
        else:
            self.refresh_checks()

    @work(exclusive=True, group="identity.describe", exit_on_error=False)
    async def describe_pool(self, identity_pool_id: str) -> None:
        gateway = self.app.gateway
        self.status.busy("Reading the identity pool…")
        try:
            if self.connection_region is None:
                self.connection_region = (await gateway.info()).region
            pool = await gateway.describe_identity_pool(identity_pool_id)
        except CogtuiError as err:
            self.pool, self.roles = None, None
            self.pool_note = f"DescribeIdentityPool failed ({err.code}): {err.message}"
            self.render_pool()
            self.status.error(err)
            return
        try:
            roles = await gateway.identity_pool_roles(identity_pool_id)
        except CogtuiError:
            roles = None  # the role explanation then says the roles are not known
        self.pool, self.roles, self.pool_note = pool, roles, ""
        self.render_pool()
        guest = "on" if pool.allow_unauthenticated else "off"
        n = len(pool.providers)
        self.status.ok(f"{pool.name}: {n} user pool provider{'s' if n != 1 else ''}, guest access {guest}.")

    def render_pool(self) -> None:
        fields = self.query_one("#pool-fields", FieldList)
        fields.empty = "No identity pool found: type an identity pool id above (i)."
        fields.set_fields(pool_rows(self.pool, self.facts, self.pool_note))
        self.refresh_checks()

    # -- the token ------------------------------------------------------------------------------

    def _state_changed(self, state: Any) -> None:
        tokens = getattr(state, "tokens", None)
        if tokens == self._seen_tokens:
            return
        self._seen_tokens = tokens
        if tokens is not None and tokens.id_token:
            self.form.set_token(tokens.id_token)

    def token_source(self) -> str:
        tokens = getattr(self.app.state, "tokens", None)
        if not self.form.id_token:
            return ""
        if tokens is not None and tokens.id_token and tokens.id_token.strip() == self.form.id_token:
            who = f"{tokens.username}'s sign-in" if tokens.username else "the last sign-in"
            client = f" through app client {tokens.client_id}" if tokens.client_id else ""
            return f"From {who}{client}."
        return "Pasted (decoded without verification)."

    @on(ExchangeForm.TokenChanged)
    def token_changed(self, event: ExchangeForm.TokenChanged) -> None:
        self.facts = read_token(event.token) if event.token else None
        self.query_one(TokenSummary).show(self.facts, self.token_source(), self.clock())
        self.form.set_token_roles(self.facts.roles if self.facts else ())
        self.render_pool()
        self.refresh_bindings()

    @on(ExchangeForm.OptionsChanged)
    def options_changed(self) -> None:
        self.refresh_checks()

    # -- the exchange ---------------------------------------------------------------------------

    def action_exchange(self) -> None:
        if self.exchanging:
            return
        self.form.flush()
        checks = self.refresh_checks()
        try:
            request = self.form.request()
        except ValueError as exc:
            self.status.error(f"Cannot run the exchange: {exc}")
            self.show_tab("checks")
            return
        self.timeline.clear()
        self.credentials_panel.show(None, now=self.clock())
        summary = self.query_one("#exchange-summary", Static)
        summary.set_classes("")
        summary.update(f"⋯ Running the {describe_request(request)}…")
        self.show_tab("timeline")
        self.exchanging = True
        self.refresh_bindings()
        self.run_exchange_worker(request, any(status_of(c) == "fail" for c in checks))

    @work(exclusive=True, group="identity.exchange", exit_on_error=False)
    async def run_exchange_worker(self, request: ExchangeRequest, predicted_failure: bool) -> None:
        gateway = self.app.gateway
        self.status.busy(f"Running the {describe_request(request)}…")
        try:
            result = await run_exchange(
                gateway,
                request,
                on_step=self.timeline.add_step,
                pool=self.pool,
                region=self.connection_region,
            )
        finally:
            self.exchanging = False
            self.refresh_bindings()
        self.show_result(result, predicted_failure)

    def show_result(self, result: ExchangeResult, predicted_failure: bool = False) -> None:
        """Summary line, status line, credentials panel and app state for a finished exchange."""
        self.result = result
        summary = self.query_one("#exchange-summary", Static)
        step = result.failed_step
        if result.credentials is None:
            code = step.error.code if step is not None and step.error is not None else "no credentials"
            message = step.error.message if step is not None and step.error is not None else ""
            head = f"{step.operation} failed: {code}" if step is not None else "No credentials came back"
            summary.set_classes("-failed")
            summary.update(f"✘ {head}" + (f" — {message}" if message else ""))
            if step is not None:
                self.timeline.select(list(result.steps).index(step))
            diagnosis = result.diagnosis
            told = f"{head}. Next step: {diagnosis.next_step}" if diagnosis else f"{head}."
            self.status.error(f"{told.rstrip('.')}. x runs the exchange again.")
            return
        creds = result.credentials
        summary.set_classes("-ok")
        summary.update("✔ Credentials issued: ] or the Credentials tab shows them.")
        region = check_identity_pool_id(result.request.identity_pool_id).region or self.connection_region
        endpoint = self.app.runtime.settings.endpoint_url
        command = process_command_for(result.request, endpoint_url=endpoint, region=region)
        self.credentials_panel.show(
            creds, now=self.clock(), role=self.role_text(), region=region, command=command
        )
        self.app.update_state(credentials=creds)
        note = (
            " The endpoint accepted it although the checks predict a refusal by Cognito (k shows them)."
            if predicted_failure
            else ""
        )
        self.status.ok(f"Credentials issued: {creds.access_key_id}.{note}")

    def role_text(self, caller_arn: str | None = None) -> str:
        """Which role the credentials carry and why, from the identity pool's roles when known."""
        if self.result is None:
            return ""
        return role_summary(explain_exchange_role(self.result, self.roles, caller_arn))

    # -- STS proof ------------------------------------------------------------------------------

    @on(CredentialsPanel.ProveRequested)
    def prove_requested(self, event: CredentialsPanel.ProveRequested) -> None:
        event.stop()
        self.credentials_panel.proof_started()
        self.status.busy("Asking STS who these credentials belong to…")
        self.prove_worker(event.credentials)

    @work(exclusive=True, group="identity.prove", exit_on_error=False)
    async def prove_worker(self, credentials: Any) -> None:
        result = await try_prove(self.app.gateway, credentials)
        panel = self.credentials_panel
        if panel.credentials is not credentials:
            return  # a new exchange replaced them meanwhile
        panel.show_proof(result)
        if result.ok and result.caller is not None:
            panel.set_role(self.role_text(result.caller.arn))
            self.status.ok(f"STS says these credentials belong to {result.caller.arn}")
        else:
            self.status.error(result.diagnosis.cause if result.diagnosis else "STS refused the credentials.")

    # -- navigation -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "exchange":
            return None if self.exchanging else True
        if action == "last_signin":
            tokens = getattr(self.app.state, "tokens", None)
            return True if tokens is not None and tokens.id_token else None
        if action == "leave_field":
            return isinstance(self.focused, (Input, Select))
        return True

    def show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self.query_one(TAB_FOCUS[tab]).focus()

    def action_next_tab(self, step: int) -> None:
        current = self.query_one(TabbedContent).active
        index = TABS.index(current) if current in TABS else 0
        self.show_tab(TABS[(index + step) % len(TABS)])

    def action_last_signin(self) -> None:
        tokens = getattr(self.app.state, "tokens", None)
        if tokens is not None and tokens.id_token:
            self.form.set_token(tokens.id_token)
            self.status.info(self.token_source())

    def action_reload(self) -> None:
        self.load_pools()
        if self.form.pool_text:
            self.use_pool(self.form.pool_text, force=True)

    def action_edit(self, field: str) -> None:
        self.query_one(f"#{field}").focus()

    def action_leave_field(self) -> None:
        self.show_tab(self.query_one(TabbedContent).active or "setup")


def describe_request(request: ExchangeRequest) -> str:
    """'enhanced flow with us-east-1:…' / 'guest exchange with us-east-1:…'."""
    who = "guest exchange" if request.guest else f"{request.flow} flow"
    return f"{who} with {request.identity_pool_id}"
