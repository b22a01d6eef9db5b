"""The ID token's side of an identity-pool exchange: where the token comes from, its claims, its countdown.

``TokenSummary`` shows the token's iss, aud, token_use, the logins key built from iss, cognito:roles and
preferred_role (the rows of ``cogtui.describe.identity.token_rows``), and a live countdown to exp that
``tick(now)`` rewrites (one label) on the screen's one timer.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from cogtui.clock import countdown, format_utc
from cogtui.describe.identity import token_rows
from cogtui.identity.checks import TokenFacts
from cogtui.text_safety import safe_text
from cogtui.widgets.countdown import show_countdown
from cogtui.widgets.field_list import FieldList

__all__ = ["TokenSummary", "expiry_text"]

SOON_S = 120


def expiry_text(exp: float | None, now: float) -> tuple[str, str]:
    """('✔ expires in 59m · exp 2026-01-15 10:30:00 UTC', '-ok'); classes -ok, -soon, -expired, -none."""
    if exp is None:
        return "– the token has no usable exp claim", "-none"
    left = countdown(exp - now, SOON_S)
    return f"{left.glyph} {left.phrase} · exp {format_utc(exp)}", left.css_class


class TokenSummary(Vertical):
    """Where the token comes from, its countdown, and its claims (a FieldList: c copies a value)."""

    DEFAULT_CSS = """
    TokenSummary { height: 1fr; }
    TokenSummary > .token-source { color: $text-muted; }
    TokenSummary > .token-expiry.-soon { color: $text-warning; }
    TokenSummary > .token-expiry.-expired { color: $text-error; text-style: bold; }
    TokenSummary > .token-expiry.-none { color: $text-muted; }
    TokenSummary > FieldList { height: 1fr; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.facts: TokenFacts | None = None

    def compose(self) -> ComposeResult:
        yield Static("", classes="token-source", markup=False)
        yield Static("", classes="token-expiry", markup=False)
        yield FieldList(
            label_width=17, empty="No ID token: sign in (2) or paste one above.", classes="token-claims"
        )

    def show(self, facts: TokenFacts | None, source: str, now: float) -> None:
        self.facts = facts
        self.query_one(".token-source", Static).update(safe_text(source))
        self.query_one(".token-expiry", Static).display = facts is not None and facts.readable
        self.query_one(FieldList).set_fields(token_rows(facts))
        self.tick(now)

    def tick(self, now: float) -> None:
        """Rewrite the countdown to exp."""
        if self.facts is None or not self.facts.readable:
            return
        text, state = expiry_text(self.facts.exp, now)
        show_countdown(self.query_one(".token-expiry", Static), text, state)
