"""The API's own JSON for an object (a pool, a client, a user...): pretty-printed with syntax colour,
secrets masked until ``s`` shows them, ``c`` copies and ``w`` saves what is shown.

The screen makes the read-only call itself (``cogtui.exports.raw``), so what it shows is the response of
that call now, not a model rebuilt from it. Several calls (an identity pool and its roles) are shown one
at a time; ``n`` goes to the next.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from typing import Any

from rich.console import RenderableType
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from cogtui.aws.errors import CogtuiError
from cogtui.exports.raw import MASK, RawRequest, count_secrets, read_raw, to_json
from cogtui.screens.dialogs.base import Dialog
from cogtui.screens.dialogs.save_file import save_text
from cogtui.widgets.key_bar import KeyBar

_TOKENS = re.compile(
    r'(?P<key>"(?:[^"\\]|\\.)*")(?=\s*:)|(?P<string>"(?:[^"\\]|\\.)*")'
    r"|(?P<number>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(?P<literal>\btrue\b|\bfalse\b|\bnull\b)"
)
# Which theme variable colours each kind of token.
_COLOURS = {"key": "accent", "string": "success", "number": "warning", "literal": "secondary"}


def highlight_json(text: str, variables: dict[str, str]) -> Text:
    """``text`` (JSON) with keys, strings, numbers and literals in the theme's colours; masks stand out."""
    out = Text(text, no_wrap=False)
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup or ""
        if kind == "string" and match.group(kind) == f'"{MASK}"':
            out.stylize(f"bold {variables.get('error', '')}".strip(), *match.span())
            continue
        colour = variables.get(_COLOURS.get(kind, ""), "")
        if colour:
            out.stylize(colour, *match.span())
    return out


class RawJsonScreen(Dialog[None]):
    """The responses of ``requests``, one at a time."""

    DEFAULT_CSS = """
    RawJsonScreen > .dialog-box { width: 110; max-width: 98%; height: 90%; padding: 0 1; }
    RawJsonScreen #raw-call { color: $text-muted; }
    RawJsonScreen #raw-note { color: $text-muted; margin-bottom: 1; }
    RawJsonScreen #raw-note.-secret { color: $warning; }
    RawJsonScreen #raw-scroll { height: 1fr; background: $boost; }
    RawJsonScreen #raw-json { padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Close", id="raw.close"),
        Binding("s", "toggle_secrets", "Show/hide secrets", id="raw.secrets"),
        Binding("c", "copy", "Copy JSON", id="raw.copy"),
        Binding("w", "save", "Save JSON…", id="raw.save"),
        Binding("n", "next_response", "Next response", id="raw.next"),
        Binding("r", "reload", "Reload", id="raw.reload"),
    ]
    TITLE_ID = "raw-title"

    def __init__(self, requests: Sequence[RawRequest]) -> None:
        super().__init__()
        if not requests:
            raise ValueError("nothing to show")
        self.requests = tuple(requests)
        self.index = 0
        self.responses: dict[int, dict[str, Any] | CogtuiError] = {}
        self.revealed = False

    @property
    def request(self) -> RawRequest:
        return self.requests[self.index]

    @property
    def response(self) -> dict[str, Any] | None:
        found = self.responses.get(self.index)
        return found if isinstance(found, dict) else None

    @property
    def shown_text(self) -> str:
        """The JSON as shown: secrets masked unless revealed."""
        return "" if self.response is None else to_json(self.response, reveal=self.revealed)

    def heading(self) -> RenderableType:
        return Text("")  # the response's title, once ``render_response`` knows which is shown

    def compose_body(self) -> ComposeResult:
        yield Static("", id="raw-call", markup=False)
        yield Static("", id="raw-note", markup=False)
        with VerticalScroll(id="raw-scroll"):
            yield Static("⋯ Reading…", id="raw-json", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#raw-scroll").focus()
        self.render_response()
        self.load()

    @work(exclusive=True, group="raw.load", exit_on_error=False)
    async def load(self) -> None:
        gateway = self.app.gateway

        async def one(request: RawRequest) -> dict[str, Any] | CogtuiError:
            try:
                return await read_raw(gateway, request)
            except CogtuiError as err:
                return err

        found = await asyncio.gather(*(one(r) for r in self.requests))
        self.responses = dict(enumerate(found))
        self.render_response()

    def render_response(self) -> None:
        request = self.request
        count = f"  ({self.index + 1} of {len(self.requests)}, n: next)" if len(self.requests) > 1 else ""
        self.query_one("#raw-title", Static).update(Text(f"Raw JSON · {request.title}{count}"))
        self.query_one("#raw-call", Static).update(Text(f"{request.call}"))
        note = self.query_one("#raw-note", Static)
        body = self.query_one("#raw-json", Static)
        found = self.responses.get(self.index)
        note.remove_class("-secret")
        if found is None:
            note.update("")
            body.update("⋯ Reading…")
        elif isinstance(found, CogtuiError):
            note.update(Text(f"✘ {found.code}"))
            body.update(
                Text(
                    f"✘ {request.operation} failed: {found.message}"
                    + (f"\n{found.hint}" if found.hint else "")
                )
            )
        else:
            secrets = count_secrets(found)
            parts = [
                "The response as the API returned it; timestamps in ISO 8601, as the AWS CLI prints them."
            ]
            if secrets:
                shown = "shown: copy and save include them" if self.revealed else "masked: s shows"
                parts.append(f"{secrets} secret{'s' if secrets != 1 else ''} {shown}.")
                if self.revealed:
                    note.add_class("-secret")
            note.update(Text(" ".join(parts)))
            body.update(highlight_json(self.shown_text, self.app.get_css_variables()))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_response":
            return len(self.requests) > 1
        if action == "toggle_secrets":
            return True if self.response is not None and count_secrets(self.response) else None
        if action in {"copy", "save"}:
            return self.response is not None
        return True

    def action_reload(self) -> None:
        self.responses = {}
        self.render_response()
        self.load()

    def action_next_response(self) -> None:
        self.index = (self.index + 1) % len(self.requests)
        self.render_response()

    def action_toggle_secrets(self) -> None:
        self.revealed = not self.revealed
        self.render_response()

    def _what(self) -> str:
        secrets = (
            " with its secrets" if self.revealed and self.response and count_secrets(self.response) else ""
        )
        return f"the {self.request.operation} response{secrets}"

    def action_copy(self) -> None:
        if self.response is not None:
            self.app.copy_to_clipboard_text(self.shown_text, self._what())

    def action_save(self) -> None:
        if self.response is None:
            return
        ident = "-".join(str(v) for v in self.request.params.values())
        default = re.sub(r"[^\w.@+-]", "_", f"{self.request.operation}-{ident}.json")
        save_text(self.app, self.shown_text, what=self._what(), default_path=default)
