"""``/oauth2/userInfo``, ``/oauth2/revoke`` and ``/logout`` of a pool domain.

userInfo takes a Bearer access token with the ``openid`` scope and answers the user's attributes
(those the client may read); a bad, expired or revoked token gets HTTP 401 with
``WWW-Authenticate: Bearer error="invalid_token"``. revoke takes a refresh token and the client's
credentials and voids the token's whole family, as RevokeToken does. logout sends the browser to a
``logout_uri`` that must be exactly one of the client's LogoutURLs.
"""

from __future__ import annotations

from typing import Any

from cogtui.sandbox.awsjson import StartResponse
from cogtui.sandbox.keys import TokenError
from cogtui.sandbox.oauth.http import Request, json_reply, oauth_error, redirect, with_params
from cogtui.sandbox.oauth.token import OAuthRefusal, authenticate_client
from cogtui.sandbox.revocation import check_access_token, revoke_family

EXPIRED_OR_REVOKED = "Access token is expired, disabled, or deleted, or the user has globally signed out."


def _invalid_token(start_response: StartResponse, description: str) -> list[bytes]:
    header = f'Bearer error="invalid_token", error_description="{description}"'
    payload = {"error": "invalid_token", "error_description": description}
    return json_reply(start_response, payload, "401 Unauthorized", [("WWW-Authenticate", header)])


def userinfo(pool: Any, request: Request, start_response: StartResponse) -> list[bytes]:
    token = request.bearer()
    if not token:
        return _invalid_token(start_response, "Access token is missing.")
    try:
        token_pool, claims = check_access_token(token, need_admin_scope=False)
    except TokenError:
        return _invalid_token(start_response, EXPIRED_OR_REVOKED)
    if token_pool is not pool or "openid" not in str(claims.get("scope", "")).split():
        return _invalid_token(start_response, "Access token does not have the openid scope.")
    user = pool._get_user(str(claims.get("username", "")))
    if user is None or not user.enabled:
        return _invalid_token(start_response, EXPIRED_OR_REVOKED)
    client = pool.clients.get(str(claims.get("client_id", "")))
    readable = set(client.get_readable_fields()) if client is not None else set()
    answer: dict[str, Any] = {"sub": user.id}
    for attribute in user.attributes:
        if not readable or attribute["Name"] in readable:
            answer[attribute["Name"]] = attribute["Value"]
    answer["username"] = user.username
    return json_reply(start_response, answer)


def revoke(pool: Any, request: Request, start_response: StartResponse) -> list[bytes]:
    if request.method != "POST":
        return oauth_error(start_response, "invalid_request", "405 Method Not Allowed")
    token = request.form.get("token", "")
    try:
        if not token:
            raise OAuthRefusal("invalid_request")
        client = authenticate_client(pool, request)
        if not client.extended_config.get("EnableTokenRevocation", True):
            raise OAuthRefusal("unauthorized_client")
        if token.count(".") == 2:
            raise OAuthRefusal("unsupported_token_type")
        entry = pool.refresh_tokens.get(token)
        if entry and entry[0] != client.id:
            raise OAuthRefusal("unauthorized_client")
    except OAuthRefusal as refusal:
        return oauth_error(start_response, refusal.error)
    if entry:
        revoke_family(pool, entry[2])
    start_response("200 OK", [("Content-Length", "0")])
    return [b""]


def logout(pool: Any, request: Request, start_response: StartResponse) -> list[bytes]:
    client = pool.clients.get(request.param("client_id"))
    logout_uri = request.param("logout_uri")
    error_url = f"{request.base_url}/error"
    if client is None:
        return redirect(start_response, with_params(error_url, {"error": "invalid_request"}))
    if logout_uri:
        if logout_uri not in (client.extended_config.get("LogoutURLs") or []):
            return redirect(
                start_response, with_params(error_url, {"error": "redirect_mismatch", "client_id": client.id})
            )
        return redirect(start_response, logout_uri)
    if request.param("redirect_uri") and request.param("response_type"):  # sign out, then sign in again
        return redirect(start_response, with_params(f"{request.base_url}/oauth2/authorize", request.query))
    return redirect(
        start_response, with_params(error_url, {"error": "invalid_request", "client_id": client.id})
    )
