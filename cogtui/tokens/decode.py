"""Decode a pasted JWT into header, payload and signature without trusting or verifying it.

`decode_token` is tolerant of what people paste (surrounding whitespace, a `Bearer ` prefix,
quotes, line breaks) and reports each cleanup it made. It never raises on garbage: whatever is
wrong ends up in `DecodedToken.problems` as a one-line message.

Base64url and JSON are decoded the way aws-jwt-verify decodes them (lenient base64, invalid
UTF-8 replaced, `NaN`/`Infinity` refused, numbers too large for a double become infinity), so
that the structure verdict agrees with it.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from typing import Any

from cogtui.tokens.paste import find_tokens

__all__ = ["DecodedToken", "b64url_decode", "decode_token", "guess_kind", "parse_json"]

# The compact JWS shape accepted by aws-jwt-verify: three non-empty base64url segments,
# each optionally followed by up to two "=" padding characters.
_JWS_COMPACT = re.compile(r"[A-Za-z0-9_-]+={0,2}\.[A-Za-z0-9_-]+={0,2}\.[A-Za-z0-9_-]+={0,2}")
_SEGMENT = re.compile(r"[A-Za-z0-9_-]+={0,2}")
_WHITESPACE = re.compile(r"\s")
_BEARER = re.compile(r"(?i)^(?:authorization\s*:\s*)?bearer\s+")
_AUTH_HEADER = re.compile(r"(?i)^authorization\s*:\s*")
_QUOTES = ('"', "'", "`")
_MAX_CLEANUP_ROUNDS = 4


@dataclass(frozen=True, slots=True)
class DecodedToken:
    """A token split into its parts; nothing here has been verified."""

    text: str
    """What was given, before any cleanup."""
    token: str
    """The token after cleanup: what is decoded and verified."""
    header: dict[str, Any] | None = field(compare=False, repr=False)
    payload: dict[str, Any] | None = field(compare=False, repr=False)
    signing_input: bytes = field(compare=False, repr=False)
    signature: bytes = field(compare=False, repr=False)
    compact: bool = field(compare=False)
    """True when the token has the exact three-segment base64url shape."""
    cleanups: tuple[str, ...] = field(compare=False)
    problems: tuple[str, ...] = field(compare=False)

    @property
    def size(self) -> int:
        """Size of the cleaned token in bytes."""
        return len(self.token.encode("utf-8", "surrogatepass"))

    @property
    def well_formed(self) -> bool:
        """Three base64url segments whose header and payload are JSON objects."""
        return self.compact and not self.problems

    @property
    def kind(self) -> str:
        """'id', 'access' or 'unknown' (from the unverified payload)."""
        return guess_kind(self.payload)


def b64url_decode(segment: str) -> bytes:
    """Decode base64url leniently, like Node's Buffer: padding optional, a dangling char ignored.

    Accepts the standard alphabet too (`+`, `/`) and skips other characters, as Node does; the
    structure check, not this function, is what rejects them. Raises ValueError if undecodable.
    """
    data = segment.rstrip("=")
    if len(data) % 4 == 1:
        data = data[:-1]
    data += "=" * (-len(data) % 4)
    try:
        return base64.urlsafe_b64decode(data.replace("+", "-").replace("/", "_"))
    except (binascii.Error, ValueError) as exc:
        raise ValueError(str(exc)) from None


def _parse_int(text: str) -> int | float:
    # JavaScript reads every number as a double: a huge integer literal is infinity, not an error.
    return int(text) if len(text) < 300 else float(text)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse_json(data: bytes) -> Any:
    """Parse JSON like JavaScript's JSON.parse on a UTF-8 decoded buffer (invalid bytes replaced)."""
    return json.loads(data.decode("utf-8", "replace"), parse_int=_parse_int, parse_constant=_refuse_constant)


