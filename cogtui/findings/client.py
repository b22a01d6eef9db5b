"""Findings about an app client: auth flows, secret, OAuth set-up, token lifetimes, revocation (its URLs
are checked in :mod:`cogtui.findings.urls`).

Pure logic over the model of DescribeUserPoolClient (and the pool, when known, for its domain).
Legacy flow names (USER_PASSWORD_AUTH, ADMIN_NO_SRP_AUTH) count as their ALLOW_ equivalents.
"""

from __future__ import annotations

from cogtui.aws.models import AppClient, UserPool
from cogtui.clock import duration_text
from cogtui.findings.base import Finding, by_severity
from cogtui.findings.oauth_flow import pkce_findings, undefined_scope_findings
from cogtui.findings.urls import url_findings
from cogtui.findings.validity import KIND_LABELS, TokenKind, token_lifetime

LEGACY_FLOWS = {"ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH"}
HOUR = 3600
DAY = 86400
LONG_REFRESH = 90 * DAY
VERY_LONG_REFRESH = 365 * DAY
ADMIN_SCOPE = "aws.cognito.signin.user.admin"


def _flows(client: AppClient) -> set[str]:
    return {f.upper() for f in client.explicit_auth_flows}


def allows(client: AppClient, flow: str) -> bool:
    """Does the client allow ``flow`` (``USER_PASSWORD_AUTH``, ``USER_SRP_AUTH``...)?

    A client without ExplicitAuthFlows allows SRP, custom auth and refresh (Cognito's default).
    """
    flows = _flows(client)
    if not flows:
        return flow in {"USER_SRP_AUTH", "CUSTOM_AUTH", "REFRESH_TOKEN_AUTH"}
    if f"ALLOW_{flow}" in flows:
        return True
    legacy = {"ADMIN_USER_PASSWORD_AUTH": "ADMIN_NO_SRP_AUTH", "USER_PASSWORD_AUTH": "USER_PASSWORD_AUTH"}
    if legacy.get(flow) in flows:
        return True
    # Legacy flow lists always allowed refresh.
    return flow == "REFRESH_TOKEN_AUTH" and not any(f.startswith("ALLOW_") for f in flows)


def machine_to_machine(client: AppClient) -> bool:
    """A client for services, not people: OAuth with the client_credentials grant only, and no sign-in
    flow of its own beyond Cognito's defaults (ExplicitAuthFlows empty or only refresh).

    Such a client gets an access token for its secret and nothing else: no user signs in through it, no
    ID or refresh token is issued, so the findings about browsers, identity providers, users and
    refresh tokens do not apply to it."""
    if not client.oauth_enabled or set(client.oauth_flows) != {"client_credentials"}:
        return False
    return _flows(client) <= {"ALLOW_REFRESH_TOKEN_AUTH"}


def _secret(client: AppClient) -> list[Finding]:
    out: list[Finding] = []
    if machine_to_machine(client):
        return out  # the client_credentials grant requires a secret: it is where a secret belongs
    browser_like = [
        label
        for label, present in (
            ("SRP sign-in (ALLOW_USER_SRP_AUTH)", allows(client, "USER_SRP_AUTH")),
            ("the implicit grant", "implicit" in client.oauth_flows),
        )
        if present
    ]
    if client.has_secret and browser_like:
        out.append(
            Finding(
                "medium",
                "Client secret on a client that browser or mobile apps would use",
                f"It allows {' and '.join(browser_like)}, the flows of browser and mobile apps, which "
                "cannot keep a secret: either the secret ships inside the app, or sign-in fails with "
                "'Unable to verify secret hash for client' because the SDK cannot compute SECRET_HASH.",
                "Give browser and mobile apps their own app client without a secret; keep this one "
                "(with its secret) for server-side code only.",
                "client.secret_with_public_flows",
            )
        )
    if not client.has_secret and allows(client, "ADMIN_USER_PASSWORD_AUTH"):
        out.append(
            Finding(
                "low",
                "Server-side admin sign-in on a client without a secret",
                "ADMIN_USER_PASSWORD_AUTH is for back-end code with AWS credentials; a client without a "
                "secret is usually also used by browser or mobile apps, so the two share one "
                "configuration and one set of flows.",
                "Create a separate confidential client (with a secret) for the back end and remove "
                "ALLOW_ADMIN_USER_PASSWORD_AUTH from this one.",
                "client.admin_flow_without_secret",
            )
        )
    return out


