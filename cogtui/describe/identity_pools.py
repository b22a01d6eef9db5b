"""What the identity pools explorer lists for one identity pool, as plain rows: guest access and the
classic flow (saying when the endpoint leaves them out), user pool and other providers, roles, and role
mappings read as rules.

Pure functions over the models (no widgets, no calls); the identity pool screen lays the rows out.
"""

from __future__ import annotations

from cogtui.aws.models import IdentityPool, IdentityPoolRoles
from cogtui.describe.fields import Field, Row
from cogtui.findings import readable_rules
from cogtui.findings.role_mappings import mapping_key

__all__ = ["ROLES_UNAVAILABLE", "identity_pool_rows", "user_pool_of"]

ROLES_UNAVAILABLE = "not available: this endpoint does not implement GetIdentityPoolRoles"


def _reported(pool: IdentityPool, key: str, value: bool | None) -> tuple[str, str]:
    """(value, note): some endpoints leave flags out of DescribeIdentityPool; say so instead of guessing."""
    if key not in pool.raw:
        return ("off" if not value else "on", "not reported by the endpoint")
    return ("on" if value else "off", "")


def user_pool_of(provider_name: str) -> str | None:
    """``cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC`` -> ``us-east-1_AbC`` (None for other providers)."""
    host, _, pool_id = provider_name.partition("/")
    return pool_id if host.startswith("cognito-idp.") and pool_id else None


def identity_pool_rows(
    pool: IdentityPool, roles: IdentityPoolRoles | None, roles_unavailable: str = ROLES_UNAVAILABLE
) -> list[Row]:
    guest, guest_note = _reported(pool, "AllowUnauthenticatedIdentities", pool.allow_unauthenticated)
    classic, classic_note = _reported(pool, "AllowClassicFlow", pool.allow_classic_flow)
    if not guest_note and pool.allow_unauthenticated:
        guest_note = "anyone can get guest credentials"
    rows: list[Row] = [
        "Identity pool",
        Field("Name", pool.name),
        Field("Identity pool id", pool.id),
        Field("Guest access", guest, copyable=False, note=guest_note),
        Field("Classic (basic) flow", classic, copyable=False, note=classic_note),
        "User pool providers",
    ]
    if not pool.providers:
        rows.append(Field("Providers", "none", copyable=False))
    for provider in pool.providers:
        user_pool = user_pool_of(provider.provider_name)
        key = f"client:{user_pool}:{provider.client_id}" if user_pool else ""
        rows += [
            Field("Provider", provider.provider_name),
            Field("  App client id", provider.client_id, key=key, note="o opens it" if key else ""),
            Field(
                "  Server-side token check",
                "on" if provider.server_side_token_check else "off",
                copyable=False,
            ),
        ]
    other = [
        *(Field("OpenID Connect provider", arn) for arn in pool.openid_providers),
        *(Field("SAML provider", arn) for arn in pool.saml_providers),
        *(Field(f"Login provider {name}", app_id) for name, app_id in sorted(pool.supported_logins.items())),
    ]
    if pool.developer_provider:
        other.append(Field("Developer provider", pool.developer_provider))
    if other:
        rows += ["Other providers", *other]
    rows.append("Roles")
    if roles is None:
        rows.append(Field("Roles", "", copyable=False, note=roles_unavailable))
        return rows
    rows += [Field(f"{kind} role", arn) for kind, arn in sorted(roles.roles.items())] or [
        Field("Roles", "none", copyable=False)
    ]
    rows.append("Role mappings")
    if not roles.role_mappings:
        rows.append(Field("Role mappings", "none", copyable=False, note="the default roles apply"))
    for key, mapping in sorted(roles.role_mappings.items()):
        kind = "choose role from token" if mapping.get("Type") == "Token" else "rules, first match wins"
        rows.append(Field("Mapping for", mapping_key(key).label, note=kind))
        lines = readable_rules(mapping, roles.roles.get("authenticated"))
        rows += [Field(f"  {n}", line, copyable=False) for n, line in enumerate(lines[:-1], start=1)]
        rows.append(Field("  otherwise", lines[-1].removeprefix("otherwise → "), copyable=False))
    return rows
