"""Each user pool's own signing keys, and tokens shaped and signed as Cognito issues them.

moto signs every pool's tokens with one RSA key whose private half ships inside its package (``kid``
"dummy"), so anyone could forge a "valid" sandbox token. Here each pool gets two 2048-bit RSA keys
of its own (one for ID tokens, one for access tokens, as Cognito publishes two), generated the first
time the pool signs or publishes them, with ``kid``s shaped like AWS's (base64 of a SHA-256).

``install()`` replaces moto's ``CognitoIdpUserPool.create_jwt`` (one narrow patch) so that every token
moto issues (InitiateAuth, RespondToAuthChallenge, refresh) carries AWS's claims (``origin_jti``,
``event_id``, ``auth_time`` of the original sign-in, ``version`` 2 on access tokens, the client's token
validity, ``cognito:roles``/``cognito:preferred_role`` from group roles) and is signed with the pool's
key. ``KeysLayer`` serves ``/<pool>/.well-known/jwks.json`` and ``openid-configuration``.
"""

from __future__ import annotations

import base64
import hashlib
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from cogtui.sandbox.awsjson import StartResponse, WSGIApp, find_user_pool, json_response

if TYPE_CHECKING:
    from moto.cognitoidp.models import CognitoIdpUserPool

ADMIN_SCOPE = "aws.cognito.signin.user.admin"
_KEY_BITS = 2048
_UNIT_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
# Cognito's defaults when a client sets no validity: one hour for ID and access tokens.
_DEFAULT_VALIDITY = {"AccessToken": 3600, "IdToken": 3600}
_lock = threading.Lock()


@dataclass(frozen=True)
class SigningKey:
    """One RSA key of a pool: its ``kid``, private key and public JWK."""

    kid: str
    private_key: rsa.RSAPrivateKey

    @staticmethod
    def generate() -> SigningKey:
        private = rsa.generate_private_key(public_exponent=65537, key_size=_KEY_BITS)
        der = private.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return SigningKey(base64.b64encode(hashlib.sha256(der).digest()).decode(), private)

    def public_jwk(self) -> dict[str, Any]:
        jwk = RSAAlgorithm.to_jwk(self.private_key.public_key(), as_dict=True)
        return {"alg": "RS256", "e": jwk["e"], "kid": self.kid, "kty": "RSA", "n": jwk["n"], "use": "sig"}


@dataclass
class PoolTokenState:
    """What a pool remembers about its tokens: keys, sign-in events, scopes, revocations."""

    id_key: SigningKey
    access_key: SigningKey
    # origin_jti -> (auth_time, event_id) of the sign-in that started the refresh-token family.
    events: dict[str, tuple[int, str]] = field(default_factory=dict)
    # origin_jti -> the scopes granted to that family (OAuth sign-ins); absent = the API's admin scope.
    scopes: dict[str, str] = field(default_factory=dict)
    revoked: set[str] = field(default_factory=set)
    # origin_jti -> the OIDC nonce the sign-in was asked for (copied into its ID tokens).
    nonces: dict[str, str] = field(default_factory=dict)

    def key_for(self, token_use: str) -> SigningKey:
        return self.id_key if token_use == "id" else self.access_key

    def key_by_kid(self, kid: object) -> SigningKey | None:
        return next((k for k in (self.id_key, self.access_key) if k.kid == kid), None)

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.id_key.public_jwk(), self.access_key.public_jwk()]}

    def event(self, origin_jti: str) -> tuple[int, str]:
        """The sign-in event of a token family, created at its first token."""
        if origin_jti not in self.events:
            self.events[origin_jti] = (int(time.time()), str(uuid.uuid4()))
        return self.events[origin_jti]


def token_state(pool: Any) -> PoolTokenState:
    """The pool's token state, generating its keys on first use (about 0.1 s per pool)."""
    state = getattr(pool, "cogtui_tokens", None)
    if state is None:
        with _lock:
            state = getattr(pool, "cogtui_tokens", None)
            if state is None:
                state = PoolTokenState(SigningKey.generate(), SigningKey.generate())
                pool.cogtui_tokens = state
    return state


