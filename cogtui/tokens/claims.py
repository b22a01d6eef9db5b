"""Claims explained: a table of claims with human times, the token's size against real limits,
and an ID/access token comparison.

Size limits, and where they come from (the token is usually sent as
`Authorization: Bearer <token>`, so header limits are measured on that whole line):
- 10,000 characters: an ID token past this breaks sign-in when a pre token generation (or other)
  Lambda trigger adds too many claims; ID tokens only, a warning from 8,000, an error past 10,000.
- 4,096 bytes: a cookie (RFC 6265 asks browsers to support at least 4,096 bytes per cookie,
  and that is what they cap at) - matters when a web app keeps tokens in cookies.
- 8,192 bytes: the usual default for one request header line (nginx `large_client_header_buffers
  4 8k`; Apache `LimitRequestFieldSize 8190`).
- 10,240 bytes: Amazon API Gateway (HTTP and REST APIs): request line and all header values
  together - the token shares this with every other header.
- 16,384 bytes: Application Load Balancer: one request header (the whole header block: 64 KB).
Cognito's quotas page lists no overall token size; an ID token grows with custom attributes
(up to 50 per pool, each value up to 2,048 characters), group membership (`cognito:groups`) and
claims added by a pre token generation trigger.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, Literal

from cogtui.clock import format_relative, format_utc, is_number
from cogtui.text_safety import is_safe_text, safe_text
from cogtui.tokens.decode import DecodedToken, decode_token
from cogtui.tokens.glossary import TIME_CLAIMS, explain, explain_header

__all__ = [
    "COGNITO_ID_TOKEN_LIMIT",
    "SIZE_LIMITS",
    "ClaimComparison",
    "ClaimRow",
    "ComparedClaim",
    "SizeFinding",
    "SizeLimit",
    "SizeReport",
    "claim_rows",
    "compare",
    "expires_in",
    "header_rows",
    "render_value",
    "size_report",
]

NEAR_FRACTION = 0.75
AUTHORIZATION_PREFIX = "Authorization: Bearer "
COGNITO_SIZE_NOTE = (
    "An ID token past 10,000 characters breaks sign-in; custom attributes (up to 50, each up to "
    "2,048 characters), groups and pre-token-generation claims make ID tokens grow."
)


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One claim for display: its value on one line, times in UTC and relative, what it means."""

    name: str
    value: Any
    rendered: str
    utc: str | None
    relative: str | None
    explanation: str

    @property
    def label(self) -> str:
        """The claim's name fit for display (a name is as untrusted as a value)."""
        return safe_text(self.name)


def render_value(value: Any) -> str:
    """A claim value on one line: strings as-is, lists joined; control characters always escaped."""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, list) and all(isinstance(v, str) and is_safe_text(v) for v in value):
        return ", ".join(value) if value else "[]"
    return safe_text(json.dumps(value, ensure_ascii=False, default=repr))


def _row(name: str, value: Any, now: float, explanation: str, timed: bool) -> ClaimRow:
    utc = relative = None
    if timed and is_number(value):
        utc, relative = format_utc(value), format_relative(value - now)
    return ClaimRow(name, value, render_value(value), utc, relative, explanation)


def claim_rows(payload: dict[str, Any] | None, now: float | None = None) -> tuple[ClaimRow, ...]:
    """Every payload claim in token order; call again with a new `now` for a live countdown."""
    if not isinstance(payload, dict):
        return ()
    now = time.time() if now is None else now
    return tuple(
        _row(name, value, now, explain(name), name in TIME_CLAIMS) for name, value in payload.items()
    )


def header_rows(header: dict[str, Any] | None) -> tuple[ClaimRow, ...]:
    if not isinstance(header, dict):
        return ()
    return tuple(_row(name, value, 0.0, explain_header(name), False) for name, value in header.items())


def expires_in(payload: dict[str, Any] | None, now: float | None = None) -> float | None:
    """Seconds until `exp` (negative once expired), or None without a numeric exp."""
    exp = payload.get("exp") if isinstance(payload, dict) else None
    if not is_number(exp):
        return None
    return float(exp) - (time.time() if now is None else now)


# size ------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class SizeLimit:
    """A size a token must stay under; `warn_bytes` (else 75% of the limit) is where "near" starts,
    `kinds` the token kinds it applies to."""

    name: str
    limit_bytes: int
    measured_on: Literal["token", "header line"]
    source: str
    warn_bytes: int | None = None
    kinds: tuple[str, ...] = ("id", "access", "unknown")

    @property
    def near_bytes(self) -> float:
        return self.warn_bytes if self.warn_bytes is not None else NEAR_FRACTION * self.limit_bytes


COGNITO_ID_TOKEN_LIMIT = SizeLimit(
    "Cognito ID token",
    10_000,
    "token",
    "sign-in fails past 10,000 characters when Lambda triggers add too many claims",
    warn_bytes=8_000,
    kinds=("id",),
)
SIZE_LIMITS: tuple[SizeLimit, ...] = (
    COGNITO_ID_TOKEN_LIMIT,
    SizeLimit("cookie", 4096, "token", "RFC 6265 minimum per cookie, the usual browser cap"),
    SizeLimit("common header line", 8192, "header line", "nginx / Apache defaults for one header"),
    SizeLimit("API Gateway", 10240, "header line", "request line + all headers, HTTP and REST APIs"),
    SizeLimit("ALB header", 16384, "header line", "Application Load Balancer, one header"),
)


