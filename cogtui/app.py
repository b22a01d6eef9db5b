"""The Textual App: global bindings, app-wide state, the error guard; make_app() builds it."""

from __future__ import annotations

import gc
import sys
import weakref
from typing import Any

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from cogtui.aws.errors import CogtuiError
from cogtui.commands import PaletteProvider
from cogtui.commands_connection import ConnectionCommands
from cogtui.commands_users import UserSearchCommands
from cogtui.runtime import Runtime
from cogtui.screens.dialogs.error_panel import ErrorPanel
from cogtui.settings import Settings
from cogtui.state import AppState
from cogtui.switching import ConnectionSwitching, target_label

# Failures of a call that cogtui itself refused to send: they say nothing about the connection.
REFUSED_BEFORE_SENDING = frozenset({"ReadOnly", "ParamValidation"})
# The four modes share one place in the key bar ("1234 Modes"), so a narrow terminal keeps the screen's keys.
MODE_KEYS = Binding.Group("Modes", compact=True)
NARROW_BELOW = 100  # columns: a terminal narrower than this stacks side-by-side panes
SWITCH_INTERVAL_S = 0.001  # how long a thread may hold the GIL while another waits (Python's default: 5 ms)


class CogtuiApp(ConnectionSwitching, App[None]):
    """cogtui: explore pools, debug sign-in, inspect tokens, test identity pools."""

    TITLE = "cogtui"
    CSS_PATH = "styles/app.tcss"
    COMMANDS = App.COMMANDS | {PaletteProvider, ConnectionCommands, UserSearchCommands}
    DEFAULT_MODE = "explore"
    # Every screen gets -narrow below 100 columns (panes stack, label columns shrink) and -wide from 100 on.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]
    MODES = {
        "explore": lambda: _screen("pools", "PoolsScreen"),
        "signin": lambda: _screen("signin", "SignInScreen"),
        "tokens": lambda: _screen("tokens", "TokensScreen"),
        "identity": lambda: _screen("identity", "IdentityScreen"),
    }
    BINDINGS = [
        Binding("1", "switch_mode('explore')", "Explore", id="app.mode_explore", group=MODE_KEYS),
        Binding("2", "switch_mode('signin')", "Sign in", id="app.mode_signin", group=MODE_KEYS),
        Binding("3", "switch_mode('tokens')", "Tokens", id="app.mode_tokens", group=MODE_KEYS),
        Binding("4", "switch_mode('identity')", "Identity", id="app.mode_identity", group=MODE_KEYS),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit_priority"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("f2", "sandbox_info", "Sandbox logins", id="app.sandbox_info"),
        Binding("ctrl+o", "connection", "Connection", show=False, id="app.connection"),
    ]

    state: reactive[AppState] = reactive(AppState, always_update=True)
    # Why no call has reached the endpoint yet (no credentials, unknown profile, endpoint down); every
    # header shows it instead of "connecting…" until a call succeeds.
    connection_problem: reactive[str] = reactive("")
    # The connection being made or in use, named from the settings (the header's words until connected).
    connection_target: reactive[str] = reactive("")

    def __init__(self, settings: Settings, runtime: Runtime) -> None:
        super().__init__()
        self.settings = settings
        self.runtime = runtime
        self.gateway = runtime.gateway
        self.theme = settings.theme
        self.set_reactive(CogtuiApp.connection_target, target_label(runtime.settings))
        self._reported_workers: weakref.WeakSet[Worker[Any]] = weakref.WeakSet()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sandbox_info":
            return self.settings.sandbox
        return True

    def on_mount(self) -> None:
        self.subscribe_trace()
        # Everything loaded so far lives as long as the app: keep it out of the collector's full passes,
        # which otherwise rescan it again and again while thousands of users stream in.
        gc.freeze()
        # A worker whose reply has arrived waits for the UI thread to hand over the GIL; Python's default
        # 5 ms slice stretched every page of a long listing. 1 ms keeps the network work flowing.
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL_S)

    def subscribe_trace(self) -> None:
        """Follow the gateway's calls (those made before, too: a fast failure at startup)."""
        self.unsubscribe_trace = self.gateway.trace.subscribe(self._on_trace)
        for entry in self.gateway.trace.entries:
            self._on_trace(entry)

    def on_unmount(self) -> None:
        self.unsubscribe_trace()
        sys.setswitchinterval(self._switch_interval)
        gc.unfreeze()  # what the app held can be collected again (an app run inside a longer process)

    def _on_trace(self, entry: Any) -> None:
        """The first successful call tells us where we are connected; show it in every header. Until
        then, a call that got no answer at all says why in the header."""
        if self.state.connection is not None:
            return
        if entry.ok:
            self.connected()
        elif entry.http_status is None and entry.error_code not in REFUSED_BEFORE_SENDING:
            self.connection_problem = f"{entry.error_message or entry.error_code} ({entry.error_code})"

    # -- state ----------------------------------------------------------------------------------

    def update_state(self, **changes: Any) -> None:
        """Replace the app state atomically; watchers on every screen see the new value."""
        self.state = self.state.evolve(**changes)

    @work(exclusive=True, group="app.connected", exit_on_error=False)
    async def connected(self) -> None:
        """Called once the first call succeeded: show where we are connected."""
        if self.state.connection is None:
            gateway = self.gateway
            info = await gateway.info()
            if gateway is self.gateway:  # not a connection left behind by a switch meanwhile
                self.runtime.last_good = self.runtime.settings
                self.connection_problem = ""
                self.update_state(connection=info)

    # -- navigation -----------------------------------------------------------------------------

    def open_pool(self, summary: Any) -> None:
        from cogtui.screens.pool_detail import PoolDetailScreen

        self.update_state(pool_id=summary.id, pool_name=summary.name)
        self.push_screen(PoolDetailScreen(summary.id, summary.name))

    def open_client(self, pool_id: str, client_id: str) -> None:
        from cogtui.screens.client_detail import ClientDetailScreen

        self.update_state(pool_id=pool_id, client_id=client_id)
        self.push_screen(ClientDetailScreen(pool_id, client_id))

    def open_identity_pools(self) -> None:
        from cogtui.screens.identity_pools import IdentityPoolsScreen

        self.push_screen(IdentityPoolsScreen())

    def go_home(self) -> None:
        """Back to the user pools list (the explore mode's first screen), keeping its cursor."""
        self.switch_mode(self.DEFAULT_MODE)
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_help(self) -> None:
        from cogtui.screens.dialogs.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_connection(self) -> None:
        from cogtui.screens.dialogs.connection import ConnectionDialog

        self.push_screen(ConnectionDialog(), self._connection_chosen)

    def _connection_chosen(self, target: Settings | None) -> None:
        if target is not None:
            self.connect_to(target)

    def action_sandbox_info(self) -> None:
        from cogtui.screens.dialogs.sandbox_info import SandboxInfoScreen

        self.push_screen(SandboxInfoScreen(self.runtime.sandbox_info))

    # -- clipboard and errors -------------------------------------------------------------------

    def copy_to_clipboard_text(self, text: str, what: str = "text") -> None:
        """Copy on a thread: pyperclip starts a process (xclip, pbcopy...), which the UI must not wait on."""
        self.run_worker(
            lambda: self._copy_off_the_loop(text, what),
            thread=True,
            group="clipboard",
            exit_on_error=False,
        )

    def _copy_off_the_loop(self, text: str, what: str) -> None:
        from cogtui.clipboard import copy_text

        def terminal_copy(value: str) -> None:  # OSC 52 writes to the terminal: back on the event loop
            self.call_from_thread(self.copy_to_clipboard, value)

        try:
            how = copy_text(text, osc52=terminal_copy)
        except Exception:
            self.call_from_thread(self.notify, "No clipboard is available.", severity="error")
            return
        self.call_from_thread(self.notify, f"Copied {what} to the {how}.", markup=False)

    def show_error(self, title: str, message: str, detail: str = "") -> None:
        self.push_screen(ErrorPanel(title, message, detail))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.guard_worker(event)

    def guard_worker(self, event: Worker.StateChanged) -> None:
        """The app-level guard: a worker that fails is explained, and the app keeps running."""
        if event.state != WorkerState.ERROR or event.worker in self._reported_workers:
            return
        self._reported_workers.add(event.worker)
        error = event.worker.error
        if isinstance(error, CogtuiError):
            self.notify(error.describe(), title=error.title, severity="error", markup=False, timeout=8)
            return
        import traceback

        detail = "".join(traceback.format_exception(error)) if error else "no detail"
        self.show_error(
            "Unexpected error",
            f"{type(error).__name__}: {error}. cogtui kept running; copy the detail for a bug report.",
            f"worker: {event.worker.name}\n{detail}",
        )


def _screen(module: str, name: str) -> Screen[Any]:
    """Import a mode's first screen only when the mode is first opened (keeps start-up fast)."""
    import importlib

    screen: Screen[Any] = getattr(importlib.import_module(f"cogtui.screens.{module}"), name)()
    return screen


def make_app(settings: Settings, runtime: Runtime | None = None) -> CogtuiApp:
    """Build the app for ``settings``; tests pass a runtime wired to the sandbox."""
    return CogtuiApp(settings, runtime or Runtime(settings))
