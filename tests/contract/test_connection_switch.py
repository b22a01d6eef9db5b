"""Building a new connection in place, against the sandbox over HTTP: profiles from a temporary AWS config,
the sandbox's endpoint, a dead endpoint, an unknown profile; ``--read-only`` kept across switches."""

from __future__ import annotations

import pytest

from cogtui.aws import errors as e
from cogtui.aws.profiles import connection_choices, list_profiles, profile_region
from cogtui.runtime import Runtime
from cogtui.settings import Settings
from tests.aws_files import SSO_PROFILE, use_aws_files
from tests.contract.conftest import unused_port

CONFIG = """\
[default]
region = us-west-2

[profile keys]
region = us-east-1

"""
CONFIG += SSO_PROFILE
CREDENTIALS = """\
[keys]
aws_access_key_id = AKIAKEYSPROFILE
aws_secret_access_key = not-a-real-secret
"""


@pytest.fixture
def aws_files(monkeypatch, tmp_path):
    return use_aws_files(monkeypatch, tmp_path, CONFIG, CREDENTIALS)


@pytest.fixture
def runtime(sandbox):
    _, info = sandbox
    settings = Settings(
        endpoint_url=info.endpoint_url,
        region="us-east-1",
        sandbox=True,
        read_only=True,
        read_timeout=1,
        max_attempts=1,
    )
    rt = Runtime(settings, sandbox_info=info)
    yield rt
    rt.close()


def test_profiles_come_from_the_files_the_environment_names(aws_files):
    profiles = {p.name: p for p in list_profiles()}
    assert list(profiles) == ["default", "dev", "keys"]
    assert profiles["dev"].kind == "SSO" and profiles["dev"].region == "eu-west-1"
    assert profiles["keys"].kind == "access keys"
    assert "not-a-real-secret" not in repr(profiles)
    assert profile_region("dev") == "eu-west-1" and profile_region("no-such-profile") is None


def test_regions_are_those_where_cognito_exists(aws_files):
    choices = connection_choices()
    assert {"us-east-1", "eu-west-1", "ap-southeast-2", "us-gov-west-1"} <= set(choices.regions)
    assert "cn-north-1" not in choices.regions  # botocore's data has no Cognito user pools there
    assert choices.problem == ""


def test_a_config_file_that_cannot_be_parsed_is_explained(aws_files):
    (aws_files / "config").write_text("[profile broken\nregion = x\n")
    choices = connection_choices()
    assert choices.profiles == [] and "config" in choices.problem and choices.regions


async def test_a_profile_at_the_sandbox_endpoint_lists_the_pools(aws_files, runtime, sandbox):
    _, info = sandbox
    runtime.switch(runtime.target(profile="keys", region=None, endpoint_url=info.endpoint_url, sandbox=False))
    pools = [p async for page in runtime.gateway.iter_user_pools() for p in page]
    assert {"demo-app", "demo-mfa-required"} <= {p.name for p in pools}
    where = await runtime.gateway.info()
    assert (where.profile, where.region, where.sandbox) == ("keys", "us-east-1", False)
    assert where.label == f"profile keys · us-east-1 · {info.endpoint_url}"


async def test_a_dead_endpoint_fails_fast_with_its_reason(aws_files, runtime):
    dead = f"http://127.0.0.1:{unused_port()}"
    runtime.switch(runtime.target(profile=None, region="us-east-1", endpoint_url=dead, sandbox=True))
    with pytest.raises(e.EndpointError) as raised:
        await runtime.gateway.call("cognito-idp", "ListUserPools", MaxResults=1)
    assert dead in raised.value.message


async def test_an_unknown_profile_is_a_configuration_error(aws_files, runtime):
    runtime.switch(runtime.target(profile="nope", region="us-east-1", endpoint_url=None, sandbox=False))
    with pytest.raises(e.ConfigurationError) as raised:
        await runtime.gateway.call("cognito-idp", "ListUserPools", MaxResults=1)
    assert raised.value.code == "ProfileNotFound" and "nope" in raised.value.message


async def test_read_only_survives_every_switch(aws_files, runtime, sandbox):
    _, info = sandbox
    target = runtime.target(profile="keys", region="us-east-1", endpoint_url=info.endpoint_url, sandbox=False)
    runtime.switch(Settings(**{**target.__dict__, "read_only": False}))
    assert runtime.settings.read_only and runtime.gateway.read_only
    with pytest.raises(e.ReadOnlyError):
        await runtime.gateway.call("cognito-idp", "CreateUserPool", PoolName="never-made")


async def test_the_old_gateway_is_closed_and_the_sandbox_kept(aws_files, runtime, sandbox):
    server, info = sandbox
    old = runtime.gateway
    runtime.switch(runtime.target(profile=None, region="us-east-1", endpoint_url=None, sandbox=True))
    assert old is not runtime.gateway and old._closed
    assert runtime.settings.endpoint_url == info.endpoint_url  # the sandbox's own endpoint
    pools = [p async for page in runtime.gateway.iter_user_pools() for p in page]
    assert "demo-app" in {p.name for p in pools}
