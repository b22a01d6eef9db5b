"""``cogtui auth login`` (managed login: authorization code + PKCE) and ``cogtui auth token`` (client credentials).

``login`` listens on the client's registered loopback callback, prints ``Open: <authorize URL>`` as one
line on standard error (and opens the browser unless ``--no-browser``), waits for the callback and
prints the token endpoint's answer as JSON on standard output. ``token`` asks for an access token with
the client's id and secret. Both say the pre-flight warnings first and every refusal with its cause
and next step. Exit codes as ``auth sign-in``: 0 tokens, 1 refused, 2 usage error, 130 interrupted.
Only argparse and the id shapes are imported at module level; boto3 and the flows load when the command runs.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any, TextIO

from cogtui.aws.ids import CLIENT_ID, USER_POOL_ID
from cogtui.cli.console import EXIT_INTERRUPTED, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, print_json
from cogtui.cli.options import id_argument

if TYPE_CHECKING:
    from cogtui.settings import Settings

LOGIN_EPILOG = """\
examples:
  cogtui auth login --user-pool-id us-east-1_abc --client-id 1example --scope openid --scope email
  cogtui --endpoint-url http://127.0.0.1:5000 auth login --user-pool-id POOL --client-id CLIENT --no-browser
"""
TOKEN_EPILOG = """\
examples:
  printf '%s\\n' "$CLIENT_SECRET" | cogtui auth token --user-pool-id POOL --client-id CLIENT \\
      --client-secret-stdin --scope demo-api/orders.read | jq -r .access_token
