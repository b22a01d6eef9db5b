"""``cogtui identity credentials``: exchange an ID token (or a guest identity) for temporary AWS credentials.

This module reads the command line into ``Options`` (plain values, checked before any call) and the
command's ``Settings``; ``identity_credentials`` runs the exchange and prints its result. Exit codes:
0 success, 1 the exchange or the proof failed, 2 usage errors. Heavy imports happen only when the
command runs.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from cogtui.cli.identity_credentials import SECTION_FORMATS, Options
from cogtui.cli.options import settings_from_args
from cogtui.text_safety import safe_text

__all__ = ["add_identity_parser", "check_save_target", "options_from_args", "run_identity"]

FORMAT_CHOICES = ("json", "env", "profile", "credential-process", "config")
PROG = "cogtui identity credentials"

EPILOG = """\
examples:
  cogtui --sandbox identity credentials --identity-pool-id us-east-1:... --guest
  cogtui identity credentials --identity-pool-id us-east-1:... --id-token - < id_token.txt --verify
  cogtui identity credentials --identity-pool-id ID --id-token TOKEN --format env   # eval "$(...)"
  cogtui identity credentials --identity-pool-id ID --id-token TOKEN --flow basic \\
      --role-arn arn:aws:iam::123456789012:role/app-users
  cogtui identity credentials --identity-pool-id ID --id-token - --format profile \\
      --profile-name app --save ~/.aws/credentials     # updates [app], keeps the rest of the file
  cogtui identity credentials --identity-pool-id ID --guest --format config \\
      --profile-name app --save ~/.aws/config          # [profile app] credential_process = cogtui ...
"""


class UsageError(Exception):
    """Arguments that cannot work together; exit code 2."""


def add_identity_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``identity`` (with its ``credentials`` subcommand) to the top-level subparsers; returns it."""
    identity = subparsers.add_parser(
        "identity",
        help="identity pools: exchange a token for temporary AWS credentials",
        description="Identity pools: exchange a token for temporary AWS credentials and explain failures.",
    )
    commands = identity.add_subparsers(dest="identity_command", metavar="COMMAND")
    creds = commands.add_parser(
        "credentials",
        help="get temporary AWS credentials from an identity pool",
        description="Exchange an ID token (or a guest identity) for temporary AWS credentials. Before calling, "
        "the token is compared with the identity pool; a failure is explained on standard error.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    creds.add_argument(
        "--identity-pool-id", required=True, metavar="ID", help="the identity pool, '<region>:<guid>'"
    )
    who = creds.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--id-token", metavar="TOKEN", help="the user pool ID token, or - to read it from standard input"
    )
    who.add_argument(
        "--id-token-env",
        metavar="VAR",
        help="read the ID token from the environment variable VAR (what a config-file entry uses)",
    )
    who.add_argument("--guest", action="store_true", help="an unauthenticated (guest) identity, no token")
    creds.add_argument(
        "--role-arn",
        metavar="ARN",
        help="enhanced flow: the CustomRoleArn to ask for (one of the token's cognito:roles); basic flow: the role to assume",
    )
    creds.add_argument("--flow", choices=("enhanced", "basic"), default="enhanced", help="default: enhanced")
    creds.add_argument(
        "--role-session-name",
        default="cogtui",
        metavar="NAME",
        help="basic flow session name (default: cogtui)",
    )
    creds.add_argument(
        "--logins-key", metavar="KEY", help="send the token under KEY instead of the key built from its iss"
    )
    creds.add_argument(
        "--verify", action="store_true", help="prove the credentials with STS GetCallerIdentity"
    )
    creds.add_argument(
        "--format", choices=FORMAT_CHOICES, default="json", help="output format (default: json)"
    )
    creds.add_argument(
        "--profile-name",
        default="cogtui",
        metavar="NAME",
        help="the profile for --format profile ([NAME]) and --format config ([profile NAME]); default: cogtui",
    )
    creds.add_argument(
        "--save",
        metavar="PATH",
        help="write to PATH (mode 0600) instead of standard output. profile and config update the one section "
        "in the file and keep the rest, as 'aws configure set' does; other formats write the whole file",
    )
    creds.add_argument(
        "--force",
        action="store_true",
        help="with --save: replace an existing file (json, env, credential-process)",
    )
    creds.add_argument("--checks", action="store_true", help="print the pre-flight checks on standard error")
    return identity


