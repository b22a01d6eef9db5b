"""Known JWT attacks against a Cognito verifier: every one must end in 'invalid'."""

from __future__ import annotations

import base64
import json

import pytest
from token_factory import CLIENT_ID, DROP, ISSUER, NOW, POOL_ID, TokenFactory, b64url

from cogtui.tokens.jwks import JwksCache
from cogtui.tokens.report import Status
from cogtui.tokens.validation import validate

PASS, FAIL, SKIP, WARN = Status.PASS, Status.FAIL, Status.SKIP, Status.WARN


@pytest.mark.parametrize("alg", ["none", "None", "NONE"])
@pytest.mark.parametrize("signature", ["", "e30", "AAAA"])
def test_alg_none(factory: TokenFactory, verify, alg: str, signature: str) -> None:
    head = b64url(f'{{"alg":"{alg}","kid":"rsa-key-1"}}')
    body = b64url(json.dumps(factory.id_claims()))
    report = verify(f"{head}.{body}.{signature}")
    assert not report.valid
    assert report.status("signature") is SKIP
    if signature:
        assert report.status("alg") is FAIL and "unsigned" in report.get("alg").detail
    else:
        assert report.status("structure") is FAIL


@pytest.mark.parametrize("alg", ["HS256", "HS384", "HS512"])
def test_hmac_signed_with_the_public_key(factory: TokenFactory, verify, alg: str) -> None:
    """Key confusion: the public key (PEM, or the JWK's n) used as an HMAC secret."""
    n_bytes = base64.urlsafe_b64decode(factory.jwk("rsa")["n"] + "==")
    for secret in (factory.public_pem("rsa"), n_bytes):
        report = verify(factory.hmac_token(factory.id_claims(), secret, alg=alg))
        assert not report.valid
        assert report.status("alg") is FAIL and "HMAC" in report.get("alg").detail
        assert report.status("signature") is SKIP


def test_hmac_against_a_key_without_alg(factory: TokenFactory) -> None:
    jwks = {"keys": [factory.jwk("rsa", alg=DROP)]}
    token = factory.hmac_token(factory.id_claims(), factory.public_pem("rsa"))
    report = validate(token, jwks=jwks, issuer=POOL_ID, client_ids=[CLIENT_ID], now=NOW)
    assert not report.valid and report.status("alg") is FAIL


def test_foreign_kid(factory: TokenFactory, verify) -> None:
    report = verify(factory.id_token(key="attacker"))
    assert not report.valid and report.status("kid") is FAIL


def test_attacker_key_under_a_trusted_kid(factory: TokenFactory, verify) -> None:
    report = verify(factory.id_token(key="attacker", header={"kid": "rsa-key-1"}))
    assert not report.valid and report.status("signature") is FAIL


@pytest.mark.parametrize("kid", ["attacker-key-1", "rsa-key-1"])
def test_embedded_jwk_is_never_used(factory: TokenFactory, verify, kid: str) -> None:
    embedded = factory.jwk("attacker")
    report = verify(factory.id_token(key="attacker", header={"jwk": embedded, "kid": kid}))
    assert not report.valid
    assert report.status("header keys") is WARN and "jwk ignored" in report.get("header keys").detail


def test_jku_and_x5u_are_never_fetched(factory: TokenFactory) -> None:
    fetched: list[str] = []

    def fetcher(url: str, timeout: float) -> bytes:
        fetched.append(url)
        if url == f"{ISSUER}/.well-known/jwks.json":
            return json.dumps(factory.jwks()).encode()
        raise AssertionError(f"fetched an untrusted URL: {url}")

    cache = JwksCache(fetcher=fetcher)
    evil = "https://evil.example.com/jwks.json"
    forged = factory.id_token(key="attacker", header={"jku": evil, "x5u": evil, "kid": "attacker-key-1"})
    report = validate(forged, jwks=cache, issuer=POOL_ID, client_ids=[CLIENT_ID], now=NOW)
    assert not report.valid and report.status("kid") is FAIL
    honest = factory.id_token(header={"jku": evil})
    report = validate(honest, jwks=cache, issuer=POOL_ID, client_ids=[CLIENT_ID], now=NOW)
    assert report.valid and report.status("header keys") is WARN  # aws-jwt-verify accepts it too
    assert set(fetched) == {f"{ISSUER}/.well-known/jwks.json"}


