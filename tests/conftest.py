"""Shared fixtures: one seeded sandbox for the whole test session."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator

import pytest
from hypothesis import settings as hypothesis_settings

from cogtui.sandbox import SandboxError, SandboxInfo, SandboxServer, start_sandbox
from cogtui.sandbox.clock import pin_dates

# pytest keeps each test module's rewritten bytecode beside it, as Python keeps a module's; a machine that
# sets PYTHONDONTWRITEBYTECODE would otherwise rewrite and compile every test module again in every test
# process and every run.
sys.dont_write_bytecode = False

# Users in the session sandbox's demo-large pool: several pages at any page size, seeded in milliseconds.
SANDBOX_LARGE_USERS = 500
# A fixed port and pinned dates make every screen of the test sandbox reproducible for snapshot tests.
DEFAULT_SANDBOX_PORT = 48213
SANDBOX_PORT = int(os.environ.get("COGTUI_TEST_SANDBOX_PORT", str(DEFAULT_SANDBOX_PORT)))

# Property tests: the same examples on every CI run (derandomized, no example database), so a failure
# is reproducible and never depends on luck; local runs keep exploring at random. Every counter-example
# found is kept as an @example on its test. HYPOTHESIS_PROFILE picks a profile by name.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("dev")
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


def _textual_css_parsed_once_per_process() -> None:
    """Every app parses the same CSS again (its own, each widget's DEFAULT_CSS, each screen's), in a cache
    of its own stylesheet: about 0.06 s of CPU per app, and the tests start hundreds of apps. One cache per
    test process, keyed by everything a parse reads (the text, where it came from, its flags, and the
    theme's variables), gives each app the rules its own parse would give; rules are only ever read."""
    from textual.css.stylesheet import Stylesheet

    parsed: dict[tuple[object, ...], list] = {}
    parse_rules = Stylesheet._parse_rules

    def parse_rules_once(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(sorted(self._variables.items())))
        rules = parsed.get(key)
        if rules is None:
            rules = parsed[key] = parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        return rules

    Stylesheet._parse_rules = parse_rules_once


_textual_css_parsed_once_per_process()


# The daily loop is `pytest -m "not slow"`; CI runs everything. Slow: whatever starts processes (the command
# line run as a user runs it, the benchmark, Chromium), renders whole screens to compare (snapshots), draws
# thousands of property examples, or streams thousands of users. A path, a module or a test's node id.
SLOW = (
    "tests/browser/",
    "tests/snapshots/",
    "tests/faults/",  # endpoints frozen, refused and restarted on purpose, hypothesis-typed input on every screen
    "tests/test_bench_smoke.py",
    "tests/test_secrets_audit.py",  # a whole session driven and screenshotted, then its log searched
    "tests/contract/test_identity_cli.py",
    "tests/contract/test_identity_save.py",
    "tests/contract/test_oauth_login_cli.py",
    "tests/contract/test_revoke_cli.py",
    "tests/contract/test_sandbox_seed.py",
    "tests/contract/test_signin_bench.py",
    "tests/contract/test_signin_cli.py",
    "tests/contract/test_signin_cli_edges.py",
    "tests/contract/test_signin_cli_inputs.py",
    "tests/contract/test_signin_doctor_cli.py",
    "tests/ui/test_oauth_login.py",  # a scripted browser through managed login
    "tests/ui/test_signin_screen.py",  # every challenge typed through the form
    "tests/ui/test_users.py",  # 2,500 users streamed
    "tests/ui/test_users_sort_search.py",
    # The heaviest Pilot modules (whole exchanges, sign-ins and admin flows across screens, about 3/4 of the
    # UI tests' time); the daily loop keeps the lighter screens' tests.
    "tests/ui/test_identity_screen.py",
    "tests/ui/test_tokens_screen.py",
    "tests/ui/test_pool_detail.py",
    "tests/ui/test_client_detail.py",
    "tests/ui/test_user_admin_more.py",
    "tests/ui/test_user_detail.py",
    "tests/ui/test_connection_switch.py",
    "tests/ui/test_identity_pools.py",
    "tests/ui/test_identity_focus.py",
    "tests/ui/test_doctor_fixes.py",
    "tests/ui/test_raw_json.py",
    "tests/ui/test_palette_catalogue.py",
    "tests/ui/test_palette_user_search.py",
    "tests/ui/test_pool_exports.py",
    "tests/ui/test_compare.py",
    "tests/ui/test_oauth_after_login.py",
    "tests/ui/test_signin_doctor.py",
    "tests/ui/test_signin_prediction.py",
    "tests/ui/test_signin_token_jobs.py",
    "tests/ui/test_users_throttling.py",
    "tests/ui/test_users_export.py",
    "tests/ui/test_identity_pool_findings.py",
    "tests/ui/test_shell.py::test_token_check_rows_look_the_same_after_visiting_identity",
    "tests/contract/test_retry_events.py::test_a_listing_stopped_by_throttling_resumes_where_it_stopped",
    "tests/unit/tokens/test_token_properties.py",  # thousands of forged and mutated tokens
    "tests/unit/test_user_rows.py::test_memory_per_row_stays_within_budget",
    "tests/unit/identity/test_identity_logins.py::test_property_",
)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: two test processes a core. A Pilot test spends about a third of its time waiting (on
    the app's timers, the sandbox's threads, a subprocess), so one process a core leaves them idle that
    long; a second one fills the gaps (on 2 cores: 343 s with 2 processes, 273 s with 4)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 2 * cores


def pytest_collection_finish(session: pytest.Session) -> None:
    """Collection imported every module a test process will use: hundreds of thousands of objects that
    live until it ends. Python's full collections scan all of them each time, over 60 times in 40 UI
    tests (7 s of their 50 s of CPU). A test process is set as the app sets itself when it starts
    (``cogtui.collector``): what exists is frozen out of every scan, and the young generation is
    collected every 5,000 objects instead of 700. Unlike the app, it collects first: collection leaves
    garbage behind. Garbage is still collected (a test process peaks at about 0.6 GB instead of 0.3 GB)."""
    from cogtui.collector import tune_for_a_long_session

    gc.collect()
    tune_for_a_long_session()


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """A test process ends holding the garbage of the apps its last tests ran (each app freezes the heap
    while it runs and unfreezes it at exit: ``cogtui.app``). After the last test, pytest collects the
    whole heap five times to catch exceptions raised in finalizers; freeing that garbage took 44 s of
    CPU over the four processes of a run, just before they exit and the system frees it anyway. In a
    process started by pytest-xdist the heap is frozen first, so those collections scan nothing. What
    they could find is only ever printed as a warning, never a failure; exceptions raised during a
    test are still caught and reported at that test, and a run without xdist keeps the final search."""
    if hasattr(session.config, "workerinput"):
        gc.freeze()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    slow = pytest.mark.slow
    for item in items:
        if item.nodeid.startswith(SLOW):
            item.add_marker(slow)


@pytest.fixture(autouse=True)
def secrets_forgotten_after_each_test():
    """The registry of secrets seen (``cogtui.secrets``) lives as long as the process; each test starts
    without the values earlier tests sent, so what a test scrubs never depends on which ran before."""
    yield
    from cogtui.secrets import forget_all

    forget_all()


@pytest.fixture(scope="session")
def sandbox() -> Iterator[tuple[SandboxServer, SandboxInfo]]:
    """A running, seeded sandbox (server, info), shared by every test and stopped at the end."""
    try:
        server, info = start_sandbox(port=SANDBOX_PORT, large_users=SANDBOX_LARGE_USERS)
    except SandboxError:  # the fixed port is taken (another worker or run): snapshots normalise the port
        server, info = start_sandbox(large_users=SANDBOX_LARGE_USERS)
    pin_dates(info.region)
    try:
        yield server, info
    finally:
        server.stop()


@pytest.fixture
def make_sandbox_app(sandbox):
    """Build apps on the shared sandbox; every runtime made here is closed after the test."""
    from cogtui.app import make_app  # Textual only for the tests that build an app
    from cogtui.runtime import Runtime
    from cogtui.settings import Settings

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


@pytest.fixture(autouse=True)
def sandbox_kept_as_seeded(request):
    """After a test that used the shared sandbox: app clients and identity pools it added are removed."""
    yield
    if "sandbox" in request.fixturenames:
        from tests.sandbox_hygiene import remove_extra_clients_and_identity_pools

        _, info = request.getfixturevalue("sandbox")
        remove_extra_clients_and_identity_pools(info)
