"""Everything the strict layer keeps that moto does not, one instance per process (like moto's store).

Per-user SRP salts, authenticator secrets (pending and active), challenge sessions, one-time codes,
failed-attempt counters and the outbox. A secret chosen in advance for a user (``preset_totp_secret``)
is handed out by the next AssociateSoftwareToken for that user: the seed uses it to give demo users a
secret short enough to type.
"""

from __future__ import annotations

import secrets
import threading

from cogtui.sandbox.strict.clock import StrictClock
from cogtui.sandbox.strict.codes import CodeBook
from cogtui.sandbox.strict.lockout import Lockout
from cogtui.sandbox.strict.outbox import Outbox
from cogtui.sandbox.strict.sessions import SessionStore

TOTP_SECRET_LENGTH = 32  # base32 characters, like Cognito's
_BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def new_totp_secret() -> str:
    return "".join(secrets.choice(_BASE32) for _ in range(TOTP_SECRET_LENGTH))


class StrictState:
    def __init__(self) -> None:
        self.clock = StrictClock()
        self.sessions = SessionStore(self.clock)
        self.codes = CodeBook(self.clock)
        self.lockout = Lockout(self.clock)
        self.outbox = Outbox()
        self.block_key = secrets.token_bytes(32)  # binds SRP secret blocks to their session and client
        self._salts: dict[tuple[str, str], str] = {}
        self._totp_pending: dict[tuple[str, str], str] = {}
        self._totp_active: dict[tuple[str, str], str] = {}
        self._totp_preset: dict[tuple[str, str], str] = {}
        self.email_mfa: dict[tuple[str, str], bool] = {}  # EMAIL_OTP enabled, per user
        self._lock = threading.Lock()

    def salt(self, pool_id: str, username: str) -> str:
        with self._lock:
            return self._salts.setdefault((pool_id, username), secrets.token_hex(16))

    def preset_totp_secret(self, pool_id: str, username: str, secret: str) -> None:
        with self._lock:
            self._totp_preset[(pool_id, username)] = secret

    def associate_totp(self, pool_id: str, username: str) -> str:
        with self._lock:
            secret = self._totp_preset.pop((pool_id, username), None) or new_totp_secret()
            self._totp_pending[(pool_id, username)] = secret
            return secret

    def pending_totp(self, pool_id: str, username: str) -> str | None:
        with self._lock:
            return self._totp_pending.get((pool_id, username))

    def activate_totp(self, pool_id: str, username: str) -> None:
        with self._lock:
            secret = self._totp_pending.pop((pool_id, username), None)
            if secret:
                self._totp_active[(pool_id, username)] = secret

    def active_totp(self, pool_id: str, username: str) -> str | None:
        with self._lock:
            return self._totp_active.get((pool_id, username))


_STATE: StrictState | None = None
_STATE_LOCK = threading.Lock()


def strict_state() -> StrictState:
    """The process's strict state (created on first use)."""
    global _STATE
    with _STATE_LOCK:
        if _STATE is None:
            _STATE = StrictState()
        return _STATE
