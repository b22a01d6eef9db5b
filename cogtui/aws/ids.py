"""Shapes of the ids a user types (user pool, app client), checked before any call is made.

The patterns and lengths are botocore's service model for cognito-idp (``UserPoolIdType``,
``ClientIdType``): what real Cognito accepts, and emulators too (``local_Ab12Cd34``). ``\\w`` there is
the ASCII word class of the service's validator, hence ``re.ASCII``. A value that does not fit is
refused with a sentence that shows the expected shape, so a typo never reaches a library that
would fail on it (an SRP client splits the pool id at ``_``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class IdShape:
    """What one kind of id looks like, and how to say so."""

    name: str
    pattern: str
    min_length: int
    max_length: int
    expected: str
    article: str = "a"

    def problem(self, value: str) -> str | None:
        """A sentence saying why ``value`` is not such an id, or None when it fits."""
        if not value:
            return f"the {self.name} is empty (expected {self.expected})"
        shown = _shown(value)
        if len(value) > self.max_length:
            return (
                f"{shown} is not {self.article} {self.name}: at most {self.max_length} characters "
                f"(expected {self.expected})"
            )
        if not re.fullmatch(self.pattern, value, re.ASCII):
            return f"{shown} is not {self.article} {self.name} (expected {self.expected})"
        return None


USER_POOL_ID = IdShape(
    "user pool id",
    r"[\w-]+_[0-9a-zA-Z]+",
    1,
    55,
    "<region>_<letters and digits>, such as us-east-1_AbCdEf123, or an emulator's local_Ab12Cd34",
)
CLIENT_ID = IdShape(
    "app client id",
    r"[\w+]+",
    1,
    128,
    "letters, digits, '_' and '+' only, such as 1example23456789abcdefghij",
    article="an",
)


def _shown(value: str, limit: int = 60) -> str:
    """``value`` quoted for a message: control characters escaped, long values cut."""
    text = value if len(value) <= limit else value[: limit - 1] + "…"
    return repr(text)
