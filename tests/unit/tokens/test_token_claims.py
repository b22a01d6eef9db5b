"""Claims explained: glossary, claims table with human times, size against limits, comparison."""

from __future__ import annotations

import pytest
from token_factory import NOW, TokenFactory

from cogtui.clock import format_duration, format_relative, format_utc
from cogtui.tokens.claims import (
    COGNITO_ID_TOKEN_LIMIT,
    SIZE_LIMITS,
    claim_rows,
    compare,
    expires_in,
    header_rows,
    render_value,
    size_report,
)
from cogtui.tokens.decode import decode_token
from cogtui.tokens.glossary import CLAIMS, explain, explain_header

COGNITO_CLAIMS = [
    "sub", "iss", "aud", "client_id", "token_use", "cognito:groups", "cognito:username",
    "cognito:roles", "cognito:preferred_role", "origin_jti", "event_id", "auth_time", "iat", "exp",
    "nbf", "jti", "scope", "at_hash", "username", "email", "email_verified", "phone_number",
    "phone_number_verified", "identities", "version", "device_key",
]  # fmt: skip


@pytest.mark.parametrize("name", COGNITO_CLAIMS)
def test_every_cognito_claim_has_a_glossary_line(name: str) -> None:
    line = CLAIMS[name]
    assert line and "\n" not in line and len(line) <= 110


def test_glossary_fallbacks() -> None:
    assert "Custom user attribute" in explain("custom:tenant")
    assert "Developer-only" in explain("dev:custom:x")
    assert "Not a standard Cognito claim" in explain("https://example.com/role")
    assert "never trusted" in explain_header("jku")


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (3250, "in 54m 10s"),
        (-3 * 3600, "3h ago"),
        (-3 * 3600 - 125, "3h 2m ago"),
        (0.4, "now"),
        (90061, "in 1d 1h"),
        (59, "in 59s"),
    ],
)
def test_relative_times(delta: float, text: str) -> None:
    assert format_relative(delta) == text


def test_time_edge_cases() -> None:
    assert format_duration(0) == "0s"
    assert format_utc(0) == "1970-01-01 00:00:00 UTC"
    assert format_utc(1e20) == "out of range"
    assert format_utc("x") == "not a time"  # type: ignore[arg-type]
    assert format_relative(float("inf")) == "never"


def test_claims_table_with_fixed_now(factory: TokenFactory) -> None:
    payload = factory.id_claims(exp=NOW + 3250, **{"custom:tenant": "acme"})
    rows = {row.name: row for row in claim_rows(payload, now=NOW)}
    assert list(rows) == list(payload)
    assert rows["exp"].relative == "in 54m 10s" and rows["exp"].utc == format_utc(NOW + 3250)
    assert rows["iat"].relative == "1m ago"
    assert rows["sub"].utc is None and rows["sub"].rendered == payload["sub"]
    assert rows["cognito:groups"].rendered == "admins"
    assert rows["email_verified"].rendered == "true"
    assert rows["custom:tenant"].explanation.startswith("Custom user attribute")
    later = {row.name: row for row in claim_rows(payload, now=NOW + 10)}
    assert later["exp"].relative == "in 54m"  # a live countdown is just another call


def test_header_rows_and_expires_in(factory: TokenFactory) -> None:
    decoded = decode_token(factory.id_token())
    assert [r.name for r in header_rows(decoded.header)] == ["kid", "alg"]
    assert expires_in(decoded.payload, now=NOW) == 3600
    assert expires_in({"exp": "soon"}) is None and claim_rows(None) == ()


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("a\nb", "a\\nb"),
        (None, "null"),
        ([], "[]"),
        (["a", "b"], "a, b"),
        ({"k": 1}, '{"k": 1}'),
        (1.5, "1.5"),
        ([1, "a"], '[1, "a"]'),
    ],
)
def test_render_value(value: object, text: str) -> None:
    assert render_value(value) == text


def test_small_token_is_within_limits(factory: TokenFactory) -> None:
    report = size_report(factory.id_token())
    assert report.status == "ok" and report.summary.endswith("within common limits")
    assert [f.limit.limit_bytes for f in report.findings] == [10000, 4096, 8192, 10240, 16384]
    access = size_report(factory.access_token())  # the Cognito ID-token limit is for ID tokens only
    assert [f.limit.limit_bytes for f in access.findings] == [4096, 8192, 10240, 16384]
    assert report.header_line_bytes == report.token_bytes + len("Authorization: Bearer ")


def test_bloated_id_token_is_flagged(factory: TokenFactory) -> None:
    custom = {f"custom:attr{i}": "x" * 100 for i in range(30)}
    groups = [f"group-with-a-long-name-{i:03d}" for i in range(60)]
    token = factory.id_token(**{"cognito:groups": groups}, **custom)
    report = size_report(token)
    assert report.custom_claims == 30 and report.groups == 60
    assert 6144 <= report.header_line_bytes <= 8192
    assert report.biggest_claims[0][0] == "cognito:groups"
    statuses = {f.limit.name: f.status for f in report.findings}
    assert statuses["cookie"] == "over" and statuses["common header line"] == "near"
    assert report.status == "over" and "near the Cognito ID token limit" in report.summary
    assert "10,000 characters breaks sign-in" in report.note
    assert all(limit.source for limit in SIZE_LIMITS)


def test_compare_id_and_access_tokens(factory: TokenFactory) -> None:
    result = compare(factory.id_claims(), factory.access_claims())
    same = {c.name for c in result.same}
    different = {c.name for c in result.different}
    assert {"sub", "iss", "cognito:groups", "origin_jti", "event_id", "auth_time", "exp", "iat"} <= same
    assert different == {"jti", "token_use"}
    assert {c.name for c in result.only_in_id} >= {"aud", "email", "cognito:username"}
    assert {c.name for c in result.only_in_access} >= {"client_id", "scope", "username", "version"}
    assert len(result.rows) == len(set(factory.id_claims()) | set(factory.access_claims()))
    token_use = next(c for c in result.different if c.name == "token_use")
    assert (token_use.id_value, token_use.access_value, token_use.state) == ("id", "access", "different")


def test_compare_tells_true_from_one() -> None:
    assert compare({"x": True}, {"x": 1}).different[0].name == "x"
    assert compare(None, {"a": 1}).only_in_access[0].access_value == 1


@pytest.mark.parametrize(
    ("characters", "status", "summary"),
    [
        (7_990, "ok", None),
        (8_000, "near", "near the Cognito ID token limit (80% of 10,000)"),
        (10_000, "near", "near the Cognito ID token limit (100% of 10,000)"),
        (10_001, "over", "over the Cognito ID token limit (100% of 10,000)"),
        (12_000, "over", "over the Cognito ID token limit (120% of 10,000)"),
    ],
)
def test_id_token_limit_warns_past_8000_and_fails_past_10000(
    factory: TokenFactory, characters: int, status: str, summary: str | None
) -> None:
    """The size past which a sign-in breaks when Lambda triggers add claims: ID tokens only."""
    pad = (characters - len(factory.id_token(**{"custom:pad": ""}))) * 3 // 4
    while len(token := factory.id_token(**{"custom:pad": "x" * pad})) > characters:
        pad -= 1
    token += "A" * (characters - len(token))  # the signature padded to the exact length
    report = size_report(token)
    assert report.token_bytes == characters
    finding = next(f for f in report.findings if f.limit is COGNITO_ID_TOKEN_LIMIT)
    assert finding.status == status
    if summary:
        assert report.summary == f"{characters:,} bytes: {summary}"
