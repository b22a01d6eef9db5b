"""The local Cognito sandbox: an in-process emulator seeded with demo pools, clients and users.

``start_sandbox()`` gives a running, seeded server for the app and the tests;
``run_sandbox_foreground()`` backs the ``cogtui sandbox`` command. No Textual here, and moto is
only imported when a server starts.
"""

from __future__ import annotations

from cogtui.sandbox.foreground import run_sandbox_foreground
from cogtui.sandbox.info import ClientInfo, IdentityPoolInfo, PoolInfo, SandboxInfo, SeededUser
from cogtui.sandbox.seed_data import DEMO_PASSWORD, TEMPORARY_PASSWORD
from cogtui.sandbox.server import SANDBOX_CREDENTIALS, SandboxError, SandboxServer

__all__ = [
    "DEMO_PASSWORD",
    "SANDBOX_CREDENTIALS",
    "TEMPORARY_PASSWORD",
    "ClientInfo",
    "IdentityPoolInfo",
    "PoolInfo",
    "SandboxError",
    "SandboxInfo",
    "SandboxServer",
    "SeededUser",
    "run_sandbox_foreground",
    "start_sandbox",
]


def start_sandbox(
    port: int = 0, large_users: int = 0, latency_ms: float = 0, region: str = "us-east-1"
) -> tuple[SandboxServer, SandboxInfo]:
    """Start the emulator on 127.0.0.1:``port`` (0 = any free port), seed it, then apply ``latency_ms``.

    The seed runs at full speed; the latency applies to every request made afterwards.
    The caller owns the server and must ``stop()`` it.
    """
    from cogtui.sandbox.seed import seed

    server = SandboxServer(port=port).start()
    try:
        info = seed(server.endpoint_url, region=region, large_users=large_users)
    except BaseException:
        server.stop()
        raise
    server.latency_ms = latency_ms
    return server, info
