"""Tokens as users paste them: tokens JSON documents and callback URLs give up their ID and access tokens,
in the core, `cogtui token decode` and `cogtui token verify`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from token_factory import CLIENT_ID, POOL_ID, TokenFactory

from cogtui.cli.token import main
from cogtui.tokens.decode import decode_token
from cogtui.tokens.paste import find_tokens

FAR_FUTURE = 4_000_000_000
ID, ACCESS, REFRESH = "eyJh.aWQ.c2ln", "eyJh.YWNjZXNz.c2ln", "eyJjdHkiOiJKV1QifQ.a.b.c.d"


@pytest.mark.parametrize(
    ("text", "found_in"),
    [
        (json.dumps({"AuthenticationResult": {"IdToken": ID, "AccessToken": ACCESS, "RefreshToken": REFRESH,
                                              "ExpiresIn": 3600}, "ChallengeParameters": {}}, indent=2),
         "a tokens JSON document (AuthenticationResult)"),
        (json.dumps({"IdToken": ID, "AccessToken": ACCESS}), "a tokens JSON document"),
        (json.dumps({"id_token": ID, "access_token": ACCESS, "token_type": "Bearer"}), "a tokens JSON document"),
        (json.dumps({"session": {"tokens": {"idToken": ID, "accessToken": ACCESS}}}),
         "a tokens JSON document (tokens)"),
        (f"https://app.example.com/callback#id_token={ID}&access_token={ACCESS}&token_type=Bearer&expires_in=3600",
         "a callback URL's fragment"),
        (f"http://localhost:3000/cb?access_token={ACCESS}&id_token={ID}", "a callback URL's query"),
        (f"#id_token={ID}&access_token={ACCESS}", "a URL fragment"),
        (f"  id_token={ID}&access_token={ACCESS}\n", "a URL fragment"),
    ],
    ids=["AuthenticationResult", "IdToken", "snake_case", "nested camelCase", "fragment", "query", "bare #",
         "bare"],
)  # fmt: skip
def test_both_tokens_are_found(text: str, found_in: str) -> None:
    found = find_tokens(text)
    assert found is not None
    assert (found.id_token, found.access_token, found.found_in) == (ID, ACCESS, found_in)
    assert REFRESH not in found.note and "an ID token and an access token" in found.note


def test_a_refresh_token_is_counted_never_returned() -> None:
    found = find_tokens(
        json.dumps({"AuthenticationResult": {"AccessToken": ACCESS, "RefreshToken": REFRESH}})
    )
    assert found is not None and found.refresh_token_found and found.id_token is None
    assert REFRESH not in repr(found) and "refresh token, not shown" in found.note


@pytest.mark.parametrize(
    "text",
    [ID, f"Bearer {ID}", "{not json", json.dumps({"ChallengeName": "SMS_MFA"}), "https://app/cb?code=abc",
     "[1, 2]", ""],
)  # fmt: skip
def test_anything_else_is_left_to_the_decoder(text: str) -> None:
    assert find_tokens(text) is None


def test_the_decoder_names_a_document_instead_of_calling_it_a_jwe() -> None:
    decoded = decode_token(json.dumps({"AuthenticationResult": {"IdToken": ID, "AccessToken": ACCESS}}))
    assert not decoded.well_formed
    assert decoded.problems[0].startswith("a tokens JSON document (AuthenticationResult) holding an ID token")
    assert "JWE" not in decoded.problems[0]


@pytest.fixture
def pair(factory: TokenFactory) -> tuple[str, str]:
    return factory.id_token(exp=FAR_FUTURE), factory.access_token(exp=FAR_FUTURE)


def test_cli_decode_shows_both_tokens_of_a_document(pair, capsys) -> None:
    document = json.dumps(
        {"AuthenticationResult": {"IdToken": pair[0], "AccessToken": pair[1], "RefreshToken": "r"}}
    )
    assert main(["token", "decode", document]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "Found an ID token and an access token in a tokens JSON document (AuthenticationResult)"
    )
    assert "ID token (decoded, not verified)" in out and "Access token (decoded, not verified)" in out
    assert main(["token", "decode", document, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["tokens"]) == {"id", "access"} and data["refresh_token_found"] is True
    assert data["tokens"]["id"]["kind"] == "id" and data["tokens"]["access"]["kind"] == "access"


def test_cli_verify_checks_each_token_of_a_callback_url(pair, factory, tmp_path: Path, capsys) -> None:
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps(factory.jwks()))
    url = f"https://app.example.com/cb#access_token={pair[1]}&id_token={pair[0]}&token_type=Bearer"
    argv = ["token", "verify", url, "--jwks", str(jwks), "--issuer", POOL_ID, "--client-id", CLIENT_ID]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith("Found an ID token and an access token in a callback URL's fragment.")
    assert out.count("✔ VALID") == 2
    # the access token under the id_token name: token_use is checked against where it was found
    swapped = f"#id_token={pair[1]}&access_token={pair[0]}"
    assert main([*argv[:2], swapped, *argv[3:], "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["valid"] is False and data["tokens"]["id"]["summary"] == "invalid: token_use"
