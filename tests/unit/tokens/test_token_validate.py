"""validate(): every check passes, fails, warns or is skipped for the right reason."""

from __future__ import annotations

import time

import pytest
from token_factory import (
    CLIENT_ID,
    DROP,
    GLOBAL_ISSUER,
    ISSUER,
    NOW,
    OTHER_CLIENT_ID,
    OTHER_POOL_ISSUER,
    POOL_ID,
    TokenFactory,
)

from cogtui.tokens.jwks import StaticJwks
from cogtui.tokens.report import CHECK_NAMES, Status
from cogtui.tokens.validation import TIME_CHECKS, time_checks, validate

PASS, FAIL, SKIP, WARN = Status.PASS, Status.FAIL, Status.SKIP, Status.WARN


def test_valid_id_token_passes_every_check(factory: TokenFactory, verify) -> None:
    report = verify(factory.id_token(), token_use="id")
    assert report.valid, report.checks
    assert tuple(c.name for c in report.checks) == CHECK_NAMES
    statuses = {c.name: c.status for c in report.checks}
    assert statuses.pop("nbf") is SKIP  # Cognito sets no nbf
    assert set(statuses.values()) == {PASS}
    assert report.summary == "valid" and report.failures == ()


def test_valid_access_token(factory: TokenFactory, verify) -> None:
    report = verify(factory.access_token(), token_use="access")
    assert report.valid
    assert report.get("client").detail == f"client_id {CLIENT_ID} is an accepted client"


@pytest.mark.parametrize("key", ["ec", "ed", "rsa2"])
def test_other_supported_keys_verify(factory: TokenFactory, verify, key: str) -> None:
    assert verify(factory.id_token(key=key)).valid


def test_report_serialises(factory: TokenFactory, verify) -> None:
    data = verify(factory.id_token(exp=NOW - 5)).to_dict()
    assert data["valid"] is False and data["summary"] == "invalid: exp"
    assert {"name": "exp", "status": "fail", "detail": data["checks"][12]["detail"]} == data["checks"][12]
    assert all(set(c) == {"name", "status", "detail"} for c in data["checks"])


# structure, header ----------------------------------------------------------------------------
def test_malformed_token_skips_what_needs_it(verify) -> None:
    report = verify("not a token")
    assert not report.valid
    assert report.status("structure") is FAIL
    for name in ("header", "alg", "kid", "jwk", "signature", "iss", "exp", "claim types"):
        assert report.status(name) is SKIP, name
    assert all(c.detail for c in report.checks)


def test_header_field_types(factory: TokenFactory, verify) -> None:
    report = verify(factory.id_token(header={"kid": 7}))
    assert report.status("header") is FAIL and "kid is a number" in report.get("header").detail
    assert report.status("kid") is FAIL and not report.valid


# claim types ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("claims", "fragment"),
    [
        ({"exp": "9999999999"}, "exp is a string, expected a number"),
        ({"exp": True}, "exp is a boolean"),
        ({"exp": None}, "exp is null"),
        ({"iat": "now"}, "iat is a string"),
        ({"nbf": [1]}, "nbf is an array"),
        ({"iss": [ISSUER]}, "iss is an array, expected a string"),
        ({"sub": 42}, "sub is a number, expected a string"),
        ({"jti": {}}, "jti is an object"),
        ({"scope": ["openid"]}, "scope is an array"),
        ({"aud": 5}, "aud is a number, expected a string or array of strings"),
        ({"aud": [CLIENT_ID, 5]}, "aud is an array, expected a string or array of strings"),
    ],
)
def test_wrong_claim_types_fail(factory: TokenFactory, verify, claims: dict, fragment: str) -> None:
    report = verify(factory.id_token(**claims))
    assert report.status("claim types") is FAIL
    assert fragment in report.get("claim types").detail
    assert not report.valid


@pytest.mark.parametrize(
    "claims",
    [{"cognito:groups": "admins"}, {"auth_time": "yesterday"}, {"cognito:username": 3}, {"origin_jti": 1}],
)
def test_odd_cognito_claim_types_only_warn(factory: TokenFactory, verify, claims: dict) -> None:
    report = verify(factory.id_token(**claims))
    assert report.status("claim types") is WARN and report.valid


