"""Seed a running sandbox through the real Cognito APIs (botocore over HTTP), following ``seed_data``.

Every step is an ordinary API call an administrator could make (CreateUserPool, SetUserPoolMfaConfig,
AdminCreateUser, SignUp, AssociateSoftwareToken...), so the seed also exercises the emulator the way
the product will. Only the optional large pool takes a shortcut (see ``bulk_users``).
"""

from __future__ import annotations

import time
import urllib.request
from dataclasses import replace
from typing import Any

import botocore.session
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from cogtui.auth.secret_hash import secret_hash
from cogtui.aws.model_data import share_model_data
from cogtui.sandbox.bulk_users import create_over_http, generate_users, in_process_pools, insert_in_process
from cogtui.sandbox.info import ClientInfo, IdentityPoolInfo, PoolInfo, SandboxInfo, SeededUser
from cogtui.sandbox.keys import oauth_base_url
from cogtui.sandbox.seed_data import (
    BASE_POOLS,
    CONFIRMED,
    DEMO_LARGE,
    DEMO_PASSWORD,
    FORCE_CHANGE_PASSWORD,
    IDENTITY_POOL,
    IDENTITY_POOL_CLIENT,
    IDENTITY_POOL_ROLES,
    LARGE_GROUP,
    LATER_CLIENTS,
    LATER_USERS,
    RESET_REQUIRED,
    TEMPORARY_PASSWORD,
    ClientSpec,
    PoolSpec,
    UserSpec,
)
from cogtui.sandbox.server import SANDBOX_CREDENTIALS, SandboxError
from cogtui.sandbox.strict.state import strict_state
from cogtui.sandbox.totp import seconds_remaining, totp_now

DEFAULT_RANDOM_SEED = 20240501


def seed_client_config() -> Config:
    """Short timeouts and a single attempt: seeding a local emulator either works at once or is broken
    (and a retried create would fail with "already exists", hiding the real error)."""
    return Config(
        connect_timeout=2,
        read_timeout=15,
        retries={"mode": "standard", "total_max_attempts": 1},
        max_pool_connections=16,
    )


def sandbox_clients(endpoint_url: str, region: str) -> tuple[Any, Any]:
    """cognito-idp and cognito-identity clients signed with the sandbox's fake credentials."""
    session = botocore.session.Session()
    share_model_data(session)  # models parsed once per process, not once per pair of clients
    session.set_credentials(*SANDBOX_CREDENTIALS)
    config = seed_client_config()
    return (
        session.create_client("cognito-idp", region_name=region, endpoint_url=endpoint_url, config=config),
        session.create_client(
            "cognito-identity", region_name=region, endpoint_url=endpoint_url, config=config
        ),
    )


def reseed_emulator_random(endpoint_url: str, value: int) -> None:
    """Make the emulator's generated values (client secrets, subs, identity pool ids) reproducible."""
    request = urllib.request.Request(f"{endpoint_url}/moto-api/seed?a={int(value)}", data=b"", method="POST")
    with urllib.request.urlopen(request, timeout=5) as response:
        response.read()


def endpoint_of(client: Any) -> str:
    """The endpoint a boto3 client talks to, without a trailing slash."""
    return str(client.meta.endpoint_url).rstrip("/")


def _attributes(values: dict[str, str]) -> list[dict[str, str]]:
    return [{"Name": k, "Value": v} for k, v in values.items()]


def _domain_name(prefix: str, pool_id: str) -> str:
    return f"{prefix}-{pool_id.split('_', 1)[-1][:8].lower()}"


