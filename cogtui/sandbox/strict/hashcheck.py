"""SECRET_HASH as Cognito checks it on every operation of a client that has a secret.

The expected value is ``cogtui.auth.secret_hash.secret_hash`` (the same function the sign-in engine
uses); the comparison is constant-time.
"""

from __future__ import annotations

import hmac
from typing import Any

from cogtui.auth.secret_hash import secret_hash
from cogtui.sandbox.strict.errors import not_authorized
from cogtui.sandbox.strict.store import client_secret


def missing_message(client_id: str) -> str:
    return f"Client {client_id} is configured with secret but SECRET_HASH was not received"


def mismatch_message(client_id: str) -> str:
    return f"Unable to verify secret hash for client {client_id}"


def require_secret_hash(client: Any, given: str | None, *usernames: str | None) -> None:
    """Refuse unless ``given`` is the hash over one of ``usernames`` (no-op for a client without secret)."""
    secret = client_secret(client)
    if secret is None:
        return
    if not given:
        raise not_authorized(missing_message(client.id))
    for username in usernames:
        if username and hmac.compare_digest(secret_hash(username, client.id, secret), given):
            return
    raise not_authorized(mismatch_message(client.id))