# alg, kid, jwk, signature ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("header", "fragment"),
    [
        ({"alg": DROP}, "no alg"),
        ({"alg": 256}, "not a string"),
        ({"alg": "PS256"}, "not accepted"),
        ({"alg": "ES256K"}, "not accepted"),
        ({"alg": "HS512"}, "HMAC"),
        ({"alg": "nOnE"}, "unsigned"),
    ],
)
def test_alg_refusals(factory: TokenFactory, verify, header: dict, fragment: str) -> None:
    head = {k: v for k, v in {"kid": "rsa-key-1", **header}.items() if v is not DROP}
    report = verify(factory.raw(head, factory.id_claims()))
    assert report.status("alg") is FAIL and fragment in report.get("alg").detail
    assert report.status("signature") is SKIP and not report.valid


def test_kid_checks(factory: TokenFactory, verify) -> None:
    missing = verify(factory.id_token(header={"kid": DROP}))
    assert missing.status("kid") is FAIL and "no kid" in missing.get("kid").detail
    assert missing.status("jwks") is SKIP
    unknown = verify(factory.id_token(header={"kid": "nope"}))
    assert unknown.status("kid") is FAIL and "not in the JWKS" in unknown.get("kid").detail
    assert unknown.status("jwk") is SKIP and unknown.status("signature") is SKIP


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"use": "enc"}, "encryption key"),
        ({"alg": "RS512"}, "the key is for RS512 but the token says RS256"),
        ({"n": ""}, "missing modulus (n)"),
        ({"e": DROP}, "missing exponent (e)"),
        ({"kty": "oct"}, "shared secret"),
        ({"kty": "EC"}, "missing curve (crv)"),
    ],
)
def test_unfit_keys_fail(factory: TokenFactory, overrides: dict, fragment: str) -> None:
    jwks = {"keys": [factory.jwk("rsa", **overrides)]}
    report = validate(factory.id_token(), jwks=jwks, issuer=POOL_ID, client_ids=[CLIENT_ID], now=NOW)
    assert report.status("jwk") is FAIL and fragment in report.get("jwk").detail
    assert report.status("signature") is SKIP and not report.valid


def test_alg_must_suit_the_key_type_and_curve(factory: TokenFactory) -> None:
    # A key without "alg": aws-jwt-verify would let ES256 verify against an RSA key; we refuse.
    rsa_no_alg = {"keys": [factory.jwk("rsa", alg=DROP)]}
    token = factory.sign(factory.id_claims(), key="rsa", alg="RS256", header={"alg": "ES256"})
    report = validate(token, jwks=rsa_no_alg, issuer=POOL_ID, client_ids=[CLIENT_ID], now=NOW)
    assert (
        report.status("jwk") is FAIL
        and "ES256 needs an EC P-256 key, this key is RSA" in report.get("jwk").detail
    )
    p384_no_alg = {"keys": [factory.jwk("ec384", alg=DROP)]}
    token = factory.sign(factory.id_claims(), key="ec384", alg="ES384", header={"alg": "ES256"})
    report = validate(token, jwks=p384_no_alg, issuer=POOL_ID, client_ids=[CLIENT_ID], now=NOW)
    assert report.status("jwk") is FAIL and "EC P-384" in report.get("jwk").detail


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"key_ops": ["encrypt"]}, "key_ops ['encrypt'] does not include 'verify'"),
        ({"d": "AQAB"}, "private key material (d)"),
    ],
)
def test_questionable_keys_warn_but_verify(factory: TokenFactory, overrides: dict, fragment: str) -> None:
    jwks = {"keys": [factory.jwk("rsa", **overrides)]}
    report = validate(factory.id_token(), jwks=jwks, issuer=POOL_ID, client_ids=[CLIENT_ID], now=NOW)
    assert report.status("jwk") is WARN and fragment in report.get("jwk").detail
    assert report.valid


def test_signature_mismatch(factory: TokenFactory, verify) -> None:
    head, _body, sig = factory.id_token().split(".")
    other_body = factory.id_token(sub="someone-else").split(".")[1]
    report = verify(f"{head}.{other_body}.{sig}")
    assert (
        report.status("signature") is FAIL
        and "altered or signed by another key" in report.get("signature").detail
    )
    assert report.summary == "invalid: signature"


