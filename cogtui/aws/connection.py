"""One botocore Session per connection; clients for cognito-idp, cognito-identity and sts built once each.

botocore's own Session, not boto3's: boto3's adds a resource layer cogtui never uses and costs about
20 ms more at startup. Clients, paginators, credentials and configuration are botocore's either way.
Timestamps are parsed straight to UTC (see ``parse_timestamp_utc``).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import botocore.exceptions
import botocore.session
import botocore.utils
from botocore import UNSIGNED
from botocore.client import BaseClient
from botocore.config import Config
from botocore.model import ServiceModel

from cogtui.aws.error_mapping import DeadlineReached, is_unsupported
from cogtui.aws.errors import ConfigurationError
from cogtui.aws.model_data import share_model_data
from cogtui.aws.retry_events import RetryEvents, RetryNotice, watch_retries
from cogtui.aws.where import where_label
from cogtui.settings import Settings

SERVICES = ("cognito-idp", "cognito-identity", "sts")


def parse_timestamp_utc(value: Any) -> datetime:
    """A response timestamp as an aware UTC datetime.

    Cognito's JSON gives epoch seconds, which botocore's default parser turns into a local-zone datetime
    with a fresh ``tzlocal`` each time: about 7 µs against 0.2 µs, twice per user, on the thread that
    fetches the next page. Anything but a number is left to botocore's own parser.
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            pass  # out of datetime's range: botocore's parser says so in its own words
    return botocore.utils.parse_timestamp(value)


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
        return where_label(self.profile, self.region, self.endpoint_url, self.sandbox)


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


def _no_retry_when_unsupported(client: BaseClient) -> None:
    """botocore retries every HTTP 500; an endpoint that said it does not implement the operation (an
    emulator's ``Unsupported``) would only say so again, so that answer ends the call at once."""
    service = client.meta.service_model.service_id.hyphenize()
    client.meta.events.register_first(f"needs-retry.{service}", _refuse_retry_of_unsupported)


def _refuse_retry_of_unsupported(response: Any = None, operation: Any = None, **_: Any) -> None:
    if not response:
        return
    http, parsed = response
    error = parsed.get("Error") or {} if isinstance(parsed, dict) else {}
    if error and is_unsupported(
        str(error.get("Code") or ""), str(error.get("Message") or ""), http.status_code
    ):
        # Raised here, before botocore's own retry handler runs: the same error the call would end with.
        raise botocore.exceptions.ClientError(parsed, operation.name)


class Connection:
    """A botocore Session and the clients built from it, created under a lock (sessions are not thread-safe)."""

    def __init__(self, settings: Settings, sandbox_credentials: tuple[str, str] | None = None) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._clients: dict[tuple[str, bool], BaseClient] = {}
        self._models: dict[str, ServiceModel] = {}
        self._attempts = threading.local()
        self._deadline: tuple[float, float] | None = None  # (monotonic end, seconds allowed)
        self._retry_events: RetryEvents | None = None
        try:
            self._session = botocore.session.Session(profile=settings.profile or None)
            self._session.get_scoped_config()  # an unknown profile fails here, whatever the region
            share_model_data(self._session)
            if settings.region:
                self._session.set_config_variable("region", settings.region)
            if sandbox_credentials:
                self._session.set_credentials(*sandbox_credentials)
            parsers = self._session.get_component("response_parser_factory")
            parsers.set_parser_defaults(timestamp_parser=parse_timestamp_utc)  # as the AWS CLI sets its own
            region = self._session.get_config_variable("region")
        except botocore.exceptions.ProfileNotFound as exc:
            raise ConfigurationError(
                str(exc), code="ProfileNotFound", hint="Check the name with `aws configure list-profiles`."
            ) from exc
        if not region:
            raise ConfigurationError(
                "No AWS region is configured.",
                code="NoRegion",
                hint="Pass --region, set AWS_REGION, or add a region to your profile.",
            )

    @property
    def region(self) -> str:
        return str(self._session.get_config_variable("region"))

    @property
    def profile(self) -> str | None:
        name = self._session.profile or "default"
        return None if name == "default" and not self.settings.profile else name

    def service_model(self, service: str) -> ServiceModel:
        """botocore's model of ``service``, loaded once (which operations are public, which are reads)."""
        model = self._models.get(service)
        if model is None:
            with self._lock:
                model = self._models.setdefault(service, self._session.get_service_model(service))
        return model

    def client(self, service: str, unsigned: bool = False) -> BaseClient:
        """The client for ``service``, built once; ``unsigned`` for public calls made without credentials."""
        key = (service, unsigned)
        client = self._clients.get(key)
        if client is None:
            with self._lock:
                client = self._clients.get(key)
                if client is None:
                    client = self._session.create_client(
                        service,
                        endpoint_url=self.settings.endpoint_url,
                        config=client_config(self.settings, unsigned),
                    )
                    self._watch(client)
                    self._clients[key] = client
        return client

    # -- attempts: botocore retries inside one call; count them so errors and the trace can say so, and
    # -- tell each retry as it is decided, so a screen can show the wait ---------------------------------

    def _watch(self, client: BaseClient) -> None:
        client.meta.events.register("before-send", self._attempt_sent)
        watch_retries(client, max(1, self.settings.max_attempts), self._retrying)
        _no_retry_when_unsupported(client)

    def report_retries(self, events: RetryEvents) -> None:
        """Publish every retry botocore decides on this connection's clients to ``events``."""
        self._retry_events = events

    def _retrying(self, notice: RetryNotice) -> None:
        if self._retry_events is not None:
            self._retry_events.publish(notice)

    def _attempt_sent(self, **_: Any) -> None:
        if self._deadline is not None and time.monotonic() >= self._deadline[0]:
            raise DeadlineReached(deadline=self._deadline[1])  # no attempt starts past the deadline
        self._attempts.count = getattr(self._attempts, "count", 0) + 1

    def stop_at(self, end: float, seconds: float) -> None:
        """Start no HTTP attempt (retries included) after ``end`` (``time.monotonic()``)."""
        self._deadline = (end, seconds)

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
            client = self._session.create_client(
                service,
                endpoint_url=self.settings.endpoint_url,
                config=client_config(self.settings),
                aws_access_key_id=access_key,
                aws_secret_access_key=secret_key,
                aws_session_token=session_token,
            )
        self._watch(client)
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
