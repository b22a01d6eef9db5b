"""The worker layer under faults, without the UI: attempts made, timeouts named, empty answers refused,
credentials resolved again after a credentials error, parameter problems in plain words."""

from __future__ import annotations

import asyncio
import http.client

import boto3
import botocore.exceptions as bex
import pytest

from cogtui.aws import errors as e
from cogtui.aws.cognito_gateway import CognitoGateway
from cogtui.aws.connection import Connection
from cogtui.aws.error_mapping import map_exception
from cogtui.aws.gateway import check_answer
from cogtui.sandbox.server import SANDBOX_CREDENTIALS
from cogtui.settings import Settings
from tests.faults.canned import (
    ACCESS_DENIED,
    EXPIRED_TOKEN,
    INTERNAL_ERROR,
    NOT_IMPLEMENTED,
    THROTTLED,
    UNSUPPORTED,
)
from tests.faults.chaos import ChaosProxy
from tests.faults.conftest import MAX_ATTEMPTS, READ_TIMEOUT

TALLY_AS = "worker layer"  # the row of the faults-injected summary for tests without a screen


@pytest.fixture
def gateway(chaos):
    """A gateway through the proxy; ``connects`` counts the connections it built."""
    settings = Settings(
        endpoint_url=chaos.url,
        region="us-east-1",
        read_timeout=READ_TIMEOUT,
        connect_timeout=READ_TIMEOUT,
        max_attempts=MAX_ATTEMPTS,
    )
    connects: list[Connection] = []

    def connect() -> Connection:
        connects.append(Connection(settings, sandbox_credentials=SANDBOX_CREDENTIALS))
        return connects[-1]

    gw = CognitoGateway(connect)
    gw.connects = connects  # type: ignore[attr-defined]
    yield gw
    gw.close()


def run(coro):
    return asyncio.run(coro)


async def _all_pools(gw: CognitoGateway) -> list:
    return [p async for page in gw.iter_user_pools() for p in page]


@pytest.mark.parametrize(
    ("fault", "kind", "words"),
    [
        ("freeze", e.EndpointTimeoutError, f"did not answer within {READ_TIMEOUT:g} s"),
        ("refuse", e.EndpointError, "Could not reach"),
        ("reset", e.EndpointError, "closed the connection before answering"),
    ],
)
def test_transport_failures_count_their_attempts(gateway, chaos, sandbox, fault, kind, words):
    _, info = sandbox
    {"freeze": chaos.freeze, "refuse": chaos.refuse, "reset": lambda: chaos.drop_after(0, "reset")}[fault]()
    with pytest.raises(kind) as caught:
        run(gateway.describe_user_pool(info.pool("demo-app").id))
    err = caught.value
    assert words in err.message
    assert (
        err.retries == MAX_ATTEMPTS - 1
        and f"{MAX_ATTEMPTS} attempts" in (err.hint + err.message)
        or (fault == "refuse" and err.retries == MAX_ATTEMPTS - 1)
    )
    entry = gateway.trace.entries[-1]
    assert not entry.ok and entry.retries == MAX_ATTEMPTS - 1 and entry.error_code == err.code
    if fault != "refuse":
        assert [s.attempt for s in chaos.seen if s.fault] == list(range(1, MAX_ATTEMPTS + 1))


def test_throttling_retries_show_in_the_trace_and_the_hint(gateway, chaos, sandbox):
    chaos.error(THROTTLED)
    with pytest.raises(e.ThrottledError) as caught:
        run(_all_pools(gateway))
    assert caught.value.retries == MAX_ATTEMPTS - 1 and f"{MAX_ATTEMPTS} attempts" in caught.value.hint
    assert gateway.trace.entries[-1].retries == MAX_ATTEMPTS - 1
    assert len(chaos.seen) == MAX_ATTEMPTS


