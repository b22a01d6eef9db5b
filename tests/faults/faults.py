"""The faults the suite injects, and the one scenario every screen goes through for each of them.

Scenario, for each fault in turn once the screen has loaded through the proxy: the fault is switched
on; the main operation is run again with its retry key; while a frozen or slow endpoint holds it up,
a key press is handled (the help opens and closes); when it has finished, a clear message names the
problem and the retry key, what was loaded is still there (screen data and app state), nothing
unexpected reached the app's guard, retries stayed bounded and visible in the trace, and a frozen
request was abandoned after the read timeout. After the last fault the endpoint is healthy again
and the retry key loads everything.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.faults.canned import ACCESS_DENIED, EXPIRED_TOKEN, INTERNAL_ERROR, THROTTLED, UNRECOGNIZED_CLIENT
from tests.faults.conftest import MAX_ATTEMPTS, PROFILE, READ_TIMEOUT
from tests.faults.screens import SIZE, Driver, poke, unexpected_errors, wait_for

SLOW_MS = 100
# How much later than the read timeout a frozen request may be abandoned (scheduling on 2 cores).
HOLD_SLACK_S = 0.75
RENEW = f"aws sso login --profile {PROFILE}"


@dataclass(frozen=True)
class Fault:
    name: str
    inject: Callable[[Any, Driver], None]
    expect: tuple[str, ...] = ()  # regexes the message must match
    fails: bool = True
    credential: bool = False  # a credential or IAM error: unsigned calls are spared
    poke: bool = False  # press a key while the operation is held up (the faults that make it wait)
    per_screen: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.name

    def expected(self, driver: Driver) -> tuple[str, ...]:
        if self.name == "denied" and driver.denied_action:
            return (driver.denied_action,)
        return self.per_screen.get(driver.name, self.expect)


def _ops(driver: Driver) -> set[str] | None:
    return set(driver.fault_ops) if driver.fault_ops else None


def _restart(how: str) -> Callable[[Any, Driver], None]:
    return lambda proxy, driver: proxy.drop_after(driver.restart_after, how, match=driver.restart_ops)


FAULTS = [
    Fault(
        "refused",
        lambda p, d: p.refuse(),
        (r"Could not reach",),
        per_screen={"tokens": (r"JWKS could not be loaded", r"connection refused")},
    ),
    Fault(
        "frozen",
        lambda p, d: p.freeze(match=_ops(d)),
        (r"did not answer within 0\.5 s", rf"{MAX_ATTEMPTS} attempts"),
        poke=True,
        per_screen={"tokens": (r"JWKS could not be loaded", r"no answer within 0\.5 s")},
    ),
    Fault(
        "restart-reset",
        _restart("reset"),
        (r"closed the connection",),
        per_screen={"tokens": (r"JWKS could not be loaded", r"cannot (fetch|reach)")},
    ),
    Fault(
        "restart-500",
        _restart("500"),
        (r"HTTP 500",),
        per_screen={"tokens": (r"JWKS could not be loaded", r"HTTP 500")},
    ),
    Fault(
        "restart-empty",
        _restart("empty"),
        (r"empty answer",),
        per_screen={"tokens": (r"JWKS could not be loaded", r"not valid JSON")},
    ),
    Fault("slow", lambda p, d: p.slow(SLOW_MS, match=_ops(d)), fails=False, poke=True),
    Fault(
        "throttled",
        lambda p, d: p.error(THROTTLED, match=_ops(d)),
        (r"Rate exceeded", rf"{MAX_ATTEMPTS} attempts"),
        per_screen={"tokens": (r"JWKS could not be loaded", r"HTTP 400")},
    ),
    Fault(
        "http500",
        lambda p, d: p.error(INTERNAL_ERROR, match=_ops(d)),
        (r"Internal server error",),
        per_screen={"tokens": (r"JWKS could not be loaded", r"HTTP 500")},
    ),
    Fault(
        "expired",
        lambda p, d: p.error(EXPIRED_TOKEN, signed_only=True),
        (r"expired", re.escape(RENEW)),
        credential=True,
    ),
    Fault(
        "invalid-token",
        lambda p, d: p.error(UNRECOGNIZED_CLIENT, signed_only=True),
        (r"invalid", re.escape(RENEW)),
        credential=True,
    ),
    Fault("denied", lambda p, d: p.error(ACCESS_DENIED, signed_only=True), credential=True),
]


def expected_kept(driver: Driver, fault: Fault, before: Any) -> Any:
    """What must still be shown after the fault: everything loaded before, except a stream cut short
    mid-way, which keeps the pages that arrived before the cut."""
    if driver.name == "users" and fault.name.startswith("restart"):
        return driver.restart_after * 60
    return before


async def run_faults(driver: Driver, faults: list[Fault], app: Any, proxy: Any, info: Any) -> dict[str, str]:
    """Open the screen once, then the scenario of the module docstring for each fault in turn; the
    messages shown, by fault. Every fault is tried; the failures are reported together at the end."""
    shown: dict[str, str] = {}
    failures: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        screen = await driver.open(app, pilot, info)
        loaded = driver.kept(screen)
        for fault in faults:
            try:
                shown[fault.name] = await one_fault(driver, fault, app, pilot, screen, proxy, loaded)
            except AssertionError as exc:
                failures.append(f"{fault}: {exc}")
            proxy.passthrough()
            if failures and failures[-1].startswith(f"{fault}:"):
                try:  # recover before the next fault, or stop here
                    await recover(driver, app, pilot, screen)
                except AssertionError as exc:
                    failures.append(f"recovery after {fault}: {exc}")
                    break
        if not failures:
            await recover(driver, app, pilot, screen)
            assert driver.kept(screen) == loaded, "the retry after the faults did not load the same data"
    assert not failures, "\n".join(failures)
    return shown


async def recover(driver: Driver, app: Any, pilot: Any, screen: Any) -> None:
    """The retry key, with the endpoint healthy again, succeeds."""
    marker = await driver.start(pilot, screen)
    await wait_for(pilot, lambda: driver.done(app, screen, marker), f"{driver} to recover")
    assert not driver.failed(screen), driver.message(screen)
    assert not unexpected_errors(app), unexpected_errors(app)


async def one_fault(
    driver: Driver, fault: Fault, app: Any, pilot: Any, screen: Any, proxy: Any, loaded: Any
) -> str:
    """One fault's scenario; ``loaded`` is what a complete load shows."""
    before = driver.kept(screen)
    seen_before, seq_before = len(proxy.seen), app.gateway.trace.last_seq
    injected_before = sum(proxy.injected.values())
    state_before = app.state.tokens, app.state.credentials
    fault.inject(proxy, driver)
    marker = await driver.start(pilot, screen)
    if fault.poke:
        await poke(pilot)
    await wait_for(pilot, lambda: driver.done(app, screen, marker), f"{driver} under {fault}")
    assert not unexpected_errors(app), unexpected_errors(app)
    spared = fault.credential and not driver.signed  # its main calls are unsigned
    assert spared or sum(proxy.injected.values()) > injected_before, "no fault was injected"
    shown = ""
    if fault.fails and (driver.signed or not fault.credential):
        assert driver.failed(screen), f"{driver} did not report {fault}: {driver.message(screen)}"
        shown = driver.message(screen)
        for pattern in fault.expected(driver):
            assert re.search(pattern, shown), f"{pattern!r} not in {shown!r}"
        assert driver.retry_offered(app, screen), f"no retry offered: {shown}"
        assert driver.kept(screen) == expected_kept(driver, fault, before)
        assert (app.state.tokens, app.state.credentials) == state_before, "a failure replaced the app state"
    else:
        assert not driver.failed(screen), driver.message(screen)
        assert driver.kept(screen) == loaded, "the operation succeeded but did not load everything"
    check_bounds(fault, driver, app, proxy, seen_before, seq_before)
    return shown


def check_bounds(
    fault: Fault, driver: Driver, app: Any, proxy: Any, seen_before: int, seq_before: int
) -> None:
    """Retries are bounded and visible; a frozen endpoint is abandoned after the read timeout."""
    seen = proxy.seen[seen_before:]
    attempts = [s.attempt for s in seen if s.fault and s.attempt is not None]
    assert all(a <= MAX_ATTEMPTS for a in attempts), attempts
    traced = [e for e in app.gateway.trace.since(seq_before) if not e.ok]
    if fault.name in ("frozen", "throttled", "http500", "refused") and driver.name != "tokens":
        assert MAX_ATTEMPTS in attempts or fault.name == "refused", attempts
        assert traced and all(e.retries == MAX_ATTEMPTS - 1 for e in traced), [
            (e.operation, e.error_code, e.retries) for e in traced
        ]
    if fault.name == "frozen":
        assert proxy.holds, "no frozen request was abandoned by the client"
        assert max(proxy.holds) <= READ_TIMEOUT + HOLD_SLACK_S, proxy.holds
