"""The connection: profiles, regions and credentials resolved as the AWS CLI resolves them."""

from __future__ import annotations

import pytest

from cogtui.aws.connection import Connection
from cogtui.aws.errors import ConfigurationError
from cogtui.settings import Settings
from tests.aws_files import use_aws_files

CONFIG = """\
[default]
region = us-west-2

[profile dev]
region = eu-west-1
"""
CREDENTIALS = """\
[default]
aws_access_key_id = AKIADEFAULT
aws_secret_access_key = default-secret

[dev]
aws_access_key_id = AKIADEV
aws_secret_access_key = dev-secret
"""


@pytest.fixture
def aws_files(monkeypatch, tmp_path):
    return use_aws_files(monkeypatch, tmp_path, CONFIG, CREDENTIALS)


def test_a_named_profile_gives_its_region_and_keys(aws_files):
    conn = Connection(Settings(profile="dev"))
    assert conn.region == "eu-west-1" and conn.profile == "dev"
    client = conn.client("cognito-idp")
    assert client.meta.region_name == "eu-west-1"
    assert client._request_signer._credentials.access_key == "AKIADEV"


def test_the_default_profile_is_reported_as_no_profile(aws_files):
    conn = Connection(Settings())
    assert conn.region == "us-west-2" and conn.profile is None
    assert conn.info().label.startswith("default credentials · us-west-2")


def test_a_region_given_on_the_command_line_wins_over_the_profile(aws_files):
    conn = Connection(Settings(profile="dev", region="ap-south-1"))
    assert conn.region == "ap-south-1"
    assert conn.client("cognito-identity").meta.region_name == "ap-south-1"


def test_aws_profile_in_the_environment_is_honoured(aws_files, monkeypatch):
    monkeypatch.setenv("AWS_PROFILE", "dev")
    conn = Connection(Settings())
    assert conn.profile == "dev" and conn.region == "eu-west-1"


def test_an_unknown_profile_is_a_configuration_error(aws_files):
    with pytest.raises(ConfigurationError) as err:
        Connection(Settings(profile="nope"))
    assert err.value.code == "ProfileNotFound" and "nope" in err.value.message
    assert "list-profiles" in (err.value.hint or "")


def test_no_region_anywhere_is_a_configuration_error(aws_files):
    (aws_files / "config").write_text("[default]\noutput = json\n")
    with pytest.raises(ConfigurationError) as err:
        Connection(Settings())
    assert err.value.code == "NoRegion" and "--region" in (err.value.hint or "")


def test_sandbox_credentials_override_the_profile(aws_files):
    conn = Connection(Settings(region="us-east-1"), sandbox_credentials=("sandbox-key", "sandbox-secret"))
    assert conn.client("cognito-idp")._request_signer._credentials.access_key == "sandbox-key"


def test_the_service_model_is_loaded_once(aws_files):
    conn = Connection(Settings(region="us-east-1"))
    model = conn.service_model("cognito-idp")
    assert model is conn.service_model("cognito-idp")
    assert model.service_name == "cognito-idp" and "InitiateAuth" in model.operation_names


def test_timestamps_are_parsed_to_utc_and_other_shapes_are_left_to_botocore():
    from datetime import UTC, datetime

    from cogtui.aws.connection import parse_timestamp_utc

    assert parse_timestamp_utc(1700000000.5) == datetime(2023, 11, 14, 22, 13, 20, 500000, tzinfo=UTC)
    assert parse_timestamp_utc(1700000000).tzinfo is UTC
    parsed = parse_timestamp_utc("2024-05-01T12:34:56Z")  # an ISO string goes to botocore's parser
    assert parsed == datetime(2024, 5, 1, 12, 34, 56, tzinfo=UTC)
    with pytest.raises((ValueError, RuntimeError)):
        parse_timestamp_utc(1e300)  # out of range: botocore's own error


async def test_a_profile_whose_credentials_fail_is_reported_by_the_first_call_not_at_startup(aws_files):
    """A failing credential_process (or an expired SSO login) surfaces as a typed error on screen,
    never as a traceback from the start-up warm-up."""
    from cogtui.aws.errors import CogtuiError
    from cogtui.runtime import Runtime

    (aws_files / "config").write_text(
        CONFIG + "\n[profile broken]\nregion = eu-west-1\ncredential_process = false\n"
    )
    runtime = Runtime(Settings(profile="broken", endpoint_url="http://127.0.0.1:9"))
    try:
        runtime.warm_up(settle_s=5.0, list_pools=True)  # must not raise
        with pytest.raises(CogtuiError) as err:
            async for _ in runtime.gateway.iter_user_pools():
                pass
        assert err.value.message and "Traceback" not in err.value.message
    finally:
        runtime.close()


def test_no_attempt_starts_after_the_deadline(aws_files):
    import time

    import botocore.exceptions

    from cogtui.aws.error_mapping import DeadlineReached, map_exception

    conn = Connection(Settings(profile="dev", endpoint_url="http://127.0.0.1:9"))
    conn.stop_at(time.monotonic() - 1, 10.0)  # already past: the first attempt is refused, nothing is sent
    with pytest.raises(DeadlineReached) as caught:
        conn.client("cognito-idp").list_user_pools(MaxResults=1)
    assert isinstance(caught.value, botocore.exceptions.BotoCoreError)
    err = map_exception(caught.value, "cognito-idp", "ListUserPools")
    assert err.code == "Deadline" and "deadline of 10 s" in err.message and "--deadline" in err.hint


def test_commands_get_one_deadline_and_the_tui_none(monkeypatch):
    from cogtui.cli.main import build_parser
    from cogtui.cli.options import DEFAULT_DEADLINE_S, settings_from_args

    monkeypatch.delenv("COGTUI_DEADLINE", raising=False)
    parse = build_parser().parse_args
    assert settings_from_args(parse(["--region", "us-east-1"])).command_deadline is None
    command = ["token", "decode", "x"]
    assert settings_from_args(parse(command)).command_deadline == DEFAULT_DEADLINE_S
    assert settings_from_args(parse(["--deadline", "2.5", *command])).command_deadline == 2.5
    monkeypatch.setenv("COGTUI_DEADLINE", "30")
    assert settings_from_args(parse(command)).command_deadline == 30.0
    assert settings_from_args(parse(["--region", "us-east-1"])).command_deadline is None
