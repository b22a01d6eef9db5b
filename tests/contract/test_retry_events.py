"""botocore's retries told as they happen, and a listing stopped by throttling that goes on from where it
stopped: the sandbox's throttle switch answers as Cognito does over its rate limit (HTTP 400,
TooManyRequestsException), real boto3 retries it, the gateway publishes each retry."""

from __future__ import annotations

import botocore.config
import botocore.exceptions
import pytest

from cogtui.aws.errors import ThrottledError
from cogtui.aws.retry_events import RetryNotice
from cogtui.sandbox.throttle import THROTTLED_CODE, THROTTLED_MESSAGE
from tests.contract.conftest import make_gateway
from tests.contract.own_pool import boto
from tests.sandbox_throttle import throttle_switch

PAGE = 60


@pytest.fixture
def throttle(sandbox):
    with throttle_switch(sandbox[0]) as switch:
        yield switch


@pytest.fixture
def heard(gateway):
    notices: list[RetryNotice] = []
    unsubscribe = gateway.retries.subscribe(notices.append)
    yield notices
    unsubscribe()


def test_the_switch_answers_as_cognito_does(sandbox, throttle):
    _, info = sandbox
    no_retries = botocore.config.Config(retries={"mode": "standard", "total_max_attempts": 1})
    client = boto(info.endpoint_url, config=no_retries)
    throttle.next_calls("ListUsers", 1)
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        client.list_users(UserPoolId=info.pool("demo-app").id)
    error = caught.value.response
    assert error["Error"] == {"Code": THROTTLED_CODE, "Message": THROTTLED_MESSAGE}
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert client.list_users(UserPoolId=info.pool("demo-app").id)["Users"]  # the next call goes through
    assert throttle.refused == {"ListUsers": 1}


async def test_each_retry_is_told_before_botocore_waits(sandbox, gateway, throttle, heard):
    _, info = sandbox
    throttle.next_calls("ListUsers", 1)
    response = await gateway.call("cognito-idp", "ListUsers", UserPoolId=info.pool("demo-app").id, Limit=1)
    assert response["Users"] and response["ResponseMetadata"]["RetryAttempts"] == 1
    [notice] = heard
    assert (notice.service, notice.operation, notice.attempt, notice.max_attempts) == (
        "cognito-identity-provider",
        "ListUsers",
        2,
        2,
    )
    assert notice.throttled and notice.reason == THROTTLED_CODE
    assert 0 <= notice.delay_s <= 1  # botocore's throttling backoff: rand(0, 1) x 1 s before the first retry
    assert notice.text == f"Throttled by Cognito (ListUsers): retry 2 of 2 in {notice.delay_s:.1f} s"


async def test_a_call_not_retried_tells_nothing(sandbox, gateway, heard):
    _, info = sandbox
    await gateway.call("cognito-idp", "ListUsers", UserPoolId=info.pool("demo-app").id, Limit=1)
    assert heard == []


async def test_throttling_that_outlasts_the_retries_is_a_throttled_error(sandbox, gateway, throttle, heard):
    _, info = sandbox
    throttle.next_calls("ListUsers", 2)
    with pytest.raises(ThrottledError) as caught:
        await gateway.call("cognito-idp", "ListUsers", UserPoolId=info.pool("demo-app").id)
    assert caught.value.retries == 1 and caught.value.code == THROTTLED_CODE
    assert [n.attempt for n in heard] == [2]  # the last attempt is not followed by a retry
    assert throttle.refused == {"ListUsers": 2}


async def collect(pages, into: list[str]) -> None:
    async for users in pages:
        into.extend(user.username for user in users)


async def test_a_listing_stopped_by_throttling_resumes_where_it_stopped(sandbox, throttle):
    _, info = sandbox
    pool = info.pool("demo-large")
    gateway = make_gateway(info.endpoint_url, max_attempts=2)
    try:
        everyone: list[str] = []
        await collect(gateway.iter_users(pool.id, page_size=PAGE), everyone)

        throttle.next_calls("ListUsers", 2, after=3)  # three pages, then more refusals than retries
        listed: list[str] = []
        with pytest.raises(ThrottledError) as caught:
            await collect(gateway.iter_users(pool.id, page_size=PAGE), listed)
        assert listed == everyone[: 3 * PAGE]  # every page before the refusal was handed over
        token = caught.value.resume_token
        assert token

        throttle.next_calls("ListUsers", 2)  # the resumed listing is refused at once: same token again
        with pytest.raises(ThrottledError) as again:
            await collect(gateway.iter_users(pool.id, page_size=PAGE, starting_token=token), listed)
        assert again.value.resume_token == token and len(listed) == 3 * PAGE

        await collect(gateway.iter_users(pool.id, page_size=PAGE, starting_token=token), listed)
        assert listed == everyone and len(everyone) == pool.user_count
    finally:
        gateway.close()


async def test_a_listing_throttled_before_its_first_page_has_nothing_to_resume(sandbox, gateway, throttle):
    _, info = sandbox
    throttle.next_calls("ListUsers", 2)
    with pytest.raises(ThrottledError) as caught:
        await collect(gateway.iter_users(info.pool("demo-app").id), [])
    assert caught.value.resume_token is None
