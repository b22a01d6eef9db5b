"""`cogtui token decode|verify`: the token inspector for scripts and CI.

    cogtui token decode [TOKEN|-] [--json]
    cogtui token verify [TOKEN|-] (--jwks FILE_OR_URL | --user-pool-id ID [--region R])
                        [--issuer URL] --client-id ID[,ID...] [--token-use id|access|any]
                        [--grace SECONDS] [--json]

The token comes from the argument, or from standard input when it is `-` or absent; a pasted tokens
JSON document or callback URL is searched for its ID and access tokens, and each is shown. Exit codes:
0 valid (or decoded cleanly), 1 invalid (or undecodable), 2 usage error. A pool id is resolved
against the endpoint in use (`--endpoint-url`, else AWS_ENDPOINT_URL_COGNITO_IDP / AWS_ENDPOINT_URL):
its issuer and JWKS are what that endpoint says (see `pool_issuer`). `--endpoint-url` and
`--region` are the parent parser's global options (`args.endpoint_url`, `args.region`); the
parent also adds them to these subcommands (default SUPPRESS) so they may follow `verify`.
Imports neither Textual nor boto3, so it starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any, TextIO

from cogtui.text_safety import safe_text
from cogtui.tokens.claims import claim_rows, header_rows, size_report
from cogtui.tokens.decode import DecodedToken, decode_token
from cogtui.tokens.jwks import JwksSource, RemoteJwks, StaticJwks
from cogtui.tokens.paste import FoundTokens, find_tokens
from cogtui.tokens.pool_issuer import ANY_POOL_ID, IssuerResolver, PoolIssuers, configured_endpoint
from cogtui.tokens.report import Status, ValidationReport
from cogtui.tokens.validation import validate

__all__ = ["add_token_parser", "main", "run_token"]

MAX_INPUT_BYTES = 1_000_000
_KIND_LABELS = {"id": "ID token", "access": "access token", "unknown": "token of unknown kind"}


class UsageError(Exception):
    """Bad arguments or input: reported on stderr with exit code 2."""


def add_token_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add `token decode` and `token verify` to the parent's subparsers; returns the `token` parser."""
    return _add_parsers(subparsers)[0]


def _add_parsers(subparsers: Any) -> tuple[argparse.ArgumentParser, ...]:
    """The `token`, `token decode` and `token verify` parsers."""
    token = subparsers.add_parser(
        "token",
        help="decode and verify Cognito ID and access tokens",
        description="Decode a Cognito token, or verify it the way aws-jwt-verify does, "
        "reporting every check.",
    )
    commands = token.add_subparsers(dest="token_command", metavar="COMMAND", required=True)

    decode = commands.add_parser("decode", help="show header, claims and size (nothing is verified)")
    _token_argument(decode)
    decode.add_argument("--json", dest="token_json", action="store_true", help="print one JSON object")

    verify = commands.add_parser("verify", help="verify signature and claims, report every check")
    _token_argument(verify)
    keys = verify.add_mutually_exclusive_group(required=True)
    keys.add_argument("--jwks", metavar="FILE_OR_URL", help="JWKS file or https URL")
    keys.add_argument("--user-pool-id", metavar="ID", help="fetch the pool's JWKS (cached)")
    verify.add_argument(
        "--issuer", metavar="URL|POOL_ID", help="expected iss, or a pool id (default: the pool's issuer)"
    )
    verify.add_argument("--client-id", required=True, metavar="ID[,ID...]", help="accepted app client id(s)")
    verify.add_argument("--token-use", choices=("id", "access", "any"), default="any")
    verify.add_argument("--grace", type=int, default=0, metavar="SECONDS", help="clock tolerance")
    verify.add_argument("--json", dest="token_json", action="store_true", help="print one JSON object")
    return token, decode, verify


def _token_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "token_input", nargs="?", default="-", metavar="TOKEN|-", help="the token, or - for stdin"
    )


