"""A record of every AWS call (operation, redacted parameters, status, duration, request id, error)."""

from __future__ import annotations

import itertools
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from cogtui.secrets import remember, scrub

REDACTED = "<redacted>"

_SECRET_KEYS = frozenset(
    {
        "password",
        "previouspassword",
        "proposedpassword",
        "temporarypassword",
        "new_password",
        "secret_hash",
        "secrethash",
        "clientsecret",
        "client_secret",
        "accesstoken",
        "idtoken",
        "refreshtoken",
        "refresh_token",
        "session",
        "token",
        "webidentitytoken",
        "secretkey",
        "secretaccesskey",
        "sessiontoken",
        "password_claim_signature",
        "sms_mfa_code",
        "software_token_mfa_code",
        "email_otp_code",
        "sms_otp_code",
        "confirmationcode",
        "usercode",
        "answer",
        "secretcode",
        "device_password_verifier",
        "passwordverifier",
        "code",
        "client_secret_value",
    }
)

# Keys whose values are maps of provider name -> token.
_TOKEN_MAPS = frozenset({"logins"})


_NOT_SECRET = frozenset({"nexttoken", "paginationtoken"})


def _is_secret_key(key: str) -> bool:
    k = key.lower()
    if k in _NOT_SECRET:
        return False
    return k in _SECRET_KEYS or k.endswith(("password", "token", "secret", "secret_hash"))


def redact(value: Any, key: str = "") -> Any:
    """A copy of request or response data with every secret replaced by ``<redacted>``."""
    if key and isinstance(value, str | bytes) and value and _is_secret_key(key):
        remember(value)
        return REDACTED
    if key.lower() in _TOKEN_MAPS and isinstance(value, Mapping):
        for token in value.values():
            remember(token)
        return {k: REDACTED for k in value}
    if isinstance(value, Mapping):
        return {k: redact(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [redact(v, key) for v in value]
    return value


@dataclass(frozen=True)
class TraceEntry:
    """One AWS call as it happened."""

    seq: int
    service: str
    operation: str
    params: dict[str, Any]
    started_at: float
    duration_ms: float
    ok: bool
    request_id: str | None = None
    http_status: int | None = None
    retries: int = 0
    error_code: str | None = None
    error_message: str | None = None
    summary: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Trace:
    """A bounded, ordered log of calls; listeners are told of each new entry (on the caller's thread)."""

    def __init__(self, limit: int = 2000) -> None:
        self._entries: deque[TraceEntry] = deque(maxlen=limit)
        self._seq = itertools.count(1)
        self._listeners: list[Callable[[TraceEntry], None]] = []

    def record(self, **fields: Any) -> TraceEntry:
        fields["params"] = redact(fields.get("params") or {})
        fields["summary"] = redact(fields.get("summary") or {})
        if fields.get("error_message"):
            fields["error_message"] = scrub(fields["error_message"])
        entry = TraceEntry(seq=next(self._seq), **fields)
        self._entries.append(entry)
        for listener in list(self._listeners):
            listener(entry)
        return entry

    def subscribe(self, listener: Callable[[TraceEntry], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    @property
    def entries(self) -> list[TraceEntry]:
        return list(self._entries)

    def since(self, seq: int) -> list[TraceEntry]:
        return [e for e in self._entries if e.seq > seq]

    @property
    def last_seq(self) -> int:
        return self._entries[-1].seq if self._entries else 0


def now() -> float:
    return time.time()
