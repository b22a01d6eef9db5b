"""Fixtures for contract tests: a gateway wired to the session's sandbox over HTTP."""

import socket

import pytest

from cogtui.aws.cognito_gateway import CognitoGateway
from cogtui.aws.connection import Connection
from cogtui.sandbox.server import SANDBOX_CREDENTIALS
from cogtui.settings import Settings


def unused_port() -> int:
    """A loopback port nothing listens on (connections to it are refused)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sandbox_settings(endpoint_url: str, **overrides) -> Settings:
    base = {
        "endpoint_url": endpoint_url,
        "region": "us-east-1",
        "sandbox": True,
        "read_timeout": 3.0,
        "max_attempts": 2,
    }
    base.update(overrides)
    return Settings(**base)


def make_gateway(endpoint_url: str, *, credentials=SANDBOX_CREDENTIALS, **overrides) -> CognitoGateway:
    settings = sandbox_settings(endpoint_url, **overrides)
    return CognitoGateway(
        lambda: Connection(settings, sandbox_credentials=credentials), read_only=settings.read_only
    )


@pytest.fixture
def gateway(sandbox):
    _, info = sandbox
    gw = make_gateway(info.endpoint_url)
    yield gw
    gw.close()
