"""The individual checks on a decoded token's header and claims, one pure function each.

Each returns a `Check`. The verdict rules are aws-jwt-verify's `CognitoJwtVerifier`: claim types
as its parser demands, `iss` one of the pool's issuers, `token_use` "id" or "access" (and the one
expected), the client in `aud` (ID token) or `client_id` (otherwise), `exp`/`nbf` with a grace
period. What it does not reject (clock skew, a token about to expire, odd Cognito claim types,
`jku`/`jwk` headers, which are never used) is reported as a warning.
"""

from __future__ import annotations

from typing import Any

from cogtui.clock import format_duration, format_relative, format_utc, is_number
from cogtui.tokens.report import Check, Status

__all__ = [
    "check_auth_time",
    "check_claim_types",
    "check_client",
    "check_exp",
    "check_expiring_soon",
    "check_header",
    "check_header_keys",
    "check_iat",
    "check_iss",
    "check_nbf",
    "check_token_use",
]

PASS, FAIL, SKIP, WARN = Status.PASS, Status.FAIL, Status.SKIP, Status.WARN

_NUMBER_CLAIMS = ("exp", "nbf", "iat")
_STRING_CLAIMS = ("iss", "sub", "scope", "jti")
# Not checked by aws-jwt-verify, so only a warning when Cognito's usual type is not met.
_COGNITO_STRINGS = ("cognito:username", "username", "origin_jti", "event_id", "cognito:preferred_role")
_COGNITO_STRING_LISTS = ("cognito:groups", "cognito:roles")
_INJECTION_KEYS = ("jku", "jwk", "x5u", "x5c")
NO_PAYLOAD = "skipped: the payload could not be decoded"


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number" if is_number(value) else "a number too large"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _clip(value: Any, limit: int = 60) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_header(header: dict[str, Any] | None) -> Check:
    """`alg` and `kid`, when present, must be strings (aws-jwt-verify's header parser)."""
    if header is None:
        return Check("header", SKIP, "skipped: the header could not be decoded")
    wrong = [
        f"{name} is {_type_name(header[name])}, expected a string"
        for name in ("alg", "kid")
        if name in header and not isinstance(header[name], str)
    ]
    if wrong:
        return Check("header", FAIL, "; ".join(wrong))
    shown = [f"{name} {_clip(header[name], 40)}" for name in ("alg", "kid", "typ") if name in header]
    return Check("header", PASS, ", ".join(shown) if shown else "no alg, kid or typ")


def check_header_keys(header: dict[str, Any] | None) -> Check:
    """Key hints in the header (`jku`, `jwk`, `x5u`, `x5c`) and `crit`: never used, so a warning."""
    if header is None:
        return Check("header keys", SKIP, "skipped: the header could not be decoded")
    present = [name for name in _INJECTION_KEYS if name in header]
    notes: list[str] = []
    if present:
        notes.append(", ".join(present) + " ignored: keys come only from the trusted JWKS, never the token")
    if "crit" in header:
        notes.append(f"crit {_clip(header['crit'], 30)} ignored, as aws-jwt-verify does")
    if notes:
        return Check("header keys", WARN, "; ".join(notes))
    return Check("header keys", PASS, "no jku, jwk, x5u, x5c or crit")


