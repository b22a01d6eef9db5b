"""Turn botocore exceptions into typed CogtuiErrors with a plain explanation and the next step."""

from __future__ import annotations

import http.client
import re
from collections.abc import Callable
from typing import Any, TypedDict

import botocore.exceptions as bex
import urllib3.exceptions

from cogtui.aws import errors as e


class DeadlineReached(bex.BotoCoreError):
    """Raised before an attempt would start past the command's deadline: botocore retries no further."""

    fmt = "The command's deadline of {deadline:g} s has passed."


def deadline_error(operation: str, deadline_s: float) -> e.EndpointTimeoutError:
    """The typed error of a command that ran out of time (the endpoint is slow or frozen)."""
    return e.EndpointTimeoutError(
        f"No answer within the command's deadline of {deadline_s:g} s ({operation} was still waiting).",
        code="Deadline",
        operation=operation,
        hint="The endpoint is slow or frozen: check it, or allow more time with --deadline SECONDS "
        "(or COGTUI_DEADLINE).",
    )


# What a failing call raises: botocore's errors and the HTTP layer's. Anything else is a bug in cogtui and
# must reach the app's error panel as one, not pass for an AWS answer.
CALL_FAILURES: tuple[type[Exception], ...] = (
    bex.BotoCoreError,
    bex.ClientError,
    http.client.HTTPException,
    urllib3.exceptions.HTTPError,
)

_SERVICE_IAM_PREFIX = {"cognito-idp": "cognito-idp", "cognito-identity": "cognito-identity", "sts": "sts"}

_CREDENTIAL_CODES = frozenset(
    {
        "ExpiredToken",
        "ExpiredTokenException",
        "RequestExpired",
        "InvalidClientTokenId",
        "UnrecognizedClientException",
        "InvalidSignatureException",
        "SignatureDoesNotMatch",
        "MissingAuthenticationToken",
        "IncompleteSignature",
    }
)
_ACCESS_CODES = frozenset({"AccessDenied", "AccessDeniedException", "UnauthorizedOperation"})
_THROTTLE_CODES = frozenset(
    {
        "TooManyRequestsException",
        "ThrottlingException",
        "Throttling",
        "RequestLimitExceeded",
        "TooManyFailedAttemptsException",
    }
)
_NOT_FOUND_CODES = frozenset({"ResourceNotFoundException", "UserNotFoundException", "GroupNotFoundException"})
_INPUT_CODES = frozenset(
    {
        "InvalidParameterException",
        "ValidationException",
        "InvalidPasswordException",
        "InvalidParameterValueException",
    }
)


# How endpoints say "I do not implement this": cognito-local's ``Unsupported`` (HTTP 500), a 501, and
# moto's "The X action has not been implemented". Real Cognito's UnsupportedOperationException means a
# setting of the pool or client, not a missing operation, so it is not one of these.
_UNSUPPORTED_CODES = frozenset({"Unsupported", "NotImplemented", "NotImplementedException", "501"})
_UNSUPPORTED_WORDS = re.compile(
    r"not (?:been |yet )?implemented|unsupported x-amz-target|^unsupported\b|not supported by (?:this|the) "
    r"(?:emulator|endpoint|server)",
    re.IGNORECASE,
)


def is_unsupported(code: str, message: str, status: int | None) -> bool:
    """Whether an error answer means the endpoint does not implement the operation at all."""
    if code in _UNSUPPORTED_CODES or status == 501:
        return True
    return (status or 0) >= 500 and bool(_UNSUPPORTED_WORDS.search(message))


def _renew_hint(profile: str | None) -> str:
    where = f" --profile {profile}" if profile else ""
    return (
        f"Renew them: `aws sso login{where}` for an SSO profile, or refresh the keys in your credentials file "
        f"(`aws configure{where}`), then retry."
    )


def map_exception(
    exc: BaseException,
    service: str,
    operation: str,
    profile: str | None = None,
    *,
    attempts: int = 0,
    read_timeout: float | None = None,
) -> e.CogtuiError:
    """The typed error for ``exc`` raised by ``service.operation``.

    ``attempts`` is how many HTTP attempts botocore made (its retries included) when the exception
    carries no response to say so; ``read_timeout`` is the configured read timeout, named when the
    endpoint did not answer.
    """
    if isinstance(exc, e.CogtuiError):
        return exc
    err = _map(exc, service, operation, profile, max(attempts, 1), read_timeout)
    if attempts > 1 and not err.retries:
        err.retries = attempts - 1
    return err


