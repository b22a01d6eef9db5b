"""The code exchange of managed login against the sandbox: a reused code, a wrong PKCE verifier, refresh,
userInfo and revoke through the domain, each answer and explanation as the timeline records it."""

from __future__ import annotations

from cogtui.auth.oauth.flow import MANAGED_LOGIN, OAuthRequest, OAuthSession
from tests.contract.conftest import make_gateway
from tests.contract.oauth_login import browse, callback_params, login_client


async def _session_with_code(info, username="alice"):
    client = login_client(info)
    gateway = make_gateway(info.endpoint_url)
    session = OAuthSession(
        gateway, OAuthRequest(client.pool_id, client.client_id, scopes=("openid", "email")), info.endpoint_url
    )
    assert await session.prepare(MANAGED_LOGIN) == []
    url = await session.begin_login()
    session.listener.close()  # the test takes the code from the redirect itself
    params = callback_params(await _browse(url, username))
    assert params["state"] == session.pkce.state
    return session, gateway, params["code"]


async def _browse(url, username):
    import asyncio

    return await asyncio.to_thread(browse, url, username)


async def test_a_reused_code_is_explained(sandbox):
    _, info = sandbox
    session, gateway, code = await _session_with_code(info)
    try:
        tokens = await session.exchange_code(code, session.pkce.verifier)
        assert tokens and tokens["refresh_token"]
        assert await session.exchange_code(code, session.pkce.verifier) is None
        step = session.steps[-1]
        assert (step.error.code, step.http_status) == ("invalid_grant", 400)
        assert step.explanation.key == "oauth_invalid_grant"
        assert "already exchanged" in step.explanation.cause
    finally:
        gateway.close()


async def test_a_wrong_verifier_is_explained(sandbox):
    _, info = sandbox
    session, gateway, code = await _session_with_code(info)
    try:
        assert await session.exchange_code(code, "not-the-verifier-of-this-sign-in-0123456789abcdef") is None
        step = session.steps[-1]
        assert step.error.code == "invalid_grant"
        assert "code_verifier does not hash (S256) to the code_challenge" in step.explanation.cause
        assert step.request["form"]["code_verifier"] == "<redacted>"
    finally:
        gateway.close()


async def test_refresh_userinfo_and_revoke_through_the_domain(sandbox):
    _, info = sandbox
    session, gateway, code = await _session_with_code(info)
    try:
        tokens = await session.exchange_code(code, session.pkce.verifier)
        me = await session.userinfo(tokens["access_token"])
        assert me["username"] == "alice" and me["email"] == "alice@example.com"
        fresh = await session.refresh(tokens["refresh_token"])
        assert fresh["access_token"] != tokens["access_token"]
        assert await session.revoke(tokens["refresh_token"])
        assert await session.refresh(tokens["refresh_token"]) is None  # the revoked refresh token is dead
        step = session.steps[-1]
        assert step.error.code == "invalid_grant" and "revoked" in step.explanation.cause
        assert [s.operation for s in session.steps[-4:]] == [
            "GET /oauth2/userInfo",
            "POST /oauth2/token",
            "POST /oauth2/revoke",
            "POST /oauth2/token",
        ]
    finally:
        gateway.close()


async def test_a_pool_without_a_domain_is_said_before_anything_is_sent(sandbox):
    from cogtui.auth.oauth.flow import Stopped

    _, info = sandbox
    pool = info.pool("demo-mfa-required")
    gateway = make_gateway(info.endpoint_url)
    session = OAuthSession(gateway, OAuthRequest(pool.id, pool.client("web-spa").id), info.endpoint_url)
    try:
        try:
            await session.prepare(MANAGED_LOGIN)
        except Stopped as stopped:
            assert stopped.step.explanation.key == "oauth_no_domain"
            assert f"The user pool {pool.id} has no domain" in stopped.step.explanation.cause
        else:
            raise AssertionError("a pool without a domain went on")
    finally:
        gateway.close()
