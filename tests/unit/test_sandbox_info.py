"""Unit tests of the sandbox description (JSON dict and human lines) and the large pool's generated users."""

from __future__ import annotations

import json
from collections import Counter

from cogtui.sandbox.bulk_users import generate_users
from cogtui.sandbox.info import ClientInfo, IdentityPoolInfo, PoolInfo, SandboxInfo, SeededUser

INFO = SandboxInfo(
    endpoint_url="http://127.0.0.1:5055",
    region="us-east-1",
    pools=(
        PoolInfo(
            "demo-app",
            "us-east-1_abc",
            (ClientInfo("web-spa", "c1"), ClientInfo("backend", "c2", "s3cret")),
            user_count=2,
        ),
    ),
    identity_pool=IdentityPoolInfo("demo-identities", "us-east-1:1234"),
    users=(
        SeededUser("demo-app", "frank", "Passw0rd!demo", "CONFIRMED", totp_secret="ABCD", note="TOTP"),
        SeededUser("demo-app", "erin", "Passw0rd!demo", "CONFIRMED", enabled=False),
    ),
)


def test_json_dict_is_serialisable_and_complete() -> None:
    data = json.loads(json.dumps(INFO.to_json_dict()))
    assert data["endpoint_url"] == "http://127.0.0.1:5055"
    no_flows = {
        "explicit_auth_flows": [],
        "allowed_oauth_flows": [],
        "allowed_oauth_scopes": [],
        "callback_urls": [],
    }
    assert data["pools"][0]["clients"] == [
        {"name": "web-spa", "id": "c1", "secret": None, **no_flows},
        {"name": "backend", "id": "c2", "secret": "s3cret", **no_flows},
    ]
    assert data["identity_pool"] == {"name": "demo-identities", "id": "us-east-1:1234"}
    frank, erin = data["users"]
    assert (frank["totp_secret"], frank["enabled"]) == ("ABCD", True)
    assert (erin["state"], erin["enabled"]) == ("CONFIRMED", False)


def test_describe_lines_start_with_the_endpoint_and_align_columns() -> None:
    lines = INFO.describe_lines()
    assert lines[0] == "Sandbox endpoint: http://127.0.0.1:5055"
    header = next(line for line in lines if line.strip().startswith("pool"))
    frank = next(line for line in lines if "frank" in line)
    erin = next(line for line in lines if "erin" in line)
    assert frank.index("Passw0rd!demo") == erin.index("Passw0rd!demo") == header.index("password")
    assert "CONFIRMED, disabled" in erin
    assert "TOTP secret ABCD" in frank
    assert any("secret s3cret" in line for line in lines)


def test_lookups_by_name() -> None:
    assert INFO.pool("demo-app").client("backend").secret == "s3cret"
    assert INFO.user("erin").enabled is False


def test_generated_users_are_deterministic_and_varied() -> None:
    users = generate_users(1000)
    assert users == generate_users(1000)
    assert users[0].username == "user00001" and users[-1].username == "user01000"
    assert len({u.username for u in users}) == len({u.attributes["email"] for u in users}) == 1000
    statuses = Counter(u.status for u in users)
    assert statuses == {"CONFIRMED": 900, "UNCONFIRMED": 50, "FORCE_CHANGE_PASSWORD": 50}
    assert 0 < sum(not u.enabled for u in users) < 100
    assert 0 < sum("phone_number" in u.attributes for u in users) < 1000
    assert sum(u.in_group for u in users) == 100
