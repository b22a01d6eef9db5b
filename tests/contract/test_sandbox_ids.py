"""The sandbox's ids have AWS's shapes: pool ids `<region>_` + 9 letters and digits, client ids 26 characters."""

import re

import boto3

from cogtui.sandbox import SANDBOX_CREDENTIALS

POOL_ID = re.compile(r"us-east-1_[0-9A-Za-z]{9}")
CLIENT_ID = re.compile(r"[0-9a-z]{26}")


def test_seeded_and_new_pools_have_aws_shaped_ids(sandbox):
    _, info = sandbox
    assert all(POOL_ID.fullmatch(p.id) for p in info.pools), [p.id for p in info.pools]
    assert all(CLIENT_ID.fullmatch(c.id) for p in info.pools for c in p.clients)
    idp = boto3.client(
        "cognito-idp",
        endpoint_url=info.endpoint_url,
        region_name="us-east-1",
        aws_access_key_id=SANDBOX_CREDENTIALS[0],
        aws_secret_access_key=SANDBOX_CREDENTIALS[1],
    )
    created = idp.create_user_pool(PoolName="ids-shape")["UserPool"]
    try:
        assert POOL_ID.fullmatch(created["Id"]) and created["Arn"].endswith(f":userpool/{created['Id']}")
        assert idp.describe_user_pool(UserPoolId=created["Id"])["UserPool"]["Name"] == "ids-shape"
    finally:
        idp.delete_user_pool(UserPoolId=created["Id"])