@pytest.mark.parametrize("fault", ["throttled", "reset", "freeze"])
def test_a_transient_fault_is_retried_and_the_retry_recorded(gateway, chaos, sandbox, fault):
    _, info = sandbox
    {
        "throttled": lambda: chaos.error(THROTTLED, times=1),
        "reset": lambda: chaos.drop_after(0, "reset", times=1),
        "freeze": lambda: chaos.freeze(times=1),
    }[fault]()
    pool = run(gateway.describe_user_pool(info.pool("demo-app").id))
    assert pool.name == "demo-app"
    entry = gateway.trace.entries[-1]
    assert entry.ok and entry.retries == 1
    assert [s.attempt for s in chaos.seen] == [1, 2] and chaos.seen[0].fault and not chaos.seen[1].fault


def test_an_empty_answer_is_an_error_not_an_empty_listing(gateway, chaos, sandbox):
    _, info = sandbox
    chaos.drop_after(0, "empty")
    with pytest.raises(e.ServiceError) as listing:
        run(_all_pools(gateway))
    with pytest.raises(e.ServiceError) as describe:
        run(gateway.describe_user_pool(info.pool("demo-app").id))
    for err in (listing.value, describe.value):
        assert err.code == "EmptyResponse" and "empty answer" in err.message and "retry" in err.hint


def test_check_answer_leaves_answers_without_members_alone():
    client = boto3.client(
        "cognito-idp",
        region_name="us-east-1",
        endpoint_url="http://127.0.0.1:9",
        aws_access_key_id="a",
        aws_secret_access_key="b",
    )
    empty = {"ResponseMetadata": {"HTTPStatusCode": 200, "HTTPHeaders": {"content-length": "0"}}}
    check_answer(client, "AdminDisableUser", empty)  # no output members: nothing expected
    check_answer(
        client, "ListUsers", {"Users": [], "ResponseMetadata": {"HTTPHeaders": {"content-length": "13"}}}
    )
    with pytest.raises(e.ServiceError):
        check_answer(client, "ListUsers", empty)


def test_credentials_are_resolved_again_after_a_credentials_error(gateway, chaos, sandbox):
    """After ExpiredToken the connection is rebuilt on the next call, so a renewed SSO session or new
    keys are picked up by r, without restarting cogtui; other errors keep the connection."""
    _, info = sandbox
    run(gateway.describe_user_pool(info.pool("demo-app").id))
    chaos.error(THROTTLED)
    with pytest.raises(e.ThrottledError):
        run(gateway.describe_user_pool(info.pool("demo-app").id))
    assert len(gateway.connects) == 1
    chaos.error(EXPIRED_TOKEN)
    with pytest.raises(e.CredentialsError):
        run(gateway.describe_user_pool(info.pool("demo-app").id))
    chaos.passthrough()
    run(gateway.describe_user_pool(info.pool("demo-app").id))
    assert len(gateway.connects) == 2


def _validation_error(**params) -> bex.ParamValidationError:
    client = boto3.client(
        "cognito-idp",
        region_name="us-east-1",
        endpoint_url="http://127.0.0.1:9",  # never reached: validation fails before sending
        aws_access_key_id="a",
        aws_secret_access_key="b",
    )
    with pytest.raises(bex.ParamValidationError) as caught:
        client.list_users(**params)
    return caught.value


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"UserPoolId": ""}, "UserPoolId is empty: type a value."),
        ({}, "UserPoolId is required."),
        ({"UserPoolId": 3}, "UserPoolId has the wrong type"),
        ({"UserPoolId": "x", "Bogus": 1}, "Bogus is not a parameter of this call"),
    ],
)
def test_parameter_problems_in_plain_words(params, message):
    err = map_exception(_validation_error(**params), "cognito-idp", "ListUsers")
    assert isinstance(err, e.InvalidInputError) and err.code == "ParamValidation"
    assert err.message.startswith(message) and "Parameter validation failed" not in err.message
    assert err.hint == "Nothing was sent: check the value typed."


def test_wrong_type_does_not_echo_the_value():
    err = map_exception(_validation_error(UserPoolId=["hunter2-secret"]), "cognito-idp", "ListUsers")
    assert "hunter2" not in err.message