def test_no_jwks_means_not_valid(factory: TokenFactory) -> None:
    report = validate(factory.id_token(), issuer=POOL_ID, client_ids=[CLIENT_ID], now=NOW)
    assert report.status("jwks") is SKIP and report.status("signature") is SKIP
    assert not report.valid and report.summary == "invalid: the signature was not checked"


def test_jwks_dict_and_source_agree(factory: TokenFactory) -> None:
    token = factory.id_token()
    as_dict = validate(token, jwks=factory.jwks(), issuer=POOL_ID, client_ids=CLIENT_ID, now=NOW)
    as_source = validate(
        token, jwks=StaticJwks.from_dict(factory.jwks()), issuer=POOL_ID, client_ids=CLIENT_ID, now=NOW
    )
    assert as_dict.valid and as_source.valid
    assert [c.status for c in as_dict.checks] == [c.status for c in as_source.checks]


# iss, token_use, client -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "configured", [POOL_ID, ISSUER, GLOBAL_ISSUER, ISSUER + "/", [OTHER_POOL_ISSUER, POOL_ID]]
)
@pytest.mark.parametrize("iss", [ISSUER, GLOBAL_ISSUER])
def test_both_issuer_forms_accepted(factory: TokenFactory, verify, configured, iss: str) -> None:
    report = verify(factory.id_token(iss=iss), issuer=configured)
    assert report.status("iss") is PASS and report.valid


@pytest.mark.parametrize(
    ("iss", "fragment"),
    [
        (OTHER_POOL_ISSUER, "another user pool"),
        (ISSUER + "/", "trailing '/'"),
        (ISSUER.replace("https", "http"), "http instead of https"),
        (DROP, "no iss claim"),
        ("", "no iss claim"),
        ("https://evil.example.com/us-east-1_TestPool1", "is not the expected issuer"),
    ],
)
def test_wrong_issuer_fails(factory: TokenFactory, verify, iss, fragment: str) -> None:
    report = verify(factory.id_token(iss=iss))
    assert report.status("iss") is FAIL and fragment in report.get("iss").detail and not report.valid


def test_unconfigured_issuer_only_warns(factory: TokenFactory, verify) -> None:
    report = verify(factory.id_token(), issuer=None)
    assert report.status("iss") is WARN and "not checked" in report.get("iss").detail and report.valid


@pytest.mark.parametrize(
    ("claims", "expected", "fragment"),
    [
        ({"token_use": DROP}, None, "no token_use claim"),
        ({"token_use": "refresh"}, None, "neither 'id' nor 'access'"),
        ({"token_use": ["id"]}, None, "token_use is an array"),
        ({}, "access", "an ID token, but an access token is expected"),
    ],
)
def test_token_use_failures(factory: TokenFactory, verify, claims: dict, expected, fragment: str) -> None:
    report = verify(factory.id_token(**claims), token_use=expected)
    assert report.status("token_use") is FAIL and fragment in report.get("token_use").detail


@pytest.mark.parametrize("token_use", [None, "any", "id"])
def test_token_use_any(factory: TokenFactory, verify, token_use) -> None:
    assert verify(factory.id_token(), token_use=token_use).valid


@pytest.mark.parametrize(
    ("make", "clients", "status", "fragment"),
    [
        ("id", [OTHER_CLIENT_ID], FAIL, "is not an accepted client"),
        ("id", [OTHER_CLIENT_ID, CLIENT_ID], PASS, "aud"),
        ("id", f"{OTHER_CLIENT_ID}, {CLIENT_ID}", PASS, "aud"),
        ("access", [OTHER_CLIENT_ID], FAIL, "client_id"),
        ("id_aud_list", [CLIENT_ID], FAIL, "aud is an array, expected one client id string"),
        ("access_no_client", [CLIENT_ID], FAIL, "access tokens name the client in client_id"),
        ("id", None, WARN, "not checked"),
        ("id", [], FAIL, "expected (none)"),
    ],
)
def test_client_check(factory: TokenFactory, verify, make: str, clients, status, fragment: str) -> None:
    token = {
        "id": lambda: factory.id_token(),
        "access": lambda: factory.access_token(),
        "id_aud_list": lambda: factory.id_token(aud=[CLIENT_ID]),
        "access_no_client": lambda: factory.access_token(client_id=DROP, aud=CLIENT_ID),
    }[make]()
    report = verify(token, client_ids=clients)
    assert report.status("client") is status and fragment in report.get("client").detail


