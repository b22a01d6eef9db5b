"""One boto3 Session per connection; clients for cognito-idp, cognito-identity and sts built once each."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import boto3
import botocore.exceptions
from botocore import UNSIGNED
from botocore.client import BaseClient
from botocore.config import Config

from cogtui.aws.errors import ConfigurationError
from cogtui.settings import Settings

SERVICES = ("cognito-idp", "cognito-identity", "sts")


@dataclass(frozen=True)
class ConnectionInfo:
    """What the header shows: where cogtui is connected."""

    profile: str | None
    region: str
    endpoint_url: str
    sandbox: bool
    read_only: bool

    @property
    def label(self) -> str:
        if self.sandbox:
            who = "local sandbox"
        else:
            who = f"profile {self.profile}" if self.profile else "default credentials"
        parts = [who, self.region]
        if not self.endpoint_url.endswith(".amazonaws.com") and "amazonaws.com" not in self.endpoint_url:
            parts.append(self.endpoint_url)
        return " · ".join(parts)


def client_config(settings: Settings, unsigned: bool = False) -> Config:
    """Short timeouts and bounded retries: a dead or frozen endpoint fails in seconds, not minutes."""
    options: dict[str, Any] = {
        "connect_timeout": settings.connect_timeout,
        "read_timeout": settings.read_timeout,
        "retries": {"mode": "standard", "total_max_attempts": max(1, settings.max_attempts)},
        "max_pool_connections": max(10, settings.max_workers * 2),
        "user_agent_extra": "cogtui",
    }
    if unsigned:
        options["signature_version"] = UNSIGNED
    return Config(**options)


class Connection:
    """A boto3 Session and the clients built from it, created under a lock (sessions are not thread-safe)."""

    def __init__(self, settings: Settings, sandbox_credentials: tuple[str, str] | None = None) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._clients: dict[tuple[str, bool], BaseClient] = {}
        self._attempts = threading.local()
        kwargs: dict[str, Any] = {"region_name": settings.region}
        if settings.profile:
            kwargs["profile_name"] = settings.profile
        if sandbox_credentials:
            kwargs["aws_access_key_id"], kwargs["aws_secret_access_key"] = sandbox_credentials
        try:
            self._session = boto3.session.Session(**kwargs)
        except botocore.exceptions.ProfileNotFound as exc:
            raise ConfigurationError(
                str(exc), code="ProfileNotFound", hint="Check the name with `aws configure list-profiles`."
            ) from exc
        if not self._session.region_name:
            raise ConfigurationError(
                "No AWS region is configured.",
                code="NoRegion",
                hint="Pass --region, set AWS_REGION, or add a region to your profile.",
            )

    @property
    def region(self) -> str:
        return str(self._session.region_name)

    @property
    def profile(self) -> str | None:
        name = self._session.profile_name
        return None if name == "default" and not self.settings.profile else name

    def client(self, service: str, unsigned: bool = False) -> BaseClient:
        """The client for ``service``, built once; ``unsigned`` for public calls made without credentials."""
        key = (service, unsigned)
        client = self._clients.get(key)
        if client is None:
            with self._lock:
                client = self._clients.get(key)
                if client is None:
                    client = self._session.client(
                        service,
                        endpoint_url=self.settings.endpoint_url,
                        config=client_config(self.settings, unsigned),
                    )
                    self._count_attempts(client)
                    self._clients[key] = client
        return client

    # -- attempts: botocore retries inside one call; count them so errors and the trace can say so ----

    def _count_attempts(self, client: BaseClient) -> None:
        client.meta.events.register("before-send", self._attempt_sent)

    def _attempt_sent(self, **_: Any) -> None:
        self._attempts.count = getattr(self._attempts, "count", 0) + 1

    def start_counting(self) -> None:
        """Start counting the HTTP attempts of the next call made on this thread."""
        self._attempts.count = 0

    def attempts(self) -> int:
        """HTTP attempts of the current call on this thread since ``start_counting`` (retries included)."""
        return int(getattr(self._attempts, "count", 0))

    def client_with_credentials(
        self, service: str, access_key: str, secret_key: str, session_token: str
    ) -> BaseClient:
        """A throwaway client signed with temporary credentials (to prove them with STS)."""
        with self._lock:
            client = self._session.client(
                service,
                endpoint_url=self.settings.endpoint_url,
                config=client_config(self.settings),
                aws_access_key_id=access_key,
                aws_secret_access_key=secret_key,
                aws_session_token=session_token,
            )
        self._count_attempts(client)
        return client

    def info(self) -> ConnectionInfo:
        endpoint = self.client("cognito-idp").meta.endpoint_url
        return ConnectionInfo(
            profile=self.profile,
            region=self.region,
            endpoint_url=endpoint,
            sandbox=self.settings.sandbox,
            read_only=self.settings.read_only,
        )
