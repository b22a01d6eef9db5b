"""ListUsers and ListUsersInGroup at O(page) instead of O(position).

moto builds the whole (filtered) user list on every page and then looks for the token's position in
it, so listing N users costs O(N²): 200,000 users took minutes. ``install()`` replaces the two backend
methods (a narrow patch), and ``ListingLayer`` writes ListUsers pages as JSON itself (moto's
model-driven serializer cost ~90% of a page). The pagination token
carries the position and the username found there; the pool's user list is cached and rebuilt only
when the pool changed (its size, its newest user, or a user of the page no longer being the same
object). A filter is evaluated while walking forward from the token, so a filtered page costs the
users it had to look at, not the whole pool. Filter syntax and messages are moto's (and Cognito's).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from cogtui.aws.user_filter import SEARCHABLE_ATTRIBUTES
from cogtui.sandbox.awsjson import (
    StartResponse,
    WSGIApp,
    amz_target,
    aws_error,
    json_params,
    json_response,
    moto_backends,
)

DEFAULT_LIMIT = 60
_FILTER = re.compile(r"([\w:]+)\s*(=|\^=)\s*\"(.*)\"")
_INHERENT: dict[str, Callable[[Any], str]] = {
    "cognito:user_status": lambda u: str(getattr(u.status, "value", u.status)),
    "status": lambda u: "Enabled" if u.enabled else "Disabled",
    "username": lambda u: u.username,
    "sub": lambda u: u.id,
}


def _invalid(message: str) -> Exception:
    from moto.cognitoidp.exceptions import InvalidParameterException

    return InvalidParameterException(message)


def parse_filter(filt: str | None) -> Callable[[Any], bool] | None:
    """A predicate for a ListUsers ``Filter`` (None for no filter). Raises InvalidParameterException."""
    if not filt:
        return None
    match = _FILTER.match(filt)
    if not match:
        raise _invalid("Error while parsing filter")
    name, op, value = match.groups()
    if name not in SEARCHABLE_ATTRIBUTES:
        raise _invalid(f"Invalid search attribute: {name}")

    def compare(candidate: object) -> bool:
        text = str(candidate)
        return text == value if op == "=" else text.startswith(value)

    inherent = _INHERENT.get(name)

    def predicate(user: Any) -> bool:
        if any(a["Name"] == name and compare(a["Value"]) for a in user.attributes):
            return True
        return inherent is not None and compare(inherent(user))

    return predicate


def encode_token(index: int, username: str) -> str:
    raw = json.dumps([index, username], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token: str) -> tuple[int, str]:
    try:
        index, username = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        return int(index), str(username)
    except (ValueError, TypeError):
        raise _invalid("Invalid pagination token.") from None


class _Snapshot:
    """The ordered users of a pool (or of a group within it), rebuilt only when it went stale."""

    def __init__(self, build: Callable[[], list[Any]], fingerprint: Callable[[], tuple[Any, ...]]) -> None:
        self._build, self._fingerprint = build, fingerprint
        self.users: list[Any] = []
        self._print: tuple[Any, ...] | None = None

    def current(self, force: bool = False) -> list[Any]:
        fingerprint = self._fingerprint()
        if force or fingerprint != self._print:
            self.users, self._print = self._build(), fingerprint
        return self.users


def _pool_fingerprint(pool: Any) -> tuple[Any, ...]:
    last = next(reversed(pool.users), None) if pool.users else None
    return (len(pool.users), last)


def _snapshot(
    owner: Any, attribute: str, build: Callable[[], list[Any]], fingerprint: Callable[[], tuple[Any, ...]]
) -> _Snapshot:
    snapshot = getattr(owner, attribute, None)
    if snapshot is None:
        snapshot = _Snapshot(build, fingerprint)
        setattr(owner, attribute, snapshot)
    return snapshot


def page(
    snapshot: _Snapshot,
    still_listed: Callable[[Any], bool],
    limit: int | None,
    token: str | None,
    predicate: Callable[[Any], bool] | None = None,
) -> tuple[list[Any], str | None]:
    """One page: walk from the token's position, keep what matches, stop after ``limit`` matches."""
    limit = int(limit or DEFAULT_LIMIT)
    before = snapshot.users
    users = snapshot.current()
    start = 0
    if token:
        start, username = decode_token(token)
        if not (0 <= start < len(users) and users[start].username == username and still_listed(users[start])):
            start = _resume(snapshot, before, start, username, still_listed)
            users = snapshot.users
            if start < 0:
                return [], None
    found: list[Any] = []
    index = start
    while index < len(users) and len(found) < limit:
        user = users[index]
        if still_listed(user) and (predicate is None or predicate(user)):  # skip users deleted meanwhile
            found.append(user)
        index += 1
    if predicate is not None:  # a token only if another match follows
        while index < len(users) and not predicate(users[index]):
            index += 1
    next_token = encode_token(index, users[index].username) if index < len(users) else None
    return found, next_token


