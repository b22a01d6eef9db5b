"""Snapshots show the seeded sandbox exactly as seeded: users and pools other tests created are removed first."""

import pytest

from cogtui.sandbox.clock import pin_dates
from cogtui.sandbox.seed import sandbox_clients


@pytest.fixture(autouse=True)
def pristine_seed(sandbox):
    """Delete users and pools that are not part of the seed, then pin the dates again."""
    _, info = sandbox
    idp, _ = sandbox_clients(info.endpoint_url, info.region)
    seeded_pools = {p.id: p.name for p in info.pools}
    seeded_users = {(u.pool, u.username) for u in info.users}
    for pool in idp.list_user_pools(MaxResults=60)["UserPools"]:
        name = seeded_pools.get(pool["Id"])
        if name is None:
            idp.delete_user_pool(UserPoolId=pool["Id"])
            continue
        if name == "demo-large":
            continue  # bulk users are not listed one by one in the seed
        for page in idp.get_paginator("list_users").paginate(UserPoolId=pool["Id"]):
            for user in page["Users"]:
                email = next((a["Value"] for a in user.get("Attributes", []) if a["Name"] == "email"), "")
                if (
                    not {(name, user["Username"]), (name, email)} & seeded_users
                ):  # e-mail pools: username is the sub
                    idp.admin_delete_user(UserPoolId=pool["Id"], Username=user["Username"])
    pin_dates(info.region)
