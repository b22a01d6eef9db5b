"""What a user pool's detail tabs show, as plain rows: overview, sign-in settings, schema, triggers, and one
identity provider (its details masked where they are credentials).

Pure functions over the models (no widgets, no calls), so the wording is testable on its own; the pool
detail screen lays the rows out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote

from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import AppClient, IdentityProvider, MfaConfig, UserPool
from cogtui.clock import format_time
from cogtui.describe.fields import Field, Row
from cogtui.tokens.pool_issuer import PoolIssuers

NONE = "none"
SECRET_DETAIL_KEYS = ("secret", "private_key")


def fmt_date(value: datetime | None) -> str:
    """An absolute date (never relative, so screens and snapshots do not drift)."""
    return format_time(value, "minute") if value else ""


def unread_text(err: CogtuiError) -> str:
    """Why something could not be read: the operation, the error code and the service's message."""
    where = f"{err.operation}: " if err.operation else ""
    return f"{where}{err.code} — {err.message}"


def listed(values: Sequence[str], empty: str = NONE) -> str:
    return ", ".join(values) if values else empty


def yes_no(value: bool | None, unknown: str = "not reported") -> str:
    return unknown if value is None else ("yes" if value else "no")


def login_client(clients: Sequence[AppClient]) -> AppClient | None:
    """The first client that can use the hosted UI: OAuth enabled, a browser flow and a callback URL."""
    usable = [
        c
        for c in clients
        if c.oauth_enabled and c.callback_urls and {"code", "implicit"} & set(c.oauth_flows)
    ]
    usable.sort(key=lambda c: "code" not in c.oauth_flows)  # prefer the authorization code grant
    return usable[0] if usable else None


def hosted_ui_login_url(pool: UserPool, client: AppClient | None) -> str | None:
    """The hosted-UI login URL for ``client``, or the domain's base URL; None without a domain."""
    base = pool.hosted_ui_base
    if base is None:
        return None
    if client is None or not client.callback_urls:
        return base
    response_type = "code" if "code" in client.oauth_flows else "token"
    redirect = quote(client.callback_urls[0], safe="")
    return f"{base}/login?client_id={client.id}&response_type={response_type}&redirect_uri={redirect}"


def token_rows(pool: UserPool, issuers: PoolIssuers | None) -> list[Row]:
    """Issuer and JWKS URL as the endpoint in use says (`cogtui.tokens.pool_issuer`); AWS's on AWS."""
    if issuers is None:
        return [Field("Issuer (iss)", pool.issuer), Field("JWKS URL", pool.jwks_url)]
    first, *others = issuers.forms if issuers.endpoint_url else issuers.forms[:1]
    rows: list[Row] = [Field("Issuer (iss)", first.url, note=first.source if issuers.endpoint_url else "")]
    rows += [Field("Also accepted", form.url, note=form.source) for form in others]
    return [*rows, Field("JWKS URL", issuers.jwks_url)]


def overview_rows(
    pool: UserPool, clients: Sequence[AppClient] | None, issuers: PoolIssuers | None = None
) -> list[Row]:
    client = login_client(clients or ())
    login = hosted_ui_login_url(pool, client)
    if login is None:
        login_field = Field("Hosted UI login", "", note="no domain: the hosted UI is not available")
    elif client is None:
        note = "loading app clients…" if clients is None else "no app client can use the hosted UI"
        login_field = Field("Hosted UI login", login, note=note)
    else:
        login_field = Field("Hosted UI login", login, note=f"client {client.name}")
    users = "" if pool.estimated_users is None else str(pool.estimated_users)
    return [
        "Identity",
        Field("Pool name", pool.name),
        Field("Pool id", pool.id),
        Field("ARN", pool.arn),
        Field("Region", pool.region),
        "Tokens",
        *token_rows(pool, issuers),
        "Hosted UI",
        Field(
            "Domain",
            pool.custom_domain or pool.domain or "",
            note="" if pool.domain or pool.custom_domain else "none",
        ),
        Field("Hosted UI base URL", pool.hosted_ui_base or ""),
        login_field,
        "Pool",
        Field("Estimated users", users, copyable=False),
        Field("Deletion protection", pool.deletion_protection, copyable=False),
        Field("Feature tier", pool.tier or "", copyable=False, note="" if pool.tier else "not reported"),
        Field("Created", fmt_date(pool.created), copyable=False),
        Field("Last modified", fmt_date(pool.last_modified), copyable=False),
    ]


def password_policy_text(policy: dict[str, Any]) -> list[Field]:
    if not policy:
        return [Field("Password policy", "", copyable=False, note="not reported")]
    required = [
        label
        for key, label in (
            ("RequireUppercase", "upper case"),
            ("RequireLowercase", "lower case"),
            ("RequireNumbers", "numbers"),
            ("RequireSymbols", "symbols"),
        )
        if policy.get(key)
    ]
    rows = [
        Field("Minimum length", str(policy.get("MinimumLength", "")), copyable=False),
        Field("Required characters", listed(required), copyable=False),
    ]
    if "TemporaryPasswordValidityDays" in policy:
        rows.append(
            Field(
                "Temporary password valid", f"{policy['TemporaryPasswordValidityDays']} days", copyable=False
            )
        )
    if "PasswordHistorySize" in policy:
        rows.append(Field("Password history", str(policy["PasswordHistorySize"]), copyable=False))
    return rows


