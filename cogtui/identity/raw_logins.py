"""Raw logins pasted by a person: a JSON object or ``provider=token`` lines, checked key by key.

For developer-authenticated identities and providers other than a user pool (Google, Facebook, Amazon,
Apple, an OpenID Connect or SAML provider). Never raises: what is wrong comes back as one-line
problems that name the provider and the line, never the token.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cogtui.identity.logins import (
    MAX_LOGINS,
    MAX_TOKEN_LENGTH,
    check_logins_key,
    quote_for_message,
    strip_quotes,
)

__all__ = ["ParsedLogins", "logins_summary", "parse_raw_logins"]


@dataclass(frozen=True)
class ParsedLogins:
    """Raw logins pasted by a person: what can be sent, and what is wrong (one line each)."""

    logins: dict[str, str] = field(default_factory=dict, repr=False)
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    kinds: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return bool(self.logins) and not self.problems


def parse_raw_logins(text: object) -> ParsedLogins:
    """Read a JSON object ``{"provider": "token"}`` or ``provider=token`` lines; never raises."""
    text = text if isinstance(text, str) else ""
    stripped = text.strip()
    if not stripped:
        return ParsedLogins(problems=("Nothing to read: paste a JSON object or provider=token lines.",))
    if stripped.startswith(("{", "[")):
        pairs, problems = _json_pairs(stripped)
    else:
        pairs, problems = _line_pairs(stripped)
    return _validate_pairs(pairs, problems)


def _json_pairs(text: str) -> tuple[list[tuple[str, str, Any]], list[str]]:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        return [], [f"Not valid JSON{where}: expected an object of provider names to tokens."]
    if not isinstance(value, dict):
        return [], ['The JSON is not an object: expected {"provider": "token", ...}.']
    return [(str(k), f"entry {quote_for_message(str(k))}", v) for k, v in value.items()], []


def _line_pairs(text: str) -> tuple[list[tuple[str, str, Any]], list[str]]:
    pairs: list[tuple[str, str, Any]] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if "=" not in line:
            problems.append(f"Line {number}: expected 'provider=token'.")
            continue
        key, _, token = line.partition("=")
        pairs.append((key, f"line {number}", token))
    if not pairs and not problems:
        problems.append("Nothing to read: every line is empty or a comment.")
    return pairs, problems


def _validate_pairs(pairs: list[tuple[str, str, Any]], problems: list[str]) -> ParsedLogins:
    logins: dict[str, str] = {}
    kinds: dict[str, str] = {}
    notes: list[str] = []
    for raw_key, where, raw_token in pairs:
        check = check_logins_key(raw_key)
        where_cap = where[0].upper() + where[1:]
        if not check.ok:
            problems.append(f"{where_cap}: {check.message}")
            continue
        if not isinstance(raw_token, str):
            problems.append(f"{where_cap}: the token for {check.key} must be a string.")
            continue
        token = strip_quotes(raw_token)
        if any(ch.isspace() for ch in token):
            token = "".join(token.split())
            notes.append(f"{where_cap}: removed whitespace inside the token for {check.key}.")
        if not token:
            problems.append(f"{where_cap}: the token for {check.key} is empty.")
            continue
        if len(token) > MAX_TOKEN_LENGTH:
            problems.append(
                f"{where_cap}: the token for {check.key} is longer than {MAX_TOKEN_LENGTH} characters."
            )
            continue
        if check.key in logins:
            problems.append(
                f"{where_cap}: {check.key} appears twice; an identity takes one token per provider."
            )
            continue
        logins[check.key] = token
        kinds[check.key] = check.kind
    if len(logins) > MAX_LOGINS:
        problems.append(f"{len(logins)} logins given; Cognito accepts at most {MAX_LOGINS}.")
    return ParsedLogins(logins=logins, problems=tuple(problems), notes=tuple(notes), kinds=kinds)


def logins_summary(logins: Mapping[str, str]) -> str:
    """``key1, key2`` for messages (never the tokens)."""
    return ", ".join(logins) if logins else "no logins (guest)"
