"""Typed errors: botocore exceptions become CogtuiError subclasses with code, message, operation and request id."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class CogtuiError(Exception):
    """Any failure of an AWS call, already explained in plain words."""

    message: str
    code: str = "Error"
    operation: str = ""
    request_id: str | None = None
    http_status: int | None = None
    retries: int = 0
    hint: str = ""

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    @property
    def title(self) -> str:
        """A short heading for an error panel."""
        return f"{self.operation}: {self.code}" if self.operation else self.code

    def describe(self) -> str:
        """Message, hint and request id on separate lines, ready to show or copy."""
        lines = [f"{self.title} — {self.message}"]
        if self.hint:
            lines.append(self.hint)
        if self.request_id:
            lines.append(f"Request id: {self.request_id}")
        return "\n".join(lines)


class ReadOnlyError(CogtuiError):
    """A mutating call refused because cogtui runs with --read-only."""


class ConfigurationError(CogtuiError):
    """Something is missing before any call can be made (region, profile)."""


class CredentialsError(CogtuiError):
    """No credentials, expired credentials or an expired SSO session."""


class EndpointError(CogtuiError):
    """The endpoint cannot be reached: refused, DNS failure, TLS failure."""


class TimeoutError_(CogtuiError):
    """The endpoint accepted the connection but did not answer in time."""


class ThrottledError(CogtuiError):
    """Too many requests, after the bounded retries."""


class AccessDeniedError(CogtuiError):
    """The caller's IAM policy does not allow the action."""


class NotFoundError(CogtuiError):
    """The pool, client, user, group or identity pool does not exist."""


class NotAuthorizedError(CogtuiError):
    """Cognito refused the sign-in or the token."""


class InvalidInputError(CogtuiError):
    """Cognito rejected a parameter (bad filter, bad id, weak password...)."""


class ServiceError(CogtuiError):
    """The service failed (HTTP 5xx) or does not implement the operation."""


class UnsupportedOperationError(ServiceError):
    """The endpoint answered that it does not implement the operation (an emulator): asking again cannot help."""


class UnexpectedError(CogtuiError):
    """A bug or a failure cogtui did not foresee; shown with its detail so it can be reported."""
