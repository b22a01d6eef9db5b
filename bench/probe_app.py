"""Probes the benchmark runs in their own process: the real app, headless, on a given endpoint.

``startup``  prints ``POOLS <epoch seconds>`` as soon as the pools table holds ``--expect`` rows.
``users``    opens the users of ``--pool-id`` and prints one JSON line: first row, all rows and peak RSS
             while listing; then, on the loaded rows, the p95 time to sort by each column both ways and
             to search for a few texts (each from scratch), and the peak RSS after them;
             with ``--keys``, instead, the p95 latency of Down keys pressed while the rows stream in
             (a separate run, so the keys' own redraws do not count towards the listing time).
``slowcall`` refreshes the pools on a slowed endpoint and prints the p95 latency of keys pressed while
             that call is in flight.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import sys
import time

os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")


def _app(endpoint: str):
    """The app as ``cogtui`` starts it: built, then the collector tuned (``cogtui.collector``)."""
    from cogtui.app import make_app
    from cogtui.collector import tune_for_a_long_session
    from cogtui.settings import Settings

    app = make_app(Settings(endpoint_url=endpoint, region="us-east-1"))
    tune_for_a_long_session()
    return app


def startup(endpoint: str, expect: int) -> int:
    """The same order as ``cogtui`` itself: runtime, warm-up, then Textual.

    The time printed is the first screen refresh after the pools table holds ``expect`` rows: when a
    user would see them.
    """
    from cogtui.cli.main import STARTUP_SETTLE_S
    from cogtui.runtime import Runtime
    from cogtui.settings import Settings

    settings = Settings(endpoint_url=endpoint, region="us-east-1")
    runtime = Runtime(settings)
    runtime.warm_up(settle_s=STARTUP_SETTLE_S, list_pools=True)
    from cogtui.app import make_app
    from cogtui.collector import tune_for_a_long_session
    from cogtui.screens.pools import PoolsScreen

    app = make_app(settings, runtime)
    tune_for_a_long_session()
    render_rows = PoolsScreen.render_rows
    shown = False

    def painted() -> None:
        print(f"POOLS {time.time():.6f}", flush=True)
        app.exit()

    def watched(screen: PoolsScreen) -> None:
        nonlocal shown
        render_rows(screen)
        if not shown and screen.query_one("#pools-table").row_count >= expect:
            shown = True
            screen.call_after_refresh(painted)

    PoolsScreen.render_rows = watched  # type: ignore[method-assign]
    app.run(headless=True, size=(120, 36))
    app.runtime.close()
    return 0


SEARCHES = ("ada", "lovelace1", "example.org", "+1555000", "user0004", "unconfirmed", "no such user")


ROUNDS = 3  # each sort and each search is timed this many times (from scratch each time)


def sort_and_search(screen) -> dict:
    """Sort by each column both ways, then search for each of ``SEARCHES`` from an empty box, ``ROUNDS``
    times over: the time from the request to the table holding the new order (the order computed and
    handed over)."""
    sorts, searches = [], []
    for _ in range(ROUNDS):
        for column in range(6):
            for descending in (False, True):
                t0 = time.perf_counter()
                screen.sort_by(column, descending)
                sorts.append((time.perf_counter() - t0) * 1000)
        screen.sort_by(None)
        for text in SEARCHES:
            screen.search("")
            t0 = time.perf_counter()
            screen.search(text)
            searches.append((time.perf_counter() - t0) * 1000)
        screen.search("")
    return {
        "users_sort_p95_ms": p95(sorts),
        "users_search_p95_ms": p95(searches),
        "users_sort_max_ms": max(sorts),
        "users_search_max_ms": max(searches),
        "sort_ms": [round(v, 1) for v in sorts],
        "search_ms": [round(v, 1) for v in searches],
    }


def p95(values: list[float]) -> float:
    """The 95th percentile, interpolated between the values measured (never above the largest: with few
    values, the default "exclusive" method extrapolates past the maximum)."""
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=20, method="inclusive")[18]


class KeyTimer:
    """Posts a key and records how long until the bound action ran (wrapping the action on the widget)."""

    def __init__(self, widget, action: str) -> None:
        self.sent = 0.0
        self.latencies: list[float] = []
        original = getattr(widget, action)

        def timed(*args, **kwargs):
            self.latencies.append((time.perf_counter() - self.sent) * 1000)
            return original(*args, **kwargs)

        setattr(widget, action, timed)

    async def press(self, app, key: str) -> None:
        from textual import events

        self.sent = time.perf_counter()
        before = len(self.latencies)
        app.post_message(events.Key(key, None))
        for _ in range(2000):
            if len(self.latencies) > before:
                return
            await asyncio.sleep(0.001)


async def users(endpoint: str, pool_id: str, expect: int, keys: bool) -> dict:
    from cogtui.screens.users import UsersScreen

    app = _app(endpoint)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.2)
        t0 = time.perf_counter()
        screen = UsersScreen(pool_id, "demo-large")
        await app.push_screen(screen)
        table = screen.table
        first = None
        timer = KeyTimer(table, "action_cursor_down")
        while screen.finished_at is None:
            if first is None and table.row_count > 0:
                first = time.perf_counter() - t0
            if keys and first is not None and len(timer.latencies) < 200:
                await timer.press(app, "down")
            await asyncio.sleep(0.02)
        total = time.perf_counter() - t0
        rows = table.row_count
        if first is None and rows:
            first = total  # a small pool listed between two polls: its first row came by the end
        if keys and not timer.latencies:
            for _ in range(20):  # too few rows to press keys while they stream (--quick): after, then
                await timer.press(app, "down")
        listing_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        measured = {} if keys else sort_and_search(screen)
    app.runtime.close()
    if keys:
        return {"key_latency_p95_ms_streaming": p95(timer.latencies), "keys": len(timer.latencies)}
    return {
        "users_first_row_s": first,
        "users_all_rows_s": total,
        "rows": rows,
        "users_peak_rss_mb": listing_rss,
        **measured,
        "users_peak_rss_mb_after_sort": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


async def slowcall(endpoint: str) -> dict:
    app = _app(endpoint)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        for _ in range(400):
            await pilot.pause(0.05)
            if not any(w.is_running for w in app.workers):
                break
        table = screen.query_one("#pools-table")
        table.focus()
        timer = KeyTimer(table, "action_cursor_down")
        screen.load_pools()  # one call on the slow endpoint, in flight while keys are pressed
        await asyncio.sleep(0.05)
        for _ in range(30):
            await timer.press(app, "down")
            await asyncio.sleep(0.02)
        in_flight = any(w.is_running for w in app.workers)
    app.runtime.close()
    return {
        "key_latency_p95_ms_slow_call": p95(timer.latencies),
        "keys": len(timer.latencies),
        "in_flight": in_flight,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("probe", choices=["startup", "users", "slowcall"])
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--expect", type=int, default=1)
    parser.add_argument("--pool-id")
    parser.add_argument(
        "--keys", action="store_true", help="users: press keys while streaming, report their latency"
    )
    args = parser.parse_args()
    if args.probe == "startup":
        return startup(args.endpoint, args.expect)
    if args.probe == "users":
        print(json.dumps(asyncio.run(users(args.endpoint, args.pool_id, args.expect, args.keys))), flush=True)
        return 0
    print(json.dumps(asyncio.run(slowcall(args.endpoint))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
