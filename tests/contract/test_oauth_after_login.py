"""After a managed login against the sandbox: /oauth2/revoke then the refresh_token grant with the revoked
token refused (the proof on its step), and /logout called with the client's LogoutURL, or explained when
the client has none."""

from __future__ import annotations

import uuid

from cogtui.auth.oauth.after_login import PROOF_DEAD
from cogtui.auth.oauth.flow import MANAGED_LOGIN, OAuthRequest, OAuthSession
from tests.contract.conftest import make_gateway
from tests.contract.own_pool import boto
from tests.contract.test_oauth_code_exchange import _session_with_code


async def test_revoke_then_the_refresh_token_is_proven_dead(sandbox):
    _, info = sandbox
    session, gateway, code = await _session_with_code(info)
    try:
        tokens = await session.exchange_code(code, session.pkce.verifier)
        assert await session.revoke(tokens["refresh_token"])
        proof, dead = await session.prove_revoked(tokens["refresh_token"])
        assert dead is True
        assert proof.error.code == "invalid_grant" and PROOF_DEAD in proof.notes
        assert "revoked" in proof.explanation.cause
        assert proof.request["form"]["refresh_token"] == "<redacted>"
        assert [s.operation for s in session.steps[-2:]] == ["POST /oauth2/revoke", "POST /oauth2/token"]
    finally:
        gateway.close()


async def test_logout_goes_to_the_registered_logout_url(sandbox):
    _, info = sandbox
    session, gateway, _ = await _session_with_code(info)
    try:
        step = await session.logout()
        assert step.error is None and step.operation == "GET /logout"
        registered = session.client.logout_urls[0]
        assert step.request["query"]["logout_uri"] == registered
        assert step.response["Location"] == registered
        assert f"redirects to {registered}" in step.notes[0]
    finally:
        gateway.close()


async def test_logout_without_logout_urls_is_explained(sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    created = boto(info.endpoint_url).create_user_pool_client(
        UserPoolId=pool.id,
        ClientName=f"nologout-{uuid.uuid4().hex[:8]}",
        CallbackURLs=["http://localhost:8999/callback"],
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid"],
        AllowedOAuthFlowsUserPoolClient=True,
        SupportedIdentityProviders=["COGNITO"],
    )["UserPoolClient"]
    gateway = make_gateway(info.endpoint_url)
    session = OAuthSession(gateway, OAuthRequest(pool.id, created["ClientId"]), info.endpoint_url)
    try:
        await session.prepare(MANAGED_LOGIN)
        step = await session.logout()
        assert step.error.code == "invalid_request"
        assert step.explanation.key == "oauth_logout_no_uri"
        assert "LogoutURLs" in step.explanation.next_step
    finally:
        gateway.close()


async def test_a_client_without_a_loopback_callback_is_explained_with_its_callbacks(sandbox):
    from cogtui.auth.oauth.flow import Stopped

    _, info = sandbox
    pool = info.pool("demo-app")
    gateway = make_gateway(info.endpoint_url)
    session = OAuthSession(gateway, OAuthRequest(pool.id, pool.client("web-spa").id), info.endpoint_url)
    try:
        await session.prepare(MANAGED_LOGIN)
        try:
            await session.begin_login()
        except Stopped as stopped:
            explanation = stopped.step.explanation
        else:
            raise AssertionError("a client without a loopback callback went on")
        assert explanation.key == "oauth_no_loopback_callback"
        assert "Registered: https://app.example.com/callback" in explanation.cause
        assert "http://localhost:8765/callback" in explanation.next_step
        assert session.listener is None  # nothing listens, nothing was sent
    finally:
        gateway.close()
