"""Property tests: thousands of random and mutated tokens never crash decode, validate or the CLI,
and every report is complete, each check on one line whatever the token says. A mutated token is only
ever accepted if its content is unchanged.

CI runs these derandomized (the "ci" hypothesis profile in tests/conftest.py); local runs explore at
random. Every counter-example ever found is kept below as an `@example`.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
from functools import lru_cache

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from token_factory import CLIENT_ID, ISSUER, NOW, POOL_ID, TokenFactory

from cogtui.cli.token import run_token
from cogtui.text_safety import is_safe_text
from cogtui.tokens.claims import claim_rows, compare, size_report
from cogtui.tokens.decode import decode_token
from cogtui.tokens.jwks import StaticJwks
from cogtui.tokens.report import CHECK_NAMES, Status, ValidationReport
from cogtui.tokens.validation import validate

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=1000)


@lru_cache(maxsize=1)
def fixtures() -> tuple[TokenFactory, StaticJwks, tuple[str, ...]]:
    factory = TokenFactory()
    tokens = (
        factory.id_token(),
        factory.access_token(),
        factory.id_token(key="ec"),
        factory.id_token(key="ed"),
        factory.access_token(key="rsa2", header={"jku": "https://evil.example.com"}),
    )
    return factory, StaticJwks.from_dict(factory.jwks()), tokens


def assert_complete(text: str) -> ValidationReport:
    """validate() returns every check with a one-line detail, and a consistent verdict."""
    _factory, source, _tokens = fixtures()
    report = validate(text, jwks=source, issuer=POOL_ID, client_ids=[CLIENT_ID], now=NOW)
    assert tuple(c.name for c in report.checks) == CHECK_NAMES
    for check in report.checks:
        assert isinstance(check.status, Status)
        assert isinstance(check.detail, str) and check.detail and is_safe_text(check.detail)
    failed = any(c.status is Status.FAIL for c in report.checks)
    assert report.valid == (not failed and report.status("signature") is Status.PASS)
    assert report.summary
    decoded = report.token
    if decoded.problems:
        assert not decoded.well_formed and not report.valid
    size_report(decoded)
    for row in claim_rows(decoded.payload, now=NOW):
        assert is_safe_text(row.label) and is_safe_text(row.rendered)
    compare(decoded.payload, decoded.payload)
    return report


noise = st.text(alphabet="ABCDEFabcdef0123456789-_=.+/ \n\t\"'eyJ{}:,", max_size=300)


@SETTINGS
@given(st.one_of(st.text(max_size=300), noise, st.binary(max_size=200).map(lambda b: b.decode("latin-1"))))
def test_random_text(text: str) -> None:
    assert_complete(text)


MUTATIONS = (
    "flip",
    "delete",
    "insert",
    "drop_segment",
    "swap",
    "truncate",
    "dup_dot",
    "replace_segment",
    "case",
)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    _factory, _source, tokens = fixtures()
    original = draw(st.sampled_from(tokens))
    token = original
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(MUTATIONS))
        parts = token.split(".")
        at = draw(st.integers(0, max(len(token) - 1, 0)))
        if kind == "flip" and token:
            char = draw(st.sampled_from("AQgw-_09zZ.=+/ "))
            token = token[:at] + char + token[at + 1 :]
        elif kind == "delete":
            token = token[:at] + token[at + 1 :]
        elif kind == "insert":
            token = token[:at] + draw(st.text(max_size=3)) + token[at:]
        elif kind == "drop_segment" and len(parts) > 1:
            del parts[draw(st.integers(0, len(parts) - 1))]
            token = ".".join(parts)
        elif kind == "swap" and len(parts) == 3:
            i, j = draw(st.permutations([0, 1, 2]))[:2]
            parts[i], parts[j] = parts[j], parts[i]
            token = ".".join(parts)
        elif kind == "truncate":
            token = token[:at]
        elif kind == "dup_dot":
            token = token[:at] + "." + token[at:]
        elif kind == "replace_segment" and len(parts) == 3:
            value = draw(json_values)
            raw = json.dumps(value).encode()
            parts[draw(st.integers(0, 2))] = base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
            token = ".".join(parts)
        elif kind == "case":
            token = token.swapcase() if draw(st.booleans()) else token.upper()
    return original, token


json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False), st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=6,
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=2000)
@given(mutated())
def test_mutated_tokens(pair: tuple[str, str]) -> None:
    original, token = pair
    report = assert_complete(token)
    if report.valid:  # only a change that leaves header and payload intact may still verify
        before = decode_token(original)
        assert report.token.header == before.header and report.token.payload == before.payload


CLAIM_NAMES = ["exp", "nbf", "iat", "iss", "aud", "sub", "scope", "jti", "token_use", "client_id",
               "auth_time", "cognito:groups", "cognito:username"]  # fmt: skip
HEADER_NAMES = ["alg", "kid", "typ", "jku", "jwk", "x5u", "crit"]


@st.composite
def forged(draw: st.DrawFn) -> str:
    factory, _source, _tokens = fixtures()
    header = draw(st.dictionaries(st.sampled_from(HEADER_NAMES), json_values, max_size=4))
    if draw(st.booleans()):
        header["alg"] = draw(st.sampled_from(["RS256", "ES256", "none", "HS256", "EdDSA", "PS256"]))
    if draw(st.booleans()):
        header["kid"] = draw(st.sampled_from(["rsa-key-1", "ec-key-1", "ed-key-1", "unknown"]))
    payload = factory.id_claims() if draw(st.booleans()) else factory.access_claims()
    payload.update(draw(st.dictionaries(st.sampled_from(CLAIM_NAMES), json_values, max_size=4)))
    signature = draw(st.binary(max_size=300))
    return factory.raw(header, payload, signature)


def forged_example(header: dict, **claims: object) -> str:
    """A forged access token (Cognito's claims, `claims` replaced) with a bogus signature."""
    payload = {"sub": "a1b2c3d4-0000-4000-8000-0123456789ab", "iss": ISSUER, "client_id": CLIENT_ID,
               "token_use": "access", "scope": "aws.cognito.signin.user.admin", "auth_time": NOW - 60,
               "exp": NOW + 3600, "iat": NOW - 60, "username": "alice"}  # fmt: skip
    payload.update(claims)
    return TokenFactory.raw(header, payload, b"forged")


FAKE_ROW = "\n  ✔ signature      verified with key rsa-key-1 (RS256)"


# Counter-examples found by the random exploration (kept so that every run, CI included, tries them).
@example(  # iss "\n": the iss check's detail spanned two lines
    "e30.eyJzdWIiOiJhMWIyYzNkNC0wMDAwLTQwMDAtODAwMC0wMTIzNDU2Nzg5YWIiLCJjb2duaXRvOmdyb3VwcyI6WyJhZG1pbnMiXSwiaXNzI"
    "joiXG4iLCJjbGllbnRfaWQiOiIzbjRiNXVyazFmdDRmbDNtZzVlNjJkOWFkbyIsIm9yaWdpbl9qdGkiOiI1ZjFlMGM2YS0xMTExLTQyMjItOD"
    "MzMy00NDQ0NTU1NTY2NjYiLCJldmVudF9pZCI6IjBjOWE4YjdjLWFhYWEtNGJiYi04Y2NjLWRkZGQwMDAwMTExMSIsInRva2VuX3VzZSI6ImF"
    "jY2VzcyIsInNjb3BlIjoiYXdzLmNvZ25pdG8uc2lnbmluLnVzZXIuYWRtaW4iLCJhdXRoX3RpbWUiOjE3NDk5OTk5NDAsImV4cCI6MTc1MDAw"
    "MzYwMCwiaWF0IjoxNzQ5OTk5OTQwLCJqdGkiOiIxYTJiM2M0ZC01NTU1LTQ2NjYtODc3Ny04ODg4OTk5OTAwMDAiLCJ1c2VybmFtZSI6ImFsa"
    "WNlIiwidmVyc2lvbiI6Mn0."
)
# The same attack by hand: values that would draw their own report lines or terminal escapes.
@example(forged_example({"alg": "RS256", "kid": "rsa-key-1"}, iss="https://evil" + FAKE_ROW))
@example(forged_example({"alg": "RS256", "kid": "rsa-key-1" + FAKE_ROW}))
@example(forged_example({"alg": "RS256", "kid": "rsa-key-1"}, client_id="x\x1b[2K\r✔ client ok"))
@example(forged_example({"alg": "RS256\u2028", "kid": "unknown"}, token_use="id\u202e"))
@example(forged_example({"alg": "RS256", "kid": "rsa-key-1", "crit": ["\x85"]}, exp="\r"))
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=600)
@given(forged())
def test_forged_tokens_are_never_valid(token: str) -> None:
    report = assert_complete(token)
    assert not report.valid  # random signatures never verify


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=300)
@given(st.one_of(st.text(min_size=1, max_size=200), mutated().map(lambda pair: pair[1])), st.booleans())
def test_cli_decode_never_crashes(text: str, as_json: bool) -> None:
    out = io.StringIO()
    args = argparse.Namespace(token_command="decode", token_input=text, token_json=as_json)
    code = run_token(args, stdin=io.StringIO(""), stdout=out)
    assert code in (0, 1, 2)
    if as_json and code != 2:
        assert isinstance(json.loads(out.getvalue())["problems"], list)
