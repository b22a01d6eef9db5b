"""Token lifetimes of an app client, normalised: Cognito's defaults and TokenValidityUnits applied.

Cognito reads ``AccessTokenValidity``/``IdTokenValidity`` in hours and ``RefreshTokenValidity`` in days
unless ``TokenValidityUnits`` says otherwise; a client without a value gets 60 minutes (access, ID) and
30 days (refresh).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cogtui.aws.models import AppClient
from cogtui.clock import duration_text, plural

TokenKind = Literal["access", "id", "refresh"]

UNIT_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
DEFAULT_UNITS: dict[TokenKind, str] = {"access": "hours", "id": "hours", "refresh": "days"}
DEFAULT_VALIDITY: dict[TokenKind, tuple[int, str]] = {
    "access": (60, "minutes"),
    "id": (60, "minutes"),
    "refresh": (30, "days"),
}
UNIT_KEYS: dict[TokenKind, str] = {"access": "AccessToken", "id": "IdToken", "refresh": "RefreshToken"}
KIND_LABELS: dict[TokenKind, str] = {"access": "Access token", "id": "ID token", "refresh": "Refresh token"}


def token_validity_text(value: int, unit: str) -> str:
    """``(60, "minutes")`` -> ``60 minutes (1 hour)``; ``(1, "hours")`` -> ``1 hour``."""
    unit = (unit or "").lower()
    if unit not in UNIT_SECONDS:
        return f"{value} {unit}".strip()
    stated = plural(value, unit.rstrip("s"))
    normalised = duration_text(value * UNIT_SECONDS[unit])
    return stated if normalised == stated else f"{stated} ({normalised})"


@dataclass(frozen=True)
class TokenLifetime:
    """How long one kind of token lives for a client; ``is_default`` when the client sets no value."""

    kind: TokenKind
    value: int
    unit: str
    is_default: bool = False

    @property
    def seconds(self) -> int:
        return self.value * UNIT_SECONDS.get(self.unit, 1)

    @property
    def text(self) -> str:
        text = token_validity_text(self.value, self.unit)
        return f"{text}, the default" if self.is_default else text


def token_lifetime(client: AppClient, kind: TokenKind) -> TokenLifetime:
    """The effective lifetime of ``kind`` tokens issued to ``client``."""
    value = {
        "access": client.access_token_validity,
        "id": client.id_token_validity,
        "refresh": client.refresh_token_validity,
    }[kind]
    if value is None:
        default_value, default_unit = DEFAULT_VALIDITY[kind]
        return TokenLifetime(kind, default_value, default_unit, is_default=True)
    unit = str(client.token_units.get(UNIT_KEYS[kind]) or DEFAULT_UNITS[kind]).lower()
    return TokenLifetime(kind, int(value), unit)
