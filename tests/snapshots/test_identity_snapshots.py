"""Snapshots of the identity screen: the seeded identity pool (seeded ids), a token built here with
fixed claims, a frozen clock, the header's port pinned, and exchanges replayed from fixed steps
(request ids, timings and credentials are otherwise new on every run).

Regenerate with `pytest tests/snapshots/test_identity_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from datetime import UTC, datetime

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from cogtui.aws.errors import CogtuiError
from cogtui.identity.credentials import AwsCredentials
from cogtui.identity.diagnosis import DiagnosisContext, diagnose
from cogtui.identity.exchange import ExchangeResult
from cogtui.identity.steps import Step
from cogtui.screens.identity import IdentityScreen
from cogtui.state import Tokens
from cogtui.tokens.jwks import StaticJwks
from tests.pilot_wait import wait_for

NOW = 1_768_469_400.0  # 2026-01-15 09:30:00 UTC, the sandbox's pinned date
ADMIN_ROLE = "arn:aws:iam::123456789012:role/demo-app-admins"
IDENTITY_ID = "us-east-1:0c5f9a52-3e7d-4e0b-9d2c-1f6a8b7e4d31"
SIZE = (120, 36)
SNAPSHOT_PORT = 48213


def b64(value: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(value, separators=(",", ":")).encode()).rstrip(b"=").decode()


# The doctor verifies the token: signed here with a key of the test's own, served as the JWKS (the
# sandbox's keys and kids are new on every run, and would show in the checks).
SIGNING_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
SNAPSHOT_JWKS = StaticJwks.from_dict(
    {"keys": [{**json.loads(RSAAlgorithm.to_jwk(SIGNING_KEY.public_key())), "kid": "snapshot"}]}
)


@pytest.fixture(autouse=True)
def snapshot_keys(monkeypatch):
    monkeypatch.setattr("cogtui.screens.identity_doctor.JwksCache", lambda **_: SNAPSHOT_JWKS)


def id_token(user_pool_id: str, client_id: str) -> str:
    """An ID token with fixed claims, signed with the snapshot key."""
    claims = {
        "sub": "a1b2c3d4-0000-4000-8000-0123456789ab",
        "iss": f"https://cognito-idp.us-east-1.amazonaws.com/{user_pool_id}",
        "aud": client_id,
        "token_use": "id",
        "cognito:username": "alice",
        "cognito:groups": ["admins"],
        "cognito:roles": [ADMIN_ROLE],
        "cognito:preferred_role": ADMIN_ROLE,
        "iat": int(NOW) - 60,
        "exp": int(NOW) + 3540,
    }
    return jwt.encode(claims, SIGNING_KEY, algorithm="RS256", headers={"kid": "snapshot"})


def step(index: int, operation: str, request: dict, response: dict, **extra) -> Step:
    return Step(
        index=index,
        operation=operation,
        title=f"{operation} (enhanced flow)",
        request=request,
        response=response,
        started_at=NOW + index,
        duration_ms=40.0 + index,
        request_id=f"5f1e0c6a-1111-4222-8333-00000000000{index}",
        http_status=200 if "error" not in extra else 400,
        **extra,
    )


def replay(succeed: bool):
    """A stand-in for run_exchange that reports fixed steps, as the real one does, call by call."""

    async def fake_run_exchange(gateway, request, *, on_step=None, pool=None, region=None, context=None):
        logins = {key: "<redacted>" for key in request.logins}
        steps = [
            step(
                1,
                "GetId",
                {"IdentityPoolId": request.identity_pool_id, "Logins": logins},
                {"IdentityId": IDENTITY_ID},
            ),
        ]
        credentials = None
        if succeed:
            credentials = AwsCredentials(
                access_key_id="ASIAEXAMPLEKEY000001",
                secret_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                session_token="IQoJb3JpZ2luX2VjEXAMPLE" * 12,
                expiration=datetime.fromtimestamp(NOW + 3600, UTC),
                identity_id=IDENTITY_ID,
            )
            response = {"IdentityId": IDENTITY_ID, "Credentials": {"AccessKeyId": credentials.access_key_id}}
            steps.append(
                step(2, "GetCredentialsForIdentity", {"IdentityId": IDENTITY_ID, "Logins": logins}, response)
            )
        else:
            message = "Token is not from a supported provider of this identity pool."
            error = CogtuiError(message, code="NotAuthorizedException", operation="GetCredentialsForIdentity")
            context = DiagnosisContext(
                identity_pool_id=request.identity_pool_id, pool=pool, token_aud="legacy-client"
            )
            diagnosis = diagnose(error.code, message, error.operation, context)
            steps.append(
                step(
                    2,
                    "GetCredentialsForIdentity",
                    {"IdentityId": IDENTITY_ID, "Logins": logins},
                    {},
                    error=error,
                    diagnosis=diagnosis,
                )
            )
        for each in steps:
            if on_step is not None:
                on_step(each)
        return ExchangeResult(request, tuple(steps), credentials, IDENTITY_ID if credentials else None)

    return fake_run_exchange


@pytest.fixture
def alice(sandbox) -> Tokens:
    """alice's tokens as the sign-in screen keeps them, with the ID token built above."""
    pool = sandbox[1].pool("demo-app")
    web_spa = pool.client("web-spa").id
    return Tokens(id_token=id_token(pool.id, web_spa), pool_id=pool.id, client_id=web_spa, username="alice")


