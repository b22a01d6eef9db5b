"""``cogtui auth sign-in``: a Cognito sign-in from the command line, tokens as JSON on stdout.

Exit codes: 0 signed in, 1 refused (the explanation goes to stderr), 2 usage error, 130 interrupted.
Secrets never need to be on the command line: each ``--...-stdin`` flag reads one line of standard
input, each ``--...-env VAR`` an environment variable (see ``inputs``). ``--flow refresh`` trades a
refresh token for new tokens. Challenges are answered from the flags, or by prompting when a terminal
is attached (see ``answers``). The core gets a ``SignInRequest`` of plain values and the gateway of a
runtime opened from the command's ``Settings``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from cogtui.aws.ids import CLIENT_ID, USER_POOL_ID
from cogtui.cli.console import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    CliIO,
    print_json,
)
from cogtui.cli.inputs import STDIN_ORDER, UsageError, add_input_flags, read_inputs
from cogtui.cli.options import id_argument, settings_from_args
from cogtui.text_safety import safe_text

CLI_FLOWS = ("srp", "password", "admin", "custom", "custom_srp", "user_auth", "refresh")

EPILOG = """\
examples:
  printf '%s\\n' "$PASSWORD" | cogtui auth sign-in --user-pool-id us-east-1_abc --client-id 1example \\
      --username alice --password-stdin | jq -r .AccessToken
  printf '%s\\n%s\\n' "$CLIENT_SECRET" "$PASSWORD" | cogtui auth sign-in --user-pool-id POOL --client-id CLIENT \\
      --client-secret-stdin --username bob --password-stdin --flow password --totp-secret-env TOTP_SECRET
  cogtui auth sign-in --user-pool-id POOL --client-id CLIENT --flow refresh --refresh-token-stdin < refresh.txt
