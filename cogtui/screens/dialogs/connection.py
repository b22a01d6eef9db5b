"""The connection dialog (Ctrl+O): profile, region and endpoint, switched in place without restarting.

Profiles come from the AWS config files (SSO profiles included), regions from the SDK's list of those
where Cognito exists; both are read on a worker, so the dialog opens at once. It dismisses with the
settings of the chosen connection (the app switches to it), or None. When the last switch failed,
"Back" returns to the connection that worked before it.
"""

from __future__ import annotations

import asyncio
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from cogtui.screens.dialogs.base import Dialog, DialogButton
from cogtui.settings import Settings
from cogtui.switching import target_label

SANDBOX = ("sandbox",)
DEFAULT = ("default",)
PROFILE_REGION = ("profile-region",)


def profile_value(name: str) -> tuple[str, str]:
    return ("profile", name)


class ConnectionDialog(Dialog[Settings | None]):
    """Choose where cogtui connects; Enter (or Connect) switches, Esc keeps the current connection."""

    DIALOG_TITLE = "Connection"
    TITLE_ID = "connection-title"
    VARIANT = "accent"
    BOX = VerticalScroll  # a terminal shorter than 24 rows scrolls the box
    DEFAULT_CSS = """
    ConnectionDialog #connection-now { margin-bottom: 1; }
    ConnectionDialog #connection-fields {
        grid-size: 2; grid-columns: 10 1fr; grid-rows: 1; grid-gutter: 1 0; height: auto; margin-bottom: 1;
    }
    ConnectionDialog #connection-note { color: $text-muted; height: auto; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.loaded = False  # the profiles and regions are in the lists

    def compose_body(self) -> ComposeResult:
        yield Static(self.now_text(), id="connection-now")
        settings = self.app.runtime.settings
        with Grid(id="connection-fields"):
            yield Label("Profile")
            yield Select(
                self.first_profiles(),
                value=self.current_profile(),
                allow_blank=False,
                compact=True,
                id="connection-profile",
            )
            yield Label("Region")
            yield Select(
                self.region_options([]),
                value=self.current_region(),
                allow_blank=False,
                compact=True,
                id="connection-region",
            )
            yield Label("Endpoint")
            yield Input(
                settings.endpoint_url or "",
                placeholder="blank: AWS's own endpoint (or the sandbox's)",
                compact=True,
                id="connection-endpoint",
            )
        yield Static("Reading the AWS config files…", id="connection-note")
        yield self.keys_line(
            "Tab moves · Enter (in Endpoint, on Connect) switches · Esc cancels", id="connection-keys"
        )

    def buttons(self) -> list[DialogButton]:
        back = self.app.connection_back
        row = [DialogButton("Connect", "connection-ok", "primary")]
        if back is not None:
            row.append(DialogButton("Back", "connection-back"))
        row.append(DialogButton("Cancel", "connection-cancel"))
        return row

    def on_mount(self) -> None:
        self.query_one("#connection-profile", Select).focus()
        self.load_choices()

    # -- what is shown --------------------------------------------------------------------------------

    def now_text(self) -> Text:
        app = self.app
        text = Text("Now: ", style="bold")
        if app.state.connection is not None:
            text.append(app.state.connection.label)
        elif app.connection_problem:
            text.append(f"✘ not connected: {app.connection_problem}")
        else:
            text.append(f"connecting to {app.connection_target}…")
        back = app.connection_back
        if back is not None:
            text.append(f"\nBack: {target_label(back)}", style="italic")
        return text

    def first_profiles(self) -> list[tuple[str, Any]]:
        """The choices known before the config files are read: the sandbox, default credentials, and the
        profile in use."""
        runtime = self.app.runtime
        options: list[tuple[str, Any]] = []
        if runtime.has_sandbox:
            options.append(("local sandbox", SANDBOX))
        options.append(("default credentials", DEFAULT))
        if runtime.settings.profile:
            options.append((runtime.settings.profile, profile_value(runtime.settings.profile)))
        return options

    def current_profile(self) -> Any:
        settings = self.app.runtime.settings
        if settings.sandbox:
            return SANDBOX
        return profile_value(settings.profile) if settings.profile else DEFAULT

    def current_region(self) -> Any:
        app = self.app
        if app.state.connection is not None:
            return app.state.connection.region
        return app.runtime.settings.region or PROFILE_REGION

    def region_options(self, regions: list[str]) -> list[tuple[str, Any]]:
        current = self.current_region()
        known = list(regions)
        if isinstance(current, str) and current not in known:
            known.insert(0, current)
        return [("the profile's region", PROFILE_REGION), *((r, r) for r in known)]

    @work(exclusive=True, group="connection.choices", exit_on_error=False)
    async def load_choices(self) -> None:
        from cogtui.aws.profiles import connection_choices  # reads files and the SDK's data: off the loop

        choices = await asyncio.to_thread(connection_choices)
        profiles = self.first_profiles()
        named = {value for _, value in profiles}
        for profile in choices.profiles:
            value = profile_value(profile.name)
            if value not in named:
                profiles.append((f"{profile.name} · {profile.description}", value))
        profile_select = self.query_one("#connection-profile", Select)
        chosen = profile_select.value
        profile_select.set_options(profiles)
        profile_select.value = chosen
        region_select = self.query_one("#connection-region", Select)
        region = region_select.value
        region_select.set_options(self.region_options(choices.regions))
        region_select.value = region
        note = self.query_one("#connection-note", Static)
        if choices.problem:
            note.update(Text(f"✘ {choices.problem}"))
        else:
            n = len(choices.profiles)
            note.update(
                Text(
                    f"{n} profile{'s' if n != 1 else ''} in the AWS config files · regions where Cognito runs"
                )
            )
        self.loaded = True

    # -- the answer -----------------------------------------------------------------------------------

    def chosen(self) -> Settings:
        """The settings of the connection the fields describe."""
        runtime = self.app.runtime
        profile = self.query_one("#connection-profile", Select).value
        region = self.query_one("#connection-region", Select).value
        endpoint = self.query_one("#connection-endpoint", Input).value.strip() or None
        return runtime.target(
            profile=profile[1] if isinstance(profile, tuple) and profile[0] == "profile" else None,
            region=region if isinstance(region, str) else None,
            endpoint_url=endpoint,
            sandbox=profile == SANDBOX,
        )

    def problem(self) -> str | None:
        endpoint = self.query_one("#connection-endpoint", Input).value.strip()
        if endpoint and not endpoint.startswith(("http://", "https://")):
            return f"An endpoint is a URL starting with http:// or https://, not {endpoint!r}."
        return None

    def connect(self) -> None:
        problem = self.problem()
        if problem:
            self.query_one("#connection-note", Static).update(Text(f"✘ {problem}"))
            self.query_one("#connection-endpoint", Input).focus()
            return
        self.dismiss(self.chosen())

    @on(Select.Changed, "#connection-profile")
    def _profile_changed(self, event: Select.Changed) -> None:
        """The sandbox's endpoint goes with the sandbox: left for a profile, filled in coming back."""
        info = self.app.runtime.sandbox_info
        field = self.query_one("#connection-endpoint", Input)
        if info is None:
            return
        if event.value != SANDBOX and field.value.strip() == info.endpoint_url:
            field.value = ""
        elif event.value == SANDBOX and not field.value.strip():
            field.value = info.endpoint_url

    @on(Input.Submitted, "#connection-endpoint")
    def _endpoint_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.connect()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "connection-ok":
            self.connect()
        elif event.button.id == "connection-back":
            self.dismiss(self.app.connection_back)
        else:
            self.dismiss(None)