def test_forged_issuer_does_not_choose_where_keys_come_from(factory: TokenFactory) -> None:
    fetched: list[str] = []

    def fetcher(url: str, timeout: float) -> bytes:
        fetched.append(url)
        return b'{"keys": []}'

    cache = JwksCache(fetcher=fetcher)
    token = factory.id_token(key="attacker", iss="https://evil.example.com/us-east-1_TestPool1")
    pinned = validate(token, jwks=cache, issuer=POOL_ID, client_ids=[CLIENT_ID], now=NOW)
    assert not pinned.valid and pinned.status("iss") is FAIL
    unpinned = validate(token, jwks=cache, client_ids=[CLIENT_ID], now=NOW)
    assert not unpinned.valid and unpinned.status("jwks") is SKIP
    assert fetched == [f"{ISSUER}/.well-known/jwks.json"]  # only the configured pool, never evil


def test_encryption_key_is_refused(factory: TokenFactory) -> None:
    jwks = {"keys": [factory.jwk("rsa", use="enc")]}
    report = validate(factory.id_token(), jwks=jwks, issuer=POOL_ID, client_ids=[CLIENT_ID], now=NOW)
    assert not report.valid and report.status("jwk") is FAIL and "encryption" in report.get("jwk").detail


def test_symmetric_key_in_jwks_is_refused(factory: TokenFactory) -> None:
    secret = b"0123456789abcdef0123456789abcdef"
    jwks = {"keys": [{"kty": "oct", "k": b64url(secret), "kid": "rsa-key-1", "alg": "HS256"}]}
    token = factory.hmac_token(factory.id_claims(), secret)
    report = validate(token, jwks=jwks, issuer=POOL_ID, client_ids=[CLIENT_ID], now=NOW)
    assert not report.valid and report.status("jwk") is FAIL and report.status("alg") is FAIL


@pytest.mark.parametrize("position", ["payload", "header", "signature"])
def test_tampering(factory: TokenFactory, verify, position: str) -> None:
    head, body, sig = factory.id_token().split(".")
    if position == "payload":
        body = factory.id_token(**{"cognito:groups": ["admins", "superusers"]}).split(".")[1]
    elif position == "header":
        head = b64url('{"kid":"rsa-key-1","alg":"RS256","typ":"JWT"}')
    else:
        middle = len(sig) // 2
        sig = sig[:middle] + ("A" if sig[middle] != "A" else "B") + sig[middle + 1 :]
    report = verify(f"{head}.{body}.{sig}")
    assert not report.valid and report.status("signature") is FAIL


def test_signature_of_another_algorithm_same_key(factory: TokenFactory, verify) -> None:
    token = factory.sign(factory.id_claims(), key="rsa", alg="RS512", header={"alg": "RS256"})
    report = verify(token)
    assert not report.valid and report.status("signature") is FAIL


def test_truncated_signature(factory: TokenFactory, verify) -> None:
    token = factory.id_token()
    assert not verify(token[:-10]).valid
    assert not verify(token.rsplit(".", 1)[0] + ".").valid


def test_duplicate_kid_uses_the_first_key(factory: TokenFactory) -> None:
    # aws-jwt-verify takes the first key with the kid; a later honest duplicate does not rescue it.
    jwks = {"keys": [factory.jwk("attacker", kid="rsa-key-1"), factory.jwk("rsa")]}
    report = validate(factory.id_token(), jwks=jwks, issuer=POOL_ID, client_ids=[CLIENT_ID], now=NOW)
    assert not report.valid and report.status("signature") is FAIL


@pytest.mark.parametrize(
    "claims",
    [
        {"exp": str(NOW + 3600)},
        {"aud": {"client": CLIENT_ID}},
        {"token_use": {"id": True}},
        {"iss": None},
        {"iat": False},
        {"scope": 1},
    ],
)
def test_wrong_claim_types_are_invalid_even_when_signed(factory: TokenFactory, verify, claims: dict) -> None:
    report = verify(factory.id_token(**claims))
    assert report.status("signature") is PASS
    assert not report.valid
