"""A pool's full configuration in one JSON document: the pool, its MFA settings, domain(s), app clients,
groups and identity providers, each as Cognito's describe/list calls return them.

Secrets (app client secrets, a provider's client secret or private key) are left out unless asked for;
the document lists where each one was left out. What could not be read is listed under ``NotRead``
with Cognito's error code, and the rest is still exported.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from cogtui.aws.errors import CogtuiError
from cogtui.clock import format_time
from cogtui.exports.raw import IDP, count_secrets, is_secret_field, plain

if TYPE_CHECKING:
    from cogtui.aws.gateway import Gateway

DETAIL_CONCURRENCY = 4
Step = Callable[[str], Any]


class _Reader:
    """The calls of one export; a failed optional part is noted, the rest goes on."""

    def __init__(self, gateway: Gateway, pool_id: str, step: Step | None) -> None:
        self.gateway = gateway
        self.pool_id = pool_id
        self.step = step or (lambda _text: None)
        self.not_read: list[dict[str, str]] = []
        self.limit = asyncio.Semaphore(DETAIL_CONCURRENCY)

    async def call(self, what: str, operation: str, **params: Any) -> dict[str, Any] | None:
        try:
            async with self.limit:
                response = await self.gateway.call(IDP, operation, **params)
        except CogtuiError as err:
            self.not_read.append(
                {"What": what, "Operation": operation, "Code": err.code, "Message": err.message}
            )
            return None
        return {k: v for k, v in response.items() if k != "ResponseMetadata"}

    async def listing(self, what: str, operation: str, key: str) -> list[dict[str, Any]] | None:
        items: list[dict[str, Any]] = []
        try:
            async for page in self.gateway.pages(IDP, operation, key, page_size=60, UserPoolId=self.pool_id):
                items.extend(page)
        except CogtuiError as err:
            self.not_read.append(
                {"What": what, "Operation": operation, "Code": err.code, "Message": err.message}
            )
            return None
        return items

    async def each(
        self,
        listed: list[dict[str, Any]] | None,
        what: str,
        operation: str,
        id_key: str,
        result_key: str,
        name_key: str = "",
    ) -> list[dict[str, Any]]:
        """Describe each listed item (``id_key`` is both its field and the call's parameter); the items
        that cannot be described are noted and left out."""

        async def one(item: dict[str, Any]) -> dict[str, Any] | None:
            name = item.get(name_key) or item[id_key]
            found = await self.call(
                f"{what} {name}", operation, UserPoolId=self.pool_id, **{id_key: item[id_key]}
            )
            return None if found is None else found.get(result_key) or {}

        described = await asyncio.gather(*(one(item) for item in listed or ()))
        return [d for d in described if d is not None]


def strip_secrets(value: Any, path: str, left_out: list[str]) -> Any:
    """``value`` without its secret fields; each one's place is added to ``left_out``."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if is_secret_field(str(k)) and isinstance(v, str) and v:
                left_out.append(f"{path}.{k}")
                continue
            out[k] = strip_secrets(v, f"{path}.{k}", left_out)
        return out
    if isinstance(value, list):
        return [strip_secrets(v, f"{path}[{i}]", left_out) for i, v in enumerate(value)]
    return value


async def read_configuration(
    gateway: Gateway,
    pool_id: str,
    *,
    include_secrets: bool = False,
    step: Step | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Everything about the pool, read now; ``step(text)`` says what is being read. Raises the pool's own
    read error (without the pool there is nothing to export)."""
    reader = _Reader(gateway, pool_id, step)
    reader.step("Reading the pool…")
    pool = (await gateway.call(IDP, "DescribeUserPool", UserPoolId=pool_id)).get("UserPool") or {}
    reader.step("Reading the MFA settings, app clients, groups and identity providers…")
    mfa, clients, groups, providers = await asyncio.gather(
        reader.call("the MFA settings", "GetUserPoolMfaConfig", UserPoolId=pool_id),
        reader.listing("the app clients", "ListUserPoolClients", "UserPoolClients"),
        reader.listing("the groups", "ListGroups", "Groups"),
        reader.listing("the identity providers", "ListIdentityProviders", "Providers"),
    )
    reader.step("Describing each app client and identity provider…")
    described_clients = await reader.each(
        clients, "app client", "DescribeUserPoolClient", "ClientId", "UserPoolClient", name_key="ClientName"
    )
    described_providers = await reader.each(
        providers, "identity provider", "DescribeIdentityProvider", "ProviderName", "IdentityProvider"
    )
    domains = []
    for name in (pool.get("Domain"), pool.get("CustomDomain")):
        if name:
            found = await reader.call(f"the domain {name}", "DescribeUserPoolDomain", Domain=name)
            if found is not None:
                domains.append(found.get("DomainDescription") or {})
    document: dict[str, Any] = {
        "UserPoolId": pool_id,
        "ExportedAt": format_time(now or datetime.now(UTC), "iso"),
        "UserPool": pool,
        "MfaConfig": mfa,
        "Domains": domains,
        "AppClients": described_clients,
        "Groups": groups,
        "IdentityProviders": described_providers,
    }
    left_out: list[str] = []
    if not include_secrets:
        document = strip_secrets(document, "$", left_out)
    document["SecretsIncluded"] = include_secrets and count_secrets(document) > 0
    document["SecretsLeftOut"] = left_out
    document["NotRead"] = reader.not_read
    return document


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(plain(document), indent=2, ensure_ascii=False) + "\n"
