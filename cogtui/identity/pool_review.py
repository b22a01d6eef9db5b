"""Everything an identity pool's findings need beyond the pool itself: the trusted user pools (their
schema and pre token generation Lambda decide which claims a role rule can test) and, when IAM can be
read, each role's trust policy. Every read is made at once; a failed read is kept with its error code
so the findings say "not checked", never "fine".
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import IdentityPool, IdentityPoolRoles, UserPool
from cogtui.findings import RoleTrust, identity_pool_findings, role_name, role_uses
from cogtui.findings.base import Finding


@dataclass(frozen=True)
class IdentityPoolReview:
    """What was read for the findings, and what could not be (``unread``: one line each)."""

    user_pools: dict[str, UserPool] = field(default_factory=dict)
    trusts: dict[str, RoleTrust] = field(default_factory=dict)
    unread: tuple[str, ...] = ()

    @property
    def trust_summary(self) -> str:
        """``2 trust policies checked, 1 not checked`` (empty when no role was asked about)."""
        read = sum(1 for t in self.trusts.values() if t.document is not None)
        unread = len(self.trusts) - read
        if not self.trusts:
            return ""
        text = f"{read} trust polic{'y' if read == 1 else 'ies'} checked"
        return text + (f", {unread} not checked" if unread else "")

    def findings(
        self, pool: IdentityPool, roles: IdentityPoolRoles | None, roles_unread: str = ""
    ) -> list[Finding]:
        return identity_pool_findings(
            pool, roles, roles_unread=roles_unread, user_pools=self.user_pools, trusts=self.trusts
        )


def _user_pool_id(provider_name: str) -> str | None:
    host, _, pool_id = provider_name.partition("/")
    return pool_id if host.startswith("cognito-idp.") and pool_id else None


async def _trust(gateway: Any, arn: str) -> RoleTrust:
    try:
        role = await gateway.get_role(role_name(arn))
    except CogtuiError as err:
        return RoleTrust(arn, error_code=err.code or type(err).__name__, error_message=err.message)
    return RoleTrust(arn, role.get("AssumeRolePolicyDocument") or "")


async def _user_pool(gateway: Any, pool_id: str) -> UserPool | CogtuiError:
    try:
        pool: UserPool = await gateway.describe_user_pool(pool_id)
    except CogtuiError as err:
        return err
    return pool


async def review_identity_pool(
    gateway: Any, pool: IdentityPool, roles: IdentityPoolRoles | None
) -> IdentityPoolReview:
    """Read the trusted user pools and (when roles are known) every role's trust policy, concurrently."""
    pool_ids = sorted({p for p in (_user_pool_id(x.provider_name) for x in pool.providers) if p})
    arns = sorted(role_uses(roles)) if roles is not None else []
    pool_answers, trust_answers = await asyncio.gather(
        asyncio.gather(*(_user_pool(gateway, pool_id) for pool_id in pool_ids)),
        asyncio.gather(*(_trust(gateway, arn) for arn in arns)),
    )
    user_pools: dict[str, UserPool] = {}
    unread: list[str] = []
    for pool_id, answer in zip(pool_ids, pool_answers, strict=True):
        if isinstance(answer, UserPool):
            user_pools[pool_id] = answer
        else:
            unread.append(f"user pool {pool_id} ({answer.code}): role rules on its claims are not checked")
    trusts = {t.arn: t for t in trust_answers}
    return IdentityPoolReview(user_pools, trusts, tuple(unread))
