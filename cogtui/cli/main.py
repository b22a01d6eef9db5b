"""Command line: global connection options, the TUI, and the headless subcommands.

``run(argv)`` parses the command line and hands each command group its arguments (``auth``, ``token``,
``identity``, ``sandbox``); with no command it starts the TUI. Imports are lazy so that ``cogtui
--version`` and ``--help`` never load Textual or boto3.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from cogtui import __version__
from cogtui.cli.console import EXIT_USAGE
from cogtui.cli.options import GLOBAL_DESTS, add_global_options, settings_from_args

if TYPE_CHECKING:
    from cogtui.settings import Settings

EPILOG = """\
examples:
  cogtui --sandbox                      explore a local Cognito seeded with demo pools and users
  cogtui --profile dev --region eu-west-1
  cogtui sandbox --json                 run the local sandbox alone, for the AWS CLI or boto3
  cogtui token decode eyJ...            decode a JWT
  cogtui token verify - --user-pool-id POOL --client-id CLIENT < token.txt
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cogtui",
        description="A terminal UI to understand Amazon Cognito sign-in: explore pools, debug sign-in, "
        "inspect tokens, test identity pools.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cogtui {__version__}")
    add_global_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    from cogtui.cli.auth import add_auth_parser
    from cogtui.cli.identity import add_identity_parser
    from cogtui.cli.sandbox import add_sandbox_parser
    from cogtui.cli.token import add_token_parser

    add_sandbox_parser(sub)
    for add in (add_auth_parser, add_token_parser, add_identity_parser):
        group = add(sub)
        for p in [group, *_subparsers_of(group)]:
            add_global_options(p, suppress=True)
    return parser


def _subparsers_of(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    out: list[argparse.ArgumentParser] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            out.extend(action.choices.values())
    return out


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
    for name in GLOBAL_DESTS:
        if not hasattr(args, name):
            setattr(args, name, None)
    if args.command == "sandbox":
        from cogtui.cli.sandbox import run_sandbox

        return run_sandbox(args)
    if args.command == "token":
        from cogtui.cli.token import run_token

        return run_token(args)
    if args.command == "auth":
        from cogtui.cli.auth import run_auth

        return run_auth(args)
    if args.command == "identity":
        from cogtui.cli.identity import run_identity

        return run_identity(args)
    return _run_tui(settings_from_args(args))


STARTUP_SETTLE_S = 0.35  # how long Textual's import waits for the first client before starting anyway


def _run_tui(settings: Settings) -> int:
    from cogtui.runtime import Runtime

    runtime = Runtime(settings)
    runtime.warm_up(settle_s=STARTUP_SETTLE_S, list_pools=True)  # the first screen's listing is in flight
    from cogtui.app import make_app
    from cogtui.collector import tune_for_a_long_session

    try:
        app = make_app(settings, runtime)
        tune_for_a_long_session()
        app.run()
    except KeyboardInterrupt:
        return 130
    finally:
        runtime.close()
    return int(app.return_code or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run(sys.argv[1:]))
