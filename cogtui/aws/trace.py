"""A record of every AWS call (operation, redacted parameters, status, duration, request id, error)."""

from __future__ import annotations

import itertools
import re
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
        "code_verifier",
        "authorization",
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


# A field of a body quoted as text; each pattern consumes only the key, the value is looked ahead at, so
# the fields nested in a value (a JSON body inside a Python repr) are found too.
_TEXT_FIELDS = (
    # "Key": "value" (JSON), 'Key': 'value' or 'Key': b'value' (a Python repr)
    # (a backslash before a quote escapes it, however many there are: better too much redacted than too little)
    re.compile(r"""(["'])(?P<key>[^"'\\\s]+)\1\s*:\s*b?(?=(["'])(?P<value>(?:(?!\3)[^\\]|\\++.)*+)\3)"""),
    # <Key>value</Key> (XML)
    re.compile(r"<(?P<key>\w+)>(?=(?P<value>[^<]+)</(?P=key)>)"),
    # Key=value (a form body or a query string)
    re.compile(r"(?:^|(?<=[?&'\s]))(?P<key>[\w.-]+)=(?=(?P<value>[^&'\s]+))"),
)
_TEXT_MAP = re.compile(r"""(["'])(?P<key>\w+)\1\s*:\s*(?=(?P<value>\{[^{}]*\}))""")


def _secret_spans(text: str) -> list[tuple[int, int]]:
    """Where the values of secret-named fields are in ``text`` (and every value of a token map), merged."""
    spans = [
        match.span("value")
        for pattern in _TEXT_FIELDS
        for match in pattern.finditer(text)
        if _is_secret_key(match.group("key"))
    ]
    for match in _TEXT_MAP.finditer(text):
        if match.group("key").lower() in _TOKEN_MAPS:
            offset = match.start("value")
            for field in _TEXT_FIELDS[0].finditer(match.group("value")):
                start, end = field.span("value")
                spans.append((offset + start, offset + end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(span for span in spans if span[1] > span[0]):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def redact_text(text: str) -> str:
    """``text`` with the value of every secret-named field replaced by ``<redacted>`` (and remembered).

    For text cogtui did not write itself: a library's debug output that quotes a request or a response
    body (JSON, a Python repr, XML, a form body) before cogtui has seen the secrets in it.
    """
    out, done = [], 0
    for start, end in _secret_spans(text):
        value = text[start:end]
        if value != REDACTED:
            remember(value)
        out += [text[done:start], REDACTED]
        done = end
    return "".join(out) + text[done:]


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