def _enroll_totp(
    idp: Any, pool_id: str, username: str, password: str, client: ClientInfo, chosen_secret: str | None
) -> str:
    """Sign in as the user, enrol an authenticator app with a real code, make TOTP the preferred MFA.

    ``chosen_secret`` is handed out by AssociateSoftwareToken when the sandbox runs in this process
    (a secret short enough to type); otherwise the sandbox's own random secret is used and returned.
    """
    if chosen_secret:
        strict_state().preset_totp_secret(pool_id, username, chosen_secret)
    auth: dict[str, str] = {"USERNAME": username, "PASSWORD": password}
    if client.secret:
        auth["SECRET_HASH"] = secret_hash(username, client.id, client.secret)
    result = idp.admin_initiate_auth(
        UserPoolId=pool_id, ClientId=client.id, AuthFlow="ADMIN_USER_PASSWORD_AUTH", AuthParameters=auth
    )
    access_token = result["AuthenticationResult"]["AccessToken"]
    secret = idp.associate_software_token(AccessToken=access_token)["SecretCode"]
    if seconds_remaining() < 1.0:  # a code about to expire would be rejected once it reaches the server
        time.sleep(seconds_remaining())
    try:
        idp.verify_software_token(
            AccessToken=access_token, UserCode=totp_now(secret), FriendlyDeviceName="phone"
        )
    except ClientError as exc:
        if exc.response["Error"]["Code"] != "CodeMismatchException":
            raise
        idp.verify_software_token(
            AccessToken=access_token, UserCode=totp_now(secret), FriendlyDeviceName="phone"
        )
    idp.admin_set_user_mfa_preference(
        UserPoolId=pool_id,
        Username=username,
        SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True},
    )
    return str(secret)


def _admin_flow_client(clients: tuple[ClientInfo, ...], spec: PoolSpec) -> ClientInfo:
    for client_spec, client in zip(spec.clients, clients, strict=True):
        if "ALLOW_ADMIN_USER_PASSWORD_AUTH" in client_spec.settings.get("ExplicitAuthFlows", []):
            return client
    raise SandboxError(
        f"pool {spec.name} has no client allowing ADMIN_USER_PASSWORD_AUTH", code="SandboxSeed"
    )


def _seed_user(
    idp: Any, pool_id: str, spec: PoolSpec, clients: tuple[ClientInfo, ...], user: UserSpec
) -> SeededUser:
    if user.sign_up_client:
        client = next(c for c in clients if c.name == user.sign_up_client)
        extra = {"SecretHash": secret_hash(user.username, client.id, client.secret)} if client.secret else {}
        idp.sign_up(
            ClientId=client.id,
            Username=user.username,
            Password=user.password or DEMO_PASSWORD,
            UserAttributes=_attributes(user.attributes),
            **extra,
        )
    else:
        temporary = user.password if user.state == FORCE_CHANGE_PASSWORD else TEMPORARY_PASSWORD
        idp.admin_create_user(
            UserPoolId=pool_id,
            Username=user.username,
            TemporaryPassword=temporary,
            MessageAction="SUPPRESS",
            UserAttributes=_attributes(user.attributes),
        )
        if user.state in (CONFIRMED, RESET_REQUIRED):
            idp.admin_set_user_password(
                UserPoolId=pool_id, Username=user.username, Password=user.password, Permanent=True
            )
    for group in user.groups:
        idp.admin_add_user_to_group(UserPoolId=pool_id, Username=user.username, GroupName=group)
    totp_secret = None
    if user.enroll_totp:
        client = _admin_flow_client(clients, spec)
        password = user.password or DEMO_PASSWORD
        totp_secret = _enroll_totp(idp, pool_id, user.username, password, client, user.totp_secret)
    if user.mfa_methods:
        _enable_mfa_methods(idp, pool_id, user)
    if user.state == RESET_REQUIRED:
        idp.admin_reset_user_password(UserPoolId=pool_id, Username=user.username)
    if not user.enabled:
        idp.admin_disable_user(UserPoolId=pool_id, Username=user.username)
    return SeededUser(
        pool=spec.name,
        username=user.username,
        password=user.password,
        state=user.state,
        enabled=user.enabled,
        totp_secret=totp_secret,
        groups=user.groups,
        note=user.note,
    )