def _flow_findings(client: AppClient) -> list[Finding]:
    out: list[Finding] = []
    if machine_to_machine(client):
        return out  # no user signs in through it: sign-in flows and refresh do not apply
    if allows(client, "USER_PASSWORD_AUTH"):
        out.append(
            Finding(
                "medium",
                "USER_PASSWORD_AUTH is enabled",
                "The app sends the plain password to Cognito (inside TLS) instead of proving it with SRP, "
                "so the password passes through app code, proxies and logs.",
                "Use SRP (ALLOW_USER_SRP_AUTH) or passwordless USER_AUTH; keep ALLOW_USER_PASSWORD_AUTH "
                "only while a user-migration Lambda needs it.",
                "client.user_password_auth",
            )
        )
    flows = _flows(client)
    if any(f.startswith("ALLOW_") for f in flows) and "ALLOW_REFRESH_TOKEN_AUTH" not in flows:
        out.append(
            Finding(
                "medium",
                "ALLOW_REFRESH_TOKEN_AUTH is missing",
                "Refresh tokens cannot be exchanged for new tokens, so users are signed out when the "
                "access token expires and must enter their password again.",
                "Add ALLOW_REFRESH_TOKEN_AUTH to ExplicitAuthFlows (UpdateUserPoolClient).",
                "client.no_refresh_flow",
            )
        )
    legacy = sorted(flows & LEGACY_FLOWS)
    if legacy:
        out.append(
            Finding(
                "info",
                "Legacy auth flow names: " + ", ".join(legacy),
                "The old names cannot be combined with the ALLOW_ names and make the client's intent "
                "harder to read.",
                "Replace them with their ALLOW_ equivalents (ALLOW_ADMIN_USER_PASSWORD_AUTH, "
                "ALLOW_CUSTOM_AUTH, ALLOW_USER_PASSWORD_AUTH) plus ALLOW_REFRESH_TOKEN_AUTH.",
                "client.legacy_flow_names",
            )
        )
    return out


def _oauth(client: AppClient, pool: UserPool | None) -> list[Finding]:
    out: list[Finding] = []
    if "implicit" in client.oauth_flows:
        out.append(
            Finding(
                "high",
                "Implicit grant is enabled",
                "Tokens come back in the redirect URL, where browser history, referrers and logs can "
                "leak them, and no refresh token is issued. OAuth 2.0 security guidance retires this grant.",
                "Switch the app to the authorization code grant with PKCE and remove 'implicit' from "
                "AllowedOAuthFlows.",
                "client.implicit_grant",
            )
        )
    browser_flows = {"code", "implicit"} & set(client.oauth_flows)
    if client.oauth_flows and not client.oauth_enabled:
        out.append(
            Finding(
                "medium",
                "OAuth flows are configured but not enabled",
                "AllowedOAuthFlowsUserPoolClient is false, so the hosted UI and the /oauth2 endpoints "
                "reject this client whatever flows and scopes it lists.",
                "Set AllowedOAuthFlowsUserPoolClient=true, or remove the OAuth settings if the client "
                "does not use them.",
                "client.oauth_not_enabled",
            )
        )
    if not client.oauth_enabled:
        return out
    if pool is not None and not (pool.domain or pool.custom_domain):
        out.append(
            Finding(
                "high",
                "OAuth flows are enabled but the pool has no domain",
                "The hosted UI and the /oauth2/authorize and /oauth2/token endpoints live on the pool's "
                "domain; without one, redirects to the login page cannot work.",
                "Create a domain for the pool (CreateUserPoolDomain: a Cognito prefix or a custom "
                "domain), or turn OAuth off for this client.",
                "client.oauth_without_domain",
            )
        )
    if browser_flows and not client.callback_urls:
        out.append(
            Finding(
                "high",
                "OAuth flows are enabled without a callback URL",
                "The authorize endpoint redirects only to a registered callback URL; with none, every "
                "hosted-UI sign-in ends with 'redirect_mismatch'.",
                "Add the app's sign-in redirect to CallbackURLs.",
                "client.oauth_without_callback",
            )
        )
    if browser_flows and not client.identity_providers:
        out.append(
            Finding(
                "medium",
                "OAuth is enabled but no identity provider is allowed",
                "The hosted UI has nothing to offer: neither the pool's own users (COGNITO) nor a "
                "federated provider can sign in through it.",
                "Add COGNITO and/or the federated providers to SupportedIdentityProviders.",
                "client.oauth_without_providers",
            )
        )
    if ADMIN_SCOPE in client.oauth_scopes:
        out.append(
            Finding(
                "low",
                f"OAuth scope {ADMIN_SCOPE} is allowed",
                "Access tokens from the hosted UI can then call the user's self-service APIs "
                "(UpdateUserAttributes, ChangePassword, DeleteUser...) directly against Cognito.",
                "Remove the scope unless the app calls those APIs with hosted-UI tokens.",
                "client.admin_scope",
            )
        )
    return out


