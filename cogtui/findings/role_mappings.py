"""An identity pool's role mappings read as rules ("if cognito:groups contains admins → role X"), and the
rules that can never match because the provider's tokens never carry the claim they test.

A mapping is keyed by provider name (``cognito-idp.<region>.amazonaws.com/<user pool id>``), optionally
followed by ``:<app client id>``. Type ``Token`` takes the role from the ID token (``cognito:preferred_role``,
or the CustomRoleArn asked for when it is one of ``cognito:roles``); type ``Rules`` tests the token's
claims, first match wins. When nothing matches, AmbiguousRoleResolution decides: ``AuthenticatedRole``
gives the default authenticated role, ``Deny`` refuses credentials.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from cogtui.aws.models import UserPool
from cogtui.findings.base import Finding

MATCH_WORDS = {"Equals": "equals", "Contains": "contains", "StartsWith": "starts with", "NotEqual": "is not"}

# What Cognito puts in a user pool ID token besides the pool's own attributes.
ID_TOKEN_CLAIMS = frozenset(
    {
        "sub",
        "iss",
        "aud",
        "token_use",
        "auth_time",
        "exp",
        "iat",
        "jti",
        "origin_jti",
        "event_id",
        "nonce",
        "at_hash",
        "identities",
        "cognito:username",
        "cognito:groups",
        "cognito:roles",
        "cognito:preferred_role",
    }
)
# OpenID Connect standard attributes: every user pool has them, the token carries those that are set.
STANDARD_ATTRIBUTES = frozenset(
    {
        "address",
        "birthdate",
        "email",
        "email_verified",
        "family_name",
        "gender",
        "given_name",
        "locale",
        "middle_name",
        "name",
        "nickname",
        "phone_number",
        "phone_number_verified",
        "picture",
        "preferred_username",
        "profile",
        "updated_at",
        "website",
        "zoneinfo",
    }
)
PRE_TOKEN_TRIGGERS = ("PreTokenGeneration", "PreTokenGenerationConfig")


@dataclass(frozen=True)
class MappingKey:
    """A role mapping's key split into its provider and (optional) app client."""

    key: str
    provider: str
    client_id: str

    @property
    def user_pool_id(self) -> str | None:
        host, _, pool_id = self.provider.partition("/")
        return pool_id if host.startswith("cognito-idp.") and pool_id else None

    @property
    def label(self) -> str:
        return f"{self.provider} (app client {self.client_id})" if self.client_id else self.provider


def mapping_key(key: str) -> MappingKey:
    """``cognito-idp.r.amazonaws.com/pool:client`` -> provider and client; other providers' keys whole."""
    provider, sep, client = key.rpartition(":")
    if sep and provider.startswith("cognito-idp.") and "/" in provider and client:
        return MappingKey(key, provider, client)
    return MappingKey(key, key, "")


def role_label(arn: str) -> str:
    """A role ARN as people read it: its name (the ARN's last part)."""
    return f"role {arn.rsplit('/', 1)[-1]}" if arn else "no role"


def _rules(mapping: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    rules = (mapping.get("RulesConfiguration") or {}).get("Rules") or []
    return [r for r in rules if isinstance(r, Mapping)]


def readable_rules(mapping: Mapping[str, Any], authenticated_role: str | None) -> list[str]:
    """The mapping as lines in the order Cognito applies them, ending with what happens otherwise."""
    lines: list[str] = []
    if mapping.get("Type") == "Token":
        lines += [
            "if the token's cognito:roles holds the role the app asks for (CustomRoleArn) → that role",
            "else if the token has cognito:preferred_role (the role of the user's group with the best "
            "precedence) → that role",
        ]
    else:
        for number, rule in enumerate(_rules(mapping)):
            word = MATCH_WORDS.get(str(rule.get("MatchType")), str(rule.get("MatchType") or "?"))
            prefix = "if" if number == 0 else "else if"
            lines.append(
                f'{prefix} {rule.get("Claim", "?")} {word} "{rule.get("Value", "")}" '
                f"→ {role_label(str(rule.get('RoleARN') or ''))}"
            )
    if mapping.get("AmbiguousRoleResolution") == "Deny":
        lines.append("otherwise → no credentials (Deny: NotAuthorizedException)")
    elif authenticated_role:
        lines.append(f"otherwise → {role_label(authenticated_role)} (the default authenticated role)")
    else:
        lines.append("otherwise → the default authenticated role, but none is set: credentials are refused")
    return lines


def token_claims(user_pool: UserPool) -> frozenset[str]:
    """Every claim an ID token of ``user_pool`` can carry: Cognito's own, standard and custom attributes."""
    custom = {
        a.name if a.name.startswith("custom:") else f"custom:{a.name}"
        for a in user_pool.schema
        if a.custom and not a.developer_only and not a.name.startswith("dev:")
    }
    return ID_TOKEN_CLAIMS | STANDARD_ATTRIBUTES | custom


def _rule_claims(mappings: Mapping[str, Any]) -> Iterator[tuple[MappingKey, int, str]]:
    for key, mapping in sorted(mappings.items()):
        if isinstance(mapping, Mapping) and mapping.get("Type") == "Rules":
            for number, rule in enumerate(_rules(mapping), start=1):
                yield mapping_key(key), number, str(rule.get("Claim") or "")


def unmatchable_rules(mappings: Mapping[str, Any], user_pools: Mapping[str, UserPool]) -> list[Finding]:
    """Rules on a claim the user pool's ID tokens never carry. Only user-pool providers whose pool was
    read are judged (other providers' tokens are not known); a pre token generation Lambda can add any
    claim, so there the rule is said to depend on it instead."""
    out: list[Finding] = []
    for key, number, claim in _rule_claims(mappings):
        pool = user_pools.get(key.user_pool_id or "")
        if pool is None or claim in token_claims(pool):
            continue
        trigger = next((t for t in PRE_TOKEN_TRIGGERS if pool.lambda_config.get(t)), None)
        where = f"Rule {number} of the role mapping for {key.label}"
        if trigger:
            out.append(
                Finding(
                    "info",
                    f"Role rule on {claim}: only if the pre token generation Lambda adds it",
                    f"{where} tests {claim}, which is neither a Cognito claim nor an "
                    f"attribute of user pool {pool.name}; only the pool's {trigger} Lambda can put it in "
                    "the ID token.",
                    "Make sure the Lambda sets the claim on every ID token, or test a claim Cognito issues.",
                    "identity.rule_claim_from_lambda",
                )
            )
            continue
        custom = claim.startswith("custom:")
        out.append(
            Finding(
                "medium",
                f"Role rule on {claim} can never match",
                f"{where} tests {claim}, but ID tokens of user pool {pool.name} never carry it: "
                + (
                    "the pool has no such custom attribute."
                    if custom
                    else "it is neither a Cognito claim nor an attribute of the pool."
                )
                + " The rule's role is never chosen.",
                "Test a claim the token carries (cognito:groups, email, a custom:... attribute of the pool"
                + (
                    ", spelled with its custom: prefix"
                    if not custom and f"custom:{claim}" in token_claims(pool)
                    else ""
                )
                + "), or remove the rule.",
                "identity.rule_never_matches",
            )
        )
    return out
