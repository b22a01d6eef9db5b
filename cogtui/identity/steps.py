"""Timeline steps of an identity-pool exchange: one per AWS call, secrets redacted.

Each step is a :class:`~cogtui.aws.call_step.CallStep`, as the sign-in timeline's are, plus its service
and diagnosis, so one timeline widget shows both.
``StepRecorder`` makes each call through the gateway and records its step; a refused call becomes a
failed step with its diagnosis instead of an exception.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cogtui.aws.call_step import CallStep
from cogtui.aws.errors import CogtuiError
from cogtui.aws.gateway import summarize
from cogtui.aws.trace import redact
from cogtui.identity.diagnosis import Diagnosis, DiagnosisContext, diagnose_error

if TYPE_CHECKING:
    from cogtui.aws.gateway import Gateway

__all__ = ["Step", "StepRecorder"]


@dataclass(frozen=True)
class Step(CallStep):
    """One entry of the identity-pool timeline: a call, its service, and the diagnosis of a refusal."""

    diagnosis: Diagnosis | None = None
    service: str = "cognito-identity"

    @property
    def explanation(self) -> Diagnosis | None:
        """The failure's cause and next step (named as on the sign-in timeline)."""
        return self.diagnosis

    def to_dict(self) -> dict[str, Any]:
        out = {"service": self.service, **super().to_dict()}
        if self.diagnosis is not None:
            out["explanation"] = self.diagnosis.to_dict()
        return out


def jsonable(value: Any) -> Any:
    """Datetimes as ISO 8601 strings, recursively, so a step's response is JSON-ready."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


class StepRecorder:
    """Makes the calls of one exchange and keeps their steps; ``on_step`` sees each one as it ends."""

    def __init__(
        self, gateway: Gateway, context: DiagnosisContext, on_step: Callable[[Step], Any] | None = None
    ) -> None:
        self.gateway = gateway
        self.context = context
        self.on_step = on_step
        self.steps: list[Step] = []

    async def call(
        self,
        service: str,
        operation: str,
        params: dict[str, Any],
        *,
        title: str | None = None,
        note: Callable[[dict[str, Any]], str] | None = None,
    ) -> dict[str, Any] | None:
        """The raw response, or None when the call failed (the failed step is recorded)."""
        common = {
            "index": len(self.steps) + 1,
            "operation": operation,
            "title": title or operation,
            "request": redact(params),
            "started_at": time.time(),
            "service": service,
        }
        t0 = time.perf_counter()
        try:
            response = await self.gateway.call(service, operation, **params)
        except CogtuiError as err:
            self._emit(
                Step(
                    **common,
                    response={},
                    duration_ms=(time.perf_counter() - t0) * 1000,
                    request_id=err.request_id,
                    http_status=err.http_status,
                    error=err,
                    diagnosis=diagnose_error(err, self.context),
                )
            )
            return None
        meta = response.get("ResponseMetadata") or {}
        text = note(response) if note else ""
        self._emit(
            Step(
                **common,
                response=jsonable(redact(summarize(response))),
                duration_ms=(time.perf_counter() - t0) * 1000,
                request_id=meta.get("RequestId") or None,
                http_status=meta.get("HTTPStatusCode"),
                notes=(text,) if text else (),
            )
        )
        return response

    def _emit(self, step: Step) -> None:
        self.steps.append(step)
        if self.on_step is not None:
            self.on_step(step)