def test_a_server_error_page_without_an_aws_error():
    response = {
        "Error": {"Code": "500", "Message": "<html>…</html>"},
        "ResponseMetadata": {"HTTPStatusCode": 500},
    }
    err = map_exception(bex.ClientError(response, "ListUsers"), "cognito-idp", "ListUsers", attempts=2)
    assert isinstance(err, e.ServiceError)
    assert "HTTP 500" in err.message and "restarting" in err.message and "Retry" in err.hint


def test_a_blank_server_message_is_replaced():
    response = {"Error": {"Code": "ResourceNotFoundException", "Message": " "}, "ResponseMetadata": {}}
    err = map_exception(
        bex.ClientError(response, "DescribeUserPoolClient"), "cognito-idp", "DescribeUserPoolClient"
    )
    assert err.message == "DescribeUserPoolClient: not found; check the id."


@pytest.mark.parametrize(
    ("canned", "kind", "code"),
    [
        (EXPIRED_TOKEN, e.CredentialsError, "ExpiredToken"),
        (ACCESS_DENIED, e.AccessDeniedError, "AccessDenied"),
    ],
)
def test_sts_errors_in_the_query_protocol(gateway, chaos, canned, kind, code):
    """STS answers in XML; its codes map like Cognito's (proving temporary credentials goes there)."""
    chaos.error(canned)
    with pytest.raises(kind) as caught:
        run(gateway.call("sts", "GetCallerIdentity"))
    assert caught.value.code == code
    if kind is e.AccessDeniedError:
        assert "sts:GetCallerIdentity" in caught.value.message + caught.value.hint


# -- the harness itself ------------------------------------------------------------------------------


def test_the_proxy_only_forwards_to_loopback():
    with pytest.raises(ValueError):
        ChaosProxy("http://cognito-idp.us-east-1.amazonaws.com")
    with pytest.raises(ValueError):
        ChaosProxy("https://127.0.0.1:443")


def test_the_proxy_answers_a_bounded_number_of_requests(sandbox):
    _, info = sandbox
    with ChaosProxy(info.endpoint_url, max_requests=2) as proxy:
        statuses = []
        for _ in range(3):
            conn = http.client.HTTPConnection("127.0.0.1", proxy.port, timeout=5)
            conn.request("GET", f"/{info.pool('demo-app').id}/.well-known/jwks.json")
            statuses.append(conn.getresponse().status)
            conn.close()
    assert statuses == [200, 200, 503]
    assert [s.operation for s in proxy.seen] == ["GetJwks"] * 3 and proxy.seen[-1].fault == "over-budget"


@pytest.mark.parametrize("canned", [UNSUPPORTED, NOT_IMPLEMENTED], ids=["unsupported", "not-implemented"])
def test_an_operation_the_endpoint_lacks_is_said_once_and_not_retried(gateway, chaos, sandbox, canned):
    _, info = sandbox
    chaos.error(canned)
    with pytest.raises(e.UnsupportedOperationError) as caught:
        run(gateway.describe_user_pool(info.pool("demo-app").id))
    err = caught.value
    assert err.message.startswith("This endpoint does not support DescribeUserPool.")
    assert "retry" not in (err.message + err.hint).lower() and "will not help" in err.hint
    assert len(chaos.seen) == 1 and err.retries == 0  # botocore did not ask again
    with pytest.raises(e.UnsupportedOperationError):
        run(_all_pools(gateway))
    assert len(chaos.seen) == 2


def test_a_server_error_is_still_retried(gateway, chaos, sandbox):
    _, info = sandbox
    chaos.error(INTERNAL_ERROR)
    with pytest.raises(e.ServiceError) as caught:
        run(gateway.describe_user_pool(info.pool("demo-app").id))
    assert not isinstance(caught.value, e.UnsupportedOperationError)
    assert len(chaos.seen) == MAX_ATTEMPTS
