"""After a failure: map an identity-pool or STS error (code + message) to its cause and the next step.

The messages matched are the ones real Cognito and STS send, e.g. NotAuthorizedException
"Invalid login token. Issuer doesn't match providerName" or InvalidIdentityPoolConfigurationException
"Invalid identity pool configuration. Check assigned IAM roles for this pool." Context (the token's
claims, the identity pool's settings, the logins key, the role asked for) makes the cause concrete
when it is known. Pure logic, no AWS call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import IdentityPool

__all__ = ["Diagnosis", "DiagnosisContext", "diagnose", "diagnose_error"]

TRUST_POLICY_HINT = (
    "Its trust policy must allow sts:AssumeRoleWithWebIdentity for the principal "
    '{"Federated": "cognito-identity.amazonaws.com"} with the conditions '
    '"cognito-identity.amazonaws.com:aud" = the identity pool id and "cognito-identity.amazonaws.com:amr" = '
    '"authenticated" (or "unauthenticated" for guests).'
)


@dataclass(frozen=True)
class DiagnosisContext:
    """What is known about the attempt, to make the explanation concrete."""

    identity_pool_id: str | None = None
    pool: IdentityPool | None = None
    token_iss: str | None = None
    token_aud: str | None = None
    logins_key: str | None = None
    role_arn: str | None = None
    guest: bool = False
    region: str | None = None


@dataclass(frozen=True)
class Diagnosis:
    """The cause of a failure in plain words, and what to do next."""

    code: str
    message: str
    operation: str
    cause: str
    next_step: str

    def to_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "message": self.message,
            "operation": self.operation,
            "cause": self.cause,
            "next_step": self.next_step,
        }

    def describe(self) -> str:
        return f"{self.cause}\nNext: {self.next_step}"

    def lines(self) -> list[str]:
        head = f"{self.operation} failed: {self.code}" if self.operation else self.code
        if self.message:
            head += f" — {self.message}"
        return [head, f"Cause: {self.cause}", f"Next step: {self.next_step}"]


_Rule = Callable[[str, DiagnosisContext], tuple[str, str] | None]


def _has(message: str, *fragments: str) -> bool:
    lowered = message.lower()
    return any(f.lower() in lowered for f in fragments)


def _registered(ctx: DiagnosisContext) -> str:
    if ctx.pool is None:
        return ""
    listed = (
        "; ".join(f"{p.provider_name} (app client {p.client_id})" for p in ctx.pool.providers)
        or "no user pool"
    )
    return f" The identity pool trusts: {listed}."


def _not_authorized(message: str, ctx: DiagnosisContext) -> tuple[str, str]:
    if _has(message, "issuer doesn't match providername", "issuer does not match"):
        seen = (
            f" The token's iss is {ctx.token_iss}; it was sent under {ctx.logins_key}."
            if ctx.token_iss and ctx.logins_key
            else ""
        )
        return (
            "The logins key does not name the token's issuer. For a user pool it must be exactly the token's iss "
            "without https://: 'cognito-idp.<region>.amazonaws.com/<user pool id>' (the user pool id, not the "
            f"identity pool id, and the user pool's region).{seen}",
            "Build the key from the token's iss claim and retry.",
        )
    if _has(message, "not from a supported provider"):
        audience = f" The token was issued to app client {ctx.token_aud}." if ctx.token_aud else ""
        return (
            "The identity pool does not trust this token: its user pool is not one of the identity pool's "
            "authentication providers, or the token's app client (aud) is not the registered client id."
            f"{audience}{_registered(ctx)}",
            "Add the user pool and app client id to the identity pool's Cognito providers, or sign in through the "
            "registered app client.",
        )
    if _has(message, "token expired"):
        return (
            "The ID token has expired (the numbers are the token's exp and Cognito's clock).",
            "Sign in again or refresh the tokens (REFRESH_TOKEN_AUTH), then exchange the new ID token.",
        )
    if _has(message, "missing a required claim: aud"):
        return (
            "An access token was sent; identity pools take the ID token, which has the 'aud' claim.",
            "Send the IdToken of the sign-in result.",
        )
    if _has(message, "unauthenticated access is not supported"):
        return (
            "The call carried no logins and the identity pool does not allow guest (unauthenticated) identities"
            + (" — this was a guest exchange." if ctx.guest else "; the token was perhaps not attached."),
            "Turn on guest access in the identity pool, or pass the ID token in Logins.",
        )
    if _has(message, "logins don't match", "logins do not match"):
        return (
            "The identity id does not belong to these logins (another user's identity, another identity pool, or a "
            "cached identity id from a previous sign-in).",
            "Call GetId again with the same logins and use the identity id it returns.",
        )
    if _has(message, "ambiguous role mapping"):
        return _ambiguous()
    if _has(message, "couldn't verify signed token", "could not verify signed token", "invalid signature"):
        return (
            "The token's signature did not verify: it was altered, or issued by another user pool or by a local "
            "emulator.",
            "Use a token freshly issued by the user pool the identity pool trusts.",
        )
    if _has(message, "not a valid openid connect identity token", "not a cognito token"):
        return (
            "The value sent is not a valid ID token for that provider.",
            "Send the provider's ID token (a JWT).",
        )
    if _has(message, "access to role", "is forbidden"):
        return (
            "The identity pool may not hand out that role.",
            "Check the role ARN and that the role trusts the identity pool. " + TRUST_POLICY_HINT,
        )
    return (
        "Cognito refused the login for this identity pool.",
        "Run the pre-flight checks: the logins key, the registered provider and app client, and the token's expiry.",
    )


def _ambiguous() -> tuple[str, str]:
    return (
        "Role-based access control found no role for this user: 'choose role from token' found no usable "
        "cognito:preferred_role, or no rule matched, and the ambiguous-role setting is Deny.",
        "Add a rule or a group role that matches the user, or set the ambiguous-role resolution to the default "
        "authenticated role.",
    )


def _invalid_configuration(message: str, ctx: DiagnosisContext) -> tuple[str, str]:
    who = "unauthenticated (guest)" if ctx.guest else "authenticated"
    role = f" The role asked for was {ctx.role_arn}." if ctx.role_arn else ""
    return (
        f"Cognito could not assume the {who} role: no role is assigned for this kind of identity, the role does not "
        f"exist, or its trust policy does not trust this identity pool.{role}",
        "Check the identity pool's roles, then the role's trust policy. " + TRUST_POLICY_HINT,
    )


def _not_found(message: str, ctx: DiagnosisContext) -> tuple[str, str]:
    if _has(message, "identitypool", "identity pool"):
        pool_region = (ctx.identity_pool_id or "").split(":", 1)[0] if ctx.identity_pool_id else None
        where = (
            f" The connection is to {ctx.region}, the id says {pool_region}."
            if ctx.region and pool_region and ctx.region != pool_region
            else ""
        )
        return (
            f"No identity pool has this id in this account and region.{where}",
            "Check the id and connect to the region in its prefix (the part before ':').",
        )
    return ("The identity (or identity pool) does not exist.", "Call GetId again to get a fresh identity id.")


def _invalid_parameter(message: str, ctx: DiagnosisContext) -> tuple[str, str]:
    if _has(message, "basic (classic) flow is not enabled", "classic flow"):
        return (
            "The identity pool has the basic (classic) flow turned off, so GetOpenIdToken is refused.",
            "Use the enhanced flow, or turn on the basic flow (AllowClassicFlow) in the identity pool.",
        )
    return (
        "Cognito rejected a parameter of the call.",
        "Read the message: it names the parameter and the constraint.",
    )


def _sts_access_denied(message: str, ctx: DiagnosisContext) -> tuple[str, str]:
    role = ctx.role_arn or "the role"
    return (
        f"STS refused to let this identity assume {role}: the role's trust policy does not trust the identity pool "
        "or this kind of identity (amr authenticated/unauthenticated), or the role does not exist.",
        TRUST_POLICY_HINT,
    )


def _sts_invalid_token(message: str, ctx: DiagnosisContext) -> tuple[str, str]:
    if _has(message, "audience"):
        return (
            "STS checked the token's audience against the role's trust policy and it did not match.",
            "In the basic flow, send the token GetOpenIdToken returned (its aud is the identity pool id), not the user "
            "pool's ID token, and make the trust policy's cognito-identity.amazonaws.com:aud the identity pool id.",
        )
    return (
        "STS did not accept the web identity token.",
        "In the basic flow, pass the OpenID token GetOpenIdToken returned, unchanged, within its 10 minutes.",
    )


def _temporary_credentials() -> tuple[str, str]:
    return (
        "The temporary credentials were refused: they expired, or this endpoint did not issue them.",
        "Run the exchange again and use the new credentials against the same endpoint and partition.",
    )


def _rules() -> dict[str, _Rule]:
    return {
        "NotAuthorizedException": _not_authorized,
        "InvalidIdentityPoolConfigurationException": _invalid_configuration,
        "AmbiguousRoleResolutionException": lambda m, c: _ambiguous(),
        "ResourceNotFoundException": _not_found,
        "InvalidParameterException": _invalid_parameter,
        "ResourceConflictException": lambda m, c: (
            "The logins conflict with an existing identity (they are linked to another identity, or another call "
            "changed this identity at the same time).",
            "Retry once; if it persists, call GetId with the same logins and use the identity id it returns.",
        ),
        "TooManyRequestsException": lambda m, c: (
            "Cognito throttled the call: too many requests for this account and region.",
            "Wait a moment and retry with backoff; for real traffic, ask for a higher quota.",
        ),
        "LimitExceededException": lambda m, c: (
            "A Cognito limit was reached (for example the number of identities).",
            "Check the identity pool's quotas.",
        ),
        "ExternalServiceException": lambda m, c: (
            "The external identity provider (Facebook, Google, an OIDC or SAML provider) failed while Cognito "
            "validated the login.",
            "Retry; if it persists, check the provider's status and the token it issued.",
        ),
        "InternalErrorException": lambda m, c: ("Cognito failed internally.", "Retry in a moment."),
        "AccessDenied": _sts_access_denied,
        "AccessDeniedException": _sts_access_denied,
        "InvalidIdentityToken": _sts_invalid_token,
        "InvalidIdentityTokenException": _sts_invalid_token,
        "ExpiredTokenException": lambda m, c: (
            "The web identity token given to STS has expired (GetOpenIdToken's tokens last 10 minutes).",
            "Call GetOpenIdToken again and pass the new token straight to AssumeRoleWithWebIdentity.",
        ),
        "IDPRejectedClaim": lambda m, c: (
            "STS or the provider rejected a claim of the token.",
            "Check the token's audience and the role's trust policy conditions.",
        ),
        "IDPCommunicationError": lambda m, c: (
            "STS could not reach the identity provider.",
            "Retry in a moment.",
        ),
        "InvalidClientTokenId": lambda m, c: _temporary_credentials(),
        "ExpiredToken": lambda m, c: _temporary_credentials(),
        "SignatureDoesNotMatch": lambda m, c: _temporary_credentials(),
        "ValidationError": lambda m, c: (
            "STS rejected a parameter (role ARN, session name 2-64 characters of [\\w+=,.@-], or duration).",
            "Read the message: it names the parameter.",
        ),
    }


_RULES = _rules()


def diagnose(
    code: str, message: str = "", operation: str = "", context: DiagnosisContext | None = None, hint: str = ""
) -> Diagnosis:
    """The cause and next step for an error code and message."""
    ctx = context or DiagnosisContext()
    code = code or "Error"
    rule = _RULES.get(code)
    if rule is None and code.endswith("Exception"):
        rule = _RULES.get(code.removesuffix("Exception"))
    found = rule(message or "", ctx) if rule else None
    if found is None:
        cause = message or f"The call failed with {code}."
        found = (cause, hint or "Check the request id in the trace and the service's message.")
    return Diagnosis(
        code=code, message=message or "", operation=operation, cause=found[0], next_step=found[1]
    )


def diagnose_error(error: CogtuiError, context: DiagnosisContext | None = None) -> Diagnosis:
    """Diagnose a typed gateway error; transport problems keep the gateway's own hint."""
    transport = {
        "ConnectTimeout",
        "ReadTimeout",
        "EndpointConnectionError",
        "ConnectionClosedError",
        "NoCredentials",
    }
    if error.code in transport or (error.code not in _RULES and error.hint):
        return Diagnosis(
            code=error.code,
            message=error.message,
            operation=error.operation,
            cause=error.message,
            next_step=error.hint or "Retry in a moment.",
        )
    return diagnose(error.code, error.message, error.operation, context, hint=error.hint)


def context_from(**values: Any) -> DiagnosisContext:
    """A DiagnosisContext from keyword values, ignoring unknown names."""
    known = DiagnosisContext.__dataclass_fields__
    return DiagnosisContext(**{k: v for k, v in values.items() if k in known})
