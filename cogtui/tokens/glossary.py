"""One line explaining each claim and header field found in Cognito tokens."""

from __future__ import annotations

__all__ = ["CLAIMS", "HEADER_FIELDS", "TIME_CLAIMS", "explain", "explain_header"]

TIME_CLAIMS = frozenset({"exp", "iat", "nbf", "auth_time", "updated_at"})

CLAIMS: dict[str, str] = {
    # identity and issuer
    "sub": "The user's unique, immutable id in the pool (a UUID); use it, not the username, as a key.",
    "iss": "Issuer: the user pool URL https://cognito-idp.<region>.amazonaws.com/<pool id>.",
    "aud": "Audience (ID tokens): the app client id the token was issued to.",
    "client_id": "Access tokens: the app client id the token was issued to (access tokens have no aud).",
    "token_use": "'id' for an ID token (who the user is), 'access' for an access token (what it may call).",
    "cognito:username": "ID tokens: the user's username (a generated id when users sign in by email/phone).",
    "username": "Access tokens: the user's username in the pool.",
    "cognito:groups": "The pool groups the user belongs to (both tokens).",
    "cognito:roles": "ID tokens: IAM role ARNs of the user's groups, for an identity pool's token-based role mapping.",
    "cognito:preferred_role": "ID tokens: the IAM role of the user's highest-precedence group that has one.",
    "identities": "ID tokens, federated sign-in: the external identity provider(s) linked to this user.",
    # token bookkeeping
    "origin_jti": "Id of the original authentication: tokens refreshed from it share it; revocation uses it.",
    "jti": "Unique id of this token.",
    "event_id": "Id of the sign-in event that produced the token (matches the user's auth event history).",
    "version": "Access token format version (2 in current Cognito access tokens).",
    "scope": "Access tokens: space-separated OAuth scopes, e.g. aws.cognito.signin.user.admin.",
    "at_hash": "ID tokens from the hosted UI / OAuth: hash of the access token issued with it.",
    "nonce": "ID tokens from OAuth: the nonce the client sent, echoed to prevent replay.",
    "device_key": "Access tokens: the remembered device this session was tied to.",
    "amr": "Authentication methods (identity-pool tokens): 'authenticated' or 'unauthenticated'.",
    # times
    "auth_time": "When the user actually signed in (seconds since epoch); unchanged by refreshes.",
    "iat": "Issued at: when this token was created (seconds since epoch).",
    "exp": "Expires at: the token is refused after this time (seconds since epoch).",
    "nbf": "Not before: the token is refused before this time (Cognito does not set it).",
    "updated_at": "When the user's profile was last updated (seconds since epoch).",
    # standard user attributes (ID token, when the app client may read them)
    "email": "The user's email address (ID token, if the app client may read it).",
    "email_verified": "Whether the email address was verified (true/false).",
    "phone_number": "The user's phone number in E.164 format, e.g. +15555550100.",
    "phone_number_verified": "Whether the phone number was verified (true/false).",
    "name": "The user's full name.",
    "given_name": "The user's first name.",
    "family_name": "The user's last name.",
    "middle_name": "The user's middle name.",
    "nickname": "The user's casual name.",
    "preferred_username": "The name the user prefers; can be a sign-in alias if the pool allows it.",
    "profile": "URL of the user's profile page.",
    "picture": "URL of the user's picture.",
    "website": "URL of the user's web site.",
    "gender": "The user's gender.",
    "birthdate": "The user's birth date (YYYY-MM-DD).",
    "zoneinfo": "The user's time zone, e.g. Europe/Paris.",
    "locale": "The user's locale, e.g. en-US.",
    "address": "The user's postal address (a JSON object).",
}

HEADER_FIELDS: dict[str, str] = {
    "alg": "Signature algorithm; Cognito signs with RS256.",
    "kid": "Key id: which key of the pool's JWKS signed the token.",
    "typ": "Token type, usually JWT (Cognito omits it).",
    "cty": "Content type of the payload (for nested tokens); unused by Cognito.",
    "jku": "URL of a key set, chosen by the token itself: never trusted, keys come from the pool's JWKS.",
    "jwk": "A key embedded in the token itself: never trusted, keys come from the pool's JWKS.",
    "x5u": "URL of an X.509 certificate chosen by the token: never trusted.",
    "x5c": "An X.509 certificate chain embedded in the token: never trusted.",
    "x5t": "Thumbprint of an X.509 certificate.",
    "crit": "Extensions the verifier must understand; aws-jwt-verify ignores it.",
}


def explain(name: str) -> str:
    """The glossary line for a payload claim, including custom:* and dev:* attributes."""
    known = CLAIMS.get(name)
    if known:
        return known
    if name.startswith("custom:"):
        return "Custom user attribute defined by the pool (ID token, if the app client may read it)."
    if name.startswith("dev:"):
        return "Developer-only attribute (legacy dev:custom:*): only admin credentials can write it."
    return "Not a standard Cognito claim: added by a pre token generation trigger or another issuer."


def explain_header(name: str) -> str:
    return HEADER_FIELDS.get(name, "Not a field Cognito sets in the token header.")
