"""The ``identity credentials`` exchange as the command line runs it: pre-flight, exchange, proof, output.

``run_credentials(gateway, options, ...)`` describes the identity pool, runs the pre-flight and the
token's verification, exchanges, optionally proves with STS, and prints the credentials on standard
output in the chosen format (or saves them); notes, the STS proof for the env and profile formats and
the diagnosis of a failure go to standard error. Returns the exit code: 0 success, 1 the exchange or
the proof failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from cogtui.text_safety import safe_text

if TYPE_CHECKING:
    from cogtui.aws.cognito_gateway import CognitoGateway
    from cogtui.aws.models import IdentityPool
    from cogtui.identity.credentials import AwsCredentials
    from cogtui.identity.doctor import Check
    from cogtui.identity.exchange import ExchangeResult
    from cogtui.tokens.jwks import JwksSource

__all__ = ["SECTION_FORMATS", "Options", "run_credentials"]

SECTION_FORMATS = {"profile": "credentials", "config": "config"}  # format -> the AWS file it updates

CREDENTIAL_PROCESS_NOTE = (
    "Not read with --format credential-process: a credential process never asks for AWS credentials "
    "itself (it may be the one providing them)."
)


@dataclass(frozen=True)
class Options:
    identity_pool_id: str
    id_token: str | None
    flow: str
    role_arn: str | None
    role_session_name: str
    logins_key: str | None
    verify: bool
    fmt: str
    profile_name: str
    show_checks: bool
    save: str | None = None
    force: bool = False
    token_env: str | None = None
    endpoint_url: str | None = None


async def _describe(gateway: CognitoGateway, pool_id: str) -> tuple[IdentityPool | None, str]:
    from cogtui.aws.errors import CogtuiError

    try:
        return await gateway.describe_identity_pool(pool_id), ""
    except CogtuiError as err:
        return (
            None,
            f"DescribeIdentityPool failed ({err.code}); checks that need the identity pool's settings are skipped.",
        )


async def run_credentials(
    gateway: CognitoGateway,
    options: Options,
    stdout: TextIO,
    stderr: TextIO,
    *,
    jwks: JwksSource | None = None,
) -> int:
    """Describe the identity pool, run the pre-flight and the token's verification (``jwks``: where the
    user pool's keys come from; by default the connection's endpoint), exchange, optionally prove;
    returns the exit code."""
    from cogtui.aws.errors import CogtuiError
    from cogtui.identity.doctor import Status, preflight
    from cogtui.identity.exchange import ExchangeRequest, run_exchange
    from cogtui.identity.token_verification import verify_id_token_async
    from cogtui.tokens.jwks import JwksCache

    try:
        connection = await gateway.connection()
    except CogtuiError as err:
        print(f"cogtui: {err.describe()}", file=stderr)
        return 1
    region = connection.region
    if options.fmt == "credential-process":
        pool, pool_note = None, CREDENTIAL_PROCESS_NOTE
    else:
        pool, pool_note = await _describe(gateway, options.identity_pool_id)
    checks = preflight(
        identity_pool_id=options.identity_pool_id,
        pool=pool,
        flow=options.flow,
        id_token=options.id_token,
        logins_key=options.logins_key,
        custom_role_arn=options.role_arn if options.flow == "enhanced" else None,
        role_arn=options.role_arn if options.flow == "basic" else None,
        region=region,
        pool_note=pool_note,
    )
    if options.id_token is not None:
        if jwks is None:
            settings = connection.settings
            jwks = JwksCache(endpoint_url=settings.endpoint_url, timeout=settings.read_timeout)
        checks += await verify_id_token_async(options.id_token, pool=pool, jwks=jwks)
    if options.show_checks:
        _print_checks("Pre-flight checks:", checks, stderr)
    common: dict[str, Any] = {
        "flow": options.flow,
        "role_arn": options.role_arn if options.flow == "basic" else None,
        "custom_role_arn": options.role_arn if options.flow == "enhanced" else None,
        "role_session_name": options.role_session_name,
    }
    try:
        if options.id_token is None:
            request = ExchangeRequest(options.identity_pool_id, {}, **common)
        else:
            request = ExchangeRequest.for_id_token(
                options.identity_pool_id, options.id_token, logins_key=options.logins_key, **common
            )
    except ValueError as exc:
        print(safe_text(f"cogtui: cannot build the Logins map: {exc}"), file=stderr)
        _print_checks("Pre-flight checks that fail:", [c for c in checks if c.status is Status.FAIL], stderr)
        return 1
    result = await run_exchange(gateway, request, pool=pool, region=region)
    if not result.ok:
        await _print_failure(gateway, result, checks, stderr)
        return 1
    failing = [c for c in checks if c.status is Status.FAIL]
    if failing:
        _print_checks(
            "warning: the endpoint accepted the exchange although these checks predict that Cognito would refuse it "
            "(a local emulator checks almost nothing):",
            failing,
            stderr,
        )
    return await _output(gateway, result, options, stdout, stderr)


async def _output(
    gateway: CognitoGateway,
    result: ExchangeResult,
    options: Options,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    from cogtui.identity.export import process_command_for, render
    from cogtui.identity.proof import try_prove

    credentials = result.credentials
    assert credentials is not None
    extra: dict[str, Any] = {}
    caller_arn: str | None = None
    if options.verify:
        proof = await try_prove(gateway, credentials)
        if not proof.ok or proof.caller is None:
            print("cogtui: the credentials were issued but STS refused them.", file=stderr)
            if proof.diagnosis:
                _print_lines(proof.diagnosis.lines(), stderr)
            return 1
        caller_arn = proof.caller.arn
        if options.fmt == "json":
            extra = {"CallerArn": proof.caller.arn, "CallerAccount": proof.caller.account}
        else:
            print(safe_text(f"Verified with STS GetCallerIdentity: {proof.caller.arn}"), file=stderr)
    extra.update(_role_report(credentials.role_arn, caller_arn, options.role_arn, options.fmt, stderr))
    command = None
    if options.fmt == "config":
        region = (await gateway.connection()).region
        command = process_command_for(result.request, endpoint_url=options.endpoint_url, region=region)
    text = render(credentials, options.fmt, extra=extra, profile=options.profile_name, command=command)
    if options.save is not None:
        return _save(credentials, options, text, command, stderr)
    stdout.write(text)
    stdout.flush()
    return 0


def _role_report(
    granted: str | None, caller_arn: str | None, requested: str | None, fmt: str, stderr: TextIO
) -> dict[str, Any]:
    """The role the credentials really carry (the exchange's answer, else the STS proof), never the one
    asked for; a note on standard error when it differs from the request or cannot be confirmed."""
    from cogtui.identity.roles import granted_role_note, role_arn_from_caller_arn

    granted = granted or role_arn_from_caller_arn(caller_arn)
    note = granted_role_note(granted, requested) if (requested or caller_arn or granted) else ""
    if note:
        print(safe_text(f"cogtui: {note}"), file=stderr)
    if fmt != "json":
        return {}
    fields: dict[str, Any] = {"RoleArn": granted}
    if requested:
        fields["RequestedRoleArn"] = requested
    if note:
        fields["RoleNote"] = note
    return fields


def _save(
    credentials: AwsCredentials, options: Options, text: str, command: str | None, stderr: TextIO
) -> int:
    """Write the export to --save: one section merged into the file, or the whole file (0600 either way)."""
    from cogtui.identity.export import ExportError, write_export
    from cogtui.identity.profile_file import save_section, section_values

    try:
        if options.fmt in SECTION_FORMATS:
            kind = SECTION_FORMATS[options.fmt]
            values, comment = section_values(kind, credentials, command)
            done = save_section(options.save or "", kind, options.profile_name, values, comment=comment)
            print(f"{done.done} (mode 0600).", file=stderr)
        else:
            target = write_export(options.save or "", text, overwrite=options.force)
            print(f"Wrote the credentials as {options.fmt} to {target} (mode 0600).", file=stderr)
    except ExportError as exc:
        print(safe_text(f"cogtui: {exc}"), file=stderr)
        return 1
    if options.fmt == "config" and options.id_token is not None:
        from cogtui.identity.export import TOKEN_ENV

        print(
            f"The entry reads the ID token from ${TOKEN_ENV}: export {TOKEN_ENV}=<ID token> before using "
            f"--profile {options.profile_name}.",
            file=stderr,
        )
    return 0


async def _print_failure(
    gateway: CognitoGateway, result: ExchangeResult, checks: tuple[Check, ...], stderr: TextIO
) -> None:
    from cogtui.identity.doctor import Status

    step = result.failed_step
    diagnosis = result.diagnosis
    if diagnosis is not None:
        lines = diagnosis.lines()
        print(safe_text(f"cogtui: {lines[0]}"), file=stderr)
        _print_lines(lines[1:], stderr)
    if step is not None and step.request_id:
        _print_lines([f"Request id: {step.request_id}"], stderr)
    if diagnosis is not None and _about_roles(diagnosis.code, diagnosis.message):
        _print_lines([f"Role: {await _role_line(gateway, result)}"], stderr)
    predicted = [c for c in checks if c.status in (Status.FAIL, Status.WARN)]
    if predicted:
        _print_checks("Pre-flight checks:", predicted, stderr)


def _about_roles(code: str, message: str) -> bool:
    role_codes = {"InvalidIdentityPoolConfigurationException", "AmbiguousRoleResolutionException"}
    return code in role_codes or "ambiguous role mapping" in message.lower()


async def _role_line(gateway: CognitoGateway, result: ExchangeResult) -> str:
    """Which role Cognito would pick, from GetIdentityPoolRoles when the endpoint and credentials allow."""
    from cogtui.aws.errors import CogtuiError
    from cogtui.identity.exchange import explain_exchange_role

    try:
        roles = await gateway.identity_pool_roles(result.request.identity_pool_id)
    except CogtuiError:
        roles = None
    return explain_exchange_role(result, roles).line()


def _print_lines(lines: list[str], stderr: TextIO) -> None:
    """Each line indented and escaped: a token's claim or a server's words never add lines of their own."""
    for line in lines:
        print(f"  {safe_text(line)}", file=stderr)


def _print_checks(title: str, checks: Any, stderr: TextIO) -> None:
    checks = list(checks)
    if not checks:
        return
    print(title, file=stderr)
    _print_lines([c.line() for c in checks], stderr)
