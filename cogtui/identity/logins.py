"""Logins keys of identity-pool calls: the key from a token's issuer, typed keys, identity pool ids.

A Cognito user pool's ID token is sent under ``cognito-idp.<region>.amazonaws.com/<user pool id>``,
its ``iss`` without ``https://``. Other providers use their own names: ``accounts.google.com``,
``graph.facebook.com``, ``www.amazon.com``, ``appleid.apple.com``, an OpenID Connect provider's issuer
name, a SAML provider's IAM ARN, or ``cognito-identity.amazonaws.com`` for developer-authenticated
identities. Nothing here raises on bad input: every verdict is a result with a one-line message, and
no message ever repeats a token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from cogtui.tokens.decode import decode_token

__all__ = [
    "DEVELOPER_KEY",
    "IdentityPoolIdCheck",
    "LoginsKeyCheck",
    "check_identity_pool_id",
    "check_logins_key",
    "cognito_logins_key",
    "logins_key_for_issuer",
    "logins_key_for_token",
    "quote_for_message",
    "strip_quotes",
]

MAX_LOGINS = 10
MAX_KEY_LENGTH = 128
MAX_TOKEN_LENGTH = 50_000
MAX_IDENTITY_POOL_ID_LENGTH = 55

DEVELOPER_KEY = "cognito-identity.amazonaws.com"

# Public providers an identity pool can trust directly (SupportedLoginProviders), by their logins key.
SOCIAL_PROVIDERS: dict[str, str] = {
    "accounts.google.com": "google",
    "graph.facebook.com": "facebook",
    "www.amazon.com": "amazon",
    "appleid.apple.com": "apple",
    "api.twitter.com": "twitter",
}
# What people type instead, and the key they meant.
_NEAR_MISSES: dict[str, str] = {
    "google": "accounts.google.com",
    "google.com": "accounts.google.com",
    "www.google.com": "accounts.google.com",
    "facebook": "graph.facebook.com",
    "facebook.com": "graph.facebook.com",
    "www.facebook.com": "graph.facebook.com",
    "amazon": "www.amazon.com",
    "amazon.com": "www.amazon.com",
    "api.amazon.com": "www.amazon.com",
    "apple": "appleid.apple.com",
    "apple.com": "appleid.apple.com",
    "twitter": "api.twitter.com",
    "twitter.com": "api.twitter.com",
}

_REGION = r"(?:eusc-[a-z]{2}|[a-z]{2})-(?:gov-|iso[a-z]?-)?[a-z]+-\d"
_REGION_RE = re.compile(_REGION)
_COGNITO_KEY = re.compile(
    rf"cognito-idp\.(?P<region>{_REGION})\.amazonaws\.com(?P<cn>\.cn)?/(?P<pool>(?P<pool_region>[\w-]+)_[0-9a-zA-Z]+)"
)
_COGNITO_ISSUER = re.compile(r"https://(?P<global>issuer-)?(?P<rest>cognito-idp\.[^/]+/[^/]+)")
_SAML_ARN = re.compile(r"arn:aws[a-z-]*:iam::\d{12}:saml-provider/[\w+=,.@-]{1,128}")
_OIDC_ARN = re.compile(r"arn:aws[a-z-]*:iam::\d{12}:oidc-provider/(?P<name>\S+)")
_DOMAIN_KEY = re.compile(
    r"(?i)(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+|localhost)"
    r"(?::\d+)?(?:/[\w.~%+@-]+)*"
)
_IDENTITY_POOL_ID = re.compile(r"[\w-]+:[0-9a-f-]+")
_USER_POOL_ID = re.compile(r"[\w-]+_[0-9a-zA-Z]+")
_QUOTES = ('"', "'", "`")


def quote_for_message(text: str, limit: int = 60) -> str:
    """A value as it may appear in a message: quoted, escaped, shortened, never a wall of text."""
    inner = repr(text)[1:-1]
    if len(inner) > limit:
        inner = inner[: limit - 1] + "…"
    return f"'{inner}'"


def strip_quotes(text: str) -> str:
    text = text.strip()
    while len(text) >= 2 and text[0] in _QUOTES and text[-1] == text[0]:
        text = text[1:-1].strip()
    return text


def cognito_logins_key(region: str, user_pool_id: str) -> str:
    """``cognito-idp.<region>.amazonaws.com/<user pool id>`` (``.amazonaws.com.cn`` in China)."""
    suffix = ".amazonaws.com.cn" if region.startswith("cn-") else ".amazonaws.com"
    return f"cognito-idp.{region}{suffix}/{user_pool_id}"


@dataclass(frozen=True)
class LoginsKeyCheck:
    """The verdict on one logins key. ``key`` is what to send (cleaned); ``suggestion`` a likely fix."""

    key: str
    ok: bool
    kind: str
    message: str
    region: str | None = None
    user_pool_id: str | None = None
    suggestion: str | None = None
    warning: str = ""  # usable, but Amazon Cognito would not accept it: said, then sent anyway


def _bad(
    key: str, message: str, kind: str = "unknown", suggestion: str | None = None, **extra: Any
) -> LoginsKeyCheck:
    if suggestion:
        message = f"{message} Did you mean {suggestion!r}?"
    return LoginsKeyCheck(key=key, ok=False, kind=kind, message=message, suggestion=suggestion, **extra)


def check_logins_key(text: object) -> LoginsKeyCheck:
    """Validate a logins key typed or pasted by a person; never raises."""
    key = strip_quotes(text if isinstance(text, str) else "")
    if not key:
        return _bad(key, "The logins key is empty.")
    if len(key) > MAX_KEY_LENGTH:
        return _bad(
            key,
            f"The logins key is {len(key)} characters long; Cognito accepts at most {MAX_KEY_LENGTH}. Is it a token?",
        )
    if any(ch.isspace() for ch in key):
        return _bad(
            key,
            f"The logins key {quote_for_message(key)} contains spaces.",
            suggestion="".join(key.split()) or None,
        )
    lowered = key.lower()
    for scheme in ("https://", "http://"):
        if lowered.startswith(scheme):
            bare = key[len(scheme) :].rstrip("/")
            if bare.startswith("issuer-cognito-idp."):
                bare = bare[len("issuer-") :]
            inner = check_logins_key(bare) if bare else None
            fix = (inner.key if inner.ok else inner.suggestion) if inner else None
            return _bad(
                key,
                "A logins key has no scheme: drop the 'https://' of the issuer URL.",
                kind=inner.kind if inner else "unknown",
                suggestion=fix,
            )
    if lowered.startswith("cognito-idp."):
        return _check_cognito_key(key)
    if key.endswith("/"):
        return _bad(key, "A logins key has no trailing '/'.", suggestion=key.rstrip("/") or None)
    if lowered == DEVELOPER_KEY:
        return LoginsKeyCheck(
            key=DEVELOPER_KEY,
            ok=True,
            kind="developer",
            message="Developer-authenticated identity: the token comes from GetOpenIdTokenForDeveloperIdentity.",
        )
    if lowered in SOCIAL_PROVIDERS:
        return LoginsKeyCheck(
            key=lowered,
            ok=True,
            kind=SOCIAL_PROVIDERS[lowered],
            message=f"{SOCIAL_PROVIDERS[lowered].title()} sign-in.",
        )
    if lowered in _NEAR_MISSES:
        return _bad(
            key,
            f"{quote_for_message(key)} is not the key Cognito expects for this provider.",
            suggestion=_NEAR_MISSES[lowered],
        )
    if lowered.startswith("arn:"):
        return _check_arn_key(key)
    if _DOMAIN_KEY.fullmatch(key):
        return LoginsKeyCheck(
            key=key,
            ok=True,
            kind="oidc",
            message="An OpenID Connect provider, named by its issuer without https://.",
        )
    return _bad(
        key,
        f"{quote_for_message(key)} is not a logins key: expected a provider name such as 'cognito-idp.<region>.amazonaws.com/<user pool id>'.",
    )


def _check_cognito_key(key: str) -> LoginsKeyCheck:
    if key.endswith("/") and _COGNITO_KEY.fullmatch(key.rstrip("/")):
        return _bad(key, "A logins key has no trailing '/'.", kind="cognito", suggestion=key.rstrip("/"))
    match = _COGNITO_KEY.fullmatch(key)
    if not match:
        host, _, pool = key.partition("/")
        if not pool:
            return _bad(key, "A Cognito logins key ends with '/<user pool id>'.", kind="cognito")
        if _IDENTITY_POOL_ID.fullmatch(pool):
            return _bad(
                key,
                f"{quote_for_message(pool)} is an identity pool id; the key names the user pool (region_id, with an underscore).",
                kind="cognito",
            )
        if not _USER_POOL_ID.fullmatch(pool):
            return _bad(
                key,
                f"{quote_for_message(pool)} is not a user pool id (expected '<region>_<id>').",
                kind="cognito",
            )
        region = host[len("cognito-idp.") :].split(".", 1)[0]
        if not _REGION_RE.fullmatch(region):
            pool_region = pool.split("_", 1)[0]
            fix = cognito_logins_key(pool_region, pool) if _REGION_RE.fullmatch(pool_region) else None
            return _bad(
                key, f"{quote_for_message(region)} is not an AWS region.", kind="cognito", suggestion=fix
            )
        return _bad(
            key,
            "A Cognito logins key is exactly 'cognito-idp.<region>.amazonaws.com/<user pool id>'.",
            kind="cognito",
            suggestion=cognito_logins_key(region, pool),
        )
    region, pool, pool_region = match.group("region"), match.group("pool"), match.group("pool_region")
    if match.group("cn") and not region.startswith("cn-"):
        return _bad(
            key,
            "Only China regions use '.amazonaws.com.cn'.",
            kind="cognito",
            suggestion=cognito_logins_key(region, pool),
        )
    if region.startswith("cn-") and not match.group("cn"):
        return _bad(
            key,
            "China regions use '.amazonaws.com.cn'.",
            kind="cognito",
            suggestion=cognito_logins_key(region, pool),
        )
    if pool_region != region:
        fix = cognito_logins_key(pool_region, pool) if _REGION_RE.fullmatch(pool_region) else None
        return _bad(
            key,
            f"The key's region ({region}) is not the user pool's region ({pool_region}); Cognito would answer "
            "'Invalid login token. Issuer doesn't match providerName'.",
            kind="cognito",
            suggestion=fix,
            region=region,
            user_pool_id=pool,
        )
    return LoginsKeyCheck(
        key=key,
        ok=True,
        kind="cognito",
        message=f"Cognito user pool {pool} in {region}.",
        region=region,
        user_pool_id=pool,
    )


def _check_arn_key(key: str) -> LoginsKeyCheck:
    if _SAML_ARN.fullmatch(key):
        return LoginsKeyCheck(
            key=key,
            ok=True,
            kind="saml",
            message="A SAML provider, named by its IAM ARN; the value is the base64 SAML response.",
        )
    oidc = _OIDC_ARN.fullmatch(key)
    if oidc:
        return _bad(
            key,
            "An OpenID Connect provider is named by its issuer (without https://), not by its IAM ARN.",
            kind="oidc",
            suggestion=oidc.group("name"),
        )
    return _bad(
        key,
        f"{quote_for_message(key)} is not a SAML provider ARN ('arn:aws:iam::<account>:saml-provider/<name>').",
        kind="saml",
    )


def logins_key_for_issuer(issuer: object) -> LoginsKeyCheck:
    """The logins key for a token's ``iss``: the issuer URL without ``https://``."""
    if not isinstance(issuer, str) or not issuer.strip():
        return _bad("", "The token has no 'iss' claim, so the logins key cannot be derived from it.")
    issuer = issuer.strip().rstrip("/")
    cognito = _COGNITO_ISSUER.fullmatch(issuer)
    if cognito:
        result = check_logins_key(cognito.group("rest"))
        if cognito.group("global") and result.ok:
            return replace(result, message=result.message + " (issuer in its global form)")
        return result
    if issuer.lower().startswith("https://"):
        return check_logins_key(issuer[len("https://") :])
    if issuer.lower().startswith("http://"):
        local = check_logins_key(issuer[len("http://") :])
        if not local.ok:
            return local
        return replace(
            local,
            message="An emulator's issuer (http), named without its scheme.",
            warning=f"The issuer {quote_for_message(issuer)} is not https: Amazon Cognito accepts only https "
            "issuers, so a real identity pool would refuse this token; the endpoint in use is asked anyway.",
        )
    return check_logins_key(issuer)


