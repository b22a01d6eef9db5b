"""The two sides an identity-pool exchange depends on, side by side: the identity pool's settings and
the token's claims.

``pool_rows(pool, facts)`` lists the identity pool's guest access, classic flow (``None`` = not
stated by the endpoint) and Cognito providers with their app client ids and server-side token
check, marking the provider and client that match the token. ``TokenSummary`` shows the token's
iss, aud, token_use, the logins key built from iss, cognito:roles and preferred_role, and a live
countdown to exp that ``tick(now)`` rewrites (one label).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from cogtui.aws.models import IdentityPool
from cogtui.clock import countdown, format_utc
from cogtui.identity.checks import TokenFacts, read_token
from cogtui.identity.roles import explain_role
from cogtui.text_safety import safe_text
from cogtui.widgets.countdown import show_countdown
from cogtui.widgets.field_list import Field, FieldList, Row

__all__ = ["TokenSummary", "explain_result_role", "expiry_text", "pool_rows", "role_summary", "token_rows"]

SOON_S = 120


def _flag(pool: IdentityPool, key: str, value: bool | None) -> tuple[str, str]:
    if value is None or key not in pool.raw:
        return "not stated", "by the endpoint"
    return ("on" if value else "off"), ""


def pool_rows(pool: IdentityPool | None, facts: TokenFacts | None = None, note: str = "") -> list[Row]:
    """Settings that decide an exchange; providers matching the token's issuer and aud are marked."""
    if pool is None:
        return [Field("Identity pool", "", copyable=False, note=note or "pick or type an identity pool")]
    guest, guest_note = _flag(pool, "AllowUnauthenticatedIdentities", pool.allow_unauthenticated)
    classic, classic_note = _flag(pool, "AllowClassicFlow", pool.allow_classic_flow)
    rows: list[Row] = [
        Field("Name", pool.name),
        Field("Id", pool.id),
        Field("Guest access", guest, copyable=False, note=guest_note),
        Field("Classic flow", classic, copyable=False, note=classic_note),
        "User pool providers",
    ]
    if not pool.providers:
        rows.append(Field("Providers", "none", copyable=False))
    key = facts.key.key if facts is not None and facts.key.ok else None
    aud = facts.aud if facts is not None else None
    for provider in pool.providers:
        matches = key is not None and provider.provider_name == key
        rows.append(Field("Provider", provider.provider_name, note="✔ the token's issuer" if matches else ""))
        client_note = ""
        if matches and aud is not None:
            client_note = "✔ the token's aud" if aud == provider.client_id else f"✘ the token is for {aud}"
        rows.append(Field("  App client id", provider.client_id, note=client_note))
        rows.append(
            Field("  Token check", "on" if provider.server_side_token_check else "off", copyable=False)
        )
    other = [
        *(Field("OpenID provider", arn) for arn in pool.openid_providers),
        *(Field("SAML provider", arn) for arn in pool.saml_providers),
        *(Field(name, app_id) for name, app_id in sorted(pool.supported_logins.items())),
    ]
    if pool.developer_provider:
        other.append(Field("Developer provider", pool.developer_provider))
    if other:
        rows += ["Other providers", *other]
    return rows


def _listed(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def token_rows(facts: TokenFacts | None) -> list[Row]:
    """The claims an identity pool looks at, and the logins key built from iss."""
    if facts is None:
        return []
    if not facts.readable:
        return [Field("Token", "", copyable=False, note=f"cannot be read: {facts.problem}")]
    payload = facts.payload or {}
    key_note = "" if facts.key.ok else f"✘ {facts.key.message}"
    rows: list[Row] = [
        Field(
            "token_use",
            _listed(payload.get("token_use")),
            note="" if facts.kind != "access" else "✘ need the ID token",
        ),
        Field("iss", facts.iss or ""),
        Field("Logins key", facts.key.key if facts.key.ok else "", note=key_note),
        Field("aud", facts.aud or _listed(payload.get("client_id"))),
        Field("cognito:username", _listed(payload.get("cognito:username"))),
        Field("cognito:groups", _listed(payload.get("cognito:groups")), copyable=False),
        Field("cognito:roles", ", ".join(facts.roles)),
        Field("preferred_role", facts.preferred_role or ""),
    ]
    return rows


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


def role_summary(explanation: Any) -> str:
    """A ``RoleExplanation`` in one sentence (escaped: the role comes from a token or an answer): the role
    (or none), where it comes from, and why."""
    if explanation.role_arn:
        return safe_text(f"{explanation.role_arn} ({explanation.source}). {explanation.detail}")
    if not explanation.known:
        return safe_text(explanation.detail)
    return safe_text(f"none ({explanation.source}). {explanation.detail}")


def explain_result_role(result: Any, roles: Any, caller_arn: str | None = None) -> Any:
    """The ``RoleExplanation`` of an ``ExchangeResult``: its request, its token's claims, the STS caller."""
    request = result.request
    key, token = next(iter(request.logins.items()), (None, None))
    facts = read_token(token) if token else None
    return explain_role(
        roles=roles,
        flow=request.flow,
        guest=request.guest,
        claims=facts.payload if facts else None,
        logins_key=key,
        client_id=facts.aud if facts else None,
        custom_role_arn=request.custom_role_arn,
        basic_role_arn=request.role_arn,
        caller_arn=caller_arn or result.assumed_role_arn,
    )