"""


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user-pool-id", required=True, type=id_argument(USER_POOL_ID), help="the user pool id")
    p.add_argument("--client-id", required=True, type=id_argument(CLIENT_ID), help="the app client id")
    p.add_argument(
        "--client-secret-stdin",
        action="store_true",
        help="read the client secret from the first line of stdin",
    )
    p.add_argument(
        "--scope",
        action="append",
        default=[],
        metavar="SCOPE",
        help="a scope to ask for (repeatable, or several separated by spaces)",
    )
    p.add_argument(
        "--json", action="store_true", help="one JSON document: tokens and steps, or error and explanation"
    )
    p.add_argument("--trace", action="store_true", help="also print each HTTP exchange (redacted) on stderr")


def add_oauth_parsers(actions: Any) -> None:
    """Add ``login`` and ``token`` to the ``auth`` actions."""
    login = actions.add_parser(
        "login",
        help="managed login (authorization code + PKCE) through the browser; tokens as JSON",
        description="Sign in through the pool's managed login pages: cogtui listens on the client's registered "
        "http://localhost callback, opens the authorize URL (or prints it with --no-browser), exchanges the code "
        "with the PKCE verifier and prints the tokens. Exit 0 tokens, 1 refused, 2 usage error.",
        epilog=LOGIN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(login)
    login.add_argument(
        "--no-browser", action="store_true", help="print 'Open: <URL>' on stderr, open no browser"
    )
    login.add_argument(
        "--redirect-uri", help="the registered loopback callback to use (default: the first one)"
    )
    login.add_argument(
        "--identity-provider", help="skip the provider choice (e.g. COGNITO, Google, a SAML IdP)"
    )
    login.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="how long to wait for the callback (300)",
    )
    token = actions.add_parser(
        "token",
        help="client credentials: an access token for a machine-to-machine client",
        description="Ask the pool's token endpoint for an access token with the client_credentials grant "
        "(client id and secret sent with HTTP Basic). Exit 0 token, 1 refused, 2 usage error.",
        epilog=TOKEN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(token)


def run_oauth(
    args: argparse.Namespace,
    stdin: TextIO,
    stdout: TextIO,
    stderr: TextIO,
    gateway: Any = None,
    settings: Settings | None = None,
) -> int:
    """Run ``auth login`` or ``auth token``; ``gateway`` replaces the one built from ``settings`` (tests)."""

    secret = None
    if args.client_secret_stdin:
        secret = stdin.readline().rstrip("\r\n")
        if not secret:
            print(f"cogtui auth {args.auth_command}: --client-secret-stdin read an empty line", file=stderr)
            return EXIT_USAGE
    scopes = tuple(s for value in args.scope for s in value.split())
    from cogtui.cli.runner import run_on_gateway

    try:
        return run_on_gateway(settings, gateway, lambda g: _drive(args, secret, scopes, stdout, stderr, g))
    except KeyboardInterrupt:
        print("\nInterrupted.", file=stderr)
        return EXIT_INTERRUPTED


async def _drive(
    args: argparse.Namespace,
    secret: str | None,
    scopes: tuple[str, ...],
    out: TextIO,
    err: TextIO,
    gateway: Any,
) -> int:
    from cogtui.auth.oauth.flow import CLIENT_CREDENTIALS, MANAGED_LOGIN, OAuthRequest, OAuthSession, Stopped
    from cogtui.aws.errors import CogtuiError

    login = args.auth_command == "login"
    request = OAuthRequest(
        pool_id=args.user_pool_id,
        client_id=args.client_id,
        client_secret=secret,
        scopes=scopes,
        redirect_uri=getattr(args, "redirect_uri", None),
        identity_provider=getattr(args, "identity_provider", None),
    )
    try:
        endpoint_url = (await gateway.info()).endpoint_url
    except CogtuiError as exc:
        print(f"cogtui auth {args.auth_command}: {exc.message}", file=err)
        return EXIT_REFUSED
    session = OAuthSession(gateway, request, endpoint_url, on_step=_printer(args, err))
    try:
        for warning in await session.prepare(MANAGED_LOGIN if login else CLIENT_CREDENTIALS):
            print(f"Warning: {warning}", file=err)
        if login:
            url = await session.begin_login()
            print(f"Open: {url}", file=err, flush=True)
            if not args.no_browser:
                import webbrowser

                webbrowser.open(url)
            tokens = await session.finish_login(args.timeout)
        else:
            tokens = await session.client_credentials()
    except Stopped:
        tokens = None
    return _report(args, session, tokens, out, err)


def _printer(args: argparse.Namespace, err: TextIO) -> Any:
    if not args.trace or args.json:
        return None

    def show(step: Any) -> None:
        outcome = step.error.code if step.error else ("tokens" if step.signed_in else "ok")
        status = f" HTTP {step.http_status}" if step.http_status else ""
        print(f"{step.index}. {step.title} [{step.operation}] -> {outcome}{status}", file=err)
        print("   request:  " + json.dumps(step.request, default=str), file=err)
        print("   response: " + json.dumps(step.response, default=str), file=err)
        for note in step.notes:
            print(f"   note: {note}", file=err)

    return show


def _report(
    args: argparse.Namespace, session: Any, tokens: dict[str, Any] | None, out: TextIO, err: TextIO
) -> int:
    steps = [step.to_dict() for step in session.steps]
    if tokens is not None:
        doc: Any = {"signed_in": True, "tokens": tokens, "steps": steps} if args.json else tokens
        print_json(doc, out)
        return EXIT_OK
    last = session.steps[-1] if session.steps else None
    error, explanation = (last.error, last.explanation) if last is not None else (None, None)
    what = "Login" if args.auth_command == "login" else "Token request"
    if last is not None:
        print(
            f"{what} refused at step {last.index} ({last.title}): {error.code if error else 'no tokens'}",
            file=err,
        )
    if error is not None and error.message:
        print(f"  The domain said: {error.message}", file=err)
    if explanation is not None:
        print(f"  Cause: {explanation.cause}", file=err)
        print(f"  Next:  {explanation.next_step}", file=err)
    if args.json:
        failed = {
            "signed_in": False,
            "error": {"code": error.code, "message": error.message} if error else None,
            "explanation": explanation.to_dict() if explanation else None,
            "warnings": session.warnings,
            "steps": steps,
        }
        print_json(failed, out)
    return EXIT_REFUSED
