"""Keep the shared sandbox of a test process as seeded: tests add app clients and identity pools of their
own (a client with its own callback port, an identity pool with its own roles); removing them after each
test means no test sees another's, whatever order the tests run in.

The sandbox runs in the test process, so whether a test left anything behind is read from the emulator's
memory first (microseconds); only then are the extras listed and deleted through the API, with clients
made once per sandbox (a boto3 session loads its service models again: about 60 ms)."""

from __future__ import annotations

import functools
from typing import Any

from cogtui.sandbox import SandboxInfo
from cogtui.sandbox.awsjson import find_user_pool, moto_backends
from cogtui.sandbox.seed import sandbox_clients


@functools.cache
def hygiene_clients(endpoint_url: str, region: str) -> tuple[Any, Any]:
    """cognito-idp and cognito-identity clients of one sandbox, made once per test process."""
    return sandbox_clients(endpoint_url, region)


def _something_added(info: SandboxInfo) -> bool:
    """Whether the emulator holds an app client or an identity pool that the seed did not make."""
    for pool in info.pools:
        live = find_user_pool(pool.id)
        if live is not None and set(live.clients) - {c.id for c in pool.clients}:
            return True
    return any(
        pool_id != info.identity_pool.id
        for backend in moto_backends("moto.cognitoidentity.models", "cognitoidentity_backends")
        if backend.region_name == info.region
        for pool_id in backend.identity_pools
    )


def remove_extra_clients_and_identity_pools(info: SandboxInfo) -> None:
    if not _something_added(info):
        return
    idp, identity = hygiene_clients(info.endpoint_url, info.region)
    for pool in info.pools:
        seeded = {c.id for c in pool.clients}
        extra = [
            c["ClientId"]
            for page in idp.get_paginator("list_user_pool_clients").paginate(UserPoolId=pool.id)
            for c in page["UserPoolClients"]
            if c["ClientId"] not in seeded
        ]
        for client_id in extra:
            idp.delete_user_pool_client(UserPoolId=pool.id, ClientId=client_id)
    pools: list[dict[str, Any]] = identity.list_identity_pools(MaxResults=60)["IdentityPools"]
    for pool in pools:
        if pool["IdentityPoolId"] != info.identity_pool.id:
            identity.delete_identity_pool(IdentityPoolId=pool["IdentityPoolId"])
