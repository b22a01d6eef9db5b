"""What the sandbox seeded: endpoint, pools, app clients, identity pool and users with their passwords.

Frozen dataclasses, rendered either as one JSON-ready dict (``cogtui sandbox --json``) or as aligned
lines for people (``cogtui sandbox``). The sandbox's own demo secrets are meant to be shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ClientInfo:
    """An app client of a seeded pool; ``secret`` is None for public clients."""

    name: str
    id: str
    secret: str | None = None
    explicit_auth_flows: tuple[str, ...] = ()
    oauth_flows: tuple[str, ...] = ()
    scopes: tuple[str, ...] = ()
    callback_urls: tuple[str, ...] = ()

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "id": self.id,
            "secret": self.secret,
            "explicit_auth_flows": list(self.explicit_auth_flows),
            "allowed_oauth_flows": list(self.oauth_flows),
            "allowed_oauth_scopes": list(self.scopes),
            "callback_urls": list(self.callback_urls),
        }


@dataclass(frozen=True)
class PoolInfo:
    """A seeded user pool and its app clients."""

    name: str
    id: str
    clients: tuple[ClientInfo, ...] = ()
    user_count: int = 0
    note: str = ""
    domain: str | None = None
    # Where the domain's OAuth 2.0 endpoints are served: <endpoint>/oauth/<domain> (None without a domain).
    oauth_base_url: str | None = None

    def client(self, name: str) -> ClientInfo:
        for client in self.clients:
            if client.name == name:
                return client
        raise KeyError(f"no client {name!r} in pool {self.name!r}")


@dataclass(frozen=True)
class IdentityPoolInfo:
    """The seeded identity pool."""

    name: str
    id: str


@dataclass(frozen=True)
class SeededUser:
    """A seeded user: what to type to sign in, and the state the user is in.

    ``state`` is the Cognito UserStatus; a disabled user keeps its status and has ``enabled`` False.
    ``totp_secret`` is set when the user has an authenticator app enrolled.
    """

    pool: str
    username: str
    password: str | None
    state: str
    enabled: bool = True
    totp_secret: str | None = None
    groups: tuple[str, ...] = ()
    note: str = ""

    @property
    def state_label(self) -> str:
        return self.state if self.enabled else f"{self.state}, disabled"


@dataclass(frozen=True)
class SandboxInfo:
    """Everything a newcomer or a script needs to use the seeded sandbox."""

    endpoint_url: str
    region: str
    pools: tuple[PoolInfo, ...] = ()
    identity_pool: IdentityPoolInfo | None = None
    users: tuple[SeededUser, ...] = ()
    # The JSON-lines file where the sandbox delivers every email and SMS (confirmation and sign-in codes).
    outbox_path: str | None = None
    # Seconds spent seeding, by step ("base", "large_users_in-process" or "large_users_http", "total").
    timings: dict[str, float] = field(default_factory=dict, compare=False, repr=False)

    def pool(self, name: str) -> PoolInfo:
        for pool in self.pools:
            if pool.name == name:
                return pool
        raise KeyError(f"no seeded pool {name!r}")

    def user(self, username: str, pool: str | None = None) -> SeededUser:
        for user in self.users:
            if user.username == username and (pool is None or user.pool == pool):
                return user
        raise KeyError(f"no seeded user {username!r}")

    def to_json_dict(self) -> dict[str, Any]:
        """The machine-readable description printed by ``cogtui sandbox --json``."""
        return {
            "endpoint_url": self.endpoint_url,
            "region": self.region,
            "outbox": self.outbox_path,
            "pools": [
                {
                    "name": pool.name,
                    "id": pool.id,
                    "user_count": pool.user_count,
                    "note": pool.note,
                    "domain": pool.domain,
                    "oauth_base_url": pool.oauth_base_url,
                    "openid_configuration": f"{self.endpoint_url}/{pool.id}/.well-known/openid-configuration",
                    "clients": [c.to_json_dict() for c in pool.clients],
                }
                for pool in self.pools
            ],
            "identity_pool": (
                {"name": self.identity_pool.name, "id": self.identity_pool.id} if self.identity_pool else None
            ),
            "users": [
                {
                    "pool": u.pool,
                    "username": u.username,
                    "password": u.password,
                    "state": u.state,
                    "enabled": u.enabled,
                    "groups": list(u.groups),
                    "totp_secret": u.totp_secret,
                    "note": u.note,
                }
                for u in self.users
            ],
        }

    def describe_lines(self) -> list[str]:
        """Human-readable, aligned lines: the endpoint first, then ids, secrets and passwords."""
        lines = [f"Sandbox endpoint: {self.endpoint_url}", f"Region:           {self.region}"]
        if self.outbox_path:
            lines.append(f"Outbox (codes):   {self.outbox_path}")
        lines.append("")
        lines.append("User pools")
        name_w = max((len(p.name) for p in self.pools), default=0)
        client_w = max((len(c.name) for p in self.pools for c in p.clients), default=0)
        for pool in self.pools:
            plural = "" if pool.user_count == 1 else "s"
            count = f"  ({pool.user_count} user{plural})" if pool.user_count else ""
            lines.append(f"  {pool.name:<{name_w}}  {pool.id}{count}")
            if pool.note:
                lines.append(f"    users {pool.note}")
            if pool.oauth_base_url:
                lines.append(
                    f"    OAuth 2.0 endpoints {pool.oauth_base_url}/oauth2/... (domain {pool.domain})"
                )
            for c in pool.clients:
                secret = f"  secret {c.secret}" if c.secret else "  (public, no secret)"
                lines.append(f"    client {c.name:<{client_w}}  {c.id}{secret}")
                if c.callback_urls:
                    lines.append(f"      {' '.join(c.oauth_flows)} -> {', '.join(c.callback_urls)}")
        if self.identity_pool:
            lines += ["", "Identity pool", f"  {self.identity_pool.name}  {self.identity_pool.id}"]
        if self.users:
            lines += ["", "Users"]
            rows = [
                (
                    u.pool,
                    u.username,
                    u.password or "-",
                    u.state_label,
                    "; ".join(
                        x for x in (u.note, f"TOTP secret {u.totp_secret}" if u.totp_secret else "") if x
                    ),
                )
                for u in self.users
            ]
            headers = ("pool", "username", "password", "state", "notes")
            widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(4)]
            for row in [headers, *rows]:
                cells = [row[i].ljust(widths[i]) for i in range(4)]
                lines.append(("  " + "  ".join(cells) + "  " + row[4]).rstrip())
        return lines
