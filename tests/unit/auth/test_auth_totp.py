"""Authenticator codes (RFC 6238 test vectors) and otpauth:// URIs."""

import base64

from cogtui.auth.totp import otpauth_uri, seconds_remaining, totp_code

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode().rstrip("=")


def test_rfc6238_sha1_vectors_truncated_to_six_digits():
    assert totp_code(RFC_SECRET, at=59) == "287082"
    assert totp_code(RFC_SECRET, at=1111111109) == "081804"
    assert totp_code(RFC_SECRET.lower(), at=1234567890) == "005924"


def test_short_secrets_pyotp_refuses_are_accepted():
    code = totp_code("asdfasdfasdf", at=1_700_000_000)  # an emulator's fixed 60-bit secret
    assert len(code) == 6 and code.isdigit()
    assert totp_code("ASDF ASDF ASDF", at=1_700_000_000) == code


def test_seconds_remaining():
    assert seconds_remaining(60.0) == 30.0
    assert seconds_remaining(89.5) == 0.5


def test_otpauth_uri():
    uri = otpauth_uri("JBSWY3DPEHPK3PXP", "ivy@example.com", "demo-app")
    assert uri == "otpauth://totp/demo-app:ivy@example.com?secret=JBSWY3DPEHPK3PXP&issuer=demo-app"
    assert otpauth_uri("AB CD", "bob", "").startswith("otpauth://totp/Cognito:bob?secret=ABCD&issuer=Cognito")
    assert "My%20Pool:al%20ice" in otpauth_uri("AB", "al ice", "My Pool")
