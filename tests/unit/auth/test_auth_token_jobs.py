"""Refresh-token jobs on answers no local endpoint gives (stubbed, shaped by botocore's model): rotation's
new refresh token, a client secret sent as ClientSecret, and an endpoint that accepts a revoked token."""

from __future__ import annotations

from auth_fakes import CLIENT_ID, CLIENT_SECRET, POOL_ID, auth_result

from cogtui.auth.flows import SignInRequest
from cogtui.auth.signin_session import SignInSession
from cogtui.auth.token_jobs import PROOF_ALIVE

OLD_REFRESH = "old-refresh-token-0123456789"
NEW_REFRESH = "new-refresh-token-9876543210"


def session_holding(idp, secret: str | None = None) -> SignInSession:
    request = SignInRequest(pool_id=POOL_ID, client_id=CLIENT_ID, client_secret=secret, username="alice")
    session = SignInSession(idp.gateway, request)
    session.hold_refresh_token(OLD_REFRESH)
    return session


async def test_rotation_sends_the_client_secret_and_keeps_the_new_refresh_token(idp):
    session = session_holding(idp, CLIENT_SECRET)
    expected = {"ClientId": CLIENT_ID, "RefreshToken": OLD_REFRESH, "ClientSecret": CLIENT_SECRET}
    idp.ok(
        "get_tokens_from_refresh_token",
        {"AuthenticationResult": auth_result(RefreshToken=NEW_REFRESH)},
        expected,
    )
    step = await session.rotate()
    assert step.signed_in and step.error is None
    assert session.result.refresh_token == NEW_REFRESH
    assert "rotation is on" in step.notes[-1]
    assert step.request["ClientSecret"] == "<redacted>" and step.request["RefreshToken"] == "<redacted>"


async def test_rotation_off_keeps_the_refresh_token_sent(idp):
    session = session_holding(idp)
    result = auth_result()
    del result["RefreshToken"]
    idp.ok("get_tokens_from_refresh_token", {"AuthenticationResult": result})
    step = await session.rotate()
    assert session.result.refresh_token == OLD_REFRESH and "rotation is off" in step.notes[-1]


async def test_a_reused_rotated_token_is_a_step_not_a_crash(idp):
    session = session_holding(idp)
    idp.error("get_tokens_from_refresh_token", "RefreshTokenReuseException", "Refresh token has been reused.")
    step = await session.rotate()
    assert step.error.code == "RefreshTokenReuseException" and step.explanation is not None
    assert session.result.refresh_token == OLD_REFRESH


async def test_an_endpoint_that_still_accepts_the_revoked_token_fails_the_proof(idp):
    session = session_holding(idp)
    idp.ok("revoke_token", {}, {"ClientId": CLIENT_ID, "Token": OLD_REFRESH})
    idp.ok("initiate_auth", {"AuthenticationResult": auth_result()})
    assert (await session.revoke()).error is None
    kept = session.result
    proof, dead = await session.prove_revoked()
    assert not dead and not proof.signed_in
    assert proof.error.code == "RevokedTokenAccepted" and PROOF_ALIVE in proof.notes
    assert proof.explanation.key == "revoked_token_accepted"
    assert session.result is kept  # the tokens the endpoint wrongly gave are not taken
