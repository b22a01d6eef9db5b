"""``cogtui identity credentials --save`` as a user runs it (a subprocess against the sandbox endpoint):
a profile updates one section of an AWS file and keeps the rest; a whole-file export never replaces a
file without --force; a config-file entry is a credential_process the AWS SDK can run."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import botocore.session
import pytest

from tests.contract.test_identity_exchange import sign_in

ROOT = Path(__file__).resolve().parents[2]
OTHER_PROFILES = """\
# keep me: written by hand
[default]
aws_access_key_id = AKIADEFAULT
aws_secret_access_key = default-secret

[work]   ; the work account
aws_access_key_id = AKIAWORK
aws_secret_access_key = work-secret
"""


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    """Fake keys, no shared files of the machine's user, the venv's cogtui first on PATH."""
    values = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "COGTUI_"))}
    values.update(
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_SHARED_CREDENTIALS_FILE=str(tmp_path / "aws-credentials"),
        AWS_CONFIG_FILE=str(tmp_path / "aws-config"),
        AWS_EC2_METADATA_DISABLED="true",
        XDG_CONFIG_HOME=str(tmp_path / "xdg"),
        PATH=os.pathsep.join([str(Path(sys.executable).parent), values.get("PATH", "")]),
    )
    return values


def as_the_sdk_sees_it(monkeypatch, env: dict[str, str], profile: str) -> None:
    """This process's environment as the user's shell would be: the shared files above, no keys, a profile."""
    for name in list(os.environ):
        if name.startswith("AWS_"):
            monkeypatch.delenv(name)
    for name in ("AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_EC2_METADATA_DISABLED", "PATH"):
        monkeypatch.setenv(name, env[name])
    monkeypatch.setenv("AWS_PROFILE", profile)


def cogtui(info, env, *argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    head = ["--endpoint-url", info.endpoint_url, "--region", "us-east-1", "identity", "credentials"]
    return subprocess.run(
        [sys.executable, "-m", "cogtui", *head, "--identity-pool-id", info.identity_pool.id, *argv],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


async def test_profile_save_updates_one_section_and_keeps_every_other_byte(
    gateway, sandbox, env, tmp_path, monkeypatch
):
    _, info = sandbox
    token = (await sign_in(gateway, info))["IdToken"]
    path = tmp_path / "aws-credentials"
    path.write_text(OTHER_PROFILES)
    os.chmod(path, 0o644)
    argv = ["--id-token", "-", "--format", "profile", "--profile-name", "app", "--save", str(path)]
    first = cogtui(info, env, *argv, stdin=token)
    assert first.returncode == 0, first.stderr
    assert first.stdout == ""  # the secret went to the file only
    assert f"Added section [app] to {path} (mode 0600)." in first.stderr
    text = path.read_text()
    assert text.startswith(OTHER_PROFILES + "\n[app]\naws_access_key_id = ")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    as_the_sdk_sees_it(monkeypatch, env, "app")
    assert (
        botocore.session.Session().get_credentials().access_key in text
    )  # the AWS SDK reads the profile back

    second = cogtui(info, env, *argv, stdin=token)
    assert second.returncode == 0, second.stderr
    assert f"Replaced section [app] in {path} (mode 0600)." in second.stderr
    again = path.read_text()
    assert again.startswith(OTHER_PROFILES) and again.count("[app]") == 1 and again != text


async def test_whole_file_formats_never_replace_a_file_without_force(sandbox, env, tmp_path):
    _, info = sandbox
    path = tmp_path / "creds.json"
    path.write_text(OTHER_PROFILES)
    refused = cogtui(info, env, "--guest", "--save", str(path))
    assert refused.returncode == 2 and refused.stdout == ""
    assert (
        f"{path} already exists ({len(OTHER_PROFILES)} bytes, sections [default], [work])" in refused.stderr
    )
    assert "--force replaces the whole file with the credentials as json" in refused.stderr
    assert path.read_text() == OTHER_PROFILES
    forced = cogtui(info, env, "--guest", "--save", str(path), "--force")
    assert forced.returncode == 0, forced.stderr
    assert '"AccessKeyId"' in path.read_text() and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert f"Wrote the credentials as json to {path} (mode 0600)." in forced.stderr


async def test_config_entry_is_a_credential_process_the_sdk_runs(sandbox, env, tmp_path, monkeypatch):
    _, info = sandbox
    config = tmp_path / "aws-config"
    config.write_text("[default]\nregion = eu-west-1\n")
    done = cogtui(info, env, "--guest", "--format", "config", "--profile-name", "app", "--save", str(config))
    assert done.returncode == 0, done.stderr
    assert f"Added section [profile app] to {config} (mode 0600)." in done.stderr
    text = config.read_text()
    assert text.startswith("[default]\nregion = eu-west-1\n\n[profile app]\ncredential_process = cogtui ")
    assert "--guest" in text and "--format credential-process" in text
    # the AWS SDK runs the entry; AWS_PROFILE=app is inherited by it and must not make it call itself
    as_the_sdk_sees_it(monkeypatch, env, "app")
    credentials = botocore.session.Session().get_credentials()
    assert credentials is not None and credentials.access_key and credentials.token
