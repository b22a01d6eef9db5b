"""Findings about an identity pool: guest access, the classic (basic) flow, providers without server-side
token check, missing roles, ambiguous role resolution, role rules that can never match, and (when IAM
could be read) each role's trust policy.

Pure logic over DescribeIdentityPool, GetIdentityPoolRoles, the trusted user pools' DescribeUserPool and
IAM GetRole answers; what was not read is said, never assumed to pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cogtui.aws.models import IdentityPool, IdentityPoolRoles, UserPool
from cogtui.findings.base import Finding, by_severity
from cogtui.findings.role_mappings import mapping_key, role_label, unmatchable_rules
from cogtui.findings.trust import RoleTrust, trust_findings


def _access(pool: IdentityPool, roles: IdentityPoolRoles | None) -> list[Finding]:
    out: list[Finding] = []
    if pool.allow_unauthenticated:
        guest_role = (roles.roles.get("unauthenticated") if roles else None) or ""
        if roles is not None and not guest_role:
            out.append(
                Finding(
                    "high",
                    "Guest access is on but there is no unauthenticated role",
                    "Anyone may get an identity without signing in, but GetCredentialsForIdentity then answers "
                    "InvalidIdentityPoolConfigurationException: guests get an identity id and no credentials.",
                    "Set an unauthenticated role (SetIdentityPoolRoles), or turn guest access off.",
                    "identity.guest_without_role",
                )
            )
        out.append(
            Finding(
                "medium",
                "Guest (unauthenticated) access is on",
                "Anyone who knows the identity pool id (it ships inside the app) gets AWS credentials without "
                f"signing in, with the permissions of {role_label(guest_role) if guest_role else 'the guest role'}.",
                "Turn AllowUnauthenticatedIdentities off unless the app needs guests, and keep the guest "
                "role's permissions to the minimum.",
                "identity.guest_access",
            )
        )
    if pool.allow_classic_flow:
        out.append(
            Finding(
                "medium",
                "The classic (basic) flow is on",
                "With GetOpenIdToken and STS AssumeRoleWithWebIdentity the app names the role itself: the "
                "pool's default roles and role mappings are bypassed, and any role whose trust policy admits "
                "this pool (and the identity's amr) can be assumed.",
                "Set AllowClassicFlow=false (UpdateIdentityPool) and use the enhanced flow "
                "(GetCredentialsForIdentity).",
                "identity.classic_flow",
            )
        )
    unchecked = [p for p in pool.providers if not p.server_side_token_check]
    if unchecked:
        names = ", ".join(sorted({p.provider_name.rsplit("/", 1)[-1] for p in unchecked}))
        out.append(
            Finding(
                "low",
                f"Server-side token check is off ({names})",
                "The identity pool accepts an ID token of the user pool until it expires, even after the user "
                "was signed out globally, disabled or deleted.",
                "Set ServerSideTokenCheck=true on each user pool provider (UpdateIdentityPool).",
                "identity.no_server_side_token_check",
            )
        )
    return out


def _roles(pool: IdentityPool, roles: IdentityPoolRoles) -> list[Finding]:
    out: list[Finding] = []
    authenticated = roles.roles.get("authenticated")
    signs_in = bool(pool.providers or pool.openid_providers or pool.saml_providers or pool.supported_logins)
    if signs_in and not authenticated:
        out.append(
            Finding(
                "high" if not roles.role_mappings else "medium",
                "No authenticated role",
                "Signed-in users whom no role mapping places get no credentials: GetCredentialsForIdentity "
                "answers InvalidIdentityPoolConfigurationException.",
                "Set an authenticated role (SetIdentityPoolRoles).",
                "identity.no_authenticated_role",
            )
        )
    known = (
        {p.provider_name for p in pool.providers} | set(pool.supported_logins) | set(pool.openid_providers)
    )
    for key, mapping in sorted(roles.role_mappings.items()):
        if isinstance(mapping, Mapping):
            out += _ambiguous(mapping_key(key).label, mapping, authenticated)
            if known and mapping_key(key).provider not in known and key not in known:
                out.append(
                    Finding(
                        "low",
                        f"Role mapping for a provider the pool does not trust: {mapping_key(key).label}",
                        "No login of that provider reaches this identity pool, so the mapping is never used.",
                        "Remove the mapping, or add the provider to the identity pool.",
                        "identity.mapping_unknown_provider",
                    )
                )
    return out


def _ambiguous(label: str, mapping: Mapping[str, Any], authenticated: str | None) -> list[Finding]:
    kind = "no rule matches" if mapping.get("Type") == "Rules" else "the token names no role"
    if mapping.get("AmbiguousRoleResolution") == "Deny":
        return [
            Finding(
                "info",
                f"Ambiguous roles are denied ({label})",
                f"When {kind}, Cognito refuses credentials: 'The ambiguous role mapping rules for: <provider> "
                "denied this request.' (NotAuthorizedException). Users outside every rule cannot use the app's "
                "AWS resources.",
                "Keep Deny when only mapped users may have credentials; choose AuthenticatedRole to fall back "
                "to the default authenticated role instead.",
                "identity.ambiguous_deny",
            )
        ]
    if not authenticated:
        return [
            Finding(
                "high",
                f"Ambiguous roles fall back to a role that is not set ({label})",
                f"AmbiguousRoleResolution is AuthenticatedRole, but the pool has no authenticated role: when "
                f"{kind}, GetCredentialsForIdentity answers InvalidIdentityPoolConfigurationException.",
                "Set an authenticated role, or choose Deny to refuse those users on purpose.",
                "identity.ambiguous_without_role",
            )
        ]
    return [
        Finding(
            "low",
            f"Ambiguous roles get the authenticated role ({label})",
            f"When {kind}, Cognito gives the user the default authenticated role ({role_label(authenticated)}): "
            "every signed-in user of the provider gets at least its permissions, whatever the mapping meant "
            "to restrict.",
            "Keep the authenticated role's permissions minimal, or choose Deny so that only mapped users get "
            "credentials.",
            "identity.ambiguous_authenticated_role",
        )
    ]


def role_uses(roles: IdentityPoolRoles) -> dict[str, set[str]]:
    """Role ARN -> the kinds of identity it serves (authenticated, unauthenticated): the default roles
    and every role a rule names (rule roles serve signed-in users)."""
    uses: dict[str, set[str]] = {}
    for kind, arn in roles.roles.items():
        if arn:
            uses.setdefault(arn, set()).add(kind)
    for mapping in roles.role_mappings.values():
        if isinstance(mapping, Mapping):
            for rule in (mapping.get("RulesConfiguration") or {}).get("Rules") or []:
                if isinstance(rule, Mapping) and rule.get("RoleARN"):
                    uses.setdefault(str(rule["RoleARN"]), set()).add("authenticated")
    return uses


def identity_pool_findings(
    pool: IdentityPool,
    roles: IdentityPoolRoles | None,
    *,
    roles_unread: str = "",
    user_pools: Mapping[str, UserPool] | None = None,
    trusts: Mapping[str, RoleTrust] | None = None,
) -> list[Finding]:
    """Every finding about ``pool``, worst first.

    ``roles`` is None when GetIdentityPoolRoles could not be read (``roles_unread`` says why);
    ``user_pools`` holds the trusted user pools that were read (by id) for the rule claims;
    ``trusts`` holds IAM's answer for each role ARN (None: IAM was not asked).
    """
    findings = _access(pool, roles)
    if roles is None:
        findings.append(
            Finding(
                "info",
                "Roles and role mappings: not checked",
                f"GetIdentityPoolRoles could not be read ({roles_unread or 'no answer'}).",
                "Read them with credentials allowed cognito-identity:GetIdentityPoolRoles.",
                "identity.roles_not_checked",
            )
        )
        return by_severity(findings)
    findings += _roles(pool, roles)
    findings += unmatchable_rules(roles.role_mappings, user_pools or {})
    if trusts is not None:
        for arn, kinds in sorted(role_uses(roles).items()):
            trust = trusts.get(arn) or RoleTrust(arn, error_code="NotRead", error_message="IAM was not asked")
            findings += trust_findings(trust, pool.id, kinds)
    return by_severity(findings)
