"""Tokens as users paste them: a whole tokens document or callback URL, not only a bare JWT.

`find_tokens` recognises what sign-in tools hand out and returns the ID and access tokens in it:
- a JSON document: `{"AuthenticationResult": {"IdToken": ..., "AccessToken": ...}}` (InitiateAuth,
  `aws cognito-idp initiate-auth`), `{"IdToken": ..., "AccessToken": ...}`, the OAuth token
  endpoint's `{"id_token": ..., "access_token": ...}`, or camelCase `idToken`/`accessToken`,
  possibly nested a few levels down (a saved session);
- a callback URL with the tokens in its fragment or query
  (`https://app/callback#id_token=X&access_token=Y&token_type=Bearer`), or that fragment alone.

A refresh token found alongside is counted, never returned: it is a secret and cannot be decoded.
Returns None for anything else (a bare JWT included), so a plain token goes straight to `decode_token`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from cogtui.text_safety import safe_text

__all__ = ["FoundTokens", "find_tokens"]

_KEYS = {
    "id": ("IdToken", "id_token", "idToken"),
    "access": ("AccessToken", "access_token", "accessToken"),
    "refresh": ("RefreshToken", "refresh_token", "refreshToken"),
}
_MAX_DEPTH = 4


@dataclass(frozen=True, slots=True)
class FoundTokens:
    """The tokens found in a pasted document, and what the document was (for a one-line note)."""

    id_token: str | None
    access_token: str | None
    found_in: str
    refresh_token_found: bool = False

    def token(self, kind: str) -> str | None:
        return self.id_token if kind == "id" else self.access_token

    @property
    def holds(self) -> str:
        """'an ID token and an access token' (what was found, refresh token aside)."""
        kinds = (("an ID token", self.id_token), ("an access token", self.access_token))
        return " and ".join(name for name, token in kinds if token)

    @property
    def note(self) -> str:
        """'Found an ID token and an access token in a callback URL's fragment.'"""
        refresh = " (and a refresh token, not shown: it is a secret and cannot be decoded)"
        return f"Found {self.holds} in {self.found_in}{refresh if self.refresh_token_found else ''}."


def find_tokens(text: str) -> FoundTokens | None:
    """The ID and access tokens in a pasted JSON document or callback URL, or None."""
    if not isinstance(text, str):
        return None
    stripped = text.strip()
    if stripped.startswith("{"):
        return _from_json(stripped)
    if "id_token=" in stripped or "access_token=" in stripped:
        return _from_url(stripped)
    return None


def _from_json(text: str) -> FoundTokens | None:
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return None
    found = _search(document)
    if found is None:
        return None
    holder, path = found
    where = f"a tokens JSON document ({safe_text(path, 40)})" if path else "a tokens JSON document"
    return _found(holder, where)


def _search(value: Any) -> tuple[dict[str, Any], str] | None:
    """The first object (breadth first, a few levels deep) holding an ID or access token string."""
    level: list[tuple[Any, str]] = [(value, "")]
    for _ in range(_MAX_DEPTH + 1):
        below: list[tuple[Any, str]] = []
        for node, path in level:
            if not isinstance(node, dict):
                continue
            if any(isinstance(node.get(key), str) for kind in ("id", "access") for key in _KEYS[kind]):
                return node, path
            below += [(child, name) for name, child in node.items() if isinstance(child, dict)]
        level = below
        if not level:
            break
    return None


def _from_url(text: str) -> FoundTokens | None:
    parts = urlsplit(text) if "://" in text else None
    candidates = (
        [(parts.fragment, "a callback URL's fragment"), (parts.query, "a callback URL's query")]
        if parts
        else []
    )
    candidates.append((text.lstrip("#?"), "a URL fragment"))
    for params, where in candidates:
        values = {
            name: items[0] for name, items in parse_qs(params, keep_blank_values=False).items() if items
        }
        found = _found(values, where)
        if found is not None:
            return found
    return None


def _found(holder: dict[str, Any], where: str) -> FoundTokens | None:
    tokens = {
        kind: next((holder[k] for k in keys if isinstance(holder.get(k), str)), None)
        for kind, keys in _KEYS.items()
    }
    id_token = (tokens["id"] or "").strip() or None
    access_token = (tokens["access"] or "").strip() or None
    if id_token is None and access_token is None:
        return None
    return FoundTokens(id_token, access_token, where, refresh_token_found=bool(tokens["refresh"]))
