"""Pre-flight checks about providers: is the token's user pool (or the pasted provider) trusted by the
identity pool, with the right app client, and does Cognito also check the token server-side.
"""

from __future__ import annotations

from collections.abc import Mapping

from cogtui.aws.models import CognitoProvider, IdentityPool
from cogtui.identity.checks import Check, Status, fail, read_token
from cogtui.identity.logins import LoginsKeyCheck, check_logins_key

__all__ = ["other_provider_check", "provider_checks", "raw_login_checks"]


def _providers_named(pool: IdentityPool, key: str) -> list[CognitoProvider]:
    return [p for p in pool.providers if p.provider_name == key]


def provider_checks(key: LoginsKeyCheck, aud: str | None, pool: IdentityPool | None) -> list[Check]:
    if key.kind != "cognito":
        return [other_provider_check(key.key, key.kind, pool)]
    if pool is None:
        return [
            Check(
                "provider registered",
                Status.SKIP,
                "Unknown: the identity pool's providers could not be read.",
            ),
            Check("app client", Status.SKIP, "Unknown: the identity pool's providers could not be read."),
        ]
    matches = _providers_named(pool, key.key)
    if not matches:
        near = [p.provider_name for p in pool.providers if p.provider_name.lower() == key.key.lower()]
        listed = ", ".join(p.provider_name for p in pool.providers) or "none"
        detail = (
            f"The identity pool does not list {key.key} as a Cognito provider (it lists: {listed}); Cognito would "
            "answer 'Token is not from a supported provider of this identity pool.'"
        )
        if near:
            detail += f" {near[0]!r} differs only in case."
        return [
            fail(
                "provider registered",
                detail,
                f"Add the user pool {key.user_pool_id} with its app client id to the identity pool's authentication providers.",
            ),
            Check("app client", Status.SKIP, "No registered provider to compare the token's audience with."),
        ]
    checks = [Check("provider registered", Status.PASS, f"The identity pool trusts {key.key}.")]
    client_ids = [p.client_id for p in matches]
    if aud is None:
        checks.append(
            Check(
                "app client",
                Status.WARN,
                "The token has no 'aud' claim to compare with the registered app client.",
            )
        )
    elif aud in client_ids:
        checks.append(
            Check("app client", Status.PASS, f"The token's audience {aud} is the registered app client.")
        )
    else:
        checks.append(
            fail(
                "app client",
                f"The token was issued to app client {aud}, but the identity pool expects {', '.join(client_ids) or 'no client'} "
                "for this user pool; Cognito would answer 'Token is not from a supported provider of this identity pool.'",
                f"Sign in through app client {client_ids[0] if client_ids else '?'}, or add {aud} to the identity pool "
                "as another entry for this user pool.",
            )
        )
    matched = next((p for p in matches if p.client_id == aud), matches[0])
    if matched.server_side_token_check:
        checks.append(
            Check(
                "server-side token check",
                Status.PASS,
                "On: Cognito also asks the user pool whether the token is still valid, so a token revoked by a "
                "sign-out is refused before it expires.",
            )
        )
    else:
        checks.append(
            Check(
                "server-side token check",
                Status.PASS,
                "Off: Cognito checks the signature, issuer, audience and expiry only; a token revoked by a sign-out "
                "still works until it expires.",
            )
        )
    return checks


def other_provider_check(key: str, kind: str, pool: IdentityPool | None) -> Check:
    name = f"provider {key}"
    if pool is None:
        return Check(name, Status.SKIP, "Unknown: the identity pool's providers could not be read.")
    if kind == "developer":
        if pool.developer_provider:
            return Check(
                name, Status.PASS, f"The identity pool has the developer provider {pool.developer_provider}."
            )
        return fail(
            name,
            "The identity pool has no developer provider name.",
            "Set DeveloperProviderName on the identity pool.",
        )
    if kind == "saml":
        known = key in pool.saml_providers
    elif kind == "oidc":
        known = any(arn.split(":oidc-provider/", 1)[-1] == key for arn in pool.openid_providers)
    else:
        known = key in pool.supported_logins
    if known:
        return Check(name, Status.PASS, f"The identity pool trusts {key}.")
    return fail(
        name,
        f"The identity pool does not list {key}; Cognito would refuse the login (NotAuthorizedException).",
        f"Add {key} to the identity pool's authentication providers.",
    )


def raw_login_checks(raw_logins: Mapping[str, str], pool: IdentityPool | None) -> list[Check]:
    checks: list[Check] = []
    for key in raw_logins:
        parsed = check_logins_key(key)
        if not parsed.ok:
            checks.append(
                fail(
                    f"provider {key[:60]}",
                    parsed.message,
                    f"Use {parsed.suggestion!r}." if parsed.suggestion else "",
                )
            )
            continue
        if parsed.kind == "cognito":
            facts = read_token(raw_logins[key])
            checks += provider_checks(parsed, facts.aud if facts.readable else None, pool)
        else:
            checks.append(other_provider_check(parsed.key, parsed.kind, pool))
    return checks
