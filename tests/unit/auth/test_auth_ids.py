"""Id shapes checked before any call: botocore's patterns, AWS and emulator ids accepted, typos refused."""

import botocore.session
import pytest

from cogtui.auth.flows import SignInRequest
from cogtui.aws.ids import CLIENT_ID, USER_POOL_ID


@pytest.mark.parametrize(
    ("shape", "model_shape"), [(USER_POOL_ID, "UserPoolIdType"), (CLIENT_ID, "ClientIdType")]
)
def test_the_shapes_are_botocores(shape, model_shape):
    meta = botocore.session.Session().get_service_model("cognito-idp").shape_for(model_shape).metadata
    assert (shape.pattern, shape.min_length, shape.max_length) == (meta["pattern"], meta["min"], meta["max"])


@pytest.mark.parametrize(
    "pool_id", ["us-east-1_AbCdEf123", "local_Ab12Cd34", "eu-west-2_" + "a" * 32, "us-gov-west-1_x1"]
)
def test_pool_ids_of_aws_and_emulators_fit(pool_id):
    assert USER_POOL_ID.problem(pool_id) is None


@pytest.mark.parametrize(
    "pool_id", ["nope", "us-east-1_", "_abc", "us-east-1_ab-c", "us-east-1:abc", "é_abc", "a" * 56]
)
def test_other_pool_ids_are_refused_with_the_expected_shape(pool_id):
    problem = USER_POOL_ID.problem(pool_id)
    assert problem is not None and "us-east-1_AbCdEf123" in problem and "local_Ab12Cd34" in problem


def test_a_control_character_is_escaped_in_the_message():
    problem = CLIENT_ID.problem("abc\ndef")
    assert problem is not None and "\n" not in problem and "\\n" in problem


def test_a_sign_in_request_with_a_bad_pool_id_never_starts():
    request = SignInRequest(pool_id="nope", client_id="1example", username="bob", password="pw", flow="srp")
    assert any("is not a user pool id" in p for p in request.problems())
    ok = SignInRequest(pool_id="local_Ab12Cd34", client_id="1example", username="bob", password="pw")
    assert ok.problems() == []
    bad_client = SignInRequest(pool_id="", client_id="a b", username="bob", password="pw", flow="password")
    assert bad_client.problems() == [
        "'a b' is not an app client id (expected letters, digits, '_' and '+' only, "
        "such as 1example23456789abcdefghij)"
    ]
