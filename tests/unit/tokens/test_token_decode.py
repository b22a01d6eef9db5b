"""decode_token: pasted-text cleanups, structural problems, decoded fields, kind guessing."""

from __future__ import annotations

import pytest
from token_factory import TokenFactory, b64url

from cogtui.tokens.decode import b64url_decode, decode_token, guess_kind


def test_decodes_header_payload_signature(factory: TokenFactory) -> None:
    token = factory.id_token()
    decoded = decode_token(token)
    head, body, sig = token.split(".")
    assert decoded.well_formed and decoded.problems == () and decoded.cleanups == ()
    assert decoded.header == {"kid": "rsa-key-1", "alg": "RS256"}
    assert decoded.payload["token_use"] == "id"
    assert decoded.signing_input == f"{head}.{body}".encode()
    assert decoded.signature == b64url_decode(sig) and len(decoded.signature) == 256
    assert decoded.size == len(token) and decoded.token == token == decoded.text
    assert decoded.kind == "id"


@pytest.mark.parametrize(
    ("wrap", "expected"),
    [
        ("{t}\n", ["removed the trailing newline"]),
        ("  {t}  ", ["removed surrounding whitespace"]),
        ("Bearer {t}", ["removed the 'Bearer ' prefix"]),
        ("bearer   {t}", ["removed the 'Bearer ' prefix"]),
        (
            "Authorization: Bearer {t}\r\n",
            [
                "removed the trailing newline",
                "removed the 'Authorization:' header name",
                "removed the 'Bearer ' prefix",
            ],
        ),
        ('"{t}"', ["removed surrounding quotes"]),
        ("'Bearer {t}'", ["removed surrounding quotes", "removed the 'Bearer ' prefix"]),
        (
            ' Bearer "{t}"\n',
            ["removed surrounding whitespace", "removed the 'Bearer ' prefix", "removed surrounding quotes"],
        ),
    ],
)
def test_pasted_noise_is_stripped_and_reported(factory: TokenFactory, wrap: str, expected: list[str]) -> None:
    token = factory.access_token()
    decoded = decode_token(wrap.format(t=token))
    assert decoded.token == token
    assert list(decoded.cleanups) == expected
    assert decoded.well_formed


def test_line_breaks_inside_the_token_are_removed(factory: TokenFactory) -> None:
    token = factory.id_token()
    wrapped = "\n".join(token[i : i + 80] for i in range(0, len(token), 80))
    decoded = decode_token(wrapped)
    assert decoded.token == token and decoded.well_formed
    assert any("whitespace character(s) inside" in c for c in decoded.cleanups)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty input"),
        ("   \n", "empty input"),
        ("abc", "found 1"),
        ("a.b", "found 2"),
        ("a.b.c.d", "found 4"),
        ("a.b.c.d.e", "encrypted JWE"),
        ("e30.e30.", "signature segment is empty"),
        (".e30.c2ln", "header segment is empty"),
        ("e3+0.e30.c2ln", "standard base64"),
        ("e30.e30.c2l*", "character base64url does not use"),
        ("e30.e30.c2=ln", "padding in the middle"),
        ("bm90IGpzb24.e30.c2ln", "header is not valid JSON"),
        ("e30.W10.c2ln", "payload is a JSON array, not a JSON object"),
        ("e30.bnVsbA.c2ln", "payload is JSON null"),
        ("e30.MQ.c2ln", "payload is a JSON number"),
        ("e30." + b64url('{"exp": NaN}') + ".c2ln", "NaN is not valid JSON"),
        ("e30." + b64url('{"exp": Infinity}') + ".c2ln", "Infinity is not valid JSON"),
    ],
)
def test_garbage_gives_problems_not_exceptions(text: str, fragment: str) -> None:
    decoded = decode_token(text)
    assert not decoded.well_formed
    assert any(fragment in p for p in decoded.problems), decoded.problems


@pytest.mark.parametrize("value", [None, 12, b"e30.e30.c2ln"])
def test_non_text_input_does_not_raise(value: object) -> None:
    decoded = decode_token(value)  # type: ignore[arg-type]
    assert not decoded.well_formed and decoded.problems


def test_numbers_are_read_like_javascript() -> None:
    huge = "9" * 400
    decoded = decode_token("e30." + b64url('{"exp": ' + huge + ', "n": 1e400}') + ".c2ln")
    assert decoded.payload == {"exp": float("inf"), "n": float("inf")}


def test_invalid_utf8_is_replaced_not_fatal() -> None:
    decoded = decode_token("e30." + b64url(b'{"name": "\xff"}') + ".c2ln")
    assert decoded.payload == {"name": "\ufffd"} and decoded.well_formed


def test_padding_and_a_dangling_character_are_tolerated() -> None:
    assert b64url_decode("YWJj") == b"abc"
    assert b64url_decode("YWI=") == b"ab" == b64url_decode("YWI")
    assert b64url_decode("YWJjZ") == b"abc"  # Node drops a lone trailing character too
    assert b64url_decode("_-8") == b"\xff\xef" == b64url_decode("/+8")


def test_padded_segments_keep_the_compact_shape(factory: TokenFactory) -> None:
    head, body, sig = factory.id_token().split(".")
    decoded = decode_token(f"{head}.{body}.{sig}==")
    assert decoded.compact and decoded.well_formed


@pytest.mark.parametrize(
    ("payload", "kind"),
    [
        ({"token_use": "id"}, "id"),
        ({"token_use": "access"}, "access"),
        ({"token_use": "refresh"}, "unknown"),
        ({"client_id": "c", "scope": "openid"}, "access"),
        ({"aud": "c", "cognito:username": "u"}, "id"),
        ({"aud": "c"}, "unknown"),
        (None, "unknown"),
        ([], "unknown"),
    ],
)
def test_guess_kind(payload: object, kind: str) -> None:
    assert guess_kind(payload) == kind  # type: ignore[arg-type]
