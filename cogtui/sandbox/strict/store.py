"""Reading and updating moto's in-process Cognito store: pools, clients, users, tokens.

moto keeps every pool of every account and region in ``cognitoidp_backends``; the strict layer runs in
the same process and reaches them directly. Nothing here decides whether a request is allowed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cogtui.sandbox.strict.errors import from_moto, resource_not_found

DEFAULT_AUTH_FLOWS = ("ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")


def _pools() -> Iterator[Any]:
    from moto.cognitoidp.models import cognitoidp_backends

    for account_id in list(cognitoidp_backends.keys()):
        regions = cognitoidp_backends[account_id]
        for region in list(regions.keys()):
            yield from list(regions[region].user_pools.values())


def find_pool(pool_id: str) -> Any:
    for pool in _pools():
        if pool.id == pool_id:
            return pool
    raise resource_not_found(f"User pool {pool_id} does not exist.")


def find_client(client_id: str, pool_id: str | None = None) -> tuple[Any, Any]:
    """The pool and app client for ``client_id`` (in ``pool_id`` when given)."""
    for pool in _pools():
        if pool_id and pool.id != pool_id:
            continue
        client = pool.clients.get(client_id)
        if client is not None:
            return pool, client
    if pool_id:
        find_pool(pool_id)
    raise resource_not_found(f"User pool client {client_id} does not exist.")


def status(user: Any) -> str:
    return str(getattr(user.status, "value", user.status))


def user_id_for_srp(pool: Any, user: Any) -> str:
    """The name SRP is computed over: the username, or the internal id where users sign in by email/phone."""
    return str(user.id) if pool.extended_config.get("UsernameAttributes") else str(user.username)


def find_user(pool: Any, name: str | None) -> Any:
    """The user named ``name``: username, email/phone where those sign in, alias, or internal id (sub)."""
    if not name:
        return None
    user = pool._get_user(name)
    if user is not None:
        return user
    aliases = pool.extended_config.get("AliasAttributes") or []
    case_insensitive = not (pool.extended_config.get("UsernameConfiguration") or {}).get(
        "CaseSensitive", True
    )
    for candidate in list(pool.users.values()):
        if candidate.id == name:
            return candidate
        if case_insensitive and candidate.username.lower() == name.lower():
            return candidate
        if any(candidate.attribute_lookup.get(a) == name for a in aliases):
            return candidate
    return None


def explicit_flows(client: Any) -> tuple[str, ...]:
    flows = client.extended_config.get("ExplicitAuthFlows")
    return tuple(flows) if flows else DEFAULT_AUTH_FLOWS


def client_secret(client: Any) -> str | None:
    return str(client.secret) if client.generate_secret else None


def issue_tokens(pool: Any, client: Any, user: Any) -> dict[str, Any]:
    """Tokens for ``user`` through moto's own issuing path (refresh token first, then ID and access)."""
    return dict(pool.backend._log_user_in(pool, client, user.username)["AuthenticationResult"])


def validate_password(pool: Any, password: str) -> None:
    """The pool's password policy, as moto checks it (InvalidPasswordException with Cognito's text)."""
    from moto.core.exceptions import JsonRESTError

    try:
        pool.backend._validate_password(pool.id, password)
    except JsonRESTError as exc:
        raise from_moto(exc) from None


def user_by_access_token(access_token: str) -> tuple[Any, Any]:
    """The pool and user an access token was issued to, or NotAuthorizedException."""
    from cogtui.sandbox.strict.errors import INVALID_ACCESS_TOKEN, not_authorized

    for pool in _pools():
        entry = pool.access_tokens.get(access_token)
        if entry:
            user = find_user(pool, entry[1])
            if user is not None:
                return pool, user
    raise not_authorized(INVALID_ACCESS_TOKEN)


def refresh_token_owner(pool: Any, refresh_token: str) -> tuple[str, str] | None:
    """(client id, username) a refresh token of ``pool`` was issued to, or None."""
    entry = pool.refresh_tokens.get(refresh_token)
    if not entry or not entry[1]:
        return None
    return str(entry[0]), str(entry[1])