def check_claim_types(payload: dict[str, Any] | None) -> Check:
    """exp/nbf/iat numbers, iss/sub/scope/jti strings, aud a string or array of strings."""
    if payload is None:
        return Check("claim types", SKIP, NO_PAYLOAD)
    errors: list[str] = []
    for name in _NUMBER_CLAIMS:
        if name in payload and not is_number(payload[name]):
            errors.append(f"{name} is {_type_name(payload[name])}, expected a number")
    for name in _STRING_CLAIMS:
        if name in payload and not isinstance(payload[name], str):
            errors.append(f"{name} is {_type_name(payload[name])}, expected a string")
    if "aud" in payload:
        aud = payload["aud"]
        if not isinstance(aud, str) and not (
            isinstance(aud, list) and all(isinstance(item, str) for item in aud)
        ):
            errors.append(f"aud is {_type_name(aud)}, expected a string or array of strings")
    if errors:
        return Check("claim types", FAIL, "; ".join(errors))
    odd = [
        f"{name} is {_type_name(payload[name])}, Cognito sends a string"
        for name in _COGNITO_STRINGS
        if name in payload and not isinstance(payload[name], str)
    ]
    odd += [
        f"{name} is {_type_name(payload[name])}, Cognito sends an array of strings"
        for name in _COGNITO_STRING_LISTS
        if name in payload
        and not (isinstance(payload[name], list) and all(isinstance(v, str) for v in payload[name]))
    ]
    if "auth_time" in payload and not is_number(payload["auth_time"]):
        odd.append(f"auth_time is {_type_name(payload['auth_time'])}, Cognito sends a number")
    if odd:
        return Check("claim types", WARN, "; ".join(odd) + " (not checked by aws-jwt-verify)")
    return Check("claim types", PASS, "registered claims have the expected JSON types")


def check_iss(
    payload: dict[str, Any] | None, accepted: tuple[str, ...], sources: dict[str, str] | None = None
) -> Check:
    """`iss` exactly one of `accepted`; `sources` names where each accepted issuer comes from."""
    if payload is None:
        return Check("iss", SKIP, NO_PAYLOAD)
    iss = payload.get("iss")
    if not iss:
        return Check("iss", FAIL, "no iss claim")
    if not isinstance(iss, str):
        return Check("iss", FAIL, f"iss is {_type_name(iss)}, expected a string")
    if not accepted:
        return Check("iss", WARN, f"not checked: no expected issuer configured (token says {iss})")
    if iss in accepted:
        source = (sources or {}).get(iss)
        return Check("iss", PASS, f"{iss} (matches {source})" if source else iss)
    hint = ""
    if iss.rstrip("/") in accepted:
        hint = " (trailing '/')"
    elif iss.replace("http://", "https://", 1) in accepted:
        hint = " (http instead of https)"
    elif iss.rsplit("/", 1)[0] == accepted[0].rsplit("/", 1)[0]:
        hint = " (another user pool)"
    if sources and len(accepted) > 1:
        expected = " or ".join(f"{url} ({sources.get(url, 'given')})" for url in accepted)
    else:
        expected = accepted[0]
    return Check("iss", FAIL, f"{_clip(iss, 90)} is not the expected issuer{hint}; expected {expected}")


def check_token_use(payload: dict[str, Any] | None, expected: str | None) -> Check:
    if payload is None:
        return Check("token_use", SKIP, NO_PAYLOAD)
    use = payload.get("token_use")
    if not use:
        return Check("token_use", FAIL, "no token_use claim: not a Cognito ID or access token")
    if not isinstance(use, str):
        return Check("token_use", FAIL, f"token_use is {_type_name(use)}, expected a string")
    if use not in ("id", "access"):
        return Check("token_use", FAIL, f"token_use {_clip(use, 30)!r} is neither 'id' nor 'access'")
    label = "an ID token" if use == "id" else "an access token"
    if expected and use != expected:
        wanted = "an ID token" if expected == "id" else "an access token"
        return Check("token_use", FAIL, f"{label}, but {wanted} is expected")
    return Check("token_use", PASS, f"{use} ({label}{', as expected' if expected else ''})")


def check_client(payload: dict[str, Any] | None, client_ids: tuple[str, ...] | None) -> Check:
    """The client: `aud` when token_use is "id", `client_id` otherwise (aws-jwt-verify's rule)."""
    if payload is None:
        return Check("client", SKIP, NO_PAYLOAD)
    claim = "aud" if payload.get("token_use") == "id" else "client_id"
    value = payload.get(claim)
    if client_ids is None:
        shown = f"{claim} {_clip(value, 40)}" if value else f"no {claim}"
        return Check("client", WARN, f"not checked: no client id configured ({shown})")
    expected = ", ".join(client_ids) if client_ids else "(none)"
    if not value:
        hint = ""
        if claim == "client_id" and payload.get("aud"):
            hint = " (access tokens name the client in client_id, not aud)"
        return Check("client", FAIL, f"no {claim} claim{hint}; expected {expected}")
    if not isinstance(value, str):
        return Check("client", FAIL, f"{claim} is {_type_name(value)}, expected one client id string")
    if value in client_ids:
        return Check("client", PASS, f"{claim} {value} is an accepted client")
    return Check("client", FAIL, f"{claim} {_clip(value, 40)} is not an accepted client; expected {expected}")


