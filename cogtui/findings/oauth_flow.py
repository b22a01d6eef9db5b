"""Findings about an app client's managed-login flow that need more than the client: PKCE on a public client,
scopes no resource server defines, and a domain probed on request.

Cognito has no per-client setting that requires PKCE (CreateUserPoolClient has none): a public client
with the code grant accepts an authorize request without ``code_challenge``, so whether PKCE protects
its codes is up to every app that uses it. A custom scope (``<identifier>/<scope>``) exists only while a
resource server defines it. ``probe_domain`` sends one request to the pool's domain (blocking: call it
off the UI thread, and only when asked).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cogtui.aws.models import AppClient, UserPool
from cogtui.findings.base import Finding


def resource_scope_names(listed: dict[str, Any] | None) -> tuple[str, ...]:
    """Every ``<identifier>/<scope>`` of a ListResourceServers answer."""
    return tuple(
        f"{server.get('Identifier')}/{scope.get('ScopeName')}"
        for server in (listed or {}).get("ResourceServers") or []
        for scope in server.get("Scopes") or []
    )


def pkce_findings(client: AppClient) -> list[Finding]:
    """A public client with the authorization code grant: PKCE is not enforced by Cognito."""
    if client.has_secret or not client.oauth_enabled or "code" not in client.oauth_flows:
        return []
    return [
        Finding(
            "info",
            "Public client with the code grant: Cognito does not enforce PKCE",
            "The client has no secret, so an intercepted authorization code can be redeemed with the client "
            "id alone unless the authorize request carried a code_challenge. Cognito checks the "
            "code_verifier only when a code_challenge was sent, and no app client setting makes it required.",
            "Make every app that uses this client send code_challenge (S256) and code_verifier (the Amplify "
            "libraries and cogtui's managed login do).",
            "client.code_without_pkce",
        )
    ]


def undefined_scope_findings(client: AppClient, resource_scopes: tuple[str, ...] | None) -> list[Finding]:
    """Custom scopes allowed on the client that no resource server of the pool defines (when known)."""
    if resource_scopes is None:
        return []
    missing = [s for s in client.oauth_scopes if "/" in s and s not in resource_scopes]
    if not missing:
        return []
    return [
        Finding(
            "medium",
            "Scopes no resource server defines: " + ", ".join(missing),
            "A custom scope exists only while a resource server of the pool defines it; asking for it at "
            "/oauth2/authorize or /oauth2/token is answered invalid_scope, and no access token carries it.",
            "Define the scope on its resource server (CreateResourceServer or UpdateResourceServer), or "
            "remove it from the client's AllowedOAuthScopes.",
            "client.undefined_scope",
        )
    ]


Probe = Callable[[str], tuple[int, str]]  # URL -> (HTTP status or 0, what went wrong)


def _send(url: str) -> tuple[int, str]:
    from cogtui.auth.oauth.exchange import send

    reply = send("GET", url, timeout=5.0)
    return reply.status, reply.problem


def probe_domain(pool: UserPool, endpoint_url: str | None, probe: Probe = _send) -> list[Finding]:
    """GET the domain's /oauth2/authorize (no parameters): does the domain answer as a Cognito domain?"""
    from cogtui.auth.oauth.endpoints import domain_base

    base = domain_base(pool, endpoint_url)
    if base is None:
        return [
            Finding(
                "info",
                "No domain to probe",
                "The pool has no domain (Domain or CustomDomain), so it has no managed login.",
                "Create one with CreateUserPoolDomain if an app uses managed login or /oauth2.",
                "pool.domain_absent",
            )
        ]
    url = f"{base}/oauth2/authorize"
    status, problem = probe(url)
    if status == 0:
        return [
            Finding(
                "high",
                f"The domain does not answer: {base}",
                f"{problem or 'no answer'}. Managed login and every /oauth2 endpoint live there, so browsers "
                "and token requests fail before Cognito sees them.",
                "Check the domain's status (DescribeUserPoolDomain: ACTIVE), its DNS record (a custom domain "
                "needs the CloudFront alias target) and its certificate.",
                "pool.domain_unreachable",
            )
        ]
    if status == 404:
        return [
            Finding(
                "high",
                f"The domain answers 404: {base}",
                "The host answers, but not as this pool's Cognito domain: the domain was deleted, is still "
                "being created, or the name points elsewhere.",
                "Compare the pool's Domain/CustomDomain with DescribeUserPoolDomain and wait until ACTIVE.",
                "pool.domain_not_found",
            )
        ]
    return [
        Finding(
            "info",
            f"The domain answers: {base} (HTTP {status} from /oauth2/authorize)",
            "A request without parameters is refused or redirected to the error page, as a live Cognito "
            "domain does.",
            "Nothing to change.",
            "pool.domain_answers",
        )
    ]
