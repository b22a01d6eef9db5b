"""What a token says is data, never layout: escaped control characters in every value the token
report, the CLI and the claims rendering show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from token_factory import CLIENT_ID, POOL_ID, TokenFactory

from cogtui.cli.token import main
from cogtui.text_safety import is_safe_text, safe_text
from cogtui.tokens.claims import claim_rows, render_value
from cogtui.tokens.report import CHECK_NAMES

FAKE_ROW = "\n  ✔ signature      verified with key rsa-key-1 (RS256)"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain text, emoji 🙂 and accents é", "plain text, emoji 🙂 and accents é"),
        ("a\nb\r\tc", "a\\nb\\r\\tc"),
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        ("nel\x85csi\x9b", "nel\\x85csi\\x9b"),
        ("del\x7f nul\x00", "del\\x7f nul\\x00"),
        ("abc\u202edef\u2066", "abc\\u202edef\\u2066"),
        ("line\u2028para\u2029", "line\\u2028para\\u2029"),
        ("zero\u200bwidth\ufeff", "zero\\u200bwidth\\ufeff"),
        ("lone \udc80 surrogate", "lone \\udc80 surrogate"),
        (42, "42"),
    ],
)
def test_safe_text_escapes_what_would_change_the_layout(raw: object, shown: str) -> None:
    assert safe_text(raw) == shown
    assert is_safe_text(shown)


def test_safe_text_limit_never_cuts_an_escape_in_half() -> None:
    assert safe_text("abcdef", limit=4) == "abc…"
    assert safe_text("ab\x1bcdef", limit=5) == "ab…"  # "ab\x1" would be a broken escape
    assert safe_text("ab\x1bcdef", limit=7) == "ab\\x1b…"
    assert safe_text("short", limit=10) == "short"


def test_claim_rendering_escapes_names_and_values() -> None:
    payload = {
        "evil" + FAKE_ROW: "x",
        "sub": "a\x1b]0;title\x07",
        "groups": ["a\nb"],
        "nested": {"k": "\u202e"},
    }
    for row in claim_rows(payload, now=0):
        assert is_safe_text(row.label) and is_safe_text(row.rendered)
    assert render_value("a\x1b]0;title\x07") == "a\\x1b]0;title\\x07"
    assert render_value(["a\nb"]) == '["a\\nb"]'
    assert render_value({"k": "\u202e"}) == '{"k": "\\u202e"}'


def forged(factory: TokenFactory, header: dict | None = None, **claims: object) -> str:
    head = {"alg": "RS256", "kid": "rsa-key-1", **(header or {})}
    return TokenFactory.raw(head, factory.id_claims(**claims), b"forged signature")


@pytest.fixture
def jwks_file(tmp_path: Path, factory: TokenFactory) -> str:
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps(factory.jwks()))
    return str(path)


def report_lines(token: str, jwks_file: str, capsys) -> list[str]:
    code = main(
        ["token", "verify", token, "--jwks", jwks_file, "--issuer", POOL_ID, "--client-id", CLIENT_ID]
    )
    assert code == 1
    return capsys.readouterr().out.splitlines()


@pytest.mark.parametrize(
    ("header", "claims"),
    [
        ({}, {"iss": "https://evil" + FAKE_ROW}),
        ({"kid": "rsa-key-1" + FAKE_ROW}, {}),
        ({"typ": "JWT" + FAKE_ROW}, {}),
        ({}, {"aud": "x" + FAKE_ROW}),
        ({}, {"token_use": "id" + FAKE_ROW}),
    ],
    ids=["iss", "kid", "typ", "aud", "token_use"],
)
def test_verify_report_is_one_line_per_check_whatever_the_token_says(
    factory: TokenFactory, jwks_file: str, capsys, header: dict, claims: dict
) -> None:
    lines = report_lines(forged(factory, header, **claims), jwks_file, capsys)
    assert lines[0].startswith("✘ INVALID")
    assert len(lines) == 1 + len(CHECK_NAMES)  # the verdict, then exactly one line per check
    signature_rows = [line for line in lines if line.split()[1:2] == ["signature"]]
    assert len(signature_rows) == 1 and signature_rows[0].split()[0] != "✔"
    assert all(is_safe_text(line) for line in lines)


def test_decode_output_escapes_claim_names_and_values(factory: TokenFactory, capsys) -> None:
    claims = {"sub": "\x1b[2J\x1b[Hcleared", "custom:evil" + FAKE_ROW: "v", "email": "a\u202egro.evil@x"}
    token = TokenFactory.raw({"alg": "RS256", "kid": "k\x07"}, factory.id_claims(**claims), b"s")
    main(["token", "decode", token])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b[2J\\x1b[Hcleared" in out and "custom:evil\\n  ✔ signature" in out
    assert not any(line.lstrip().startswith("✔ signature") for line in out.splitlines())
