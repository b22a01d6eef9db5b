"""Snapshots of the sign-in debugger: the timeline after a sign-in, a failure explained, and each challenge prompt.

The pools, clients and user facts come from the session sandbox (fixed port, seeded ids). The sign-in
calls themselves are answered from a script in the shapes of the real API (fixed request ids, tokens
with fixed claims), the timeline's clock and durations are frozen, and so is the screen's clock: every
countdown reads the same on every run. Regenerate with
`pytest tests/snapshots/test_signin_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import base64
import json
from functools import partial
from typing import Any

import pytest

from cogtui.aws.errors import CogtuiError, NotAuthorizedError
from cogtui.screens.dialogs.challenge_prompt import ChallengePrompt
from cogtui.screens.signin import SignInScreen
from tests import pilot_wait

wait_for = partial(pilot_wait.wait_for, timeout=30)  # a sign-in takes longer than a listing

NOW = 1_768_469_400.0  # 2026-01-15 09:30:00 UTC, the sandbox's pinned date
SIZE = (120, 36)
SESSION = "AYABeFakeSessionForSnapshots0123456789"
SUB = "a1b2c3d4-0000-4000-8000-0123456789ab"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSW"
SCRIPTED = frozenset(
    {"InitiateAuth", "RespondToAuthChallenge", "AssociateSoftwareToken", "VerifySoftwareToken"}
)


def b64(value: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(value, separators=(",", ":")).encode()).rstrip(b"=").decode()


def jwt(**claims: Any) -> str:
    return f"{b64({'alg': 'RS256', 'kid': 'snapshot'})}.{b64(claims)}.c2lnbmF0dXJl"


def tokens(username: str, pool_id: str, client_id: str) -> dict[str, Any]:
    common = {"sub": SUB, "iss": f"https://cognito-idp.us-east-1.amazonaws.com/{pool_id}", "iat": int(NOW)}
    return {
        "IdToken": jwt(
            token_use="id", aud=client_id, exp=int(NOW) + 3600, **{"cognito:username": username}, **common
        ),
        "AccessToken": jwt(
            token_use="access", client_id=client_id, username=username, exp=int(NOW) + 3600, **common
        ),
        "RefreshToken": "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.snapshot.refresh.token.x",
        "ExpiresIn": 3600,
        "TokenType": "Bearer",
    }


def challenge(name: str, parameters: dict[str, str], **extra: Any) -> dict[str, Any]:
    return {"ChallengeName": name, "Session": SESSION, "ChallengeParameters": parameters, **extra}


class FrozenTime:
    """Stands in for the ``time`` module of the timeline steps: a fixed start and 21 ms per call."""

    def __init__(self) -> None:
        self.ticks = 0.0

    def time(self) -> float:
        return NOW

    def perf_counter(self) -> float:
        self.ticks += 0.021
        return self.ticks


class ScriptedGateway:
    """The sandbox gateway, except that the sign-in calls are answered, in order, from ``script``."""

    def __init__(self, real: Any, script: list[tuple[str, Any]]) -> None:
        self.real = real
        self.script = list(script)
        self.count = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    async def call(self, service: str, operation: str, **params: Any) -> dict[str, Any]:
        if operation not in SCRIPTED:
            return await self.real.call(service, operation, **params)
        expected, answer = self.script.pop(0)
        assert expected == operation, f"the script expected {expected}, the screen sent {operation}"
        self.count += 1
        request_id = f"5f1e0c6a-1111-4222-8333-{self.count:012d}"
        if isinstance(answer, CogtuiError):
            answer.request_id, answer.http_status, answer.operation = request_id, 400, operation
            raise answer
        return {**answer, "ResponseMetadata": {"RequestId": request_id, "HTTPStatusCode": 200}}


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def signin_app(make_sandbox_app, monkeypatch):
    """The app factory on the session sandbox, the timeline's clock frozen."""
    monkeypatch.setattr("cogtui.auth.steps.time", FrozenTime())
    return make_sandbox_app


async def sign_in(pilot, info, *, username: str, flow: str, client: str, script, clock=None) -> SignInScreen:
    """The sign-in screen on a frozen clock, the form filled in, the sign-in started on the script."""
    app = pilot.app
    await wait_for(pilot, lambda: app.state.connection is not None, "the connection")
    screen = SignInScreen(clock=clock or Clock())
    await app.push_screen(screen)
    pool = info.pool("demo-app")
    app_client = pool.client(client)
    screen.form.set_pool(pool.id)
    await wait_for(pilot, lambda: app_client.id in screen.form.known_clients, "the clients")
    screen.form.set_client(app_client.id)
    await wait_for(
        pilot, lambda: screen.client is not None and screen.client.id == app_client.id, "the client"
    )
    await wait_for(pilot, lambda: not [w for w in app.workers if w.is_running], "the workers")
    screen.form.set_flow(flow)
    screen.form.set_login(username, info.user("alice").password)
    await pilot.pause(0.05)
    app.gateway = ScriptedGateway(
        app.gateway, [(op, answer(pool.id, app_client.id)) for op, answer in script]
    )
    screen.action_start()
    return screen


async def settle(pilot, screen: SignInScreen) -> None:
    await wait_for(
        pilot, lambda: isinstance(pilot.app.screen, ChallengePrompt) or not screen.running, "a stop"
    )
    await pilot.pause(0.2)


def always(value):
    return lambda pool_id, client_id: value


