"""Which IAM role the credentials carry, and why: default role, token role, rules, or the role asked for.

Cognito's enhanced flow picks the role from the identity pool's settings (GetIdentityPoolRoles):
the default authenticated or unauthenticated role, or a role mapping for the provider, either
"choose role from token" (CustomRoleArn among ``cognito:roles``, else ``cognito:preferred_role``) or
rules on the token's claims evaluated in order. In the basic flow the caller names the role. When the
endpoint does not answer GetIdentityPoolRoles, the explanation says so plainly. The STS caller ARN
(``assumed-role/<name>/<session>``), when known, confirms the role actually used.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cogtui.aws.models import IdentityPoolRoles

__all__ = [
    "RoleExplanation",
    "explain_role",
    "granted_role_note",
    "role_arn_from_caller_arn",
    "role_name_from_caller_arn",
]

_ASSUMED_ROLE = re.compile(
    r"arn:(?P<partition>aws[a-z-]*):sts::(?P<account>\d{12}):assumed-role/(?P<name>[^/]+)/.+"
)

UNKNOWN_ROLES = (
    "The endpoint does not tell which roles the identity pool has (GetIdentityPoolRoles is not available)."
)


@dataclass(frozen=True)
class RoleExplanation:
    """The role Cognito uses (None when unknown or denied), where it comes from, and why."""

    role_arn: str | None
    source: str
    detail: str
    known: bool = True

    def line(self) -> str:
        role = self.role_arn or "unknown role"
        return f"{role} — {self.source}: {self.detail}"


def role_name_from_caller_arn(arn: str | None) -> str | None:
    """``arn:aws:sts::123:assumed-role/Name/session`` -> ``Name``."""
    match = _ASSUMED_ROLE.fullmatch(arn or "")
    return match.group("name") if match else None


def role_arn_from_caller_arn(arn: str | None) -> str | None:
    """``arn:aws:sts::123:assumed-role/Name/session`` -> ``arn:aws:iam::123:role/Name`` (a role path is not
    in the assumed-role ARN, so a role under a path comes back without it); None for any other ARN."""
    match = _ASSUMED_ROLE.fullmatch(arn or "")
    if not match:
        return None
    return f"arn:{match['partition']}:iam::{match['account']}:role/{match['name']}"


def granted_role_note(granted: str | None, requested: str | None) -> str:
    """What to say about the role the credentials carry, next to the one asked for ('' when they agree)."""
    if granted is None:
        asked = f" (asked for {requested})" if requested else ""
        return f"The granted role could not be confirmed{asked}: the answer names no assumed role."
    if requested and granted.rsplit("/", 1)[-1] != requested.rsplit("/", 1)[-1]:
        return f"The credentials carry {granted}, not the role asked for ({requested})."
    return ""


def _confirm(explanation: RoleExplanation, caller_arn: str | None) -> RoleExplanation:
    """What STS says wins: a role other than the one predicted (or asked for) is reported as the role."""
    name = role_name_from_caller_arn(caller_arn)
    if not name:
        return explanation
    predicted = (explanation.role_arn or "").rsplit("/", 1)[-1]
    if predicted and predicted != name:
        granted = role_arn_from_caller_arn(caller_arn)
        note = f" STS says the credentials belong to role {name}, not {predicted}."
        return RoleExplanation(granted, "granted (STS GetCallerIdentity)", explanation.detail + note, True)
    return RoleExplanation(
        explanation.role_arn or role_arn_from_caller_arn(caller_arn),
        explanation.source,
        explanation.detail + f" STS confirms the role: {name}.",
        True,
    )


def explain_role(
    *,
    roles: IdentityPoolRoles | None,
    flow: str = "enhanced",
    guest: bool = False,
    claims: Mapping[str, Any] | None = None,
    logins_key: str | None = None,
    client_id: str | None = None,
    custom_role_arn: str | None = None,
    basic_role_arn: str | None = None,
    caller_arn: str | None = None,
) -> RoleExplanation:
    """Explain the role of an exchange from what the identity pool and the token say."""
    if flow == "basic":
        result = RoleExplanation(
            basic_role_arn,
            "role asked for by the caller (basic flow)",
            "In the basic flow the app names the role in AssumeRoleWithWebIdentity; the identity pool's role settings "
            "are not used, and STS checks the role's trust policy."
            + (
                ""
                if caller_arn
                else " Not confirmed yet: prove the credentials with STS to see the role granted."
            ),
            known=bool(caller_arn),
        )
    elif guest:
        result = _guest_role(roles)
    else:
        result = _authenticated_role(roles, claims or {}, logins_key, client_id, custom_role_arn)
    return _confirm(result, caller_arn)


def _guest_role(roles: IdentityPoolRoles | None) -> RoleExplanation:
    if roles is None:
        return RoleExplanation(None, "unknown", UNKNOWN_ROLES, known=False)
    arn = roles.roles.get("unauthenticated")
    if arn:
        return RoleExplanation(
            arn, "default unauthenticated role", "Guests always get the identity pool's unauthenticated role."
        )
    return RoleExplanation(
        None,
        "no role",
        "The identity pool has no unauthenticated role: GetCredentialsForIdentity answers "
        "InvalidIdentityPoolConfigurationException.",
    )


def _authenticated_role(
    roles: IdentityPoolRoles | None,
    claims: Mapping[str, Any],
    logins_key: str | None,
    client_id: str | None,
    custom_role_arn: str | None,
) -> RoleExplanation:
    if roles is None:
        if custom_role_arn:
            return RoleExplanation(
                custom_role_arn,
                "role asked for (CustomRoleArn)",
                UNKNOWN_ROLES[:-1] + ", so whether Cognito honours the role asked for is not known.",
                known=False,
            )
        preferred = claims.get("cognito:preferred_role")
        extra = (
            f" If the role mapping is 'choose role from token', it is the token's cognito:preferred_role {preferred}."
            if isinstance(preferred, str)
            else ""
        )
        return RoleExplanation(None, "unknown", UNKNOWN_ROLES + extra, known=False)
    default = roles.roles.get("authenticated")
    mapping = _mapping_for(roles.role_mappings, logins_key, client_id)
    if mapping is None:
        if default:
            return RoleExplanation(
                default,
                "default authenticated role",
                "No role mapping for this provider: every signed-in user gets the default authenticated role.",
            )
        return RoleExplanation(
            None,
            "no role",
            "No role mapping and no authenticated role: GetCredentialsForIdentity answers "
            "InvalidIdentityPoolConfigurationException.",
        )
    kind = str(mapping.get("Type") or "")
    if kind == "Token":
        found = _token_role(claims, custom_role_arn)
    elif kind == "Rules":
        found = _rule_role(mapping, claims)
    else:
        found = None
    return found or _ambiguous(mapping, default)


def _mapping_for(
    mappings: Mapping[str, Any], key: str | None, client_id: str | None
) -> Mapping[str, Any] | None:
    if not key:
        return None
    for candidate in (f"{key}:{client_id}" if client_id else None, key):
        mapping = mappings.get(candidate) if candidate else None
        if isinstance(mapping, Mapping):
            return mapping
    return None


def _token_role(claims: Mapping[str, Any], custom_role_arn: str | None) -> RoleExplanation | None:
    token_roles = [r for r in claims.get("cognito:roles") or [] if isinstance(r, str)]
    if custom_role_arn and custom_role_arn in token_roles:
        return RoleExplanation(
            custom_role_arn,
            "token role (CustomRoleArn)",
            "The role asked for is one of the token's cognito:roles.",
        )
    preferred = claims.get("cognito:preferred_role")
    if isinstance(preferred, str):
        why = "the group with the best precedence gives cognito:preferred_role"
        if custom_role_arn:
            why = f"the role asked for is not in cognito:roles, so {why}"
        return RoleExplanation(
            preferred, "token role (cognito:preferred_role)", f"'Choose role from token': {why}."
        )
    return None


_MATCHERS: dict[str, Callable[[str, str], bool]] = {
    "Equals": lambda have, want: have == want,
    "Contains": lambda have, want: want in have,
    "StartsWith": lambda have, want: have.startswith(want),
    "NotEqual": lambda have, want: have != want,
}


def _rule_matches(rule: Mapping[str, Any], claims: Mapping[str, Any]) -> bool:
    value = claims.get(str(rule.get("Claim") or ""))
    want = str(rule.get("Value") or "")
    test = _MATCHERS.get(str(rule.get("MatchType") or ""))
    if test is None or value is None:
        return False
    values = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    if rule.get("MatchType") == "NotEqual":
        return all(test(v, want) for v in values)
    return any(test(v, want) for v in values)


def _rule_role(mapping: Mapping[str, Any], claims: Mapping[str, Any]) -> RoleExplanation | None:
    rules = (mapping.get("RulesConfiguration") or {}).get("Rules") or []
    for number, rule in enumerate(rules, start=1):
        if isinstance(rule, Mapping) and _rule_matches(rule, claims):
            what = f"{rule.get('Claim')} {rule.get('MatchType')} {rule.get('Value')!r}"
            return RoleExplanation(
                str(rule.get("RoleARN") or "") or None,
                f"rule {number}",
                f"The first rule that matches the token: {what}.",
            )
    return None


def _ambiguous(mapping: Mapping[str, Any], default: str | None) -> RoleExplanation:
    resolution = str(mapping.get("AmbiguousRoleResolution") or "")
    if resolution == "AuthenticatedRole" and default:
        return RoleExplanation(
            default,
            "default authenticated role (fallback)",
            "The role mapping found no role for this user, and the ambiguous-role setting falls back to the default "
            "authenticated role.",
        )
    return RoleExplanation(
        None,
        "denied",
        "The role mapping found no role for this user and the ambiguous-role setting is Deny: Cognito answers "
        "'The ambiguous role mapping rules for: <provider> denied this request.'",
    )
