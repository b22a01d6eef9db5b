"""Temporary AWS credentials on screen: masked until revealed, a live countdown, STS proof and export.

``CredentialsPanel`` shows an ``AwsCredentials``: the access key id, the secret key masked
(``s`` reveals or hides it), the session token shortened, the expiration with a countdown that
``tick(now)`` rewrites (one label), the identity id, the role and why, and the STS caller once
proved. ``p`` posts ``ProveRequested`` (the screen makes the call in a worker and hands the result to
``show_proof``). Export: ``f`` picks the format (shell export lines, credentials-file profile,
credential_process JSON, config-file credential_process entry, JSON), ``c`` copies it to the
clipboard, ``w`` saves it with mode 0600: a whole file the user names, or, for the two profile
formats, one section of an AWS shared file, keeping the rest of it (``save_profile``). The export
holds the secret key in clear, so it only leaves on request.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Select, Static

from cogtui import clock
from cogtui.app_type import HasCogtuiApp
from cogtui.identity.credentials import AwsCredentials
from cogtui.identity.export import ExportError, render
from cogtui.identity.profile_file import default_file, section_values
from cogtui.screens.dialogs.save_file import save_profile, save_text
from cogtui.text_safety import safe_text
from cogtui.widgets.countdown import show_countdown

__all__ = ["EXPORT_FORMATS", "CredentialsPanel", "countdown"]

EXPORT_FORMATS: dict[str, tuple[str, str]] = {
    "env": ("shell export lines", "cogtui-credentials.env"),
    "profile": ("credentials-file profile", "cogtui-credentials.ini"),
    "credential-process": ("credential_process JSON", "cogtui-credential-process.json"),
    "config": ("config-file credential_process entry", "config"),
    "json": ("JSON", "cogtui-credentials.json"),
}
# Formats saved as one section of an AWS shared file: the format -> the kind of file.
SECTION_FORMATS = {"profile": "credentials", "config": "config"}
SOON_S = 60
MASK = "••••••••"
EMPTY = "No credentials yet: run the exchange (x)."
ROWS = (
    ("access-key", "Access key id"),
    ("secret-key", "Secret access key"),
    ("session-token", "Session token"),
    ("expires", "Expires"),
    ("identity-id", "Identity id"),
    ("role", "Role"),
    ("caller", "STS caller"),
)


def countdown(credentials: AwsCredentials, now: float) -> tuple[str, str]:
    """('2026-01-15 10:31:30 UTC · ✔ in 1m 29s', '-ok'); the class is -ok, -soon, -expired or -none."""
    left = clock.countdown(credentials.seconds_left(now), SOON_S)
    if left.state == "none" or credentials.expiration is None:
        return "– no expiration given", "-none"
    when = clock.format_time(credentials.expiration, "timestamp")
    return f"{when} · {left.glyph} {left.phrase if left.expired else left.relative}", left.css_class


class CredentialsPanel(HasCogtuiApp, VerticalScroll, can_focus=True):
    """The credentials of the last exchange; empty until ``show`` is called."""

    HELP = "s shows or hides the secret key; p proves the credentials with STS; f picks the export format; c copies it; w saves it."
    DEFAULT_CSS = """
    CredentialsPanel { height: 1fr; padding: 0 1; }
    CredentialsPanel:focus { background-tint: $foreground 3%; }
    CredentialsPanel .cred-row { height: auto; }
    CredentialsPanel .cred-label { width: 19; color: $text-muted; }
    CredentialsPanel .cred-value { width: 1fr; }
    CredentialsPanel #cred-expires.-soon { color: $text-warning; }
    CredentialsPanel #cred-expires.-expired { color: $text-error; text-style: bold; }
    CredentialsPanel #cred-caller.-ok { color: $text-success; }
    CredentialsPanel #cred-caller.-failed { color: $text-error; }
    CredentialsPanel #cred-empty { color: $text-muted; text-style: italic; }
    CredentialsPanel #cred-export { height: auto; margin-top: 1; }
    CredentialsPanel #cred-export > Static { width: auto; padding-right: 1; }
    CredentialsPanel #cred-format { width: 30; }
    CredentialsPanel #cred-export Button { margin-left: 1; }
    CredentialsPanel #cred-note { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [
        Binding("s", "toggle_secret", "Show/hide secret", id="creds.secret"),
        Binding("p", "prove", "Prove with STS", id="creds.prove"),
        Binding("f", "next_format", "Export format", id="creds.format"),
        Binding("c", "copy_export", "Copy export", id="creds.copy"),
        Binding("w", "save_export", "Save export…", id="creds.save"),
    ]

    class ProveRequested(Message):
        """The user asked to prove ``credentials`` with STS GetCallerIdentity."""

        def __init__(self, credentials: AwsCredentials) -> None:
            super().__init__()
            self.credentials = credentials

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.credentials: AwsCredentials | None = None
        self.secret_revealed = False
        self.fmt = "env"
        self.export_region: str | None = None
        self.process_command: str | None = None
        self.proving = False
        self.now = 0.0

    def compose(self) -> ComposeResult:
        yield Static(EMPTY, id="cred-empty", markup=False)
        for key, label in ROWS:
            with Horizontal(classes="cred-row", id=f"cred-row-{key}"):
                yield Static(label, classes="cred-label", markup=False)
                yield Static("", classes="cred-value", id=f"cred-{key}", markup=False)
        with Horizontal(id="cred-export"):
            yield Static("Export as", markup=False)
            options = [(label, fmt) for fmt, (label, _) in EXPORT_FORMATS.items()]
            yield Select(options, value=self.fmt, allow_blank=False, compact=True, id="cred-format")
            yield Button("Copy (c)", id="cred-copy", compact=True)
            yield Button("Save… (w)", id="cred-save", compact=True)
        yield Static(
            "The export holds the secret key in clear: it is copied or saved only when you ask.",
            id="cred-note",
            markup=False,
        )

    def on_mount(self) -> None:
        self._refresh_rows()

    # -- content -------------------------------------------------------------------------------

    def value(self, key: str) -> Static:
        """The value label of a row: access-key, secret-key, session-token, expires, identity-id, role, caller."""
        return self.query_one(f"#cred-{key}", Static)

    def show(
        self,
        credentials: AwsCredentials | None,
        *,
        now: float,
        role: str = "",
        region: str | None = None,
        command: str | None = None,
    ) -> None:
        """Show new credentials (masked again, not proved yet); None empties the panel.

        ``command`` is the cogtui command line a config-file credential_process entry runs."""
        self.credentials = credentials
        self.process_command = command
        self.secret_revealed = False
        self.proving = False
        self.export_region = region
        self.now = now
        self._refresh_rows()
        self.set_role(role)
        self.value("caller").set_classes("cred-value")
        self.value("caller").update("– not proved yet: p asks STS GetCallerIdentity with these credentials")
        self.refresh_bindings()

    def set_role(self, text: str) -> None:
        self.value("role").update(safe_text(text) or "not known")

    def _refresh_rows(self) -> None:
        creds = self.credentials
        self.query_one("#cred-empty").display = creds is None
        for key, _ in ROWS:
            self.query_one(f"#cred-row-{key}").display = creds is not None
        self.query_one("#cred-export").display = creds is not None
        self.query_one("#cred-note").display = creds is not None
        if creds is None:
            return
        self.value("access-key").update(safe_text(creds.access_key_id))
        self._render_secret()
        self.value("session-token").update(safe_text(creds.short_session_token or "—"))
        self.value("identity-id").update(safe_text(creds.identity_id or "—"))
        self.tick(self.now)

    def _render_secret(self) -> None:
        creds = self.credentials
        if creds is None:
            return
        if self.secret_revealed:
            self.value("secret-key").update(
                Content.assemble(safe_text(creds.secret_key), ("  (s hides it)", "$text-muted"))
            )
        else:
            shown = safe_text(creds.masked_secret_key or MASK)
            self.value("secret-key").update(Content.assemble(shown, ("  (s shows it)", "$text-muted")))

    def tick(self, now: float) -> None:
        """Rewrite the countdown (the only label that changes every second)."""
        self.now = now
        if self.credentials is None:
            return
        text, state = countdown(self.credentials, now)
        show_countdown(self.value("expires"), text, state)

    def proof_started(self) -> None:
        self.proving = True
        self.value("caller").set_classes("cred-value")
        self.value("caller").update("⋯ asking STS GetCallerIdentity with these credentials…")
        self.refresh_bindings()

    def show_proof(self, result: Any) -> None:
        """A ``ProofResult``: the caller ARN, or the refusal and its diagnosis."""
        self.proving = False
        caller = self.value("caller")
        if result.ok and result.caller is not None:
            caller.set_classes("cred-value -ok")
            caller.update(safe_text(f"✔ {result.caller.arn}  (account {result.caller.account})"))
        else:
            caller.set_classes("cred-value -failed")
            error = result.error
            lines = [
                f"✘ STS refused them: {error.code} — {error.message}" if error else "✘ STS refused them."
            ]
            if result.diagnosis is not None:
                lines += [f"Cause: {result.diagnosis.cause}", f"Next step: {result.diagnosis.next_step}"]
            caller.update("\n".join(safe_text(line) for line in lines))  # each line stays one line
        self.refresh_bindings()

    def export_text(self) -> str:
        """The credentials in the chosen format, secret key included."""
        if self.credentials is None:
            return ""
        return render(self.credentials, self.fmt, region=self.export_region, command=self.process_command)

    # -- actions -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_secret", "next_format", "copy_export", "save_export"):
            return True if self.credentials is not None else None
        if action == "prove":
            return True if self.credentials is not None and not self.proving else None
        return True

    def action_toggle_secret(self) -> None:
        self.secret_revealed = not self.secret_revealed
        self._render_secret()

    def action_prove(self) -> None:
        if self.credentials is not None and not self.proving:
            self.post_message(self.ProveRequested(self.credentials))

    def action_next_format(self) -> None:
        formats = list(EXPORT_FORMATS)
        self.query_one("#cred-format", Select).value = formats[(formats.index(self.fmt) + 1) % len(formats)]

    @on(Select.Changed, "#cred-format")
    def _format_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str) and event.value in EXPORT_FORMATS:
            self.fmt = event.value

    def action_copy_export(self) -> None:
        text = self._export_or_warn()
        if text:
            label = EXPORT_FORMATS[self.fmt][0]
            self.app.copy_to_clipboard_text(text, f"the credentials as {label} (secret key included)")

    def action_save_export(self) -> None:
        text = self._export_or_warn()
        if not text or self.credentials is None:
            return
        label, default = EXPORT_FORMATS[self.fmt]
        kind = SECTION_FORMATS.get(self.fmt)
        if kind is None:
            save_text(self.app, text, what=f"the credentials ({label})", default_path=default)
            return
        values, comment = section_values(kind, self.credentials, self.process_command)
        save_profile(
            self.app,
            kind=kind,
            what=f"the {label}",
            values=values,
            comment=comment,
            default_path=default_file(kind),
        )

    def _export_or_warn(self) -> str:
        try:
            return self.export_text()
        except ExportError as exc:
            self.app.notify(str(exc), severity="error", markup=False)
            return ""

    @on(Button.Pressed, "#cred-copy")
    def _copy_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_copy_export()

    @on(Button.Pressed, "#cred-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save_export()
