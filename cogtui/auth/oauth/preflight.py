"""Before sending: what the pool's and the client's configuration say will fail, as warnings.

Read from DescribeUserPool and DescribeUserPoolClient (when allowed). Nothing here stops the request:
the warning is said first, and Cognito's own answer then shows on the timeline.
"""

from __future__ import annotations

from cogtui.auth.oauth.loopback import LoopbackError, pick_callback
from cogtui.aws.models import AppClient, UserPool

MANAGED_LOGIN = "code"
CLIENT_CREDENTIALS = "client_credentials"


def preflight(
    pool: UserPool | None,
    client: AppClient | None,
    flow: str,
    scopes: tuple[str, ...],
    secret_given: bool,
    resource_scopes: tuple[str, ...] = (),
    redirect_uri: str | None = None,
) -> list[str]:
    """Warnings, most decisive first; empty when the configuration agrees with the request."""
    warnings: list[str] = []
    if pool is not None and not (pool.domain or pool.custom_domain):
        warnings.append(
            f"The pool {pool.id} has no domain: there is no managed login or /oauth2 endpoint to call."
        )
    if client is None:
        return warnings
    name = client.name or client.id
    if not client.oauth_enabled:
        warnings.append(
            f"{name}: AllowedOAuthFlowsUserPoolClient is false; Cognito answers unauthorized_client."
        )
    elif flow not in client.oauth_flows:
        warnings.append(
            f"{name} allows the OAuth flows {', '.join(client.oauth_flows) or '(none)'}, not {flow}: "
            "Cognito answers unauthorized_client."
        )
    refused = [s for s in scopes if s not in client.oauth_scopes]
    if refused:
        warnings.append(
            f"Scopes not allowed on {name}: {', '.join(refused)} (allowed: {', '.join(client.oauth_scopes) or 'none'}); "
            "Cognito answers invalid_scope."
        )
    if flow == CLIENT_CREDENTIALS:
        if not client.has_secret:
            warnings.append(
                f"{name} has no secret: client credentials need a confidential client (invalid_client)."
            )
        undefined = [s for s in (scopes or client.oauth_scopes) if "/" in s and s not in resource_scopes]
        if resource_scopes and undefined:
            warnings.append(f"No resource server defines {', '.join(undefined)} (invalid_scope).")
    if client.has_secret and not secret_given:
        warnings.append(f"{name} has a secret and none was given: the token endpoint answers invalid_client.")
    if flow == MANAGED_LOGIN:
        if "COGNITO" not in client.identity_providers and client.identity_providers:
            warnings.append(
                f"{name} does not offer the pool's own users (COGNITO) on the managed login page."
            )
        try:
            pick_callback(client.callback_urls, redirect_uri)
        except LoopbackError as exc:
            warnings.append(f"{exc} — {exc.explanation}")
    return warnings