def _resume(
    snapshot: _Snapshot, before: list[Any], start: int, username: str, still_listed: Callable[[Any], bool]
) -> int:
    """Where to go on after the pool changed: the first user, from the token's place on in the list the
    token was made from, that is still there (-1 if none is: the listing is over)."""
    made_from = next(
        (ls for ls in (before, snapshot.users) if 0 <= start < len(ls) and ls[start].username == username),
        None,
    )
    if made_from is None:
        raise _invalid("Invalid pagination token.")
    resume = next((u.username for u in made_from[start:] if still_listed(u)), None)
    users = snapshot.current(force=True)
    return next((i for i, u in enumerate(users) if u.username == resume), -1) if resume else -1


def list_users(
    self: Any,
    user_pool_id: str,
    filt: str | None,
    limit: int | None = None,
    pagination_token: str | None = None,
) -> tuple[list[Any], str | None]:
    """Replacement for moto's ``CognitoIdpBackend.list_users``."""
    pool = self.describe_user_pool(user_pool_id)
    predicate = parse_filter(filt)
    snapshot = _snapshot(
        pool, "cogtui_listing", lambda: list(pool.users.values()), lambda: _pool_fingerprint(pool)
    )
    return page(snapshot, lambda u: pool.users.get(u.username) is u, limit, pagination_token, predicate)


def list_users_in_group(
    self: Any, user_pool_id: str, group_name: str, limit: int | None = None, next_token: str | None = None
) -> tuple[list[Any], str | None]:
    """Replacement for moto's ``CognitoIdpBackend.list_users_in_group`` (pool order, as moto lists)."""
    pool = self.describe_user_pool(user_pool_id)
    group = self.get_group(user_pool_id, group_name)
    snapshot = _snapshot(
        group,
        "cogtui_listing",
        lambda: [u for u in pool.users.values() if u in group.users],
        lambda: (len(group.users), *_pool_fingerprint(pool)),
    )
    return page(snapshot, lambda u: u in group.users and pool.users.get(u.username) is u, limit, next_token)


def install() -> None:
    """Patch moto's backend (idempotent)."""
    from moto.cognitoidp import models

    backend = models.CognitoIdpBackend
    if backend.list_users is list_users:
        return
    for function in (list_users, list_users_in_group):
        setattr(backend, function.__name__, function)  # moto's method replaced by the one above


def _epoch(value: Any) -> float | int:
    """A timestamp as moto's serializer writes it (epoch seconds, truncated to milliseconds)."""
    from botocore.utils import parse_to_aware_datetime
    from moto.core.serialize import TimestampSerializer

    return TimestampSerializer._timestamp_unixtimestamp(parse_to_aware_datetime(value))


def user_type(user: Any, attributes_to_get: list[str] | None) -> dict[str, Any]:
    """A ListUsers ``UserType``, exactly as moto's model-driven serializer would write it."""
    return {
        "Username": user.username,
        "Attributes": [a for a in user.attributes if not attributes_to_get or a["Name"] in attributes_to_get],
        "UserCreateDate": _epoch(user.create_date),
        "UserLastModifiedDate": _epoch(user.last_modified_date),
        "Enabled": user.enabled,
        "UserStatus": str(getattr(user.status, "value", user.status)),
        "MFAOptions": [],
    }


class ListingLayer:
    """Answers ListUsers itself: the page from ``list_users`` above, written straight to JSON.

    moto's model-driven serializer spends ~90% of a page's time walking the output shape; writing the
    same JSON directly makes a page several times cheaper. Any other request (and a pool this process
    does not hold) goes on to moto.
    """

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if amz_target(environ) != ("AWSCognitoIdentityProviderService", "ListUsers"):
            return self.app(environ, start_response)
        params = json_params(environ)
        backend = _backend_of(str((params or {}).get("UserPoolId") or ""))
        if params is None or backend is None:
            return self.app(environ, start_response)
        from moto.core.exceptions import JsonRESTError

        try:
            users, token = backend.list_users(
                params["UserPoolId"],
                params.get("Filter"),
                limit=params.get("Limit"),
                pagination_token=params.get("PaginationToken"),
            )
        except JsonRESTError as exc:
            return aws_error(start_response, exc.error_type, exc.message)
        answer: dict[str, Any] = {"Users": [user_type(u, params.get("AttributesToGet")) for u in users]}
        if token:
            answer["PaginationToken"] = token
        return json_response(start_response, answer)


def _backend_of(pool_id: str) -> Any | None:
    for backend in moto_backends("moto.cognitoidp.models", "cognitoidp_backends"):
        if pool_id in backend.user_pools:
            return backend
    return None
