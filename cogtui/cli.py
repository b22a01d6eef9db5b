"""Command line: global connection options, the TUI, and the headless subcommands.

Imports are lazy so that ``cogtui --version`` and ``--help`` never load Textual or boto3.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from cogtui import __version__

DEFAULT_DEADLINE_S = 10.0  # how long a command may wait in all before its first explained failure

EPILOG = """\
examples:
  cogtui --sandbox                      explore a local Cognito seeded with demo pools and users
  cogtui --profile dev --region eu-west-1
  cogtui sandbox --json                 run the local sandbox alone, for the AWS CLI or boto3
  cogtui token decode eyJ...            decode a JWT
  cogtui token verify - --user-pool-id POOL --client-id CLIENT < token.txt
"""


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


def _add_global_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cogtui",
        description="A terminal UI to understand Amazon Cognito sign-in: explore pools, debug sign-in, "
        "inspect tokens, test identity pools.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cogtui {__version__}")
    _add_global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sandbox = sub.add_parser("sandbox", help="run the local Cognito sandbox in the foreground")
    _add_global_options(sandbox, suppress=True)
    sandbox.add_argument(
        "--port", type=port_number, default=0, help="port to listen on, 1 to 65535 (default: a free port)"
    )
    sandbox.add_argument(
        "--json", action="store_true", help="print one JSON line describing the seed, then serve"
    )

    from cogtui.auth.cli import add_auth_parser
    from cogtui.identity.cli import add_identity_parser
    from cogtui.tokens.cli import add_token_parser

    for add in (add_auth_parser, add_token_parser, add_identity_parser):
        group = add(sub)
        for p in [group, *_subparsers_of(group)]:
            _add_global_options(p, suppress=True)
    return parser


def _subparsers_of(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    out: list[argparse.ArgumentParser] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            out.extend(action.choices.values())
    return out


def settings_from_args(args: argparse.Namespace) -> Any:
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


EXIT_USAGE = 2  # what argparse exits with for a usage error; a setting that cannot be used is one too


def run(argv: list[str]) -> int:
    from cogtui.settings import SettingsError

    try:
        return _dispatch(argv)
    except SettingsError as exc:
        print(f"cogtui: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _dispatch(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for name in (
        "deadline",
        "endpoint_url",
        "region",
        "profile",
        "read_only",
        "sandbox",
        "sandbox_users",
        "sandbox_latency",
    ):
        if not hasattr(args, name):
            setattr(args, name, None)
    if args.command == "sandbox":
        from cogtui.sandbox import run_sandbox_foreground

        return run_sandbox_foreground(
            port=args.port,
            large_users=args.sandbox_users or 0,
            latency_ms=args.sandbox_latency or 0,
            as_json=args.json,
        )
    if args.command == "token":
        from cogtui.tokens.cli import run_token

        return run_token(args)
    if args.command == "auth":
        from cogtui.auth.cli import run_auth

        return run_auth(args)
    if args.command == "identity":
        from cogtui.identity.cli import run_identity

        return run_identity(args)
    return _run_tui(settings_from_args(args))


STARTUP_SETTLE_S = 0.35  # how long Textual's import waits for the first client before starting anyway


def _run_tui(settings: Any) -> int:
    from cogtui.runtime import Runtime

    runtime = Runtime(settings)
    runtime.warm_up(settle_s=STARTUP_SETTLE_S, list_pools=True)  # the first screen's listing is in flight
    from cogtui.app import make_app

    try:
        app = make_app(settings, runtime)
        app.run()
    except KeyboardInterrupt:
        return 130
    finally:
        runtime.close()
    return int(app.return_code or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run(sys.argv[1:]))
