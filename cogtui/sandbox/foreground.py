"""``cogtui sandbox``: run the seeded sandbox alone in the foreground until Ctrl-C or SIGTERM.

Prints the endpoint, ids and passwords (or one JSON line with ``--json``) so the AWS CLI, boto3
scripts and other projects' tests can use it, then serves until interrupted and exits with 0.
"""

from __future__ import annotations

import contextlib
import json
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any, TextIO

from cogtui.sandbox.info import SandboxInfo
from cogtui.sandbox.server import SANDBOX_CREDENTIALS, SandboxError, SandboxServer


def usage_hint_lines(info: SandboxInfo, latency_ms: float) -> list[str]:
    """How to reach the sandbox from a shell, shown after the description."""
    key, secret = SANDBOX_CREDENTIALS
    lines = [
        "",
        "Any credentials work; for example:",
        f"  AWS_ACCESS_KEY_ID={key} AWS_SECRET_ACCESS_KEY={secret} aws cognito-idp list-user-pools \\",
        f"      --max-results 10 --region {info.region} --endpoint-url {info.endpoint_url}",
        f"  cogtui --endpoint-url {info.endpoint_url} --region {info.region}",
    ]
    if info.outbox_path:
        lines += [
            "Emails and SMS (sign-up, forgot-password and sign-in codes) are delivered to the outbox:",
            f"  tail -f {info.outbox_path}",
        ]
    if latency_ms:
        lines.append(f"Every request is delayed by {latency_ms:g} ms.")
    lines.append("Press Ctrl-C to stop.")
    return lines


def _install_stop_handlers(stop: threading.Event) -> Callable[[], None]:
    """SIGINT and SIGTERM set ``stop``; returns a function restoring the previous handlers."""
    previous: dict[int, Any] = {}

    def handler(signum: int, frame: Any) -> None:
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(ValueError, OSError):  # not the main thread, or not supported here
            previous[sig] = signal.signal(sig, handler)

    def restore() -> None:
        for sig, old in previous.items():
            signal.signal(sig, old)

    return restore


def run_sandbox_foreground(
    port: int = 0,
    large_users: int = 0,
    latency_ms: float = 0,
    as_json: bool = False,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stop_event: threading.Event | None = None,
) -> int:
    """Start and seed the sandbox, print what was seeded, serve until interrupted. Returns the exit code."""
    from cogtui.sandbox import start_sandbox

    out = stdout or sys.stdout
    err = stderr or sys.stderr
    stop = stop_event or threading.Event()
    restore = _install_stop_handlers(stop)
    server: SandboxServer | None = None
    try:
        try:
            server, info = start_sandbox(port=port, large_users=large_users, latency_ms=latency_ms)
        except SandboxError as exc:
            print(f"cogtui sandbox: {exc.message}", file=err)
            if exc.hint:
                print(exc.hint, file=err)
            return 1
        if as_json:
            out.write(json.dumps(info.to_json_dict(), separators=(",", ":")) + "\n")
        else:
            out.write("\n".join(info.describe_lines() + usage_hint_lines(info, latency_ms)) + "\n")
        out.flush()
        while not stop.wait(0.5):
            pass
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        if server is not None:
            server.stop()
        restore()
