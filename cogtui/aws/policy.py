"""Which operations change anything (refused with --read-only) and which are public (sent unsigned)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from botocore.model import ServiceModel


_READ_VERBS = ("Describe", "List", "Get", "Lookup")

# Calls an app makes to sign in or to use a token: they change no configuration and no user.
SIGN_IN_OPERATIONS = frozenset(
    {
        "InitiateAuth",
        "AdminInitiateAuth",
        "RespondToAuthChallenge",
        "AdminRespondToAuthChallenge",
        "GetTokensFromRefreshToken",
        "GetId",
        "GetCredentialsForIdentity",
        "GetOpenIdToken",
        "AssumeRoleWithWebIdentity",
        "GetCallerIdentity",
    }
)

# Named like reads, but they send messages or create identities.
_SIDE_EFFECT_READS = frozenset({"GetUserAttributeVerificationCode", "GetOpenIdTokenForDeveloperIdentity"})

# Challenge answers that change the user (its password, its MFA devices).
MUTATING_CHALLENGES = frozenset({"NEW_PASSWORD_REQUIRED", "MFA_SETUP"})


def is_mutating(operation: str, params: dict[str, Any] | None = None) -> bool:
    """True when the call can change a pool, a user or an identity pool."""
    if operation in SIGN_IN_OPERATIONS:
        if operation.endswith("RespondToAuthChallenge") and params:
            return params.get("ChallengeName") in MUTATING_CHALLENGES
        return False
    if operation in _SIDE_EFFECT_READS:
        return True
    verb = operation.removeprefix("Admin")
    return not verb.startswith(_READ_VERBS)


def is_public(model: ServiceModel, operation: str) -> bool:
    """True when the service model marks the operation as needing no AWS credentials (sent unsigned)."""
    op = model.operation_model(operation)
    return op.auth_type == "none" or "smithy.api#noAuth" in (getattr(op, "auth", None) or [])


def public_operations(model: ServiceModel) -> frozenset[str]:
    """Every operation of the service that is sent unsigned, as a mobile app does."""
    return frozenset(name for name in model.operation_names if is_public(model, name))
