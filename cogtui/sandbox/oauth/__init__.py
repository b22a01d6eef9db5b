"""The OAuth 2.0 / OIDC endpoints of pools with a domain, served by the sandbox under its own endpoint.

A pool whose domain is ``demo-app-1a2b3c4d`` answers at ``<sandbox endpoint>/oauth/demo-app-1a2b3c4d``:
``/oauth2/authorize`` (then ``/login``), ``/oauth2/token``, ``/oauth2/userInfo``, ``/oauth2/revoke``,
``/logout`` and ``/error`` — the paths Cognito serves at ``https://<domain>.auth.<region>.amazoncognito.com``.
``/<pool>/.well-known/openid-configuration`` (see ``keys``) lists them. Tokens are signed with the
pool's own keys and carry the same claims as the API's sign-ins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from cogtui.sandbox.awsjson import StartResponse, WSGIApp, moto_backends
from cogtui.sandbox.keys import oauth_base_url, request_base_url
from cogtui.sandbox.oauth.authorize import authorize, error_page, login
from cogtui.sandbox.oauth.endpoints import logout, revoke, userinfo
from cogtui.sandbox.oauth.http import Request, parse_request
from cogtui.sandbox.oauth.token import token_endpoint

PREFIX = "/oauth/"
Handler = Callable[[Any, Request, StartResponse], list[bytes]]
ROUTES: dict[str, Handler] = {
    "/oauth2/authorize": authorize,
    "/login": login,
    "/oauth2/token": token_endpoint,
    "/oauth2/userInfo": userinfo,
    "/oauth2/revoke": revoke,
    "/logout": logout,
    "/error": lambda _pool, request, start_response: error_page(start_response, request),
}


def pool_for_domain(domain: str) -> Any | None:
    """The user pool that owns a domain prefix, or None."""
    for backend in moto_backends("moto.cognitoidp.models", "cognitoidp_backends"):
        found = backend.user_pool_domains.get(domain)
        if found is not None:
            return backend.user_pools.get(found.user_pool_id)
    return None


class OAuthLayer:
    """Answers ``/oauth/<domain>/...``; every other request goes on to the wrapped app."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO") or "")
        if not path.startswith(PREFIX):
            return self.app(environ, start_response)
        domain, _, rest = path[len(PREFIX) :].partition("/")
        handler = ROUTES.get("/" + rest)
        pool = pool_for_domain(domain)
        if handler is None or pool is None:
            body = b'{"error":"not_found"}'
            start_response(
                "404 Not Found", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
            )
            return [body]
        base = oauth_base_url(request_base_url(environ), domain)
        return handler(pool, parse_request(environ, "/" + rest, base), start_response)
