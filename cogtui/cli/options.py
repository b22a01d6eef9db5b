"""What every command shares: argument types, the global connection options, and the Settings they make.

``settings_from_args`` is the one place an ``argparse.Namespace`` becomes a ``Settings``; the commands
hand the core that ``Settings`` and plain values. Only argparse and the id shapes are imported at
module level, so ``cogtui --help`` stays light.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from cogtui.aws.ids import IdShape

if TYPE_CHECKING:
    from cogtui.settings import Settings

DEFAULT_DEADLINE_S = 10.0  # how long a command may wait in all before its first explained failure

# The global options' destinations, each None when the command line does not give it.
GLOBAL_DESTS = (
    "deadline",
    "endpoint_url",
    "region",
    "profile",
    "read_only",
    "sandbox",
    "sandbox_users",
    "sandbox_latency",
)


def port_number(text: str) -> int:
    """An argparse ``type``: a TCP port, 0 meaning "any free port"."""
    value = _integer(text, "a port number")
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port: use 1 to 65535, or 0 for any free port")
    return value


def seconds(text: str) -> float:
    """An argparse ``type``: a positive number of seconds."""
    try:
        value = float(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0.1 <= value <= 3600:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"{text} is out of range: use 0.1 to 3600 seconds")
    return value


def count(text: str) -> int:
    """An argparse ``type``: a whole number, zero or more."""
    value = _integer(text, "a whole number")
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} is negative: use 0 or more")
    return value


def _integer(text: str, what: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None


def id_argument(shape: IdShape) -> Callable[[str], str]:
    """An argparse ``type`` that refuses a value not shaped like ``shape`` (usage error, exit 2)."""

    def parse(value: str) -> str:
        problem = shape.problem(value)
        if problem:
            raise argparse.ArgumentTypeError(problem)
        return value

    return parse


def add_global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """The connection options; with ``suppress`` (on subcommands) an option not given leaves no attribute,
    so the one given before the subcommand is kept."""
    default = argparse.SUPPRESS if suppress else None
    g = parser.add_argument_group("connection")
    g.add_argument(
        "--profile", default=default, help="AWS profile (default: AWS_PROFILE or the default chain)"
    )
    g.add_argument(
        "--region", default=default, help="AWS region (default: AWS_REGION / AWS_DEFAULT_REGION / profile)"
    )
    g.add_argument(
        "--endpoint-url", default=default, help="endpoint for every service (default: AWS_ENDPOINT_URL*)"
    )
    g.add_argument(
        "--deadline",
        type=seconds,
        metavar="SECONDS",
        default=default,
        help=f"commands: give up after this long in all, retries included (default: {DEFAULT_DEADLINE_S:g}, "
        "or COGTUI_DEADLINE)",
    )
    g.add_argument(
        "--read-only",
        action="store_true",
        default=default,
        help="refuse every call that changes a pool, user or identity",
    )
    g.add_argument(
        "--sandbox", action="store_true", default=default, help="start and use the local Cognito sandbox"
    )
    g.add_argument(
        "--sandbox-users",
        type=count,
        metavar="N",
        default=default,
        help="add a pool 'demo-large' with N users",
    )
    g.add_argument(
        "--sandbox-latency",
        type=count,
        metavar="MS",
        default=default,
        help="slow every sandbox request by MS milliseconds",
    )


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The Settings of ``args``: a command gets one overall deadline (``--deadline``, COGTUI_DEADLINE, the
    configuration file, else ``DEFAULT_DEADLINE_S``); the TUI has none, it waits on nothing."""
    from dataclasses import replace

    from cogtui.settings import build_settings

    settings = build_settings(
        {
            "profile": getattr(args, "profile", None),
            "region": getattr(args, "region", None),
            "endpoint_url": getattr(args, "endpoint_url", None),
            "read_only": getattr(args, "read_only", None),
            "sandbox": getattr(args, "sandbox", None),
            "sandbox_users": getattr(args, "sandbox_users", None),
            "sandbox_latency_ms": getattr(args, "sandbox_latency", None),
            "command_deadline": getattr(args, "deadline", None),
        }
    )
    if getattr(args, "command", None) is None:
        return replace(settings, command_deadline=None)
    return settings.with_overrides(command_deadline=settings.command_deadline or DEFAULT_DEADLINE_S)
