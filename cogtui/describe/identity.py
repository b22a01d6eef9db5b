"""What the identity screen says about an identity pool and an ID token, as plain rows and words.

``pool_rows(pool, facts)`` lists the identity pool's guest access, classic flow (``"not stated"`` when the
endpoint leaves it out) and providers with their app client ids and server-side token check, marking the
provider and client that match the token. ``token_rows(facts)`` lists the claims an identity pool looks at
and the logins key built from iss. ``role_summary(explanation)`` says a ``RoleExplanation`` in one sentence.
"""

from __future__ import annotations

from typing import Any

from cogtui.aws.models import IdentityPool
from cogtui.describe.fields import Field, Row
from cogtui.identity.checks import TokenFacts
from cogtui.identity.roles import RoleExplanation
from cogtui.text_safety import safe_text

__all__ = ["pool_rows", "role_summary", "token_rows"]


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


def role_summary(explanation: RoleExplanation) -> str:
    """A ``RoleExplanation`` in one sentence (escaped: the role comes from a token or an answer): the role
    (or none), where it comes from, and why."""
    if explanation.role_arn:
        return safe_text(f"{explanation.role_arn} ({explanation.source}). {explanation.detail}")
    if not explanation.known:
        return safe_text(explanation.detail)
    return safe_text(f"none ({explanation.source}). {explanation.detail}")
