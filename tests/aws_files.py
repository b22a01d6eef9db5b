"""Point botocore at AWS config and credentials files of a test's own, with no AWS_* variable leaking in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

# An SSO profile (IAM Identity Center) that no test signs in to: its token cache is empty.
SSO_PROFILE = """\
[profile dev]
region = eu-west-1
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Admin

[sso-session corp]
sso_start_url = https://example.awsapps.com/start
sso_region = eu-west-1
"""

AWS_VARIABLES = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
)


def use_aws_files(monkeypatch: Any, folder: Path, config: str, credentials: str) -> Path:
    """Write ``config`` and ``credentials`` under ``folder`` and point AWS_CONFIG_FILE and
    AWS_SHARED_CREDENTIALS_FILE at them; instance metadata is off, so nothing waits on the network."""
    for var in AWS_VARIABLES:
        monkeypatch.delenv(var, raising=False)
    (folder / "config").write_text(config)
    (folder / "credentials").write_text(credentials)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(folder / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(folder / "credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    return folder
