"""Verification throughput: `validate()` with a cached JWKS against a bare PyJWT decode loop.

Both loops verify the same RS256 Cognito-like ID token in the same process, so the ratio is
meaningful on any machine. `bench_verify(n)` returns the numbers; a benchmark script prints them.
"""

from __future__ import annotations

import base64
import json
import time
from typing import Any

__all__ = ["bench_verify"]

_POOL = "us-east-1_BenchPool1"
_ISSUER = f"https://cognito-idp.us-east-1.amazonaws.com/{_POOL}"
_CLIENT = "benchclient0000000000000000"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _make_token(private_key: Any, now: int) -> str:
    from jwt.algorithms import RSAAlgorithm

    header = {"kid": "bench-key", "alg": "RS256"}
    payload = {
        "sub": "00000000-0000-4000-8000-000000000000",
        "iss": _ISSUER,
        "aud": _CLIENT,
        "token_use": "id",
        "auth_time": now,
        "iat": now,
        "exp": now + 3600,
        "cognito:username": "bench",
        "email": "bench@example.com",
        "email_verified": True,
        "jti": "11111111-2222-4333-8444-555555555555",
        "origin_jti": "66666666-7777-4888-9999-000000000000",
        "event_id": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
    }
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(payload).encode())}"
    signature = RSAAlgorithm(RSAAlgorithm.SHA256).sign(signing_input.encode(), private_key)
    return f"{signing_input}.{_b64(signature)}"


def bench_verify(n: int = 2000, rounds: int = 3) -> dict[str, float | int | bool]:
    """Tokens per second for `validate()` (cached JWKS) and `jwt.decode()`; best of `rounds`."""
    import jwt
    from cryptography.hazmat.primitives.asymmetric import rsa
    from jwt.algorithms import RSAAlgorithm

    from cogtui.tokens.jwks import StaticJwks
    from cogtui.tokens.validation import validate

    private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_key = private_key.public_key()
    jwk = RSAAlgorithm.to_jwk(public_key, as_dict=True) | {"kid": "bench-key", "alg": "RS256", "use": "sig"}
    source = StaticJwks.from_dict({"keys": [jwk]})
    token = _make_token(private_key, int(time.time()))
    ours_ok = validate(token, jwks=source, issuer=_POOL, client_ids=[_CLIENT], token_use="id").valid

    def ours() -> None:
        for _ in range(n):
            validate(token, jwks=source, issuer=_POOL, client_ids=[_CLIENT], token_use="id")

    def bare() -> None:
        for _ in range(n):
            jwt.decode(token, public_key, algorithms=["RS256"], audience=_CLIENT, issuer=_ISSUER)

    best = {"ours": 0.0, "pyjwt": 0.0}
    for _ in range(max(rounds, 1)):
        for name, loop in (("ours", ours), ("pyjwt", bare)):
            start = time.perf_counter()
            loop()
            best[name] = max(best[name], n / (time.perf_counter() - start))
    ours_per_s, pyjwt_per_s = round(best["ours"], 1), round(best["pyjwt"], 1)
    return {
        "n": n,
        "rounds": rounds,
        "valid": ours_ok,
        "ours_per_s": ours_per_s,
        "pyjwt_per_s": pyjwt_per_s,
        # From the figures reported, so the ratio is the one a reader works out from them.
        "ratio": round(ours_per_s / pyjwt_per_s, 3),
    }


if __name__ == "__main__":
    print(json.dumps(bench_verify(), indent=2))
