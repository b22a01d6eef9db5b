"""The shared timeline widget: identity-pool and sign-in steps, details, JSON copy and a 0600 save."""

from __future__ import annotations

import json
import os
import stat

from textual.app import App, ComposeResult
from textual.widgets import Input, OptionList, Static

from cogtui.auth.explanation import Explanation
from cogtui.auth.secret_hash import HashedUsername
from cogtui.auth.steps import Step as SignInStep
from cogtui.aws.errors import CogtuiError
from cogtui.aws.trace import REDACTED
from cogtui.identity.diagnosis import Diagnosis
from cogtui.identity.steps import Step as IdentityStep
from cogtui.screens.dialogs.confirm import ConfirmScreen
from cogtui.screens.dialogs.save_file import PathPrompt
from cogtui.widgets.timeline import Timeline, step_label


def get_id(ok: bool = True) -> IdentityStep:
    error = (
        None
        if ok
        else CogtuiError(
            "Invalid login token. Issuer doesn't match providerName",
            code="NotAuthorizedException",
            operation="GetId",
            request_id="req-2",
        )
    )
    diagnosis = (
        None
        if ok
        else Diagnosis(
            code="NotAuthorizedException",
            message=error.message,
            operation="GetId",
            cause="The logins key does not name the token's issuer.",
            next_step="Build the key from the token's iss claim and retry.",
        )
    )
    return IdentityStep(
        index=1,
        operation="GetId",
        title="GetId (enhanced flow)",
        request={"IdentityPoolId": "us-east-1:pool", "Logins": {"cognito-idp.example/us-east-1_X": REDACTED}},
        response={"IdentityId": "us-east-1:identity"} if ok else {},
        started_at=1_700_000_000.0,
        duration_ms=12.4,
        request_id="0f1e2d3c-aaaa-bbbb-cccc-1234567890ab" if ok else "req-2",
        http_status=200 if ok else 400,
        error=error,
        diagnosis=diagnosis,
        notes=("Identity id us-east-1:identity.",) if ok else (),
    )


def sign_in_step() -> SignInStep:
    return SignInStep(
        index=2,
        operation="RespondToAuthChallenge",
        title="PASSWORD_VERIFIER",
        request={
            "ChallengeName": "PASSWORD_VERIFIER",
            "ChallengeResponses": {"PASSWORD_CLAIM_SIGNATURE": REDACTED},
        },
        response={"Error": {"Code": "NotAuthorizedException", "Message": "Incorrect username or password."}},
        started_at=1_700_000_001.0,
        duration_ms=1530.0,
        request_id=None,
        hashed_username=HashedUsername("alice", "USER_ID_FOR_SRP"),
        challenge="PASSWORD_VERIFIER",
        error=CogtuiError("Incorrect username or password.", code="NotAuthorizedException"),
        explanation=Explanation("wrong-password", "The password is wrong.", "Check the password and retry."),
    )


class TimelineApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Timeline(id="tl", save_name="timeline.json")


def detail_text(timeline: Timeline) -> str:
    return str(timeline.query_one(".timeline-detail-text", Static).render())


async def test_steps_are_listed_and_the_newest_is_selected():
    app = TimelineApp()
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = app.query_one(Timeline)
        assert timeline.steps == () and timeline.selected_step is None
        assert timeline.check_action("copy_json", ()) is None
        first, failed = get_id(), get_id(ok=False)
        timeline.add_step(first)
        timeline.add_step(failed)
        await pilot.pause()
        assert timeline.steps == (first, failed) and timeline.selected_step is failed
        assert timeline.query_one(OptionList).option_count == 2
        detail = detail_text(timeline)
        assert "✘ Step 1 · GetId (enhanced flow)" in detail
        assert "NotAuthorizedException" in detail and "Issuer doesn't match providerName" in detail
        assert "Cause: The logins key does not name the token's issuer." in detail
        assert "Next step: Build the key from the token's iss claim and retry." in detail
        timeline.query_one(OptionList).focus()
        await pilot.press("up")
        assert timeline.selected_step is first
        detail = detail_text(timeline)
        assert "HTTP 200 · 12 ms" in detail and "0f1e2d3c-aaaa-bbbb-cccc-1234567890ab" in detail
        assert REDACTED in detail and "Identity id us-east-1:identity." in detail
        timeline.clear()
        await pilot.pause()
        assert timeline.steps == () and timeline.selected_step is None


async def test_sign_in_steps_share_the_widget():
    app = TimelineApp()
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = app.query_one(Timeline)
        timeline.set_steps([sign_in_step()])
        await pilot.pause()
        detail = detail_text(timeline)
        assert "SECRET_HASH over: alice" in detail and "USER_ID_FOR_SRP" in detail
        assert "Challenge: PASSWORD_VERIFIER" in detail
        assert "Cause: The password is wrong." in detail and "1.5 s" in detail
        label = str(step_label(sign_in_step(), 0))
        assert label.startswith("✘ 2 RespondToAuthChallenge 1.5 s") and "PASSWORD_VERIFIER" in label


def test_labels_show_glyph_index_operation_duration_and_request_id():
    label = str(step_label(get_id(), 0)).splitlines()
    assert label[0] == "✔ 1 GetId 12 ms"
    assert label[1].strip() == "(enhanced flow) · req 0f1e2d3c…"


async def test_copy_the_timeline_as_redacted_json(monkeypatch):
    app = TimelineApp()
    copies: list[tuple[str, str]] = []
    monkeypatch.setattr(
        app, "copy_to_clipboard_text", lambda text, what="text": copies.append((text, what)), raising=False
    )
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = app.query_one(Timeline)
        steps = [get_id(), get_id(ok=False)]
        timeline.set_steps(steps)
        timeline.query_one(OptionList).focus()
        await pilot.press("j")
        assert len(copies) == 1
        assert json.loads(copies[0][0]) == [s.to_dict() for s in steps]
        assert json.loads(timeline.to_json()) == [s.to_dict() for s in steps]


async def test_save_asks_for_a_path_writes_0600_and_confirms_an_overwrite(tmp_path):
    app = TimelineApp()
    target = tmp_path / "timeline.json"
    async with app.run_test(size=(100, 30)) as pilot:
        timeline = app.query_one(Timeline)
        timeline.set_steps([get_id()])
        timeline.query_one(OptionList).focus()
        await pilot.press("w")
        assert isinstance(app.screen, PathPrompt)
        assert not target.exists()  # nothing is written before the user confirms a path
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
        assert json.loads(target.read_text()) == [get_id().to_dict()]

        timeline.add_step(get_id(ok=False))
        await pilot.press("w")
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert len(json.loads(target.read_text())) == 1  # kept
        await pilot.press("w")
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert len(json.loads(target.read_text())) == 2
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
