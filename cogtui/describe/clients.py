"""What an app client's detail screen lists, as plain rows: name, secret (masked), sign-in flows, OAuth and
hosted UI, token lifetimes and revocation, attributes.

Pure functions over the models (no widgets, no calls); the client detail screen lays the rows out beside
the client's findings.
"""

from __future__ import annotations

from cogtui.aws.models import AppClient, UserPool
from cogtui.describe.fields import Field, Row
from cogtui.describe.pools import NONE, hosted_ui_login_url, listed
from cogtui.findings import token_lifetime
from cogtui.findings.validity import TokenKind

__all__ = ["DEFAULT_FLOWS", "client_rows", "rotation_text"]

DEFAULT_FLOWS = "not set: SRP, custom auth and refresh (Cognito's default)"


def rotation_text(client: AppClient) -> str:
    rotation = client.refresh_rotation or {}
    if str(rotation.get("Feature") or "").upper() != "ENABLED":
        return "disabled"
    grace = rotation.get("RetryGracePeriodSeconds")
    return f"enabled ({grace} s grace period)" if grace is not None else "enabled"


def client_rows(client: AppClient, pool: UserPool | None) -> list[Row]:
    rows: list[Row] = [
        "App client",
        Field("Client name", client.name),
        Field("Client id", client.id),
        Field("User pool", client.pool_id, note=pool.name if pool else ""),
    ]
    if client.has_secret:
        rows.append(Field("Client secret", client.secret or "", secret=True, note="s shows, x copies"))
    else:
        rows.append(Field("Client secret", NONE, copyable=False, note="public client"))
    rows += [
        "Sign-in",
        Field("Explicit auth flows", listed(client.explicit_auth_flows, DEFAULT_FLOWS), copyable=False),
        Field(
            "User existence errors",
            client.prevent_user_existence_errors or "LEGACY",
            copyable=False,
            note="PreventUserExistenceErrors",
        ),
        Field(
            "Auth session validity",
            f"{client.auth_session_validity} minutes" if client.auth_session_validity else "3 minutes",
            copyable=False,
            note="" if client.auth_session_validity else "the default",
        ),
        "OAuth 2.0 and hosted UI",
        Field("OAuth enabled", "yes" if client.oauth_enabled else "no", copyable=False),
        Field("OAuth flows", listed(client.oauth_flows), copyable=False),
        Field("OAuth scopes", listed(client.oauth_scopes)),
        Field("Identity providers", listed(client.identity_providers)),
    ]
    rows += [Field("Callback URL", url) for url in client.callback_urls] or [
        Field("Callback URL", NONE, copyable=False)
    ]
    rows += [Field("Sign-out URL", url) for url in client.logout_urls] or [
        Field("Sign-out URL", NONE, copyable=False)
    ]
    if pool is not None and client.oauth_enabled and client.callback_urls:
        login = hosted_ui_login_url(pool, client)
        rows.append(Field("Hosted UI login", login or "", note="" if login else "the pool has no domain"))
    rows.append("Tokens")
    lifetimes: tuple[tuple[TokenKind, str], ...] = (
        ("access", "Access token"),
        ("id", "ID token"),
        ("refresh", "Refresh token"),
    )
    for kind, label in lifetimes:
        rows.append(Field(label, token_lifetime(client, kind).text, copyable=False))
    revocation = {True: "enabled", False: "disabled", None: "not reported (on by default)"}
    rows += [
        Field("Token revocation", revocation[client.enable_token_revocation], copyable=False),
        Field("Refresh token rotation", rotation_text(client), copyable=False),
        "Attributes",
        Field("Read attributes", listed(client.read_attributes, "not set: all standard attributes")),
        Field(
            "Write attributes", listed(client.write_attributes, "not set: all writable standard attributes")
        ),
    ]
    return rows
