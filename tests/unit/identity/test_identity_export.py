"""Credentials: masking, export formats that tools can read back, and 0600 files written atomically."""

from __future__ import annotations

import configparser
import json
import os
import shlex
import stat
from datetime import UTC, datetime, timedelta, timezone

import pytest

from cogtui.identity.credentials import AwsCredentials, mask_secret, shorten_token, to_utc
from cogtui.identity.export import (
    ExportError,
    as_credential_process,
    as_env,
    as_json,
    as_profile,
    render,
    write_export,
)

SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfi'CYEXAMPLEKEY"
SESSION = "FQoGZXIvYXdzEBYaD" + "A" * 300 + "fw5i"
EXPIRY = datetime(2030, 1, 31, 12, 0, 5, 123000, tzinfo=timezone(timedelta(hours=2)))


def creds(**overrides):
    values = {
        "access_key_id": "ASIAEXAMPLE123",
        "secret_key": SECRET,
        "session_token": SESSION,
        "expiration": to_utc(EXPIRY),
        "identity_id": "us-east-1:aaaa",
        "role_arn": None,
    }
    values.update(overrides)
    return AwsCredentials(**values)


def test_repr_and_masked_never_show_the_secrets():
    c = creds()
    assert SECRET not in repr(c) and SESSION not in repr(c)
    masked = c.masked()
    assert masked["AccessKeyId"] == "ASIAEXAMPLE123"
    assert masked["SecretAccessKey"] == "••••••••EKEY" and SECRET not in str(masked)
    assert masked["SessionToken"] == f"FQoGZXIv…fw5i ({len(SESSION)} chars)"
    assert masked["Expiration"] == "2030-01-31T10:00:05Z"
    assert mask_secret("short") == "••••••••" and mask_secret("") == ""
    assert shorten_token("abc") == "••••••••" and shorten_token("") == ""


def test_expiry_countdown():
    c = creds()
    exp = c.expiration.timestamp()
    assert c.seconds_left(exp - 90) == pytest.approx(90)
    assert not c.expired(exp - 1) and c.expired(exp)
    assert creds(expiration=None).seconds_left() is None and not creds(expiration=None).expired()


def test_to_utc():
    assert to_utc(EXPIRY) == datetime(2030, 1, 31, 10, 0, 5, 123000, tzinfo=UTC)
    assert to_utc(datetime(2030, 1, 1)) == datetime(2030, 1, 1, tzinfo=UTC)
    assert to_utc(0) == datetime(1970, 1, 1, tzinfo=UTC)
    assert to_utc("2030-01-31T10:00:05Z") == datetime(2030, 1, 31, 10, 0, 5, tzinfo=UTC)
    assert to_utc("soon") is None and to_utc(None) is None and to_utc(True) is None and to_utc(1e300) is None


def test_env_lines_survive_a_shell():
    text = as_env(creds(), region="us-east-1")
    values = {}
    for line in text.splitlines():
        if line.startswith("export "):
            name, _, value = line[len("export ") :].partition("=")
            values[name] = shlex.split(value)[0]
    assert values == {
        "AWS_ACCESS_KEY_ID": "ASIAEXAMPLE123",
        "AWS_SECRET_ACCESS_KEY": SECRET,
        "AWS_SESSION_TOKEN": SESSION,
        "AWS_REGION": "us-east-1",
    }
    assert text.endswith("# expires 2030-01-31T10:00:05Z\n")


def test_profile_section_reads_as_a_credentials_file():
    parser = configparser.ConfigParser()
    parser.read_string(as_profile(creds(), profile="identity-test"))
    section = parser["identity-test"]
    assert section["aws_access_key_id"] == "ASIAEXAMPLE123"
    assert section["aws_secret_access_key"] == SECRET
    assert section["aws_session_token"] == SESSION
    with pytest.raises(ExportError, match="not a usable profile name"):
        as_profile(creds(), profile="bad name]")


def test_credential_process_json():
    payload = json.loads(as_credential_process(creds()))
    assert payload == {
        "Version": 1,
        "AccessKeyId": "ASIAEXAMPLE123",
        "SecretAccessKey": SECRET,
        "SessionToken": SESSION,
        "Expiration": "2030-01-31T10:00:05Z",
    }
    assert "Expiration" not in json.loads(as_credential_process(creds(expiration=None)))


def test_plain_json_with_extra_fields():
    payload = json.loads(as_json(creds(role_arn="arn:aws:iam::1:role/r"), extra={"CallerArn": "arn:x"}))
    assert payload["IdentityId"] == "us-east-1:aaaa" and payload["RoleArn"] == "arn:aws:iam::1:role/r"
    assert payload["CallerArn"] == "arn:x" and payload["SecretAccessKey"] == SECRET


def test_render_dispatches_and_ignores_foreign_options():
    c = creds()
    assert render(c, "env", region="eu-west-1", profile="x", extra={"a": 1}) == as_env(c, region="eu-west-1")
    assert render(c, "profile", profile="p", region=None) == as_profile(c, profile="p")
    assert render(c, "credential-process", extra={"a": 1}) == as_credential_process(c)
    assert json.loads(render(c, "json", extra={"a": 1}))["a"] == 1
    with pytest.raises(ExportError, match="Unknown format"):
        render(c, "yaml")


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_write_export_creates_a_private_file(tmp_path):
    target = write_export(tmp_path / "creds.env", "secret text\n")
    assert target.read_text() == "secret text\n"
    assert _mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["creds.env"]


def test_write_export_is_private_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        target = write_export(tmp_path / "creds.json", "{}")
    finally:
        os.umask(old)
    assert _mode(target) == 0o600


def test_write_export_refuses_to_overwrite_unless_asked(tmp_path):
    target = tmp_path / "creds"
    target.write_text("old")
    target.chmod(0o644)
    with pytest.raises(ExportError, match="already exists"):
        write_export(target, "new")
    assert target.read_text() == "old"
    write_export(target, "new", overwrite=True)
    assert target.read_text() == "new" and _mode(target) == 0o600


def test_write_export_never_follows_a_symlink(tmp_path):
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    link = tmp_path / "link"
    link.symlink_to(victim)
    with pytest.raises(ExportError, match="symbolic link"):
        write_export(link, "secrets", overwrite=True)
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(ExportError, match="symbolic link"):
        write_export(dangling, "secrets")
    assert victim.read_text() == "keep me" and not (tmp_path / "nowhere").exists()


def test_write_export_plain_errors(tmp_path):
    with pytest.raises(ExportError, match="not a regular file"):
        write_export(tmp_path, "x", overwrite=True)
    with pytest.raises(ExportError, match="does not exist"):
        write_export(tmp_path / "missing" / "creds", "x")
