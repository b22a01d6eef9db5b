"""``/oauth2/token``: the authorization_code (with PKCE), refresh_token and client_credentials grants.

Client authentication is HTTP Basic (``client_secret_basic``) or ``client_id``/``client_secret`` in the
body (``client_secret_post``); a client with a secret must send it. Errors are Cognito's JSON bodies
with HTTP 400: ``invalid_request`` (a parameter missing), ``invalid_client`` (unknown client, wrong or
missing secret), ``invalid_grant`` (code unknown, used, expired, for another client or another
redirect URI, PKCE verifier wrong; refresh token unknown or revoked), ``unauthorized_client`` (the
grant is not among the client's AllowedOAuthFlows), ``unsupported_grant_type``, ``invalid_scope``.
"""

from __future__ import annotations

import hmac
from typing import Any

from cogtui.auth.oauth.pkce import s256
from cogtui.sandbox.awsjson import StartResponse
from cogtui.sandbox.keys import token_state
from cogtui.sandbox.oauth.http import Request, json_reply, oauth_error
from cogtui.sandbox.oauth.issue import client_credentials_token, family_tokens, user_tokens
from cogtui.sandbox.oauth.store import oauth_state

GRANTS = ("authorization_code", "refresh_token", "client_credentials")


class OAuthRefusal(Exception):
    def __init__(self, error: str) -> None:
        super().__init__(error)
        self.error = error


def authenticate_client(pool: Any, request: Request) -> Any:
    """The calling app client (Basic header or body), or OAuthRefusal."""
    basic = request.basic_credentials()
    if request.headers.get("authorization", "").lower().startswith("basic ") and basic is None:
        raise OAuthRefusal("invalid_client")
    client_id, secret = (
        basic if basic else (request.form.get("client_id", ""), request.form.get("client_secret", ""))
    )
    if not client_id:
        raise OAuthRefusal("invalid_request")
    if basic and request.form.get("client_id") not in (None, "", client_id):
        raise OAuthRefusal("invalid_client")
    client = pool.clients.get(client_id)
    if client is None:
        raise OAuthRefusal("invalid_client")
    if client.generate_secret and not hmac.compare_digest(secret.encode(), str(client.secret).encode()):
        raise OAuthRefusal("invalid_client")
    return client


def _allowed(client: Any, flow: str) -> bool:
    config = client.extended_config
    return bool(config.get("AllowedOAuthFlowsUserPoolClient")) and flow in (
        config.get("AllowedOAuthFlows") or []
    )


def _pkce_ok(challenge: str, verifier: str) -> bool:
    if not challenge:
        return True
    return bool(verifier) and hmac.compare_digest(s256(verifier), challenge)


def _authorization_code(pool: Any, client: Any, request: Request) -> dict[str, Any]:
    code, redirect_uri = request.form.get("code", ""), request.form.get("redirect_uri", "")
    if not code or not redirect_uri:
        raise OAuthRefusal("invalid_request")
    if not _allowed(client, "code"):
        raise OAuthRefusal("unauthorized_client")
    grant = oauth_state(pool).redeem_code(code)
    if grant is None or grant.request.client_id != client.id or grant.request.redirect_uri != redirect_uri:
        raise OAuthRefusal("invalid_grant")
    if not _pkce_ok(grant.request.code_challenge, request.form.get("code_verifier", "")):
        raise OAuthRefusal("invalid_grant")
    user = pool._get_user(grant.username)
    if user is None or not user.enabled:
        raise OAuthRefusal("invalid_grant")
    return user_tokens(pool, client, user.username, grant.request.scopes, grant.request.nonce)


def _refresh_token(pool: Any, client: Any, request: Request) -> dict[str, Any]:
    token = request.form.get("refresh_token", "")
    if not token:
        raise OAuthRefusal("invalid_request")
    entry = pool.refresh_tokens.get(token)
    if not entry or entry[0] != client.id or entry[2] in token_state(pool).revoked:
        raise OAuthRefusal("invalid_grant")
    _, username, origin_jti = entry
    user = pool._get_user(username)
    if user is None or not user.enabled:
        raise OAuthRefusal("invalid_grant")
    scopes = tuple(token_state(pool).scopes.get(origin_jti, "aws.cognito.signin.user.admin openid").split())
    return family_tokens(pool, client, username, origin_jti, scopes)


def _client_credentials(pool: Any, client: Any, request: Request) -> dict[str, Any]:
    if not client.generate_secret:
        raise OAuthRefusal("invalid_client")
    if not _allowed(client, "client_credentials"):
        raise OAuthRefusal("unauthorized_client")
    allowed = [s for s in client.extended_config.get("AllowedOAuthScopes") or [] if _is_custom_scope(pool, s)]
    asked = request.form.get("scope", "").split()
    if any(scope not in allowed for scope in asked) or not (asked or allowed):
        raise OAuthRefusal("invalid_scope")
    return client_credentials_token(pool, client, tuple(asked or allowed))


def _is_custom_scope(pool: Any, scope: str) -> bool:
    """A resource server's scope (``<identifier>/<name>``) that the pool defines."""
    identifier, _, name = scope.rpartition("/")
    server = pool.resource_servers.get(identifier)
    return server is not None and any(s.get("ScopeName") == name for s in server.scopes or [])


_HANDLERS = {
    "authorization_code": _authorization_code,
    "refresh_token": _refresh_token,
    "client_credentials": _client_credentials,
}


def token_endpoint(pool: Any, request: Request, start_response: StartResponse) -> list[bytes]:
    if request.method != "POST":
        return oauth_error(start_response, "invalid_request", "405 Method Not Allowed")
    try:
        grant_type = request.form.get("grant_type", "")
        if not grant_type:
            raise OAuthRefusal("invalid_request")
        if grant_type not in _HANDLERS:
            raise OAuthRefusal("unsupported_grant_type")
        client = authenticate_client(pool, request)
        return json_reply(start_response, _HANDLERS[grant_type](pool, client, request))
    except OAuthRefusal as refusal:
        return oauth_error(start_response, refusal.error)
