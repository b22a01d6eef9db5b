"""What a domain's OAuth server remembers: authorization codes and sign-ins waiting for a next step.

Codes are single use and live five minutes, as Cognito's; a sign-in waiting for an MFA code or a new
password lives three minutes. Everything is kept on the user pool object, so it goes with the pool.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field, replace
from typing import Any

CODE_LIFETIME = 300
PENDING_LIFETIME = 180
_lock = threading.Lock()


@dataclass(frozen=True)
class AuthorizationRequest:
    """A validated ``/oauth2/authorize`` request."""

    client_id: str
    redirect_uri: str
    response_type: str
    scopes: tuple[str, ...]
    state: str = ""
    code_challenge: str = ""
    code_challenge_method: str = ""
    nonce: str = ""


@dataclass(frozen=True)
class Grant:
    """An authorization code, or a sign-in waiting for its next step (``step`` "mfa" or "new_password")."""

    request: AuthorizationRequest
    username: str
    expires_at: float
    step: str = ""


@dataclass
class OAuthState:
    codes: dict[str, Grant] = field(default_factory=dict)
    pending: dict[str, Grant] = field(default_factory=dict)

    def _put(self, table: dict[str, Grant], grant: Grant) -> str:
        key = secrets.token_urlsafe(32)
        with _lock:
            now = time.time()
            for stale in [k for k, g in table.items() if g.expires_at <= now]:
                del table[stale]
            table[key] = grant
        return key

    @staticmethod
    def _take(table: dict[str, Grant], key: str) -> Grant | None:
        with _lock:
            grant = table.pop(key, None)
        return grant if grant is not None and grant.expires_at > time.time() else None

    def new_code(self, request: AuthorizationRequest, username: str) -> str:
        return self._put(self.codes, Grant(request, username, time.time() + CODE_LIFETIME))

    def redeem_code(self, code: str) -> Grant | None:
        """The code's grant, once: a second redemption finds nothing."""
        return self._take(self.codes, code)

    def new_pending(self, request: AuthorizationRequest, username: str, step: str) -> str:
        return self._put(self.pending, Grant(request, username, time.time() + PENDING_LIFETIME, step))

    def take_pending(self, key: str) -> Grant | None:
        return self._take(self.pending, key)

    def put_back(self, key: str, grant: Grant) -> None:
        """Keep a pending sign-in after a wrong answer (same expiry)."""
        with _lock:
            self.pending[key] = replace(grant)


def oauth_state(pool: Any) -> OAuthState:
    state = getattr(pool, "cogtui_oauth", None)
    if state is None:
        with _lock:
            state = getattr(pool, "cogtui_oauth", None)
            if state is None:
                state = pool.cogtui_oauth = OAuthState()
    return state
