"""Turn botocore exceptions into typed CogtuiErrors with a plain explanation and the next step."""

from __future__ import annotations

import botocore.exceptions as bex

from cogtui.aws import errors as e

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


def _renew_hint(profile: str | None) -> str:
    where = f" --profile {profile}" if profile else ""
    return (
        f"Renew them: `aws sso login{where}` for an SSO profile, or refresh the keys in your credentials file "
        f"(`aws configure{where}`), then retry."
    )


def map_exception(
    exc: BaseException, service: str, operation: str, profile: str | None = None
) -> e.CogtuiError:
    """The typed error for ``exc`` raised by ``service.operation``."""
    if isinstance(exc, e.CogtuiError):
        return exc
    if isinstance(exc, bex.ClientError):
        return _from_client_error(exc, service, operation, profile)
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
        return e.TimeoutError_(
            f"The endpoint accepted the connection but did not answer ({exc.kwargs.get('endpoint_url', '')}).",
            code="ReadTimeout",
            operation=operation,
            hint="The service is slow or frozen; retry, or raise the read timeout (COGTUI_READ_TIMEOUT).",
        )
    if isinstance(
        exc, bex.EndpointConnectionError | bex.ConnectionClosedError | bex.ProxyConnectionError | bex.SSLError
    ):
        return e.EndpointError(
            f"Could not reach {exc.kwargs.get('endpoint_url', 'the endpoint')}.",
            code=type(exc).__name__,
            operation=operation,
            hint="Is the endpoint up? Check --endpoint-url / AWS_ENDPOINT_URL, the region and your network.",
        )
    if isinstance(exc, bex.ParamValidationError):
        return e.InvalidInputError(str(exc).replace("\n", " "), code="ParamValidation", operation=operation)
    if isinstance(exc, bex.NoRegionError):
        return e.ConfigurationError("No AWS region is configured.", code="NoRegion", operation=operation)
    if isinstance(exc, bex.BotoCoreError):
        return e.ServiceError(str(exc), code=type(exc).__name__, operation=operation)
    return e.UnexpectedError(f"{type(exc).__name__}: {exc}", code=type(exc).__name__, operation=operation)


def _from_client_error(
    exc: bex.ClientError, service: str, operation: str, profile: str | None
) -> e.CogtuiError:
    response = exc.response or {}
    error = response.get("Error") or {}
    meta = response.get("ResponseMetadata") or {}
    code = str(error.get("Code") or "Unknown")
    message = str(error.get("Message") or "")
    status = meta.get("HTTPStatusCode")
    common = {
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
        return e.NotFoundError(message or "Not found.", **common)
    if code == "NotAuthorizedException":
        return e.NotAuthorizedError(message or "Not authorized.", **common)
    if code in _INPUT_CODES:
        return e.InvalidInputError(message or "Invalid parameter.", **common)
    if (
        (status or 0) >= 500
        or code.isdigit()
        or code in {"InternalErrorException", "InternalFailure", "ServiceUnavailable"}
    ):
        body = message or ""
        if code.isdigit() or "not been implemented" in body:
            return e.ServiceError(
                f"The endpoint failed on {operation} (HTTP {status or code}); it may not implement this operation.",
                hint="Local emulators implement only part of Cognito.",
                **common,
            )
        return e.ServiceError(
            message or f"The service failed (HTTP {status}).", hint="Retry in a moment.", **common
        )
    return e.CogtuiError(message or code, **common)
