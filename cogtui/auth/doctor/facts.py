"""What the sign-in doctor reads before deciding: the pool, its MFA settings, the app client, the user
(as the typed name resolves), the user's groups, recent sign-in events and the identity pools that
trust the pool. Every read that fails is kept with its error, so a check can say what it could not see.

``read_facts`` reads through the gateway (reads only, concurrently where independent); the doctor itself
(``diagnose``) takes the facts and never calls anything, so tests build facts from plain objects.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from cogtui.auth.doctor.alias import Resolution, resolve
from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import AppClient, Group, IdentityPool, IdentityPoolRoles, MfaConfig, UserPool

T = TypeVar("T")

__all__ = ["IdentityTrust", "SignInFacts", "read_facts"]


@dataclass(frozen=True)
class IdentityTrust:
    """An identity pool that accepts this user pool's tokens, and its roles (None when unreadable)."""

    pool: IdentityPool
    roles: IdentityPoolRoles | None


@dataclass(frozen=True)
class SignInFacts:
    """Everything the doctor decides from. A field that could not be read is None with its error in
    ``unread`` (keyed "pool", "mfa", "client", "groups", "events", "identity")."""

    pool_id: str
    typed: str
    pool: UserPool | None
    mfa: MfaConfig | None = None
    client_id: str | None = None
    client: AppClient | None = None
    resolution: Resolution | None = None
    groups: tuple[Group, ...] | None = None
    auth_events: tuple[dict[str, Any], ...] | None = None
    identity: tuple[IdentityTrust, ...] | None = None
    events_note: str = ""  # why the pool keeps no sign-in events, when Cognito said so
    unread: dict[str, CogtuiError] = field(default_factory=dict, hash=False, compare=False)


async def _kept(call: Awaitable[T]) -> T | CogtuiError:
    try:
        return await call
    except CogtuiError as err:
        return err


def provider_name(pool_id: str) -> str:
    """How an identity pool names a user pool: ``cognito-idp.<region>.amazonaws.com/<pool id>``."""
    return f"cognito-idp.{pool_id.split('_', 1)[0]}.amazonaws.com/{pool_id}"


async def _identity_trusts(gateway: Any, pool_id: str, client_id: str | None) -> tuple[IdentityTrust, ...]:
    name = provider_name(pool_id)
    summaries = []
    async for page in gateway.iter_identity_pools():
        summaries.extend(page)
    described = await asyncio.gather(*(gateway.describe_identity_pool(s.id) for s in summaries))
    trusting = [
        p
        for p in described
        if any(
            pr.provider_name == name and (client_id is None or pr.client_id == client_id)
            for pr in p.providers
        )
    ]
    roles = await asyncio.gather(*(_kept(gateway.identity_pool_roles(p.id)) for p in trusting))
    return tuple(
        IdentityTrust(p, None if isinstance(r, CogtuiError) else r)
        for p, r in zip(trusting, roles, strict=True)
    )


async def read_facts(
    gateway: Any, pool_id: str, typed: str, client_id: str | None = None, *, identity: bool = True
) -> SignInFacts:
    """Read what the doctor needs; only reads, never a sign-in attempt."""
    unread: dict[str, CogtuiError] = {}
    pool, mfa, client = await asyncio.gather(
        _kept(gateway.describe_user_pool(pool_id)),
        _kept(gateway.get_mfa_config(pool_id)),
        _kept(gateway.describe_client(pool_id, client_id)) if client_id else asyncio.sleep(0, None),
    )
    for key, value in (("pool", pool), ("mfa", mfa), ("client", client)):
        if isinstance(value, CogtuiError):
            unread[key] = value
    if isinstance(pool, CogtuiError):
        return SignInFacts(pool_id, typed, None, client_id=client_id, unread=unread)
    resolution = await resolve(gateway, pool, typed)
    groups = events = trusts = None
    if resolution.user is not None:
        name = resolution.user.username
        groups, events, trusts = await asyncio.gather(
            _kept(gateway.groups_for_user(pool_id, name)),
            _kept(gateway.user_auth_events(pool_id, name)),
            _kept(_identity_trusts(gateway, pool_id, client_id)) if identity else asyncio.sleep(0, None),
        )
        for key, value in (("groups", groups), ("events", events), ("identity", trusts)):
            if isinstance(value, CogtuiError):
                unread[key] = value
    note = ""
    if events is not None and not isinstance(events, (list, tuple, CogtuiError)):
        note, events = str(getattr(events, "reason", "")), None  # the pool keeps none (a feature that is off)
    return SignInFacts(
        pool_id=pool_id,
        typed=typed,
        pool=pool,
        mfa=None if isinstance(mfa, CogtuiError) else mfa,
        client_id=client_id,
        client=None if isinstance(client, CogtuiError) else client,
        resolution=resolution,
        groups=None if groups is None or isinstance(groups, CogtuiError) else tuple(groups),
        auth_events=None if events is None or isinstance(events, CogtuiError) else tuple(events),
        identity=None if trusts is None or isinstance(trusts, CogtuiError) else trusts,
        events_note=note,
        unread=unread,
    )
