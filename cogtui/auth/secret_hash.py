"""SECRET_HASH for app clients that have a client secret, and which username to hash at each stage.

``SECRET_HASH = Base64(HMAC_SHA256(key=client secret, message=username + client id))``.

Cognito checks the hash against the user named in the same request, so the username that goes into
the hash changes as the sign-in proceeds:

* **InitiateAuth** (USER_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, CUSTOM_AUTH, USER_AUTH):
  ``USERNAME`` exactly as typed (it may be an email, phone number or preferred username alias).
* **After PASSWORD_VERIFIER and for every later challenge**: the user's internal username that
  Cognito returned. AWS returns it as ``USER_ID_FOR_SRP`` (and as ``USERNAME`` in the challenge
  parameters, the same value); the challenge response sends it as ``USERNAME`` and hashes it. With an
  alias or an email-as-username pool it is not what the user typed (it is a UUID there).
* **REFRESH_TOKEN_AUTH**: no ``USERNAME`` is sent, yet the hash must be computed over the user's
  Cognito username: the ``cognito:username`` claim of the ID token (``username`` in the access token).
  In a pool where email or phone is the username that value is the user's ``sub``. Hashing the email
  typed at sign-in is the classic "Unable to verify secret hash for client" on refresh.

Every hash the engine computes is recorded as a ``HashedUsername`` on its step, so the timeline shows
which value was hashed and why.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Where the hashed username came from (shown on the timeline).
SOURCE_TYPED = "USERNAME as typed (InitiateAuth)"
SOURCE_SRP = "internal username returned with PASSWORD_VERIFIER (USER_ID_FOR_SRP)"
SOURCE_SRP_USERNAME = "USERNAME returned with PASSWORD_VERIFIER (not its USER_ID_FOR_SRP)"
SOURCE_CHALLENGE = "USERNAME returned with the challenge"
SOURCE_REMEMBERED = "internal username returned earlier in this sign-in"
SOURCE_TOKEN = "cognito:username from the tokens (REFRESH_TOKEN_AUTH)"
SOURCE_GIVEN = "username given for REFRESH_TOKEN_AUTH"


def secret_hash(username: str, client_id: str, client_secret: str) -> str:
    """Base64(HMAC-SHA256(key=client_secret, message=username + client_id))."""
    digest = hmac.new(
        client_secret.encode("utf-8"), (username + client_id).encode("utf-8"), hashlib.sha256
    ).digest()
    return base64.b64encode(digest).decode("ascii")


@dataclass(frozen=True)
class HashedUsername:
    """The username a SECRET_HASH was computed over, and why that one."""

    value: str
    source: str

    def describe(self) -> str:
        return f"SECRET_HASH over {self.value!r} ({self.source})"


def internal_username(challenge_parameters: Mapping[str, Any]) -> str | None:
    """The internal username Cognito returned with a challenge (USERNAME, else USER_ID_FOR_SRP)."""
    for key in ("USERNAME", "USER_ID_FOR_SRP"):
        value = challenge_parameters.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def challenge_username(
    challenge_name: str | None,
    challenge_parameters: Mapping[str, Any],
    remembered: str | None,
    typed: str,
) -> HashedUsername:
    """The USERNAME to send (and hash) when answering ``challenge_name``."""
    returned = internal_username(challenge_parameters)
    if returned:
        source = SOURCE_CHALLENGE
        if challenge_name == "PASSWORD_VERIFIER":
            # Label the key that was hashed: an endpoint may return USERNAME and a different USER_ID_FOR_SRP.
            same = challenge_parameters.get("USER_ID_FOR_SRP") == returned
            source = SOURCE_SRP if same else SOURCE_SRP_USERNAME
        return HashedUsername(returned, source)
    if remembered:
        return HashedUsername(remembered, SOURCE_REMEMBERED)
    return HashedUsername(typed, SOURCE_TYPED)


def refresh_username(claims: Mapping[str, Any] | None, fallback: str | None = None) -> HashedUsername | None:
    """The username to hash for REFRESH_TOKEN_AUTH, from an ID or access token's claims."""
    if claims:
        for key in ("cognito:username", "username"):
            value = claims.get(key)
            if isinstance(value, str) and value:
                return HashedUsername(value, SOURCE_TOKEN)
    if fallback:
        return HashedUsername(fallback, SOURCE_GIVEN)
    return None
