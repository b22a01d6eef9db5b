"""Why can't this user sign in? The sign-in doctor's verdict for one user of a pool, check by check.

Opened from the user page (w) or the command palette. The doctor only reads (the pool, its MFA
settings, the user, groups, sign-in events, identity pools); it runs in a worker and r runs it again.
Each check is a row: its glyph and colour, what was found, the cause, the fix and the admin call that
fixes it; f runs that call (after a confirmation) and the doctor runs again.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from cogtui.auth.doctor import DoctorCheck, Outcome, Verdict, examine
from cogtui.aws.errors import CogtuiError
from cogtui.screens.base import CogtuiScreen
from cogtui.screens.doctor_fix import DoctorFixes
from cogtui.widgets.connection_bar import ConnectionBar
from cogtui.widgets.key_bar import KeyBar
from cogtui.widgets.status_line import StatusLine

OUTCOME_CLASSES = {
    Outcome.SIGNS_IN: "-pass",
    Outcome.CHALLENGED: "-warn",
    Outcome.REFUSED: "-fail",
    Outcome.UNKNOWN: "-skip",
}
OUTCOME_GLYPHS = {Outcome.SIGNS_IN: "✔", Outcome.CHALLENGED: "!", Outcome.REFUSED: "✘", Outcome.UNKNOWN: "–"}


def check_text(check: DoctorCheck) -> Text:
    """One check as plain text lines: glyph, name and finding; then cause, fix and admin action."""
    text = Text()
    text.append(f"{check.glyph} ")
    text.append(check.name, style="bold")
    text.append(f"  {check.detail}")
    for label, note in check.notes():
        text.append(f"\n  {label.capitalize()}: {note}")
    return text


class SignInDoctorScreen(DoctorFixes, CogtuiScreen):
    """The doctor's verdict for ``typed`` in a pool (optionally through one app client and flow)."""

    CSS_PATH = "../styles/signin_doctor.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back", id="doctor.back"),
        Binding("r", "rerun", "Run again", id="doctor.rerun"),
        Binding("f", "fix", "Fix it", id="doctor.fix"),
    ]

    def __init__(
        self,
        pool_id: str,
        typed: str,
        client_id: str | None = None,
        flow: str | None = None,
        pool_name: str = "",
    ) -> None:
        super().__init__()
        self.pool_id = pool_id
        self.typed = typed
        self.client_id = client_id
        self.flow = flow
        self.pool_name = pool_name
        self.verdict: Verdict | None = None

    def compose(self) -> ComposeResult:
        settings = self.app.settings
        yield ConnectionBar(sandbox=settings.sandbox, read_only=settings.read_only)
        where = f"{self.pool_name} ({self.pool_id})" if self.pool_name else self.pool_id
        yield Static(Text(f"Why can't {self.typed} sign in? · pool {where}"), classes="screen-title")
        yield Static("", id="doctor-verdict")
        yield VerticalScroll(id="doctor-checks")
        yield StatusLine(id="doctor-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.run_doctor()

    @property
    def status(self) -> StatusLine:
        return self.query_one("#doctor-status", StatusLine)

    @work(exclusive=True, group="doctor.run", exit_on_error=False)
    async def run_doctor(self) -> None:
        await self.diagnose()

    async def diagnose(self, done: str = "") -> None:
        """Read and show the verdict; ``done`` says what a fix just changed."""
        self.status.busy(f"Reading the pool, the client and {self.typed}…")
        gateway = self.app.gateway
        try:
            verdict = await examine(gateway, self.pool_id, self.typed, self.client_id, self.flow)
        except CogtuiError as err:
            self.status.error(f"{done} The doctor could not run again: {err.message}" if done else err)
            return
        await self.show(verdict)
        if done:
            self.status.ok(f"{done} The doctor ran again: {verdict.summary}.")
        else:
            fix = "  f: fix it" if verdict.actions else ""
            self.status.ok(
                f"{len(verdict.checks)} checks; nothing was signed in or changed.  (r: run again{fix})"
            )
        self.verdict = verdict  # published once rows and status line show it

    async def show(self, verdict: Verdict) -> None:
        banner = self.query_one("#doctor-verdict", Static)
        banner.set_classes(OUTCOME_CLASSES[verdict.outcome])
        banner.update(Text(f"{OUTCOME_GLYPHS[verdict.outcome]} {verdict.summary}"))
        rows = self.query_one("#doctor-checks", VerticalScroll)
        await rows.remove_children()
        await rows.mount_all(
            Static(check_text(c), classes=f"doctor-check -{c.status.value}") for c in verdict.checks
        )

    def action_rerun(self) -> None:
        self.run_doctor()

    def action_fix(self) -> None:
        self.run_fix()

    def action_back(self) -> None:
        self.dismiss(None)
