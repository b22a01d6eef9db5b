"""The sign-in screen's pure helpers: the terminal QR code, the countdown, the sandbox hint, the client note."""

from __future__ import annotations

import segno

from cogtui.aws.models import AppClient
from cogtui.clock import format_clock
from cogtui.describe.signin import client_note, sandbox_hint
from cogtui.sandbox.info import SandboxInfo, SeededUser
from cogtui.screens.dialogs.challenge_prompt import group_secret
from cogtui.widgets.qr import qr_lines

URI = "otpauth://totp/demo-app:frank?secret=JBSWY3DPEHPK3PXP&issuer=demo-app"


def test_the_qr_code_draws_every_module_of_segnos_matrix():
    lines = qr_lines(URI, border=2)
    matrix = [[bool(m) for m in row] for row in segno.make(URI, error="l", micro=False).matrix_iter(border=2)]
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    assert len(lines) == len(matrix) // 2 and {len(line) for line in lines} == {len(matrix[0])}
    top = {"█": True, "▀": True, "▄": False, " ": False}
    bottom = {"█": True, "▀": False, "▄": True, " ": False}
    for n, line in enumerate(lines):
        assert [top[c] for c in line] == matrix[2 * n]
        assert [bottom[c] for c in line] == matrix[2 * n + 1]


def test_a_cognito_sized_uri_fits_beside_the_prompt():
    """A 52-character secret (Cognito's SecretCode) for a plain username: 23 lines, 45 columns."""
    secret = "JBSWY3DPEHPK3PXP" * 3 + "JBSW"
    lines = qr_lines(f"otpauth://totp/demo-mfa-required:frank?secret={secret}&issuer=demo-mfa-required")
    assert len(lines) <= 23 and len(lines[0]) <= 45


def test_countdown_and_secret_groups():
    assert format_clock(180) == "3:00"
    assert format_clock(179.2) == "3:00"  # rounded up: 0:00 means expired
    assert format_clock(61) == "1:01" and format_clock(0) == "0:00"
    assert group_secret("JBSWY3DPEHPK3PXP") == "JBSW Y3DP EHPK 3PXP" and group_secret("ab cde") == "abcd e"


def info(*users: SeededUser) -> SandboxInfo:
    return SandboxInfo(endpoint_url="http://127.0.0.1:1", region="us-east-1", users=users)


def test_the_sandbox_hint_names_a_login_of_each_kind():
    users = (
        SeededUser("demo-app", "alice", "Passw0rd!demo", "CONFIRMED"),
        SeededUser("demo-app", "dave", "Temp0rary!demo", "FORCE_CHANGE_PASSWORD"),
        SeededUser("demo-app", "erin", "Passw0rd!demo", "CONFIRMED", enabled=False),
        SeededUser("demo-app", "frank", "Passw0rd!demo", "CONFIRMED", totp_secret="ASDF"),
        SeededUser("other", "grace", "Passw0rd!demo", "CONFIRMED"),
    )
    hint = sandbox_hint(info(*users), "demo-app")
    assert hint == (
        "◆ Sandbox: alice / Passw0rd!demo · frank (TOTP) · dave / Temp0rary!demo (new password)"
        " · erin (disabled) · F2: more"
    )
    assert "grace / Passw0rd!demo" in sandbox_hint(info(*users), "other")
    assert "starting" in sandbox_hint(None, None)


def client(flows: tuple[str, ...], secret: str | None = None) -> AppClient:
    return AppClient.from_api(
        {
            "ClientId": "c1",
            "ClientName": "web",
            "UserPoolId": "p",
            "ExplicitAuthFlows": list(flows),
            "ClientSecret": secret,
        }
    )


def test_the_client_note_warns_about_a_flow_the_client_does_not_enable():
    spa = client(("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"))
    text, warning = client_note(spa, "", "srp")
    assert not warning and text == "✔ web: no secret · USER_SRP_AUTH enabled · challenge session 3 min"
    text, warning = client_note(spa, "", "password")
    assert warning and "does not enable USER_PASSWORD_AUTH (only USER_SRP, REFRESH_TOKEN)" in text
    text, warning = client_note(client(("ALLOW_ADMIN_USER_PASSWORD_AUTH",), secret="s3cr3t"), "", "admin")
    assert not warning and "secret filled in" in text and "s3cr3t" not in text
    assert client_note(client(()), "", "password") == (
        "✔ web: no secret · Cognito's default flows · challenge session 3 min",
        False,
    )
    assert client_note(None, "Cannot read the app client", "srp") == ("Cannot read the app client", True)
