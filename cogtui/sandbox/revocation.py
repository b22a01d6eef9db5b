"""Revoked and forged tokens refused as Cognito refuses them.

``RevocationLayer`` sits in front of moto's cognito-idp API and:

- answers RevokeToken (moto lacks it): the refresh token and every access token of its family
  (same ``origin_jti``) stop working; the client must match and send its secret when it has one, and
  a client without token revocation is refused (UnsupportedOperationException);
- makes GlobalSignOut and AdminUserGlobalSignOut revoke the user's access tokens as well as the
  refresh tokens moto already voids, so GetUser then fails with "Access Token has been revoked";
- checks every access token an operation takes (signature against the pool's key, expiry, revocation,
  the admin scope) before moto sees it, with Cognito's messages;
- refuses a revoked refresh token with "Refresh Token has been revoked" (moto would echo the token).
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from typing import Any

from cogtui.sandbox.awsjson import (
    StartResponse,
    WSGIApp,
    amz_target,
    aws_error,
    find_client,
    json_params,
    json_response,
)
from cogtui.sandbox.keys import ADMIN_SCOPE, TokenError, token_state, verify

IDP_SERVICE = "AWSCognitoIdentityProviderService"
_NOT_AUTHORIZED = "NotAuthorizedException"
_ACCESS_MESSAGES = {
    "malformed": "Invalid Access Token",
    "signature": "Invalid Access Token",
    "use": "Invalid Access Token",
    "expired": "Access Token has expired",
}


def family_of(pool: Any, refresh_token: str) -> str | None:
    """The ``origin_jti`` of a refresh token (None if unknown or already voided)."""
    entry = pool.refresh_tokens.get(refresh_token)
    return entry[2] if entry else None


def revoke_family(pool: Any, origin_jti: str) -> None:
    """Void a refresh token family: its refresh tokens and every access token it produced."""
    token_state(pool).revoked.add(origin_jti)
    for token, entry in list(pool.refresh_tokens.items()):
        if entry and entry[2] == origin_jti:
            pool.refresh_tokens[token] = None


def revoke_user(pool: Any, username: str) -> None:
    """Global sign-out: every token family of the user is revoked."""
    state = token_state(pool)
    for entry in list(pool.refresh_tokens.values()):
        if entry and entry[1] == username:
            state.revoked.add(entry[2])
    pool.sign_out(username)


def is_revoked(pool: Any, claims: dict[str, Any]) -> bool:
    return str(claims.get("origin_jti")) in token_state(pool).revoked


def check_access_token(token: str, *, need_admin_scope: bool = True) -> tuple[Any, dict[str, Any]]:
    """(pool, claims) of a usable access token, else ``TokenError`` whose message is Cognito's."""
    try:
        pool, claims = verify(token, "access")
    except TokenError as exc:
        raise TokenError(exc.reason, _ACCESS_MESSAGES[exc.reason]) from exc
    if is_revoked(pool, claims):
        raise TokenError("revoked", "Access Token has been revoked")
    if need_admin_scope and ADMIN_SCOPE not in str(claims.get("scope", "")).split():
        raise TokenError("scope", "Access Token does not have required scopes")
    return pool, claims


class RevocationLayer:
    """RevokeToken, global sign-out of access tokens, and access-token checks, in front of moto."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        service, operation = amz_target(environ)
        if service != IDP_SERVICE:
            return self.app(environ, start_response)
        params = json_params(environ)
        if params is None:
            return self.app(environ, start_response)
        if operation == "RevokeToken":
            return self._revoke_token(params, start_response)
        access_token = params.get("AccessToken")
        if isinstance(access_token, str) and access_token:
            try:
                pool, claims = check_access_token(access_token)
            except TokenError as exc:
                return aws_error(start_response, _NOT_AUTHORIZED, str(exc))
            if operation == "GlobalSignOut":
                revoke_user(pool, str(claims.get("username")))
                return self._empty(start_response)
        if operation == "AdminUserGlobalSignOut":
            self._admin_sign_out(params)
        if operation in ("InitiateAuth", "AdminInitiateAuth"):
            refused = self._revoked_refresh(params, start_response)
            if refused is not None:
                return refused
        return self.app(environ, start_response)

    @staticmethod
    def _empty(start_response: StartResponse) -> list[bytes]:
        return json_response(start_response, {})

    def _revoke_token(self, params: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        token, client_id = params.get("Token"), params.get("ClientId")
        if not isinstance(token, str) or not token or not isinstance(client_id, str) or not client_id:
            return aws_error(start_response, "InvalidParameterException", "Token and ClientId are required.")
        pool, client = find_client(client_id)
        if pool is None or client is None:
            return aws_error(start_response, "UnauthorizedException", "Invalid client id.")
        if client.generate_secret and not hmac.compare_digest(
            str(params.get("ClientSecret") or "").encode(), client.secret.encode()
        ):
            return aws_error(start_response, "UnauthorizedException", "Client is not authorized.")
        if not client.extended_config.get("EnableTokenRevocation", True):
            return aws_error(
                start_response,
                "UnsupportedOperationException",
                "Token revocation is not enabled for this app client.",
            )
        if token.count(".") == 2:  # a JWT: an access or ID token, which RevokeToken does not take
            return aws_error(start_response, "UnsupportedTokenTypeException", "Unsupported token type.")
        entry = pool.refresh_tokens.get(token)
        if entry and entry[0] != client_id:
            return aws_error(
                start_response, "UnauthorizedException", "Refresh token was not issued to this client."
            )
        if entry:
            revoke_family(pool, entry[2])
        return self._empty(start_response)  # an unknown or already revoked token: 200, as Cognito answers

    @staticmethod
    def _admin_sign_out(params: dict[str, Any]) -> None:
        from cogtui.sandbox.awsjson import find_user_pool

        pool = find_user_pool(str(params.get("UserPoolId") or ""))
        username = params.get("Username")
        if pool is None or not isinstance(username, str):
            return  # moto answers with its own not-found error
        user = pool._get_user(username)
        if user is not None:
            state = token_state(pool)
            for entry in list(pool.refresh_tokens.values()):
                if entry and entry[1] == user.username:
                    state.revoked.add(entry[2])

    @staticmethod
    def _revoked_refresh(params: dict[str, Any], start_response: StartResponse) -> list[bytes] | None:
        if params.get("AuthFlow") not in ("REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"):
            return None
        token = (params.get("AuthParameters") or {}).get("REFRESH_TOKEN")
        pool, _ = find_client(str(params.get("ClientId") or ""))
        if pool is None or not isinstance(token, str):
            return None
        if token in pool.refresh_tokens and pool.refresh_tokens[token] is None:
            return aws_error(start_response, _NOT_AUTHORIZED, "Refresh Token has been revoked")
        return None
