"""Frozen models of what the Cognito APIs return, built from botocore responses (the raw dict is kept)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any


def _dt(value: Any) -> datetime | None:
    """As UTC: botocore gives each parsed timestamp its own local-zone object, which 10,000 users multiply."""
    if not isinstance(value, datetime):
        return None
    return value.astimezone(UTC) if value.tzinfo is not None else value.replace(tzinfo=UTC)


def region_of_pool(pool_id: str) -> str:
    """``us-east-1_AbC`` -> ``us-east-1``."""
    return pool_id.split("_", 1)[0]


def issuer_for(pool_id: str) -> str:
    return f"https://cognito-idp.{region_of_pool(pool_id)}.amazonaws.com/{pool_id}"


@dataclass(frozen=True)
class UserPoolSummary:
    id: str
    name: str
    created: datetime | None = None
    last_modified: datetime | None = None
    lambda_config: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @classmethod
    def from_api(cls, d: dict[str, Any]) -> UserPoolSummary:
        return cls(
            d["Id"],
            d.get("Name", ""),
            _dt(d.get("CreationDate")),
            _dt(d.get("LastModifiedDate")),
            d.get("LambdaConfig") or {},
        )


@dataclass(frozen=True)
class SchemaAttribute:
    name: str
    data_type: str
    required: bool
    mutable: bool
    developer_only: bool
    custom: bool


@dataclass(frozen=True)
class UserPool:
    """Everything about a pool that matters for sign-in."""

    id: str
    name: str
    arn: str
    created: datetime | None
    last_modified: datetime | None
    estimated_users: int | None
    mfa: str
    domain: str | None
    custom_domain: str | None
    deletion_protection: str
    username_attributes: tuple[str, ...]
    alias_attributes: tuple[str, ...]
    case_sensitive: bool | None
    auto_verified: tuple[str, ...]
    password_policy: dict[str, Any] = field(hash=False, compare=False)
    account_recovery: tuple[tuple[str, int], ...] = ()
    lambda_config: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    schema: tuple[SchemaAttribute, ...] = ()
    advanced_security: str | None = None
    tier: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, hash=False, compare=False, repr=False)

    @property
    def region(self) -> str:
        return region_of_pool(self.id)

    @property
    def issuer(self) -> str:
        return issuer_for(self.id)

    @property
    def jwks_url(self) -> str:
        return f"{self.issuer}/.well-known/jwks.json"

    @property
    def hosted_ui_base(self) -> str | None:
        if self.custom_domain:
            return f"https://{self.custom_domain}"
        if self.domain:
            return f"https://{self.domain}.auth.{self.region}.amazoncognito.com"
        return None

    @classmethod
    def from_api(cls, d: dict[str, Any]) -> UserPool:
        policies = (d.get("Policies") or {}).get("PasswordPolicy") or {}
        recovery = tuple(
            (m.get("Name", ""), int(m.get("Priority", 0)))
            for m in ((d.get("AccountRecoverySetting") or {}).get("RecoveryMechanisms") or [])
        )
        schema = tuple(
            SchemaAttribute(
                name=a.get("Name", ""),
                data_type=a.get("AttributeDataType", "String"),
                required=bool(a.get("Required")),
                mutable=bool(a.get("Mutable", True)),
                developer_only=bool(a.get("DeveloperOnlyAttribute")),
                custom=a.get("Name", "").startswith(("custom:", "dev:")),
            )
            for a in d.get("SchemaAttributes") or []
        )
        case = (d.get("UsernameConfiguration") or {}).get("CaseSensitive")
        return cls(
            id=d["Id"],
            name=d.get("Name", ""),
            arn=d.get("Arn") or f"arn:aws:cognito-idp:{region_of_pool(d['Id'])}:?:userpool/{d['Id']}",
            created=_dt(d.get("CreationDate")),
            last_modified=_dt(d.get("LastModifiedDate")),
            estimated_users=d.get("EstimatedNumberOfUsers"),
            mfa=d.get("MfaConfiguration") or "OFF",
            domain=d.get("Domain"),
            custom_domain=d.get("CustomDomain"),
            deletion_protection=d.get("DeletionProtection") or "INACTIVE",
            username_attributes=tuple(d.get("UsernameAttributes") or ()),
            alias_attributes=tuple(d.get("AliasAttributes") or ()),
            case_sensitive=case if isinstance(case, bool) else None,
            auto_verified=tuple(d.get("AutoVerifiedAttributes") or ()),
            password_policy=dict(policies),
            account_recovery=recovery,
            lambda_config=dict(d.get("LambdaConfig") or {}),
            schema=schema,
            advanced_security=(d.get("UserPoolAddOns") or {}).get("AdvancedSecurityMode"),
            tier=d.get("UserPoolTier"),
            raw=d,
        )


@dataclass(frozen=True)
class MfaConfig:
    """Which second factors the pool offers (GetUserPoolMfaConfig)."""

    mode: str
    sms: bool
    totp: bool
    email: bool
    web_authn: bool = False

    @classmethod
    def from_api(cls, d: dict[str, Any]) -> MfaConfig:
        return cls(
            mode=d.get("MfaConfiguration") or "OFF",
            sms="SmsMfaConfiguration" in d and bool(d.get("SmsMfaConfiguration")),
            totp=bool((d.get("SoftwareTokenMfaConfiguration") or {}).get("Enabled")),
            email="EmailMfaConfiguration" in d and bool(d.get("EmailMfaConfiguration")),
            web_authn="WebAuthnConfiguration" in d and bool(d.get("WebAuthnConfiguration")),
        )


@dataclass(frozen=True)
class AppClientSummary:
    id: str
    name: str
    pool_id: str

    @classmethod
    def from_api(cls, d: dict[str, Any]) -> AppClientSummary:
        return cls(d["ClientId"], d.get("ClientName", ""), d.get("UserPoolId", ""))


@dataclass(frozen=True)
class AppClient:
    """An app client with every setting that decides whether a sign-in works."""

    id: str
    name: str
    pool_id: str
    secret: str | None
    explicit_auth_flows: tuple[str, ...]
    oauth_flows: tuple[str, ...]
    oauth_scopes: tuple[str, ...]
    oauth_enabled: bool
    callback_urls: tuple[str, ...]
    logout_urls: tuple[str, ...]
    identity_providers: tuple[str, ...]
    access_token_validity: int | None
    id_token_validity: int | None
    refresh_token_validity: int | None
    token_units: dict[str, str] = field(hash=False, compare=False)
    auth_session_validity: int | None = None
    refresh_rotation: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    enable_token_revocation: bool | None = None
    prevent_user_existence_errors: str | None = None
    read_attributes: tuple[str, ...] = ()
    write_attributes: tuple[str, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, hash=False, compare=False, repr=False)

    @property
    def has_secret(self) -> bool:
        return bool(self.secret)

    @classmethod
    def from_api(cls, d: dict[str, Any]) -> AppClient:
        return cls(
            id=d["ClientId"],
            name=d.get("ClientName", ""),
            pool_id=d.get("UserPoolId", ""),
            secret=d.get("ClientSecret") or None,
            explicit_auth_flows=tuple(d.get("ExplicitAuthFlows") or ()),
            oauth_flows=tuple(d.get("AllowedOAuthFlows") or ()),
            oauth_scopes=tuple(d.get("AllowedOAuthScopes") or ()),
            oauth_enabled=bool(d.get("AllowedOAuthFlowsUserPoolClient")),
            callback_urls=tuple(d.get("CallbackURLs") or ()),
            logout_urls=tuple(d.get("LogoutURLs") or ()),
            identity_providers=tuple(d.get("SupportedIdentityProviders") or ()),
            access_token_validity=d.get("AccessTokenValidity"),
            id_token_validity=d.get("IdTokenValidity"),
            refresh_token_validity=d.get("RefreshTokenValidity"),
            token_units=dict(d.get("TokenValidityUnits") or {}),
            auth_session_validity=d.get("AuthSessionValidity"),
            refresh_rotation=dict(d.get("RefreshTokenRotation") or {}),
            enable_token_revocation=d.get("EnableTokenRevocation"),
            prevent_user_existence_errors=d.get("PreventUserExistenceErrors"),
            read_attributes=tuple(d.get("ReadAttributes") or ()),
            write_attributes=tuple(d.get("WriteAttributes") or ()),
            raw=d,
        )


def _attributes(items: list[dict[str, Any]] | None) -> dict[str, str]:
    return {a["Name"]: a.get("Value", "") for a in items or []}


@dataclass(frozen=True)
class User:
    """A user as listed (ListUsers) or fetched (AdminGetUser)."""

    username: str
    status: str
    enabled: bool
    created: datetime | None
    modified: datetime | None
    attributes: dict[str, str] = field(hash=False, compare=False)
    mfa_settings: tuple[str, ...] = ()
    preferred_mfa: str | None = None

    @property
    def sub(self) -> str:
        return self.attributes.get("sub", "")

    @property
    def email(self) -> str:
        return self.attributes.get("email", "")

    @property
    def phone(self) -> str:
        return self.attributes.get("phone_number", "")

    @classmethod
    def from_api(cls, d: dict[str, Any]) -> User:
        return cls(
            username=d.get("Username", ""),
            status=d.get("UserStatus", "UNKNOWN"),
            enabled=bool(d.get("Enabled", True)),
            created=_dt(d.get("UserCreateDate")),
            modified=_dt(d.get("UserLastModifiedDate")),
            attributes=_attributes(d.get("Attributes") or d.get("UserAttributes")),
            mfa_settings=tuple(d.get("UserMFASettingList") or ()),
            preferred_mfa=d.get("PreferredMfaSetting"),
        )


@dataclass(frozen=True)
class Group:
    name: str
    pool_id: str
    description: str
    precedence: int | None
    role_arn: str | None
    created: datetime | None

    @classmethod
    def from_api(cls, d: dict[str, Any]) -> Group:
        return cls(
            d.get("GroupName", ""),
            d.get("UserPoolId", ""),
            d.get("Description", "") or "",
            d.get("Precedence"),
            d.get("RoleArn"),
            _dt(d.get("CreationDate")),
        )


@dataclass(frozen=True)
class IdentityProvider:
    """A federated provider of a user pool; ``details`` may hold secrets (client_secret) and is masked on screen."""

    name: str
    type: str
    created: datetime | None
    details: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    attribute_mapping: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    identifiers: tuple[str, ...] = ()

    @classmethod
    def from_api(cls, d: dict[str, Any]) -> IdentityProvider:
        return cls(
            d.get("ProviderName", ""),
            d.get("ProviderType", ""),
            _dt(d.get("CreationDate")),
            dict(d.get("ProviderDetails") or {}),
            dict(d.get("AttributeMapping") or {}),
            tuple(d.get("IdpIdentifiers") or ()),
        )


@dataclass(frozen=True)
class IdentityPoolSummary:
    id: str
    name: str

    @classmethod
    def from_api(cls, d: dict[str, Any]) -> IdentityPoolSummary:
        return cls(d["IdentityPoolId"], d.get("IdentityPoolName", ""))


@dataclass(frozen=True)
class CognitoProvider:
    provider_name: str
    client_id: str
    server_side_token_check: bool


@dataclass(frozen=True)
class IdentityPool:
    id: str
    name: str
    allow_unauthenticated: bool
    allow_classic_flow: bool | None
    providers: tuple[CognitoProvider, ...]
    openid_providers: tuple[str, ...] = ()
    saml_providers: tuple[str, ...] = ()
    supported_logins: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    developer_provider: str | None = None
    raw: dict[str, Any] = field(default_factory=dict, hash=False, compare=False, repr=False)

    @classmethod
    def from_api(cls, d: dict[str, Any]) -> IdentityPool:
        return cls(
            id=d["IdentityPoolId"],
            name=d.get("IdentityPoolName", ""),
            allow_unauthenticated=bool(d.get("AllowUnauthenticatedIdentities")),
            allow_classic_flow=d["AllowClassicFlow"] if isinstance(d.get("AllowClassicFlow"), bool) else None,
            providers=tuple(
                CognitoProvider(
                    p.get("ProviderName", ""), p.get("ClientId", ""), bool(p.get("ServerSideTokenCheck"))
                )
                for p in d.get("CognitoIdentityProviders") or []
            ),
            openid_providers=tuple(d.get("OpenIdConnectProviderARNs") or ()),
            saml_providers=tuple(d.get("SamlProviderARNs") or ()),
            supported_logins=dict(d.get("SupportedLoginProviders") or {}),
            developer_provider=d.get("DeveloperProviderName"),
            raw=d,
        )


@dataclass(frozen=True)
class IdentityPoolRoles:
    roles: dict[str, str]
    role_mappings: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class NotRecorded:
    """An optional read Cognito answered with "this pool does not keep that" (a feature that is off),
    documented for the operation: not a failure of the caller, and nothing to retry."""

    what: str  # "sign-in events", "remembered devices"
    reason: str  # why Cognito keeps none, and what turns the feature on
    code: str  # the error code Cognito answered with
