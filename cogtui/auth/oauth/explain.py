"""Cognito's OAuth errors explained from the client's configuration: cause and next step.

Each explanation quotes the facts that decide the error: the redirect_uri sent beside the client's
CallbackURLs, the grant beside AllowedOAuthFlows, the scopes sent beside AllowedOAuthScopes (and the
resource servers' scopes for client credentials), whether the client has a secret and how one was
sent, and whether the pool has a domain. The facts are whatever could be read; an unreadable client
is said, never guessed. The answer is the same ``Explanation`` the InitiateAuth catalogue gives.
"""

from __future__ import annotations

from dataclasses import dataclass

from cogtui.auth.explanation import Explanation
from cogtui.auth.oauth.exchange import DOMAIN_NOT_FOUND, DOMAIN_UNREACHABLE
from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import AppClient, UserPool

BASIC = "HTTP Basic (client_secret_basic)"
NO_SECRET = "no secret (client_id in the body)"
FLOW_OF_GRANT = {
    "authorization_code": "code",
    "client_credentials": "client_credentials",
    "refresh_token": "",
}


@dataclass(frozen=True)
class OAuthFacts:
    """What is known of the request and of the client when an OAuth error is explained."""

    client_id: str = ""
    client: AppClient | None = None
    pool: UserPool | None = None
    domain_base: str = ""
    redirect_uri: str = ""
    scopes: tuple[str, ...] = ()
    grant_type: str = ""
    secret_sent: str = ""  # BASIC or NO_SECRET
    resource_scopes: tuple[str, ...] = ()  # every <identifier>/<scope> the pool's resource servers define
    code_redeemed_before: bool = False
    verifier_sent: bool = False


def _listed(items: tuple[str, ...] | list[str]) -> str:
    return ", ".join(items) if items else "(none)"


def _unknown_client(facts: OAuthFacts) -> str:
    return f"The app client {facts.client_id} could not be read (DescribeUserPoolClient), so its settings are not shown."


def _redirect_mismatch(facts: OAuthFacts) -> Explanation:
    client = facts.client
    if client is None:
        return Explanation(
            "oauth_redirect_mismatch",
            f"Cognito compares redirect_uri with the client's CallbackURLs exactly. Sent: {facts.redirect_uri}. "
            + _unknown_client(facts),
            f"Add {facts.redirect_uri} to the app client's CallbackURLs, or send one that is registered.",
        )
    return Explanation(
        "oauth_redirect_mismatch",
        "Cognito compares redirect_uri with the client's CallbackURLs exactly (scheme, host, port, path, "
        f"trailing slash). Sent:       {facts.redirect_uri or '(none)'}\nRegistered: {_listed(client.callback_urls)}",
        f"Add {facts.redirect_uri} to the app client's CallbackURLs (UpdateUserPoolClient), or send one of "
        "the registered URLs. Cognito shows its /error page instead of redirecting, so the app never hears of it.",
    )


def _invalid_client(facts: OAuthFacts) -> Explanation:
    client = facts.client
    sent = facts.secret_sent or NO_SECRET
    if client is None:
        return Explanation(
            "oauth_invalid_client",
            f"Cognito did not accept the client credentials (sent: {sent}). The client {facts.client_id} is "
            "unknown in this pool, or its secret is wrong or missing. " + _unknown_client(facts),
            "Check the client id and pool; for a client with a secret send it with HTTP Basic.",
        )
    if facts.grant_type == "client_credentials" and not client.has_secret:
        return Explanation(
            "oauth_invalid_client",
            f"The client_credentials grant needs a confidential client, and {client.name or client.id} has no "
            "secret (GenerateSecret was false when it was created).",
            "Create an app client with a secret (a secret cannot be added later) and enable client_credentials on it.",
        )
    if client.has_secret and sent == NO_SECRET:
        return Explanation(
            "oauth_invalid_client",
            f"The client {client.name or client.id} has a secret and none was sent: Cognito authenticates a "
            "client with a secret on every token request.",
            "Send the client secret (cogtui: --client-secret-stdin, sent as HTTP Basic: "
            "Authorization: Basic base64(client_id:client_secret)).",
        )
    if client.has_secret:
        return Explanation(
            "oauth_invalid_client",
            f"A secret was sent ({sent}) but it is not the client's secret.",
            "Copy the secret again from the app client (DescribeUserPoolClient's ClientSecret); a client "
            "created again has a new secret.",
        )
    return Explanation(
        "oauth_invalid_client",
        f"Cognito did not accept the client (sent: {sent}); the client has no secret.",
        "Check the client id belongs to this pool; send no secret for a public client.",
    )


def _unauthorized_client(facts: OAuthFacts) -> Explanation:
    client = facts.client
    flow = FLOW_OF_GRANT.get(facts.grant_type, "") or facts.grant_type or "code"
    if client is None:
        return Explanation(
            "oauth_unauthorized_client",
            f"The client may not use the {flow} flow. " + _unknown_client(facts),
            f"Add {flow} to the client's AllowedOAuthFlows and set AllowedOAuthFlowsUserPoolClient.",
        )
    return Explanation(
        "oauth_unauthorized_client",
        f"The request needs the {flow} flow; the client allows: {_listed(client.oauth_flows)} "
        f"(AllowedOAuthFlowsUserPoolClient {'true' if client.oauth_enabled else 'false'}).",
        f"Add {flow} to AllowedOAuthFlows and set AllowedOAuthFlowsUserPoolClient to true "
        "(UpdateUserPoolClient), or use a client made for this flow.",
    )


