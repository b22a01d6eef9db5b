"""The tokens a sign-in ends with, and the summaries of them the timeline shows instead of raw tokens."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from cogtui.aws.trace import REDACTED
from cogtui.clock import format_time
from cogtui.state import Tokens
from cogtui.tokens.decode import decode_token

_SUMMARY_CLAIMS = (
    "token_use",
    "sub",
    "cognito:username",
    "username",
    "client_id",
    "aud",
    "scope",
    "cognito:groups",
    "auth_time",
    "iat",
    "exp",
    "iss",
)


def _iso(epoch: Any) -> str | None:
    if not isinstance(epoch, int | float):
        return None
    try:
        return format_time(epoch, "iso")
    except (OverflowError, OSError, ValueError):
        return None


def claims_of(token: str | None) -> dict[str, Any]:
    """The unverified payload of a JWT ({} for a missing or opaque token)."""
    if not token:
        return {}
    return dict(decode_token(token).payload or {})


def token_summary(token: str | None) -> dict[str, Any] | str | None:
    """A JWT as the timeline shows it: a few claims, its expiry and size, never the token itself."""
    if token is None:
        return None
    decoded = decode_token(token)
    if not decoded.payload:
        return f"{REDACTED} (opaque, {decoded.size} bytes)"
    summary: dict[str, Any] = {k: decoded.payload[k] for k in _SUMMARY_CLAIMS if k in decoded.payload}
    if "exp" in summary:
        summary["expires"] = _iso(summary["exp"])
    summary["kind"] = decoded.kind
    summary["size"] = decoded.size
    return summary


def summarize_authentication_result(auth: dict[str, Any]) -> dict[str, Any]:
    """An AuthenticationResult with each token replaced by its summary (refresh tokens are opaque)."""
    out: dict[str, Any] = {}
    for key, value in auth.items():
        if key in ("IdToken", "AccessToken"):
            out[key] = token_summary(value)
        elif key == "RefreshToken":
            out[key] = f"{REDACTED} ({len(value)} chars)" if value else value
        else:
            out[key] = value
    return out


@dataclass(frozen=True)
class SignInResult:
    """The tokens of a successful sign-in (or refresh). ``repr`` never shows a token."""

    id_token: str | None = field(default=None, repr=False)
    access_token: str | None = field(default=None, repr=False)
    refresh_token: str | None = field(default=None, repr=False)
    expires_in: int | None = None
    token_type: str | None = None
    new_device_metadata: dict[str, str] | None = None
    issued_at: float = field(default_factory=time.time)

    @classmethod
    def from_api(
        cls, auth: dict[str, Any], previous_refresh_token: str | None = None, issued_at: float | None = None
    ) -> SignInResult:
        """From an AuthenticationResult; a refresh keeps the previous refresh token unless a new one came."""
        return cls(
            id_token=auth.get("IdToken"),
            access_token=auth.get("AccessToken"),
            refresh_token=auth.get("RefreshToken") or previous_refresh_token,
            expires_in=auth.get("ExpiresIn"),
            token_type=auth.get("TokenType"),
            new_device_metadata=dict(auth["NewDeviceMetadata"]) if auth.get("NewDeviceMetadata") else None,
            issued_at=time.time() if issued_at is None else issued_at,
        )

    @property
    def id_claims(self) -> dict[str, Any]:
        return claims_of(self.id_token)

    @property
    def access_claims(self) -> dict[str, Any]:
        return claims_of(self.access_token)

    @property
    def cognito_username(self) -> str | None:
        """The user's Cognito username (``cognito:username`` / ``username``): what REFRESH_TOKEN_AUTH hashes."""
        value = self.id_claims.get("cognito:username") or self.access_claims.get("username")
        return str(value) if value else None

    @property
    def sub(self) -> str | None:
        value = self.id_claims.get("sub") or self.access_claims.get("sub")
        return str(value) if value else None

    @property
    def expires_at(self) -> float | None:
        return self.issued_at + self.expires_in if self.expires_in else None

    def app_tokens(self, pool_id: str | None, client_id: str, username: str) -> Tokens:
        """These tokens as the app state keeps them, for the token inspector and the identity screen."""
        return Tokens(
            id_token=self.id_token,
            access_token=self.access_token,
            refresh_token=self.refresh_token,
            pool_id=pool_id or None,
            client_id=client_id,
            username=username,
            obtained_at=self.issued_at,
        )

    def summary(self) -> dict[str, Any]:
        """What the timeline shows: token summaries, no raw token."""
        return summarize_authentication_result(self.tokens_json())

    def tokens_json(self) -> dict[str, Any]:
        """The tokens in the API's own shape (for ``cogtui auth sign-in`` output and the token inspector)."""
        out: dict[str, Any] = {
            "IdToken": self.id_token,
            "AccessToken": self.access_token,
            "RefreshToken": self.refresh_token,
            "ExpiresIn": self.expires_in,
            "TokenType": self.token_type,
        }
        if self.new_device_metadata:
            out["NewDeviceMetadata"] = dict(self.new_device_metadata)
        return {k: v for k, v in out.items() if v is not None}
