"""The browser's URLs: ``/oauth2/authorize`` (with PKCE, state, nonce) and ``/logout``.

Parameter names and values follow the Cognito API reference (authorization endpoint, logout
endpoint): ``response_type=code``, ``code_challenge_method=S256``, scopes separated by spaces,
``identity_provider`` or ``idp_identifier`` to skip the provider choice.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable

from cogtui.auth.oauth.endpoints import OAuthEndpoints
from cogtui.auth.oauth.pkce import Pkce


def authorize_url(
    endpoints: OAuthEndpoints,
    client_id: str,
    redirect_uri: str,
    scopes: Iterable[str],
    pkce: Pkce,
    *,
    identity_provider: str | None = None,
    idp_identifier: str | None = None,
) -> str:
    """The authorize URL of an authorization-code request with PKCE, state and nonce."""
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "state": pkce.state,
        "nonce": pkce.nonce,
        "code_challenge": pkce.challenge,
        "code_challenge_method": "S256",
    }
    scope = " ".join(scopes)
    if scope:
        params["scope"] = scope
    if identity_provider:
        params["identity_provider"] = identity_provider
    elif idp_identifier:
        params["idp_identifier"] = idp_identifier
    return f"{endpoints.authorize}?{urllib.parse.urlencode(params, quote_via=urllib.parse.quote)}"


def logout_url(endpoints: OAuthEndpoints, client_id: str, logout_uri: str) -> str:
    """``/logout`` that ends the managed-login session and returns to ``logout_uri`` (a registered LogoutURL)."""
    params = {"client_id": client_id, "logout_uri": logout_uri}
    return f"{endpoints.logout}?{urllib.parse.urlencode(params)}"
