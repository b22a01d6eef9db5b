"""Faults on the sign-in debugger's main operation: a sign-in step."""

from __future__ import annotations

import asyncio

from cogtui.auth.context import discover_context
from cogtui.auth.flows import SignInRequest
from cogtui.auth.signin_session import SignInSession
from cogtui.runtime import Runtime
from cogtui.settings import Settings
from tests.faults.faults import FAULTS, run_faults
from tests.faults.screens import SIGNIN

TALLY_AS = "signin"  # the row of the faults-injected summary for tests without a screen


async def test_every_fault(make_fault_app, chaos, sandbox):
    _, info = sandbox
    await run_faults(SIGNIN, FAULTS, make_fault_app(), chaos, info)


def test_a_frozen_endpoint_fails_the_sign_in_after_reads_that_ran_together(chaos, sandbox):
    """What the sign-in screen's worker does against a frozen endpoint (0.2 s read timeout): the context
    reads wait out their timeouts side by side, not one after the other (which once took 40 s)."""
    _, info = sandbox
    pool = info.pool("demo-app")
    settings = Settings(
        endpoint_url=chaos.url, region="us-east-1", sandbox=True, read_timeout=0.2, max_attempts=2
    )
    runtime = Runtime(settings, sandbox_info=info)
    request = SignInRequest(
        pool.id, pool.client("legacy-password").id, username="alice", password="x", flow="password"
    )

    async def sign_in() -> None:
        chaos.freeze()
        context = await discover_context(
            runtime.gateway, request.pool_id, request.client_id, request.username
        )
        step = await SignInSession(runtime.gateway, request, context=context).start()
        assert step.error is not None and step.error.code == "ReadTimeout"

    try:
        asyncio.run(sign_in())
    finally:
        runtime.close()
    entries = runtime.gateway.trace.entries
    reads = [x for x in entries if x.operation != "InitiateAuth"]
    assert len(reads) >= 2 and all(x.error_code == "ReadTimeout" for x in entries)
    last_start = max(x.started_at for x in reads)
    first_end = min(x.started_at + x.duration_ms / 1000 for x in reads)
    assert last_start < first_end  # every read had begun before the first one gave up
