"""A pool of its own with many generated users, for the tests that need a listing to stream for a while."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from cogtui.sandbox.bulk_users import create_over_http, generate_users, in_process_pools, insert_in_process
from cogtui.sandbox.seed import sandbox_clients


@contextmanager
def bulk_pool(sandbox, name: str, count: int, group: str) -> Iterator[str]:
    """Create the pool with ``count`` users (every tenth in ``group``), yield its id, delete it after.

    The users are bulk-inserted in process, or created over HTTP when the emulator runs elsewhere."""
    _, info = sandbox
    idp, _ = sandbox_clients(info.endpoint_url, info.region)
    existing = in_process_pools(info.region)
    pool_id = idp.create_user_pool(PoolName=name)["UserPool"]["Id"]
    try:
        idp.create_group(UserPoolId=pool_id, GroupName=group)
        users = generate_users(count)
        if not insert_in_process(pool_id, info.region, group, users, existing):
            client = idp.create_user_pool_client(
                UserPoolId=pool_id, ClientName="sign-up", ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH"]
            )
            create_over_http(idp, pool_id, client["UserPoolClient"]["ClientId"], group, users)
        yield pool_id
    finally:
        idp.delete_user_pool(UserPoolId=pool_id)