def test_timeline_after_an_mfa_sign_in(snap_compare, signin_app, sandbox):
    _, info = sandbox
    script = [
        (
            "InitiateAuth",
            always(
                challenge("SOFTWARE_TOKEN_MFA", {"FRIENDLY_DEVICE_NAME": "phone", "USER_ID_FOR_SRP": "frank"})
            ),
        ),
        (
            "RespondToAuthChallenge",
            lambda p, c: {"ChallengeParameters": {}, "AuthenticationResult": tokens("frank", p, c)},
        ),
    ]

    async def run_before(pilot) -> None:
        screen = await sign_in(
            pilot, info, username="frank", flow="password", client="backend", script=script
        )
        await settle(pilot, screen)
        await pilot.press(*"123456", "enter")
        await wait_for(pilot, lambda: screen.outcome.state == "ok", "the tokens")
        await pilot.pause(0.2)

    assert snap_compare(signin_app(), terminal_size=SIZE, run_before=run_before)


def test_totp_prompt_after_a_wrong_code(snap_compare, signin_app, sandbox):
    _, info = sandbox
    script = [
        ("InitiateAuth", always(challenge("SOFTWARE_TOKEN_MFA", {"FRIENDLY_DEVICE_NAME": "phone"}))),
        (
            "RespondToAuthChallenge",
            always(NotAuthorizedError("Invalid code received for user", code="CodeMismatchException")),
        ),
    ]

    async def run_before(pilot) -> None:
        screen = await sign_in(
            pilot, info, username="frank", flow="password", client="web-spa", script=script
        )
        await settle(pilot, screen)
        first = pilot.app.screen
        await pilot.press(*"000000", "enter")
        await wait_for(
            pilot,
            lambda: isinstance(pilot.app.screen, ChallengePrompt) and pilot.app.screen is not first,
            "again",
        )
        await pilot.pause(0.2)

    assert snap_compare(signin_app(), terminal_size=SIZE, run_before=run_before)


PROMPTS = {
    "new_password": (
        "dave",
        "password",
        [
            (
                "InitiateAuth",
                always(
                    challenge(
                        "NEW_PASSWORD_REQUIRED",
                        {
                            "USER_ID_FOR_SRP": "dave",
                            "requiredAttributes": '["userAttributes.name","userAttributes.phone_number"]',
                            "userAttributes": '{"email_verified":"true","email":"dave@example.com","name":"Dave"}',
                        },
                    )
                ),
            )
        ],
    ),
    "select_mfa_type": (
        "bob",
        "password",
        [
            (
                "InitiateAuth",
                always(challenge("SELECT_MFA_TYPE", {"MFAS_CAN_CHOOSE": '["SMS_MFA","SOFTWARE_TOKEN_MFA"]'})),
            )
        ],
    ),
    "email_otp": (
        "alice",
        "password",
        [
            (
                "InitiateAuth",
                always(
                    challenge(
                        "EMAIL_OTP",
                        {"CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL", "CODE_DELIVERY_DESTINATION": "a***@e***"},
                    )
                ),
            )
        ],
    ),
    "mfa_setup": (
        "grace",
        "password",
        [
            ("InitiateAuth", always(challenge("MFA_SETUP", {"MFAS_CAN_SETUP": '["SOFTWARE_TOKEN_MFA"]'}))),
            ("AssociateSoftwareToken", always({"SecretCode": TOTP_SECRET, "Session": SESSION + "2"})),
        ],
    ),
    "custom_challenge": (
        "alice",
        "custom",
        [
            (
                "InitiateAuth",
                always(challenge("CUSTOM_CHALLENGE", {"USERNAME": "alice", "question": "What is 6 x 7?"})),
            )
        ],
    ),
    "select_challenge": (
        "alice",
        "user_auth",
        [
            (
                "InitiateAuth",
                always(
                    challenge(
                        "SELECT_CHALLENGE",
                        {},
                        AvailableChallenges=["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "WEB_AUTHN"],
                    )
                ),
            )
        ],
    ),
    "device": (
        "alice",
        "password",
        [("InitiateAuth", always(challenge("DEVICE_SRP_AUTH", {"USERNAME": "alice"})))],
    ),
}


@pytest.mark.parametrize(
    ("kind", "size"),
    [(kind, SIZE) for kind in PROMPTS] + [("new_password", (80, 24)), ("select_mfa_type", (80, 24))],
    ids=[*PROMPTS, "new_password-80x24", "select_mfa_type-80x24"],
)
def test_challenge_prompt(snap_compare, signin_app, sandbox, kind, size):
    _, info = sandbox
    username, flow, script = PROMPTS[kind]

    async def run_before(pilot) -> None:
        screen = await sign_in(pilot, info, username=username, flow=flow, client="web-spa", script=script)
        await settle(pilot, screen)

    assert snap_compare(signin_app(), terminal_size=size, run_before=run_before)


def test_expired_challenge_session(snap_compare, signin_app, sandbox):
    _, info = sandbox
    clock = Clock()
    script = PROMPTS["custom_challenge"][2]

    async def run_before(pilot) -> None:
        screen = await sign_in(
            pilot, info, username="alice", flow="custom", client="web-spa", script=script, clock=clock
        )
        await settle(pilot, screen)
        clock.now = NOW + 181
        pilot.app.screen.tick()
        await pilot.pause(0.1)

    assert snap_compare(signin_app(), terminal_size=(80, 24), run_before=run_before)


def test_disabled_user_explained_at_80_by_24(snap_compare, signin_app, sandbox):
    _, info = sandbox
    script = [
        ("InitiateAuth", always(NotAuthorizedError("User is disabled.", code="NotAuthorizedException")))
    ]

    async def run_before(pilot) -> None:
        screen = await sign_in(pilot, info, username="erin", flow="password", client="web-spa", script=script)
        await settle(pilot, screen)
        await wait_for(pilot, lambda: screen.outcome.state == "failed", "the explanation")
        await pilot.pause(0.2)

    assert snap_compare(signin_app(), terminal_size=(80, 24), run_before=run_before)