def mfa_factors(mfa: MfaConfig | None) -> str:
    if mfa is None:
        return ""
    factors = [
        name
        for name, on in (
            ("authenticator app (TOTP)", mfa.totp),
            ("SMS", mfa.sms),
            ("e-mail", mfa.email),
            ("passkeys (WebAuthn)", mfa.web_authn),
        )
        if on
    ]
    return listed(factors)


def sign_in_rows(pool: UserPool, mfa: MfaConfig | None, clients: Sequence[AppClient] | None) -> list[Row]:
    if pool.username_attributes:
        username = f"{listed(pool.username_attributes)} instead of a username"
    else:
        username = "username"
    case = {True: "case sensitive", False: "case insensitive", None: "case sensitive (not set)"}[
        pool.case_sensitive
    ]
    recovery = [name for name, _ in sorted(pool.account_recovery, key=lambda m: m[1])]
    self_sign_up = not (pool.raw.get("AdminCreateUserConfig") or {}).get("AllowAdminCreateUserOnly", False)
    rows: list[Row] = [
        "Sign-in identifiers",
        Field("Users sign in with", username, copyable=False),
        Field("Aliases", listed(pool.alias_attributes), copyable=False),
        Field("Usernames", case, copyable=False),
        Field("Self sign-up", "allowed" if self_sign_up else "administrators only", copyable=False),
        "Password policy",
        *password_policy_text(pool.password_policy),
        "Multi-factor authentication",
        Field("MFA", (mfa.mode if mfa else pool.mfa), copyable=False),
        Field("Factors offered", mfa_factors(mfa), copyable=False, note="" if mfa else "not available"),
        "Verification and recovery",
        Field("Auto-verified attributes", listed(pool.auto_verified), copyable=False),
        Field(
            "Account recovery",
            " then ".join(recovery) if recovery else "not set (legacy: SMS first)",
            copyable=False,
        ),
        "User existence errors (per app client)",
    ]
    if clients is None:
        rows.append(Field("App clients", "", copyable=False, note="loading…"))
    elif not clients:
        rows.append(Field("App clients", NONE, copyable=False))
    else:
        for c in clients:
            value = c.prevent_user_existence_errors or "LEGACY"
            note = "hidden" if value.upper() == "ENABLED" else "revealed: UserNotFoundException"
            rows.append(Field(c.name, value, copyable=False, note=note))
    return rows


def schema_cells(pool: UserPool) -> list[tuple[str, str, str, str, str]]:
    """(name, type, kind, required, mutable) per attribute: standard ones first, then custom."""
    attrs = sorted(pool.schema, key=lambda a: (a.custom, a.name))
    return [
        (
            a.name,
            a.data_type,
            ("custom" if a.custom else "standard") + (", developer only" if a.developer_only else ""),
            "✔ required" if a.required else "– optional",
            "✔ mutable" if a.mutable else "✘ immutable",
        )
        for a in attrs
    ]


def trigger_rows(pool: UserPool) -> list[Row]:
    """Lambda triggers; versioned triggers (custom senders, pre token generation v2) show their version."""
    rows: list[Row] = []
    for name, value in sorted(pool.lambda_config.items()):
        if isinstance(value, dict):
            arn = str(value.get("LambdaArn", ""))
            version = value.get("LambdaVersion")
            rows.append(Field(name, arn, note=f"version {version}" if version else ""))
        elif name == "KMSKeyID":
            rows.append(Field("KMS key (custom senders)", str(value)))
        else:
            rows.append(Field(name, str(value)))
    return rows


def is_secret_detail(key: str) -> bool:
    """Provider details that are credentials: client_secret, private_key (Sign in with Apple)..."""
    return any(part in key.lower() for part in SECRET_DETAIL_KEYS)


def provider_rows(provider: IdentityProvider) -> list[Row]:
    rows: list[Row] = [
        "Provider",
        Field("Name", provider.name),
        Field("Type", provider.type, copyable=False),
        Field("Identifiers", ", ".join(provider.identifiers)),
        Field("Created", fmt_date(provider.created), copyable=False),
        "Attribute mapping (user pool ← provider)",
    ]
    mapping = sorted(provider.attribute_mapping.items())
    rows += [Field(pool_attr, idp_attr) for pool_attr, idp_attr in mapping] or [
        Field("Mapping", "", copyable=False, note="none")
    ]
    rows.append("Provider details")
    details = sorted(provider.details.items())
    rows += [Field(key, str(value), secret=is_secret_detail(key)) for key, value in details] or [
        Field("Details", "", copyable=False, note="none")
    ]
    return rows