@dataclass(frozen=True, slots=True)
class SizeFinding:
    limit: SizeLimit
    used_bytes: int
    status: Literal["ok", "near", "over"]

    @property
    def percent(self) -> int:
        return round(100 * self.used_bytes / self.limit.limit_bytes)


@dataclass(frozen=True, slots=True)
class SizeReport:
    token_bytes: int
    header_line_bytes: int
    payload_bytes: int
    findings: tuple[SizeFinding, ...]
    custom_claims: int
    groups: int
    biggest_claims: tuple[tuple[str, int], ...]
    note: str = COGNITO_SIZE_NOTE

    @property
    def status(self) -> Literal["ok", "near", "over"]:
        statuses = {f.status for f in self.findings}
        return "over" if "over" in statuses else "near" if "near" in statuses else "ok"

    @property
    def summary(self) -> str:
        # the ID-token limit first (past it sign-in itself fails), then the worst of the others
        flagged = (
            [f for f in self.findings if f.status != "ok" and f.limit is COGNITO_ID_TOKEN_LIMIT]
            or [f for f in self.findings if f.status == "over"]
            or [f for f in self.findings if f.status == "near"]
        )
        head = f"{self.token_bytes:,} bytes"
        if not flagged:
            return f"{head}: within common limits"
        worst = flagged[0]
        verb = "over" if worst.status == "over" else "near"
        return (
            f"{head}: {verb} the {worst.limit.name} limit ({worst.percent}% of {worst.limit.limit_bytes:,})"
        )


def size_report(token: DecodedToken | str) -> SizeReport:
    """The token's size against `SIZE_LIMITS`, and what makes the payload big."""
    decoded = token if isinstance(token, DecodedToken) else decode_token(token)
    token_bytes = decoded.size
    line_bytes = len(AUTHORIZATION_PREFIX) + token_bytes
    findings = []
    for limit in SIZE_LIMITS:
        if decoded.kind not in limit.kinds:
            continue
        used = token_bytes if limit.measured_on == "token" else line_bytes
        status: Literal["ok", "near", "over"] = (
            "over" if used > limit.limit_bytes else "near" if used >= limit.near_bytes else "ok"
        )
        findings.append(SizeFinding(limit, used, status))
    payload = decoded.payload or {}
    sizes = sorted(
        (
            (name, len(json.dumps({name: value}, default=repr).encode()) - 2)
            for name, value in payload.items()
        ),
        key=lambda item: -item[1],
    )
    groups = payload.get("cognito:groups")
    return SizeReport(
        token_bytes=token_bytes,
        header_line_bytes=line_bytes,
        payload_bytes=len(json.dumps(payload, default=repr, separators=(",", ":")).encode()),
        findings=tuple(findings),
        custom_claims=sum(1 for name in payload if name.startswith("custom:")),
        groups=len(groups) if isinstance(groups, list) else 0,
        biggest_claims=tuple(sizes[:3]),
    )


# comparison ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ComparedClaim:
    name: str
    state: Literal["same", "different", "only-id", "only-access"]
    id_value: Any
    access_value: Any


@dataclass(frozen=True, slots=True)
class ClaimComparison:
    same: tuple[ComparedClaim, ...]
    different: tuple[ComparedClaim, ...]
    only_in_id: tuple[ComparedClaim, ...]
    only_in_access: tuple[ComparedClaim, ...]

    @property
    def rows(self) -> tuple[ComparedClaim, ...]:
        return self.same + self.different + self.only_in_id + self.only_in_access


_MISSING = object()


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=repr)


def compare(id_payload: dict[str, Any] | None, access_payload: dict[str, Any] | None) -> ClaimComparison:
    """Claims shared with the same value, shared with different values, or held by one token."""
    id_claims = id_payload if isinstance(id_payload, dict) else {}
    access_claims = access_payload if isinstance(access_payload, dict) else {}
    groups: dict[str, list[ComparedClaim]] = {"same": [], "different": [], "only-id": [], "only-access": []}
    for name in sorted(set(id_claims) | set(access_claims)):
        a = id_claims.get(name, _MISSING)
        b = access_claims.get(name, _MISSING)
        if b is _MISSING:
            groups["only-id"].append(ComparedClaim(name, "only-id", a, None))
        elif a is _MISSING:
            groups["only-access"].append(ComparedClaim(name, "only-access", None, b))
        elif _canonical(a) == _canonical(b):
            groups["same"].append(ComparedClaim(name, "same", a, b))
        else:
            groups["different"].append(ComparedClaim(name, "different", a, b))
    return ClaimComparison(
        same=tuple(groups["same"]),
        different=tuple(groups["different"]),
        only_in_id=tuple(groups["only-id"]),
        only_in_access=tuple(groups["only-access"]),
    )
