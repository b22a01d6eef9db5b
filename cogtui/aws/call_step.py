"""What every timeline step has, whichever flow made it: one AWS call (or a local refusal), redacted.

The sign-in steps (:mod:`cogtui.auth.steps`) and the identity-pool steps (:mod:`cogtui.identity.steps`)
add their own fields to this base, so one timeline widget shows both and both share as the same JSON.
No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cogtui.aws.errors import CogtuiError


@dataclass(frozen=True)
class CallStep:
    """One call: what was sent (redacted), what came back (summarised), when, and how it failed."""

    index: int
    operation: str
    title: str
    request: dict[str, Any]
    response: dict[str, Any]
    started_at: float
    duration_ms: float
    request_id: str | None = None
    http_status: int | None = None
    error: CogtuiError | None = field(default=None, compare=False)
    notes: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def error_code(self) -> str | None:
        return self.error.code if self.error else None

    def to_dict(self) -> dict[str, Any]:
        """Redacted, JSON-ready: safe to copy or save and share."""
        out: dict[str, Any] = {
            "index": self.index,
            "operation": self.operation,
            "title": self.title,
            "request": self.request,
            "response": self.response,
            "started_at": self.started_at,
            "duration_ms": round(self.duration_ms, 1),
            "request_id": self.request_id,
            "http_status": self.http_status,
            "notes": list(self.notes),
        }
        if self.error is not None:
            out["error"] = {
                "code": self.error.code,
                "message": self.error.message,
                "operation": self.error.operation,
            }
        return out
