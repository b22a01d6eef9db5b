"""Identity pools that check what Cognito checks, in front of moto's cognito-identity (which checks nothing).

``IdentityPoolLayer`` answers:

- GetId: the pool must exist; each login token is checked (``identity_roles.check_login``); no login
  needs guest access. The same user gets the same identity id again, as in Cognito.
- GetCredentialsForIdentity: the identity must exist and, once authenticated, present a valid login
  again; the role comes from the pool's roles and role mappings; the credentials are a real STS
  assumed-role session in moto's STS, so GetCallerIdentity answers
  ``arn:aws:sts::<account>:assumed-role/<role>/CognitoIdentityCredentials``.
- GetOpenIdToken: refused unless the pool allows the basic (classic) flow; the token is a JWT signed
  by the sandbox's identity key (``aud`` the identity pool, ``sub`` the identity id, 10 minutes).
- GetIdentityPoolRoles / SetIdentityPoolRoles (moto lacks them), and AllowClassicFlow on
  Create/Update/DescribeIdentityPool (moto drops it).
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any

import jwt

from cogtui.sandbox.awsjson import (
    DEFAULT_ACCOUNT,
    StartResponse,
    WSGIApp,
    amz_target,
    aws_error,
    collect,
    json_params,
    json_response,
    moto_backends,
)
from cogtui.sandbox.identity_roles import (
    IdentityRefusal,
    PoolSettings,
    check_login,
    choose_role,
    not_authorized,
)
from cogtui.sandbox.keys import SigningKey

SERVICE = "AWSCognitoIdentityService"
SESSION_NAME = "CognitoIdentityCredentials"
OPEN_ID_ISSUER = "https://cognito-identity.amazonaws.com"
OPEN_ID_LIFETIME = 600
CREDENTIALS_LIFETIME = 3600
_lock = threading.Lock()


def _find_pool(pool_id: str) -> tuple[Any, Any] | tuple[None, None]:
    for backend in moto_backends("moto.cognitoidentity.models", "cognitoidentity_backends"):
        pool = backend.identity_pools.get(pool_id)
        if pool is not None:
            return backend, pool
    return None, None


def settings_of(pool: Any) -> PoolSettings:
    settings = getattr(pool, "cogtui_settings", None)
    if settings is None:
        settings = pool.cogtui_settings = PoolSettings()
    return settings


class IdentityStore:
    """Identities handed out by GetId: id -> (pool id, {provider: sub}); (pool, provider, sub) -> id."""

    def __init__(self) -> None:
        self.identities: dict[str, tuple[str, dict[str, str]]] = {}
        self.by_login: dict[tuple[str, str, str], str] = {}
        self._open_id_key: SigningKey | None = None

    def identity_for(self, pool_id: str, logins: dict[str, str], region: str) -> tuple[str, bool]:
        """(identity id, created) for these verified logins ({provider: sub}); a guest gets a new one."""
        with _lock:
            for provider, sub in logins.items():
                known = self.by_login.get((pool_id, provider, sub))
                if known:
                    self.identities[known][1].update(logins)
                    return known, False
            identity_id = f"{region}:{uuid.uuid4()}"
            self.identities[identity_id] = (pool_id, dict(logins))
            for provider, sub in logins.items():
                self.by_login[(pool_id, provider, sub)] = identity_id
            return identity_id, True

    def open_id_key(self) -> SigningKey:
        with _lock:
            if self._open_id_key is None:
                self._open_id_key = SigningKey.generate()
            return self._open_id_key


def _check_logins(pool: Any, logins: Any) -> dict[str, dict[str, Any]]:
    """{provider: claims} of the request's Logins, each checked; refusals are Cognito's."""
    if logins in (None, {}):
        return {}
    if not isinstance(logins, dict):
        raise IdentityRefusal(
            "InvalidParameterException", "Logins must be a map of provider names to tokens."
        )
    return {str(provider): check_login(pool, str(provider), str(token)) for provider, token in logins.items()}


class IdentityPoolLayer:
    """Cognito Identity's checks in front of moto (see the module docstring)."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app
        self.store = IdentityStore()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        service, operation = amz_target(environ)
        handler = self._handlers().get(operation) if service == SERVICE else None
        params = json_params(environ) if handler is not None else None
        if handler is None or params is None:
            return self.app(environ, start_response)
        try:
            return handler(environ, params, start_response)
        except IdentityRefusal as refusal:
            return aws_error(start_response, refusal.code, refusal.message)

    def _handlers(self) -> dict[str, Callable[[dict[str, Any], dict[str, Any], StartResponse], list[bytes]]]:
        return {
            "CreateIdentityPool": self._create_or_update,
            "UpdateIdentityPool": self._create_or_update,
            "DescribeIdentityPool": self._describe,
            "GetIdentityPoolRoles": self._get_roles,
            "SetIdentityPoolRoles": self._set_roles,
            "GetId": self._get_id,
            "GetCredentialsForIdentity": self._get_credentials,
            "GetOpenIdToken": self._get_open_id_token,
        }

    def _pool(self, pool_id: object) -> tuple[Any, Any]:
        backend, pool = _find_pool(str(pool_id or ""))
        if pool is None:
            raise IdentityRefusal("ResourceNotFoundException", f"IdentityPool '{pool_id}' not found.")
        return backend, pool

    # --- configuration ---------------------------------------------------------------------------

    def _create_or_update(
        self, environ: dict[str, Any], params: dict[str, Any], start_response: StartResponse
    ) -> list[bytes]:
        answer = collect(self.app, environ)
        body = answer.payload
        if not answer.ok or body is None:
            return answer.replay(start_response)
        _, pool = self._pool(body.get("IdentityPoolId"))
        settings_of(pool).allow_classic_flow = bool(params.get("AllowClassicFlow", False))
        return json_response(
            start_response, {**body, "AllowClassicFlow": settings_of(pool).allow_classic_flow}
        )

    def _describe(
        self, environ: dict[str, Any], params: dict[str, Any], start_response: StartResponse
    ) -> list[bytes]:
        _, pool = self._pool(params.get("IdentityPoolId"))
        answer = collect(self.app, environ)
        body = answer.payload
        if not answer.ok or body is None:
            return answer.replay(start_response)
        return json_response(
            start_response, {**body, "AllowClassicFlow": settings_of(pool).allow_classic_flow}
        )

    def _get_roles(
        self, environ: dict[str, Any], params: dict[str, Any], start_response: StartResponse
    ) -> list[bytes]:
        _, pool = self._pool(params.get("IdentityPoolId"))
        settings = settings_of(pool)
        answer: dict[str, Any] = {"IdentityPoolId": pool.identity_pool_id, "Roles": dict(settings.roles)}
        if settings.role_mappings:
            answer["RoleMappings"] = settings.role_mappings
        return json_response(start_response, answer)

    def _set_roles(
        self, environ: dict[str, Any], params: dict[str, Any], start_response: StartResponse
    ) -> list[bytes]:
        _, pool = self._pool(params.get("IdentityPoolId"))
        roles = params.get("Roles")
        if not isinstance(roles, dict) or any(k not in ("authenticated", "unauthenticated") for k in roles):
            raise IdentityRefusal(
                "InvalidParameterException", "Roles keys must be authenticated or unauthenticated."
            )
        for arn in roles.values():
            if not str(arn).startswith("arn:aws:iam::") or ":role/" not in str(arn):
                raise IdentityRefusal("InvalidParameterException", f"Invalid role ARN: {arn}")
        mappings = params.get("RoleMappings") or {}
        for provider, mapping in mappings.items():
            _check_mapping(pool, provider, mapping)
        settings = settings_of(pool)
        settings.roles, settings.role_mappings = dict(roles), dict(mappings)
        return json_response(start_response, {})

    # --- identities and credentials --------------------------------------------------------------

    def _get_id(
        self, environ: dict[str, Any], params: dict[str, Any], start_response: StartResponse
    ) -> list[bytes]:
        backend, pool = self._pool(params.get("IdentityPoolId"))
        logins = _check_logins(pool, params.get("Logins"))
        if not logins and not pool.allow_unauthenticated_identities:
            raise not_authorized("Unauthenticated access is not supported for this identity pool.")
        region = pool.identity_pool_id.split(":", 1)[0]
        subs = {provider: str(claims.get("sub")) for provider, claims in logins.items()}
        identity_id, created = self.store.identity_for(pool.identity_pool_id, subs, region)
        if created:
            listing = backend.pools_identities.setdefault(
                pool.identity_pool_id, {"IdentityPoolId": pool.identity_pool_id, "Identities": []}
            )
            listing["Identities"].append({"IdentityId": identity_id})
        return json_response(start_response, {"IdentityId": identity_id})

    def _identity(self, params: dict[str, Any]) -> tuple[Any, str, dict[str, dict[str, Any]]]:
        """(identity pool, identity id, checked logins) of a request about an existing identity."""
        identity_id = str(params.get("IdentityId") or "")
        known = self.store.identities.get(identity_id)
        if known is None:
            raise IdentityRefusal("ResourceNotFoundException", f"Identity '{identity_id}' not found.")
        _, pool = self._pool(known[0])
        logins = _check_logins(pool, params.get("Logins"))
        linked = known[1]
        if linked and not any(linked.get(p) == str(c.get("sub")) for p, c in logins.items()):
            raise not_authorized(f"Access to Identity '{identity_id}' is forbidden.")
        if not linked and logins:
            raise not_authorized(
                "Logins don't match. Please include at least one valid login for this identity or identity pool."
            )
        if not logins and not pool.allow_unauthenticated_identities:
            raise not_authorized("Unauthenticated access is not supported for this identity pool.")
        return pool, identity_id, logins

    def _get_credentials(
        self, environ: dict[str, Any], params: dict[str, Any], start_response: StartResponse
    ) -> list[bytes]:
        pool, identity_id, logins = self._identity(params)
        provider, claims = next(iter(logins.items()), (None, None))
        custom = params.get("CustomRoleArn")
        role_arn = choose_role(settings_of(pool), provider, claims, str(custom) if custom else None)
        role = _assume(pool, role_arn)
        credentials = {
            "AccessKeyId": role.access_key_id,
            "SecretKey": role.secret_access_key,
            "SessionToken": role.session_token,
            "Expiration": role.expiration.timestamp(),
        }
        return json_response(start_response, {"IdentityId": identity_id, "Credentials": credentials})

    def _get_open_id_token(
        self, environ: dict[str, Any], params: dict[str, Any], start_response: StartResponse
    ) -> list[bytes]:
        pool, identity_id, logins = self._identity(params)
        if not settings_of(pool).allow_classic_flow:
            raise IdentityRefusal(
                "InvalidParameterException", "Basic (classic) flow is not enabled, please use enhanced flow."
            )
        now = int(time.time())
        amr = ["authenticated", *logins] if logins else ["unauthenticated"]
        key = self.store.open_id_key()
        payload = {
            "sub": identity_id,
            "aud": pool.identity_pool_id,
            "amr": amr,
            "iss": OPEN_ID_ISSUER,
            "exp": now + OPEN_ID_LIFETIME,
            "iat": now,
        }
        token = jwt.encode(payload, key.private_key, algorithm="RS512", headers={"kid": key.kid})
        return json_response(start_response, {"IdentityId": identity_id, "Token": token})


