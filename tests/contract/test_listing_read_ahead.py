"""Listings over HTTP: the page thread reads ahead of the caller (bounded), stops with it, and a head
start made before the first screen is the listing's first page."""

from __future__ import annotations

import asyncio
import socket

import pytest

from cogtui.aws import errors as e
from cogtui.aws import gateway as gateway_module
from cogtui.runtime import Runtime
from cogtui.sandbox.seed import sandbox_clients
from tests.contract.conftest import make_gateway, sandbox_settings, unused_port


async def count_requests(gateway, operation: str) -> list[str]:
    """Every HTTP request the gateway's cognito-idp client sends for ``operation`` (botocore's events)."""
    sent: list[str] = []
    conn = await gateway.connection()
    conn.client("cognito-idp").meta.events.register(
        f"before-send.cognito-idp.{operation}", lambda **_: sent.append(operation)
    )
    return sent


async def test_all_pages_arrive_once_and_in_the_paginator_order(gateway, sandbox):
    _, info = sandbox
    pool = info.pool("demo-large")
    ours = [u.username async for page in gateway.iter_users(pool.id, page_size=7) for u in page]
    idp, _ = sandbox_clients(info.endpoint_url, info.region)
    pages = idp.get_paginator("list_users").paginate(UserPoolId=pool.id, PaginationConfig={"PageSize": 7})
    assert ours == [u["Username"] for page in pages for u in page["Users"]]
    assert len(ours) == len(set(ours)) >= 500


async def test_the_listing_reads_ahead_of_a_slow_caller_but_no_further_than_allowed(gateway, sandbox):
    _, info = sandbox
    sent = await count_requests(gateway, "ListUsers")
    pages = gateway.iter_users(info.pool("demo-large").id, page_size=5)
    first = await anext(pages)
    assert len(first) == 5
    for _ in range(100):  # the caller dawdles over its first page
        if len(sent) > gateway_module.PAGES_AHEAD:
            break
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.2)
    assert len(sent) == 1 + gateway_module.PAGES_AHEAD  # the page in hand, and the lead
    await pages.aclose()
    await asyncio.sleep(0.3)
    assert len(sent) == 1 + gateway_module.PAGES_AHEAD  # closing the listing stopped its thread
    listed = [u async for page in gateway.iter_users(info.pool("demo-large").id, page_size=60) for u in page]
    assert len(listed) >= 500  # and the gateway lists on as before


async def test_a_head_start_is_the_first_page_of_the_next_listing(gateway, sandbox):
    sent = await count_requests(gateway, "ListUserPools")
    first = gateway.head_start_user_pools(page_size=2)
    first.result(timeout=10)
    assert len(sent) == 1
    pages = [page async for page in gateway.iter_user_pools(page_size=2)]
    assert len(sent) == len(pages) >= 2  # the head start was not asked again
    entries = [x for x in gateway.trace.entries if x.operation == "ListUserPools"]
    assert len(entries) == len(pages)  # traced once each, the head start included


async def test_a_stale_head_start_is_dropped(gateway, sandbox, monkeypatch):
    sent = await count_requests(gateway, "ListUserPools")
    gateway.head_start_user_pools(page_size=60).result(timeout=10)
    monkeypatch.setattr(gateway_module, "HEAD_START_MAX_AGE_S", -1.0)
    pools = [p async for page in gateway.iter_user_pools(page_size=60) for p in page]
    assert pools and len(sent) == 2  # listed afresh


async def test_a_head_start_that_failed_fails_the_listing_with_a_typed_error():
    gw = make_gateway(f"http://127.0.0.1:{unused_port()}")
    try:
        gw.head_start_user_pools()
        with pytest.raises(e.EndpointError):
            async for _ in gw.iter_user_pools():
                pass
    finally:
        gw.close()


def test_warm_up_does_not_wait_for_a_first_page_that_does_not_come():
    """A frozen endpoint: startup goes on to draw the first frame while the head start waits."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    port = server.getsockname()[1]
    runtime = Runtime(sandbox_settings(f"http://127.0.0.1:{port}", read_timeout=2.0, max_attempts=1))
    try:
        runtime.warm_up(settle_s=0.35, list_pools=True)
        (head,) = runtime.gateway._head_starts.values()
        assert not head.first.done()  # warm_up returned before the endpoint could have answered
    finally:
        runtime.close()
        server.close()


async def test_warm_up_on_a_live_endpoint_leaves_the_first_page_ready(sandbox):
    _, info = sandbox
    runtime = Runtime(sandbox_settings(info.endpoint_url))
    try:
        runtime.warm_up(settle_s=5.0, list_pools=True)
        (head,) = runtime.gateway._head_starts.values()
        head.first.result(timeout=10)  # a slow machine may take longer than warm_up's short wait
        sent = await count_requests(runtime.gateway, "ListUserPools")
        names = {p.name async for page in runtime.gateway.iter_user_pools() for p in page}
        assert "demo-app" in names and sent == []  # the pools came from the head start
    finally:
        runtime.close()
