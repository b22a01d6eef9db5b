"""Validate a Cognito token and report every check, with the verdict of aws-jwt-verify.

`validate()` runs every check in `CHECK_NAMES` order; a check whose prerequisite failed is
skipped with the reason. The token is valid when no check failed and the signature was verified
with a key from the trusted JWKS (never from the token's own `jku`/`jwk`/`x5u` headers).
It never raises on bad input, a bad JWKS or a network failure.
"""

from __future__ import annotations

import copy
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from cogtui.tokens.checks import (
    check_auth_time,
    check_claim_types,
    check_client,
    check_exp,
    check_expiring_soon,
    check_header,
    check_header_keys,
    check_iat,
    check_iss,
    check_nbf,
    check_token_use,
)
from cogtui.tokens.decode import DecodedToken, decode_token
from cogtui.tokens.issuers import accepted_issuers, is_cognito_issuer
from cogtui.tokens.jwks import JwksSource, KeyLookup, StaticJwks
from cogtui.tokens.keys import SUPPORTED_ALGS
from cogtui.tokens.pool_issuer import PoolIssuers
from cogtui.tokens.report import Check, Status, ValidationReport

__all__ = ["TIME_CHECKS", "time_checks", "validate"]

PASS, FAIL, SKIP, WARN = Status.PASS, Status.FAIL, Status.SKIP, Status.WARN
_ALG_NAMES = {
    "RS256": "RSA PKCS#1 v1.5 with SHA-256",
    "RS384": "RSA PKCS#1 v1.5 with SHA-384",
    "RS512": "RSA PKCS#1 v1.5 with SHA-512",
    "ES256": "ECDSA P-256 with SHA-256",
    "ES384": "ECDSA P-384 with SHA-384",
    "ES512": "ECDSA P-521 with SHA-512",
    "EdDSA": "Ed25519/Ed448",
}


def validate(
    token: DecodedToken | str,
    *,
    jwks: JwksSource | dict[str, Any] | None = None,
    issuer: str | Iterable[str] | PoolIssuers | None = None,
    client_ids: str | Iterable[str] | None = None,
    token_use: str | None = None,
    grace_s: float = 0,
    now: float | None = None,
    expiring_soon_s: float = 300,
) -> ValidationReport:
    """Check `token` against the pool's keys and rules; one `Check` per rule, in a fixed order.

    issuer: the pool id, its issuer URL (regional or global form; both are then accepted), any
        other issuer URL, or a list of these; or the `PoolIssuers` an endpoint was asked for (the
        `iss` check then says which of them matched). None leaves `iss` unchecked (a warning).
    client_ids: accepted app client ids (a list, or a comma-separated string). None leaves the
        client unchecked (a warning), like aws-jwt-verify's `clientId: null`.
    token_use: "id", "access", or None / "any" for either.
    jwks: a `JwksSource` (keys parsed once and cached) or a JWKS dict. None: no signature check,
        so the token cannot be valid.
    """
    decoded = token if isinstance(token, DecodedToken) else decode_token(token)
    now = time.time() if now is None else float(now)
    grace = max(float(grace_s or 0), 0.0)
    accepted = issuer.urls if isinstance(issuer, PoolIssuers) else _accepted(issuer)
    sources = issuer.sources if isinstance(issuer, PoolIssuers) else None
    clients = _clients(client_ids)
    expected_use = None if token_use in (None, "", "any") else token_use
    header, payload = decoded.header, decoded.payload

    checks: list[Check] = [_check_structure(decoded), check_header(header), check_header_keys(header)]
    checks.append(check_claim_types(payload))
    alg_check = _check_alg(header)
    checks.append(alg_check)
    source = _as_source(jwks)
    jwks_check, lookup = _check_jwks(source, header, payload, accepted)
    checks.append(jwks_check)
    checks.append(_check_kid(header, lookup, jwks_check))
    jwk_check = _check_jwk(header, lookup)
    checks.append(jwk_check)
    signature = _check_signature(decoded, alg_check, jwk_check, lookup)
    checks.append(signature)
    checks.append(check_iss(payload, accepted, sources))
    checks.append(check_token_use(payload, expected_use))
    checks.append(check_client(payload, clients))
    checks.append(check_exp(payload, now, grace))
    checks.append(check_nbf(payload, now, grace))
    checks.append(check_iat(payload, now, grace))
    checks.append(check_auth_time(payload, now, grace))
    checks.append(check_expiring_soon(payload, now, expiring_soon_s))

    valid = signature.status is PASS and all(c.status is not FAIL for c in checks)
    return ValidationReport(
        valid=valid,
        checks=tuple(checks),
        token=decoded,
        now=now,
        grace_s=grace,
        expiring_soon_s=expiring_soon_s,
    )