def issuer(pool: Any) -> str:
    return f"https://cognito-idp.{pool.region}.amazonaws.com/{pool.id}"


def token_validity(client: Any, which: str) -> int:
    """Seconds an ``AccessToken`` or ``IdToken`` of this client lives (its settings, else one hour)."""
    config = client.extended_config if client is not None else {}
    value = config.get(f"{which}Validity")
    if not value:
        return _DEFAULT_VALIDITY[which]
    units = (config.get("TokenValidityUnits") or {}).get(which, "hours")
    return int(value) * _UNIT_SECONDS.get(units, 3600)


def group_claims(user: Any) -> dict[str, Any]:
    """``cognito:groups`` and, for groups with an IAM role, ``cognito:roles`` and ``cognito:preferred_role``
    (the role of the group with the lowest precedence)."""
    groups = sorted(user.groups, key=lambda g: (g.precedence is None, g.precedence or 0, g.group_name))
    if not groups:
        return {}
    claims: dict[str, Any] = {"cognito:groups": [g.group_name for g in groups]}
    roles = [g.role_arn for g in groups if g.role_arn]
    if roles:
        claims["cognito:roles"] = roles
        claims["cognito:preferred_role"] = roles[0]
    return claims


def sign(pool: Any, token_use: str, payload: dict[str, Any]) -> str:
    key = token_state(pool).key_for(token_use)
    return jwt.encode(payload, key.private_key, algorithm="RS256", headers={"kid": key.kid})


def create_jwt(
    pool: CognitoIdpUserPool,
    client_id: str,
    username: str,
    token_use: str,
    expires_in: int = 3600,
    extra_data: dict[str, Any] | None = None,
) -> tuple[str, int]:
    """Replacement for moto's ``CognitoIdpUserPool.create_jwt``: AWS's claims, the pool's own key."""
    del expires_in  # moto always passes one hour; the client's settings decide, as in Cognito
    state = token_state(pool)
    extra = dict(extra_data or {})
    origin_jti = str(extra.pop("origin_jti", None) or uuid.uuid4())
    auth_time, event_id = state.event(origin_jti)
    user = pool._get_user(username)
    client = pool.clients.get(client_id)
    username_is_alias = bool(pool.extended_config.get("UsernameAttributes"))
    now = int(time.time())
    lifetime = token_validity(client, "AccessToken" if token_use == "access" else "IdToken")
    extra.pop("cognito:groups", None)
    payload: dict[str, Any] = {"sub": user.id, **group_claims(user)}
    if token_use == "id":
        payload.update(extra)
        payload.update(
            {
                "iss": issuer(pool),
                "cognito:username": user.username if not username_is_alias else user.id,
                "origin_jti": origin_jti,
                "aud": client_id,
                "event_id": event_id,
                "token_use": "id",
                "auth_time": auth_time,
                "exp": now + lifetime,
                "iat": now,
                "jti": str(uuid.uuid4()),
            }
        )
        if origin_jti in state.nonces:
            payload["nonce"] = state.nonces[origin_jti]
    else:
        payload.update(
            {
                "iss": issuer(pool),
                "version": 2,
                "client_id": client_id,
                "origin_jti": origin_jti,
                "event_id": event_id,
                "token_use": "access",
                "scope": state.scopes.get(origin_jti, ADMIN_SCOPE),
                "auth_time": auth_time,
                "exp": now + lifetime,
                "iat": now,
                "jti": str(uuid.uuid4()),
                "username": user.username if not username_is_alias else user.id,
            }
        )
    return sign(pool, token_use, payload), lifetime


def install() -> None:
    """Patch moto (idempotent) so every token it issues comes from ``create_jwt`` above."""
    from moto.cognitoidp import models

    if models.CognitoIdpUserPool.create_jwt is create_jwt:
        return
    # moto issues its tokens through this method; the sandbox signs them instead (mypy cannot type a patch).
    models.CognitoIdpUserPool.create_jwt = create_jwt  # type: ignore[method-assign, assignment]


