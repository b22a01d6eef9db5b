"""Canned AWS error answers, as the services send them: Cognito's AWS JSON protocol (HTTP status,
``x-amzn-ErrorType`` header, ``{"__type": ..., "message": ...}`` body) and STS's query protocol (XML).

The messages are the real services' wording; access denied names the IAM action like IAM does.
"""

from __future__ import annotations

from dataclasses import dataclass

IAM_PREFIX = {"cognito-idp": "cognito-idp", "cognito-identity": "cognito-identity", "sts": "sts"}
# What STS (query protocol, XML) calls the JSON protocol's error codes.
STS_CODES = {
    "TooManyRequestsException": "Throttling",
    "InternalErrorException": "InternalFailure",
    "AccessDeniedException": "AccessDenied",
    "ExpiredTokenException": "ExpiredToken",
    "UnrecognizedClientException": "InvalidClientTokenId",
}


@dataclass(frozen=True)
class CannedError:
    """An AWS error answer. ``message`` may use {action}, {operation} and {service}."""

    status: int
    code: str
    message: str
    message_key: str = "message"  # IAM's authorizer writes "Message"; Cognito's own errors "message"

    def render(self, service: str, operation: str) -> str:
        action = f"{IAM_PREFIX.get(service, service)}:{operation}"
        return self.message.format(action=action, operation=operation, service=service)


THROTTLED = CannedError(400, "TooManyRequestsException", "Rate exceeded")
INTERNAL_ERROR = CannedError(500, "InternalErrorException", "Internal server error.")
ACCESS_DENIED = CannedError(
    400,
    "AccessDeniedException",
    "User: arn:aws:sts::123456789012:assumed-role/ReadOnly/oncall is not authorized to perform: "
    "{action} on resource: arn:aws:cognito-idp:us-east-1:123456789012:userpool/* because no "
    "identity-based policy allows the {action} action",
    message_key="Message",
)
EXPIRED_TOKEN = CannedError(
    400, "ExpiredTokenException", "The security token included in the request is expired"
)
UNRECOGNIZED_CLIENT = CannedError(
    400, "UnrecognizedClientException", "The security token included in the request is invalid."
)

# "This endpoint does not implement that", as emulators say it: cognito-local's error type (botocore keeps
# what follows the '#'), and the message moto raises for an action it lacks.
UNSUPPORTED = CannedError(500, "CognitoLocal#Unsupported", 'Unsupported x-amz-target header "{operation}"')
NOT_IMPLEMENTED = CannedError(500, "InternalFailure", "The {operation} action has not been implemented")
