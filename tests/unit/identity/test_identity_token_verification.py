"""The identity doctor verifies the ID token with the token verifier's own checks: a forged token
(tampered payload, alg none, iss with a trailing '/') never passes, whatever else it gets right."""

from __future__ import annotations

import base64
import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from cogtui.aws.models import IdentityPool
from cogtui.identity.checks import Status
from cogtui.identity.token_verification import expectation_for, verify_id_token
from cogtui.tokens.jwks import StaticJwks

POOL_ID = "us-east-1_AbCdEf123"
ISSUER = f"https://cognito-idp.us-east-1.amazonaws.com/{POOL_ID}"
CLIENT = "3n4b5urk1ft4fl3mg5e62d9ado"
NOW = 1_900_000_000
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
JWKS = StaticJwks.from_dict({"keys": [{**json.loads(RSAAlgorithm.to_jwk(KEY.public_key())), "kid": "k1"}]})


def claims(**overrides) -> dict:
    return {
        "iss": ISSUER,
        "aud": CLIENT,
        "sub": "0f1e2d3c",
        "token_use": "id",
        "iat": NOW - 60,
        "auth_time": NOW - 60,
        "exp": NOW + 3600,
        **overrides,
    }


def signed(**overrides) -> str:
    return jwt.encode(claims(**overrides), KEY, algorithm="RS256", headers={"kid": "k1"})


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def tampered(token: str, **overrides) -> str:
    """The payload changed, the header and signature kept."""
    header, _, signature = token.split(".")
    return f"{header}.{b64(claims(**overrides))}.{signature}"


def unsigned(**overrides) -> str:
    return f"{b64({'alg': 'none', 'kid': 'k1'})}.{b64(claims(**overrides))}."


def identity_pool(client: str = CLIENT) -> IdentityPool:
    return IdentityPool.from_api(
        {
            "IdentityPoolId": "us-east-1:0c4e6d2a-1111-2222-3333-444455556666",
            "IdentityPoolName": "demo",
            "AllowUnauthenticatedIdentities": False,
            "CognitoIdentityProviders": [
                {
                    "ProviderName": ISSUER.removeprefix("https://"),
                    "ClientId": client,
                    "ServerSideTokenCheck": False,
                }
            ],
        }
    )


def verdict(token: str, pool: IdentityPool | None = None) -> dict[str, Status]:
    return {c.name: c.status for c in verify_id_token(token, pool=pool, jwks=JWKS, now=NOW)}


@pytest.mark.parametrize("pool", [None, identity_pool()], ids=["pool unknown", "pool described"])
def test_a_genuine_token_verifies(pool):
    checks = verify_id_token(signed(), pool=pool, jwks=JWKS, now=NOW)
    assert checks[0].name == "token verification" and checks[0].status is Status.PASS
    assert not [c for c in checks if c.status is Status.FAIL]
    names = {c.name: c.status for c in checks}
    assert names["token signature"] is names["token iss"] is names["token token_use"] is Status.PASS


@pytest.mark.parametrize("pool", [None, identity_pool()], ids=["pool unknown", "pool described"])
@pytest.mark.parametrize(
    ("forge", "failing"),
    [
        (lambda: tampered(signed(), **{"cognito:groups": ["admins"]}), "token signature"),
        (lambda: unsigned(), "token alg"),
        (lambda: signed(iss=ISSUER + "/"), "token iss"),
        (lambda: signed(token_use="access"), "token token_use"),
        (lambda: signed(exp=NOW - 5), "token exp"),
    ],
    ids=["tampered payload", "alg none", "iss with a trailing slash", "token_use access", "expired"],
)
def test_a_forged_or_stale_token_never_passes(pool, forge, failing):
    found = verdict(forge(), pool)
    assert found["token verification"] is Status.FAIL and found[failing] is Status.FAIL


def test_the_expected_issuer_and_client_come_from_the_identity_pool():
    expected = expectation_for(ISSUER, ISSUER.removeprefix("https://"), identity_pool())
    assert ISSUER in expected.issuers and expected.client_ids == (CLIENT,)
    assert "identity pool" in expected.source
    other = verdict(signed(), identity_pool(client="another-client"))
    assert other["token verification"] is Status.FAIL and other["token client"] is Status.FAIL
    stranger = signed(iss="https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other")
    assert verdict(stranger, identity_pool())["token iss"] is Status.FAIL


def test_without_the_pool_the_tokens_own_iss_is_expected_exactly():
    expected = expectation_for(ISSUER + "/", None, None)
    assert ISSUER in expected.issuers and ISSUER + "/" not in expected.issuers
    assert expected.client_ids is None and "token's own iss" in expected.source


def test_an_unreadable_token_fails_plainly():
    (only,) = verify_id_token("not-a-token", pool=None, jwks=JWKS, now=time.time())
    assert only.status is Status.FAIL and "cannot be verified" in only.detail