"""


def add_signin_parser(actions: Any) -> argparse.ArgumentParser:
    """Add ``sign-in`` to the ``auth`` actions."""
    p = actions.add_parser(
        "sign-in",
        help="sign in and print the tokens as JSON",
        description="Sign in to a Cognito user pool as an app would, answering each challenge; print the tokens "
        "as JSON. Exit 0 signed in, 1 refused (explanation on stderr), 2 usage error.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--user-pool-id",
        required=True,
        type=id_argument(USER_POOL_ID),
        help="the user pool id (e.g. us-east-1_AbCdEf123)",
    )
    p.add_argument("--client-id", required=True, type=id_argument(CLIENT_ID), help="the app client id")
    p.add_argument(
        "--username",
        help="what the user types to sign in (refresh: the Cognito username, needed with a client secret)",
    )
    p.add_argument("--flow", choices=CLI_FLOWS, default="srp", help="sign-in flow (default: srp)")
    add_input_flags(p)
    codes = p.add_mutually_exclusive_group()
    codes.add_argument(
        "--mfa-code", metavar="CODE", help="answer an SMS, email or authenticator code challenge"
    )
    codes.add_argument(
        "--totp-secret", metavar="SECRET", help="compute authenticator codes from this base32 secret"
    )
    p.add_argument(
        "--attribute",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a required attribute (repeatable)",
    )
    p.add_argument("--custom-answer", metavar="ANSWER", help="answer a CUSTOM_CHALLENGE")
    p.add_argument(
        "--preferred-challenge",
        choices=("PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"),
        help="USER_AUTH: the first challenge to ask for",
    )
    p.epilog = (
        f"{EPILOG}\nstandard input lines, for the --...-stdin flags given, in this order: {STDIN_ORDER}\n"
    )
    p.add_argument("--trace", action="store_true", help="also print each step (redacted)")
    p.add_argument(
        "--json", action="store_true", help="print one JSON document: tokens, or error and explanation"
    )
    return p


def _attributes(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"--attribute {pair!r}: expected NAME=VALUE")
        out[name.removeprefix("userAttributes.")] = value
    return out


def run_signin(args: argparse.Namespace, io: CliIO, gateway: Any = None) -> int:
    """Run ``auth sign-in``; ``gateway`` replaces the one opened from the command's settings (tests)."""
    try:
        return _sign_in(args, io, gateway)
    except UsageError as exc:
        print(safe_text(f"cogtui auth sign-in: {exc}"), file=io.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("\nSign-in interrupted.", file=io.stderr)
        return EXIT_INTERRUPTED


def _sign_in(args: argparse.Namespace, io: CliIO, gateway: Any) -> int:
    from cogtui.cli.answers import Answerer, AnswerSources, Prompter
    from cogtui.cli.runner import run_on_gateway

    secrets = read_inputs(args, io.stdin)
    prompter = None
    if io.can_prompt:
        prompter = Prompter(err=io.stderr, read_line=io.stdin.readline)
        if io.read_secret is not None:
            prompter.read_secret = io.read_secret
    password = secrets.get("password")
    if args.flow == "refresh" and not secrets.get("refresh_token"):
        raise UsageError(
            "--flow refresh needs the refresh token: --refresh-token-stdin or --refresh-token-env VAR"
        )
    needs_password = args.flow not in ("custom", "refresh") and not (
        args.flow == "user_auth" and args.preferred_challenge in ("EMAIL_OTP", "SMS_OTP")
    )
    if password is None and needs_password:
        if prompter is None:
            raise UsageError("no password: pass --password-stdin (or run in a terminal to be asked)")
        password = prompter.secret("Password: ")
    sources = AnswerSources(
        mfa_code=secrets.get("mfa_code"),
        totp_secret=secrets.get("totp_secret"),
        new_password=secrets.get("new_password"),
        attributes=_attributes(args.attribute),
        custom_answer=secrets.get("custom_answer"),
        password=password,
    )
    answerer = Answerer(sources, prompter)
    settings = settings_from_args(args) if gateway is None else None
    return run_on_gateway(settings, gateway, lambda g: _drive(args, io, g, secrets, password, answerer))


async def _drive(
    args: argparse.Namespace,
    io: CliIO,
    gateway: Any,
    secrets: dict[str, str],
    password: str | None,
    answerer: Any,
) -> int:
    from cogtui.auth.challenges import AnswerError
    from cogtui.auth.flows import SignInRequest
    from cogtui.auth.signin_session import CHALLENGE, SIGNED_IN, SignInSession
    from cogtui.aws.errors import CogtuiError
    from cogtui.cli.answers import CannotAnswer

    request = SignInRequest(
        pool_id=args.user_pool_id,
        client_id=args.client_id,
        client_secret=secrets.get("client_secret"),
        username=args.username or "",
        password=password,
        flow=args.flow,
        refresh_token=secrets.get("refresh_token"),
        preferred_challenge=args.preferred_challenge,
    )
    problems = request.problems()
    if problems:
        raise UsageError("; ".join(problems))
    session = SignInSession(gateway, request, on_step=_step_printer(args, io))
    try:
        step = await session.start()
        while session.state == CHALLENGE and session.pending is not None:
            if step.error is not None:  # the same challenge again: the last answer was refused
                answerer.refused(step)
            try:
                step = await session.answer(answerer.answer_for(session.pending))
            except (CannotAnswer, AnswerError) as exc:
                return _refuse_unanswered(args, io, session, str(exc))
    except CogtuiError as err:  # the request itself could not be built (never a Cognito refusal)
        print(safe_text(f"cogtui auth sign-in: {err.message}"), file=io.stderr)
        return EXIT_USAGE
    if session.state == SIGNED_IN and session.result is not None:
        tokens = session.result.tokens_json()
        if args.json:
            doc: dict[str, Any] = {"signed_in": True, "tokens": tokens}
            if args.trace:
                doc["steps"] = [s.to_dict() for s in session.steps]
            print_json(doc, io.stdout)
        else:
            print_json(tokens, io.stdout)
        return EXIT_OK
    return await _refuse(args, io, gateway, session, step)


def _step_printer(args: argparse.Namespace, io: CliIO) -> Callable[[Any], None] | None:
    if not args.trace or args.json:
        return None

    def show(step: Any) -> None:
        outcome = (
            step.error.code if step.error else (step.challenge or ("tokens" if step.signed_in else "ok"))
        )
        hashed = f"  [{step.hashed_username.describe()}]" if step.hashed_username else ""
        rid = f"  request id {step.request_id}" if step.request_id else ""
        print(
            safe_text(f"{step.index}. {step.title} -> {outcome}  ({step.duration_ms:.1f} ms){rid}{hashed}"),
            file=io.stderr,
        )
        print("   request:  " + json.dumps(step.request, default=str), file=io.stderr)
        print("   response: " + json.dumps(step.response, default=str), file=io.stderr)

    return show


def said_by(error: Any, endpoint_url: str | None) -> str:
    """Who the message comes from: Cognito, another endpoint (an emulator, a proxy), or cogtui itself
    when no answer came back (no connection, a timeout, a check made before any call)."""
    if getattr(error, "http_status", None) is None and getattr(error, "request_id", None) is None:
        return "Error (no answer from the endpoint)"
    if endpoint_url:
        return f"The endpoint {endpoint_url} said"
    return "Cognito said"


async def _refuse(args: argparse.Namespace, io: CliIO, gateway: Any, session: Any, step: Any) -> int:
    from cogtui.auth.context import discover_context

    explanation = step.explanation
    if step.error is not None and step.context is not None:
        facts = await discover_context(gateway, args.user_pool_id, args.client_id, args.username)
        explanation = step.explain_with(facts) or explanation
    error = step.error
    print(
        safe_text(
            f"Sign-in refused at step {step.index} ({step.title}): {error.code if error else 'no tokens'}"
        ),
        file=io.stderr,
    )
    if error is not None and error.message:
        who = said_by(error, getattr(args, "endpoint_url", None))
        print(safe_text(f"  {who}: {error.message}"), file=io.stderr)
    if explanation is not None:
        print(safe_text(f"  Cause: {explanation.cause}"), file=io.stderr)
        print(safe_text(f"  Next:  {explanation.next_step}"), file=io.stderr)
    if args.json:
        doc: dict[str, Any] = {
            "signed_in": False,
            "error": {"code": error.code, "message": error.message} if error else None,
            "explanation": explanation.to_dict() if explanation else None,
        }
        if args.trace:
            doc["steps"] = [s.to_dict() for s in session.steps]
        print_json(doc, io.stdout)
    return EXIT_REFUSED


def _refuse_unanswered(args: argparse.Namespace, io: CliIO, session: Any, reason: str) -> int:
    last = session.steps[-1] if session.steps else None
    print(safe_text(f"Sign-in stopped: {reason}"), file=io.stderr)
    if last is not None and last.explanation is not None:
        print(safe_text(f"  Last error: {last.explanation.cause}"), file=io.stderr)
    if args.json:
        doc: dict[str, Any] = {
            "signed_in": False,
            "error": {"code": "ChallengeNotAnswered", "message": reason},
            "last_error": {"code": last.error.code, "message": last.error.message}
            if last and last.error
            else None,
            "explanation": last.explanation.to_dict() if last and last.explanation else None,
        }
        if args.trace:
            doc["steps"] = [s.to_dict() for s in session.steps]
        print_json(doc, io.stdout)
    return EXIT_REFUSED