def _clean(text: str) -> tuple[str, list[str]]:
    """Strip what commonly surrounds a pasted token, reporting each step."""
    cleanups: list[str] = []
    token = text
    for _ in range(_MAX_CLEANUP_ROUNDS):
        before = token
        stripped = token.strip()
        if stripped != token:
            trailing = token[len(token.rstrip()) :]
            if token.lstrip() == token and trailing in ("\n", "\r\n"):
                _note(cleanups, "removed the trailing newline")
            else:
                _note(cleanups, "removed surrounding whitespace")
            token = stripped
        if len(token) >= 2 and token[0] in _QUOTES and token[-1] == token[0]:
            token = token[1:-1]
            _note(cleanups, "removed surrounding quotes")
        match = _BEARER.match(token)
        if match:
            if _AUTH_HEADER.match(token):
                _note(cleanups, "removed the 'Authorization:' header name")
            token = token[match.end() :]
            _note(cleanups, "removed the 'Bearer ' prefix")
        if token == before:
            break
    if _WHITESPACE.search(token):
        count = len(_WHITESPACE.findall(token))
        token = _WHITESPACE.sub("", token)
        _note(cleanups, f"removed {count} whitespace character(s) inside the token (line wrapping?)")
    return token, cleanups


def _note(cleanups: list[str], message: str) -> None:
    if message not in cleanups:
        cleanups.append(message)


def _segment_problem(name: str, segment: str) -> str | None:
    if not segment:
        return f"the {name} segment is empty"
    if _SEGMENT.fullmatch(segment):
        return None
    if "+" in segment or "/" in segment:
        return f"the {name} segment uses standard base64 ('+' or '/'), not base64url ('-' and '_')"
    for position, char in enumerate(segment):
        if not (char.isascii() and (char.isalnum() or char in "-_=")):
            return f"the {name} segment has a character base64url does not use: {char!r} at {position}"
    return f"the {name} segment has '=' padding in the middle or more than two '='"


def _decode_json_segment(name: str, segment: str, problems: list[str]) -> dict[str, Any] | None:
    try:
        raw = b64url_decode(segment)
    except ValueError:
        problems.append(f"the {name} is not valid base64url")
        return None
    try:
        value = parse_json(raw)
    except (ValueError, RecursionError) as exc:
        problems.append(f"the {name} is not valid JSON ({_short(exc)})")
        return None
    if not isinstance(value, dict):
        problems.append(f"the {name} is {_json_type(value)}, not a JSON object")
        return None
    return value


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text if len(text) <= 80 else text[:77] + "..."


def _json_type(value: Any) -> str:
    if value is None:
        return "JSON null"
    if isinstance(value, bool):
        return "a JSON boolean"
    if isinstance(value, (int, float)):
        return "a JSON number"
    if isinstance(value, str):
        return "a JSON string"
    return "a JSON array"


def decode_token(text: str) -> DecodedToken:
    """Split and decode a JWT. Never raises; problems are listed in the result."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    token, cleanups = _clean(text)
    problems: list[str] = []
    header = payload = None
    signing_input = signature = b""
    compact = bool(_JWS_COMPACT.fullmatch(token))
    parts = token.split(".")
    found = find_tokens(text) if token else None
    if not token:
        problems.append("empty input: paste a JWT (three base64url parts separated by dots)")
    elif found is not None:
        problems.append(
            f"{found.found_in} holding {found.holds}, not one token: give one token, "
            "or the whole document to `cogtui token` or the inspector"
        )
    elif len(parts) == 5:
        problems.append(
            "5 parts: this is an encrypted JWE (a Cognito refresh token?), which cannot be decoded"
        )
    elif len(parts) != 3:
        problems.append(f"expected 3 parts separated by '.', found {len(parts)}")
    else:
        if not compact:
            for name, segment in zip(("header", "payload", "signature"), parts, strict=True):
                problem = _segment_problem(name, segment)
                if problem:
                    problems.append(problem)
        header = _decode_json_segment("header", parts[0], problems)
        payload = _decode_json_segment("payload", parts[1], problems)
        signing_input = f"{parts[0]}.{parts[1]}".encode("ascii", "replace")
        try:
            signature = b64url_decode(parts[2])
        except ValueError:
            problems.append("the signature is not valid base64url")
    return DecodedToken(
        text=text,
        token=token,
        header=header,
        payload=payload,
        signing_input=signing_input,
        signature=signature,
        compact=compact,
        cleanups=tuple(cleanups),
        problems=tuple(problems),
    )


def guess_kind(payload: dict[str, Any] | None) -> str:
    """'id' or 'access' from `token_use`, else a guess from typical claims, else 'unknown'."""
    if not isinstance(payload, dict):
        return "unknown"
    token_use = payload.get("token_use")
    if token_use in ("id", "access"):
        return str(token_use)
    if "client_id" in payload and "scope" in payload and "aud" not in payload:
        return "access"
    if "aud" in payload and ("at_hash" in payload or "cognito:username" in payload):
        return "id"
    return "unknown"
