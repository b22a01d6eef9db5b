"""Typed errors: botocore exceptions become CogtuiError subclasses with code, message, operation and request id."""

from __future__ import annotations

from dataclasses import dataclass

from cogtui.errors import CogtuiError

__all__ = ["CogtuiError"]  # the root lives in cogtui.errors; AWS failures are typed here


class ReadOnlyError(CogtuiError):
    """A mutating call refused because cogtui runs with --read-only."""


class ConfigurationError(CogtuiError):
    """Something is missing before any call can be made (region, profile)."""


class CredentialsError(CogtuiError):
    """No credentials, expired credentials or an expired SSO session."""


class EndpointError(CogtuiError):
    """The endpoint cannot be reached: refused, DNS failure, TLS failure."""


class EndpointTimeoutError(CogtuiError):
    """The endpoint accepted the connection but did not answer in time."""


@dataclass
class ThrottledError(CogtuiError):
    """Too many requests, after the bounded retries. A listing it stopped goes on from ``resume_token``
    (botocore's ``StartingToken`` of the refused page; None when it stopped before its first page)."""

    resume_token: str | None = None


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
