"""What is known around a sign-in failure: the app client, the pool, the user, and the step itself.

Explanations read an ``ExplainContext``. Its facts come from two places: the sign-in itself (the flow,
the challenge, which username was hashed, whether the session was used or expired) and, when the
caller may read them, the pool's configuration (``discover_context`` tries DescribeUserPoolClient,
DescribeUserPool and AdminGetUser; any of them may be refused, and the fact then stays unknown, as it
would for a real app without admin permissions).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from cogtui.auth.secret_hash import HashedUsername
from cogtui.aws.errors import CogtuiError

if TYPE_CHECKING:
    from cogtui.aws.gateway import Gateway

DEFAULT_SESSION_VALIDITY_MINUTES = 3


@dataclass(frozen=True)
class ClientFacts:
    """The app client's sign-in settings (None = unknown)."""

    has_secret: bool | None = None
    explicit_auth_flows: tuple[str, ...] | None = None
    prevent_user_existence_errors: str | None = None
    auth_session_validity: int | None = None
    name: str | None = None


@dataclass(frozen=True)
class PoolFacts:
    """The user pool's settings that explanations quote."""

    name: str | None = None
    password_policy: dict[str, Any] | None = None
    mfa: str | None = None
    username_attributes: tuple[str, ...] = ()


@dataclass(frozen=True)
class UserFacts:
    """The user's state, as an administrator sees it."""

    exists: bool
    status: str | None = None
    enabled: bool | None = None
    mfa_settings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExplainContext:
    """Everything an explanation may use; every field is optional."""

    operation: str = ""
    flow: str | None = None
    challenge: str | None = None
    client: ClientFacts | None = None
    pool: PoolFacts | None = None
    user: UserFacts | None = None
    typed_username: str | None = None
    secret_hash_sent: bool | None = None
    hashed_username: HashedUsername | None = None
    session_expired: bool = False
    session_used_by_step: int | None = None
    session_validity_minutes: int | None = None
    token_kind: str | None = None  # 'id' / 'access' / 'unknown' for calls that take an access token
    password_failures: tuple[str, ...] = field(default_factory=tuple)

    def with_(self, **changes: Any) -> ExplainContext:
        return replace(self, **changes)

    @property
    def has_secret(self) -> bool | None:
        return self.client.has_secret if self.client else None

    @property
    def validity_minutes(self) -> int:
        if self.session_validity_minutes:
            return self.session_validity_minutes
        if self.client and self.client.auth_session_validity:
            return self.client.auth_session_validity
        return DEFAULT_SESSION_VALIDITY_MINUTES


async def _try(coro: Any) -> Any:
    try:
        return await coro
    except CogtuiError:
        return None


async def discover_context(
    gateway: Gateway, pool_id: str, client_id: str, username: str | None = None
) -> ExplainContext:
    """Read what the caller is allowed to read about the client, the pool and the user (best effort)."""
    from cogtui.aws import models as m

    idp = "cognito-idp"
    client = pool = user = None

    async def read_user() -> Any:
        if not username:
            return None
        try:
            return await gateway.call(idp, "AdminGetUser", UserPoolId=pool_id, Username=username)
        except CogtuiError as err:
            return err

    # The three reads run together: on a slow or frozen endpoint they cost one call's wait, not three.
    raw_client, raw_pool, raw_user = await asyncio.gather(
        _try(gateway.call(idp, "DescribeUserPoolClient", UserPoolId=pool_id, ClientId=client_id)),
        _try(gateway.call(idp, "DescribeUserPool", UserPoolId=pool_id)),
        read_user(),
    )
    if raw_client:
        app = m.AppClient.from_api(raw_client["UserPoolClient"])
        client = ClientFacts(
            has_secret=app.has_secret,
            explicit_auth_flows=app.explicit_auth_flows,
            prevent_user_existence_errors=app.prevent_user_existence_errors,
            auth_session_validity=app.auth_session_validity,
            name=app.name,
        )
    if raw_pool:
        detail = m.UserPool.from_api(raw_pool["UserPool"])
        pool = PoolFacts(
            name=detail.name,
            password_policy=dict(detail.password_policy),
            mfa=detail.mfa,
            username_attributes=detail.username_attributes,
        )
    if isinstance(raw_user, CogtuiError):
        user = UserFacts(exists=False) if raw_user.code == "UserNotFoundException" else None
    elif raw_user:
        found = m.User.from_api(raw_user)
        user = UserFacts(
            exists=True, status=found.status, enabled=found.enabled, mfa_settings=found.mfa_settings
        )
    return ExplainContext(client=client, pool=pool, user=user, typed_username=username)


def merge_context(base: ExplainContext, facts: ExplainContext) -> ExplainContext:
    """``base`` (what the sign-in knows) completed with discovered client/pool/user facts."""
    return replace(
        base,
        client=base.client or facts.client,
        pool=base.pool or facts.pool,
        user=base.user or facts.user,
    )
