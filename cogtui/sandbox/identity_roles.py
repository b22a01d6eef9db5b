"""What an identity pool checks before it vends credentials: the login tokens and the role to assume.

``check_login`` verifies a user-pool ID token as Cognito does for ``Logins`` (its signature against
the pool's keys, ``iss`` matching the provider name, ``aud`` one of the provider's clients, expiry),
with Cognito's messages. ``choose_role`` applies the pool's roles and role mappings (Token:
``cognito:preferred_role``, or a CustomRoleArn found in ``cognito:roles``; Rules: the first matching
rule; then AmbiguousRoleResolution).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from cogtui.sandbox.keys import TokenError, verify

INVALID_CONFIG = "Invalid identity pool configuration. Check assigned IAM roles for this pool."


class IdentityRefusal(Exception):
    """A refusal with Cognito Identity's error code and message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def not_authorized(message: str) -> IdentityRefusal:
    return IdentityRefusal("NotAuthorizedException", message)


@dataclass
class PoolSettings:
    """What moto does not keep about an identity pool: AllowClassicFlow, roles and role mappings."""

    allow_classic_flow: bool = False
    roles: dict[str, str] = field(default_factory=dict)
    role_mappings: dict[str, Any] = field(default_factory=dict)


def _providers(pool: Any) -> dict[str, list[str]]:
    """provider name -> the client ids configured for it."""
    found: dict[str, list[str]] = {}
    for provider in pool.cognito_identity_providers or []:
        found.setdefault(str(provider.get("ProviderName", "")), []).append(str(provider.get("ClientId", "")))
    return found


def check_login(pool: Any, provider: str, token: str) -> dict[str, Any]:
    """The claims of a valid login token for ``provider``, else IdentityRefusal (NotAuthorizedException)."""
    configured = _providers(pool)
    if provider not in configured:
        raise not_authorized("Token is not from a supported provider of this identity pool.")
    if token.count(".") != 2:
        raise not_authorized("Invalid login token. Not a valid OpenId Connect identity token.")
    try:
        user_pool, claims = verify(token, check_expiry=False)
    except TokenError as exc:
        if exc.reason == "malformed":
            raise not_authorized("Invalid login token. Not a valid OpenId Connect identity token.") from None
        raise not_authorized("Invalid login token. Couldn't verify signed token.") from None
    if f"https://{provider}" != claims.get("iss"):
        raise not_authorized("Invalid login token. Issuer doesn't match providerName")
    if "aud" not in claims:
        raise not_authorized("Invalid login token. Missing a required claim: aud")
    clients = [c for c in configured[provider] if c]
    if clients and claims.get("aud") not in clients:
        raise not_authorized("Token is not from a supported provider of this identity pool.")
    now = int(time.time())
    if int(claims.get("exp", 0)) <= now:
        raise not_authorized(f"Invalid login token. Token expired: {now} >= {claims.get('exp')}")
    return claims


def _claim_matches(claims: dict[str, Any], rule: dict[str, Any]) -> bool:
    value = claims.get(str(rule.get("Claim", "")))
    expected, match = str(rule.get("Value", "")), rule.get("MatchType")
    values = [str(v) for v in value] if isinstance(value, list) else ([] if value is None else [str(value)])
    if match == "Equals":
        return expected in values
    if match == "NotEqual":
        return bool(values) and expected not in values
    if match == "Contains":
        return any(expected in v for v in values)
    if match == "StartsWith":
        return any(v.startswith(expected) for v in values)
    return False


def choose_role(
    settings: PoolSettings, provider: str | None, claims: dict[str, Any] | None, custom_role_arn: str | None
) -> str:
    """The role ARN the identity gets, or IdentityRefusal."""
    if provider is None or claims is None:
        role = settings.roles.get("unauthenticated")
        if not role:
            raise IdentityRefusal("InvalidIdentityPoolConfigurationException", INVALID_CONFIG)
        return role
    key = f"{provider}:{claims.get('aud')}"  # a mapping for the provider and app client wins over the provider's
    mapping = settings.role_mappings.get(key) or settings.role_mappings.get(provider)
    chosen: str | None = None
    if mapping:
        if mapping.get("Type") == "Token":
            roles = claims.get("cognito:roles") or []
            if custom_role_arn and custom_role_arn in roles:
                chosen = custom_role_arn
            elif claims.get("cognito:preferred_role"):
                chosen = str(claims["cognito:preferred_role"])
        else:
            rules = (mapping.get("RulesConfiguration") or {}).get("Rules") or []
            chosen = next((str(r["RoleARN"]) for r in rules if _claim_matches(claims, r)), None)
        if chosen is None and mapping.get("AmbiguousRoleResolution") == "Deny":
            found = key if key in settings.role_mappings else provider
            raise not_authorized(f"The ambiguous role mapping rules for: {found} denied this request.")
    role = chosen or settings.roles.get("authenticated")
    if not role:
        raise IdentityRefusal("InvalidIdentityPoolConfigurationException", INVALID_CONFIG)
    return role