TIME_CHECKS = ("exp", "nbf", "iat", "auth_time", "expiring soon")


def time_checks(report: ValidationReport, now: float) -> tuple[Check, ...]:
    """The checks that read the clock (`TIME_CHECKS`), as they stand at `now`: what a live screen
    rewrites every second ("expires in 59m 17s", "issued 42s ago") without validating again."""
    payload, grace = report.token.payload, report.grace_s
    return (
        check_exp(payload, now, grace),
        check_nbf(payload, now, grace),
        check_iat(payload, now, grace),
        check_auth_time(payload, now, grace),
        check_expiring_soon(payload, now, report.expiring_soon_s),
    )


def _check_structure(decoded: DecodedToken) -> Check:
    if decoded.problems:
        return Check("structure", FAIL, "; ".join(decoded.problems[:2]))
    if not decoded.compact:
        return Check("structure", FAIL, "not three base64url parts separated by dots")
    detail = "three base64url parts; header and payload are JSON objects"
    if decoded.cleanups:
        detail += f" (after {len(decoded.cleanups)} cleanup(s) of the pasted text)"
    return Check("structure", PASS, detail)


def _check_alg(header: dict[str, Any] | None) -> Check:
    if header is None:
        return Check("alg", SKIP, "skipped: the header could not be decoded")
    if "alg" not in header:
        return Check("alg", FAIL, "no alg in the header")
    alg = header["alg"]
    if not isinstance(alg, str):
        return Check("alg", FAIL, "alg is not a string")
    if alg in SUPPORTED_ALGS:
        note = "" if alg == "RS256" else "; Cognito itself signs with RS256"
        return Check("alg", PASS, f"{alg} ({_ALG_NAMES[alg]}){note}")
    if alg.lower() == "none":
        return Check("alg", FAIL, f"alg {alg!r}: an unsigned token is never accepted")
    if alg.upper().startswith("HS"):
        return Check(
            "alg", FAIL, f"{alg} is HMAC with a shared secret: refused (public keys are not secrets)"
        )
    shown = alg if len(alg) <= 20 else alg[:19] + "…"
    return Check("alg", FAIL, f"alg {shown!r} is not accepted (only {', '.join(SUPPORTED_ALGS)})")


def _check_jwks(
    source: JwksSource | None,
    header: dict[str, Any] | None,
    payload: dict[str, Any] | None,
    accepted: tuple[str, ...],
) -> tuple[Check, KeyLookup | None]:
    if source is None:
        return Check("jwks", SKIP, "no JWKS given: the signature cannot be checked"), None
    kid = header.get("kid") if header else None
    if not isinstance(kid, str):
        return Check("jwks", SKIP, "skipped: no kid to look up"), None
    trusted = None
    if source.needs_issuer:
        iss = payload.get("iss") if payload else None
        if accepted:
            trusted = iss if iss in accepted else accepted[0]
        elif is_cognito_issuer(iss):
            trusted = iss
        else:
            return Check("jwks", SKIP, "not fetched: no expected issuer and iss is not a Cognito pool"), None
    lookup = source.lookup(kid, trusted)
    if lookup.document is None:
        return Check("jwks", FAIL, lookup.error or "JWKS unavailable"), lookup
    detail = lookup.document.describe()
    return Check("jwks", PASS, f"{detail}; {lookup.note}" if lookup.note else detail), lookup


