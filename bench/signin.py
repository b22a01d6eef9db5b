"""SRP sign-in wall time: cogtui's engine against bare pycognito, same endpoint, same run.

``bench_srp`` signs the same user in ``n`` times each way, interleaved so both see the same
conditions, after one warm-up each (client creation and imports are not measured). The engine
path includes everything a screen gets: the gateway's thread hop, the trace, redaction and the
token summaries. ``python bench/signin.py`` runs it against a fresh local sandbox.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any


def _stats(samples: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(samples), 2),
        "min": round(min(samples), 2),
        "max": round(max(samples), 2),
    }


async def bench_srp_async(
    endpoint_url: str | None,
    pool_id: str,
    client_id: str,
    username: str,
    password: str,
    n: int = 10,
    *,
    client_secret: str | None = None,
    region: str = "us-east-1",
    settings: Any = None,
) -> dict[str, Any]:
    """Median/min/max milliseconds per SRP sign-in for the engine and for pycognito's authenticate_user."""
    from pycognito.aws_srp import AWSSRP

    from cogtui.auth.flows import SignInRequest
    from cogtui.auth.signin_session import SIGNED_IN, SignInSession
    from cogtui.runtime import Runtime
    from cogtui.settings import Settings

    settings = settings or Settings(endpoint_url=endpoint_url, region=region, sandbox=True)
    runtime = Runtime(settings)
    try:
        gateway = runtime.gateway
        client = (await gateway.connection()).client("cognito-idp", unsigned=True)
        request = SignInRequest(pool_id, client_id, client_secret, username, password, flow="srp")

        async def engine_once() -> None:
            session = SignInSession(gateway, request)
            await session.start()
            if session.state != SIGNED_IN:
                raise RuntimeError(f"engine sign-in did not complete: {session.steps[-1].explanation}")

        def pycognito_once() -> None:
            srp = AWSSRP(username, password, pool_id, client_id, client=client, client_secret=client_secret)
            if "AuthenticationResult" not in srp.authenticate_user():
                raise RuntimeError("pycognito sign-in did not complete")

        await engine_once()
        pycognito_once()
        engine_ms: list[float] = []
        pycognito_ms: list[float] = []
        for _ in range(n):
            t0 = time.perf_counter()
            await engine_once()
            engine_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            pycognito_once()
            pycognito_ms.append((time.perf_counter() - t0) * 1000)
    finally:
        runtime.close()
    engine, bare = _stats(engine_ms), _stats(pycognito_ms)
    return {
        "n": n,
        "engine_ms": engine,
        "pycognito_ms": bare,
        "overhead_ms": round(engine["median"] - bare["median"], 2),
        "ratio": round(engine["median"] / bare["median"], 2) if bare["median"] else None,
    }


def bench_srp(
    endpoint_url: str | None,
    pool_id: str,
    client_id: str,
    username: str,
    password: str,
    n: int = 10,
    **options: Any,
) -> dict[str, Any]:
    """``bench_srp_async`` for callers without an event loop."""
    return asyncio.run(bench_srp_async(endpoint_url, pool_id, client_id, username, password, n, **options))


def main(n: int = 10) -> dict[str, Any]:  # pragma: no cover - a measurement, not a test
    """Measure against a fresh local sandbox (alice on demo-app's public web-spa client) and print the result."""
    import json

    from cogtui.sandbox import DEMO_PASSWORD, start_sandbox

    server, info = start_sandbox()
    try:
        pool = info.pool("demo-app")
        result = bench_srp(info.endpoint_url, pool.id, pool.client("web-spa").id, "alice", DEMO_PASSWORD, n)
    finally:
        server.stop()
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":  # pragma: no cover
    main()
