"""The identity-pool exchange, one call at a time, each recorded as a Step for a timeline.

Flows:

- enhanced: GetId -> GetCredentialsForIdentity (with an optional CustomRoleArn);
- basic (classic): GetId -> GetOpenIdToken -> STS AssumeRoleWithWebIdentity with a role the caller names;
- guest: the same without Logins; raw logins: any provider's tokens instead of a user pool ID token.

Every call goes through the gateway (public operations are sent unsigned, as an app sends them, and
traced with secrets redacted; see ``steps``). A failure ends the exchange with a step carrying the
typed error and its diagnosis; nothing is raised for a refused call.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cogtui.clock import format_time
from cogtui.identity.checks import read_token
from cogtui.identity.credentials import AwsCredentials, to_utc
from cogtui.identity.diagnosis import Diagnosis, DiagnosisContext
from cogtui.identity.logins import check_logins_key, logins_key_for_token
from cogtui.identity.roles import RoleExplanation, explain_role, role_arn_from_caller_arn
from cogtui.identity.steps import Step, StepRecorder
from cogtui.tokens.decode import decode_token

if TYPE_CHECKING:
    from cogtui.aws.gateway import Gateway
    from cogtui.aws.models import IdentityPool, IdentityPoolRoles

__all__ = [
    "ExchangeRequest",
    "ExchangeResult",
    "Step",
    "default_context",
    "explain_exchange_role",
    "run_exchange",
]

IDENTITY = "cognito-identity"
STS = "sts"
FLOWS = ("enhanced", "basic")
DEFAULT_SESSION_NAME = "cogtui"


@dataclass(frozen=True)
class ExchangeRequest:
    """What to exchange. Empty ``logins`` means a guest (unauthenticated) identity."""

    identity_pool_id: str
    logins: Mapping[str, str] = field(default_factory=dict, repr=False, hash=False)
    flow: str = "enhanced"
    custom_role_arn: str | None = None
    role_arn: str | None = None
    role_session_name: str = DEFAULT_SESSION_NAME
    identity_id: str | None = None

    def __post_init__(self) -> None:
        if self.flow not in FLOWS:
            raise ValueError(f"flow must be one of {', '.join(FLOWS)}, not {self.flow!r}")
        if self.flow == "basic" and not self.role_arn:
            raise ValueError("the basic flow needs a role ARN")

    @property
    def guest(self) -> bool:
        return not self.logins

    @classmethod
    def for_id_token(
        cls, identity_pool_id: str, id_token: str, *, logins_key: str | None = None, **options: Any
    ) -> ExchangeRequest:
        """Logins ``{<key from the token's iss>: token}``; raises ValueError when no key can be built."""
        check = check_logins_key(logins_key) if logins_key is not None else logins_key_for_token(id_token)
        if not check.ok:
            raise ValueError(check.message)
        return cls(identity_pool_id, {check.key: decode_token(id_token).token}, **options)


@dataclass(frozen=True)
class ExchangeResult:
    """All steps, and the credentials when the exchange succeeded."""

    request: ExchangeRequest
    steps: tuple[Step, ...]
    credentials: AwsCredentials | None = None
    identity_id: str | None = None
    assumed_role_arn: str | None = None

    @property
    def ok(self) -> bool:
        return self.credentials is not None

    @property
    def failed_step(self) -> Step | None:
        return next((s for s in self.steps if not s.ok), None)

    @property
    def diagnosis(self) -> Diagnosis | None:
        step = self.failed_step
        return step.diagnosis if step else None


def explain_exchange_role(
    result: ExchangeResult, roles: IdentityPoolRoles | None, caller_arn: str | None = None
) -> RoleExplanation:
    """Which role an exchange's credentials carry (or would carry), and why.

    From the request (flow, guest, the role asked for, the token of its Logins map and that token's
    claims and aud) against the identity pool's ``roles`` (None when GetIdentityPoolRoles is not
    readable); the STS caller (``caller_arn``, else the role AssumeRoleWithWebIdentity named) wins.
    """
    request = result.request
    key, token = next(iter(request.logins.items()), (None, None))
    facts = read_token(token) if token else None
    return explain_role(
        roles=roles,
        flow=request.flow,
        guest=request.guest,
        claims=facts.payload if facts else None,
        logins_key=key,
        client_id=facts.aud if facts else None,
        custom_role_arn=request.custom_role_arn,
        basic_role_arn=request.role_arn,
        caller_arn=caller_arn or result.assumed_role_arn,
    )


def _open_id_token_note(response: dict[str, Any]) -> str:
    token = response.get("Token") or ""
    decoded = decode_token(token)
    if decoded.payload is None:
        return "The OpenID token is not a JWT (a local emulator); Cognito returns a JWT whose aud is the identity pool id."
    aud, amr = decoded.payload.get("aud"), decoded.payload.get("amr")
    return f"OpenID token: aud = {aud}, amr = {amr} (what the role's trust policy conditions see)."


def _expiry_note(credentials: dict[str, Any]) -> str:
    expiration = to_utc(credentials.get("Expiration"))
    if expiration is None:
        return "No expiration given."
    left = int(expiration.timestamp() - time.time())
    return f"Credentials expire at {format_time(expiration)} (in {left} s)."


def default_context(
    request: ExchangeRequest, pool: IdentityPool | None = None, region: str | None = None
) -> DiagnosisContext:
    """The diagnosis context of a request: its logins key, the token's iss and aud, the role asked for."""
    key, token = next(iter(request.logins.items()), (None, None))
    payload = decode_token(token).payload if token else None
    claims = payload or {}
    aud = claims.get("aud")
    return DiagnosisContext(
        identity_pool_id=request.identity_pool_id,
        pool=pool,
        token_iss=claims.get("iss") if isinstance(claims.get("iss"), str) else None,
        token_aud=aud if isinstance(aud, str) else None,
        logins_key=key,
        role_arn=request.role_arn or request.custom_role_arn,
        guest=request.guest,
        region=region,
    )


async def run_exchange(
    gateway: Gateway,
    request: ExchangeRequest,
    *,
    on_step: Callable[[Step], Any] | None = None,
    pool: IdentityPool | None = None,
    region: str | None = None,
    context: DiagnosisContext | None = None,
) -> ExchangeResult:
    """Run the exchange; ``on_step`` sees each step as soon as its call returns.

    ``pool`` (the described identity pool) and ``region`` (the connection's) make a failure's
    diagnosis concrete; ``context`` replaces what is derived from them.
    """
    ctx = context or default_context(request, pool, region)
    runner = StepRecorder(gateway, ctx, on_step)
    who = "guest" if request.guest else f"{request.flow} flow"
    logins = dict(request.logins)
    with_logins: dict[str, Any] = {"Logins": logins} if logins else {}

    identity_id = request.identity_id
    if identity_id is None:
        got = await runner.call(
            IDENTITY,
            "GetId",
            {"IdentityPoolId": request.identity_pool_id, **with_logins},
            title=f"GetId ({who})",
            note=lambda r: f"Identity id {r.get('IdentityId')}.",
        )
        if got is None:
            return ExchangeResult(request, tuple(runner.steps))
        identity_id = str(got.get("IdentityId") or "")

    if request.flow == "enhanced":
        params: dict[str, Any] = {"IdentityId": identity_id, **with_logins}
        if request.custom_role_arn:
            params["CustomRoleArn"] = request.custom_role_arn
        got = await runner.call(
            IDENTITY,
            "GetCredentialsForIdentity",
            params,
            title=f"GetCredentialsForIdentity ({who})",
            note=lambda r: _expiry_note(r.get("Credentials") or {}),
        )
        if got is None:
            return ExchangeResult(request, tuple(runner.steps), identity_id=identity_id)
        raw = got.get("Credentials") or {}
        credentials = AwsCredentials(
            access_key_id=str(raw.get("AccessKeyId") or ""),
            secret_key=str(raw.get("SecretKey") or ""),
            session_token=str(raw.get("SessionToken") or ""),
            expiration=to_utc(raw.get("Expiration")),
            identity_id=str(got.get("IdentityId") or identity_id),
            role_arn=None,  # GetCredentialsForIdentity does not say which role it used: STS tells
        )
        return ExchangeResult(request, tuple(runner.steps), credentials, credentials.identity_id)

    got = await runner.call(
        IDENTITY,
        "GetOpenIdToken",
        {"IdentityId": identity_id, **with_logins},
        title=f"GetOpenIdToken ({who})",
        note=_open_id_token_note,
    )
    if got is None:
        return ExchangeResult(request, tuple(runner.steps), identity_id=identity_id)
    assumed = await runner.call(
        STS,
        "AssumeRoleWithWebIdentity",
        {
            "RoleArn": request.role_arn,
            "RoleSessionName": request.role_session_name,
            "WebIdentityToken": got.get("Token") or "",
        },
        title=f"AssumeRoleWithWebIdentity ({who})",
        note=lambda r: f"Assumed {(r.get('AssumedRoleUser') or {}).get('Arn', 'an unknown role')}.",
    )
    if assumed is None:
        return ExchangeResult(request, tuple(runner.steps), identity_id=identity_id)
    raw = assumed.get("Credentials") or {}
    role_user = (assumed.get("AssumedRoleUser") or {}).get("Arn")
    credentials = AwsCredentials(
        access_key_id=str(raw.get("AccessKeyId") or ""),
        secret_key=str(raw.get("SecretAccessKey") or ""),
        session_token=str(raw.get("SessionToken") or ""),
        expiration=to_utc(raw.get("Expiration")),
        identity_id=identity_id,
        role_arn=role_arn_from_caller_arn(role_user),  # the role STS granted, not the one asked for
    )
    return ExchangeResult(request, tuple(runner.steps), credentials, identity_id, role_user)
