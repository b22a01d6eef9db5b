"""Cognito's refusals: an exception carrying the error code and message, rendered as botocore parses it.

The JSON protocol's error shape is ``{"__type": code, "message": message}`` with HTTP 400 and the
``x-amzn-ErrorType`` header. Messages are Cognito's own wording.
"""

from __future__ import annotations

INCORRECT_CREDENTIALS = "Incorrect username or password."
USER_DISABLED = "User is disabled."
USER_NOT_CONFIRMED = "User is not confirmed."
USER_NOT_FOUND = "User does not exist."
RESET_REQUIRED = "Password reset required for the user"
ATTEMPTS_EXCEEDED = "Password attempts exceeded"
SESSION_INVALID = "Invalid session for the user."
SESSION_EXPIRED = "Invalid session for the user, session is expired."
SESSION_USED = "Invalid session for the user, session can only be used once."
MFA_CODE_MISMATCH = "Invalid code or auth state for the user."
CODE_MISMATCH = "Invalid verification code provided, please try again."
CODE_EXPIRED = "Invalid code provided, please request a code again."
TOTP_SETUP_MISMATCH = "Code mismatch and fail enable Software Token MFA"
INVALID_ACCESS_TOKEN = "Invalid Access Token"
INVALID_REFRESH_TOKEN = "Invalid Refresh Token"


class Refusal(Exception):
    """A request Cognito would refuse: ``code`` is the exception name, ``message`` its words."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status


def not_authorized(message: str) -> Refusal:
    return Refusal("NotAuthorizedException", message)


def invalid_parameter(message: str) -> Refusal:
    return Refusal("InvalidParameterException", message)


def resource_not_found(message: str) -> Refusal:
    return Refusal("ResourceNotFoundException", message)


def from_moto(exc: Exception) -> Refusal:
    """moto's own JSON errors (password policy, unknown pool...) as a Refusal with the same code and text."""
    code = str(getattr(exc, "error_type", "") or "InternalErrorException")
    message = str(getattr(exc, "message", "") or exc)
    return Refusal(code, message, int(getattr(exc, "code", 400) or 400))