def _check_kid(header: dict[str, Any] | None, lookup: KeyLookup | None, jwks_check: Check) -> Check:
    if header is None:
        return Check("kid", SKIP, "skipped: the header could not be decoded")
    if "kid" not in header:
        return Check("kid", FAIL, "no kid in the header: the signing key cannot be chosen")
    kid = header["kid"]
    if not isinstance(kid, str):
        return Check("kid", FAIL, "kid is not a string")
    if lookup is None or lookup.document is None:
        return Check("kid", SKIP, f"skipped: JWKS unavailable (kid {kid[:40]})")
    if lookup.entry is None:
        known = [entry.kid or "?" for entry in lookup.document.entries][:4]
        listed = ", ".join(k[:16] for k in known) or "no keys"
        note = f"; {lookup.note}" if lookup.note else ""
        return Check("kid", FAIL, f"kid {kid[:40]} is not in the JWKS ({listed}){note}")
    return Check("kid", PASS, f"{kid} found in the JWKS")


def _check_jwk(header: dict[str, Any] | None, lookup: KeyLookup | None) -> Check:
    if lookup is None or lookup.entry is None:
        return Check("jwk", SKIP, "skipped: no key found for the kid")
    status, detail = lookup.entry.fitness(header.get("alg") if header else None)
    return Check("jwk", status, detail)


def _check_signature(
    decoded: DecodedToken, alg_check: Check, jwk_check: Check, lookup: KeyLookup | None
) -> Check:
    if not decoded.well_formed:
        return Check("signature", SKIP, "skipped: the token is malformed")
    if alg_check.status is not PASS:
        return Check("signature", SKIP, "skipped: the alg is not accepted")
    if lookup is None or lookup.entry is None:
        return Check("signature", SKIP, "skipped: no trusted key for this token")
    if jwk_check.status is FAIL:
        return Check("signature", SKIP, "skipped: the key is not fit for this token")
    key, error = lookup.entry.public_key()
    if key is None:
        return Check("signature", SKIP, f"skipped: {error}")
    alg = decoded.header["alg"] if decoded.header else ""
    try:
        ok = _algorithms()[alg].verify(decoded.signing_input, key, decoded.signature)
    except (TypeError, ValueError) as exc:
        return Check("signature", FAIL, f"could not be checked: {exc}")
    if ok:
        return Check("signature", PASS, f"verified with key {lookup.entry.kid} ({alg})")
    return Check("signature", FAIL, "does not match: the token was altered or signed by another key")


@lru_cache(maxsize=1)
def _algorithms() -> dict[str, Any]:
    from jwt.algorithms import get_default_algorithms

    algorithms = get_default_algorithms()
    return {alg: algorithms[alg] for alg in SUPPORTED_ALGS}


def _accepted(issuer: str | Iterable[str] | None) -> tuple[str, ...]:
    if issuer is None:
        return ()
    key = issuer if isinstance(issuer, str) else tuple(i for i in issuer if isinstance(i, str))
    return _accepted_cached(key)


@lru_cache(maxsize=64)
def _accepted_cached(key: str | tuple[str, ...]) -> tuple[str, ...]:
    try:
        return accepted_issuers(key)
    except ValueError:
        return (key,) if isinstance(key, str) else key


def _clients(client_ids: str | Iterable[str] | None) -> tuple[str, ...] | None:
    if client_ids is None:
        return None
    items = client_ids.split(",") if isinstance(client_ids, str) else client_ids
    return tuple(item.strip() for item in items if isinstance(item, str) and item.strip())


_dict_sources: OrderedDict[str, StaticJwks] = OrderedDict()
_dict_lock = threading.Lock()


def _as_source(jwks: JwksSource | dict[str, Any] | None) -> JwksSource | None:
    """A dict becomes a StaticJwks, remembered by content so its keys are parsed only once."""
    if jwks is None or not isinstance(jwks, dict):
        return jwks
    try:
        fingerprint = json.dumps(jwks, sort_keys=True, default=repr)
    except (TypeError, ValueError):
        return StaticJwks.from_dict(copy.deepcopy(jwks))
    with _dict_lock:
        source = _dict_sources.get(fingerprint)
        if source is None:
            source = _dict_sources[fingerprint] = StaticJwks.from_dict(copy.deepcopy(jwks))
            if len(_dict_sources) > 8:
                _dict_sources.popitem(last=False)
        else:
            _dict_sources.move_to_end(fingerprint)
        return source