def logins_key_for_token(token: object) -> LoginsKeyCheck:
    """The logins key for a pasted token (decoded without verification)."""
    decoded = decode_token(token if isinstance(token, str) else "")
    if decoded.payload is None:
        problem = decoded.problems[0] if decoded.problems else "not a JWT"
        return _bad("", f"The token cannot be read: {problem}.")
    return logins_key_for_issuer(decoded.payload.get("iss"))


@dataclass(frozen=True)
class IdentityPoolIdCheck:
    """An identity pool id as typed: cleaned id, its region prefix, and a one-line verdict."""

    id: str
    ok: bool
    message: str
    region: str | None = None


def check_identity_pool_id(text: object) -> IdentityPoolIdCheck:
    """Validate ``<region>:<guid>``; never raises."""
    pool_id = strip_quotes(text if isinstance(text, str) else "")
    if not pool_id:
        return IdentityPoolIdCheck(pool_id, False, "The identity pool id is empty.")
    if len(pool_id) > MAX_IDENTITY_POOL_ID_LENGTH:
        return IdentityPoolIdCheck(
            pool_id, False, f"An identity pool id has at most {MAX_IDENTITY_POOL_ID_LENGTH} characters."
        )
    if _USER_POOL_ID.fullmatch(pool_id) and ":" not in pool_id:
        return IdentityPoolIdCheck(
            pool_id,
            False,
            f"{quote_for_message(pool_id)} is a user pool id; an identity pool id looks like 'us-east-1:<guid>'.",
        )
    if not _IDENTITY_POOL_ID.fullmatch(pool_id):
        return IdentityPoolIdCheck(
            pool_id,
            False,
            f"{quote_for_message(pool_id)} is not an identity pool id (expected '<region>:<guid>').",
        )
    region = pool_id.split(":", 1)[0]
    if not _REGION_RE.fullmatch(region):  # an emulator's shape (local:<guid>), or a typo: said, then sent
        return IdentityPoolIdCheck(
            pool_id,
            True,
            f"{quote_for_message(region)} is not an AWS region: an emulator's identity pool id? "
            "Amazon Cognito would not know it.",
        )
    return IdentityPoolIdCheck(pool_id, True, f"Identity pool in {region}.", region)
