"""``cogtui auth doctor``: why can't this user sign in? The doctor's verdict from the command line.

Reads the pool, the app client and the user (never signs in), prints each check and the verdict, or one
JSON document with ``--json``. Exit codes: 0 the user will sign in or be challenged, 1 the user will be
refused (or the doctor cannot tell: the user or the pool could not be read), 2 usage error.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TextIO

from cogtui.aws.ids import CLIENT_ID, USER_POOL_ID
from cogtui.cli.console import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, print_json
from cogtui.cli.options import id_argument

if TYPE_CHECKING:
    from cogtui.settings import Settings

DOCTOR_FLOWS = ("srp", "password", "admin", "custom", "custom_srp", "user_auth")

EPILOG = """\
examples:
  cogtui auth doctor --user-pool-id us-east-1_abc --username alice
  cogtui auth doctor --user-pool-id POOL --username ivy@example.com --client-id CLIENT --flow password --json
"""


def add_doctor_parser(actions: Any) -> argparse.ArgumentParser:
    """Add ``doctor`` to the ``auth`` actions."""
    p = actions.add_parser(
        "doctor",
        help="say why a user can or cannot sign in, without signing in",
        description="Read the user pool, the app client and the user, and say whether the user will sign "
        "in, be challenged (and for what) or be refused, with every check, its cause and fix. Exit 0 will "
        "sign in or be challenged, 1 will be refused (or cannot tell), 2 usage error.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--user-pool-id", required=True, type=id_argument(USER_POOL_ID), help="the user pool id")
    p.add_argument("--username", required=True, help="what the user types to sign in (username, email...)")
    p.add_argument(
        "--client-id", type=id_argument(CLIENT_ID), help="the app client the user signs in through"
    )
    p.add_argument(
        "--flow", choices=DOCTOR_FLOWS, help="the sign-in flow (default: the first the client enables)"
    )
    p.add_argument("--json", action="store_true", help="print the verdict as one JSON document")
    return p


def run_doctor(
    args: argparse.Namespace, stdout: TextIO, stderr: TextIO, gateway: Any, settings: Settings | None
) -> int:
    """Run the doctor; ``gateway`` replaces the one built from ``settings`` (tests)."""

    from cogtui.auth.doctor import examine
    from cogtui.aws.errors import CogtuiError

    if not args.username.strip():
        print("cogtui auth doctor: --username is empty", file=stderr)
        return EXIT_USAGE
    from cogtui.cli.runner import run_on_gateway

    try:
        verdict = run_on_gateway(
            settings,
            gateway,
            lambda g: examine(g, args.user_pool_id, args.username, args.client_id, args.flow),
        )
    except CogtuiError as err:  # a connection problem before anything could be read
        print(f"cogtui auth doctor: {err.message}", file=stderr)
        return EXIT_REFUSED
    if args.json:
        print_json(verdict.to_dict(), stdout)
    else:
        _print(verdict, stdout)
    return EXIT_OK if verdict.will_get_in else EXIT_REFUSED


def _print(verdict: Any, out: TextIO) -> None:
    glyphs = out.encoding and out.encoding.lower().replace("-", "") == "utf8"
    out.write(verdict.summary + "\n")
    if verdict.username and verdict.username != verdict.typed:
        out.write(f"  username: {verdict.username}\n")
    for check in verdict.checks:
        mark = check.status.glyph if glyphs else check.status.ascii_glyph
        out.write(f"{mark} {check.name}: {check.detail}\n")
        for label, text in check.notes():
            out.write(f"    {label + ':':6} {text}\n")
    out.flush()
