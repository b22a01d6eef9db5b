"""One JSON Web Key from a JWKS: its shape, its fitness to verify a given `alg`, its parsed key.

The fitness rules are aws-jwt-verify's (`kty` RSA/EC/OKP, `use` "sig" when set, the key's
parameters present, the key's `alg` equal to the token's) plus one stricter rule: the token's
`alg` must suit the key type and curve (RS* needs RSA, ES256 needs P-256...). Parsed keys and
fitness verdicts are memoized on the entry, so a cached JWKS costs nothing per verification.
"""

from __future__ import annotations

import threading
from typing import Any

from cogtui.tokens.report import Status

__all__ = ["SUPPORTED_ALGS", "JwkEntry", "jwk_shape_problem"]

# What aws-jwt-verify verifies; everything else (none, HS*, PS*, ES256K...) is refused.
SUPPORTED_ALGS: tuple[str, ...] = ("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "EdDSA")

_ALG_NEEDS: dict[str, tuple[str, frozenset[str] | None]] = {
    "RS256": ("RSA", None),
    "RS384": ("RSA", None),
    "RS512": ("RSA", None),
    "ES256": ("EC", frozenset({"P-256"})),
    "ES384": ("EC", frozenset({"P-384"})),
    "ES512": ("EC", frozenset({"P-521"})),
    "EdDSA": ("OKP", frozenset({"Ed25519", "Ed448"})),
}
_REQUIRED = {"RSA": ("n", "e"), "EC": ("crv", "x", "y"), "OKP": ("crv", "x")}
_PARAM_NAMES = {"n": "modulus (n)", "e": "exponent (e)", "crv": "curve (crv)", "x": "x", "y": "y"}
_STRING_FIELDS = ("use", "alg", "kid", "n", "e", "x", "y", "crv")
_PRIVATE_FIELDS = ("d", "p", "q", "dp", "dq", "qi", "k")


def jwk_shape_problem(jwk: Any) -> str | None:
    """Why `jwk` is not a JWK at all (aws-jwt-verify rejects the whole JWKS then), or None."""
    if not isinstance(jwk, dict) or not jwk:
        return "is not a JSON object" if not isinstance(jwk, dict) else "is empty"
    if not isinstance(jwk.get("kty"), str):
        return "has no 'kty' string"
    for name in _STRING_FIELDS:
        if name in jwk and not isinstance(jwk[name], str):
            return f"has a '{name}' that is not a string"
    return None


class JwkEntry:
    """A JWK with its parsed public key and per-alg fitness verdicts, computed once."""

    __slots__ = ("jwk", "kid", "_lock", "_key", "_key_error", "_parsed", "_fitness")

    def __init__(self, jwk: dict[str, Any]) -> None:
        self.jwk = jwk
        kid = jwk.get("kid")
        self.kid: str | None = kid if isinstance(kid, str) else None
        self._lock = threading.Lock()
        self._key: Any = None
        self._key_error: str | None = None
        self._parsed = False
        self._fitness: dict[str, tuple[Status, str]] = {}

    def __repr__(self) -> str:
        return f"JwkEntry(kid={self.kid!r}, kty={self.jwk.get('kty')!r})"

    def public_key(self) -> tuple[Any, str | None]:
        """(key object, None) or (None, why it cannot be loaded). Only public parts are used."""
        if not self._parsed:
            with self._lock:
                if not self._parsed:
                    self._key, self._key_error = _load_public_key(self.jwk)
                    self._parsed = True
        return self._key, self._key_error

    def fitness(self, alg: object) -> tuple[Status, str]:
        """Can this key verify a token whose header says `alg`? (status, one-line detail)."""
        cached = self._fitness.get(alg) if isinstance(alg, str) else None
        if cached is None:
            cached = self._compute_fitness(alg)
            if alg in SUPPORTED_ALGS:  # only a handful of values: the memo stays small
                self._fitness[alg] = cached
        return cached

    def _compute_fitness(self, alg: object) -> tuple[Status, str]:
        jwk = self.jwk
        kty = jwk.get("kty")
        if kty not in _REQUIRED:
            if kty == "oct":
                return Status.FAIL, "kty 'oct' is a shared secret, never a public signature key"
            return Status.FAIL, f"kty {kty!r} is not a signature key type (RSA, EC or OKP)"
        reasons: list[str] = []
        use = jwk.get("use")
        if use and use != "sig":
            reasons.append(f"use {use!r}: an encryption key, not a signing key")
        missing = [_PARAM_NAMES[p] for p in _REQUIRED[kty] if not jwk.get(p)]
        if missing:
            reasons.append("missing " + ", ".join(missing))
        jwk_alg = jwk.get("alg")
        if jwk_alg and jwk_alg != alg:
            reasons.append(f"the key is for {jwk_alg} but the token says {alg}")
        needs = _ALG_NEEDS.get(alg) if isinstance(alg, str) else None
        if needs and not missing:
            need_kty, curves = needs
            crv = jwk.get("crv")
            if kty != need_kty or (curves is not None and crv not in curves):
                have = f"{kty} {crv}" if crv else kty
                want = f"{need_kty} {'/'.join(sorted(curves))}" if curves else need_kty
                reasons.append(f"{alg} needs an {want} key, this key is {have}")
        if not reasons and needs:
            _key, error = self.public_key()
            if error:
                reasons.append(f"the key cannot be loaded: {error}")
        if reasons:
            return Status.FAIL, "; ".join(reasons)
        return self._warnings_or_pass(kty, jwk_alg)

    def _warnings_or_pass(self, kty: str, jwk_alg: object) -> tuple[Status, str]:
        jwk = self.jwk
        warnings: list[str] = []
        key_ops = jwk.get("key_ops")
        if key_ops is not None and (not isinstance(key_ops, list) or "verify" not in key_ops):
            warnings.append(f"key_ops {key_ops!r} does not include 'verify'")
        private = [name for name in _PRIVATE_FIELDS if name in jwk]
        if private:
            warnings.append("the JWKS publishes private key material (" + ", ".join(private) + ")")
        key, _error = self.public_key()
        bits = getattr(key, "key_size", None)
        if kty == "RSA" and isinstance(bits, int) and bits < 2048:
            warnings.append(f"weak {bits}-bit RSA key")
        if warnings:
            return Status.WARN, "; ".join(warnings) + " (aws-jwt-verify accepts it)"
        parts = [f"{kty} {bits}-bit" if kty == "RSA" and bits else f"{kty} {jwk.get('crv', '')}".strip()]
        parts.append(f"use {jwk['use']}" if jwk.get("use") else "no use given")
        parts.append(f"alg {jwk_alg}" if jwk_alg else "no alg given")
        return Status.PASS, ", ".join(parts)


def _load_public_key(jwk: dict[str, Any]) -> tuple[Any, str | None]:
    from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm

    kty = jwk.get("kty")
    try:
        if kty == "RSA":
            return RSAAlgorithm.from_jwk({"kty": "RSA", "n": jwk.get("n"), "e": jwk.get("e")}), None
        if kty == "EC":
            public = {k: jwk.get(k) for k in ("crv", "x", "y")}
            return ECAlgorithm.from_jwk({"kty": "EC", **public}), None
        if kty == "OKP":
            return OKPAlgorithm.from_jwk({"kty": "OKP", "crv": jwk.get("crv"), "x": jwk.get("x")}), None
    except Exception as exc:  # any parse failure is a verdict on the key, not a crash
        return None, _one_line(exc)
    return None, f"unsupported key type {kty!r}"


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) <= 100 else text[:97] + "..."
