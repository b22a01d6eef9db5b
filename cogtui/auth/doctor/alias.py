"""How Cognito maps what a user types at sign-in to a user of the pool.

A pool signs users in by username, or by email and/or phone number instead of a username
(``UsernameAttributes``: the username is then a generated id), or by username plus aliases
(``AliasAttributes``: email and phone_number only once verified, preferred_username always).
``UsernameConfiguration.CaseSensitive`` False makes username, preferred_username and email match in
any case; a pool that does not say is case sensitive. ``explain_match`` is the rule, pure;
``resolve`` finds the user through the gateway (AdminGetUser, then ListUsers filters) and keeps only
the matches Cognito itself would make.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cogtui.aws.errors import CogtuiError
from cogtui.aws.models import User, UserPool

__all__ = ["Match", "Resolution", "explain_match", "resolve", "search_filters"]

ALIASES = ("email", "phone_number", "preferred_username")
_VERIFIED = {"email": "email_verified", "phone_number": "phone_number_verified"}
_CASELESS = frozenset({"username", "email", "preferred_username"})


@dataclass(frozen=True)
class Match:
    """How a typed name reaches a user: ``via`` is "username", "sub" or an attribute name."""

    via: str
    case_folded: bool = False

    def describe(self, typed: str, user: User) -> str:
        if self.via == "username" and not self.case_folded:
            return f"{typed!r} is the username."
        case = " (in another case: this pool is not case sensitive)" if self.case_folded else ""
        if self.via == "username":
            return f"{typed!r} matches the username {user.username!r}{case}."
        if self.via == "sub":
            return f"{typed!r} is the user's sub; the username is {user.username!r}."
        return f"{typed!r} is the {self.via} of the user {user.username!r}{case}."


@dataclass(frozen=True)
class Resolution:
    """The user a typed name reaches (``user`` None when none), how, and what got in the way."""

    typed: str
    user: User | None
    match: Match | None = None
    error: CogtuiError | None = None  # the user could not be looked up (not: does not exist)
    near_miss: str = ""  # a user this name would reach if something changed (an unverified alias...)


def case_sensitive(pool: UserPool) -> bool:
    return pool.case_sensitive is not False


def _same(a: str, b: str, caseless: bool) -> tuple[bool, bool]:
    """(equal, equal only when case is ignored)."""
    if a == b:
        return True, False
    if caseless and a.lower() == b.lower():
        return True, True
    return False, False


def explain_match(pool: UserPool, user: User, typed: str) -> tuple[Match | None, str]:
    """How ``typed`` signs in as ``user`` in ``pool`` by Cognito's rules: (match, near miss)."""
    folding = not case_sensitive(pool)
    equal, folded = _same(user.username, typed, folding)
    if equal:
        return Match("username", folded), ""
    if typed and typed == user.sub:
        return Match("sub"), ""
    near = ""
    for attribute in ALIASES:
        value = user.attributes.get(attribute, "")
        if not value:
            continue
        equal, folded = _same(value, typed, folding and attribute in _CASELESS)
        if not equal:
            continue
        if attribute in pool.username_attributes:
            return Match(attribute, folded), ""
        if attribute in pool.alias_attributes:
            verified = _VERIFIED.get(attribute)
            if verified is None or user.attributes.get(verified) == "true":
                return Match(attribute, folded), ""
            near = (
                f"{typed!r} is the unverified {attribute} of {user.username!r}: Cognito signs in with an "
                f"{attribute} alias only once it is verified."
            )
        else:
            near = near or (
                f"{typed!r} is the {attribute} of {user.username!r}, but this pool does not sign in by "
                f"{attribute} (neither a username attribute nor an alias)."
            )
    return None, near


def search_filters(pool: UserPool, typed: str) -> list[str]:
    """ListUsers filters that can find the user ``typed`` names when it is not the username itself."""
    quoted = typed.replace("\\", "\\\\").replace('"', '\\"')
    names = ["username", "sub", *ALIASES]
    filters = [f'{name} = "{quoted}"' for name in names]
    if not case_sensitive(pool) and typed.lower() != typed:
        lower = quoted.lower()
        filters += [f'{name} = "{lower}"' for name in ("username", "email", "preferred_username")]
    return filters


async def resolve(gateway: Any, pool: UserPool, typed: str) -> Resolution:
    """Find the user ``typed`` signs in as: AdminGetUser first, then ListUsers by each sign-in attribute.

    A user the endpoint returns that Cognito would not match (an unverified alias, another case in a
    case-sensitive pool) is kept as a near miss, not as the match.
    """
    near = ""
    try:
        user = await gateway.get_user(pool.id, typed)
    except CogtuiError as err:
        if err.code != "UserNotFoundException":
            return Resolution(typed, None, error=err)
    else:
        match, near = explain_match(pool, user, typed)
        if match is not None:
            return Resolution(typed, user, match)
        near = near or (
            f"This endpoint finds {user.username!r} for {typed!r}; Amazon Cognito would not "
            "(this pool's usernames are case sensitive)."
        )
    for expression in search_filters(pool, typed):
        try:
            async for page in gateway.iter_users(pool.id, expression):
                for candidate in page:
                    match, miss = explain_match(pool, candidate, typed)
                    if match is not None:  # listed users lack MFA settings: fetch the whole user
                        return Resolution(typed, await gateway.get_user(pool.id, candidate.username), match)
                    near = near or miss
        except CogtuiError as err:
            if err.code in ("InvalidParameterException", "InvalidParameter"):
                continue  # an attribute this endpoint cannot search by
            return Resolution(typed, None, error=err, near_miss=near)
    return Resolution(typed, None, near_miss=near)