def _check_mapping(pool: Any, provider: str, mapping: Any) -> None:
    if not isinstance(mapping, dict) or mapping.get("Type") not in ("Token", "Rules"):
        raise IdentityRefusal("InvalidParameterException", "RoleMapping Type must be Token or Rules.")
    if mapping.get("AmbiguousRoleResolution") not in ("AuthenticatedRole", "Deny"):
        raise IdentityRefusal(
            "InvalidParameterException", "AmbiguousRoleResolution must be AuthenticatedRole or Deny."
        )
    if mapping["Type"] == "Rules" and not (mapping.get("RulesConfiguration") or {}).get("Rules"):
        raise IdentityRefusal("InvalidParameterException", "Rules are required for a Rules role mapping.")
    configured = {str(p.get("ProviderName")) for p in pool.cognito_identity_providers or []}
    if provider not in configured and provider.rsplit(":", 1)[0] not in configured:
        raise IdentityRefusal(
            "InvalidParameterException", f"The provider {provider} is not configured for this identity pool."
        )


def _assume(pool: Any, role_arn: str) -> Any:
    """A session of ``role_arn`` in moto's STS (so GetCallerIdentity knows its access key)."""
    from moto.sts.models import sts_backends

    region = pool.identity_pool_id.split(":", 1)[0]
    account = role_arn.split(":")[4] or DEFAULT_ACCOUNT
    return sts_backends[account]["aws"].assume_role(
        region_name=region,
        role_session_name=SESSION_NAME,
        role_arn=role_arn,
        policy="",
        duration=CREDENTIALS_LIFETIME,
        external_id="",
    )
