"""What signing in gives: the user's groups (and their IAM roles) and the role each identity pool that
trusts this user pool would hand out (its role mappings: token-based, rules, or the authenticated role).
Informational: these rows never refuse a sign-in.
"""

from __future__ import annotations

from cogtui.auth.doctor.facts import IdentityTrust, SignInFacts, provider_name
from cogtui.auth.doctor.model import DoctorCheck, Status
from cogtui.aws.models import Group


def _by_precedence(groups: tuple[Group, ...]) -> list[Group]:
    return sorted(groups, key=lambda g: (g.precedence if g.precedence is not None else 1 << 30, g.name))


def groups(facts: SignInFacts) -> DoctorCheck:
    reads = ("AdminListGroupsForUser",)
    if facts.groups is None:
        err = facts.unread.get("groups")
        why = f"{err.code} — {err.message}" if err else "not read"
        return DoctorCheck("groups", Status.SKIP, f"The user's groups could not be read: {why}", reads=reads)
    if not facts.groups:
        return DoctorCheck("groups", Status.PASS, "In no group: no cognito:groups claim.", reads=reads)
    names = [
        f"{g.name}" + (f" (role {g.role_arn.rsplit('/', 1)[-1]})" if g.role_arn else "")
        for g in _by_precedence(facts.groups)
    ]
    return DoctorCheck("groups", Status.PASS, "cognito:groups: " + ", ".join(names) + ".", reads=reads)


def _role_for(trust: IdentityTrust, facts: SignInFacts) -> str:
    if trust.roles is None:
        return "its roles are not reported by this endpoint"
    authenticated = trust.roles.roles.get("authenticated")
    mappings = trust.roles.role_mappings
    key = next(
        (k for k in mappings if k.startswith(provider_name(facts.pool_id))),
        None,
    )
    if key is not None:
        mapping = mappings[key]
        if mapping.get("Type") == "Token":
            preferred = next((g.role_arn for g in _by_precedence(facts.groups or ()) if g.role_arn), None)
            if preferred:
                return f"role {preferred} (cognito:preferred_role, from the groups)"
            fallback = mapping.get("AmbiguousRoleResolution")
            if fallback == "Deny":
                return "no role: the token carries no group role and ambiguous roles are denied"
            return f"the authenticated role {authenticated or '(none set)'} (no group role in the token)"
        return "a role chosen by its rules on the token's claims (not evaluated here)"
    if authenticated:
        return f"the authenticated role {authenticated}"
    return "no authenticated role: credentials would be refused"


def identity_roles(facts: SignInFacts) -> DoctorCheck:
    reads = ("ListIdentityPools", "DescribeIdentityPool", "GetIdentityPoolRoles")
    if facts.identity is None:
        err = facts.unread.get("identity")
        why = f": {err.code} — {err.message}" if err else ""
        return DoctorCheck(
            "identity pools", Status.SKIP, f"The identity pools could not be read{why}", reads=reads
        )
    if not facts.identity:
        return DoctorCheck(
            "identity pools", Status.PASS, "No identity pool trusts this user pool (and client).", reads=reads
        )
    parts = [f"{t.pool.name}: {_role_for(t, facts)}" for t in facts.identity]
    return DoctorCheck("identity pools", Status.PASS, "; ".join(parts) + ".", reads=reads)
