"""Fault-suite fixtures: the chaos proxy in front of the session sandbox, apps wired to it, and a tally.

Apps built here use short timeouts (0.5 s) and two attempts, so a frozen endpoint costs about a
second, and a named AWS profile (``oncall``) so the "renew your credentials" hint can name it. The
faults each proxy injected are added up per screen and printed at the end of the run.
"""

from __future__ import annotations

import collections

import pytest

from cogtui.app import make_app
from cogtui.runtime import Runtime
from cogtui.settings import Settings
from tests.faults.chaos import ChaosProxy

READ_TIMEOUT = 0.5
MAX_ATTEMPTS = 2
PROFILE = "oncall"
# (screen, fault kind) -> faults injected (requests answered with a fault, or outages for "refused").
FAULTS_INJECTED: collections.Counter[tuple[str, str]] = collections.Counter()
# what -> bad inputs tried (hypothesis examples and typed strings)
BAD_INPUTS: collections.Counter[str] = collections.Counter()
CREDENTIAL_VARS = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE")


def _screen_of(request: pytest.FixtureRequest) -> str:
    """The tally's row: the test's ``screen`` parameter, else its module's ``TALLY_AS``."""
    params = getattr(request.node, "callspec", None)
    screen = params.params.get("screen") if params else None
    return getattr(screen, "name", None) or getattr(request.module, "TALLY_AS", request.module.__name__)


@pytest.fixture
def chaos(sandbox, request):
    """A ChaosProxy forwarding to the session sandbox; its injected faults are tallied afterwards."""
    _, info = sandbox
    with ChaosProxy(info.endpoint_url, max_requests=400, max_hold_s=8.0) as proxy:
        yield proxy
    screen = _screen_of(request)
    for kind, count in proxy.injected.items():
        FAULTS_INJECTED[(screen, kind)] += count


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch):
    """botocore still retries (and the tests count the attempts), but waits a tenth of its backoff."""
    from botocore.retries import standard

    delay = standard.ExponentialBackoff.delay_amount
    monkeypatch.setattr(standard.ExponentialBackoff, "delay_amount", lambda self, ctx: delay(self, ctx) / 10)


@pytest.fixture
def aws_files(monkeypatch, tmp_path):
    """An AWS config with the profile ``oncall`` and no credentials anywhere in the environment."""
    config = tmp_path / "config"
    config.write_text(f"[profile {PROFILE}]\nregion = us-east-1\n", encoding="utf-8")
    for var in CREDENTIAL_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    return config


@pytest.fixture
def make_fault_app(sandbox, chaos, aws_files):
    """Build apps that reach the sandbox through the proxy. ``credentials=False`` builds one that has
    no AWS credentials at all (not the sandbox's); every runtime is closed after the test."""
    _, info = sandbox
    runtimes: list[Runtime] = []

    def factory(*, credentials: bool = True, **overrides):
        settings = Settings(
            endpoint_url=chaos.url,
            region="us-east-1",
            sandbox=credentials,
            profile=PROFILE if credentials else None,
            read_timeout=READ_TIMEOUT,
            connect_timeout=READ_TIMEOUT,
            max_attempts=MAX_ATTEMPTS,
            **overrides,
        )
        runtime = Runtime(settings, sandbox_info=info)
        runtimes.append(runtime)
        return make_app(settings, runtime)

    yield factory
    for runtime in runtimes:
        runtime.close()


@pytest.fixture
def make_direct_app(sandbox):
    """Apps on the sandbox itself, without the proxy (for tests that inject no fault)."""
    _, info = sandbox
    runtimes: list[Runtime] = []

    def factory(**overrides):
        settings = Settings(
            endpoint_url=info.endpoint_url,
            region="us-east-1",
            sandbox=True,
            read_timeout=READ_TIMEOUT,
            max_attempts=MAX_ATTEMPTS,
            **overrides,
        )
        runtime = Runtime(settings, sandbox_info=info)
        runtimes.append(runtime)
        return make_app(settings, runtime)

    yield factory
    for runtime in runtimes:
        runtime.close()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if BAD_INPUTS:
        terminalreporter.section("bad inputs tried")
        for what, count in sorted(BAD_INPUTS.items()):
            terminalreporter.write_line(f"{what:<40} {count:>5}")
        terminalreporter.write_line(f"{'total':<40} {sum(BAD_INPUTS.values()):>5}")
    if not FAULTS_INJECTED:
        return
    terminalreporter.section("faults injected")
    by_screen: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for (screen, kind), count in sorted(FAULTS_INJECTED.items()):
        by_screen[screen][kind] += count
    for screen, kinds in by_screen.items():
        detail = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
        terminalreporter.write_line(f"{screen:<14} {sum(kinds.values()):>4}  ({detail})")
    terminalreporter.write_line(f"{'total':<14} {sum(FAULTS_INJECTED.values()):>4}")
