"""Where cogtui can connect: the profiles of the AWS config files and the regions where Cognito exists.

Profiles are botocore's ``available_profiles``: ``~/.aws/config`` and ``~/.aws/credentials`` (or the files
named by AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE), SSO profiles included. Each one is described
by how it gets credentials and its region, never by its secrets. Regions come from botocore's endpoint
data (a file read, no network). Both read files: call them off the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import botocore.exceptions
import botocore.loaders
import botocore.regions
import botocore.session

from cogtui.aws.errors import ConfigurationError

SERVICE = "cognito-idp"

# How a profile gets its credentials, from the keys it sets (first match wins), in the AWS CLI's words.
_KINDS: tuple[tuple[str, str], ...] = (
    ("sso_session", "SSO"),
    ("sso_start_url", "SSO"),
    ("role_arn", "assumed role"),
    ("credential_process", "credential process"),
    ("web_identity_token_file", "web identity"),
    ("aws_access_key_id", "access keys"),
)


@dataclass(frozen=True)
class ProfileInfo:
    """One named profile: how it gets credentials and the region it sets (if any)."""

    name: str
    kind: str  # "SSO", "assumed role", "access keys", ... or "" when the profile sets none of them
    region: str | None

    @property
    def description(self) -> str:
        parts = [p for p in (self.kind, self.region) if p]
        return " · ".join(parts) if parts else "no credentials or region of its own"


def _kind(config: dict[str, Any]) -> str:
    for key, kind in _KINDS:
        if config.get(key):
            return kind
    return ""


@dataclass(frozen=True)
class ConnectionChoices:
    """What a connection can be switched to; ``problem`` says why the profiles could not be read."""

    profiles: list[ProfileInfo] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    problem: str = ""


def connection_choices() -> ConnectionChoices:
    """Profiles and regions together; a config file botocore cannot parse leaves the profiles empty and
    says why (the regions, the sandbox and an endpoint can still be chosen)."""
    regions = cognito_regions()
    try:
        profiles = list_profiles()
    except ConfigurationError as err:
        return ConnectionChoices([], regions, err.message)
    return ConnectionChoices(profiles, regions)


def list_profiles() -> list[ProfileInfo]:
    """Every profile of the shared config and credentials files, ``default`` first, then by name.

    Raises ``ConfigurationError`` when a file cannot be parsed.
    """
    session = botocore.session.Session()
    try:
        profiles: dict[str, Any] = session.full_config.get("profiles") or {}
    except botocore.exceptions.BotoCoreError as exc:
        raise ConfigurationError(
            f"The AWS config files cannot be read: {exc}",
            code=type(exc).__name__,
            hint="Fix the file named above, or set AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE.",
        ) from exc
    names = sorted(session.available_profiles, key=lambda n: (n != "default", n.lower()))
    out = []
    for name in names:
        config = profiles.get(name) or {}
        region = config.get("region")
        out.append(ProfileInfo(name, _kind(config), str(region) if region else None))
    return out


def profile_region(name: str | None) -> str | None:
    """The region the named profile (or the default one) sets, from the config file or the environment."""
    try:
        session = botocore.session.Session(profile=name or None)
        region = session.get_config_variable("region")
    except botocore.exceptions.BotoCoreError:  # an unknown profile, a file that cannot be parsed
        return None
    return str(region) if region else None


def cognito_regions() -> list[str]:
    """Regions where Cognito user pools exist, every partition (aws first, then GovCloud and the others)."""
    try:
        session = botocore.session.Session()
        partitions = session.get_available_partitions()
        return [r for p in partitions for r in session.get_available_regions(SERVICE, partition_name=p)]
    except botocore.exceptions.BotoCoreError:  # a config file botocore cannot parse: the endpoint data alone
        resolver = botocore.regions.EndpointResolver(botocore.loaders.create_loader().load_data("endpoints"))
        return [
            r
            for p in resolver.get_available_partitions()
            for r in resolver.get_available_endpoints(SERVICE, partition_name=p)
        ]
