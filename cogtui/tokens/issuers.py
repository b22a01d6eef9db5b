"""Cognito issuer URLs: the pool's regional and global forms, and where its JWKS lives.

A user pool `us-east-1_AbC` issues tokens whose `iss` is
`https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC` (regional form); aws-jwt-verify also
accepts `https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC` (global form). Both
are accepted here. An emulator keeps the AWS host in `iss`, so with an `endpoint_url` the JWKS is
fetched from `<endpoint_url>/<pool>/.well-known/jwks.json` instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = [
    "InferredTarget",
    "accepted_issuers",
    "infer_target",
    "is_cognito_issuer",
    "jwks_url_for_issuer",
    "parse_cognito_issuer",
    "pool_issuers",
    "pool_region",
]

# Same pattern as aws-jwt-verify's CognitoJwtVerifier.USER_POOL_ID_REGEX.
USER_POOL_ID = re.compile(r"(?P<region>(?:eusc-[a-z]{2}|[a-z]{2})-(?:gov-)?[a-z]+-\d)_[a-zA-Z0-9]+")
_ANY_POOL_ID = re.compile(r"[\w-]+_[0-9a-zA-Z]+")
_COGNITO_ISSUER = re.compile(
    r"https://(?P<global>issuer-)?cognito-idp\.(?P<region>[a-z0-9-]+)\.amazonaws\.com(?P<cn>\.cn)?"
    r"/(?P<pool>[\w-]+_[0-9a-zA-Z]+)"
)


def pool_region(pool_id: str) -> str | None:
    """The region prefix of a user pool id (`us-east-1_AbC` -> `us-east-1`), else None."""
    match = USER_POOL_ID.fullmatch(pool_id)
    return match.group("region") if match else None


def pool_issuers(pool_id: str, region: str | None = None) -> tuple[str, ...]:
    """The regional and global issuer URLs of a pool. `region` is used when the id has none."""
    region = pool_region(pool_id) or region
    if not region:
        raise ValueError(f"cannot tell the region of user pool {pool_id!r}: give the region")
    if not _ANY_POOL_ID.fullmatch(pool_id):
        raise ValueError(f"not a user pool id: {pool_id!r}")
    return (
        f"https://cognito-idp.{region}.amazonaws.com/{pool_id}",
        f"https://issuer-cognito-idp.{region}.amazonaws.com/{pool_id}",
    )


def parse_cognito_issuer(issuer: str) -> tuple[str, str] | None:
    """(region, pool id) if `issuer` is a Cognito user pool issuer URL on the AWS host."""
    match = _COGNITO_ISSUER.fullmatch(issuer) if isinstance(issuer, str) else None
    return (match.group("region"), match.group("pool")) if match else None


def is_cognito_issuer(issuer: object) -> bool:
    return isinstance(issuer, str) and parse_cognito_issuer(issuer) is not None


def accepted_issuers(issuer: str | Iterable[str] | None) -> tuple[str, ...]:
    """Expand what the caller configured into the exact `iss` values to accept.

    Each item may be a pool id (as aws-jwt-verify takes), a Cognito issuer URL in either form
    (both forms are then accepted) or any other issuer URL (kept as given, minus a trailing `/`).
    """
    if issuer is None:
        return ()
    items = [issuer] if isinstance(issuer, str) else list(issuer)
    accepted: list[str] = []
    for item in items:
        item = item.strip()
        if not item:
            continue
        if USER_POOL_ID.fullmatch(item):
            forms: tuple[str, ...] = pool_issuers(item)
        else:
            item = item.rstrip("/")
            parsed = _COGNITO_ISSUER.fullmatch(item)
            if parsed and not parsed.group("cn"):
                region, pool = parsed.group("region"), parsed.group("pool")
                forms = (
                    f"https://cognito-idp.{region}.amazonaws.com/{pool}",
                    f"https://issuer-cognito-idp.{region}.amazonaws.com/{pool}",
                )
            else:
                forms = (item,)
        for form in forms:
            if form not in accepted:
                accepted.append(form)
    return tuple(accepted)


def jwks_url_for_issuer(issuer: str, endpoint_url: str | None = None) -> str:
    """Where the JWKS of `issuer` is published, mapped to `endpoint_url` for an emulator."""
    parsed = _COGNITO_ISSUER.fullmatch(issuer)
    if parsed and endpoint_url:
        return f"{endpoint_url.rstrip('/')}/{parsed.group('pool')}/.well-known/jwks.json"
    return f"{issuer.rstrip('/')}/.well-known/jwks.json"


@dataclass(frozen=True, slots=True)
class InferredTarget:
    """What an unverified token says about where it comes from (for pre-filling a form)."""

    issuer: str | None
    region: str | None
    pool_id: str | None
    client_id: str | None


def infer_target(payload: dict[str, Any] | None) -> InferredTarget:
    """Pool and client named by a token: from `iss`, and `aud` (ID) or `client_id` (access).

    Untrusted by nature: use it to suggest settings, never as the settings a token is checked against.
    """
    claims = payload if isinstance(payload, dict) else {}
    iss = claims.get("iss") if isinstance(claims.get("iss"), str) else None
    parsed = parse_cognito_issuer(iss) if iss else None
    client = claims.get("aud") if claims.get("token_use") == "id" else claims.get("client_id")
    if not isinstance(client, str):
        client = claims.get("client_id") if isinstance(claims.get("client_id"), str) else None
    return InferredTarget(
        issuer=iss,
        region=parsed[0] if parsed else None,
        pool_id=parsed[1] if parsed else None,
        client_id=client,
    )
