"""The API side of a refresh token against the sandbox over HTTP: RevokeToken, then REFRESH_TOKEN_AUTH with
the revoked token refused (the proof), RevokeToken's own refusals explained, and GetTokensFromRefreshToken
said as unsupported where the endpoint lacks it."""

from __future__ import annotations

from contextlib import asynccontextmanager

from cogtui.auth.flows import SignInRequest
from cogtui.auth.signin_session import SIGNED_IN, SignInSession
from cogtui.auth.token_jobs import PROOF_DEAD, REVOKED_NOTE
from cogtui.aws.errors import UnsupportedOperationError
from tests.contract.conftest import make_gateway
from tests.contract.own_pool import PASSWORD, own_pool


@asynccontextmanager
async def signed_in(info, *, secret: bool = False, **client_settings):
    """A fresh user of a pool of the test's own, signed in with USER_PASSWORD_AUTH."""
    pool = own_pool(info.endpoint_url, secret=secret, **client_settings)
    username = pool.add_user()
    gateway = make_gateway(info.endpoint_url)
    request = SignInRequest(
        pool_id=pool.id,
        client_id=pool.client_id,
        client_secret=pool.client_secret,
        username=username,
        password=PASSWORD,
        flow="password",
    )
    session = SignInSession(gateway, request)
    try:
        await session.start()
        assert session.state == SIGNED_IN and session.result.refresh_token
        yield session
    finally:
        gateway.close()


async def test_revoke_token_then_the_refresh_token_is_proven_dead(sandbox):
    _, info = sandbox
    async with signed_in(info) as session:
        refreshed = await session.refresh()  # alive before
        assert refreshed.error is None and refreshed.signed_in
        revoked = await session.revoke()
        assert revoked.error is None and revoked.operation == "RevokeToken"
        assert REVOKED_NOTE in revoked.notes
        assert revoked.request["Token"] == "<redacted>"
        proof, dead = await session.prove_revoked()
        assert dead and not proof.signed_in
        assert proof.error.code == "NotAuthorizedException"
        assert proof.explanation.key == "refresh_token_invalid"
        assert PROOF_DEAD in proof.notes
        assert [s.operation for s in session.steps[-3:]] == ["InitiateAuth", "RevokeToken", "InitiateAuth"]


async def test_revoke_with_a_client_secret_and_the_proof_hashes_the_username(sandbox):
    _, info = sandbox
    async with signed_in(info, secret=True) as session:
        assert (await session.revoke()).error is None
        assert session.steps[-1].request["ClientSecret"] == "<redacted>"
        proof, dead = await session.prove_revoked()
        assert dead and proof.request["AuthParameters"]["SECRET_HASH"] == "<redacted>"
        assert proof.explanation.key == "refresh_token_invalid"


async def test_revoking_an_id_token_is_explained(sandbox):
    _, info = sandbox
    async with signed_in(info) as session:
        session.hold_refresh_token(session.result.id_token)
        step = await session.revoke()
        assert step.error.code == "UnsupportedTokenTypeException"
        assert step.explanation.key == "revoke_wrong_token"


async def test_revocation_disabled_on_the_client_is_explained(sandbox):
    _, info = sandbox
    async with signed_in(info, EnableTokenRevocation=False) as session:
        step = await session.revoke()
        assert step.error.code == "UnsupportedOperationException"
        assert step.explanation.key == "revocation_disabled"
        assert "EnableTokenRevocation" in step.explanation.cause


async def test_get_tokens_from_refresh_token_is_said_unsupported_where_the_endpoint_lacks_it(sandbox):
    _, info = sandbox
    async with signed_in(info) as session:
        before = session.result
        step = await session.rotate()
        assert isinstance(step.error, UnsupportedOperationError)
        assert step.error.message == "This endpoint does not support GetTokensFromRefreshToken."
        assert step.explanation.key == "endpoint_unsupported"
        assert (
            step.request["RefreshToken"] == "<redacted>"
            and step.request["ClientId"] == session.request.client_id
        )
        assert session.result is before  # the tokens are untouched
