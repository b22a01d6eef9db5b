"""Pre-flight checks: compare the token and the logins with the identity pool's settings before calling.

Each check says pass, fail, warn or skip (skip when what it needs is unknown, e.g. the identity pool
could not be described without AWS credentials), with the detail and the fix. A failing check quotes
the message real Cognito answers, so the prediction and the error can be matched. Pure logic: the
caller passes the token text, the IdentityPool model and the connection's region. Provider checks
live in ``provider_checks``; the post-failure diagnosis in ``diagnosis``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping

from cogtui.aws.models import IdentityPool
from cogtui.clock import format_duration
from cogtui.identity.checks import Check, Status, TokenFacts, fail, has_failures, read_token
from cogtui.identity.logins import LoginsKeyCheck, check_identity_pool_id, check_logins_key
from cogtui.identity.provider_checks import provider_checks, raw_login_checks

# Check, Status, TokenFacts, has_failures and read_token are re-exported for callers of the doctor.
__all__ = ["Check", "Status", "TokenFacts", "has_failures", "preflight", "read_token"]

ROLE_ARN = re.compile(r"arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}")
SOON_SECONDS = 120


def preflight(
    *,
    identity_pool_id: str,
    pool: IdentityPool | None,
    flow: str = "enhanced",
    id_token: str | None = None,
    raw_logins: Mapping[str, str] | None = None,
    logins_key: str | None = None,
    custom_role_arn: str | None = None,
    role_arn: str | None = None,
    region: str | None = None,
    now: float | None = None,
    pool_note: str = "",
) -> tuple[Check, ...]:
    """The checks for one exchange: a token exchange, raw logins, or a guest one (neither given)."""
    now = time.time() if now is None else now
    checks = [_pool_id_check(identity_pool_id, region)]
    if pool is None:
        checks.append(
            Check(
                "identity pool settings",
                Status.SKIP,
                pool_note or "The identity pool's settings are unknown; checks that need them are skipped.",
            )
        )
    if id_token is not None:
        facts = read_token(id_token)
        checks += _token_checks(facts, now)
        checks += _key_and_provider_checks(facts, identity_pool_id, pool, logins_key)
        if flow == "enhanced":
            checks += _custom_role_checks(facts, custom_role_arn)
    elif raw_logins:
        checks += raw_login_checks(raw_logins, pool)
    else:
        checks.append(_guest_check(pool))
    if flow == "basic":
        checks += _basic_flow_checks(pool, role_arn)
    return tuple(checks)


def _pool_id_check(identity_pool_id: str, region: str | None) -> Check:
    name = "identity pool id"
    parsed = check_identity_pool_id(identity_pool_id)
    if not parsed.ok:
        return fail(name, parsed.message, "Copy the id from the identity pool's page: '<region>:<guid>'.")
    if region and parsed.region and region != parsed.region:
        return fail(
            name,
            f"The identity pool lives in {parsed.region} but the connection is to {region}; there Cognito answers "
            f"ResourceNotFoundException \"IdentityPool '{parsed.id}' not found.\"",
            f"Connect to {parsed.region} (--region {parsed.region}).",
        )
    if parsed.region is None:
        return Check(name, Status.WARN, parsed.message)
    return Check(name, Status.PASS, parsed.message)


def _token_checks(facts: TokenFacts, now: float) -> list[Check]:
    if not facts.readable:
        return [
            fail(
                "token",
                f"The token cannot be read: {facts.problem}.",
                "Paste the IdToken of a sign-in result.",
            )
        ]
    checks: list[Check] = []
    if facts.kind == "access":
        checks.append(
            fail(
                "token",
                "This is an access token; identity pools take the ID token. Cognito would answer "
                "'Invalid login token. Missing a required claim: aud'.",
                "Use the IdToken of the sign-in result, not the AccessToken.",
            )
        )
    elif facts.payload and facts.payload.get("token_use") == "id":
        checks.append(Check("token", Status.PASS, "An ID token (token_use = id)."))
    else:
        checks.append(
            Check(
                "token",
                Status.WARN,
                "No token_use claim: not a Cognito user pool token; it is sent as given.",
            )
        )
    if facts.exp is None:
        checks.append(Check("token expiry", Status.WARN, "The token has no usable 'exp' claim."))
    elif facts.exp <= now:
        checks.append(
            fail(
                "token expiry",
                f"The token expired {format_duration(now - facts.exp)} ago; Cognito would answer "
                f"'Invalid login token. Token expired: {int(now)} >= {int(facts.exp)}'.",
                "Sign in again, or refresh the tokens (REFRESH_TOKEN_AUTH), and retry with the new ID token.",
            )
        )
    elif facts.exp - now < SOON_SECONDS:
        checks.append(
            Check("token expiry", Status.WARN, f"The token expires in {format_duration(facts.exp - now)}.")
        )
    else:
        checks.append(Check("token expiry", Status.PASS, f"Valid for {format_duration(facts.exp - now)}."))
    return checks


def _key_and_provider_checks(
    facts: TokenFacts, identity_pool_id: str, pool: IdentityPool | None, override: str | None
) -> list[Check]:
    name = "logins key"
    if not facts.readable:
        return []
    derived = facts.key
    if override is not None:
        typed = check_logins_key(override)
        if not typed.ok:
            return [fail(name, typed.message, f"Use {typed.suggestion!r}." if typed.suggestion else "")]
        if derived.ok and typed.key != derived.key:
            return [
                fail(
                    name,
                    f"The token was issued by {facts.iss} but is sent under {typed.key!r}; Cognito would answer "
                    "'Invalid login token. Issuer doesn't match providerName'.",
                    f"Send it under {derived.key!r}.",
                )
            ]
        key = derived if derived.ok and typed.key == derived.key else typed  # keeps the issuer's warning
    else:
        if not derived.ok:
            return [fail(name, derived.message, f"Use {derived.suggestion!r}." if derived.suggestion else "")]
        key = derived
    checks = [_key_region_check(key, identity_pool_id)]
    checks += provider_checks(key, facts.aud, pool)
    return checks


def _key_region_check(key: LoginsKeyCheck, identity_pool_id: str) -> Check:
    pool_region = check_identity_pool_id(identity_pool_id).region
    if key.kind == "cognito" and key.region and pool_region and key.region != pool_region:
        return Check(
            "logins key",
            Status.WARN,
            f"{key.key}: the user pool is in {key.region}, the identity pool in {pool_region}. This works only if "
            "the identity pool lists exactly this provider name.",
        )
    if key.warning:
        return Check("logins key", Status.WARN, f"{key.key}: {key.warning}")
    return Check("logins key", Status.PASS, f"{key.key} ({key.message})")


def _guest_check(pool: IdentityPool | None) -> Check:
    name = "guest access"
    if pool is None:
        return Check(name, Status.SKIP, "Unknown: the identity pool's settings could not be read.")
    if pool.allow_unauthenticated:
        return Check(name, Status.PASS, "The identity pool allows unauthenticated (guest) identities.")
    return fail(
        name,
        "Guest access is off; Cognito would answer 'Unauthenticated access is not supported for this identity pool.'",
        "Turn on guest access (AllowUnauthenticatedIdentities) in the identity pool, or sign in first.",
    )


def _basic_flow_checks(pool: IdentityPool | None, role_arn: str | None) -> list[Check]:
    checks: list[Check] = []
    if not role_arn:
        checks.append(
            fail(
                "role",
                "The basic flow assumes a role you name, and none was given.",
                "Pass the role ARN (--role-arn).",
            )
        )
    elif not ROLE_ARN.fullmatch(role_arn):
        checks.append(
            fail(
                "role",
                f"{role_arn[:80]!r} is not an IAM role ARN.",
                "Use 'arn:aws:iam::<account>:role/<name>'.",
            )
        )
    else:
        checks.append(
            Check(
                "role",
                Status.PASS,
                f"STS will be asked for {role_arn}; its trust policy must trust this identity pool.",
            )
        )
    name = "basic flow"
    if pool is None:
        checks.append(Check(name, Status.SKIP, "Unknown: the identity pool's settings could not be read."))
    elif "AllowClassicFlow" not in pool.raw:
        checks.append(
            Check(
                name,
                Status.WARN,
                "The identity pool's description does not say whether the basic (classic) flow is on.",
            )
        )
    elif pool.allow_classic_flow:
        checks.append(Check(name, Status.PASS, "The identity pool allows the basic (classic) flow."))
    else:
        checks.append(
            fail(
                name,
                "The basic flow is off; GetOpenIdToken would answer 'Basic (classic) flow is not enabled, please use enhanced flow.'",
                "Use the enhanced flow, or turn on the basic flow (AllowClassicFlow) in the identity pool.",
            )
        )
    return checks


def _custom_role_checks(facts: TokenFacts, custom_role_arn: str | None) -> list[Check]:
    if not custom_role_arn:
        return []
    name = "custom role"
    if not ROLE_ARN.fullmatch(custom_role_arn):
        return [
            fail(
                name,
                f"{custom_role_arn[:80]!r} is not an IAM role ARN.",
                "Use 'arn:aws:iam::<account>:role/<name>'.",
            )
        ]
    if not facts.roles:
        return [
            Check(
                name,
                Status.WARN,
                "The token carries no cognito:roles claim (the user is in no group with a role); Cognito honours a "
                "CustomRoleArn only when the role mapping offers that role.",
            )
        ]
    if custom_role_arn not in facts.roles:
        return [
            Check(
                name,
                Status.WARN,
                f"{custom_role_arn} is not one of the token's cognito:roles ({', '.join(facts.roles)}); with 'choose role "
                "from token' Cognito refuses it.",
                "Pick one of the token's roles.",
            )
        ]
    return [Check(name, Status.PASS, "The role is one of the token's cognito:roles.")]
