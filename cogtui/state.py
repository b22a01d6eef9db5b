"""App-wide state: one frozen object replaced atomically, so every screen follows the others."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Tokens:
    """Tokens from the last sign-in (kept in memory only)."""

    id_token: str | None = None
    access_token: str | None = None
    refresh_token: str | None = None
    pool_id: str | None = None
    client_id: str | None = None
    username: str | None = None
    obtained_at: float | None = None


@dataclass(frozen=True)
class AppState:
    """What the user has selected and obtained so far."""

    connection: Any = None  # ConnectionInfo once connected
    pool_id: str | None = None
    pool_name: str | None = None
    client_id: str | None = None
    tokens: Tokens = Tokens()
    credentials: Any = None  # temporary AWS credentials from an identity pool

    def evolve(self, **changes: Any) -> AppState:
        return replace(self, **changes)
