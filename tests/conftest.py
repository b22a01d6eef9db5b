"""Shared fixtures: one seeded sandbox for the whole test session."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from cogtui.sandbox import SandboxError, SandboxInfo, SandboxServer, start_sandbox
from cogtui.sandbox.clock import pin_dates

# Users in the session sandbox's demo-large pool: several pages at any page size, seeded in milliseconds.
SANDBOX_LARGE_USERS = 500
# A fixed port and pinned dates make every screen of the test sandbox reproducible for snapshot tests.
SANDBOX_PORT = int(os.environ.get("COGTUI_TEST_SANDBOX_PORT", "48213"))


@pytest.fixture(scope="session")
def sandbox() -> Iterator[tuple[SandboxServer, SandboxInfo]]:
    """A running, seeded sandbox (server, info), shared by every test and stopped at the end."""
    try:
        server, info = start_sandbox(port=SANDBOX_PORT, large_users=SANDBOX_LARGE_USERS)
    except SandboxError:  # the fixed port is taken: snapshots that show the endpoint will differ
        server, info = start_sandbox(large_users=SANDBOX_LARGE_USERS)
    pin_dates(info.region)
    try:
        yield server, info
    finally:
        server.stop()
