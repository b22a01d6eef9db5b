"""The identity doctor's token verification: the token verifier's own checks, against what the identity
pool trusts.

An identity pool hands out credentials for an ID token only if the token is genuine: signed by its user
pool's key, ``iss`` exactly the provider's issuer, ``token_use`` = id, not expired, ``aud`` an app client
the pool lists. ``verify_id_token`` runs ``cogtui.tokens.validate`` (the checks ``cogtui token verify``
runs, not a copy of them) with the expected issuer and app client taken from the identity pool's
providers, and turns its report into doctor checks. When the identity pool's settings are unknown, the
expected issuer is the token's own ``iss`` in its exact form, which still refuses a trailing '/', a bad
signature or ``alg: none``; the summary says where the expectation came from.

It may fetch the JWKS over HTTP: call it off the UI thread (``verify_id_token_async``).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from cogtui.aws.models import IdentityPool
from cogtui.identity.checks import Check, Status, read_token
from cogtui.tokens.issuers import accepted_issuers, parse_cognito_issuer, pool_issuers
from cogtui.tokens.jwks import JwksCache, JwksSource
from cogtui.tokens.report import Status as TokenStatus
from cogtui.tokens.validation import validate

__all__ = ["Expectation", "expectation_for", "verify_id_token", "verify_id_token_async"]

NAME = "token verification"
# The verifier's checks always shown (pass or fail); any other one is shown only when it fails or warns.
KEY_CHECKS = ("alg", "signature", "iss", "token_use", "client", "exp")


@dataclass(frozen=True)
class Expectation:
    """The issuers and app clients a token must match, and where they come from."""

    issuers: tuple[str, ...]
    client_ids: tuple[str, ...] | None
    source: str


def expectation_for(token_iss: str | None, logins_key: str | None, pool: IdentityPool | None) -> Expectation:
    """From the identity pool's Cognito providers (the one the token names first), else from the token."""
    if pool is not None and pool.providers:
        named = [p for p in pool.providers if p.provider_name == logins_key]
        providers = named or list(pool.providers)
        issuers = accepted_issuers([f"https://{p.provider_name}" for p in providers])
        clients = tuple(p.client_id for p in providers if p.client_id) or None
        return Expectation(issuers, clients, "the identity pool's user pool providers")
    bare = (token_iss or "").strip().rstrip("/")
    parsed = parse_cognito_issuer(bare)
    issuers = pool_issuers(parsed[1], parsed[0]) if parsed else ((bare,) if bare else ())
    return Expectation(
        issuers, None, "the token's own iss (the identity pool's providers are unknown), in its exact form"
    )


def verify_id_token(
    id_token: str,
    *,
    pool: IdentityPool | None,
    jwks: JwksSource | None = None,
    endpoint_url: str | None = None,
    timeout: float = 3.0,
    now: float | None = None,
) -> tuple[Check, ...]:
    """The verifier's checks of ``id_token`` as doctor checks, a summary first. May fetch the JWKS."""
    facts = read_token(id_token)
    if not facts.readable:
        return (Check(NAME, Status.FAIL, f"The token cannot be verified: {facts.problem}."),)
    expected = expectation_for(facts.iss, facts.key.key if facts.key.ok else None, pool)
    source = jwks if jwks is not None else JwksCache(endpoint_url=endpoint_url, timeout=timeout)
    report = validate(
        facts.token,
        jwks=source,
        issuer=expected.issuers or None,
        client_ids=expected.client_ids,
        token_use="id",
        now=time.time() if now is None else now,
    )
    shown = [
        Check(f"token {c.name}", Status(c.status.value), c.detail)
        for c in report.checks
        if c.name in KEY_CHECKS or c.status in (TokenStatus.FAIL, TokenStatus.WARN)
    ]
    failed = [c for c in report.checks if c.status is TokenStatus.FAIL]
    if report.valid:
        summary = Check(
            NAME,
            Status.PASS,
            f"Verified as 'cogtui token verify' does (signature, alg, exact iss, token_use, expiry); "
            f"expected issuer and client from {expected.source}.",
        )
    else:
        names = ", ".join(c.name for c in failed) or "the signature could not be checked"
        summary = Check(
            NAME,
            Status.FAIL,
            f"The token does not verify ({names}): Cognito refuses a token that is not genuine with "
            "'Invalid login token'. Expected issuer and client from " + expected.source + ".",
            "Use the IdToken exactly as the user pool issued it; sign in again for a fresh one.",
        )
    return (summary, *shown)


async def verify_id_token_async(
    id_token: str,
    *,
    pool: IdentityPool | None,
    jwks: JwksSource | None = None,
    endpoint_url: str | None = None,
    timeout: float = 3.0,
    now: float | None = None,
) -> tuple[Check, ...]:
    """``verify_id_token`` on a worker thread (the JWKS fetch blocks)."""
    return await asyncio.to_thread(
        lambda: verify_id_token(
            id_token, pool=pool, jwks=jwks, endpoint_url=endpoint_url, timeout=timeout, now=now
        )
    )