async def open_identity(pilot, tokens: Tokens) -> IdentityScreen:
    """The identity screen on a frozen clock, once the identity pool is described and the header connected."""
    app = pilot.app
    await wait_for(pilot, lambda: app.state.connection is not None, "the connection")
    # The header names the sandbox's port, which is another one when the fixed port is taken.
    shown = replace(app.state.connection, endpoint_url=f"http://127.0.0.1:{SNAPSHOT_PORT}")
    app.update_state(tokens=tokens, connection=shown)
    screen = IdentityScreen(clock=lambda: NOW)
    await app.push_screen(screen)
    await wait_for(pilot, lambda: screen.pool is not None and screen.facts is not None, "the pool and token")
    await wait_for(pilot, lambda: not [w for w in app.workers if w.is_running], "the workers")
    await pilot.pause(0.1)
    return screen


async def exchange(pilot, screen: IdentityScreen) -> None:
    await pilot.press("x")
    await wait_for(pilot, lambda: screen.result is not None and not screen.exchanging, "the exchange")
    await pilot.pause(0.1)


def test_pool_and_token_side_by_side(snap_compare, make_sandbox_app, alice):
    async def run_before(pilot) -> None:
        await open_identity(pilot, alice)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


def test_preflight_checks(snap_compare, make_sandbox_app, alice):
    async def run_before(pilot) -> None:
        await open_identity(pilot, alice)
        await pilot.press("k")
        await pilot.pause(0.1)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


def test_failed_exchange_with_its_diagnosis(snap_compare, make_sandbox_app, alice, monkeypatch):
    monkeypatch.setattr("cogtui.screens.identity.run_exchange", replay(succeed=False))

    async def run_before(pilot) -> None:
        await exchange(pilot, await open_identity(pilot, alice))

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


def test_credentials_masked_with_countdown(snap_compare, make_sandbox_app, alice, monkeypatch):
    monkeypatch.setattr("cogtui.screens.identity.run_exchange", replay(succeed=True))

    async def run_before(pilot) -> None:
        await exchange(pilot, await open_identity(pilot, alice))
        await pilot.press("right_square_bracket")
        await pilot.pause(0.1)

    assert snap_compare(make_sandbox_app(), terminal_size=SIZE, run_before=run_before)


def test_timeline_at_80_by_24(snap_compare, make_sandbox_app, alice, monkeypatch):
    monkeypatch.setattr("cogtui.screens.identity.run_exchange", replay(succeed=True))

    async def run_before(pilot) -> None:
        await exchange(pilot, await open_identity(pilot, alice))

    assert snap_compare(make_sandbox_app(), terminal_size=(80, 24), run_before=run_before)