def run_token(args: argparse.Namespace, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Run `token decode` or `token verify`; returns the exit code."""
    stdin = stdin if stdin is not None else sys.stdin
    stdout = stdout if stdout is not None else sys.stdout
    command = getattr(args, "token_command", None) or "decode"
    try:
        text = _read_token(args.token_input, stdin)
        if command == "decode":
            return _run_decode(args, text, stdout)
        return _run_verify(args, text, stdout)
    except UsageError as exc:
        print(safe_text(f"cogtui token {command}: error: {exc}"), file=sys.stderr)
        return 2


def _read_token(value: str | None, stdin: TextIO) -> str:
    if value not in (None, "-"):
        return value
    if stdin is None or (hasattr(stdin, "isatty") and stdin.isatty()):
        raise UsageError("no token: pass it as an argument or pipe it to standard input with '-'")
    text = stdin.read(MAX_INPUT_BYTES + 1)
    if len(text) > MAX_INPUT_BYTES:
        raise UsageError(f"standard input is larger than {MAX_INPUT_BYTES:,} bytes")
    if not text.strip():
        raise UsageError("no token on standard input")
    return text


# decode ---------------------------------------------------------------------------------------
def _run_decode(args: argparse.Namespace, text: str, out: TextIO) -> int:
    found, items = _pasted(text)
    now = time.time()
    decoded = {kind: decode_token(token) for kind, token in items}
    if args.token_json:
        _print_json(out, _document(found, {kind: _decoded_dict(d, now) for kind, d in decoded.items()}))
    else:
        _print_note(out, found)
        for number, one in enumerate(decoded.values()):
            if number:
                _emit(out, "")
            _print_decoded(out, one, now)
    return 0 if all(d.well_formed for d in decoded.values()) else 1


def _pasted(text: str) -> tuple[FoundTokens | None, list[tuple[str, str]]]:
    """The tokens to work on: both of a pasted tokens document or callback URL, else the text itself."""
    found = find_tokens(text)
    if found is None:
        return None, [("token", text)]
    return found, [(kind, token) for kind in ("id", "access") if (token := found.token(kind))]


def _document(found: FoundTokens | None, parts: dict[str, dict[str, Any]], **extra: Any) -> dict[str, Any]:
    """One token's JSON as before; for a pasted document, each token's JSON under its kind."""
    if found is None:
        return parts["token"]
    return {
        "found_in": found.found_in,
        **extra,
        "tokens": parts,
        "refresh_token_found": found.refresh_token_found,
    }


def _print_note(out: TextIO, found: FoundTokens | None) -> None:
    if found is not None:
        _emit(out, found.note)
        _emit(out, "")


def _decoded_dict(decoded: DecodedToken, now: float) -> dict[str, Any]:
    size = size_report(decoded)
    return {
        "well_formed": decoded.well_formed,
        "kind": decoded.kind,
        "header": decoded.header,
        "payload": decoded.payload,
        "cleanups": list(decoded.cleanups),
        "problems": list(decoded.problems),
        "size_bytes": decoded.size,
        "size": {
            "summary": size.summary,
            "limits": [
                {
                    "name": f.limit.name,
                    "limit_bytes": f.limit.limit_bytes,
                    "used_bytes": f.used_bytes,
                    "status": f.status,
                }
                for f in size.findings
            ],
        },
        "claims": [
            {
                "name": r.name,
                "value": r.value,
                "utc": r.utc,
                "relative": r.relative,
                "explanation": r.explanation,
            }
            for r in claim_rows(decoded.payload, now)
        ],
    }


def _print_decoded(out: TextIO, decoded: DecodedToken, now: float) -> None:
    label = _KIND_LABELS[decoded.kind]
    _emit(out, f"{label[0].upper()}{label[1:]} (decoded, not verified) · {decoded.size:,} bytes")
    for note in decoded.cleanups:
        _emit(out, f"  note: {note}")
    if decoded.header is not None:
        _emit(out, "")
        _emit(out, "Header")
        _print_rows(out, [(r.label, r.rendered, r.explanation) for r in header_rows(decoded.header)])
    if decoded.payload is not None:
        _emit(out, "")
        _emit(out, "Claims")
        rows = []
        for r in claim_rows(decoded.payload, now):
            value = f"{r.rendered}  ({r.utc}, {r.relative})" if r.utc else r.rendered
            rows.append((r.label, value, r.explanation))
        _print_rows(out, rows)
        _emit(out, "")
        _emit(out, f"Size: {size_report(decoded).summary}")
    if decoded.problems:
        _emit(out, "")
        _emit(out, "Problems")
        for problem in decoded.problems:
            _emit(out, f"  - {problem}")


def _print_rows(out: TextIO, rows: list[tuple[str, str, str]], value_width: int = 64) -> None:
    if not rows:
        _emit(out, "  (empty)")
        return
    name_width = min(max(len(name) for name, _, _ in rows), 24)
    shown = [(n, v if len(v) <= value_width else v[: value_width - 1] + "…", e) for n, v, e in rows]
    width = min(max(len(v) for _, v, _ in shown), value_width)
    for name, value, explanation in shown:
        _emit(out, f"  {name:<{name_width}}  {value:<{width}}  {explanation}".rstrip())


# verify ---------------------------------------------------------------------------------------
def _run_verify(args: argparse.Namespace, text: str, out: TextIO) -> int:
    client_ids = [c.strip() for c in (args.client_id or "").split(",") if c.strip()]
    if not client_ids:
        raise UsageError("--client-id needs at least one app client id")
    if args.grace < 0:
        raise UsageError("--grace cannot be negative")
    source, issuer = _key_source(args)
    found, items = _pasted(text)
    reports = {}
    for kind, token in items:
        # a token found under its name is expected to be that kind, unless --token-use says otherwise
        use = args.token_use if args.token_use != "any" or kind == "token" else kind
        reports[kind] = validate(
            token,
            jwks=source,
            issuer=issuer,
            client_ids=client_ids,
            token_use=None if use == "any" else use,
            grace_s=args.grace,
        )
    valid = all(report.valid for report in reports.values())
    if args.token_json:
        parts = {kind: _report_dict(report) for kind, report in reports.items()}
        _print_json(out, _document(found, parts, valid=valid))
    else:
        _print_note(out, found)
        for number, report in enumerate(reports.values()):
            if number:
                _emit(out, "")
            _print_report(out, report)
    return 0 if valid else 1


def _key_source(args: argparse.Namespace) -> tuple[JwksSource, str | PoolIssuers | None]:
    """The keys and the issuers to accept. A pool id (of any shape, in --user-pool-id or --issuer) is
    resolved against the endpoint in use: AWS's forms on AWS, what the endpoint says on any other."""
    endpoint = configured_endpoint(getattr(args, "endpoint_url", None))
    region = getattr(args, "region", None)
    resolver = IssuerResolver()
    issuer: str | PoolIssuers | None = args.issuer
    if args.issuer is not None:
        text = args.issuer.strip()
        if ANY_POOL_ID.fullmatch(text):
            issuer = _resolve(resolver, text, endpoint, region, "--issuer")
        elif not text.startswith(("https://", "http://")):
            raise UsageError(
                f"--issuer must be an http(s) URL or a user pool id, not {safe_text(args.issuer)!r}"
            )
    if args.jwks:
        location = args.jwks
        if location.startswith(("https://", "http://")):
            return RemoteJwks(location), issuer
        try:
            return StaticJwks.from_file(location), issuer
        except OSError as exc:
            raise UsageError(f"cannot read the JWKS file {location}: {exc.strerror or exc}") from None
    pool = _resolve(resolver, args.user_pool_id.strip(), endpoint, region, "--user-pool-id")
    return RemoteJwks(pool.jwks_url), issuer if issuer is not None else pool


def _resolve(
    resolver: IssuerResolver, pool_id: str, endpoint: str | None, region: str | None, option: str
) -> PoolIssuers:
    try:
        return resolver.resolve(pool_id, endpoint, region)
    except ValueError as exc:
        raise UsageError(f"{option}: {exc}") from None


def _report_dict(report: ValidationReport) -> dict[str, Any]:
    decoded = report.token
    size = size_report(decoded)
    return {
        **report.to_dict(),
        "kind": decoded.kind,
        "cleanups": list(decoded.cleanups),
        "header": decoded.header,
        "payload": decoded.payload,
        "size_bytes": decoded.size,
        "size": {"status": size.status, "summary": size.summary},
    }


def _print_report(out: TextIO, report: ValidationReport) -> None:
    fancy = _can_print(out, "✔✘–·")
    decoded = report.token
    verdict = ("✔ VALID" if fancy else "VALID") if report.valid else ("✘ INVALID" if fancy else "INVALID")
    kid = decoded.header.get("kid") if decoded.header else None
    facts = [_KIND_LABELS[decoded.kind], f"{decoded.size:,} bytes"]
    if isinstance(kid, str):
        facts.insert(1, f"kid {kid[:40]}")
    sep = " · " if fancy else " - "
    if report.valid and report.warnings:
        facts.insert(0, f"{len(report.warnings)} warning(s)")
    elif not report.valid:
        facts.insert(0, report.summary.replace("invalid: ", "failed: "))
    _emit(out, f"{verdict}{sep}{sep.join(facts)}")
    for note in decoded.cleanups:
        _emit(out, f"  note: {note}")
    width = max(len(c.name) for c in report.checks)
    for check in report.checks:
        glyph = check.status.glyph if fancy else check.status.ascii_glyph
        _emit(out, f"  {glyph} {check.name:<{width}}  {check.detail}")
    size = size_report(decoded)
    if size.status != "ok":  # not a check (a big token is still valid), but worth knowing before it breaks
        status = Status.FAIL if size.status == "over" else Status.WARN
        _emit(out, f"  {status.glyph if fancy else status.ascii_glyph} size: {size.summary}")


def _can_print(out: TextIO, sample: str) -> bool:
    encoding = getattr(out, "encoding", None) or "utf-8"
    try:
        sample.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _print_json(out: TextIO, data: dict[str, Any]) -> None:
    """JSON with every non-ASCII and control character escaped by the encoder (its newlines are layout)."""
    out.write(json.dumps(data, ensure_ascii=True, indent=2, default=repr) + "\n")


def _emit(out: TextIO, line: str) -> None:
    """Write one line. Whatever a token put in it stays on that line (control characters, newlines and
    escape sequences are escaped); characters the stream cannot encode are escaped too."""
    line = safe_text(line)
    encoding = getattr(out, "encoding", None) or "utf-8"
    try:
        line.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        line = line.encode("ascii", "backslashreplace").decode("ascii")
    out.write(line + "\n")


def _add_connection_options(parser: argparse.ArgumentParser, default: Any) -> None:
    parser.add_argument(
        "--endpoint-url", default=default, help="endpoint for the issuer and JWKS of --user-pool-id"
    )
    parser.add_argument("--region", default=default, help="region, when the pool id does not start with it")


def main(argv: list[str] | None = None) -> int:
    """Standalone entry point (`python -m cogtui.cli.token token verify ...`), wired like cogtui's
    own parser: `--endpoint-url` / `--region` are global and may also follow the subcommand."""
    parser = argparse.ArgumentParser(prog="cogtui")
    _add_connection_options(parser, None)
    _token, decode, verify = _add_parsers(parser.add_subparsers(dest="command", required=True))
    for sub in (decode, verify):
        _add_connection_options(sub, argparse.SUPPRESS)
    return run_token(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