def _create_client(idp: Any, pool_id: str, client_spec: ClientSpec) -> ClientInfo:
    created = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName=client_spec.name, **client_spec.settings
    )
    body = created["UserPoolClient"]
    settings = client_spec.settings
    return ClientInfo(
        name=client_spec.name,
        id=body["ClientId"],
        secret=body.get("ClientSecret"),
        explicit_auth_flows=tuple(settings.get("ExplicitAuthFlows", ())),
        oauth_flows=tuple(settings.get("AllowedOAuthFlows", ())),
        scopes=tuple(settings.get("AllowedOAuthScopes", ())),
        callback_urls=tuple(settings.get("CallbackURLs", ())),
    )


def _enable_mfa_methods(idp: Any, pool_id: str, user: UserSpec) -> None:
    """Turn on the user's SMS and/or email sign-in codes; the only method is also the preferred one."""
    settings = {"SMS_MFA": "SMSMfaSettings", "EMAIL_OTP": "EmailMfaSettings"}
    preferred = len(user.mfa_methods) == 1
    idp.admin_set_user_mfa_preference(
        UserPoolId=pool_id,
        Username=user.username,
        **{settings[m]: {"Enabled": True, "PreferredMfa": preferred} for m in user.mfa_methods},
    )


def seed_later(idp: Any, pools: list[PoolInfo]) -> tuple[list[PoolInfo], list[SeededUser]]:
    """The users and clients added after everything else (``LATER_USERS``, ``LATER_CLIENTS``)."""
    specs = {spec.name: spec for spec in BASE_POOLS}
    by_name = {pool.name: pool for pool in pools}
    users: list[SeededUser] = []
    for pool_name, client_spec in LATER_CLIENTS:
        pool = by_name[pool_name]
        client = _create_client(idp, pool.id, client_spec)
        by_name[pool_name] = replace(pool, clients=(*pool.clients, client))
    for pool_name, user_spec in LATER_USERS:
        pool = by_name[pool_name]
        users.append(_seed_user(idp, pool.id, specs[pool_name], pool.clients, user_spec))
        by_name[pool_name] = replace(pool, user_count=pool.user_count + 1)
    return [by_name[pool.name] for pool in pools], users


def seed_pool(idp: Any, spec: PoolSpec) -> tuple[PoolInfo, list[SeededUser]]:
    """Create one pool with its MFA setting, custom attributes, domain, groups, clients and users."""
    pool_id = idp.create_user_pool(PoolName=spec.name, **spec.settings)["UserPool"]["Id"]
    if spec.custom_attributes:
        idp.add_custom_attributes(UserPoolId=pool_id, CustomAttributes=list(spec.custom_attributes))
    if spec.mfa != "OFF":
        idp.set_user_pool_mfa_config(
            UserPoolId=pool_id,
            SoftwareTokenMfaConfiguration={"Enabled": True},
            MfaConfiguration=spec.mfa,
        )
    domain = _domain_name(spec.domain_prefix, pool_id) if spec.domain_prefix else None
    if domain:
        idp.create_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    for group in spec.groups:
        extra = {"RoleArn": group.role_arn} if group.role_arn else {}
        idp.create_group(
            UserPoolId=pool_id,
            GroupName=group.name,
            Description=group.description,
            Precedence=group.precedence,
            **extra,
        )
    for server in spec.resource_servers:
        idp.create_resource_server(
            UserPoolId=pool_id,
            Identifier=server.identifier,
            Name=server.name,
            Scopes=[{"ScopeName": n, "ScopeDescription": d} for n, d in server.scopes],
        )
    client_infos = tuple(_create_client(idp, pool_id, client_spec) for client_spec in spec.clients)
    users = [_seed_user(idp, pool_id, spec, client_infos, user) for user in spec.users]
    oauth = oauth_base_url(endpoint_of(idp), domain) if domain else None
    info = PoolInfo(
        name=spec.name,
        id=pool_id,
        clients=client_infos,
        user_count=len(users),
        domain=domain,
        oauth_base_url=oauth,
    )
    return info, users


