"""The gateway against the sandbox over HTTP: models, pages, filters, typed errors, read-only, trace."""

import socket
import time
from datetime import UTC

import pytest

from cogtui.aws import errors as e
from cogtui.aws.trace import REDACTED
from tests.contract.conftest import make_gateway, unused_port


async def test_lists_seeded_pools_page_by_page(gateway, sandbox):
    _, info = sandbox
    pages = [page async for page in gateway.iter_user_pools(page_size=1)]
    assert len(pages) >= 3 and all(len(p) == 1 for p in pages)
    names = {p.name for page in pages for p in page}
    assert {"demo-app", "demo-mfa-required", "demo-email-login"} <= names
    assert [e.operation for e in gateway.trace.entries].count("ListUserPools") == len(pages)


async def test_describe_pool_and_client(gateway, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    detail = await gateway.describe_user_pool(pool.id)
    assert detail.name == "demo-app" and detail.mfa == "OPTIONAL"
    assert detail.issuer == f"https://cognito-idp.us-east-1.amazonaws.com/{pool.id}"
    assert any(a.name == "custom:tenant_id" for a in detail.schema) or any(a.custom for a in detail.schema)
    clients = [c async for page in gateway.iter_clients(pool.id) for c in page]
    assert {"web-spa", "backend", "legacy-password"} <= {c.name for c in clients}
    backend = await gateway.describe_client(pool.id, pool.client("backend").id)
    assert backend.has_secret and backend.secret == pool.client("backend").secret
    assert "ALLOW_ADMIN_USER_PASSWORD_AUTH" in backend.explicit_auth_flows
    spa = await gateway.describe_client(pool.id, pool.client("web-spa").id)
    assert not spa.has_secret


async def test_users_paginate_and_filter(gateway, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    pages = [page async for page in gateway.iter_users(pool.id, page_size=2)]
    assert len(pages) >= 3
    users = {u.username: u for page in pages for u in page}
    assert users["carol"].status == "UNCONFIRMED"
    assert users["dave"].status == "FORCE_CHANGE_PASSWORD"
    assert users["erin"].enabled is False
    filtered = [u async for page in gateway.iter_users(pool.id, 'username = "alice"') for u in page]
    assert [u.username for u in filtered] == ["alice"]
    unconfirmed = [
        u async for page in gateway.iter_users(pool.id, 'cognito:user_status = "UNCONFIRMED"') for u in page
    ]
    assert {u.username for u in unconfirmed} == {"carol"}


async def test_user_detail_groups_and_optional_calls(gateway, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    frank = await gateway.get_user(pool.id, "frank")
    assert "SOFTWARE_TOKEN_MFA" in frank.mfa_settings
    groups = await gateway.groups_for_user(pool.id, "alice")
    assert "admins" in {g.name for g in groups}
    all_groups = [g async for page in gateway.iter_groups(pool.id) for g in page]
    assert {"admins", "readers"} <= {g.name for g in all_groups}
    members = [u.username async for page in gateway.iter_users_in_group(pool.id, "admins") for u in page]
    assert "alice" in members
    # moto does not implement these: the gateway says "not available" (None) instead of failing
    assert await gateway.user_auth_events(pool.id, "alice") is None


async def test_identity_pools(gateway, sandbox):
    _, info = sandbox
    pools = [p async for page in gateway.iter_identity_pools() for p in page]
    assert info.identity_pool.id in {p.id for p in pools}
    detail = await gateway.describe_identity_pool(info.identity_pool.id)
    assert detail.allow_unauthenticated
    assert detail.providers[0].provider_name.endswith(info.pool("demo-app").id)
    assert detail.providers[0].client_id == info.pool("demo-app").client("web-spa").id


async def test_errors_are_typed(gateway):
    with pytest.raises(e.NotFoundError) as info:
        await gateway.describe_user_pool("us-east-1_doesnotexist")
    assert info.value.operation == "DescribeUserPool" and info.value.code == "ResourceNotFoundException"
    with pytest.raises(e.NotFoundError):
        async for _ in gateway.iter_users("us-east-1_doesnotexist"):
            pass
    last = gateway.trace.entries[-1]
    assert not last.ok and last.error_code


async def test_invalid_filter_is_an_input_error(gateway, sandbox):
    _, info = sandbox
    with pytest.raises(e.InvalidInputError):
        async for _ in gateway.iter_users(info.pool("demo-app").id, "not a filter"):
            pass


async def test_read_only_refuses_admin_actions_before_the_network(sandbox):
    _, info = sandbox
    gw = make_gateway(info.endpoint_url, read_only=True)
    try:
        pool = info.pool("demo-app")
        with pytest.raises(e.ReadOnlyError):
            await gw.admin_action("AdminDisableUser", pool.id, "bob")
        assert (await gw.get_user(pool.id, "bob")).enabled is True
    finally:
        gw.close()


async def test_trace_redacts_secrets_of_real_calls(gateway, sandbox):
    _, info = sandbox
    pool = info.pool("demo-app")
    backend = pool.client("backend")
    alice = info.user("alice")
    import base64
    import hashlib
    import hmac

    digest = hmac.new(
        backend.secret.encode(), (alice.username + backend.id).encode(), hashlib.sha256
    ).digest()
    response = await gateway.call(
        "cognito-idp",
        "InitiateAuth",
        ClientId=backend.id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={
            "USERNAME": "alice",
            "PASSWORD": alice.password,
            "SECRET_HASH": base64.b64encode(digest).decode(),
        },
    )
    assert "AuthenticationResult" in response
    entry = gateway.trace.entries[-1]
    assert entry.ok and entry.params["AuthParameters"]["PASSWORD"] == REDACTED
    assert entry.summary["AuthenticationResult"]["RefreshToken"] == REDACTED
    text = repr(gateway.trace.entries)
    assert alice.password not in text and response["AuthenticationResult"]["RefreshToken"] not in text


async def test_public_calls_need_no_credentials(sandbox, monkeypatch, tmp_path):
    """InitiateAuth is sent unsigned, as a mobile app does: it works with no AWS credentials at all."""
    _, info = sandbox
    for var in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    gw = make_gateway(info.endpoint_url, credentials=None)
    try:
        pool = info.pool("demo-app")
        client = pool.client("legacy-password")
        alice = info.user("alice")
        r = await gw.call(
            "cognito-idp",
            "InitiateAuth",
            ClientId=client.id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": "alice", "PASSWORD": alice.password},
        )
        assert r["AuthenticationResult"]["IdToken"].count(".") == 2
        with pytest.raises(e.CredentialsError) as err:
            await gw.describe_user_pool(pool.id)
        assert err.value.code == "NoCredentials"
    finally:
        gw.close()


async def test_unreachable_endpoint_fails_fast():
    port = unused_port()
    gw = make_gateway(f"http://127.0.0.1:{port}")
    try:
        t0 = time.monotonic()
        with pytest.raises(e.EndpointError) as info:
            async for _ in gw.iter_user_pools():
                pass
        assert time.monotonic() - t0 < 10
        assert str(port) in info.value.message
    finally:
        gw.close()


async def test_frozen_endpoint_gives_up_within_the_timeout():
    """A server that accepts connections and never answers: ReadTimeout after read_timeout x attempts."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    port = server.getsockname()[1]
    gw = make_gateway(f"http://127.0.0.1:{port}", read_timeout=0.5, max_attempts=2)
    try:
        t0 = time.monotonic()
        with pytest.raises(e.EndpointTimeoutError):
            await gw.describe_user_pool("us-east-1_x")
        assert time.monotonic() - t0 < 5
    finally:
        gw.close()
        server.close()


async def test_a_wrong_secret_hash_is_refused_in_cognito_words_and_never_traced(gateway, sandbox):
    """The sandbox words a wrong SECRET_HASH as Cognito does (naming the client, not echoing the hash), and the
    hash sent never reaches the trace. Scrubbing of echoed secrets is covered in tests/unit/test_logs.py."""
    _, info = sandbox
    backend = info.pool("demo-app").client("backend")
    bogus_hash = "bm90LXRoZS1yaWdodC1oYXNoLXZhbHVl"
    with pytest.raises(e.CogtuiError) as err:
        await gateway.call(
            "cognito-idp",
            "InitiateAuth",
            ClientId=backend.id,
            AuthFlow="USER_SRP_AUTH",
            AuthParameters={"USERNAME": "alice", "SRP_A": "abc", "SECRET_HASH": bogus_hash},
        )
    assert err.value.code == "NotAuthorizedException"
    assert err.value.message == f"Unable to verify secret hash for client {backend.id}"
    assert bogus_hash not in repr(gateway.trace.entries)


async def test_dates_arrive_as_utc(gateway, sandbox):
    """Timestamps are parsed straight to UTC (botocore's default gives each a local zone of its own)."""
    _, info = sandbox
    pool = info.pool("demo-app")
    raw = await gateway.call("cognito-idp", "ListUsers", UserPoolId=pool.id, Limit=1)
    assert raw["Users"][0]["UserCreateDate"].tzinfo is UTC
    users = [u async for page in gateway.iter_users(pool.id) for u in page]
    assert users and all(u.created is not None and u.created.tzinfo is UTC for u in users)
