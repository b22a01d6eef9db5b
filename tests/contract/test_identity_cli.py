"""``cogtui identity credentials`` end to end against the sandbox endpoint (no --sandbox: the session's
sandbox is reached with --endpoint-url and --region, as any local emulator would be)."""

from __future__ import annotations

import argparse
import io
import json

import pytest

from cogtui.cli.identity import add_identity_parser, run_identity
from tests.contract.test_identity_exchange import ADMIN_ROLE, MISSING_POOL, sign_in


def parse(argv: list[str]) -> argparse.Namespace:
    """The global connection options the application parser provides, plus the identity command."""
    parser = argparse.ArgumentParser(prog="cogtui")
    for option in ("--endpoint-url", "--region", "--profile"):
        parser.add_argument(option)
    add_identity_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


@pytest.fixture
def fake_credentials(monkeypatch, tmp_path):
    """Fake AWS keys in the environment, and no shared files or instance metadata to fall back on."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    isolate(monkeypatch, tmp_path)


def isolate(monkeypatch, tmp_path) -> None:
    for name in (
        "AWS_PROFILE",
        "AWS_DEFAULT_PROFILE",
        "AWS_SESSION_TOKEN",
        "AWS_ENDPOINT_URL",
        "COGTUI_SANDBOX",
        "COGTUI_READ_ONLY",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
async def id_token(gateway, sandbox) -> str:
    _, info = sandbox
    return (await sign_in(gateway, info))["IdToken"]


def run(info, *extra: str, stdin: str = "") -> tuple[int, str, str]:
    argv = ["--endpoint-url", info.endpoint_url, "--region", "us-east-1", "identity", "credentials"]
    argv += ["--identity-pool-id", info.identity_pool.id, *extra]
    out, err = io.StringIO(), io.StringIO()
    code = run_identity(parse(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


async def test_json_with_verify_and_the_token_on_stdin(sandbox, id_token, fake_credentials):
    _, info = sandbox
    code, out, err = await _in_thread(
        run, info, "--id-token", "-", "--verify", "--checks", stdin=id_token + "\n"
    )
    assert code == 0, err
    payload = json.loads(out)
    assert (
        payload["IdentityId"].startswith("us-east-1:")
        and payload["AccessKeyId"]
        and payload["SecretAccessKey"]
    )
    assert (
        payload["CallerArn"].startswith("arn:aws:sts::123456789012:")
        and payload["CallerAccount"] == "123456789012"
    )
    assert "✔ app client" in err and "✘" not in err


async def test_env_format_reports_the_proof_on_stderr(sandbox, id_token, fake_credentials):
    _, info = sandbox
    code, out, err = await _in_thread(run, info, "--id-token", id_token, "--format", "env", "--verify")
    assert code == 0, err
    assert out.startswith("export AWS_ACCESS_KEY_ID=") and "export AWS_SESSION_TOKEN=" in out
    assert "Verified with STS GetCallerIdentity: arn:aws:sts::123456789012:" in err


async def test_guest_credential_process(sandbox, fake_credentials):
    _, info = sandbox
    code, out, err = await _in_thread(run, info, "--guest", "--format", "credential-process")
    assert code == 0, err
    payload = json.loads(out)
    assert payload["Version"] == 1 and set(payload) == {
        "Version",
        "AccessKeyId",
        "SecretAccessKey",
        "SessionToken",
        "Expiration",
    }


async def test_basic_flow_profile(sandbox, id_token, fake_credentials):
    _, info = sandbox
    code, out, err = await _in_thread(
        run,
        info,
        "--id-token",
        id_token,
        "--flow",
        "basic",
        "--role-arn",
        ADMIN_ROLE,
        "--format",
        "profile",
        "--profile-name",
        "demo",
        "--verify",
    )
    assert code == 0, err
    assert out.startswith("[demo]\naws_access_key_id = ")
    assert "assumed-role/demo-app-admins/cogtui" in err


async def test_a_token_of_another_app_client_is_refused(gateway, sandbox, fake_credentials):
    """The sandbox refuses, as Cognito does, a token whose aud is not the identity pool's app client."""
    _, info = sandbox
    legacy = (await sign_in(gateway, info, client="legacy-password"))["IdToken"]
    code, out, err = await _in_thread(run, info, "--id-token", legacy)
    assert code == 1 and not out
    assert "GetId failed: NotAuthorizedException — Token is not from a supported provider" in err
    assert "The token was issued to app client" in err and "✘ app client" in err


async def test_without_any_aws_credentials(sandbox, id_token, monkeypatch, tmp_path):
    """Identity-pool calls are public: with no credentials the describe is skipped, the exchange works."""
    _, info = sandbox
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name, raising=False)
    isolate(monkeypatch, tmp_path)
    code, out, err = await _in_thread(run, info, "--id-token", id_token, "--checks")
    assert code == 0, err
    assert "– identity pool settings: DescribeIdentityPool failed (NoCredentials)" in err
    assert json.loads(out)["IdentityId"]


async def test_failure_exits_1_with_the_diagnosis(sandbox, fake_credentials):
    _, info = sandbox
    argv = ["--endpoint-url", info.endpoint_url, "--region", "us-east-1", "identity", "credentials"]
    argv += ["--identity-pool-id", MISSING_POOL, "--guest"]
    out, err = io.StringIO(), io.StringIO()
    code = await _in_thread(run_identity, parse(argv), stdout=out, stderr=err)
    assert code == 1 and out.getvalue() == ""
    assert "cogtui: GetId failed:" in err.getvalue() and "Next step:" in err.getvalue()


async def _in_thread(fn, *args, **kwargs):
    """run_identity owns its event loop (asyncio.run), so it runs beside the test's loop."""
    import asyncio

    return await asyncio.to_thread(fn, *args, **kwargs)


async def test_an_http_issuer_is_warned_about_then_the_endpoint_answers(sandbox, fake_credentials):
    """An emulator's http issuer is not refused before calling: the pre-flight warns, the call is made,
    and what the endpoint says is what the user reads."""
    import base64

    _, info = sandbox
    pool = info.pool("demo-app")

    def b64(value: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    claims = {
        "iss": f"{info.endpoint_url}/{pool.id}",
        "aud": pool.client("web-spa").id,
        "token_use": "id",
        "sub": "0c5f9a52-0000-4000-8000-000000000001",
        "exp": 4_102_444_800,
    }
    token = f"{b64({'alg': 'RS256', 'kid': 'k'})}.{b64(claims)}.c2ln"
    code, out, err = await _in_thread(run, info, "--id-token", "-", "--checks", stdin=token + "\n")
    assert code == 1 and out == ""
    assert "cannot build the Logins map" not in err
    assert "not https" in err  # the warning, among the pre-flight checks
    assert "GetId" in err  # the call was made: the endpoint's own answer is explained
