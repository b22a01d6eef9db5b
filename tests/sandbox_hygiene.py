"""Keep the shared sandbox of a test process as seeded: tests add app clients and identity pools of their
own (a client with its own callback port, an identity pool with its own roles); removing them after each
test means no test sees another's, whatever order the tests run in."""

from __future__ import annotations

from typing import Any

from cogtui.sandbox import SandboxInfo
from cogtui.sandbox.seed import sandbox_clients


def remove_extra_clients_and_identity_pools(info: SandboxInfo) -> None:
    idp, identity = sandbox_clients(info.endpoint_url, info.region)
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
