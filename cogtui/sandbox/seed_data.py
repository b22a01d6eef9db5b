"""The sandbox's seed, declared as data: pools, app clients, groups and users with their passwords.

Pool and client settings are the keyword arguments of the real Cognito API calls, so the seed
reads like what an administrator would configure. Passwords satisfy the pools' policies and are
documented for newcomers: every seeded account uses ``DEMO_PASSWORD`` unless it says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEMO_PASSWORD = "Passw0rd!demo"
TEMPORARY_PASSWORD = "Temp0rary!demo"
# The authenticator secret of the seeded TOTP users: RFC 6238's test key ("12345678901234567890") in
# base32, 32 characters like Cognito's own secrets, and short enough to type into an authenticator app.
DEMO_TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
DEMO_ACCOUNT_ID = "123456789012"

APP_POOL = "demo-app"
MFA_POOL = "demo-mfa-required"
EMAIL_POOL = "demo-email-login"
LARGE_POOL = "demo-large"
IDENTITY_POOL = "demo-identities"
# The demo API (a resource server of demo-app) and the loopback callback of the managed-login client.
DEMO_API = "demo-api"
MANAGED_LOGIN_CALLBACK = "http://localhost:8765/callback"

# The states a seeded user can be put in (Cognito's UserStatus values, reached by real API calls).
CONFIRMED = "CONFIRMED"
UNCONFIRMED = "UNCONFIRMED"
FORCE_CHANGE_PASSWORD = "FORCE_CHANGE_PASSWORD"
RESET_REQUIRED = "RESET_REQUIRED"

PASSWORD_POLICY: dict[str, Any] = {
    "MinimumLength": 10,
    "RequireUppercase": True,
    "RequireLowercase": True,
    "RequireNumbers": True,
    "RequireSymbols": True,
    "TemporaryPasswordValidityDays": 7,
}

_COMMON_POOL: dict[str, Any] = {
    "Policies": {"PasswordPolicy": PASSWORD_POLICY},
    "AutoVerifiedAttributes": ["email"],
    "AccountRecoverySetting": {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"}]},
    "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False},
    "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT"},
    "VerificationMessageTemplate": {"DefaultEmailOption": "CONFIRM_WITH_CODE"},
    "DeletionProtection": "INACTIVE",
    "UserPoolTags": {"project": "cogtui-sandbox"},
}

# A public single-page app: SRP only, OAuth authorization code flow over https.
_SPA_CLIENT: dict[str, Any] = {
    "GenerateSecret": False,
    "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    "SupportedIdentityProviders": ["COGNITO"],
    "CallbackURLs": ["https://app.example.com/callback"],
    "LogoutURLs": ["https://app.example.com/"],
    "AllowedOAuthFlows": ["code"],
    "AllowedOAuthScopes": ["openid", "email", "profile"],
    "AllowedOAuthFlowsUserPoolClient": True,
    "ReadAttributes": ["email", "email_verified", "name", "phone_number"],
    "WriteAttributes": ["name"],
    "PreventUserExistenceErrors": "ENABLED",
    "EnableTokenRevocation": True,
    "AccessTokenValidity": 60,
    "IdTokenValidity": 60,
    "RefreshTokenValidity": 30,
    "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
    "AuthSessionValidity": 3,
}

# A public native/CLI app that sends the password itself (USER_PASSWORD_AUTH) as well as SRP.
_NATIVE_CLIENT: dict[str, Any] = {
    "GenerateSecret": False,
    "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    "ReadAttributes": ["email", "email_verified", "name"],
    "PreventUserExistenceErrors": "ENABLED",
    "EnableTokenRevocation": True,
}


# A confidential server-side client's flows: the admin API, the password, SRP and refresh.
_SERVER_FLOWS = [
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
]


@dataclass(frozen=True)
class ClientSpec:
    """An app client: its name and the CreateUserPoolClient arguments."""

    name: str
    settings: dict[str, Any]


@dataclass(frozen=True)
class ResourceServerSpec:
    """A resource server (an API) and its custom scopes, as (name, description) pairs."""

    identifier: str
    name: str
    scopes: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class GroupSpec:
    name: str
    description: str
    precedence: int
    role_arn: str | None = None


@dataclass(frozen=True)
class UserSpec:
    """A user to create and the state to leave it in.

    ``username`` is what one types to sign in (an email in an email-login pool). ``sign_up_client``
    set means the user signs itself up through that client (and stays UNCONFIRMED).
    """

    username: str
    state: str
    password: str | None = DEMO_PASSWORD
    attributes: dict[str, str] = field(default_factory=dict)
    groups: tuple[str, ...] = ()
    enabled: bool = True
    enroll_totp: bool = False
    totp_secret: str | None = None  # the secret to enrol with (when the sandbox may choose it)
    # SMS_MFA and/or EMAIL_OTP turned on with AdminSetUserMFAPreference (preferred when only one).
    mfa_methods: tuple[str, ...] = ()
    sign_up_client: str | None = None
    note: str = ""


@dataclass(frozen=True)
class PoolSpec:
    """A user pool: CreateUserPool arguments plus MFA, custom attributes, domain, clients, groups, users."""

    name: str
    settings: dict[str, Any]
    mfa: str = "OFF"  # OFF | OPTIONAL | ON, applied with SetUserPoolMfaConfig (software token)
    custom_attributes: tuple[dict[str, Any], ...] = ()
    domain_prefix: str | None = None
    clients: tuple[ClientSpec, ...] = ()
    resource_servers: tuple[ResourceServerSpec, ...] = ()
    groups: tuple[GroupSpec, ...] = ()
    users: tuple[UserSpec, ...] = ()


def _email(name: str, verified: bool = True) -> dict[str, str]:
    return {"email": f"{name}@example.com", "email_verified": "true" if verified else "false"}


DEMO_APP = PoolSpec(
    name=APP_POOL,
    settings={
        **_COMMON_POOL,
        "UsernameConfiguration": {"CaseSensitive": False},
        "LambdaConfig": {
            "PreTokenGeneration": f"arn:aws:lambda:us-east-1:{DEMO_ACCOUNT_ID}:function:demo-app-pre-token",
        },
    },
    mfa="OPTIONAL",
    custom_attributes=(
        {
            "Name": "tenant_id",
            "AttributeDataType": "String",
            "Mutable": True,
            "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "64"},
        },
    ),
    domain_prefix="demo-app",
    clients=(
        ClientSpec(
            "web-spa",
            {**_SPA_CLIENT, "ReadAttributes": [*_SPA_CLIENT["ReadAttributes"], "custom:tenant_id"]},
        ),
        ClientSpec(
            "backend",
            {
                "GenerateSecret": True,
                "ExplicitAuthFlows": _SERVER_FLOWS,
                "ReadAttributes": ["email", "email_verified", "name", "phone_number", "custom:tenant_id"],
                "WriteAttributes": ["email", "name", "phone_number", "custom:tenant_id"],
                "PreventUserExistenceErrors": "ENABLED",
                "EnableTokenRevocation": True,
                "AccessTokenValidity": 1,
                "IdTokenValidity": 1,
                "RefreshTokenValidity": 7,
                "TokenValidityUnits": {"AccessToken": "hours", "IdToken": "hours", "RefreshToken": "days"},
            },
        ),
        # Deliberately questionable: implicit grant, a plain-http callback, ten-year refresh tokens,
        # user-existence errors left on, no token revocation.
        ClientSpec(
            "legacy-password",
            {
                "GenerateSecret": False,
                "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                "SupportedIdentityProviders": ["COGNITO"],
                "CallbackURLs": ["http://legacy.example.com/callback"],
                "AllowedOAuthFlows": ["implicit"],
                "AllowedOAuthScopes": ["openid", "email", "aws.cognito.signin.user.admin"],
                "AllowedOAuthFlowsUserPoolClient": True,
                "ReadAttributes": ["email", "name"],
                "PreventUserExistenceErrors": "LEGACY",
                "EnableTokenRevocation": False,
                "AccessTokenValidity": 24,
                "IdTokenValidity": 24,
                "RefreshTokenValidity": 3650,
                "TokenValidityUnits": {"AccessToken": "hours", "IdToken": "hours", "RefreshToken": "days"},
            },
        ),
        # A service calling the demo API on its own behalf: client credentials, the API's scopes only.
        ClientSpec(
            "machine",
            {
                "GenerateSecret": True,
                "ExplicitAuthFlows": ["ALLOW_REFRESH_TOKEN_AUTH"],
                "AllowedOAuthFlows": ["client_credentials"],
                "AllowedOAuthScopes": [f"{DEMO_API}/orders.read", f"{DEMO_API}/orders.write"],
                "AllowedOAuthFlowsUserPoolClient": True,
                "EnableTokenRevocation": True,
                "AccessTokenValidity": 60,
                "TokenValidityUnits": {"AccessToken": "minutes"},
            },
        ),
        # Managed login for a local app: authorization code with PKCE, a loopback callback on a fixed port.
        ClientSpec(
            "managed-login",
            {
                "GenerateSecret": False,
                "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                "SupportedIdentityProviders": ["COGNITO"],
                "CallbackURLs": [MANAGED_LOGIN_CALLBACK],
                "LogoutURLs": ["http://localhost:8765/"],
                "AllowedOAuthFlows": ["code"],
                "AllowedOAuthScopes": [
                    "openid",
                    "email",
                    "profile",
                    "aws.cognito.signin.user.admin",
                    f"{DEMO_API}/orders.read",
                ],
                "AllowedOAuthFlowsUserPoolClient": True,
                "ReadAttributes": ["email", "email_verified", "name"],
                "PreventUserExistenceErrors": "ENABLED",
                "EnableTokenRevocation": True,
            },
        ),
    ),
    resource_servers=(
        ResourceServerSpec(
            DEMO_API,
            "Demo orders API",
            (("orders.read", "Read orders"), ("orders.write", "Create and change orders")),
        ),
    ),
    groups=(
        GroupSpec(
            "admins",
            "Administrators of the demo app",
            1,
            f"arn:aws:iam::{DEMO_ACCOUNT_ID}:role/demo-app-admins",
        ),
        GroupSpec("readers", "Read-only users of the demo app", 10),
    ),
    users=(
        UserSpec(
            "alice",
            CONFIRMED,
            attributes={**_email("alice"), "name": "Alice Admin", "custom:tenant_id": "acme"},
            groups=("admins",),
            note="admin (group admins)",
        ),
        UserSpec(
            "bob",
            CONFIRMED,
            attributes={
                **_email("bob"),
                "name": "Bob Reader",
                "phone_number": "+15555550102",
                "custom:tenant_id": "acme",
            },
            groups=("readers",),
            note="group readers",
        ),
        UserSpec(
            "carol",
            UNCONFIRMED,
            attributes={"email": "carol@example.com", "name": "Carol Pending"},
            sign_up_client="web-spa",
            note="signed up, never confirmed",
        ),
        UserSpec(
            "dave",
            FORCE_CHANGE_PASSWORD,
            password=TEMPORARY_PASSWORD,
            attributes={**_email("dave"), "name": "Dave Newcomer"},
            note="temporary password: must choose a new one",
        ),
        UserSpec(
            "erin",
            CONFIRMED,
            attributes={**_email("erin"), "name": "Erin Disabled"},
            enabled=False,
            note="disabled by an administrator",
        ),
        UserSpec(
            "frank",
            CONFIRMED,
            attributes={**_email("frank"), "name": "Frank Authenticator", "custom:tenant_id": "globex"},
            enroll_totp=True,
            totp_secret=DEMO_TOTP_SECRET,
            note="authenticator app (TOTP) enrolled",
        ),
        UserSpec(
            "heidi",
            RESET_REQUIRED,
            attributes={**_email("heidi"), "name": "Heidi Reset"},
            note="password reset required by an administrator",
        ),
    ),
)

DEMO_MFA_REQUIRED = PoolSpec(
    name=MFA_POOL,
    settings=dict(_COMMON_POOL),
    mfa="ON",
    clients=(ClientSpec("web-spa", _SPA_CLIENT), ClientSpec("native-app", _NATIVE_CLIENT)),
    users=(
        UserSpec(
            "grace",
            CONFIRMED,
            attributes={**_email("grace"), "name": "Grace Setup"},
            note="MFA required, not enrolled: SRP sign-in asks for MFA_SETUP",
        ),
    ),
)

# CUSTOM_AUTH triggers of demo-email-login. No Lambda runs: the sandbox plays them (a code sent by email,
# answered as ANSWER; see cogtui.sandbox.strict.custom).
_CUSTOM_AUTH_TRIGGERS = {
    trigger: f"arn:aws:lambda:us-east-1:{DEMO_ACCOUNT_ID}:function:demo-email-login-{name}"
    for trigger, name in (
        ("DefineAuthChallenge", "define-auth-challenge"),
        ("CreateAuthChallenge", "create-auth-challenge"),
        ("VerifyAuthChallengeResponse", "verify-auth-challenge"),
    )
}

DEMO_EMAIL_LOGIN = PoolSpec(
    name=EMAIL_POOL,
    settings={
        **_COMMON_POOL,
        "UsernameAttributes": ["email"],
        "LambdaConfig": _CUSTOM_AUTH_TRIGGERS,
        # choice-based sign-in (USER_AUTH): a password or a code by email
        "Policies": {
            **_COMMON_POOL["Policies"],
            "SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]},
        },
    },
    clients=(ClientSpec("web-spa", _SPA_CLIENT), ClientSpec("native-app", _NATIVE_CLIENT)),
    users=(
        UserSpec(
            "ivy@example.com",
            CONFIRMED,
            attributes={"email_verified": "true", "name": "Ivy Email"},
            note="signs in with her email; Cognito's username is a generated id",
        ),
    ),
)

BASE_POOLS: tuple[PoolSpec, ...] = (DEMO_APP, DEMO_MFA_REQUIRED, DEMO_EMAIL_LOGIN)

# Added after everything else (so the ids of what was seeded before them stay the same): users for the
# SMS and email sign-in codes and for the choice between them, and a confidential client where users
# sign in with their email (SECRET_HASH over the internal id, USER_ID_FOR_SRP, after PASSWORD_VERIFIER).
_PHONE = "+15555550123"
LATER_USERS: tuple[tuple[str, UserSpec], ...] = (
    (
        MFA_POOL,
        UserSpec(
            "sam",
            CONFIRMED,
            attributes={
                **_email("sam"),
                "name": "Sam SMS",
                "phone_number": _PHONE,
                "phone_number_verified": "true",
            },
            mfa_methods=("SMS_MFA",),
            note="SMS MFA: the text message with the code is in the outbox (F2)",
        ),
    ),
    (
        MFA_POOL,
        UserSpec(
            "emma",
            CONFIRMED,
            attributes={**_email("emma"), "name": "Emma Email"},
            mfa_methods=("EMAIL_OTP",),
            note="email MFA (EMAIL_OTP): the 8-digit code is in the outbox (F2)",
        ),
    ),
    (
        MFA_POOL,
        UserSpec(
            "mia",
            CONFIRMED,
            attributes={
                **_email("mia"),
                "name": "Mia Choice",
                "phone_number": _PHONE,
                "phone_number_verified": "true",
            },
            mfa_methods=("SMS_MFA", "EMAIL_OTP"),
            note="SMS and email MFA, none preferred: sign-in asks which (SELECT_MFA_TYPE)",
        ),
    ),
)


def _email_pool_client(secret: bool, flows: list[str]) -> dict[str, Any]:
    """An app client of demo-email-login added after the rest: a secret or not, and its auth flows."""
    return {
        "GenerateSecret": secret,
        "ExplicitAuthFlows": flows,
        "ReadAttributes": ["email", "email_verified", "name"],
        "PreventUserExistenceErrors": "ENABLED",
        "EnableTokenRevocation": True,
    }


LATER_CLIENTS: tuple[tuple[str, ClientSpec], ...] = (
    (EMAIL_POOL, ClientSpec("backend", _email_pool_client(True, _SERVER_FLOWS))),
    (
        EMAIL_POOL,
        ClientSpec("choice", _email_pool_client(False, ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])),
    ),
    (
        EMAIL_POOL,
        ClientSpec(
            "custom-auth", _email_pool_client(False, ["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
        ),
    ),
)

# The large pool's users are generated (see bulk_users); its pool, clients and group are declared here.
DEMO_LARGE = PoolSpec(
    name=LARGE_POOL,
    settings=dict(_COMMON_POOL),
    clients=(ClientSpec("web-spa", _SPA_CLIENT), ClientSpec("native-app", _NATIVE_CLIENT)),
    groups=(GroupSpec("beta-testers", "Every tenth user", 5),),
)
LARGE_GROUP = "beta-testers"

IDENTITY_POOL_CLIENT = (APP_POOL, "web-spa")
# The identity pool's roles: signed-in users and guests; a group's role (cognito:preferred_role) wins.
IDENTITY_POOL_ROLES = {
    "authenticated": f"arn:aws:iam::{DEMO_ACCOUNT_ID}:role/demo-identities-authenticated",
    "unauthenticated": f"arn:aws:iam::{DEMO_ACCOUNT_ID}:role/demo-identities-guest",
}
