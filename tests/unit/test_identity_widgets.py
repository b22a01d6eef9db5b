"""Pure renderings behind the identity screen's widgets: countdowns, pool rows, check summaries, roles."""

from __future__ import annotations

from datetime import UTC, datetime

from cogtui.aws.models import CognitoProvider, IdentityPool
from cogtui.describe.identity import pool_rows, role_summary
from cogtui.identity.checks import Check, Status, read_token
from cogtui.identity.credentials import AwsCredentials
from cogtui.identity.roles import RoleExplanation
from cogtui.widgets.check_list import check_content, summary_content
from cogtui.widgets.credentials_panel import countdown
from cogtui.widgets.identity_overview import expiry_text

NOW = 1_768_469_400.0
KEY = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Example01"


def creds(expires: float | None) -> AwsCredentials:
    when = datetime.fromtimestamp(expires, UTC) if expires is not None else None
    return AwsCredentials("ASIAEXAMPLE", "secret", "token", when, "us-east-1:id")


def test_credentials_countdown_states():
    assert countdown(creds(NOW + 3600), NOW) == ("2026-01-15 10:30:00 UTC · ✔ in 1h", "-ok")
    assert countdown(creds(NOW + 30), NOW)[1] == "-soon" and "! in 30s" in countdown(creds(NOW + 30), NOW)[0]
    assert countdown(creds(NOW - 5), NOW) == ("2026-01-15 09:29:55 UTC · ✘ expired 5s ago", "-expired")
    assert countdown(creds(None), NOW) == ("– no expiration given", "-none")


def test_token_expiry_text():
    assert expiry_text(NOW + 59 * 60, NOW) == ("✔ expires in 59m · exp 2026-01-15 10:29:00 UTC", "-ok")
    assert expiry_text(NOW + 60, NOW)[1] == "-soon"
    assert expiry_text(NOW - 120, NOW)[0].startswith("✘ expired 2m ago")
    assert expiry_text(None, NOW)[1] == "-none"


def token(aud: str) -> str:
    import base64
    import json

    def b64(value: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    claims = {"iss": f"https://{KEY}", "aud": aud, "token_use": "id", "exp": NOW + 60}
    return f"{b64({'alg': 'RS256'})}.{b64(claims)}.c2ln"


def pool(raw: dict) -> IdentityPool:
    return IdentityPool(
        id="us-east-1:pool",
        name="ids",
        allow_unauthenticated=bool(raw.get("AllowUnauthenticatedIdentities")),
        allow_classic_flow=raw.get("AllowClassicFlow"),
        providers=(CognitoProvider(KEY, "client-a", False),),
        raw=raw,
    )


def test_pool_rows_say_what_the_endpoint_does_not_state_and_mark_the_token_provider():
    rows = {r.label: r for r in pool_rows(pool({}), read_token(token("client-b"))) if not isinstance(r, str)}
    assert (rows["Classic flow"].value, rows["Classic flow"].note) == ("not stated", "by the endpoint")
    assert rows["Provider"].note == "✔ the token's issuer"
    assert rows["  App client id"].note == "✘ the token is for client-b"
    stated = {
        r.label: r
        for r in pool_rows(pool({"AllowClassicFlow": False, "AllowUnauthenticatedIdentities": True}))
        if not isinstance(r, str)
    }
    assert stated["Classic flow"].value == "off" and stated["Guest access"].value == "on"
    assert pool_rows(None, note="not found")[0].note == "not found"


def test_check_summaries_and_rows():
    checks = [
        Check("token", Status.PASS, "An ID token."),
        Check("app client", Status.FAIL, "Issued to another client.", "Sign in through client-a."),
        Check("basic flow", Status.WARN, "Not stated."),
        Check("guest access", Status.SKIP, "Unknown."),
    ]
    assert str(summary_content(checks)) == "✘ 1 fail · ! 1 warning · ✔ 1 pass · – 1 skipped"
    assert str(summary_content(checks[:1] + checks[3:])) == "✔ the check passes (1 skipped)"
    assert (
        str(check_content(checks[1]))
        == "✘ app client  Issued to another client.\n  Fix: Sign in through client-a."
    )


def test_role_summary():
    known = RoleExplanation("arn:aws:iam::1:role/r", "default authenticated role", "No role mapping.")
    assert role_summary(known) == "arn:aws:iam::1:role/r (default authenticated role). No role mapping."
    assert role_summary(RoleExplanation(None, "unknown", "Not available.", known=False)) == "Not available."
    assert role_summary(RoleExplanation(None, "denied", "Deny.")) == "none (denied). Deny."