def test_access_token_aud_is_not_the_client_check(factory: TokenFactory, verify) -> None:
    # aws-jwt-verify checks client_id on access tokens; an aud list there is merely well-typed.
    assert verify(factory.access_token(aud=["x", "y"])).valid


# times ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("exp", "grace", "status"),
    [(NOW, 0, PASS), (NOW - 1, 0, FAIL), (NOW - 5, 5, PASS), (NOW - 6, 5, FAIL), (NOW + 0.5, 0, PASS)],
)
def test_exp_boundaries_and_grace(factory: TokenFactory, verify, exp, grace: int, status) -> None:
    report = verify(factory.id_token(exp=exp), grace_s=grace)
    assert report.status("exp") is status and report.valid is (status is PASS)


def test_expired_detail_is_human(factory: TokenFactory, verify) -> None:
    detail = verify(factory.id_token(exp=NOW - 3 * 3600)).get("exp").detail
    assert detail == "expired 3h ago (2025-06-15 12:06:40 UTC)"


def test_missing_exp_warns_but_is_accepted(factory: TokenFactory, verify) -> None:
    report = verify(factory.id_token(exp=DROP))
    assert report.status("exp") is WARN and report.status("expiring soon") is SKIP and report.valid


@pytest.mark.parametrize(
    ("nbf", "grace", "status"), [(NOW + 10, 0, FAIL), (NOW + 10, 10, PASS), (NOW - 10, 0, PASS)]
)
def test_nbf(factory: TokenFactory, verify, nbf: int, grace: int, status) -> None:
    assert verify(factory.id_token(nbf=nbf), grace_s=grace).status("nbf") is status


@pytest.mark.parametrize("claim", ["iat", "auth_time"])
def test_clock_skew_warnings(factory: TokenFactory, verify, claim: str) -> None:
    report = verify(factory.id_token(**{claim: NOW + 120}))
    check = report.get(claim)
    assert check.status is WARN and "2m in the future" in check.detail and "clock" in check.detail
    assert report.valid
    assert verify(factory.id_token(**{claim: NOW + 120}), grace_s=300).status(claim) is PASS


def test_expiring_soon(factory: TokenFactory, verify) -> None:
    soon = verify(factory.id_token(exp=NOW + 130))
    assert soon.status("expiring soon") is WARN and "2m 10s left" in soon.get("expiring soon").detail
    assert soon.valid and soon.summary == "valid, 1 warning(s)"
    assert verify(factory.id_token(exp=NOW + 130), expiring_soon_s=60).status("expiring soon") is PASS
    assert verify(factory.id_token(exp=NOW - 1)).status("expiring soon") is SKIP


def test_now_defaults_to_the_clock(factory: TokenFactory, jwks_source) -> None:
    report = validate(factory.id_token(), jwks=jwks_source, issuer=POOL_ID, client_ids=[CLIENT_ID])
    assert abs(report.now - time.time()) < 60


def test_time_checks_follow_the_clock_without_validating_again(factory: TokenFactory, jwks_source) -> None:
    report = validate(
        factory.id_token(), jwks=jwks_source, issuer=POOL_ID, client_ids=[CLIENT_ID], now=NOW, grace_s=30
    )
    same = time_checks(report, NOW)
    assert tuple(c.name for c in same) == TIME_CHECKS
    assert same == tuple(report.get(name) for name in TIME_CHECKS)
    later = {c.name: c for c in time_checks(report, NOW + 125)}
    assert later["exp"].detail.startswith("expires in 57m 55s") and later["iat"].detail.startswith(
        "issued 3m 5s ago"
    )
    expired = {c.name: c for c in time_checks(report, NOW + 3600 + 31)}
    assert expired["exp"].status is Status.FAIL and "grace 30s" in expired["exp"].detail