class TokenError(Exception):
    """A token that does not verify; ``reason`` is one of "malformed", "signature", "expired", "use"."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason


def verify(
    token: str, token_use: str | None = None, *, check_expiry: bool = True
) -> tuple[Any, dict[str, Any]]:
    """(pool, claims) of a token this sandbox signed. Raises TokenError."""
    try:
        header = jwt.get_unverified_header(token)
        unverified = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError as exc:
        raise TokenError("malformed", str(exc)) from exc
    iss = str(unverified.get("iss", ""))
    pool = find_user_pool(iss.rsplit("/", 1)[-1]) if iss.startswith("https://cognito-idp.") else None
    if pool is None or issuer(pool) != iss:
        raise TokenError("signature", "not issued by a pool of this sandbox")
    key = token_state(pool).key_by_kid(header.get("kid"))
    if key is None:
        raise TokenError("signature", "unknown kid")
    try:
        claims = jwt.decode(
            token,
            key.private_key.public_key(),
            algorithms=["RS256"],
            options={"verify_exp": False, "verify_aud": False, "verify_iat": False},
        )
    except jwt.PyJWTError as exc:
        raise TokenError("signature", str(exc)) from exc
    if token_use is not None and claims.get("token_use") != token_use:
        raise TokenError("use", f"token_use is {claims.get('token_use')!r}")
    if check_expiry and int(claims.get("exp", 0)) <= time.time():
        raise TokenError("expired", f"expired at {claims.get('exp')}")
    return pool, claims


def request_base_url(environ: dict[str, Any]) -> str:
    """``http://host:port`` as the client addressed this server."""
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}"
    return f"{environ.get('wsgi.url_scheme', 'http')}://{host}"


def openid_configuration(pool: Any, base_url: str, oauth_base: str | None) -> dict[str, Any]:
    """The pool's discovery document: AWS's issuer, this sandbox's JWKS and OAuth endpoints."""
    document: dict[str, Any] = {
        "issuer": issuer(pool),
        "jwks_uri": f"{base_url}/{pool.id}/.well-known/jwks.json",
        "response_types_supported": ["code", "token"],
        "scopes_supported": ["openid", "email", "phone", "profile"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "code_challenge_methods_supported": ["S256", "plain"],
    }
    if oauth_base:
        document.update(
            {
                "authorization_endpoint": f"{oauth_base}/oauth2/authorize",
                "token_endpoint": f"{oauth_base}/oauth2/token",
                "userinfo_endpoint": f"{oauth_base}/oauth2/userInfo",
                "revocation_endpoint": f"{oauth_base}/oauth2/revoke",
                "end_session_endpoint": f"{oauth_base}/logout",
            }
        )
    return document


def oauth_base_url(base_url: str, domain: str) -> str:
    """Where a pool domain's OAuth endpoints live on the sandbox (see the README's sandbox section)."""
    return f"{base_url}/oauth/{domain}"


class KeysLayer:
    """Serves each pool's JWKS and discovery document in front of moto's single-key ones."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO") or "")
        if environ.get("REQUEST_METHOD") == "GET" and "/.well-known/" in path:
            pool_id, _, document = path.strip("/").partition("/.well-known/")
            if document in ("jwks.json", "openid-configuration") and "/" not in pool_id:
                pool = find_user_pool(pool_id)
                if pool is None:
                    return json_response(
                        start_response,
                        {"message": f"User pool {pool_id} does not exist."},
                        "404 Not Found",
                        "application/json",
                    )
                if document == "jwks.json":
                    return json_response(
                        start_response, token_state(pool).jwks(), content_type="application/json"
                    )
                base = request_base_url(environ)
                domain = pool.domain.domain if pool.domain else None
                oauth = oauth_base_url(base, domain) if domain else None
                return json_response(
                    start_response, openid_configuration(pool, base, oauth), content_type="application/json"
                )
        return self.app(environ, start_response)