def _attempts_text(attempts: int) -> str:
    return f"{attempts} attempt{'s' if attempts != 1 else ''}"


def _readable_validation(report: str) -> str:
    """botocore's parameter validation report as sentences, without echoing any value."""
    sentences = []
    for line in report.splitlines():
        line = line.strip()
        if not line or line.startswith("Parameter validation failed"):
            continue
        for pattern, render in _VALIDATION_LINES:
            match = pattern.match(line)
            if match:
                sentences.append(render(match))
                break
        else:
            sentences.append(line)
    return " ".join(sentences) or "A parameter is not valid."


def _length(match: re.Match[str]) -> str:
    name, value, bound, limit = match.group(1, 2, 3, 4)
    if bound == "min" and value == "0":
        return f"{name} is empty: type a value."
    if bound == "min":
        return f"{name} is too short ({value} characters, at least {limit})."
    return f"{name} is too long ({value} characters, at most {limit})."


_VALIDATION_LINES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"Invalid length for parameter (\S+), value: (\d+), valid (min|max) length: (\d+)"), _length),
    (
        re.compile(r"Invalid (?:value|range) for parameter (\S+), value: .*, valid (min|max) value: (\S+)"),
        lambda m: f"{m.group(1)} must be at {'least' if m.group(2) == 'min' else 'most'} {m.group(3)}.",
    ),
    (re.compile(r'Missing required parameter in \S+: "(\S+)"'), lambda m: f"{m.group(1)} is required."),
    (
        re.compile(r"Invalid type for parameter (\S+), value: .*, type: (.+), valid types: (.+)"),
        lambda m: f"{m.group(1)} has the wrong type ({m.group(2)}; expected {m.group(3)}).",
    ),
    (
        re.compile(r'Unknown parameter in \S+: "(\S+)", must be one of: (.+)'),
        lambda m: f"{m.group(1)} is not a parameter of this call (expected one of: {m.group(2)}).",
    ),
]


def _map(
    exc: BaseException,
    service: str,
    operation: str,
    profile: str | None,
    attempts: int,
    read_timeout: float | None,
) -> e.CogtuiError:
    if isinstance(exc, bex.ClientError):
        return _from_client_error(exc, service, operation, profile)
    if isinstance(exc, DeadlineReached):
        return deadline_error(operation, float(exc.kwargs.get("deadline") or 0))
    if isinstance(exc, bex.NoCredentialsError):
        return e.CredentialsError(
            "No AWS credentials were found.",
            code="NoCredentials",
            operation=operation,
            hint="Set AWS_PROFILE or pass --profile, run `aws configure`, or use --sandbox to try cogtui locally. "
            "Sign-in and identity-pool calls need no credentials.",
        )
    if isinstance(exc, bex.PartialCredentialsError):
        return e.CredentialsError(
            str(exc), code="PartialCredentials", operation=operation, hint=_renew_hint(profile)
        )
    if isinstance(exc, bex.SSOTokenLoadError | bex.UnauthorizedSSOTokenError | bex.TokenRetrievalError):
        return e.CredentialsError(
            "The SSO session has expired or was never started.",
            code="SSOSessionExpired",
            operation=operation,
            hint=_renew_hint(profile),
        )
    if isinstance(exc, bex.ConnectTimeoutError):
        return e.EndpointError(
            f"Could not connect to {exc.kwargs.get('endpoint_url', 'the endpoint')} in time.",
            code="ConnectTimeout",
            operation=operation,
            hint="Check the endpoint URL, your network, VPN or proxy.",
        )
    if isinstance(exc, bex.ReadTimeoutError):
        within = f" within {read_timeout:g} s" if read_timeout else ""
        return e.EndpointTimeoutError(
            f"The endpoint accepted the connection but did not answer{within} "
            f"({exc.kwargs.get('endpoint_url', '')}).",
            code="ReadTimeout",
            operation=operation,
            hint=f"Gave up after {_attempts_text(attempts)}: the service is slow or frozen. Retry, or raise "
            "the read timeout (COGTUI_READ_TIMEOUT).",
        )
    if isinstance(exc, bex.ConnectionClosedError):
        return e.EndpointError(
            f"The endpoint closed the connection before answering ({exc.kwargs.get('endpoint_url', '')}).",
            code=type(exc).__name__,
            operation=operation,
            hint=f"Gave up after {_attempts_text(attempts)}. The service may be restarting, or a proxy or "
            "load balancer dropped the connection; retry in a moment.",
        )
    if isinstance(exc, bex.EndpointConnectionError | bex.ProxyConnectionError | bex.SSLError):
        return e.EndpointError(
            f"Could not reach {exc.kwargs.get('endpoint_url', 'the endpoint')}.",
            code=type(exc).__name__,
            operation=operation,
            hint=f"Gave up after {_attempts_text(attempts)}. Is the endpoint up? Check --endpoint-url / "
            "AWS_ENDPOINT_URL, the region and your network.",
        )
    if isinstance(exc, bex.ParamValidationError):
        return e.InvalidInputError(
            _readable_validation(str(exc.kwargs.get("report") or exc)),
            code="ParamValidation",
            operation=operation,
            hint="Nothing was sent: check the value typed.",
        )
    if isinstance(exc, bex.NoRegionError):
        return e.ConfigurationError("No AWS region is configured.", code="NoRegion", operation=operation)
    if isinstance(exc, bex.BotoCoreError):
        return e.ServiceError(str(exc), code=type(exc).__name__, operation=operation)
    return e.UnexpectedError(f"{type(exc).__name__}: {exc}", code=type(exc).__name__, operation=operation)


