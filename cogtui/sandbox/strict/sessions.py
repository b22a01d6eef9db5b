"""Challenge sessions: opaque, bound to one pool, client and user, single-use, expiring.

A session lives for the client's AuthSessionValidity (minutes, 3 by default). Answering a challenge
consumes its session; a wrong MFA code leaves it usable. A consumed session is remembered so its reuse
is refused with Cognito's "session can only be used once" rather than as unknown.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass, field
from typing import Any

from cogtui.sandbox.strict.clock import StrictClock
from cogtui.sandbox.strict.errors import SESSION_EXPIRED, SESSION_INVALID, SESSION_USED, not_authorized

DEFAULT_VALIDITY_MINUTES = 3
SESSION_TOKEN_BYTES = 600  # Cognito's sessions are opaque strings of several hundred characters
_FORGET_AFTER_SECONDS = 3600


@dataclass
class ChallengeSession:
    """What the server remembers between a challenge and its answer."""

    token: str
    pool_id: str
    client_id: str
    username: str  # the user's internal username in moto
    challenge: str
    created_at: float
    validity_minutes: int
    data: dict[str, Any] = field(default_factory=dict)

    def expires_at(self) -> float:
        return self.created_at + self.validity_minutes * 60


class SessionStore:
    """Open and consumed sessions, looked up by token."""

    def __init__(self, clock: StrictClock) -> None:
        self._clock = clock
        self._open: dict[str, ChallengeSession] = {}
        self._used: dict[str, float] = {}
        self._lock = threading.Lock()

    def open(
        self, pool_id: str, client: Any, username: str, challenge: str, token: str | None = None, **data: Any
    ) -> ChallengeSession:
        validity = int(client.extended_config.get("AuthSessionValidity") or DEFAULT_VALIDITY_MINUTES)
        session = ChallengeSession(
            token=token or secrets.token_urlsafe(SESSION_TOKEN_BYTES),
            pool_id=pool_id,
            client_id=client.id,
            username=username,
            challenge=challenge,
            created_at=self._clock.now(),
            validity_minutes=validity,
            data=dict(data),
        )
        with self._lock:
            self._forget_old()
            self._open[session.token] = session
        return session

    def get(self, token: str | None, client_id: str | None, challenge: str | None = None) -> ChallengeSession:
        """The open session for ``token``, checked for reuse, expiry, client and challenge."""
        with self._lock:
            session = self._open.get(token or "")
            used = token in self._used if token else False
        if session is None:
            raise not_authorized(SESSION_USED if used else SESSION_INVALID)
        if self._clock.now() > session.expires_at():
            self.consume(session)
            raise not_authorized(SESSION_EXPIRED)
        if (client_id is not None and session.client_id != client_id) or (
            challenge and session.challenge != challenge
        ):
            raise not_authorized(SESSION_INVALID)
        return session

    def consume(self, session: ChallengeSession) -> None:
        with self._lock:
            self._open.pop(session.token, None)
            self._used[session.token] = self._clock.now()

    def _forget_old(self) -> None:
        horizon = self._clock.now() - _FORGET_AFTER_SECONDS
        for token in [t for t, s in self._open.items() if s.expires_at() < horizon]:
            del self._open[token]
        for token in [t for t, at in self._used.items() if at < horizon]:
            del self._used[token]
