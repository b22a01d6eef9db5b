"""The token inspector: paste an ID and an access token (or take them from the last sign-in) and see,
side by side, every validation check, the claims explained with a live countdown, the header, the size,
and which claims the two tokens share, differ on or hold alone.

Validation may fetch the pool's JWKS over HTTP, so it runs in a thread worker and hands its reports
back with `call_from_thread`. One `JwksProvider` lives on this screen, the root of the "tokens" mode,
so there is one per app: a pool id typed or filled in is resolved against the endpoint in use (its
issuer and JWKS are what that endpoint says), an issuer URL is checked as typed.
`clock` and `jwks` can be injected so that tests render a frozen time against a static key set.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Input, Label, Select, Static
from textual.worker import Worker, WorkerState, get_current_worker

from cogtui.screens.base import CogtuiScreen
from cogtui.state import Tokens
from cogtui.text_safety import safe_text
from cogtui.tokens import JwksSource, Status, ValidationReport, compare, decode_token, guess_kind
from cogtui.tokens.inspection import (
    KINDS,
    JwksProvider,
    TargetGuess,
    VerifyRequest,
    guess_target,
    verify_pair,
)
from cogtui.tokens.paste import FoundTokens, find_tokens
from cogtui.widgets.claims_table import ClaimsTable, claim_text
from cogtui.widgets.connection_bar import ConnectionBar
from cogtui.widgets.key_bar import KeyBar
from cogtui.widgets.status_line import StatusLine
from cogtui.widgets.token_compare import ClaimComparisonTable, comparison_summary
from cogtui.widgets.token_input import TokenInput, join_pasted_lines
from cogtui.widgets.token_panel import TITLES, TokenPanel

HINT = "Paste a token into a field, press v to paste from the clipboard, or l to take the last sign-in."
TOKEN_USE_OPTIONS = [("as its field", "slot"), ("any", "any"), ("id", "id"), ("access", "access")]
DEBOUNCE_S = 0.25
STACK_BELOW_WIDTH = 100


class TokensScreen(CogtuiScreen):
    """Decode, explain and validate Cognito tokens; the ID and access tokens side by side."""

    CSS_PATH = "../styles/tokens.tcss"
    BINDINGS = [
        Binding("v", "paste", "Paste", id="tokens.paste"),
        Binding("l", "last_signin", "Last sign-in", id="tokens.last_signin"),
        Binding("c", "copy_claim", "Copy claim", id="tokens.copy_claim"),
        Binding("t", "copy_token", "Copy token", id="tokens.copy_token"),
        Binding("j", "copy_json", "Copy JSON", show=False, id="tokens.copy_json"),
        Binding("r", "retry", "Verify again", show=False, id="tokens.retry"),
        Binding("x", "clear", "Clear tokens", show=False, id="tokens.clear"),
        Binding("i", "edit('id')", "Edit the ID token", show=False, id="tokens.edit_id"),
        Binding("a", "edit('access')", "Edit the access token", show=False, id="tokens.edit_access"),
        Binding("escape", "leave_field", "Leave the field", show=False, id="tokens.leave_field"),
    ]

    def __init__(self, *, clock: Callable[[], float] | None = None, jwks: JwksSource | None = None) -> None:
        super().__init__()
        self.clock: Callable[[], float] = clock or time.time
        self.jwks = JwksProvider(jwks)
        self.reports: dict[str, ValidationReport | None] = {"id": None, "access": None}
        self.verifications = 0
        self.last_request: VerifyRequest | None = None
        self.shown_request: VerifyRequest | None = None
        self.current_kind = "id"
        self.target = TargetGuess()
        self._seen_tokens: Tokens | None = None
        self._auto = {"pool": "", "clients": ""}
        self._debounce: Timer | None = None
        self._ticker: Timer | None = None

    def compose(self) -> ComposeResult:
        app = self.app
        yield ConnectionBar(sandbox=app.settings.sandbox, read_only=app.settings.read_only)
        yield Static("Token inspector", classes="screen-title")
        with Vertical(id="token-form"):
            for kind in KINDS:
                with Horizontal(classes="form-row"):
                    yield Label(TITLES[kind], classes="form-label")
                    yield TokenInput(kind, id=f"{kind}-token")
            with Horizontal(classes="form-row"):
                yield Label("Pool", classes="form-label")
                yield Input(placeholder="pool id or issuer URL", id="pool", compact=True)
                yield Label("Clients", classes="field-label")
                yield Input(placeholder="client id, client id…", id="clients", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("token_use", classes="form-label")
                yield Select(TOKEN_USE_OPTIONS, value="slot", allow_blank=False, compact=True, id="token-use")
                yield Label("Grace s", classes="field-label")
                yield Input("0", type="integer", id="grace", compact=True)
                yield Static("", id="target-note", markup=False)
        with VerticalScroll(id="token-results"):
            with Horizontal(id="token-panels"):
                for kind in KINDS:
                    yield TokenPanel(kind, id=f"{kind}-panel")
            with Vertical(id="compare-section"):
                yield Static("Claims compared", classes="section-title")
                yield Static("", id="compare-summary")
                yield ClaimComparisonTable(id="compare-table")
        yield StatusLine(id="tokens-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#compare-section").display = False
        self.status.info(HINT)
        self.query_one("#id-token", TokenInput).focus()
        self._ticker = self.set_interval(1.0, self.tick, name="tokens.countdown")
        self.watch(self.app, "state", self._state_changed, init=True)

    def on_screen_suspend(self) -> None:
        if self._ticker is not None:
            self._ticker.pause()

    def on_screen_resume(self) -> None:
        if self._ticker is not None:
            self._ticker.resume()
        self.tick()

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#token-panels").set_class(event.size.width < STACK_BELOW_WIDTH, "-stacked")

    @property
    def settled(self) -> bool:
        """True when the results shown are those of the form as it is now (for tests and screenshots)."""
        return self._debounce is None and self.shown_request == self.last_request == self.form_request()

    @property
    def status(self) -> StatusLine:
        return self.query_one("#tokens-status", StatusLine)

    def panel(self, kind: str) -> TokenPanel:
        return self.query_one(f"#{kind}-panel", TokenPanel)

    def token_input(self, kind: str) -> TokenInput:
        return self.query_one(f"#{kind}-token", TokenInput)

    # -- tokens from the app state (the sign-in debugger) ---------------------------------------

    def _state_changed(self, state: Any) -> None:
        tokens = getattr(state, "tokens", None)
        if tokens == self._seen_tokens:
            return
        self._seen_tokens = tokens
        if tokens is not None and (tokens.id_token or tokens.access_token):
            self.load_tokens(tokens)

    def load_tokens(self, tokens: Tokens) -> None:
        """Show these tokens, checked against the pool and client they were issued by."""
        self.token_input("id").value = tokens.id_token or ""
        self.token_input("access").value = tokens.access_token or ""
        self.refresh_target()
        self.verify_now()
        self.current_kind = "id" if tokens.id_token else "access"
        self.query_one("#token-results", VerticalScroll).focus()  # keys act on the results, not a field

    # -- the pool and clients to check against ------------------------------------------------

    def refresh_target(self) -> None:
        """Pre-fill pool and clients (unless typed by hand) from the sign-in or the tokens themselves."""
        state_tokens = getattr(self.app.state, "tokens", None)
        self.target = guess_target(
            self.token_input("id").value, self.token_input("access").value, state_tokens
        )
        for field, value in (("pool", self.target.pool), ("clients", self.target.clients)):
            widget = self.query_one(f"#{field}", Input)
            if widget.value in ("", self._auto[field]):
                self._auto[field] = value or ""
                widget.value = value or ""
        self.update_note()

    def update_note(self) -> None:
        typed = any(
            self.query_one(f"#{field}", Input).value not in ("", self._auto[field]) for field in self._auto
        )
        note = self.query_one("#target-note", Static)
        note.update("Checked against the pool and clients typed above." if typed else self.target.note)
        note.set_class(not typed and self.target.source == "token", "-untrusted")

    def form_request(self) -> VerifyRequest:
        clients = self.query_one("#clients", Input).value
        client_ids = tuple(c.strip() for c in clients.split(",") if c.strip())
        try:
            grace = max(0, int(self.query_one("#grace", Input).value or 0))
        except ValueError:
            grace = 0
        return VerifyRequest(
            id_text=self.token_input("id").value,
            access_text=self.token_input("access").value,
            issuer=self.query_one("#pool", Input).value.strip() or None,
            client_ids=client_ids or None,
            token_use=str(self.query_one("#token-use", Select).value),
            grace_s=float(grace),
        )

    @on(Input.Changed, "TokenInput")
    def token_changed(self, event: Input.Changed) -> None:
        found = find_tokens(event.value)
        if found is not None:  # a tokens document or callback URL: each token goes to its own field
            self.place_tokens(found)
            return
        self.refresh_target()
        self.schedule_verify()

    def place_tokens(self, found: FoundTokens) -> None:
        """The ID and access tokens of a pasted document side by side (the document replaces both)."""
        for kind in KINDS:
            self.token_input(kind).value = found.token(kind) or ""
        self.notify(found.note, title="Tokens found", markup=False)

    @on(Input.Changed, "#pool, #clients, #grace")
    def rules_changed(self) -> None:
        self.update_note()
        self.schedule_verify()

    @on(Select.Changed, "#token-use")
    def token_use_changed(self) -> None:
        self.schedule_verify()

    @on(Input.Submitted)
    def submitted(self) -> None:
        self.verify_now()

    # -- verification -------------------------------------------------------------------------

    def schedule_verify(self) -> None:
        """Verify shortly after the last keystroke (typing a pool id does not fetch on every key)."""
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_S, self.verify_now, name="tokens.debounce")

    def verify_now(self, force: bool = False) -> None:
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        request = self.form_request()
        if request == self.last_request and not force:
            return
        self.last_request = request
        if request.empty:
            self.show_results(request, {"id": None, "access": None})
            return
        self.status.busy("Verifying…")
        self.verify_tokens(request, self.app.runtime)

    @work(thread=True, exclusive=True, group="tokens.verify", exit_on_error=False)
    def verify_tokens(self, request: VerifyRequest, runtime: Any) -> None:
        """Validate both tokens off the UI thread (the JWKS may be fetched over HTTP)."""
        worker = get_current_worker()
        settings = runtime.settings
        source, issuer = self.jwks.target(
            request.issuer, runtime.endpoint_in_use, region=settings.region, timeout=settings.read_timeout
        )
        reports = verify_pair(request, source, self.clock(), issuer)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_results, request, reports)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A verification that crashed is a bug: say so here; the app's guard shows the detail panel."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.status.error(safe_text(f"Verification failed unexpectedly: {type(error).__name__}: {error}"))

    def show_results(self, request: VerifyRequest, reports: dict[str, ValidationReport | None]) -> None:
        if request != self.last_request:
            return  # a newer request is on its way
        self.reports = reports
        self.shown_request = request
        now = self.clock()
        for kind in KINDS:
            self.panel(kind).show(reports[kind], now)
        id_report, access_report = reports["id"], reports["access"]
        section = self.query_one("#compare-section")
        both = bool(id_report and id_report.token.payload and access_report and access_report.token.payload)
        section.display = both
        if both and id_report and access_report:
            comparison = compare(id_report.token.payload, access_report.token.payload)
            self.query_one("#compare-summary", Static).update(comparison_summary(comparison))
            self.query_one(ClaimComparisonTable).show(comparison)
        self.verifications += 1
        self.show_status(reports)
        self.refresh_bindings()

    def show_status(self, reports: dict[str, ValidationReport | None]) -> None:
        shown = {kind: report for kind, report in reports.items() if report is not None}
        if not shown:
            self.status.info(HINT)
            return
        for report in shown.values():
            jwks = report.get("jwks")
            if jwks is not None and jwks.status is Status.FAIL:
                self.status.error(f"The JWKS could not be loaded: {jwks.detail}  (r: retry)")
                return
        text = "  ·  ".join(f"{TITLES[kind]}: {report.summary}" for kind, report in shown.items())
        if all(report.valid for report in shown.values()):
            self.status.ok(text)
        else:
            self.status.error(text)

    def tick(self) -> None:
        """Once a second: countdown labels and time cells only; verify again when a token expires."""
        now = self.clock()
        crossed = [self.panel(kind).tick(now) for kind in KINDS]
        if any(crossed):
            self.verify_now(force=True)

    # -- actions ------------------------------------------------------------------------------

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        node: Any = event.widget
        while node is not None and node is not self:
            if isinstance(node, (TokenPanel, TokenInput)):
                self.current_kind = node.kind
                break
            node = node.parent
        self.refresh_bindings()

    def current_panel(self) -> TokenPanel:
        return self.panel(self.current_kind)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("copy_claim", "copy_token", "copy_json"):
            return True if self.current_panel().report is not None else None
        if action == "last_signin":
            tokens = getattr(self.app.state, "tokens", None)
            return True if tokens is not None and (tokens.id_token or tokens.access_token) else None
        if action == "leave_field":
            return isinstance(self.focused, (Input, Select))
        return True

    def action_paste(self) -> None:
        """Paste from the system clipboard into the field the token belongs to."""
        try:
            import pyperclip

            text = pyperclip.paste()
        except (ImportError, OSError, RuntimeError):  # pyperclip's "no backend" error is a RuntimeError
            self.notify(
                "No system clipboard is available: paste into a token field with your terminal's paste key.",
                severity="warning",
                markup=False,
            )
            return
        if not text or not text.strip():
            self.notify("The clipboard is empty.", severity="warning")
            return
        kind = guess_kind(decode_token(text).payload)
        kind = kind if kind in KINDS else self.current_kind
        self.token_input(kind).value = join_pasted_lines(text)
        self.current_kind = kind

    def action_last_signin(self) -> None:
        tokens = getattr(self.app.state, "tokens", None)
        if tokens is not None and (tokens.id_token or tokens.access_token):
            self.load_tokens(tokens)

    def action_copy_claim(self) -> None:
        panel = self.current_panel()
        table = self.focused if isinstance(self.focused, ClaimsTable) else None
        row = panel.selected_claim(table)
        if row is None:
            self.notify("Select a claim first (Tab to the claims table).", severity="warning")
            return
        self.app.copy_to_clipboard_text(claim_text(row.value), f"the {row.label} claim")

    def action_copy_token(self) -> None:
        panel = self.current_panel()
        text = panel.token_text()
        if text:
            self.app.copy_to_clipboard_text(text, f"the {TITLES[panel.kind]}")

    def action_copy_json(self) -> None:
        panel = self.current_panel()
        text = panel.decoded_json()
        if text is None:
            self.notify("Nothing could be decoded from this token.", severity="warning")
            return
        what = f"the decoded {TITLES[panel.kind]}"
        self.app.copy_to_clipboard_text(text, what)

    def action_retry(self) -> None:
        """Verify again with a fresh JWKS cache (after a network failure or a key rotation)."""
        self.jwks.reset()
        self.verify_now(force=True)

    def action_clear(self) -> None:
        for kind in KINDS:
            self.token_input(kind).value = ""
        self.verify_now()
        self.token_input("id").focus()

    def action_edit(self, kind: str) -> None:
        self.token_input(kind).focus()

    def action_leave_field(self) -> None:
        self.query_one("#token-results", VerticalScroll).focus()