def _read_token(value: str, stdin: TextIO) -> str:
    token = stdin.read() if value == "-" else value
    token = token.strip()
    if not token:
        raise UsageError("the ID token is empty" + (" (nothing on standard input)" if value == "-" else ""))
    return token


def options_from_args(args: argparse.Namespace, stdin: TextIO) -> Options:
    """Validated options; raises UsageError for arguments that cannot work."""
    from cogtui.identity.logins import check_identity_pool_id

    pool_id = check_identity_pool_id(args.identity_pool_id)
    if not pool_id.ok:
        raise UsageError(f"--identity-pool-id: {pool_id.message}")
    if args.flow == "basic" and not args.role_arn:
        raise UsageError("--flow basic needs --role-arn (the role to assume)")
    if args.guest and args.logins_key:
        raise UsageError("--logins-key needs --id-token")
    save = getattr(args, "save", None)
    if save is not None and not save.strip():
        raise UsageError("--save needs a file path")
    if getattr(args, "force", False) and save is None:
        raise UsageError("--force goes with --save")
    if args.format in SECTION_FORMATS:
        from cogtui.identity.export import ExportError, check_profile_name

        try:
            check_profile_name(args.profile_name)
        except ExportError as exc:
            raise UsageError(f"--profile-name: {exc}") from None
    token_env = getattr(args, "id_token_env", None)
    token: str | None
    if token_env is not None:
        token = _token_from_env(token_env)
    else:
        token = _read_token(args.id_token, stdin) if args.id_token is not None else None
    return Options(
        identity_pool_id=pool_id.id,
        id_token=token,
        flow=args.flow,
        role_arn=args.role_arn,
        role_session_name=args.role_session_name,
        logins_key=args.logins_key,
        verify=bool(args.verify),
        fmt=args.format,
        profile_name=args.profile_name,
        show_checks=bool(args.checks),
        save=save.strip() if save else None,
        force=bool(getattr(args, "force", False)),
        token_env=token_env,
        endpoint_url=getattr(args, "endpoint_url", None),
    )


def _token_from_env(name: str) -> str:
    import os

    value = os.environ.get(name, "").strip()
    if not value:
        raise UsageError(f"the environment variable {name} holds no ID token (--id-token-env {name})")
    return value


def run_identity(
    args: argparse.Namespace,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run ``cogtui identity ...``; returns the exit code."""
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    if getattr(args, "identity_command", None) != "credentials":
        print(
            "usage: cogtui identity credentials --identity-pool-id ID (--id-token TOKEN|- | --guest) ...",
            file=stderr,
        )
        return 2
    try:
        options = options_from_args(args, stdin)
        check_save_target(options)
    except UsageError as exc:
        print(safe_text(f"{PROG}: error: {exc}"), file=stderr)
        return 2
    from cogtui.cli.identity_credentials import run_credentials
    from cogtui.cli.runner import run_on_gateway

    try:
        return run_on_gateway(
            settings_from_args(args), None, lambda g: run_credentials(g, options, stdout, stderr)
        )
    except KeyboardInterrupt:
        return 130


def check_save_target(options: Options) -> None:
    """Refuse, before any call, a --save that cannot be done or would replace a file without --force."""
    from cogtui.identity.export import ExportError
    from cogtui.identity.profile_file import describe_existing, plan_section_save

    if options.save is None:
        return
    try:
        if options.fmt in SECTION_FORMATS:
            plan_section_save(options.save, SECTION_FORMATS[options.fmt], options.profile_name, [])
            return
        existing = describe_existing(options.save)
    except ExportError as exc:
        raise UsageError(f"--save: {exc}") from None
    if existing and not options.force:
        raise UsageError(
            f"--save: {existing}; --force replaces the whole file with the credentials as {options.fmt} "
            "(or use --format profile or config, which update one section and keep the rest)"
        )