class _ErrorFields(TypedDict):
    """What every error mapped from a ClientError carries, whatever its class."""

    code: str
    operation: str
    request_id: str | None
    http_status: int | None
    retries: int


def _from_client_error(
    exc: bex.ClientError, service: str, operation: str, profile: str | None
) -> e.CogtuiError:
    response: dict[str, Any] = dict(exc.response or {})
    error: dict[str, Any] = dict(response.get("Error") or {})
    meta: dict[str, Any] = dict(response.get("ResponseMetadata") or {})
    code = str(error.get("Code") or "Unknown")
    message = str(error.get("Message") or "").strip()  # a blank message is no message
    status: int | None = meta.get("HTTPStatusCode")
    common: _ErrorFields = {
        "code": code,
        "operation": operation,
        "request_id": meta.get("RequestId") or None,
        "http_status": status,
        "retries": int(meta.get("RetryAttempts") or 0),
    }
    if code in _CREDENTIAL_CODES:
        return e.CredentialsError(
            message or "The AWS credentials are invalid or expired.", hint=_renew_hint(profile), **common
        )
    if code in _ACCESS_CODES:
        action = f"{_SERVICE_IAM_PREFIX.get(service, service)}:{operation}"
        return e.AccessDeniedError(
            message or "Access denied.",
            hint=f"Your IAM identity needs permission for the action {action}.",
            **common,
        )
    if code in _THROTTLE_CODES:
        tries = common["retries"] + 1
        return e.ThrottledError(
            message or "Too many requests.",
            hint=f"Cognito throttled the call ({tries} attempt{'s' if tries > 1 else ''}); wait a moment and retry.",
            **common,
        )
    if code in _NOT_FOUND_CODES:
        return e.NotFoundError(message or f"{operation}: not found; check the id.", **common)
    if code == "NotAuthorizedException":
        return e.NotAuthorizedError(message or "Not authorized.", **common)
    if code in _INPUT_CODES:
        return e.InvalidInputError(message or "Invalid parameter.", **common)
    if is_unsupported(code, message, status):
        said = f" It said: {message}" if message else ""
        return e.UnsupportedOperationError(
            f"This endpoint does not support {operation}.{said}",
            hint="Asking again will not help: local emulators implement only part of Cognito. Use an "
            "endpoint that implements it (Amazon Cognito itself) for this.",
            **common,
        )
    if (
        (status or 0) >= 500
        or code.isdigit()
        or code in {"InternalErrorException", "InternalFailure", "ServiceUnavailable"}
    ):
        if code.isdigit():  # a bare error page: a server restarting, or an emulator that lacks the operation
            return e.ServiceError(
                f"The endpoint failed on {operation} (HTTP {status or code}) without an AWS error: it may be "
                "restarting, or it may not implement this operation.",
                hint="Retry in a moment; if it fails again, the endpoint does not implement this operation "
                "(local emulators implement only part of Cognito).",
                **common,
            )
        return e.ServiceError(
            message or f"The service failed (HTTP {status}).", hint="Retry in a moment.", **common
        )
    return e.CogtuiError(message or code, **common)
