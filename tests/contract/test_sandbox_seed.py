"""Contract tests of the sandbox: what the seed created, as seen through the real Cognito APIs."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import boto3
import jwt
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, EndpointConnectionError
from pycognito.aws_srp import AWSSRP

from cogtui.sandbox import DEMO_PASSWORD, TEMPORARY_PASSWORD, SandboxInfo, SandboxServer
from cogtui.sandbox.bulk_users import generate_users
from cogtui.sandbox.seed import sandbox_clients, secret_hash
from cogtui.sandbox.totp import seconds_remaining, totp_now

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def info(sandbox: tuple[SandboxServer, SandboxInfo]) -> SandboxInfo:
    return sandbox[1]


@pytest.fixture(scope="module")
def idp(info: SandboxInfo) -> Any:
    return sandbox_clients(info.endpoint_url, info.region)[0]


@pytest.fixture(scope="module")
def identity(info: SandboxInfo) -> Any:
    return sandbox_clients(info.endpoint_url, info.region)[1]


def error_code(excinfo: pytest.ExceptionInfo[ClientError]) -> str:
    return str(excinfo.value.response["Error"]["Code"])


def fresh_code(secret: str) -> str:
    """A code with at least a second of validity left (the emulator accepts the current step only)."""
    if seconds_remaining() < 1.0:
        time.sleep(seconds_remaining())
    return totp_now(secret)


def claims(token: str) -> dict[str, Any]:
    return jwt.decode(token, options={"verify_signature": False})


def test_seeded_pools_are_listed(idp: Any, info: SandboxInfo) -> None:
    listed = {p["Name"]: p["Id"] for p in idp.list_user_pools(MaxResults=60)["UserPools"]}
    for name in ("demo-app", "demo-mfa-required", "demo-email-login", "demo-large"):
        assert listed[name] == info.pool(name).id


def test_demo_app_pool_settings(idp: Any, info: SandboxInfo) -> None:
    pool_id = info.pool("demo-app").id
    pool = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert pool["UsernameConfiguration"] == {"CaseSensitive": False}
    assert not pool.get("UsernameAttributes")
    assert pool["AutoVerifiedAttributes"] == ["email"]
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 10
    assert pool["Domain"].startswith("demo-app-")
    schema = {a["Name"]: a for a in pool["SchemaAttributes"]}
    assert schema["custom:tenant_id"]["Mutable"] is True
    assert "email" in schema
    mfa = idp.get_user_pool_mfa_config(UserPoolId=pool_id)
    assert mfa["MfaConfiguration"] == "OPTIONAL"
    assert mfa["SoftwareTokenMfaConfiguration"] == {"Enabled": True}
    groups = {g["GroupName"]: g for g in idp.list_groups(UserPoolId=pool_id)["Groups"]}
    assert groups["admins"]["Precedence"] == 1
    assert groups["admins"]["RoleArn"].endswith(":role/demo-app-admins")
    assert "RoleArn" not in groups["readers"]


def test_other_pools_settings(idp: Any, info: SandboxInfo) -> None:
    mfa = idp.get_user_pool_mfa_config(UserPoolId=info.pool("demo-mfa-required").id)
    assert mfa["MfaConfiguration"] == "ON"
    assert mfa["SoftwareTokenMfaConfiguration"] == {"Enabled": True}
    email_pool = idp.describe_user_pool(UserPoolId=info.pool("demo-email-login").id)["UserPool"]
    assert email_pool["UsernameAttributes"] == ["email"]


def test_demo_app_clients(idp: Any, info: SandboxInfo) -> None:
    pool = info.pool("demo-app")

    def describe(name: str) -> dict[str, Any]:
        client = pool.client(name)
        return idp.describe_user_pool_client(UserPoolId=pool.id, ClientId=client.id)["UserPoolClient"]

    spa = describe("web-spa")
    assert "ClientSecret" not in spa and pool.client("web-spa").secret is None
    assert set(spa["ExplicitAuthFlows"]) == {"ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"}
    assert spa["AllowedOAuthFlows"] == ["code"] and "email" in spa["ReadAttributes"]
    backend = describe("backend")
    assert backend["ClientSecret"] == pool.client("backend").secret
    assert "ALLOW_ADMIN_USER_PASSWORD_AUTH" in backend["ExplicitAuthFlows"]
    legacy = describe("legacy-password")
    assert "ALLOW_USER_PASSWORD_AUTH" in legacy["ExplicitAuthFlows"]
    assert legacy["AllowedOAuthFlows"] == ["implicit"]
    assert legacy["CallbackURLs"][0].startswith("http://")
    assert legacy["RefreshTokenValidity"] == 3650
    assert {c.name for c in info.pool("demo-mfa-required").clients} == {"web-spa", "native-app"}
    # the email pool also has a confidential client (SECRET_HASH over the internal id after PASSWORD_VERIFIER)
    # a choice-based (USER_AUTH) client and a CUSTOM_AUTH client whose triggers the sandbox plays
    email_clients = {c.name for c in info.pool("demo-email-login").clients}
    assert email_clients == {"web-spa", "native-app", "backend", "choice", "custom-auth"}


@pytest.mark.parametrize(
    ("username", "status", "enabled", "groups"),
    [
        ("alice", "CONFIRMED", True, ["admins"]),
        ("bob", "CONFIRMED", True, ["readers"]),
        ("carol", "UNCONFIRMED", True, []),
        ("dave", "FORCE_CHANGE_PASSWORD", True, []),
        ("erin", "CONFIRMED", False, []),
        ("frank", "CONFIRMED", True, []),
        ("heidi", "RESET_REQUIRED", True, []),
    ],
)
def test_demo_app_user_states(
    idp: Any, info: SandboxInfo, username: str, status: str, enabled: bool, groups: list[str]
) -> None:
    pool_id = info.pool("demo-app").id
    user = idp.admin_get_user(UserPoolId=pool_id, Username=username)
    assert (user["UserStatus"], user["Enabled"]) == (status, enabled)
    listed = idp.admin_list_groups_for_user(UserPoolId=pool_id, Username=username)["Groups"]
    assert [g["GroupName"] for g in listed] == groups
    seeded = info.user(username, pool="demo-app")
    assert (seeded.state, seeded.enabled, list(seeded.groups)) == (status, enabled, groups)


def test_alice_has_email_and_custom_attribute(idp: Any, info: SandboxInfo) -> None:
    user = idp.admin_get_user(UserPoolId=info.pool("demo-app").id, Username="alice")
    attributes = {a["Name"]: a["Value"] for a in user["UserAttributes"]}
    assert attributes["email"] == "alice@example.com"
    assert attributes["custom:tenant_id"] == "acme"


def test_frank_has_totp_enrolled(idp: Any, info: SandboxInfo) -> None:
    user = idp.admin_get_user(UserPoolId=info.pool("demo-app").id, Username="frank")
    assert user["UserMFASettingList"] == ["SOFTWARE_TOKEN_MFA"]
    assert user["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"
    assert info.user("frank").totp_secret


def test_alice_signs_in_with_secret_hash(idp: Any, info: SandboxInfo) -> None:
    backend = info.pool("demo-app").client("backend")
    assert backend.secret is not None
    result = idp.initiate_auth(
        ClientId=backend.id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={
            "USERNAME": "alice",
            "PASSWORD": DEMO_PASSWORD,
            "SECRET_HASH": secret_hash("alice", backend.id, backend.secret),
        },
    )["AuthenticationResult"]
    id_claims = claims(result["IdToken"])
    assert id_claims["email"] == "alice@example.com"
    assert id_claims["cognito:groups"] == ["admins"]
    assert id_claims["aud"] == backend.id


def _frank_challenge(idp: Any, info: SandboxInfo) -> tuple[str, dict[str, str]]:
    backend = info.pool("demo-app").client("backend")
    assert backend.secret is not None
    sh = secret_hash("frank", backend.id, backend.secret)
    started = idp.initiate_auth(
        ClientId=backend.id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "frank", "PASSWORD": DEMO_PASSWORD, "SECRET_HASH": sh},
    )
    assert started["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    return started["Session"], {"USERNAME": "frank", "SECRET_HASH": sh}


def test_frank_totp_code_is_checked(idp: Any, info: SandboxInfo) -> None:
    secret = info.user("frank").totp_secret
    assert secret is not None
    backend_id = info.pool("demo-app").client("backend").id
    session, responses = _frank_challenge(idp, info)
    code = fresh_code(secret)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    with pytest.raises(ClientError) as excinfo:
        idp.respond_to_auth_challenge(
            ClientId=backend_id,
            ChallengeName="SOFTWARE_TOKEN_MFA",
            Session=session,
            ChallengeResponses={**responses, "SOFTWARE_TOKEN_MFA_CODE": wrong},
        )
    assert error_code(excinfo) == "CodeMismatchException"

    session, responses = _frank_challenge(idp, info)
    result = idp.respond_to_auth_challenge(
        ClientId=backend_id,
        ChallengeName="SOFTWARE_TOKEN_MFA",
        Session=session,
        ChallengeResponses={**responses, "SOFTWARE_TOKEN_MFA_CODE": fresh_code(secret)},
    )
    assert claims(result["AuthenticationResult"]["AccessToken"])["username"] == "frank"


@pytest.mark.parametrize(
    ("username", "password", "expected"),
    [
        ("carol", DEMO_PASSWORD, "UserNotConfirmedException"),
        ("erin", DEMO_PASSWORD, "NotAuthorizedException"),
        ("dave", TEMPORARY_PASSWORD, "NEW_PASSWORD_REQUIRED"),
    ],
)
def test_user_states_shape_sign_in(
    idp: Any, info: SandboxInfo, username: str, password: str, expected: str
) -> None:
    client_id = info.pool("demo-app").client("legacy-password").id
    params = {"USERNAME": username, "PASSWORD": password}
    try:
        outcome = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=params)[
            "ChallengeName"
        ]
    except ClientError as exc:
        outcome = exc.response["Error"]["Code"]
    assert outcome == expected


def test_grace_is_asked_to_set_up_mfa_over_srp(idp: Any, info: SandboxInfo) -> None:
    pool = info.pool("demo-mfa-required")
    client_id = pool.client("web-spa").id
    srp = AWSSRP(username="grace", password=DEMO_PASSWORD, pool_id=pool.id, client_id=client_id, client=idp)
    params = srp.get_auth_params()
    started = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=params)
    assert started["ChallengeName"] == "PASSWORD_VERIFIER"
    answered = idp.respond_to_auth_challenge(
        ClientId=client_id,
        ChallengeName="PASSWORD_VERIFIER",
        ChallengeResponses=srp.process_challenge(started["ChallengeParameters"], params),
    )
    assert answered["ChallengeName"] == "MFA_SETUP"


def test_email_login_user_signs_in_with_email(idp: Any, info: SandboxInfo) -> None:
    pool = info.pool("demo-email-login")
    user = idp.admin_get_user(UserPoolId=pool.id, Username="ivy@example.com")
    assert user["Username"] != "ivy@example.com"  # a generated id; the email is an alias
    result = idp.initiate_auth(
        ClientId=pool.client("native-app").id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "ivy@example.com", "PASSWORD": DEMO_PASSWORD},
    )
    assert claims(result["AuthenticationResult"]["IdToken"])["email"] == "ivy@example.com"


def test_identity_pool_is_linked_to_demo_app(identity: Any, info: SandboxInfo) -> None:
    assert info.identity_pool is not None
    described = identity.describe_identity_pool(IdentityPoolId=info.identity_pool.id)
    assert described["IdentityPoolName"] == "demo-identities"
    assert described["AllowUnauthenticatedIdentities"] is True
    pool = info.pool("demo-app")
    assert described["CognitoIdentityProviders"] == [
        {
            "ProviderName": f"cognito-idp.us-east-1.amazonaws.com/{pool.id}",
            "ClientId": pool.client("web-spa").id,
            "ServerSideTokenCheck": False,
        }
    ]


def test_large_pool_paginates_and_filters(idp: Any, info: SandboxInfo) -> None:
    pool = info.pool("demo-large")
    assert pool.user_count >= 200  # enough for several pages and the filters below
    expected = generate_users(pool.user_count)
    pages = list(
        idp.get_paginator("list_users").paginate(UserPoolId=pool.id, PaginationConfig={"PageSize": 60})
    )
    assert len(pages) == -(-pool.user_count // 60)
    users = [u for page in pages for u in page["Users"]]
    assert [u["Username"] for u in users] == [u.username for u in expected]
    assert Counter(u["UserStatus"] for u in users) == Counter(u.status for u in expected)
    assert sum(not u["Enabled"] for u in users) == sum(not u.enabled for u in expected) > 0
    assert {"CONFIRMED", "UNCONFIRMED", "FORCE_CHANGE_PASSWORD"} <= {u["UserStatus"] for u in users}

    def filtered(expression: str) -> list[str]:
        pages = idp.get_paginator("list_users").paginate(UserPoolId=pool.id, Filter=expression)
        return [u["Username"] for page in pages for u in page["Users"]]

    assert filtered('username ^= "user001"') == [f"user{i:05d}" for i in range(100, 200)]
    assert filtered('cognito:user_status = "UNCONFIRMED"') == [
        u.username for u in expected if u.status == "UNCONFIRMED"
    ]
    email = expected[41].attributes["email"]
    assert filtered(f'email = "{email}"') == [expected[41].username]
    members = idp.get_paginator("list_users_in_group").paginate(
        UserPoolId=pool.id, GroupName="beta-testers", PaginationConfig={"PageSize": 20}
    )
    assert sorted(u["Username"] for page in members for u in page["Users"]) == [
        u.username for u in expected if u.in_group
    ]


def test_latency_slows_every_call(sandbox: tuple[SandboxServer, SandboxInfo], idp: Any) -> None:
    server, info = sandbox
    server.latency_ms = 200
    try:
        started = time.perf_counter()
        idp.describe_user_pool(UserPoolId=info.pool("demo-app").id)
        assert time.perf_counter() - started >= 0.2
    finally:
        server.latency_ms = 0


def test_stop_releases_the_port() -> None:
    server = SandboxServer().start()
    port = server.port
    client = boto3.client(
        "cognito-idp",
        region_name="us-east-1",
        endpoint_url=server.endpoint_url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(connect_timeout=1, read_timeout=2, retries={"total_max_attempts": 1}),
    )
    client.list_user_pools(MaxResults=1)  # leaves a keep-alive connection open
    server.stop()
    server.stop()  # idempotent
    assert not server.running
    with pytest.raises(EndpointConnectionError):
        client.list_user_pools(MaxResults=1)
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))
        probe.listen()


def test_json_description_has_every_required_key(info: SandboxInfo) -> None:
    data = json.loads(json.dumps(info.to_json_dict()))
    assert data["endpoint_url"] == info.endpoint_url and data["region"] == "us-east-1"
    assert info.identity_pool is not None
    assert data["identity_pool"] == {"name": "demo-identities", "id": info.identity_pool.id}
    for pool in data["pools"]:
        assert pool["name"] and pool["id"]
        assert all({"name", "id", "secret"} <= set(c) for c in pool["clients"])
    users = {(u["pool"], u["username"]): u for u in data["users"]}
    assert all({"pool", "username", "password", "state", "totp_secret"} <= set(u) for u in users.values())
    assert users[("demo-app", "frank")]["totp_secret"] == info.user("frank").totp_secret
    assert users[("demo-app", "dave")]["password"] == TEMPORARY_PASSWORD
    demo_app = next(p for p in data["pools"] if p["name"] == "demo-app")
    assert {c["name"]: c["secret"] is not None for c in demo_app["clients"]} == {
        "web-spa": False,
        "backend": True,
        "legacy-password": False,
        "machine": True,
        "managed-login": False,
    }
    assert demo_app["oauth_base_url"] == f"{info.endpoint_url}/oauth/{demo_app['domain']}"
    clients = {c["name"]: c for c in demo_app["clients"]}
    assert clients["managed-login"]["callback_urls"] == ["http://localhost:8765/callback"]
    assert clients["machine"]["allowed_oauth_flows"] == ["client_credentials"]
    assert "demo-api/orders.read" in clients["machine"]["allowed_oauth_scopes"]
    assert "ALLOW_USER_SRP_AUTH" in clients["web-spa"]["explicit_auth_flows"]
    lines = info.describe_lines()
    assert lines[0] == f"Sandbox endpoint: {info.endpoint_url}"
    assert any("frank" in line and DEMO_PASSWORD in line for line in lines)


def test_foreground_command_prints_json_and_stops_on_sigterm() -> None:
    code = "from cogtui.sandbox import run_sandbox_foreground as r; raise SystemExit(r(0, 20, 0, True))"
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    try:
        assert proc.stdout is not None
        data = json.loads(proc.stdout.readline())
        assert data["endpoint_url"].startswith("http://127.0.0.1:")
        assert next(p for p in data["pools"] if p["name"] == "demo-large")["user_count"] == 20
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        assert proc.stderr is not None and proc.stderr.read() == ""
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_importing_the_sandbox_loads_neither_textual_nor_moto() -> None:
    code = (
        "import sys, cogtui.sandbox, cogtui.sandbox.seed; "
        "print(sorted(m for m in ('textual', 'moto') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    ).stdout
    assert out.strip() == "[]"
