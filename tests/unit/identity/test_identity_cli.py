"""``cogtui identity credentials`` without a server: usage errors (exit 2), failures explained on
stderr (exit 1, through the Stubber), and imports that stay light."""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
from pathlib import Path

import pytest
from identity_fixtures import (
    CLIENT_ID,
    IDENTITY_ID,
    IDENTITY_POOL_ID,
    KEY,
    OTHER_CLIENT_ID,
    fresh_token,
    signed_token,
    signing_jwks,
    stubbed_gateway,
)

from cogtui.cli.identity import add_identity_parser, run_identity
from cogtui.cli.identity_credentials import Options, run_credentials

ROOT = Path(__file__).resolve().parents[3]
POOL_DESCRIPTION = {
    "IdentityPoolId": IDENTITY_POOL_ID,
    "IdentityPoolName": "app",
    "AllowUnauthenticatedIdentities": False,
    "CognitoIdentityProviders": [{"ProviderName": KEY, "ClientId": CLIENT_ID, "ServerSideTokenCheck": False}],
}


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="cogtui")
    for option in ("--endpoint-url", "--region", "--profile"):
        parser.add_argument(option)
    add_identity_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(list(argv))


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run_identity(parse(*argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_help_shows_the_examples(capsys):
    with pytest.raises(SystemExit) as exit_info:
        parse("identity", "credentials", "--help")
    assert exit_info.value.code == 0
    assert "--identity-pool-id" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ("identity", "credentials", "--guest"),
        ("identity", "credentials", "--identity-pool-id", IDENTITY_POOL_ID),
        ("identity", "credentials", "--identity-pool-id", IDENTITY_POOL_ID, "--guest", "--id-token", "x"),
        ("identity", "credentials", "--identity-pool-id", IDENTITY_POOL_ID, "--guest", "--format", "yaml"),
    ],
)
def test_argparse_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        parse(*argv)
    assert exit_info.value.code == 2


@pytest.mark.parametrize(
    "argv, stdin, message",
    [
        (("--identity-pool-id", "us-east-1_AbCdEf123", "--guest"), "", "is a user pool id"),
        (
            ("--identity-pool-id", IDENTITY_POOL_ID, "--id-token", "x", "--flow", "basic"),
            "",
            "--flow basic needs --role-arn",
        ),
        (("--identity-pool-id", IDENTITY_POOL_ID, "--id-token", "-"), "  \n", "nothing on standard input"),
        (
            ("--identity-pool-id", IDENTITY_POOL_ID, "--guest", "--logins-key", KEY),
            "",
            "--logins-key needs --id-token",
        ),
    ],
)
def test_validation_errors_exit_2(argv, stdin, message):
    code, out, err = run("identity", "credentials", *argv, stdin=stdin)
    assert code == 2 and out == ""
    assert err.startswith("cogtui identity credentials: error:") and message in err


def test_identity_without_a_subcommand():
    code, _, err = run("identity")
    assert code == 2 and "usage:" in err


def options(**overrides) -> Options:
    values = {
        "identity_pool_id": IDENTITY_POOL_ID,
        "id_token": fresh_token(aud=OTHER_CLIENT_ID),
        "flow": "enhanced",
        "role_arn": None,
        "role_session_name": "cogtui",
        "logins_key": None,
        "verify": False,
        "fmt": "json",
        "profile_name": "cogtui",
        "show_checks": False,
    }
    values.update(overrides)
    return Options(**values)


async def test_failure_prints_the_diagnosis_and_the_predicting_checks():
    gateway, stubbers, _ = stubbed_gateway("cognito-identity")
    ci = stubbers["cognito-identity"]
    ci.add_response("describe_identity_pool", POOL_DESCRIPTION)
    ci.add_client_error(
        "get_id",
        "NotAuthorizedException",
        "Token is not from a supported provider of this identity pool.",
        response_meta={"RequestId": "req-42", "HTTPStatusCode": 400},
    )
    out, err = io.StringIO(), io.StringIO()
    try:
        code = await run_credentials(gateway, options(), out, err, jwks=signing_jwks())
    finally:
        gateway.close()
    text = err.getvalue()
    assert code == 1 and out.getvalue() == ""
    assert "cogtui: GetId failed: NotAuthorizedException — Token is not from a supported provider" in text
    assert "Cause: " in text and "Next step: " in text and "Request id: req-42" in text
    assert f"✘ app client: The token was issued to app client {OTHER_CLIENT_ID}" in text


async def test_role_failure_says_what_the_endpoint_tells_about_roles():
    gateway, stubbers, _ = stubbed_gateway("cognito-identity")
    ci = stubbers["cognito-identity"]
    ci.add_response("describe_identity_pool", POOL_DESCRIPTION)
    ci.add_response("get_id", {"IdentityId": IDENTITY_ID})
    ci.add_client_error(
        "get_credentials_for_identity",
        "InvalidIdentityPoolConfigurationException",
        "Invalid identity pool configuration. Check assigned IAM roles for this pool.",
    )
    role = "arn:aws:iam::123456789012:role/app-authenticated"
    ci.add_response(
        "get_identity_pool_roles", {"IdentityPoolId": IDENTITY_POOL_ID, "Roles": {"authenticated": role}}
    )
    err = io.StringIO()
    try:
        code = await run_credentials(
            gateway, options(id_token=signed_token()), io.StringIO(), err, jwks=signing_jwks()
        )
    finally:
        gateway.close()
    assert code == 1
    assert f"Role: {role} — default authenticated role" in err.getvalue()


async def test_describe_refused_still_exchanges_and_warns_nothing(monkeypatch):
    gateway, stubbers, _ = stubbed_gateway("cognito-identity")
    ci = stubbers["cognito-identity"]
    ci.add_client_error(
        "describe_identity_pool", "AccessDeniedException", "not allowed", http_status_code=403
    )
    ci.add_response("get_id", {"IdentityId": IDENTITY_ID})
    ci.add_response(
        "get_credentials_for_identity",
        {
            "IdentityId": IDENTITY_ID,
            "Credentials": {"AccessKeyId": "ASIAEXAMPLE", "SecretKey": "k", "SessionToken": "t"},
        },
    )
    out, err = io.StringIO(), io.StringIO()
    try:
        code = await run_credentials(
            gateway,
            options(id_token=signed_token(), fmt="env", show_checks=True),
            out,
            err,
            jwks=signing_jwks(),
        )
    finally:
        gateway.close()
    assert code == 0
    assert out.getvalue().startswith("export AWS_ACCESS_KEY_ID=ASIAEXAMPLE\n")
    assert "– identity pool settings: DescribeIdentityPool failed (AccessDeniedException)" in err.getvalue()
    assert "warning" not in err.getvalue()


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return set(out.stdout.split())


def test_building_the_parser_stays_light():
    modules = _modules_after(
        "import argparse\nfrom cogtui.cli.identity import add_identity_parser\n"
        "add_identity_parser(argparse.ArgumentParser().add_subparsers())"
    )
    assert not {"boto3", "botocore", "textual", "moto"} & modules


def test_identity_core_never_imports_textual_or_boto3():
    names = [
        "checks",
        "credentials",
        "diagnosis",
        "doctor",
        "exchange",
        "export",
        "logins",
        "proof",
        "provider_checks",
        "raw_logins",
        "roles",
        "steps",
    ]
    modules = _modules_after("\n".join(f"import cogtui.identity.{name}" for name in names))
    assert "textual" not in modules and "boto3" not in modules