def _invalid_scope(facts: OAuthFacts) -> Explanation:
    client = facts.client
    allowed = client.oauth_scopes if client else ()
    if facts.grant_type == "client_credentials":
        allowed = (
            tuple(s for s in allowed if s in facts.resource_scopes) if facts.resource_scopes else allowed
        )
    refused = tuple(s for s in facts.scopes if s not in allowed) if client else facts.scopes
    cause = f"Scopes sent: {_listed(facts.scopes)}. Allowed on the client: {_listed(allowed)}."
    if client is None:
        cause += " " + _unknown_client(facts)
    elif refused:
        cause += f" Not allowed: {_listed(refused)}."
    if facts.grant_type == "client_credentials":
        cause += (
            " Client credentials grant only resource-server scopes (<identifier>/<scope>); the pool's "
            f"resource servers define: {_listed(facts.resource_scopes)}."
        )
    return Explanation(
        "oauth_invalid_scope",
        cause,
        "Ask only for allowed scopes, or add the scope to AllowedOAuthScopes (a custom scope must first be "
        "defined on a resource server: CreateResourceServer).",
    )


def _invalid_grant(facts: OAuthFacts) -> Explanation:
    if facts.grant_type == "refresh_token":
        return Explanation(
            "oauth_invalid_grant",
            "The refresh token is revoked (sign-out, RevokeToken, /oauth2/revoke), expired, or was issued "
            "to another app client.",
            "Sign in again to get a new refresh token.",
        )
    if facts.code_redeemed_before:
        return Explanation(
            "oauth_invalid_grant",
            "This authorization code was already exchanged: a code is single use (and lives five minutes).",
            "Start a new sign-in for a new code; never retry a token request with the same code.",
        )
    causes = [
        "the PKCE code_verifier does not hash (S256) to the code_challenge sent to /oauth2/authorize"
        if facts.verifier_sent
        else "the authorization request had a code_challenge and no code_verifier was sent",
        "the code was already used or is older than five minutes",
        f"the code was issued for another client or another redirect_uri (sent: {facts.redirect_uri or '(none)'})",
    ]
    return Explanation(
        "oauth_invalid_grant",
        "Cognito refused the authorization code. Likely: " + "; or ".join(causes) + ".",
        "Send the verifier of the same sign-in and the exact redirect_uri of the authorize request, "
        "within five minutes, once.",
    )


def _domain(facts: OAuthFacts, err: CogtuiError) -> Explanation:
    pool = facts.pool
    if pool is not None and not (pool.domain or pool.custom_domain):
        cause = f"The user pool {pool.id} has no domain, so it has no managed login or /oauth2 endpoints."
    else:
        cause = f"The domain {facts.domain_base or '(unknown)'} did not answer as a Cognito domain: {err.message}."
    return Explanation(
        "oauth_no_domain",
        cause,
        "Create a domain for the pool (CreateUserPoolDomain, a prefix or a custom domain) and wait until its "
        "status is ACTIVE; then use the domain DescribeUserPool names.",
    )


_SIMPLE = {
    "unsupported_grant_type": (
        "grant_type is not authorization_code, refresh_token or client_credentials.",
        "Send one of the three grants Cognito's token endpoint knows.",
    ),
    "invalid_request": (
        "A required parameter is missing or repeated (grant_type, client_id, code, redirect_uri, token...).",
        "See the request on the timeline; send every parameter the grant needs once.",
    ),
    "unsupported_token_type": (
        "Only refresh tokens can be revoked at /oauth2/revoke; an access or ID token was sent.",
        "Revoke the refresh token: its access tokens stop working with it.",
    ),
    "invalid_token": (
        "The access token is expired, revoked (sign-out or revocation), from another pool, or lacks the openid scope.",
        "Sign in again asking for the openid scope.",
    ),
    "unsupported_response_type": (
        "response_type must be code (or token for the implicit grant).",
        "Send response_type=code.",
    ),
    "access_denied": (
        "The person or an identity provider refused the sign-in.",
        "Sign in again; check the identity provider's own error.",
    ),
}


def explain_oauth(err: CogtuiError, facts: OAuthFacts) -> Explanation:
    """The cause and next step of an OAuth error, from what is known of the request and the client."""
    code = err.code
    if code == "redirect_mismatch":
        return _redirect_mismatch(facts)
    if code == "invalid_client":
        return _invalid_client(facts)
    if code == "unauthorized_client":
        return _unauthorized_client(facts)
    if code == "invalid_scope":
        return _invalid_scope(facts)
    if code == "invalid_grant":
        return _invalid_grant(facts)
    if code in (DOMAIN_NOT_FOUND, DOMAIN_UNREACHABLE):
        return _domain(facts, err)
    if code in _SIMPLE:
        cause, next_step = _SIMPLE[code]
        return Explanation(f"oauth_{code}", cause, next_step)
    said = f"{code}: {err.message}" if err.message else code
    return Explanation(
        "oauth_unexplained", said, "See the request and response on the timeline (secrets are redacted)."
    )
