"""``cogtui sandbox``: the local Cognito sandbox in the foreground, for the AWS CLI, boto3 or another app."""

from __future__ import annotations

import argparse
from typing import Any

from cogtui.cli.options import add_global_options, port_number


def add_sandbox_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``sandbox`` (with the connection options, which may follow it) to the main parser's subcommands."""
    sandbox = subparsers.add_parser("sandbox", help="run the local Cognito sandbox in the foreground")
    add_global_options(sandbox, suppress=True)
    sandbox.add_argument(
        "--port", type=port_number, default=0, help="port to listen on, 1 to 65535 (default: a free port)"
    )
    sandbox.add_argument(
        "--json", action="store_true", help="print one JSON line describing the seed, then serve"
    )
    return sandbox


def run_sandbox(args: argparse.Namespace) -> int:
    """Serve until interrupted; returns the exit code."""
    from cogtui.sandbox import run_sandbox_foreground

    return run_sandbox_foreground(
        port=args.port,
        large_users=args.sandbox_users or 0,
        latency_ms=args.sandbox_latency or 0,
        as_json=args.json,
    )