def seed_identity_pool(identity: Any, region: str, pools: list[PoolInfo]) -> IdentityPoolInfo:
    """The identity pool trusting demo-app through web-spa, with guest access and the classic flow."""
    pool_name, client_name = IDENTITY_POOL_CLIENT
    pool = next(p for p in pools if p.name == pool_name)
    response = identity.create_identity_pool(
        IdentityPoolName=IDENTITY_POOL,
        AllowUnauthenticatedIdentities=True,
        AllowClassicFlow=True,
        CognitoIdentityProviders=[
            {
                "ProviderName": f"cognito-idp.{region}.amazonaws.com/{pool.id}",
                "ClientId": pool.client(client_name).id,
                "ServerSideTokenCheck": False,
            }
        ],
        IdentityPoolTags={"project": "cogtui-sandbox"},
    )
    mapping_key = f"cognito-idp.{region}.amazonaws.com/{pool.id}:{pool.client(client_name).id}"
    identity.set_identity_pool_roles(
        IdentityPoolId=response["IdentityPoolId"],
        Roles=IDENTITY_POOL_ROLES,
        RoleMappings={mapping_key: {"Type": "Token", "AmbiguousRoleResolution": "AuthenticatedRole"}},
    )
    return IdentityPoolInfo(name=IDENTITY_POOL, id=response["IdentityPoolId"])


def seed_large_pool(idp: Any, region: str, count: int) -> tuple[PoolInfo, str]:
    """``demo-large`` with ``count`` generated users. Returns the pool and how they were created."""
    existing_before = in_process_pools(region)
    pool, _ = seed_pool(idp, DEMO_LARGE)
    users = generate_users(count)
    if insert_in_process(pool.id, region, LARGE_GROUP, users, existing_before):
        method = "in-process"
    else:
        create_over_http(idp, pool.id, pool.client("native-app").id, LARGE_GROUP, users)
        method = "http"
    first, last = users[0].username, users[-1].username
    note = f"{first}..{last}; password {DEMO_PASSWORD} (temporary {TEMPORARY_PASSWORD} for FORCE_CHANGE_PASSWORD)"
    return PoolInfo(name=pool.name, id=pool.id, clients=pool.clients, user_count=count, note=note), method


def seed(
    endpoint_url: str,
    region: str = "us-east-1",
    large_users: int = 0,
    *,
    random_seed: int | None = DEFAULT_RANDOM_SEED,
) -> SandboxInfo:
    """Seed the sandbox at ``endpoint_url`` and describe what was created.

    ``random_seed`` makes the emulator's generated secrets and ids the same on every run (None to skip).
    ``large_users`` > 0 adds the ``demo-large`` pool with that many users.
    """
    timings: dict[str, float] = {}
    started = time.perf_counter()
    step = "connecting"
    try:
        idp, identity = sandbox_clients(endpoint_url, region)
        if random_seed is not None:
            step = "reseeding"
            reseed_emulator_random(endpoint_url, random_seed)
        pools: list[PoolInfo] = []
        users: list[SeededUser] = []
        for spec in BASE_POOLS:
            step = f"pool {spec.name}"
            pool, pool_users = seed_pool(idp, spec)
            pools.append(pool)
            users.extend(pool_users)
        step = f"identity pool {IDENTITY_POOL}"
        identity_pool = seed_identity_pool(identity, region, pools)
        timings["base"] = time.perf_counter() - started
        if large_users > 0:
            step = f"pool {DEMO_LARGE.name}"
            large_started = time.perf_counter()
            large, method = seed_large_pool(idp, region, large_users)
            pools.append(large)
            timings[f"large_users_{method}"] = time.perf_counter() - large_started
        step = "MFA users and later clients"
        pools, later_users = seed_later(idp, pools)
        users.extend(later_users)
    except (BotoCoreError, ClientError, OSError) as exc:
        raise SandboxError(
            f"Seeding the sandbox failed ({step}): {exc}", code="SandboxSeed", operation="seed"
        ) from exc
    timings["total"] = time.perf_counter() - started
    return SandboxInfo(
        endpoint_url=endpoint_url,
        region=region,
        pools=tuple(pools),
        identity_pool=identity_pool,
        users=tuple(users),
        outbox_path=str(strict_state().outbox.path),
        timings=timings,
    )
