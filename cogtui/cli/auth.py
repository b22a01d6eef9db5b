"""``cogtui auth``: sign-in, managed login, client credentials, revoke and the sign-in doctor.

This module adds the ``auth`` group to the parser and hands each action to its module: ``auth_signin``
(``sign-in``), ``auth_oauth`` (``login``, ``token``), ``auth_revoke`` (``revoke``) and ``auth_doctor``
(``doctor``). Each builds the command's ``Settings`` from the global options and calls the core with
plain values. Only argparse (and the id shapes) is imported at module level, so ``cogtui --help``
stays light; boto3 and the engine load when a command runs.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from cogtui.cli.console import EXIT_USAGE, CliIO
from cogtui.cli.options import settings_from_args


def add_auth_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``auth`` and its actions to the main parser's subcommands; returns the ``auth`` parser."""
    from cogtui.cli.auth_doctor import add_doctor_parser
    from cogtui.cli.auth_oauth import add_oauth_parsers
    from cogtui.cli.auth_revoke import add_revoke_parser
    from cogtui.cli.auth_signin import add_signin_parser

    auth = subparsers.add_parser("auth", help="sign in to a user pool from the command line (tokens as JSON)")
    actions = auth.add_subparsers(dest="auth_command", metavar="ACTION")
    actions.required = True
    add_signin_parser(actions)
    add_doctor_parser(actions)
    add_oauth_parsers(actions)
    add_revoke_parser(actions)
    return auth


def run_auth(args: argparse.Namespace, io: CliIO | None = None, gateway: Any = None) -> int:
    """Run ``cogtui auth ACTION``; returns the exit code. ``gateway`` replaces the one built from args."""
    io = io or CliIO()
    action = getattr(args, "auth_command", None)
    if action == "sign-in":  # builds its settings itself, once its inputs are read
        from cogtui.cli.auth_signin import run_signin

        return run_signin(args, io, gateway)
    if action not in ("doctor", "login", "token", "revoke"):
        print("cogtui auth: choose an action (sign-in, doctor, login, token, revoke)", file=io.stderr)
        return EXIT_USAGE
    settings = settings_from_args(args) if gateway is None else None
    if action == "doctor":
        from cogtui.cli.auth_doctor import run_doctor

        return run_doctor(args, io.stdout, io.stderr, gateway, settings)
    if action == "revoke":
        from cogtui.cli.auth_revoke import run_revoke

        return run_revoke(args, io.stdin, io.stdout, io.stderr, gateway, settings)
    from cogtui.cli.auth_oauth import run_oauth

    return run_oauth(args, io.stdin, io.stdout, io.stderr, gateway, settings)


def _standalone_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cogtui")
    for flag in ("--profile", "--region", "--endpoint-url"):
        parser.add_argument(flag)
    parser.add_argument("--read-only", action="store_true", default=None)
    parser.add_argument("--sandbox", action="store_true", default=None)
    add_auth_parser(parser.add_subparsers(dest="command", required=True))
    return parser


def main(argv: list[str] | None = None) -> int:
    """``python -m cogtui.cli.auth auth sign-in ...``: the command without the rest of the CLI."""
    args = _standalone_parser().parse_args(argv)
    return run_auth(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
