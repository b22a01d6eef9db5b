"""Snapshots show the seeded sandbox exactly as seeded: pools, app clients and users other tests created are
removed first."""

import re

import pytest
import pytest_textual_snapshot
from textual.reactive import reactive
from textual.widgets import Input

from cogtui.sandbox.clock import pin_dates
from tests.conftest import DEFAULT_SANDBOX_PORT
from tests.sandbox_hygiene import hygiene_clients, remove_extra_clients_and_identity_pools


@pytest.fixture(autouse=True)
def steady_caret(monkeypatch):
    """Inputs do not blink in pictures: a caret that blinks every half second is drawn or not depending
    on when the picture is taken, which a busy machine moves."""
    steady = reactive(False, init=False)
    steady.__set_name__(Input, "cursor_blink")
    monkeypatch.setattr(Input, "cursor_blink", steady)


@pytest.fixture(autouse=True)
def pristine_seed(sandbox):
    """Delete users and pools that are not part of the seed, then pin the dates again."""
    _, info = sandbox
    idp, _ = hygiene_clients(info.endpoint_url, info.region)
    seeded_pools = {p.id: p.name for p in info.pools}
    seeded_users = {(u.pool, u.username) for u in info.users}
    pools = [
        p for page in idp.get_paginator("list_user_pools").paginate(MaxResults=60) for p in page["UserPools"]
    ]
    for pool in pools:
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
    remove_extra_clients_and_identity_pools(info)
    pin_dates(info.region)


# The header shows the sandbox's endpoint. Each test process runs its own sandbox, on the fixed port
# when it is free and on another five-digit port otherwise (parallel workers, a second run): the
# port is the one thing of a snapshot that says where the test ran, so it is stored and compared as
# the default one.
_LOOPBACK_PORT = re.compile(r"(127\.0\.0\.1:)\d{5}\b")
_plugin_normalize_svg = pytest_textual_snapshot.normalize_svg


def _normalize_svg(svg: str) -> str:
    return _LOOPBACK_PORT.sub(rf"\g<1>{DEFAULT_SANDBOX_PORT}", _plugin_normalize_svg(svg))


pytest_textual_snapshot.normalize_svg = _normalize_svg
