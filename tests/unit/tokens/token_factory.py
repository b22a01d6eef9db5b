"""Cognito-like ID and access tokens signed with keys made on the spot, for token tests.

`TokenFactory` owns RSA, EC and Ed25519 keys (plus an attacker's RSA key), publishes a JWKS for
them, and signs any header and claims, including ones no honest issuer would produce.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm, get_default_algorithms

REGION = "us-east-1"
POOL_ID = "us-east-1_TestPool1"
ISSUER = f"https://cognito-idp.{REGION}.amazonaws.com/{POOL_ID}"
GLOBAL_ISSUER = f"https://issuer-cognito-idp.{REGION}.amazonaws.com/{POOL_ID}"
OTHER_POOL_ISSUER = f"https://cognito-idp.{REGION}.amazonaws.com/us-east-1_OtherPool"
CLIENT_ID = "3n4b5urk1ft4fl3mg5e62d9ado"
OTHER_CLIENT_ID = "7hq2jbg5fm0v8ehb5ptv9q1a8c"
NOW = 1_750_000_000
SUB = "a1b2c3d4-0000-4000-8000-0123456789ab"

DROP = object()
"""Pass as a claim or header value to remove that entry."""

_ALGS = get_default_algorithms()
_KEY_ALGS = {"rsa": "RS256", "rsa2": "RS256", "ec": "ES256", "ec384": "ES384", "ed": "EdDSA"}


def b64url(data: bytes | str) -> str:
    raw = data.encode() if isinstance(data, str) else data
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _json(value: Any) -> bytes:
    return value if isinstance(value, bytes) else json.dumps(value, separators=(",", ":")).encode()


def _apply(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    result = dict(base)
    for name, value in overrides.items():
        if value is DROP:
            result.pop(name, None)
        else:
            result[name] = value
    return result


class TokenFactory:
    """Keys, JWKS and signed tokens; every token is Cognito-shaped unless told otherwise."""

    def __init__(self, now: int = NOW) -> None:
        self.now = now
        self.keys: dict[str, Any] = {
            "rsa": rsa.generate_private_key(public_exponent=65537, key_size=2048),
            "rsa2": rsa.generate_private_key(public_exponent=65537, key_size=2048),
            "attacker": rsa.generate_private_key(public_exponent=65537, key_size=2048),
            "ec": ec.generate_private_key(ec.SECP256R1()),
            "ec384": ec.generate_private_key(ec.SECP384R1()),
            "ed": ed25519.Ed25519PrivateKey.generate(),
        }
        self.kids = {name: f"{name}-key-1" for name in self.keys}

    # keys and JWKS -------------------------------------------------------------------------
    def jwk(self, name: str = "rsa", **overrides: Any) -> dict[str, Any]:
        """The public JWK of key `name`, with `use`, `alg` and `kid` as Cognito publishes them."""
        public = self.keys[name].public_key()
        if name in ("ec", "ec384"):
            jwk = ECAlgorithm.to_jwk(public, as_dict=True)
        elif name == "ed":
            jwk = OKPAlgorithm.to_jwk(public, as_dict=True)
        else:
            jwk = RSAAlgorithm.to_jwk(public, as_dict=True)
        jwk = {k: v for k, v in jwk.items() if k in ("kty", "n", "e", "crv", "x", "y")}
        jwk.update({"alg": _KEY_ALGS.get(name, "RS256"), "kid": self.kids[name], "use": "sig"})
        return _apply(jwk, overrides)

    def jwks(self, *names: str, extra: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        names = names or ("rsa", "rsa2", "ec", "ed")
        return {"keys": [self.jwk(name) for name in names] + list(extra or [])}

    def public_pem(self, name: str = "rsa") -> bytes:
        return (
            self.keys[name]
            .public_key()
            .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        )

    # claims ---------------------------------------------------------------------------------
    def id_claims(self, **overrides: Any) -> dict[str, Any]:
        base = {
            "sub": SUB,
            "cognito:groups": ["admins"],
            "email_verified": True,
            "iss": ISSUER,
            "cognito:username": "alice",
            "origin_jti": "5f1e0c6a-1111-4222-8333-444455556666",
            "aud": CLIENT_ID,
            "event_id": "0c9a8b7c-aaaa-4bbb-8ccc-dddd00001111",
            "token_use": "id",
            "auth_time": self.now - 60,
            "exp": self.now + 3600,
            "iat": self.now - 60,
            "jti": "9f8e7d6c-5555-4666-8777-888899990000",
            "email": "alice@example.com",
        }
        return _apply(base, overrides)

    def access_claims(self, **overrides: Any) -> dict[str, Any]:
        base = {
            "sub": SUB,
            "cognito:groups": ["admins"],
            "iss": ISSUER,
            "client_id": CLIENT_ID,
            "origin_jti": "5f1e0c6a-1111-4222-8333-444455556666",
            "event_id": "0c9a8b7c-aaaa-4bbb-8ccc-dddd00001111",
            "token_use": "access",
            "scope": "aws.cognito.signin.user.admin",
            "auth_time": self.now - 60,
            "exp": self.now + 3600,
            "iat": self.now - 60,
            "jti": "1a2b3c4d-5555-4666-8777-888899990000",
            "username": "alice",
            "version": 2,
        }
        return _apply(base, overrides)

    # signing --------------------------------------------------------------------------------
    def sign(
        self,
        payload: dict[str, Any] | bytes,
        *,
        key: str = "rsa",
        alg: str | None = None,
        header: dict[str, Any] | None = None,
    ) -> str:
        """Sign with key `key`; `header` entries override the default {kid, alg} (DROP removes)."""
        alg = alg or _KEY_ALGS.get(key, "RS256")
        head = _apply({"kid": self.kids[key], "alg": alg}, header or {})
        signing_input = f"{b64url(_json(head))}.{b64url(_json(payload))}"
        signature = _ALGS[alg].sign(signing_input.encode(), self.keys[key])
        return f"{signing_input}.{b64url(signature)}"

    def id_token(self, *, key: str = "rsa", header: dict[str, Any] | None = None, **claims: Any) -> str:
        return self.sign(self.id_claims(**claims), key=key, header=header)

    def access_token(self, *, key: str = "rsa", header: dict[str, Any] | None = None, **claims: Any) -> str:
        return self.sign(self.access_claims(**claims), key=key, header=header)

    def hmac_token(
        self, payload: dict[str, Any], secret: bytes, alg: str = "HS256", kid: str | None = None
    ) -> str:
        """An HMAC-signed token, e.g. with the public key as secret (the key-confusion attack)."""
        head = {"alg": alg, "kid": kid or self.kids["rsa"]}
        signing_input = f"{b64url(_json(head))}.{b64url(_json(payload))}"
        digest = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}[alg]
        signature = hmac.new(secret, signing_input.encode(), digest).digest()
        return f"{signing_input}.{b64url(signature)}"

    @staticmethod
    def raw(header: Any, payload: Any, signature: bytes | str = b"sig") -> str:
        """Any JSON (or bytes) as header and payload, with the given signature bytes."""
        sig = signature if isinstance(signature, str) else b64url(signature)
        return f"{b64url(_json(header))}.{b64url(_json(payload))}.{sig}"