def _lifetimes(client: AppClient) -> list[Finding]:
    out: list[Finding] = []
    m2m = machine_to_machine(client)
    kinds: tuple[TokenKind, ...] = ("access",) if m2m else ("access", "id")
    long_lived = [token_lifetime(client, k) for k in kinds]
    long_lived = [t for t in long_lived if t.seconds > HOUR]
    if long_lived:
        what = " and ".join(KIND_LABELS[t.kind] for t in long_lived)
        spans = sorted({duration_text(t.seconds) for t in long_lived})
        out.append(
            Finding(
                "medium",
                f"{what} valid for {' / '.join(spans)}",
                "APIs that check the JWT themselves keep accepting a stolen, revoked or signed-out "
                "token until it expires; refresh tokens already keep sessions alive.",
                "Keep access and ID tokens at 1 hour or less (AccessTokenValidity, IdTokenValidity with "
                "TokenValidityUnits) and rely on refresh tokens.",
                "client.token_lifetime_long",
            )
        )
    refresh = token_lifetime(client, "refresh")
    if refresh.seconds > LONG_REFRESH and allows(client, "REFRESH_TOKEN_AUTH") and not m2m:
        out.append(
            Finding(
                "high" if refresh.seconds >= VERY_LONG_REFRESH else "medium",
                f"Refresh tokens valid for {duration_text(refresh.seconds)}",
                "A refresh token leaked from a device keeps minting new tokens for that long, unless it "
                "is revoked or the user is signed out globally.",
                "Shorten RefreshTokenValidity to what the app really needs (30 days is Cognito's "
                "default) and enable token revocation.",
                "client.refresh_lifetime_long",
            )
        )
    return out


def _sessions(client: AppClient) -> list[Finding]:
    out: list[Finding] = []
    if machine_to_machine(client):
        return out  # no users, no refresh tokens: existence errors, revocation and rotation do not apply
    if (client.prevent_user_existence_errors or "LEGACY").upper() != "ENABLED":
        out.append(
            Finding(
                "medium",
                "User existence errors are revealed",
                "Sign-in, sign-up confirmation and password reset answer 'UserNotFoundException' for "
                "unknown users, so anyone can test which usernames or e-mails have accounts.",
                "Set PreventUserExistenceErrors=ENABLED (UpdateUserPoolClient).",
                "client.user_existence_errors",
            )
        )
    if client.enable_token_revocation is False:
        out.append(
            Finding(
                "medium",
                "Token revocation is disabled",
                "RevokeToken cannot invalidate this client's refresh tokens, so signing out of one device "
                "leaves its refresh token usable until it expires.",
                "Set EnableTokenRevocation=true (UpdateUserPoolClient).",
                "client.token_revocation_off",
            )
        )
    rotation = str((client.refresh_rotation or {}).get("Feature") or "DISABLED").upper()
    if rotation != "ENABLED" and allows(client, "REFRESH_TOKEN_AUTH"):
        out.append(
            Finding(
                "info",
                "Refresh tokens are not rotated",
                "The same refresh token is reused until it expires, so a copied token stays useful for "
                "its whole lifetime.",
                "Enable RefreshTokenRotation (Feature=ENABLED) and use GetTokensFromRefreshToken in the app.",
                "client.no_refresh_rotation",
            )
        )
    writable = [a for a in client.write_attributes if a.startswith("custom:")]
    if writable:
        out.append(
            Finding(
                "medium",
                "Users can change " + ", ".join(writable),
                "Any signed-in user can call UpdateUserAttributes with their own access token and set "
                "these values; if the app uses them for authorisation (tenant, role, plan), users can "
                "change their own rights.",
                "Remove them from WriteAttributes and set them from the back end with "
                "AdminUpdateUserAttributes.",
                "client.custom_attribute_writable",
            )
        )
    return out


def client_findings(
    client: AppClient, pool: UserPool | None = None, resource_scopes: tuple[str, ...] | None = None
) -> list[Finding]:
    """Every finding about ``client``, worst first. ``pool`` (when known) adds the domain checks;
    ``resource_scopes`` (every ``<identifier>/<scope>`` of the pool's resource servers, when read) the
    check of its custom scopes."""
    findings = [
        *_secret(client),
        *_flow_findings(client),
        *_oauth(client, pool),
        *pkce_findings(client),
        *undefined_scope_findings(client, resource_scopes),
        *url_findings(client),
        *_lifetimes(client),
        *_sessions(client),
    ]
    return by_severity(findings)
