"""Find a user in every user pool of the connection: Cognito's server-side ListUsers filter, pool by pool.

A query becomes one or more filters (see ``search_filters``): an email searches ``email ^=`` and
``username ^=`` (usernames are often emails), a phone number in E.164 form ``phone_number ^=``, a UUID
``sub =`` and ``username =`` (pools with email or phone sign-in name users by their sub), and any other
text after ``user `` searches ``username ^=`` and ``email ^=``. Each (pool, filter) is one ListUsers call
with a small Limit, at most ``CONCURRENCY`` at a time; results come back as they arrive, and a pool that
fails says so without hiding the others. Closing the iterator cancels the calls not yet answered.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

from cogtui.aws.models import User, UserPoolSummary
from cogtui.aws.user_filter import build_filter
from cogtui.errors import CogtuiError

CONCURRENCY = 4
LIMIT = 10  # users per pool and filter: a palette shows a handful, not a listing
MIN_CHARS = 3
PREFIX = "user "
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_PHONE = re.compile(r"\+[0-9]{3,15}")


@dataclass(frozen=True)
class UserFound:
    pool: UserPoolSummary
    user: User
    filter: str


@dataclass(frozen=True)
class PoolSearchFailed:
    pool: UserPoolSummary
    error: CogtuiError


def search_filters(query: str) -> list[str]:
    """The ListUsers filters for a palette query; empty when the query is not a user search.

    An email, an E.164 phone number or a UUID is searched as typed; any other text only after ``user ``.
    Fewer than ``MIN_CHARS`` characters search nothing.
    """
    text = query.strip()
    explicit = text.lower().startswith(PREFIX.strip()) and (text[4:5].isspace() or len(text) == 4)
    if explicit:
        text = text[4:].strip()
    if len(text) < MIN_CHARS:
        return []
    if "@" in text:
        wanted = [("email", "^="), ("username", "^=")]
    elif _PHONE.fullmatch(text):
        wanted = [("phone_number", "^=")]
    elif _UUID.fullmatch(text):
        wanted = [("sub", "="), ("username", "=")]
    elif explicit:
        wanted = [("username", "^="), ("email", "^=")]
    else:
        return []
    filters = []
    for attribute, operator in wanted:
        try:
            filters.append(build_filter(attribute, operator, text))
        except ValueError:  # longer than Cognito's 256 characters: nothing to search
            return []
    return filters


async def _list(gateway: Any, pool: UserPoolSummary, expression: str) -> list[UserFound]:
    response = await gateway.call(
        "cognito-idp", "ListUsers", UserPoolId=pool.id, Filter=expression, Limit=LIMIT
    )
    return [UserFound(pool, User.from_api(d), expression) for d in response.get("Users") or []]


async def search_users(
    gateway: Any, pools: Sequence[UserPoolSummary], filters: Sequence[str], concurrency: int = CONCURRENCY
) -> AsyncIterator[UserFound | PoolSearchFailed]:
    """Each user found (once per pool, whichever filter found it) and each pool that failed, as they come."""
    limit = asyncio.Semaphore(concurrency)
    failed: set[str] = set()

    async def one(pool: UserPoolSummary, expression: str) -> list[UserFound] | PoolSearchFailed:
        async with limit:
            if pool.id in failed:  # the pool already said no: one failure per pool is enough
                return []
            try:
                return await _list(gateway, pool, expression)
            except CogtuiError as err:
                if pool.id in failed:
                    return []
                failed.add(pool.id)
                return PoolSearchFailed(pool, err)

    tasks = [asyncio.ensure_future(one(pool, f)) for f in filters for pool in pools]
    seen: set[tuple[str, str]] = set()
    try:
        for next_done in asyncio.as_completed(tasks):
            result = await next_done
            if isinstance(result, PoolSearchFailed):
                yield result
                continue
            for found in result:
                key = (found.pool.id, found.user.username)
                if key not in seen:
                    seen.add(key)
                    yield found
    finally:
        for task in tasks:
            task.cancel()
