"""Tokens the OAuth endpoints hand out, through the same signing path as the API's sign-ins.

A user's tokens start a refresh-token family in moto's store (so RevokeToken, global sign-out and
REFRESH_TOKEN_AUTH treat them like any other) and remember the granted scopes; the ID token is issued
only with the ``openid`` scope. Client-credentials tokens have no user: ``sub`` is the client id.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from cogtui.sandbox.keys import issuer, sign, token_state, token_validity


def user_tokens(
    pool: Any, client: Any, username: str, scopes: tuple[str, ...], nonce: str = "", refresh: bool = True
) -> dict[str, Any]:
    """``access_token`` (+ ``id_token`` with openid, + ``refresh_token``), as the token endpoint returns them."""
    refresh_token, origin_jti = pool.create_refresh_token(client.id, username)
    state = token_state(pool)
    state.scopes[origin_jti] = " ".join(scopes)
    if nonce:
        state.nonces[origin_jti] = nonce
    answer = family_tokens(pool, client, username, origin_jti, scopes)
    if refresh:
        answer["refresh_token"] = refresh_token
    return answer


def family_tokens(
    pool: Any, client: Any, username: str, origin_jti: str, scopes: tuple[str, ...]
) -> dict[str, Any]:
    """New access (and ID) tokens of an existing refresh-token family."""
    access_token, expires_in = pool.create_access_token(client.id, username, origin_jti)
    answer: dict[str, Any] = {"access_token": access_token}
    if "openid" in scopes:
        answer["id_token"] = pool.create_id_token(client.id, username, origin_jti)[0]
    answer.update({"token_type": "Bearer", "expires_in": expires_in})
    return answer


def client_credentials_token(pool: Any, client: Any, scopes: tuple[str, ...]) -> dict[str, Any]:
    now = int(time.time())
    lifetime = token_validity(client, "AccessToken")
    payload = {
        "sub": client.id,
        "token_use": "access",
        "scope": " ".join(scopes),
        "auth_time": now,
        "iss": issuer(pool),
        "exp": now + lifetime,
        "iat": now,
        "version": 2,
        "jti": str(uuid.uuid4()),
        "client_id": client.id,
    }
    return {"access_token": sign(pool, "access", payload), "expires_in": lifetime, "token_type": "Bearer"}
