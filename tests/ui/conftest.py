"""UI fixtures: the real app wired to the session's sandbox (no second emulator per test)."""

import pytest

from cogtui.app import make_app
from cogtui.runtime import Runtime
from cogtui.settings import Settings


@pytest.fixture
def make_sandbox_app(sandbox):
    """Build apps on the shared sandbox; every runtime made here is closed after the test."""
    _, info = sandbox
    runtimes = []

    def factory(**overrides):
        settings = Settings(endpoint_url=info.endpoint_url, region="us-east-1", sandbox=True, **overrides)
        runtime = Runtime(settings, sandbox_info=info)
        runtimes.append(runtime)
        return make_app(settings, runtime)

    yield factory
    for runtime in runtimes:
        runtime.gateway.close()