def _when(timestamp: float, now: float) -> str:
    return f"{format_relative(timestamp - now)} ({format_utc(timestamp)})"


def _grace(grace_s: float) -> str:
    return f", grace {format_duration(grace_s)}" if grace_s else ""


def check_exp(payload: dict[str, Any] | None, now: float, grace_s: float) -> Check:
    if payload is None:
        return Check("exp", SKIP, NO_PAYLOAD)
    if "exp" not in payload:
        return Check("exp", WARN, "no exp claim: the token never expires (aws-jwt-verify accepts it)")
    exp = payload["exp"]
    if not is_number(exp):
        return Check("exp", SKIP, "skipped: exp is not a number (see claim types)")
    if exp + grace_s < now:
        return Check(
            "exp", FAIL, f"expired {format_relative(exp - now)} ({format_utc(exp)}{_grace(grace_s)})"
        )
    if exp < now:
        return Check("exp", PASS, f"expired {format_relative(exp - now)}, within the grace period")
    return Check("exp", PASS, f"expires {_when(exp, now)}")


def check_nbf(payload: dict[str, Any] | None, now: float, grace_s: float) -> Check:
    if payload is None:
        return Check("nbf", SKIP, NO_PAYLOAD)
    if "nbf" not in payload:
        return Check("nbf", SKIP, "no nbf claim (Cognito does not set one)")
    nbf = payload["nbf"]
    if not is_number(nbf):
        return Check("nbf", SKIP, "skipped: nbf is not a number (see claim types)")
    if nbf - grace_s > now:
        return Check(
            "nbf", FAIL, f"not valid before {format_utc(nbf)} ({format_relative(nbf - now)}{_grace(grace_s)})"
        )
    return Check("nbf", PASS, f"valid since {_when(nbf, now)}")


def _skew(name: str, what: str, payload: dict[str, Any], now: float, grace_s: float) -> Check:
    if name not in payload:
        return Check(name, SKIP, f"no {name} claim")
    value = payload[name]
    if not is_number(value):
        return Check(name, WARN if name == "auth_time" else SKIP, f"{name} is not a number")
    if value - grace_s > now:
        ahead = format_duration(value - now)
        return Check(name, WARN, f"{what} {ahead} in the future: the local clock may be behind (clock skew)")
    return Check(name, PASS, f"{what} {_when(value, now)}")


def check_iat(payload: dict[str, Any] | None, now: float, grace_s: float) -> Check:
    if payload is None:
        return Check("iat", SKIP, NO_PAYLOAD)
    return _skew("iat", "issued", payload, now, grace_s)


def check_auth_time(payload: dict[str, Any] | None, now: float, grace_s: float) -> Check:
    if payload is None:
        return Check("auth_time", SKIP, NO_PAYLOAD)
    return _skew("auth_time", "signed in", payload, now, grace_s)


def check_expiring_soon(payload: dict[str, Any] | None, now: float, soon_s: float) -> Check:
    if payload is None:
        return Check("expiring soon", SKIP, NO_PAYLOAD)
    exp = payload.get("exp")
    if not is_number(exp):
        return Check("expiring soon", SKIP, "skipped: no usable exp")
    left = exp - now
    if left < 0:
        return Check("expiring soon", SKIP, "skipped: already expired")
    if left <= soon_s:
        return Check(
            "expiring soon", WARN, f"only {format_duration(left)} left (under {format_duration(soon_s)})"
        )
    return Check("expiring soon", PASS, f"{format_duration(left)} left")
