"""Where a pool's OAuth 2.0 endpoints are: one resolver, from the endpoint in use, never guessed.

On AWS the base is the pool's domain from DescribeUserPool: ``CustomDomain`` (``https://<custom>``)
or ``Domain`` (``https://<prefix>.auth.<region>.amazoncognito.com``). Another endpoint (the sandbox)
serves a domain at ``<endpoint>/oauth/<domain>``. Either way, when the endpoint's
``/<pool>/.well-known/openid-configuration`` names ``authorization_endpoint``, ``token_endpoint``,
``userinfo_endpoint``, ``revocation_endpoint`` or ``end_session_endpoint``, those win. Reading the
document is blocking: call ``resolve_endpoints`` off the UI thread.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from cogtui.aws.models import UserPool
from cogtui.tokens.jwks import JwksFetchError, fetch_url
from cogtui.tokens.pool_issuer import is_aws_endpoint

Fetch = Callable[[str, float], bytes]
_PATHS = {
    "authorize": ("authorization_endpoint", "/oauth2/authorize"),
    "token": ("token_endpoint", "/oauth2/token"),
    "userinfo": ("userinfo_endpoint", "/oauth2/userInfo"),
    "revoke": ("revocation_endpoint", "/oauth2/revoke"),
    "logout": ("end_session_endpoint", "/logout"),
}


@dataclass(frozen=True)
class OAuthEndpoints:
    """A domain's endpoints, and where they were learnt (said on the timeline)."""

    base: str
    authorize: str
    token: str
    userinfo: str
    revoke: str
    logout: str
    source: str
    domain: str = ""


def openid_configuration_url(pool_id: str, endpoint_url: str | None) -> str:
    """The pool's OpenID configuration document on the endpoint in use (AWS's regional one by default)."""
    if is_aws_endpoint(endpoint_url):
        region = pool_id.partition("_")[0]
        return f"https://cognito-idp.{region}.amazonaws.com/{pool_id}/.well-known/openid-configuration"
    return f"{str(endpoint_url).rstrip('/')}/{pool_id}/.well-known/openid-configuration"


def domain_base(pool: UserPool, endpoint_url: str | None) -> str | None:
    """The domain's base URL as the endpoint serves it; None when the pool has no domain."""
    if is_aws_endpoint(endpoint_url):
        return pool.hosted_ui_base
    domain = pool.custom_domain or pool.domain
    return f"{str(endpoint_url).rstrip('/')}/oauth/{domain}" if domain else None


def _document(url: str, fetch: Fetch, timeout: float) -> dict[str, object]:
    try:
        found = json.loads(fetch(url, timeout).decode("utf-8"))
    except (JwksFetchError, UnicodeDecodeError, ValueError, RecursionError):
        return {}
    return found if isinstance(found, dict) else {}


def resolve_endpoints(
    pool: UserPool, endpoint_url: str | None, *, fetch: Fetch = fetch_url, timeout: float = 3.0
) -> OAuthEndpoints | None:
    """The pool's OAuth endpoints, or None when it has no domain and its OpenID configuration names none."""
    base = domain_base(pool, endpoint_url)
    config_url = openid_configuration_url(pool.id, endpoint_url)
    document = _document(config_url, fetch, timeout)
    named = {
        name: value
        for name, (member, _) in _PATHS.items()
        if isinstance(value := document.get(member), str) and value.startswith(("https://", "http://"))
    }
    if base is None and "authorize" not in named:
        return None
    if base is None:
        base = named["authorize"].rsplit("/oauth2/", 1)[0]
    urls = {name: named.get(name) or f"{base}{path}" for name, (_, path) in _PATHS.items()}
    source = (
        f"{config_url} (authorization_endpoint, token_endpoint)"
        if named
        else ("the pool's domain (DescribeUserPool)" if is_aws_endpoint(endpoint_url) else f"{base}")
    )
    return OAuthEndpoints(base=base, source=source, domain=pool.custom_domain or pool.domain or "", **urls)
