"""Finding a user in every pool with Cognito's server-side filter, against the sandbox over HTTP."""

from __future__ import annotations

import uuid

import pytest

from cogtui.aws.models import UserPoolSummary
from cogtui.aws.user_search import PoolSearchFailed, UserFound, search_filters, search_users
from tests.contract.own_pool import boto


@pytest.fixture
def finder(sandbox):
    """A user of demo-app with a unique email and phone, deleted afterwards."""
    _, info = sandbox
    idp = boto(info.endpoint_url)
    pool_id = info.pool("demo-app").id
    tag = uuid.uuid4().hex[:8]
    username = f"finder-{tag}"
    email = f"finder.{tag}@example.org"
    idp.admin_create_user(
        UserPoolId=pool_id,
        Username=username,
        UserAttributes=[{"Name": "email", "Value": email}],
        MessageAction="SUPPRESS",
    )
    sub = next(
        a["Value"]
        for a in idp.admin_get_user(UserPoolId=pool_id, Username=username)["UserAttributes"]
        if a["Name"] == "sub"
    )
    yield username, email, sub
    idp.admin_delete_user(UserPoolId=pool_id, Username=username)


async def pools_of(gateway) -> list[UserPoolSummary]:
    return [p async for page in gateway.iter_user_pools() for p in page]


@pytest.mark.parametrize("typed", ["email", "prefix", "sub"])
async def test_a_user_is_found_by_email_username_or_sub(gateway, finder, typed):
    username, email, sub = finder
    query = {"email": email, "prefix": f"user {username}", "sub": sub}[typed]
    found = [r async for r in search_users(gateway, await pools_of(gateway), search_filters(query))]
    users = [r for r in found if isinstance(r, UserFound)]
    assert [(u.pool.name, u.user.username) for u in users] == [("demo-app", username)]
    assert not [r for r in found if isinstance(r, PoolSearchFailed)]


async def test_a_pool_that_fails_does_not_hide_the_others(gateway, finder):
    username, email, _ = finder
    gone = UserPoolSummary("us-east-1_NoSuchPool0", "deleted-pool")
    pools = [gone, *await pools_of(gateway)]
    found = [r async for r in search_users(gateway, pools, search_filters(email), concurrency=2)]
    failures = [r for r in found if isinstance(r, PoolSearchFailed)]
    assert [f.pool.name for f in failures] == ["deleted-pool"]  # once, though two filters ran there
    assert failures[0].error.code == "ResourceNotFoundException"
    assert [r.user.username for r in found if isinstance(r, UserFound)] == [username]


async def test_the_calls_are_list_users_with_the_filter_and_a_small_limit(gateway, finder):
    _, email, _ = finder
    pools = await pools_of(gateway)
    [r async for r in search_users(gateway, pools, search_filters(email))]
    calls = [e for e in gateway.trace.entries if e.operation == "ListUsers"]
    assert len(calls) == 2 * len(pools)
    assert {c.params["Filter"] for c in calls} == {f'email ^= "{email}"', f'username ^= "{email}"'}
    assert {c.params["Limit"] for c in calls} == {10}
