"""A token's claim, a username or a server's words never add lines or escape sequences on screen.

Each widget that shows such a value gets one with a newline, a forged "✔" line and a clear-screen escape
sequence: it must stay on its line, escaped, while a copy still gives the value as stored.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from types import SimpleNamespace

from rich.console import Console
from textual.app import App, ComposeResult

from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import Group, IdentityPool, User
from cogtui.describe.identity import pool_rows, role_summary
from cogtui.describe.users import summary_rows
from cogtui.identity.credentials import AwsCredentials
from cogtui.identity.proof import ProofResult
from cogtui.widgets.credentials_panel import CredentialsPanel
from cogtui.widgets.field_list import Field, FieldList
from cogtui.widgets.identity_overview import TokenSummary
from cogtui.widgets.signin_outcome import SignInOutcome
from cogtui.widgets.timeline import step_detail, step_label

FORGED = "mallory\n✔ forged\x1b[2J"
ESCAPED = "mallory\\n✔ forged\\x1b[2J"
UNSAFE = ("\x1b", "\r", "\x85", "\u2028", "\u202e")


def assert_one_line_each(text: str, expected_lines: int) -> None:
    lines = text.split("\n")
    assert len(lines) == expected_lines, lines
    assert not any(mark in text for mark in UNSAFE)
    assert not any(line.startswith("✔ forged") for line in lines)


def a_step(**overrides: object) -> SimpleNamespace:
    values: dict[str, object] = {
        "index": 3,
        "operation": "InitiateAuth",
        "title": f"InitiateAuth ({FORGED})",
        "ok": False,
        "duration_ms": 12.0,
        "request_id": FORGED,
        "request": {"USERNAME": "mallory\u2028✔ forged\x85\u202e"},
        "response": None,
        "error": SimpleNamespace(code="NotAuthorizedException", message=f"Incorrect password for {FORGED}"),
        "explanation": SimpleNamespace(cause=f"{FORGED} typed a wrong password", next_step=FORGED),
        "hashed_username": SimpleNamespace(value=FORGED, source="USERNAME"),
        "challenge": None,
        "next": None,
        "notes": (FORGED,),
    }
    values.update(overrides)
    return SimpleNamespace(**values)


def test_timeline_step_label_and_detail_keep_each_value_on_its_line():
    step = a_step()
    label = step_label(step, 0).plain
    assert_one_line_each(label, 2)
    assert ESCAPED in label
    detail = step_detail(step, 0).plain
    assert ESCAPED in detail and "Incorrect password for " + ESCAPED in detail
    assert not any(mark in detail for mark in UNSAFE)
    assert not any(line.startswith("✔ forged") for line in detail.split("\n"))
    # The JSON body stays laid out on lines; what JSON leaves raw inside a value is escaped.
    assert '  "USERNAME": "mallory\\u2028✔ forged\\x85\\u202e"' in detail.split("\n")


class Host(App[None]):
    def __init__(self, *widgets) -> None:
        super().__init__()
        self.widgets = widgets

    def compose(self) -> ComposeResult:
        yield from self.widgets


async def test_sign_in_outcome_escapes_the_message_the_username_and_the_claims():
    outcome = SignInOutcome()
    async with Host(outcome).run_test() as pilot:
        outcome.failed(a_step())
        await pilot.pause()
        assert_one_line_each(outcome.plain, 3)
        assert f"— Incorrect password for {ESCAPED}" in outcome.plain
        result = SimpleNamespace(
            sub=FORGED,
            id_token="x",
            id_claims={"token_use": FORGED, "exp": 0, "sub": FORGED},
            access_token="y",
            access_claims={"token_use": "access", "exp": 0, "sub": "other\n✔ forged"},
            refresh_token=None,
        )
        outcome.signed_in(result, FORGED)
        await pilot.pause()
        assert_one_line_each(outcome.plain, 3)
        assert outcome.plain.startswith(f"✔ Signed in as {ESCAPED} · sub {ESCAPED}")
        outcome.busy(f"Signing in {FORGED}…")
        assert_one_line_each(outcome.plain, 1)


def rendered(fields: FieldList) -> list[str]:
    """Each option as the terminal shows it."""
    console = Console(file=io.StringIO(), width=160, color_system=None, legacy_windows=False)
    lines = []
    for index in range(fields.option_count):
        with console.capture() as capture:
            console.print(fields.get_option_at_index(index).prompt)
        lines.append(capture.get().rstrip("\n"))
    return lines


async def test_user_detail_values_stay_on_their_row_and_copy_as_stored():
    user = User.from_api(
        {
            "Username": FORGED,
            "UserStatus": "CONFIRMED",
            "Enabled": True,
            "Attributes": [{"Name": "email", "Value": FORGED}, {"Name": "custom:note", "Value": FORGED}],
        }
    )
    group = Group(FORGED, "us-east-1_Ab", "", 1, None, None)
    fields = FieldList(summary_rows(user, (group,)))
    async with Host(fields).run_test():
        shown = "\n".join(rendered(fields))  # a long label may wrap, but never where the value says
        assert "\x1b" not in shown and "\n✔ forged" not in shown
        assert ESCAPED in shown
        for label in ("Username", "email", "custom:note"):
            field = fields.field(label)
            assert field is not None
            assert fields.display_value(field) == ESCAPED
            assert field.value == FORGED  # copied as stored


async def test_a_multiline_field_keeps_its_lines():
    fields = FieldList([Field("Policy", '{\n  "a": 1\n}', multiline=True)])
    async with Host(fields).run_test():
        assert fields.display_value(fields.fields[0]) == '{\n  "a": 1\n}'


async def test_identity_overview_escapes_the_pool_the_token_source_and_the_role():
    pool = IdentityPool.from_api(
        {
            "IdentityPoolId": "us-east-1:0000",
            "IdentityPoolName": FORGED,
            "AllowUnauthenticatedIdentities": False,
        }
    )
    summary = TokenSummary()
    async with Host(summary).run_test() as pilot:
        summary.show(None, f"ID token of {FORGED}", 0.0)
        await pilot.pause()
        source = str(summary.query_one(".token-source").render())
        assert_one_line_each(source, 1)
        assert ESCAPED in source
    name = next(row for row in pool_rows(pool) if isinstance(row, Field) and row.label == "Name")
    fields = FieldList([name])
    async with Host(fields).run_test():
        assert fields.display_value(name) == ESCAPED
    role = SimpleNamespace(
        role_arn=FORGED, source="the token's cognito:preferred_role", detail=FORGED, known=True
    )
    assert_one_line_each(role_summary(role), 1)


async def test_credentials_panel_escapes_the_identity_the_role_and_the_sts_answer():
    panel = CredentialsPanel()
    credentials = AwsCredentials(
        access_key_id=FORGED,
        secret_key="s3cret",
        session_token="token",
        expiration=datetime(2030, 1, 1, tzinfo=UTC),
        identity_id=FORGED,
    )
    async with Host(panel).run_test() as pilot:
        panel.show(credentials, now=0.0, role=FORGED)
        await pilot.pause()
        for key in ("access-key", "identity-id", "role"):
            shown = str(panel.value(key).render())
            assert_one_line_each(shown, 1)
            assert ESCAPED in shown
        error = CogtuiError(FORGED, code="AccessDenied")
        diagnosis = SimpleNamespace(cause=FORGED, next_step=FORGED)
        panel.show_proof(ProofResult(caller=None, duration_ms=1.0, error=error, diagnosis=diagnosis))
        await pilot.pause()
        assert_one_line_each(str(panel.value("caller").render()), 3)
