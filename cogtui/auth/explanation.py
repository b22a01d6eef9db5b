"""An explanation of a failed call (cause and next step), and the shape of the rules that produce one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cogtui.auth.context import ExplainContext
from cogtui.aws.errors import CogtuiError


@dataclass(frozen=True)
class Explanation:
    """Why the call failed, in plain words, and what to do next. ``key`` names the catalogue entry."""

    key: str
    cause: str
    next_step: str

    def to_dict(self) -> dict[str, str]:
        return {"key": self.key, "cause": self.cause, "next_step": self.next_step}

    def describe(self) -> str:
        return f"{self.cause}\nNext: {self.next_step}"


Rule = Callable[[CogtuiError, ExplainContext], "Explanation | None"]


def message_of(err: CogtuiError) -> str:
    """The error message, lower-cased, for matching Cognito's texts."""
    return (err.message or "").lower()
