"""``cogtui auth revoke``: RevokeToken for a refresh token, then prove it dead with REFRESH_TOKEN_AUTH.

The refresh token (and the client secret, when the client has one) come from standard input or an
environment variable, never the command line. After RevokeToken answers, REFRESH_TOKEN_AUTH with the
same token must be refused; ``--no-proof`` skips that call. A client with a secret needs
``--username`` (the Cognito username, ``cognito:username``) for the proof's SECRET_HASH, as REFRESH_TOKEN_AUTH
does. Standard output gets one JSON document (``revoked``, ``proven_dead``; with ``--json`` also the
steps, redacted); refusals and their explanations go to standard error. Exit 0 revoked (and proven
dead), 1 refused or still accepted, 2 usage error. Only argparse and the id shapes are imported at module level.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any, TextIO

from cogtui.aws.ids import CLIENT_ID, USER_POOL_ID
from cogtui.cli.console import EXIT_INTERRUPTED, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, print_json
from cogtui.cli.inputs import UsageError, add_input_flags, read_inputs
from cogtui.cli.options import id_argument

if TYPE_CHECKING:
    from cogtui.settings import Settings

INPUT_ORDER = ("client_secret", "refresh_token")

EPILOG = """\
examples:
  cogtui auth revoke --client-id 1example --refresh-token-stdin < refresh.txt
  printf '%s\\n%s\\n' "$CLIENT_SECRET" "$REFRESH_TOKEN" | cogtui auth revoke --client-id CLIENT \\
      --client-secret-stdin --refresh-token-stdin --username alice

standard input lines, for the --...-stdin flags given, in this order: client secret, refresh token
"""


def add_revoke_parser(actions: Any) -> None:
    """Add ``revoke`` to the ``auth`` actions."""
    p = actions.add_parser(
        "revoke",
        help="revoke a refresh token (RevokeToken) and prove it dead",
        description="Revoke a refresh token with RevokeToken (its access tokens stop working with it), then "
        "send REFRESH_TOKEN_AUTH with it, which must be refused. Exit 0 revoked and proven dead, 1 refused "
        "or still accepted, 2 usage error.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--client-id", required=True, type=id_argument(CLIENT_ID), help="the app client that issued it"
    )
    p.add_argument(
        "--user-pool-id", type=id_argument(USER_POOL_ID), help="the user pool (better explanations; optional)"
    )
    p.add_argument(
        "--username", help="the Cognito username, for the proof's SECRET_HASH (client with a secret)"
    )
    add_input_flags(p, only=INPUT_ORDER)
    p.add_argument("--no-proof", action="store_true", help="do not send REFRESH_TOKEN_AUTH after revoking")
    p.add_argument("--json", action="store_true", help="also put every step (redacted) in the JSON document")
    p.add_argument("--trace", action="store_true", help="also print each step (redacted) on stderr")


def run_revoke(
    args: argparse.Namespace,
    stdin: TextIO,
    stdout: TextIO,
    stderr: TextIO,
    gateway: Any = None,
    settings: Settings | None = None,
) -> int:
    """Run ``auth revoke``; ``gateway`` replaces the one built from ``settings`` (tests)."""

    try:
        values = read_inputs(args, stdin)
        if not values.get("refresh_token"):
            raise UsageError("the refresh token is needed: --refresh-token-stdin or --refresh-token-env VAR")
    except UsageError as exc:
        print(f"cogtui auth revoke: {exc}", file=stderr)
        return EXIT_USAGE
    from cogtui.cli.runner import run_on_gateway

    try:
        return run_on_gateway(settings, gateway, lambda g: _drive(args, values, stdout, stderr, g))
    except KeyboardInterrupt:
        print("\nInterrupted.", file=stderr)
        return EXIT_INTERRUPTED


async def _drive(
    args: argparse.Namespace, values: dict[str, str], out: TextIO, err: TextIO, gateway: Any
) -> int:
    from cogtui.auth.flows import SignInRequest
    from cogtui.auth.signin_session import SignInSession

    request = SignInRequest(
        pool_id=args.user_pool_id or "",
        client_id=args.client_id,
        client_secret=values.get("client_secret"),
        username=args.username or "",
        flow="refresh",
    )
    session = SignInSession(gateway, request, on_step=_printer(args, err))
    session.hold_refresh_token(values["refresh_token"])
    step = await session.revoke()
    revoked = step.error is None
    dead: bool | None = None
    proof = "skipped (--no-proof)" if args.no_proof else ""
    if revoked and not args.no_proof:
        if request.client_secret and not request.username:
            proof = "skipped: REFRESH_TOKEN_AUTH with a client secret needs --username for its SECRET_HASH"
        else:
            step, dead = await session.prove_revoked()
    _explain(step, err)
    if proof and revoked:
        print(f"Proof {proof}.", file=err)
    doc: dict[str, Any] = {"revoked": revoked, "proven_dead": dead}
    if args.json:
        doc["steps"] = [s.to_dict() for s in session.steps]
    print_json(doc, out)
    return EXIT_OK if revoked and (dead is True or bool(proof)) else EXIT_REFUSED


def _explain(step: Any, err: TextIO) -> None:
    from cogtui.text_safety import safe_text

    for note in step.notes:
        print(safe_text(note), file=err)
    if step.error is None or step.explanation is None:
        return
    if step.explanation.key != "refresh_token_invalid":  # the proof's refusal is the expected answer
        print(safe_text(f"Refused at step {step.index} ({step.title}): {step.error.code}"), file=err)
        if step.error.message:
            print(safe_text(f"  The endpoint said: {step.error.message}"), file=err)
        print(safe_text(f"  Cause: {step.explanation.cause}"), file=err)
        print(safe_text(f"  Next:  {step.explanation.next_step}"), file=err)


def _printer(args: argparse.Namespace, err: TextIO) -> Any:
    if not args.trace:
        return None

    def show(step: Any) -> None:
        outcome = step.error.code if step.error else "ok"
        print(f"{step.index}. {step.title} -> {outcome}", file=err)
        print("   request:  " + json.dumps(step.request, default=str), file=err)

    return show
